/**
 * The report's sections on the floor relay and what the other phases add: every relay's figures
 * as ratios to the floor, system calls per chunk, the metrics' own cost, many idle connections;
 * and the bar charts that go with them.
 */
import { BarChart, barChartSvg } from './report-bars';
import { f, level, ttft } from './report-figures';
import { TARGETS, addedP99Median, repMedian } from './report-targets';
import { BenchResults, HUB_LABEL, Hub, Mode, Relay } from './results';
import { median } from './stats';

const COLOUR: Record<Mode, string> = { direct: '#7f8c8d', floor: '#27ae60', memory: '#1f6fb5', redis: '#c0392b' };

const spread = (v: number[], digits: number): string =>
  v.length > 1 ? ` [${f(Math.min(...v), digits)}–${f(Math.max(...v), digits)}]` : '';

function relaysOf(r: BenchResults): Relay[] {
  return (['floor', ...r.settings.hubs] as Relay[]).filter((m) => r.levels.some((l) => l.mode === m));
}

export function floorSection(r: BenchResults): string[] {
  const relays = relaysOf(r);
  if (!relays.includes('floor')) return ['The floor relay was not run (`--no-floor`).'];
  const out = [
    'The floor relay (`bench/floor-relay.ts`) does the least a Node process can for the same work, on the same',
    "routes, pinned to the same CPU as Hearth and run in the same rotation: it reads the stand-in's stream over",
    "`node:http`, parses it with the same SSE parser, `JSON.parse`s each chunk, builds a frame like Hearth's and writes",
    'it to the posting client and the tab. No database, lock, replay buffer, validation, cancel, metrics or logging.',
    "Each figure is the median over the repetitions, [the range over them], and (×) its ratio to the floor's.",
    '',
    '| N | relay | CPU per chunk (µs) | × floor | p50 (ms) | × floor | p99 (ms) | × floor | added p99 (ms) | event-loop delay p99 (ms) | system calls per chunk (read + write) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const lvl of r.settings.levels) {
    const fl = level(r, 'floor', lvl);
    const base = {
      cpu: repMedian(fl?.repCpuPerChunkUs),
      p50: repMedian(fl?.repP50),
      p99: repMedian(fl?.repP99),
    };
    for (const relay of relays) {
      const l = level(r, relay, lvl);
      if (!l) continue;
      const cpu = repMedian(l.repCpuPerChunkUs);
      const p50 = repMedian(l.repP50);
      const p99 = repMedian(l.repP99);
      const x = (a: number | null, b: number | null): string => (a && b ? `${(a / b).toFixed(2)}×` : '–');
      out.push(
        `| ${lvl} | ${HUB_LABEL[relay]} | ${f(cpu, 0)}${spread(l.repCpuPerChunkUs, 0)} | ${x(cpu, base.cpu)} | ${f(p50)}${spread(l.repP50, 2)} | ${x(p50, base.p50)} | ${f(p99)}${spread(l.repP99, 2)} | ${x(p99, base.p99)} | ${f(addedP99Median(l))} | ${f(l.loopDelayP99Ms, 1)} | ${f(l.readCallsPerChunk)} + ${f(l.writeCallsPerChunk)} |`,
      );
    }
  }
  out.push(
    '',
    '"Added p99" is the median over the repetitions of the relay\'s p99 minus the direct p99 of the same repetition.',
    "The event loop's delay is the server's own (`monitorEventLoopDelay` at 10 ms, read from `/metrics` at the start and",
    "end of the steady window), beyond the 10 ms timer itself. System calls are the main thread's read- and write-type",
    'calls (`syscr`, `syscw` in `/proc/<pid>/task/<pid>/io`) over the window, per upstream chunk.',
  );
  return out;
}

export function syscallsSection(r: BenchResults): string[] {
  if (!r.syscalls.length) return ['Not measured in this run (`--phases` without `syscalls`).'];
  const names = [...new Set(r.syscalls.flatMap((s) => s.calls.slice(0, 5).map((c) => c.name)))];
  return [
    `One extra run per relay at N=${r.syscalls[0].level}, its latency not used, with \`strace -c\` attached to the server's main`,
    'thread (the one that runs JavaScript) for 3 s of the steady window; calls divided by the upstream chunks sent in those',
    '3 s. Each chunk is written to two connections.',
    '',
    `| relay | chunks | all calls per chunk | ${names.join(' | ')} |`,
    `|---|---:|---:|${names.map(() => '---:').join('|')}|`,
    ...r.syscalls.map(
      (s) =>
        `| ${HUB_LABEL[s.relay]} | ${s.chunks} | ${f(s.totalPerChunk)} | ${names
          .map((n) => f(s.calls.find((c) => c.name === n)?.perChunk))
          .join(' | ')} |`,
    ),
  ];
}

