import { randomBytes } from 'node:crypto';
import { Server, Socket, connect, createServer } from 'node:net';
import { RedisStreamHub } from './redis-stream-hub';
import { SCRIPTS } from './scripts';
import { COUNTS_PER_CALL } from './session-feeds';
import type { HubConnection } from '../stream-hub';

/**
 * The tick's count refresh over two hubs sharing the machine's Redis (under a prefix of this
 * run's own), with a short lease: instance A reaches Redis through a proxy the test can cut, as
 * a crash or a network split would look to Redis (no goodbye, its counts simply stop being
 * written).
 */
const REDIS_URL = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Counts expire this long after their last refresh; the tick refreshes them every third of it. */
const LEASE_MS = 600;

/** A TCP relay to Redis; cut() drops every connection through it and refuses new ones. */
class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {}

  static async start(target: string): Promise<CuttableProxy> {
    const { hostname, port } = new URL(target);
    const server = createServer();
    const proxy = new CuttableProxy(server);
    server.on('connection', (client) => {
      const upstream = connect(Number(port || 6379), hostname);
      for (const s of [client, upstream]) {
        proxy.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('RedisStreamHub connection counts refreshed at the tick', () => {
  const prefix = `hearth-spec-${randomBytes(4).toString('hex')}:`;
  let proxy: CuttableProxy;
  let a: RedisStreamHub;
  let b: RedisStreamHub;
  beforeAll(async () => {
    proxy = await CuttableProxy.start(REDIS_URL);
    a = new RedisStreamHub({ url: proxy.url, keyPrefix: prefix, leaseMs: LEASE_MS });
    b = new RedisStreamHub({ url: REDIS_URL, keyPrefix: prefix, leaseMs: LEASE_MS });
    await a.onModuleInit();
    await b.onModuleInit();
  });
  afterAll(async () => {
    await Promise.all([a.onApplicationShutdown(), b.onApplicationShutdown()]);
    await proxy.cut();
  });

  it("keeps A's tabs counted by B across many leases in a few calls per tick, and stops once A is gone", async () => {
    // One more session than a call takes: the refresh needs two calls a tick.
    const sessions = Array.from({ length: COUNTS_PER_CALL + 1 }, (_, i) => i + 1);
    const first = sessions[0];
    const last = sessions[sessions.length - 1];
    const tabs: HubConnection[] = await Promise.all(sessions.map((id) => a.connect(id, { mode: 'session' })));
    // B watches the counts of a session in each of A's calls (a generation it runs would).
    const seen = new Map<number, number[]>([
      [first, []],
      [last, []],
    ]);
    const watches = [...seen].map(([id, counts]) => b.connectionCount(id).subscribe((n) => counts.push(n)));
    await until(() => [...seen.values()].every((c) => c.at(-1) === 1), "B's first counts", 5000);

    const refreshes = jest.spyOn(SCRIPTS.connectionsRefresh, 'run');
    const singles = jest.spyOn(SCRIPTS.connections, 'run');
    const started = Date.now();
    // Five leases: A's counts, written once at connect, would each have expired four times over.
    while (Date.now() - started < LEASE_MS * 5) {
      for (const id of [first, last]) expect((await b.status(id)).connections).toBe(1);
      await new Promise((r) => setTimeout(r, LEASE_MS / 6));
    }
    const elapsed = Date.now() - started;
    const byA = (calls: Array<Array<unknown>>) => calls.filter((args) => (args[2] as unknown[])[0] === a.instanceId);
    const aRefreshes = byA(refreshes.mock.calls);
    const aTicks = aRefreshes.length / 2;
    // Two calls (a full one, then the one session left) per tick of A, and never one per session.
    expect(aRefreshes.map((args) => (args[1] as string[]).length).sort((x, y) => x - y)).toEqual([
      ...Array<number>(aTicks).fill(1),
      ...Array<number>(aTicks).fill(COUNTS_PER_CALL),
    ]);
    expect(aTicks).toBeGreaterThanOrEqual(4);
    expect(aTicks).toBeLessThanOrEqual(Math.ceil(elapsed / (LEASE_MS / 3)) + 1);
    expect(byA(singles.mock.calls)).toEqual([]);
    refreshes.mockRestore();
    singles.mockRestore();
    expect([...seen.values()].flat().every((n) => n === 1)).toBe(true);

    // A is gone without a goodbye: B's own tick finds its counts expired and tells B's observers.
    const cutAt = Date.now();
    await proxy.cut();
    await until(() => [...seen.values()].every((c) => c.at(-1) === 0), "A's counts to expire", LEASE_MS * 5);
    // Expiry (a lease after A's last refresh) and one tick of B, with room for a busy machine.
    expect(Date.now() - cutAt).toBeLessThan(LEASE_MS * 3);
    expect((await b.status(first)).connections).toBe(0);
    expect((await b.status(sessions[COUNTS_PER_CALL / 2])).connections).toBe(0);

    for (const w of watches) w.unsubscribe();
    // A's tabs are left as they are: a dead instance closes nothing.
    expect(tabs).toHaveLength(sessions.length);
  });
});
