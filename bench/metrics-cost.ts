/**
 * What the metrics cost on the hot path: the in-process hub at the detail level, alternately with
 * its metrics on (the server every other phase uses) and on a second server with
 * `METRICS_ENABLED=false`, `reps` times each, same pinning and load.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Fixture, startFixture, stopFixture } from './fixtures';
import { warmUp } from './generation';
import { latencyPoint } from './latency';
import { log } from './log';
import { BenchSettings, Hub, MetricsCostResult, Relay } from './results';
import { StandIn } from './stand-in-process';

export async function metricsCostPhase(
  settings: BenchSettings,
  standIn: StandIn,
  fixtures: Map<Hub, Fixture>,
  workDir: string,
): Promise<MetricsCostResult | null> {
  const on = fixtures.get('memory');
  if (!on) return null;
  log('metrics: starting a second in-process Hearth with METRICS_ENABLED=false');
  const off = await startFixture('memory', standIn, settings, workDir, '', '', {
    name: 'memory-no-metrics',
    env: { METRICS_ENABLED: 'false' },
  });
  const result: MetricsCostResult = {
    level: settings.detailLevel,
    cpuPerChunkOnUs: [],
    cpuPerChunkOffUs: [],
    p99OnMs: [],
    p99OffMs: [],
  };
  try {
    await warmUp(new Map<Relay, Fixture<Relay>>([['memory', off]]), standIn);
    for (let rep = 1; rep <= settings.reps; rep++) {
      // Rotated, so neither always runs first.
      const order = rep % 2 ? [true, false] : [false, true];
      for (const metrics of order) {
        await sleep(1000);
        const relays = new Map<Relay, Fixture<Relay>>([['memory', metrics ? on : off]]);
        const { point } = await latencyPoint('memory', result.level, 0, settings, standIn, relays, []);
        (metrics ? result.cpuPerChunkOnUs : result.cpuPerChunkOffUs).push(point.serverCpuPerChunkUs ?? NaN);
        (metrics ? result.p99OnMs : result.p99OffMs).push(point.latency.p99);
        log(
          `  metrics ${metrics ? 'on ' : 'off'} rep ${rep}: ${point.serverCpuPerChunkUs?.toFixed(1) ?? '-'} µs/chunk, p99 ${point.latency.p99.toFixed(2)} ms`,
        );
      }
    }
  } finally {
    await stopFixture(off);
  }
  return result;
}