export function metricsCostSection(r: BenchResults): string[] {
  const m = r.metricsCost;
  if (!m) return ['Not measured in this run (`--phases` without `metrics`).'];
  const on = median(m.cpuPerChunkOnUs);
  const off = median(m.cpuPerChunkOffUs);
  return [
    `Two fresh in-process servers, alike but for \`METRICS_ENABLED\` (true, false), both warmed up alike and run at N=${m.level}`,
    `alternately (${m.cpuPerChunkOnUs.length} repetitions each), same load and pinning. Every other figure on this page is with the metrics on.`,
    '',
    '| metrics | CPU per chunk (µs), median [range] | p99 (ms), median [range] |',
    '|---|---:|---:|',
    `| on | ${f(on, 1)}${spread(m.cpuPerChunkOnUs, 1)} | ${f(median(m.p99OnMs))}${spread(m.p99OnMs, 2)} |`,
    `| off | ${f(off, 1)}${spread(m.cpuPerChunkOffUs, 1)} | ${f(median(m.p99OffMs))}${spread(m.p99OffMs, 2)} |`,
    '',
    `Cost of the metrics: ${f(on - off, 1)} µs per chunk (${f(((on - off) / off) * 100, 1)} %), within the spread of repetitions when that is larger.`,
  ];
}

export function idleSection(r: BenchResults): string[] {
  if (!r.idle.length) return ['Not measured in this run (`--phases` without `idle`).'];
  return [
    `Per hub: ${r.idle[0].n} tabs (\`GET /stream\`, one per session, nothing generating) opened 250 at a time and held`,
    `${r.idle[0].holdS} s, long enough for every one to get its heartbeats (\`HEARTBEAT_MS\`, 15 s by default), while`,
    "`/api/health` is asked every 100 ms. The bench raises its own and each server's open-file limit with `prlimit`",
    '(to its hard limit where, as on this machine, the hard limit cannot be raised); see docs/deployment.md for deployments.',
    '',
    '| hub | open | open-file limit | RSS before → held | per connection | heartbeats each (median, min) | /api/health p50 / p99 / max (ms) | failed | main thread busy | event-loop delay p99 |',
    '|---|---:|---:|---|---:|---|---|---:|---:|---:|',
    ...r.idle.map(
      (i) =>
        `| ${HUB_LABEL[i.hub]} | ${i.opened} of ${i.n} | ${i.serverFdLimit} | ${f(i.rssBeforeKiB / 1024, 0)} → ${f(i.rssHeldKiB / 1024, 0)} MiB | ${f(i.perConnectionKiB, 1)} KiB | ${i.pingsMedian}, ${i.pingsMin} | ${f(i.health.p50, 1)} / ${f(i.health.p99, 1)} / ${f(i.health.max, 1)} | ${i.healthFailures} | ${f(i.serverMainPct, 1)} % | ${f(i.loopDelayP99Ms, 1)} ms |`,
    ),
  ];
}

