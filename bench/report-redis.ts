/** The Redis hub against the in-process one: end-to-end figures side by side, and the worst p50 ratio. */
import { f, level, ttft } from './report-figures';
import { BenchResults } from './results';

export function redisComparison(r: BenchResults): string {
  const rows: string[] = ['| figure | in-process | Redis | Redis / in-process |', '|---|---:|---:|---:|'];
  const ratio = (a: number | null | undefined, b: number | null | undefined): string =>
    a && b && Number.isFinite(a) && Number.isFinite(b) ? `${((b / a - 1) * 100).toFixed(1)} %` : '–';
  for (const lvl of r.settings.levels) {
    const a = level(r, 'memory', lvl);
    const b = level(r, 'redis', lvl);
    rows.push(
      `| end-to-end chunk latency p50, N=${lvl} (ms) | ${f(a?.latency.p50)} | ${f(b?.latency.p50)} | ${ratio(a?.latency.p50, b?.latency.p50)} |`,
    );
    rows.push(
      `| end-to-end chunk latency p99, N=${lvl} (ms) | ${f(a?.latency.p99)} | ${f(b?.latency.p99)} | ${ratio(a?.latency.p99, b?.latency.p99)} |`,
    );
    rows.push(
      `| server CPU per chunk, N=${lvl} (µs) | ${f(a?.serverCpuPerChunkUs, 0)} | ${f(b?.serverCpuPerChunkUs, 0)} | ${ratio(a?.serverCpuPerChunkUs, b?.serverCpuPerChunkUs)} |`,
    );
  }
  for (const h of [0, r.settings.historyMessages]) {
    const a = ttft(r, 'memory', h);
    const b = ttft(r, 'redis', h);
    rows.push(
      `| time to first token p50 as observed, ${h} earlier messages (ms) | ${f(a?.observed.p50)} | ${f(b?.observed.p50)} | ${ratio(a?.observed.p50, b?.observed.p50)} |`,
    );
  }
  const ma = r.memory.find((x) => x.hub === 'memory');
  const mb = r.memory.find((x) => x.hub === 'redis');
  rows.push(
    `| memory per live generation (KiB) | ${f(ma?.perLiveGenerationKiB, 1)} | ${f(mb?.perLiveGenerationKiB, 1)} | ${ratio(ma?.perLiveGenerationKiB, mb?.perLiveGenerationKiB)} |`,
  );
  return [
    "A peer project's Redis mode is reported to cost 16–19 % of response time; the targets here are CPU per chunk within",
    '1.2× and p50 chunk latency within 25 % of in-process (see Targets).',
    'Response time, for a user, is the time to first token and the delay of each chunk, so those are compared (the',
    'end-to-end figures, stand-in to client, not only the added part, whose small size makes its ratio meaningless).',
    '',
    ...rows,
  ].join('\n');
}
