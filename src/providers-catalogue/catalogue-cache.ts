/**
 * A small TTL cache with in-flight coalescing: concurrent misses for one key share one fetch, and
 * a failed fetch is not cached (the next request tries again). Pure apart from the clock it is given.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, fetch: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return Promise.resolve(hit.value);
    const running = this.pending.get(key);
    if (running) return running;
    const started = fetch().then(
      (value) => {
        this.pending.delete(key);
        this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
        return value;
      },
      (err: unknown) => {
        this.pending.delete(key);
        throw err;
      },
    );
    this.pending.set(key, started);
    return started;
  }
}
