import { Histogram, Registry } from 'prom-client';
import { LatencyHistogram } from './latency-histogram';

const BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** prom-client's own histogram with the same name and buckets: the exposition to match. */
async function promClientText(values: number[]): Promise<string> {
  const registry = new Registry();
  const reference = new Histogram({
    name: 'relay_seconds',
    help: 'Relay latency',
    buckets: BUCKETS,
    registers: [registry],
  });
  for (const v of values) reference.observe(v);
  return (await registry.metrics()).trimEnd();
}

describe(LatencyHistogram.name, () => {
  it('writes what prom-client writes for the same observations, bounds included', async () => {
    // On a bound (counted in it), between bounds, past the last one, and zero.
    const values = [0, 0.0001, 0.00011, 0.0004, 0.001, 0.003, 0.02, 0.1, 0.5, 2];
    const sut = new LatencyHistogram('relay_seconds', 'Relay latency', BUCKETS);
    for (const v of values) sut.observe(v);
    expect(sut.exposition()).toBe(await promClientText(values));
    expect(sut.exposition()).toMatch(/^relay_seconds_bucket\{le="0.0001"\} 2$/m);
    expect(sut.exposition()).toMatch(/^relay_seconds_bucket\{le="0.1"\} 8$/m);
    expect(sut.exposition()).toMatch(/^relay_seconds_count 10$/m);
  });

  it('writes zeros before any observation, as prom-client does', async () => {
    expect(new LatencyHistogram('relay_seconds', 'Relay latency', BUCKETS).exposition()).toBe(await promClientText([]));
  });

  it('sorts its buckets', () => {
    const sut = new LatencyHistogram('h', 'h', [0.01, 0.001]);
    sut.observe(0.005);
    expect(sut.exposition().split('\n').slice(2, 4)).toEqual(['h_bucket{le="0.001"} 0', 'h_bucket{le="0.01"} 1']);
  });
});
