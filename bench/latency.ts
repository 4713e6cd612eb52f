/** Chunk latency at one concurrency level in one mode, with the CPU counters over its steady window. */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Fixture } from './fixtures';
import { POSTER, Sink, TAB, directGeneration, relayGeneration } from './generation';
import { log } from './log';
import { readProfileResult } from './profile-summary';
import { LoopDelay, scrapeLoopDelay } from './loop-delay';
import { BenchSettings, Hub, Mode, PointResult, ProfileResult, Relay, levelPlan } from './results';
import { ProcessStats, processStats } from './server-process';
import { nowNsNumber } from './sse-reader';
import { SampleColumns, median, summarize } from './stats';
import { BenchScenario, scenarioMessage } from './stamp';
import { StandIn } from './stand-in-process';

/** Something run on the server for part of the steady window (strace): started 1 s in, stopped `lengthMs` later. */
export interface WindowProbe {
  lengthMs: number;
  start(pid: number): void;
  stop(): Promise<void>;
}

/** What a probe saw: the upstream chunks sent while it ran, and for how long it ran. */
export interface ProbeSpan {
  chunks: number;
  spanS: number;
}

interface StatsSample {
  atNs: number;
  server: ProcessStats | null;
  standInCpuS: number;
  client: NodeJS.CpuUsage;
}

