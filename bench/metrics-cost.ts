/**
 * What the metrics cost on the hot path: two fresh in-process servers, one with its metrics on and
 * one with `METRICS_ENABLED=false`, alike in all else (both only warmed up, so neither carries the
 * other phases' heap), run at the detail level alternately, `reps` times each, same pinning and load.
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
  if (!fixtures.has('memory')) return null;
  log('metrics: starting two fresh in-process servers, metrics on and off');
  const on = await startFixture('memory', standIn, settings, workDir, '', '', {
    name: 'memory-metrics-on',
    env: { METRICS_ENABLED: 'true' },
  });
  const off = await startFixture('memory', standIn, settings, workDir, '', '', {
    name: 'memory-metrics-off',
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
    for (const fx of [on, off]) await warmUp(new Map<Relay, Fixture<Relay>>([['memory', fx]]), standIn);
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
    await stopFixture(on);
    await stopFixture(off);
  }
  return result;
}
