/** docs/bench/added-latency.svg: the added chunk latency against concurrency, drawn by hand (no dependencies). */
import { level } from './report-figures';
import { TARGETS } from './report-targets';
import { BenchResults, HUB_LABEL, Hub } from './results';

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
  const decadeMax = Math.max(1, Math.ceil(Math.log10(Math.max(20, ...all))));
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
  // Each p99 target as a short dashed rule at its own level.
  for (const t of TARGETS.addedP99Ms.filter((t) => levels.includes(t.level))) {
    out.push(
      `<line x1="${x(t.level) - 30}" x2="${x(t.level) + 30}" y1="${y(t.ms)}" y2="${y(t.ms)}" stroke="#555" stroke-dasharray="5 3"/>`,
      `<text x="${x(t.level) + 34}" y="${y(t.ms) + 4}" fill="#555" font-size="10">p99 target ${t.ms} ms</text>`,
    );
  }
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
