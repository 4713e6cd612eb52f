import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BenchResults, HUB_LABEL, Hub, LevelResult, Mode, TtftResult, levelPlan } from './results';

const TARGET_ADDED_P99_MS = 5;
const TARGET_LEVEL = 500;
const TARGET_ADDED_TTFT_MS = 10;

const f = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits);

/** Writes docs/benchmarks.md, docs/bench/added-latency.svg (+ .png) and docs/bench/results.json; returns the paths. */
export function writeReport(results: BenchResults, docsDir: string): string[] {
  const written: string[] = [];
  const svgPath = join(docsDir, 'bench', 'added-latency.svg');
  writeFileSync(svgPath, addedLatencySvg(results));
  written.push(svgPath);
  const pngPath = svgPath.replace(/\.svg$/, '.png');
  let png = false;
  try {
    execFileSync('rsvg-convert', ['-b', 'white', '-o', pngPath, svgPath], { stdio: 'ignore' });
    png = true;
    written.push(pngPath);
  } catch {
    /* rsvg-convert not installed: the SVG alone */
  }
  const jsonPath = join(docsDir, 'bench', 'results.json');
  writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n');
  written.push(jsonPath);
  for (const p of results.profiles) {
    const txt = join(docsDir, 'bench', `profile-${p.hub}-${p.level || 'ttft'}.txt`);
    writeFileSync(txt, p.summaryText + '\n');
    written.push(txt);
  }
  const mdPath = join(docsDir, 'benchmarks.md');
  writeFileSync(mdPath, markdown(results, docsDir, png));
  written.push(mdPath);
  return written;
}

function level(results: BenchResults, mode: Mode, lvl: number): LevelResult | undefined {
  return results.levels.find((l) => l.mode === mode && l.level === lvl);
}

function ttft(results: BenchResults, mode: Mode, history: number): TtftResult | undefined {
  return results.ttft.find((t) => t.mode === mode && t.history === history);
}

/** Observed time to first token through Hearth minus observed directly, same history (p50s). */
function beyondDirect(r: BenchResults, mode: Mode, history: number): number | null {
  const a = ttft(r, mode, history)?.observed.p50;
  const d = ttft(r, 'direct', history)?.observed.p50;
  return a === undefined || d === undefined ? null : a - d;
}

function verdict(value: number | null | undefined, limit: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value < limit ? 'met' : '**missed**';
}