/** One chart per figure: name (file under docs/bench/, no extension) and its SVG. */
export function figureCharts(r: BenchResults): Array<{ name: string; title: string; svg: string }> {
  const relays = relaysOf(r);
  const charts: Array<{ name: string; title: string; chart: BarChart }> = [];
  charts.push({
    name: 'cpu-per-chunk',
    title: 'CPU per chunk against the floor',
    chart: {
      title: 'Server main-thread CPU per upstream chunk (µs)',
      yLabel: 'µs per chunk (median of repetitions)',
      digits: 0,
      groups: r.settings.levels.map((lvl) => {
        const floor = repMedian(level(r, 'floor', lvl)?.repCpuPerChunkUs);
        return {
          label: `N=${lvl}`,
          bars: relays.map((m) => ({
            label: HUB_LABEL[m],
            value: repMedian(level(r, m, lvl)?.repCpuPerChunkUs),
            colour: COLOUR[m],
            dots: level(r, m, lvl)?.repCpuPerChunkUs,
          })),
          target: floor ? { value: floor * TARGETS.cpuVsFloor, text: `${TARGETS.cpuVsFloor}× floor` } : undefined,
        };
      }),
      note: 'each chunk written to two\nconnections; dashed: the\nin-process target',
    },
  });
  charts.push({
    name: 'p99-latency',
    title: 'p99 chunk latency against the floor',
    chart: {
      title: 'p99 chunk latency, stand-in to client (ms)',
      yLabel: 'ms (median of repetitions)',
      groups: r.settings.levels.map((lvl) => ({
        label: `N=${lvl}`,
        bars: (['direct', ...relays] as Mode[]).map((m) => ({
          label: HUB_LABEL[m],
          value: repMedian(level(r, m, lvl)?.repP99),
          colour: COLOUR[m],
          dots: level(r, m, lvl)?.repP99,
        })),
      })),
    },
  });
  const hubs: Hub[] = r.settings.hubs;
  if (r.ttft.length)
    charts.push({
      name: 'ttft',
      title: 'Time to first token added',
      chart: {
        title: 'Time to first token: added (no history), beyond direct (history)',
        yLabel: 'ms (p50)',
        groups: [
          {
            label: 'added, no history',
            bars: hubs.map((h) => ({
              label: HUB_LABEL[h],
              value: ttft(r, h, 0)?.added.p50 ?? null,
              colour: COLOUR[h],
            })),
            target: { value: TARGETS.ttftNoHistoryMs, text: `target ${TARGETS.ttftNoHistoryMs} ms` },
          },
          {
            label: `beyond direct, ${r.settings.historyMessages} msgs`,
            bars: hubs.map((h) => {
              const a = ttft(r, h, r.settings.historyMessages)?.observed.p50;
              const d = ttft(r, 'direct', r.settings.historyMessages)?.observed.p50;
              return {
                label: HUB_LABEL[h],
                value: a !== undefined && d !== undefined ? a - d : null,
                colour: COLOUR[h],
              };
            }),
            target: { value: TARGETS.ttftBeyondDirectMs, text: `target ${TARGETS.ttftBeyondDirectMs} ms` },
          },
        ],
      },
    });
  if (r.memory.length || r.idle.length)
    charts.push({
      name: 'memory',
      title: 'Resident memory per connection and per generation',
      chart: {
        title: 'Resident memory (KiB)',
        yLabel: 'KiB of RSS',
        groups: [
          {
            label: `idle SSE conn. (${r.settings.memoryN})`,
            bars: r.memory.map((m) => ({
              label: HUB_LABEL[m.hub],
              value: m.perIdleConnectionKiB,
              colour: COLOUR[m.hub],
            })),
            target: { value: TARGETS.idleConnectionKiB, text: `${TARGETS.idleConnectionKiB} KiB` },
          },
          {
            label: `idle SSE conn. (${r.settings.idleN})`,
            bars: r.idle.map((m) => ({ label: HUB_LABEL[m.hub], value: m.perConnectionKiB, colour: COLOUR[m.hub] })),
            target: { value: TARGETS.idleConnectionKiB, text: `${TARGETS.idleConnectionKiB} KiB` },
          },
          {
            label: 'live generation',
            bars: r.memory.map((m) => ({
              label: HUB_LABEL[m.hub],
              value: m.perLiveGenerationKiB,
              colour: COLOUR[m.hub],
            })),
            target: { value: TARGETS.liveGenerationKiB, text: `${TARGETS.liveGenerationKiB} KiB (in-process)` },
          },
        ],
      },
    });
  if (r.idle.length)
    charts.push({
      name: 'health-under-idle',
      title: '/api/health with 10,000 idle connections',
      chart: {
        title: `/api/health while ${r.settings.idleN} idle SSE connections are held (ms)`,
        yLabel: 'ms',
        groups: (['p50', 'p99', 'max'] as const).map((p) => ({
          label: p,
          bars: r.idle.map((i) => ({ label: HUB_LABEL[i.hub], value: i.health[p], colour: COLOUR[i.hub] })),
          target: p === 'max' ? { value: TARGETS.healthMs, text: `${TARGETS.healthMs} ms` } : undefined,
        })),
      },
    });
  return charts.map((c) => ({ name: c.name, title: c.title, svg: barChartSvg(c.chart) }));
}
