import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { addedLatencySvg } from './report-chart';
import { beyondDirect, f, level, ttft } from './report-figures';
import { figureCharts, floorSection, idleSection, metricsCostSection, syscallsSection } from './report-floor';
import { redisComparison } from './report-redis';
import { targetsTable } from './report-targets';
import { BenchResults, HUB_LABEL, Mode, levelPlan } from './results';

/** Writes docs/benchmarks.md, docs/bench/added-latency.svg (+ .png) and docs/bench/results.json; returns the paths. */
export function writeReport(results: BenchResults, docsDir: string): string[] {
  const written: string[] = [];
  const charts = [
    { name: 'added-latency', title: 'Added latency against concurrency', svg: addedLatencySvg(results) },
    ...figureCharts(results),
  ];
  const images = new Map<string, string>();
  for (const c of charts) {
    const svgPath = join(docsDir, 'bench', `${c.name}.svg`);
    writeFileSync(svgPath, c.svg);
    written.push(svgPath);
    const pngPath = svgPath.replace(/\.svg$/, '.png');
    try {
      execFileSync('rsvg-convert', ['-b', 'white', '-o', pngPath, svgPath], { stdio: 'ignore' });
      written.push(pngPath);
      images.set(c.name, `![${c.title}](bench/${c.name}.png)`);
    } catch {
      /* rsvg-convert not installed: the SVG alone */
      images.set(c.name, `![${c.title}](bench/${c.name}.svg)`);
    }
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
  writeFileSync(mdPath, markdown(results, docsDir, images));
  written.push(mdPath);
  return written;
}

function markdown(r: BenchResults, docsDir: string, images: Map<string, string>): string {
  const image = (name: string): string[] => (images.has(name) ? [images.get(name)!, ''] : []);
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
    ...targetsTable(r),
    '',
  );

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
      : `- Priority: the bench, the stand-in and the servers at nice ${s.nice} (\`--nice\`), so that the other engineers' processes on` +
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
    ...image('added-latency'),
    ...image('p99-latency'),
    '| N | mode | p50 | p90 | p99 | max | added p50 | added p99 | added p99, each run | server main thread busy / waiting for a CPU | server CPU per chunk | samples | failed |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  );
  for (const lvl of s.levels) {
    for (const mode of ['direct', 'floor', ...hubs] as Mode[]) {
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
  push('## The floor: each relay as a ratio to it', '', ...floorSection(r), '', ...image('cpu-per-chunk'));
  push('## System calls per chunk', '', ...syscallsSection(r), '');
  push('## What the metrics cost', '', ...metricsCostSection(r), '');

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
    ...image('ttft'),
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
  push('', ...image('memory'));
  push('## Ten thousand idle connections', '', ...idleSection(r), '', ...image('health-under-idle'));

  if (hubs.includes('redis') && hubs.includes('memory')) {
    push('## Redis hub against the in-process hub', '', redisComparison(r), '');
  }

  if (r.profiles.length) {
    push('## CPU profile', '');
    for (const p of r.profiles) {
      push(
        p.level
          ? `Server with the ${HUB_LABEL[p.hub]} at ${p.level} concurrent generations, profiled (V8 sampling profiler, 0.5 ms) inside the steady window of an extra run whose figures are not kept;`
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