function markdown(r: BenchResults, docsDir: string, png: boolean): string {
  const s = r.settings;
  const m = r.machine;
  const hubs = s.hubs;
  const history = s.historyMessages;
  const lines: string[] = [];
  const push = (...l: string[]): void => void lines.push(...l);

  push(
    '# Benchmarks: what the relay costs',
    '',
    `Written by \`${m.command}\` on ${m.date.slice(0, 16).replace('T', ' ')} UTC (commit ${m.commit}); every figure below is`,
    'from that one run. Run it again to refresh this page (it is rewritten whole, the analysis at the end',
    'comes from `docs/bench/analysis.md`). The run is not part of the test suite.',
    '',
    '## Targets',
    '',
    `| figure | ${hubs.map((h) => HUB_LABEL[h]).join(' | ')} | target |`,
    `|---|${hubs.map(() => '---').join('|')}|---|`,
  );
  const tl = s.levels.includes(TARGET_LEVEL) ? TARGET_LEVEL : s.levels[Math.floor(s.levels.length / 2)];
  push(
    `| added p99 chunk latency, ${tl} concurrent generations | ${hubs
      .map((h) => {
        const l = level(r, h, tl);
        return `${f(l?.addedP99)} ms (${verdict(l?.addedP99, TARGET_ADDED_P99_MS)})`;
      })
      .join(' | ')} | < ${TARGET_ADDED_P99_MS} ms |`,
    `| added time to first token, ${history} earlier messages (p50; p90) | ${hubs
      .map((h) => {
        const t = ttft(r, h, history);
        return `${f(t?.added.p50)} ms; ${f(t?.added.p90)} ms (${verdict(t?.added.p50, TARGET_ADDED_TTFT_MS)})`;
      })
      .join(' | ')} | < ${TARGET_ADDED_TTFT_MS} ms |`,
    `| the same beyond what a client posting that prompt itself pays (p50) | ${hubs
      .map((h) => {
        const v = beyondDirect(r, h, history);
        return `${f(v)} ms (${verdict(v, TARGET_ADDED_TTFT_MS)})`;
      })
      .join(' | ')} | |`,
  );
  if (hubs.includes('redis') && hubs.includes('memory')) {
    push(`| Redis hub against in-process (see below) | | ${redisVerdict(r)} | within 5 % |`);
  }
  push('');

  push(
    '## Machine and conditions',
    '',
    `- ${m.cpus} CPUs (\`nproc\`), ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB memory, Linux ${m.kernel}`,
    `- Node ${m.node}; ${m.database}; ${m.redis}`,
    `- Load average at start ${m.loadAtStart.map((x) => x.toFixed(2)).join(' / ')}, at end ${m.loadAtEnd.map((x) => x.toFixed(2)).join(' / ')} (1/5/15 min):` +
      ' the machine was shared with other engineers running test suites, so every figure carries their noise.',
    `  Each concurrency level was run ${s.reps} times per mode, the modes interleaved (rotated each time) so that`,
    '  the noise falls on all of them alike; the tables give the pooled samples and the spread per repetition.',
    `- Whole run: ${(m.durationS / 60).toFixed(1)} min.`,
    s.pin
      ? "- Separation: the Hearth server is pinned to CPU 0 (`taskset -c 0`; the machine's other processes may still run there: that is the" +
          ' "waiting for a CPU" column), the bench client and the stand-in OpenRouter to CPU 1 (the' +
          ' bench pins itself before forking the stand-in); PostgreSQL and Redis are not pinned. The stand-in is a separate process from the' +
          " client, so the client's reading never delays a chunk's send stamp. Only one server is under load at a time (the other sits idle)."
      : '- No pinning (`--no-pin`, or fewer than 2 CPUs): server, client and stand-in share all CPUs.',
    s.nice === null
      ? '- Priority: every process at the default nice 0.'
      : `- Priority: the bench, the stand-in and the servers at nice ${s.nice} (\`--nice\`), so that the other engineers\' processes on` +
          ' the machine preempt them less; PostgreSQL and Redis at their default. The direct rows ran under the same priority.',
    `- Command: \`${m.command}\` (\`nest build\`, \`tsc -p tsconfig.bench.json\`, then \`node dist/bench/run.js\`; its options are listed at the top of \`bench/run.ts\`).`,
    '- The servers: `NODE_ENV=production`, `LOG_LEVEL=warn`, `GENERATION_RATE_LIMIT` high, an API key stored through',
    '  `PUT /api/settings/openrouter-api-key`, `OPENROUTER_BASE_URL` at the stand-in, every other setting at its default.',
    '',
  );

  push(
    '## Chunk latency added by the relay',
    '',
    `N generations are started, ${s.startRate} per second; each streams one chunk and then waits at a barrier in the`,
    'stand-in. Once every one of them has streamed its first chunk, the barrier opens and all N stream together:',
    `${s.intervalMs} ms between chunks (N × ${(1000 / s.intervalMs).toFixed(0)} chunks per second in all), each generation offset by a fraction of the interval so`,
    `that they do not send in step, for ${s.steadyMs / 1000} s (${levelPlan(s.levels[0], s).chunks} chunks), then the generation completes. Only chunks sent in that window count, so`,
    'the window holds the relay alone: no generation starts or ends in it.',
    'Through Hearth, each generation has its posting client (`POST /send-message`) and one tab attached before the',
    'send (`GET /stream`), so the server reads N upstream streams and writes 2N. Directly, the client opens N streams',
    "to the stand-in. Latency is the chunk's stamp (written by the stand-in just before its socket write) to the moment",
    "the client's socket read returns it.",
    '"Added" is Hearth\'s percentile minus the direct percentile at the same N.',
    '',
    png
      ? '![Added latency against concurrency](bench/added-latency.png)'
      : '![Added latency against concurrency](bench/added-latency.svg)',
    '',
    '| N | mode | p50 | p90 | p99 | max | added p50 | added p99 | added p99, each run | server main thread busy / waiting for a CPU | server CPU per chunk | samples | failed |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  );
  for (const lvl of s.levels) {
    for (const mode of ['direct', ...hubs] as Mode[]) {
      const l = level(r, mode, lvl);
      if (!l) continue;
      const busy = l.serverMainPct === null ? '–' : `${f(l.serverMainPct, 0)} % / ${f(l.serverWaitPct, 0)} %`;
      push(
        `| ${lvl} | ${HUB_LABEL[mode]} | ${f(l.latency.p50)} | ${f(l.latency.p90)} | ${f(l.latency.p99)} | ${f(l.latency.max, 1)} | ${f(l.addedP50)} | ${f(l.addedP99)} | ${l.addedP99ByRep.map((v) => f(v)).join(', ') || '–'} | ${busy} | ${l.serverCpuPerChunkUs === null ? '–' : `${f(l.serverCpuPerChunkUs, 0)} µs`} | ${l.latency.n} | ${l.failures} |`,
      );
    }
  }
  push(
    '',
    'Latencies in ms, pooled over the runs. The server columns are medians over the runs, read over the steady window',
    "(no generation starting or ending in it) from `/proc/<pid>/schedstat` of the server's main thread, the one that runs",
    'JavaScript: the share of time it was on a CPU, the share it was ready to run but waiting for a CPU (the other',
    "engineers' processes: this is the noise), and its CPU time per upstream chunk (each written to two connections).",
    '',
  );
  const runs = r.points.map(
    (p) =>
      `${HUB_LABEL[p.mode]}, N=${p.level}, run ${p.rep}: p50 ${f(p.latency.p50)} ms, p99 ${f(p.latency.p99)} ms; ${p.chunksPerGeneration} chunks per generation, window ${f(p.windowS, 1)} s, ${p.upstreamChunks} chunks in it; load ${f(p.loadAvg1, 1)}; in the window: client CPU ${f(p.clientCpuPct, 0)} %, stand-in CPU ${f(p.standInCpuPct, 0)} %` +
      (p.serverMainPct === null
        ? ''
        : `, server main thread ${f(p.serverMainPct, 0)} % busy and ${f(p.serverWaitPct, 0)} % waiting, all its threads ${f(p.serverCpuPct, 0)} %`) +
      `; median generation ${f(p.medianGenerationS, 1)} s` +
      (p.failures ? `, ${p.failures} failed (${p.failureExamples.join('; ')})` : '') +
      (p.steady ? '' : ', NO steady window (all chunks counted)'),
  );
  push('<details><summary>Every run</summary>', '', ...runs.map((x) => `- ${x}`), '', '</details>', '');

  push(
    '## Time to first token added by Hearth',
    '',
    `${s.ttftSends} sends per mode and history length, one at a time, interleaved. The stand-in answers at once with 3 chunks.`,
    '"Observed" is the client\'s request start to its read of the first `content` event; "provider\'s own" is, at the',
    'stand-in, the whole request received and parsed to the first chunk written; "added" is observed minus the',
    "provider's own for each request, so it holds Hearth's work (checks, key, history read, prompt, saving the user",
    'message, the upstream call and its body upload) plus two loopback hops. The direct rows show that floor for a',
    `client posting the same prompt itself. Earlier messages are seeded with SQL: alternating ~200-character user and`,
    `~600-character assistant turns (${history} of them ≈ ${(((history / 2) * 800) / 1024).toFixed(0)} KiB of text).`,
    '',
    "| earlier messages | mode | observed p50 | provider's own p50 | added p50 | added p90 | added max | beyond direct p50 | of which: request to the provider p50 | first chunk back p50 | server CPU per send p50 | server waiting for a CPU p50 | failed |",
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const h of [0, history]) {
    for (const mode of ['direct', ...hubs] as Mode[]) {
      const t = ttft(r, mode, h);
      if (!t) continue;
      push(
        `| ${h} | ${HUB_LABEL[mode]} | ${f(t.observed.p50)} | ${f(t.providerOwn.p50)} | ${f(t.added.p50)} | ${f(t.added.p90)} | ${f(t.added.max)} | ${mode === 'direct' ? '–' : f(beyondDirect(r, mode, h))} | ${f(t.toProvider.p50)} | ${f(t.back.p50)} | ${mode === 'direct' ? '–' : f(t.serverCpu.p50)} | ${mode === 'direct' ? '–' : f(t.serverWait.p50)} | ${t.failures} |`,
      );
    }
  }
  push(
    '',
    'All in ms. "Beyond direct" is the observed p50 minus the direct observed p50 with the same history: what Hearth',
    'costs over a client that sends the same prompt to the provider itself (that client also uploads the history). "Request to the provider" is the client\'s request start to the stand-in having all of Hearth\'s upstream',
    'request; "first chunk back" is the stand-in\'s write of the first chunk to the client\'s read of it. "Server CPU per',
    'send" is the main thread\'s CPU time from the request to the end of the response (the whole short generation: checks,',
    'queries, the upstream call, 3 chunks, saving the reply and its analytics row), "waiting" its time ready to run without',
    'a CPU in that span (schedstat).',
    '',
  );

  push(
    '## Resident memory',
    '',
    `RSS of the server process (VmRSS in /proc/<pid>/status, median of 5 readings over 1 s) before and 2 s after opening`,
    `${s.memoryN} idle SSE connections (\`GET /stream\`, one per session, nothing generating); then, once they were closed,`,
    `before and after ${s.memoryN} live generations (each has sent one chunk and waits; its posting connection, upstream`,
    'call and run state are included, no tab). Measured first, on a fresh server after a short warm-up. RSS includes',
    'whatever garbage V8 has not collected yet, so a figure is good to a few KiB per connection.',
    '',
    '| hub | RSS before | per idle connection | per live generation | RSS readings (MiB: before, idle conns, before, live gens) |',
    '|---|---:|---:|---:|---|',
  );
  for (const mem of r.memory) {
    const mib = (kb: number): string => (kb / 1024).toFixed(1);
    push(
      `| ${HUB_LABEL[mem.hub]} | ${f(mem.baseRssMiB, 1)} MiB | ${f(mem.perIdleConnectionKiB, 1)} KiB | ${f(mem.perLiveGenerationKiB, 1)} KiB | ${mib(mem.rss.base)}, ${mib(mem.rss.idle)}, ${mib(mem.rss.base2)}, ${mib(mem.rss.live)} |`,
    );
  }
  push('');

  if (hubs.includes('redis') && hubs.includes('memory')) {
    push('## Redis hub against the in-process hub', '', redisComparison(r), '');
  }

  if (r.profiles.length) {
    push('## CPU profile', '');
    for (const p of r.profiles) {
      push(
        p.level
          ? `Server with the ${HUB_LABEL[p.hub]} at ${p.level} concurrent generations, profiled (V8 sampling profiler, 0.5 ms) inside the steady window;`
          : `Server with the ${HUB_LABEL[p.hub]} during the time-to-first-token sends, profiled (V8 sampling profiler, 0.5 ms);`,
        `summary from \`node dist/bench/profile-summary.js\` (also in \`docs/bench/profile-${p.hub}-${p.level || 'ttft'}.txt\`):`,
        '',
        '```',
        p.summaryText,
        '```',
        '',
      );
    }
  }

  const analysis = join(docsDir, 'bench', 'analysis.md');
  if (existsSync(analysis)) {
    push(`<!-- from ${relative(docsDir, analysis)} -->`, readFileSync(analysis, 'utf8').trim(), '');
  }
  return lines.join('\n');
}

function redisComparison(r: BenchResults): string {
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
    "A peer project's Redis mode is reported to cost 16–19 % of response time; the aim here is within 5 % of in-process.",
    'Response time, for a user, is the time to first token and the delay of each chunk, so those are compared (the',
    'end-to-end figures, stand-in to client, not only the added part, whose small size makes its ratio meaningless).',
    '',
    ...rows,
  ].join('\n');
}

