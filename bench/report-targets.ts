/** The targets of the relay, each checked against the run's own figures (issue 13's list). */
import { beyondDirect, f, level, ttft } from './report-figures';
import { BenchResults, HUB_LABEL, Hub, LevelResult } from './results';
import { median } from './stats';

export interface TargetRow {
  figure: string;
  value: string;
  target: string;
  /** null: not measured in this run. */
  met: boolean | null;
}

export const TARGETS = {
  cpuVsFloor: 1.5,
  redisCpuVsMemory: 1.2,
  redisP50VsMemory: 1.25,
  redisP50Levels: [500, 1000],
  addedP99Ms: [
    { level: 100, ms: 2 },
    { level: 500, ms: 10 },
  ],
  ttftNoHistoryMs: 3,
  ttftBeyondDirectMs: 5,
  idleConnectionKiB: 16,
  liveGenerationKiB: 32,
  idleConnections: 10_000,
  healthMs: 50,
} as const;

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a && b && Number.isFinite(a) && Number.isFinite(b) ? a / b : null;

/** The median over repetitions of (this mode's p99 − that repetition's direct p99). */
export function addedP99Median(l: LevelResult | undefined): number | null {
  const v = (l?.addedP99ByRep ?? []).filter(Number.isFinite);
  return v.length ? median(v) : null;
}

/** Median over repetitions of each repetition's p50. */
export function repMedian(values: number[] | undefined): number | null {
  const v = (values ?? []).filter(Number.isFinite);
  return v.length ? median(v) : null;
}

export function targetRows(r: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const hubs = r.settings.hubs;
  const add = (figure: string, value: number | null, target: string, limit: number, unit = '', digits = 2): void =>
    void rows.push({
      figure,
      value: value === null ? '–' : `${f(value, digits)}${unit}`,
      target,
      met: value === null ? null : value <= limit,
    });
  for (const lvl of r.settings.levels) {
    const fl = level(r, 'floor', lvl)?.serverCpuPerChunkUs;
    add(
      `in-process hub CPU per chunk ÷ floor relay's, N=${lvl}`,
      ratio(level(r, 'memory', lvl)?.serverCpuPerChunkUs, fl),
      `≤ ${TARGETS.cpuVsFloor}×`,
      TARGETS.cpuVsFloor,
      '×',
    );
  }
  if (hubs.includes('redis')) {
    for (const lvl of r.settings.levels) {
      add(
        `Redis hub CPU per chunk ÷ in-process hub's, N=${lvl}`,
        ratio(level(r, 'redis', lvl)?.serverCpuPerChunkUs, level(r, 'memory', lvl)?.serverCpuPerChunkUs),
        `≤ ${TARGETS.redisCpuVsMemory}×`,
        TARGETS.redisCpuVsMemory,
        '×',
      );
    }
    for (const lvl of TARGETS.redisP50Levels.filter((l) => r.settings.levels.includes(l))) {
      add(
        `Redis hub p50 chunk latency ÷ in-process hub's (median of repetitions), N=${lvl}`,
        ratio(repMedian(level(r, 'redis', lvl)?.repP50), repMedian(level(r, 'memory', lvl)?.repP50)),
        `≤ ${TARGETS.redisP50VsMemory}× (within 25 %)`,
        TARGETS.redisP50VsMemory,
        '×',
      );
    }
  }
  for (const { level: lvl, ms } of TARGETS.addedP99Ms.filter((t) => r.settings.levels.includes(t.level))) {
    for (const h of hubs) {
      add(
        `added p99 chunk latency (median of repetitions), ${HUB_LABEL[h]}, N=${lvl}`,
        addedP99Median(level(r, h, lvl)),
        `< ${ms} ms`,
        ms,
        ' ms',
      );
    }
  }
  for (const h of hubs) {
    add(
      `added time to first token p50, no history, ${HUB_LABEL[h]}`,
      ttft(r, h, 0)?.added.p50 ?? null,
      `< ${TARGETS.ttftNoHistoryMs} ms`,
      TARGETS.ttftNoHistoryMs,
      ' ms',
    );
    add(
      `time to first token p50 beyond a direct client, ${r.settings.historyMessages} earlier messages, ${HUB_LABEL[h]}`,
      beyondDirect(r, h, r.settings.historyMessages),
      `< ${TARGETS.ttftBeyondDirectMs} ms`,
      TARGETS.ttftBeyondDirectMs,
      ' ms',
    );
  }
  for (const h of hubs) {
    const m = r.memory.find((x) => x.hub === h);
    if (m)
      add(
        `RSS per idle SSE connection (${m.n} open), ${HUB_LABEL[h]}`,
        m.perIdleConnectionKiB,
        `< ${TARGETS.idleConnectionKiB} KiB`,
        TARGETS.idleConnectionKiB,
        ' KiB',
        1,
      );
    const idle = r.idle.find((x) => x.hub === h);
    if (idle)
      add(
        `RSS per idle SSE connection (${idle.opened} open), ${HUB_LABEL[h]}`,
        idle.perConnectionKiB,
        `< ${TARGETS.idleConnectionKiB} KiB`,
        TARGETS.idleConnectionKiB,
        ' KiB',
        1,
      );
  }
  const live = r.memory.find((x) => x.hub === 'memory');
  if (live)
    add(
      'RSS per live generation, in-process hub',
      live.perLiveGenerationKiB,
      `< ${TARGETS.liveGenerationKiB} KiB`,
      TARGETS.liveGenerationKiB,
      ' KiB',
      1,
    );
  for (const idle of r.idle) rows.push(idleRow(idle.hub, r));
  return rows;
}

function idleRow(hub: Hub, r: BenchResults): TargetRow {
  const idle = r.idle.find((x) => x.hub === hub)!;
  const all = idle.opened >= TARGETS.idleConnections && idle.pingsMin >= 1;
  const fast = idle.healthFailures === 0 && idle.health.max < TARGETS.healthMs;
  return {
    figure: `${idle.n} idle SSE connections with heartbeats, /api/health meanwhile (max), ${HUB_LABEL[hub]}`,
    value: `${idle.opened} open, each ≥ ${idle.pingsMin} heartbeats; health max ${f(idle.health.max, 1)} ms${idle.healthFailures ? `, ${idle.healthFailures} failed` : ''}`,
    target: `${TARGETS.idleConnections} open, health < ${TARGETS.healthMs} ms`,
    met: all && fast,
  };
}

export function targetsTable(r: BenchResults): string[] {
  const rows = targetRows(r);
  const met = rows.filter((x) => x.met === true).length;
  const missed = rows.filter((x) => x.met === false).length;
  return [
    `${met} of ${rows.length} met, ${missed} missed${rows.length - met - missed ? `, ${rows.length - met - missed} not measured` : ''}; each missed one is explained under "Where the time goes" below.`,
    '',
    '| figure | this run | target | |',
    '|---|---:|---|---|',
    ...rows.map(
      (x) =>
        `| ${x.figure} | ${x.value} | ${x.target} | ${x.met === null ? 'not measured' : x.met ? 'met' : '**missed**'} |`,
    ),
  ];
}