export async function latencyPoint(
  mode: Mode,
  level: number,
  rep: number,
  settings: BenchSettings,
  standIn: StandIn,
  fixtures: Map<Relay, Fixture<Relay>>,
  profiles: ProfileResult[],
  probe?: WindowProbe,
): Promise<{ point: PointResult; windowed: Float64Array; probeSpan: ProbeSpan | null }> {
  const fx = mode === 'direct' ? null : fixtures.get(mode)!;
  const { rampMs, chunks } = levelPlan(level, settings);
  const barrierId = `${mode}-${level}-${rep}-${randomBytes(3).toString('hex')}`;
  // Generations are spread evenly over one chunk interval, as independent streams would be.
  const scenarioOf = (i: number): BenchScenario => ({
    kind: 'barrier',
    id: barrierId,
    n: chunks,
    ms: settings.intervalMs,
    offsetMs: Math.floor((i * settings.intervalMs) / level),
  });
  const columns = new SampleColumns(level * 2 * (chunks + 4));
  const lastSent = new Float64Array(level).fill(-Infinity);
  const loadAvg1 = loadavg()[0];

  // A timeline of CPU counters, to read them over the steady window once it is known.
  const timeline: StatsSample[] = [];
  const sample = (): void =>
    void timeline.push({
      atNs: nowNsNumber(),
      server: fx?.server.stats() ?? null,
      standInCpuS: processStats(standIn.pid).cpuS,
      client: process.cpuUsage(),
    });
  sample();
  const sampler = setInterval(sample, 250);

  // The barrier opens once every generation has streamed its first chunk (or failed): from then
  // on nothing starts, and all of them stream together for the steady window.
  let settled = 0;
  let releasedAt = 0;
  let profileStop = null as Promise<string | null> | null; // set by release()
  let loopDelay = null as Promise<LoopDelay | null> | null; // set by release()
  let probeDone = null as Promise<[number, number]> | null; // set by release(): the probe's start and stop
  const tail = Math.max(1000, settings.steadyMs - 500);
  // Only in a run of its own (rep 0, see latencyPhase): the profiler slows the server, so its figures are not kept.
  const profiling = fx !== null && settings.profile?.hub === mode && settings.profile.level === level && rep === 0;
  const release = (): void => {
    if (releasedAt) return;
    releasedAt = nowNsNumber();
    standIn.release(barrierId);
    if (fx) {
      // The first scrape (1 s in, once every generation streams) starts the server's delay histogram afresh.
      const url = fx.server.url;
      loopDelay = sleep(1000)
        .then(() => scrapeLoopDelay(url))
        .then(() => sleep(tail - 1000))
        .then(() => scrapeLoopDelay(url));
    }
    if (fx && probe) {
      const pid = fx.server.pid;
      probeDone = sleep(1000).then(async () => {
        const t0 = nowNsNumber();
        probe.start(pid);
        await sleep(probe.lengthMs);
        const t1 = nowNsNumber();
        await probe.stop();
        return [t0, t1];
      });
    }
    if (profiling) {
      const length = Math.max(1000, Math.min(6000, settings.steadyMs - 1500));
      profileStop = sleep(1000)
        .then(() => fx.server.toggleProfile(false, 1))
        .then(() => sleep(length))
        .then(() => fx.server.toggleProfile(true, 1));
    }
  };
  const onSettled = (): void => {
    if (++settled === level) setTimeout(release, 500);
  };
  // However slow the starts, the run goes on (and stays bounded).
  const safety = setTimeout(release, rampMs + 120_000);

  const outcomes = await Promise.all(
    Array.from({ length: level }, async (_, i) => {
      await sleep((i * rampMs) / level);
      let first = true as boolean; // until the sink's first poster sample
      const sink: Sink = (sent, received, tag) => {
        columns.push(sent, (received - sent) / 1e6, tag);
        if (first && tag === POSTER) {
          first = false;
          onSettled();
        }
        if (sent > lastSent[i]) lastSent[i] = sent;
      };
      const scenario = scenarioOf(i);
      const outcome = await (fx
        ? relayGeneration(fx, fx.sessions[i], scenario, true, sink)
        : directGeneration(standIn, [{ role: 'user', content: scenarioMessage(scenario) }], sink));
      if (first) onSettled(); // failed before streaming
      return outcome;
    }),
  );
  clearTimeout(safety);
  clearInterval(sampler);
  sample();

  if (profileStop !== null && fx) {
    const file = await profileStop;
    if (file) {
      profiles.push(readProfileResult(mode as Hub, level, file));
      log(`profile of ${mode}@${level}: ${file}`);
    }
  }

  const delay = loopDelay ? await loopDelay : null;
  let probeSpan: ProbeSpan | null = null;
  if (probeDone) {
    const [t0, t1] = await probeDone;
    probeSpan = { chunks: columns.selectB(t0, t1, POSTER).length, spanS: (t1 - t0) / 1e9 };
  }

  const ok = outcomes.filter((o) => !o.failure);
  // From the moment every generation is past its offset to the first generation's last chunk.
  const windowStart = releasedAt + settings.intervalMs * 1e6;
  const windowEnd = Math.min(...Array.from(lastSent).filter(Number.isFinite));
  const steady = releasedAt > 0 && windowEnd - windowStart >= 1e9;
  const [from, to] = steady ? [windowStart, windowEnd] : [timeline[0].atNs, timeline[timeline.length - 1].atNs];
  const windowed = columns.selectB(from, to);
  const upstreamChunks = columns.selectB(from, to, POSTER).length;

  // Counters at the first sample inside the window and the last one inside it.
  const inside = timeline.filter((t) => t.atNs >= from && t.atNs <= to);
  const [c0, c1] =
    inside.length >= 2 ? [inside[0], inside[inside.length - 1]] : [timeline[0], timeline[timeline.length - 1]];
  const spanS = (c1.atNs - c0.atNs) / 1e9;
  const chunksInSpan = columns.selectB(c0.atNs, c1.atNs, POSTER).length;
  const pct = (seconds: number): number => (seconds / spanS) * 100;
  const clientS = (c1.client.user + c1.client.system - c0.client.user - c0.client.system) / 1e6;
  const point: PointResult = {
    mode,
    level,
    rep,
    latency: summarize(windowed),
    poster: summarize(columns.selectB(from, to, POSTER)),
    tab: fx ? summarize(columns.selectB(from, to, TAB)) : null,
    windowS: steady ? (windowEnd - windowStart) / 1e9 : 0,
    steady,
    generations: level,
    chunksPerGeneration: chunks,
    rampS: releasedAt ? (releasedAt - timeline[0].atNs) / 1e9 : NaN,
    upstreamChunks,
    failures: level - ok.length,
    failureExamples: [...new Set(outcomes.filter((o) => o.failure).map((o) => o.failure!))].slice(0, 3),
    serverCpuPct: c0.server && c1.server ? pct(c1.server.cpuS - c0.server.cpuS) : null,
    serverMainPct: c0.server && c1.server ? pct((c1.server.mainRunNs - c0.server.mainRunNs) / 1e9) : null,
    serverWaitPct: c0.server && c1.server ? pct((c1.server.mainWaitNs - c0.server.mainWaitNs) / 1e9) : null,
    serverCpuPerChunkUs:
      c0.server && c1.server && chunksInSpan > 0
        ? (c1.server.mainRunNs - c0.server.mainRunNs) / 1e3 / chunksInSpan
        : null,
    standInCpuPct: pct(c1.standInCpuS - c0.standInCpuS),
    clientCpuPct: pct(clientS),
    medianGenerationS: median(outcomes.map((o) => (o.poster.endedNs - o.poster.startedNs) / 1e9)),
    loadAvg1,
    readCallsPerChunk:
      c0.server && c1.server && chunksInSpan > 0
        ? (c1.server.mainReadCalls - c0.server.mainReadCalls) / chunksInSpan
        : null,
    writeCallsPerChunk:
      c0.server && c1.server && chunksInSpan > 0
        ? (c1.server.mainWriteCalls - c0.server.mainWriteCalls) / chunksInSpan
        : null,
    loopDelayP50Ms: delay?.p50 ?? null,
    loopDelayP99Ms: delay?.p99 ?? null,
  };
  return { point, windowed, probeSpan };
}