function redisVerdict(r: BenchResults): string {
  const parts: number[] = [];
  for (const lvl of r.settings.levels) {
    const a = level(r, 'memory', lvl)?.latency.p50;
    const b = level(r, 'redis', lvl)?.latency.p50;
    if (a && b) parts.push(b / a - 1);
  }
  const t0 = ttft(r, 'memory', r.settings.historyMessages)?.observed.p50;
  const t1 = ttft(r, 'redis', r.settings.historyMessages)?.observed.p50;
  if (t0 && t1) parts.push(t1 / t0 - 1);
  if (!parts.length) return '–';
  const worst = Math.max(...parts);
  return `worst p50 ${(worst * 100).toFixed(1)} % (${worst <= 0.05 ? 'met' : '**missed**'})`;
}

/** Added p50/p99 against concurrency, one line per hub and percentile, the target as a dashed rule. */
export function addedLatencySvg(r: BenchResults): string {
  const W = 760;
  const H = 440;
  const pad = { l: 64, r: 200, t: 44, b: 52 };
  const hubs = r.settings.hubs;
  const levels = [...r.settings.levels].sort((a, b) => a - b);
  const series: Array<{ hub: Hub; pct: 'p50' | 'p99'; pts: Array<[number, number]>; reps: Array<[number, number]> }> =
    [];
  for (const hub of hubs) {
    for (const pct of ['p50', 'p99'] as const) {
      const pts: Array<[number, number]> = [];
      const reps: Array<[number, number]> = [];
      for (const lvl of levels) {
        const l = level(r, hub, lvl);
        const v = pct === 'p50' ? l?.addedP50 : l?.addedP99;
        if (v !== null && v !== undefined && Number.isFinite(v)) pts.push([lvl, v]);
        for (const x of (pct === 'p50' ? l?.addedP50ByRep : l?.addedP99ByRep) ?? [])
          if (Number.isFinite(x)) reps.push([lvl, x]);
      }
      series.push({ hub, pct, pts, reps });
    }
  }
  // A log scale: added latency spans tenths of a millisecond to seconds. Values under the floor
  // (a relay faster than direct, within noise) sit on the floor.
  const FLOOR = 0.1;
  const all = series.flatMap((s) => [...s.pts, ...s.reps].map((p) => p[1]));
  const decadeMax = Math.max(1, Math.ceil(Math.log10(Math.max(TARGET_ADDED_P99_MS * 2, ...all))));
  const decadeMin = Math.log10(FLOOR);
  const xMax = Math.max(...levels);
  const x = (v: number): number => pad.l + (v / xMax) * (W - pad.l - pad.r);
  const y = (v: number): number =>
    pad.t + ((decadeMax - Math.log10(Math.max(FLOOR, v))) / (decadeMax - decadeMin)) * (H - pad.t - pad.b);
  const colour: Record<Hub, string> = { memory: '#1f6fb5', redis: '#c0392b' };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${pad.l}" y="22" font-size="15" font-weight="bold">Chunk latency added by Hearth against concurrent generations</text>`,
  ];
  for (let d = decadeMin; d <= decadeMax; d++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** d;
      if (t > 10 ** decadeMax) break;
      out.push(
        `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(t)}" y2="${y(t)}" stroke="${m === 1 ? '#d0d0d0' : '#efefef'}"/>`,
      );
      out.push(
        `<text x="${pad.l - 8}" y="${y(t) + 4}" text-anchor="end"${m === 1 ? '' : ' fill="#888" font-size="10"'}>${Number(t.toPrecision(2))}</text>`,
      );
    }
  }
  for (const lvl of [0, ...levels]) {
    out.push(`<line x1="${x(lvl)}" x2="${x(lvl)}" y1="${H - pad.b}" y2="${H - pad.b + 5}" stroke="#333"/>`);
    out.push(`<text x="${x(lvl)}" y="${H - pad.b + 19}" text-anchor="middle">${lvl}</text>`);
  }
  out.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${H - pad.b}" y2="${H - pad.b}" stroke="#333"/>`);
  out.push(`<line x1="${pad.l}" x2="${pad.l}" y1="${pad.t}" y2="${H - pad.b}" stroke="#333"/>`);
  out.push(
    `<text x="${(pad.l + W - pad.r) / 2}" y="${H - 12}" text-anchor="middle">concurrent generations (each with its posting client and one tab)</text>`,
  );
  out.push(
    `<text transform="translate(18 ${(pad.t + H - pad.b) / 2}) rotate(-90)" text-anchor="middle">added latency (ms, log scale)</text>`,
  );
  out.push(
    `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(TARGET_ADDED_P99_MS)}" y2="${y(TARGET_ADDED_P99_MS)}" stroke="#777" stroke-dasharray="6 4"/>`,
    `<text x="${pad.l + 6}" y="${y(TARGET_ADDED_P99_MS) - 5}" fill="#555">target: p99 &lt; ${TARGET_ADDED_P99_MS} ms at ${TARGET_LEVEL}</text>`,
  );
  let legendY = pad.t + 10;
  for (const s of series) {
    const c = colour[s.hub];
    const dash = s.pct === 'p99' ? '' : ' stroke-dasharray="3 3"';
    if (s.pts.length > 1) {
      out.push(
        `<polyline fill="none" stroke="${c}" stroke-width="2"${dash} points="${s.pts.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ')}"/>`,
      );
    }
    for (const [a, b] of s.reps)
      out.push(`<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="2.5" fill="${c}" fill-opacity="0.35"/>`);
    for (const [a, b] of s.pts) {
      out.push(
        `<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="4" fill="${s.pct === 'p99' ? c : 'white'}" stroke="${c}" stroke-width="2"/>`,
      );
      // The last level's labels go left of the point, clear of the legend.
      const left = a === xMax;
      out.push(
        `<text x="${(x(a) + (left ? -8 : 7)).toFixed(1)}" y="${(y(b) - 6).toFixed(1)}" fill="${c}" font-size="11"${left ? ' text-anchor="end"' : ''}>${b.toFixed(2)}</text>`,
      );
    }
    out.push(
      `<line x1="${W - pad.r + 16}" x2="${W - pad.r + 44}" y1="${legendY}" y2="${legendY}" stroke="${c}" stroke-width="2"${dash}/>`,
    );
    out.push(`<text x="${W - pad.r + 50}" y="${legendY + 4}">${HUB_LABEL[s.hub]}, ${s.pct}</text>`);
    legendY += 20;
  }
  out.push(`<circle cx="${W - pad.r + 30}" cy="${legendY}" r="2.5" fill="#555" fill-opacity="0.5"/>`);
  out.push(`<text x="${W - pad.r + 50}" y="${legendY + 4}">one run each</text>`);
  legendY += 30;
  const load = r.machine.loadAtStart[0].toFixed(1);
  const note = [
    `${r.machine.cpus} CPUs, load ${load} at start`,
    `${r.settings.intervalMs} ms between chunks`,
    `pooled over ${r.settings.reps} runs; minus`,
    'direct-to-stand-in latency;',
    `under ${FLOOR} ms drawn at ${FLOOR}`,
  ];
  for (const line of note) {
    out.push(`<text x="${W - pad.r + 16}" y="${legendY}" fill="#555" font-size="11">${line}</text>`);
    legendY += 15;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
