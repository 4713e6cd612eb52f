/** Each level's figures in each mode: samples pooled over the repetitions, added = mode minus direct. */
import { BenchSettings, LevelResult, Mode, PointResult } from './results';
import { Summary, median, summarize } from './stats';

export function levelResults(
  settings: BenchSettings,
  points: PointResult[],
  windowed: Map<string, Float64Array[]>,
): LevelResult[] {
  const out: LevelResult[] = [];
  const pooled = (mode: Mode, level: number): Summary => {
    const parts = windowed.get(`${mode}/${level}`) ?? [];
    const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return summarize(all);
  };
  for (const level of settings.levels) {
    const direct = pooled('direct', level);
    const modes = (['direct', 'floor', ...settings.hubs] as Mode[]).filter((m) => points.some((p) => p.mode === m));
    for (const mode of modes) {
      const latency = pooled(mode, level);
      const mine = points.filter((p) => p.mode === mode && p.level === level);
      const byRep = (pick: (s: Summary) => number): number[] =>
        mode === 'direct'
          ? []
          : mine.map((p) => {
              const d = points.find((q) => q.mode === 'direct' && q.level === level && q.rep === p.rep);
              return d ? pick(p.latency) - pick(d.latency) : NaN;
            });
      const med = (pick: (p: PointResult) => number | null): number | null => {
        const v = mine.map(pick).filter((x): x is number => x !== null && Number.isFinite(x));
        return v.length ? median(v) : null;
      };
      out.push({
        level,
        mode,
        latency,
        addedP50: mode === 'direct' ? null : latency.p50 - direct.p50,
        addedP99: mode === 'direct' ? null : latency.p99 - direct.p99,
        addedP50ByRep: byRep((s) => s.p50),
        addedP99ByRep: byRep((s) => s.p99),
        serverCpuPct: med((p) => p.serverCpuPct),
        serverMainPct: med((p) => p.serverMainPct),
        serverWaitPct: med((p) => p.serverWaitPct),
        serverCpuPerChunkUs: med((p) => p.serverCpuPerChunkUs),
        failures: mine.reduce((n, p) => n + p.failures, 0),
        repP50: mine.map((p) => p.latency.p50),
        repP99: mine.map((p) => p.latency.p99),
        repCpuPerChunkUs: mine.flatMap((p) => (p.serverCpuPerChunkUs === null ? [] : [p.serverCpuPerChunkUs])),
        loopDelayP50Ms: med((p) => p.loopDelayP50Ms),
        loopDelayP99Ms: med((p) => p.loopDelayP99Ms),
        readCallsPerChunk: med((p) => p.readCallsPerChunk),
        writeCallsPerChunk: med((p) => p.writeCallsPerChunk),
      });
    }
  }
  return out;
}