/**
 * The phase: every level, `reps` times, in every mode (direct first, then each hub), the order
 * rotated each repetition; a line per point. Returns the points and each one's windowed samples.
 */
export async function latencyPhase(
  settings: BenchSettings,
  standIn: StandIn,
  fixtures: Map<Relay, Fixture<Relay>>,
  profiles: ProfileResult[],
): Promise<{ points: PointResult[]; windowed: Map<string, Float64Array[]> }> {
  const modes: Mode[] = ['direct', ...(fixtures.has('floor') ? (['floor'] as const) : []), ...settings.hubs];
  const points: PointResult[] = [];
  const windowed = new Map<string, Float64Array[]>();
  for (const level of settings.levels) {
    for (let rep = 1; rep <= settings.reps; rep++) {
      const order = modes.map((_, i) => modes[(i + rep - 1) % modes.length]);
      for (const mode of order) {
        await sleep(1000);
        const { point, windowed: w } = await latencyPoint(mode, level, rep, settings, standIn, fixtures, profiles);
        points.push(point);
        const k = `${mode}/${level}`;
        windowed.set(k, [...(windowed.get(k) ?? []), w]);
        log(
          `  ${mode}@${level} rep ${rep}: p50 ${point.latency.p50.toFixed(2)} p99 ${point.latency.p99.toFixed(2)} ms (n ${point.latency.n}, window ${point.windowS.toFixed(1)} s)` +
            `, server main thread ${point.serverMainPct?.toFixed(0) ?? '-'}% busy, ${point.serverWaitPct?.toFixed(0) ?? '-'}% waiting for a cpu, ${point.serverCpuPerChunkUs?.toFixed(0) ?? '-'} µs/chunk, ${point.readCallsPerChunk?.toFixed(2) ?? '-'} reads + ${point.writeCallsPerChunk?.toFixed(2) ?? '-'} writes/chunk; stand-in ${point.standInCpuPct.toFixed(0)}% client ${point.clientCpuPct.toFixed(0)}%` +
            `, loop delay p99 ${point.loopDelayP99Ms?.toFixed(1) ?? '-'} ms, load ${point.loadAvg1.toFixed(1)}${point.failures ? `, ${point.failures} FAILED: ${point.failureExamples.join(' | ')}` : ''}`,
        );
      }
    }
    const profile = settings.profile;
    if (profile?.level === level && fixtures.has(profile.hub)) {
      log(`  an extra run of ${profile.hub}@${level} under the CPU profiler (its figures are not kept)`);
      await sleep(1000);
      await latencyPoint(profile.hub, level, 0, settings, standIn, fixtures, profiles);
    }
  }
  return { points, windowed };
}
