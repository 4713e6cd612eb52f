/**
 * A label-free Prometheus histogram for the relay's hot path, where prom-client's own observe()
 * costs ~250 ns and several short-lived objects per call (a closure, a labels object, a hash),
 * enough to show in GC at hundreds of thousands of chunks. Here observe() is a bucket search and
 * three additions on preallocated numbers; the exposition text is built only when scraped, in the
 * same format prom-client writes (latency-histogram.spec.ts compares the two).
 */
export class LatencyHistogram {
  private readonly bounds: Float64Array;
  /** Per bucket, not cumulative: counts[i] is the observations in (bounds[i-1], bounds[i]]; the last is +Inf. */
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    private readonly help: string,
    buckets: readonly number[],
  ) {
    this.bounds = Float64Array.from([...buckets].sort((a, b) => a - b));
    this.counts = new Float64Array(this.bounds.length + 1);
  }

  observe(seconds: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]) i++;
    this.counts[i]++;
    this.sum += seconds;
    this.count++;
  }

  /** The metric in the Prometheus text format (0.0.4), without a trailing newline. */
  exposition(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    let cumulative = 0;
    for (let i = 0; i < this.bounds.length; i++) {
      cumulative += this.counts[i];
      lines.push(`${this.name}_bucket{le="${this.bounds[i]}"} ${cumulative}`);
    }
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
    lines.push(`${this.name}_sum ${this.sum}`);
    lines.push(`${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}
