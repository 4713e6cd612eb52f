/** A grouped bar chart as SVG, drawn by hand (no dependencies): one per figure of the report. */

export interface Bar {
  label: string;
  value: number | null;
  colour: string;
  /** Each repetition's value, drawn as dots over the bar. */
  dots?: number[];
}

export interface BarGroup {
  label: string;
  bars: Bar[];
  /** A target for this group only, drawn as a dashed rule across it. */
  target?: { value: number; text: string };
}

export interface BarChart {
  title: string;
  yLabel: string;
  groups: BarGroup[];
  /** Digits of the value printed above each bar. */
  digits?: number;
  note?: string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function barChartSvg(c: BarChart): string {
  const W = 760;
  const H = 400;
  const pad = { l: 64, r: 190, t: 44, b: 56 };
  const values = c.groups.flatMap((g) => [
    ...g.bars.flatMap((b) => [b.value ?? 0, ...(b.dots ?? [])]),
    g.target?.value ?? 0,
  ]);
  const top = niceCeil(Math.max(...values.filter(Number.isFinite), 1e-9) * 1.12);
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  const y = (v: number): number => pad.t + plotH - (Math.max(0, Math.min(v, top)) / top) * plotH;
  const groupW = plotW / Math.max(1, c.groups.length);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${pad.l}" y="24" font-size="15" font-weight="bold">${esc(c.title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = (top * i) / 5;
    out.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="${i ? '#e4e4e4' : '#333'}"/>`);
    out.push(`<text x="${pad.l - 8}" y="${y(v) + 4}" text-anchor="end">${Number(v.toPrecision(3))}</text>`);
  }
  out.push(
    `<text transform="translate(18 ${pad.t + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`,
  );
  const legend = new Map<string, string>();
  c.groups.forEach((g, gi) => {
    const x0 = pad.l + gi * groupW;
    const barW = Math.min(48, (groupW * 0.8) / Math.max(1, g.bars.length));
    const start = x0 + (groupW - barW * g.bars.length) / 2;
    g.bars.forEach((b, bi) => {
      legend.set(b.label, b.colour);
      const bx = start + bi * barW;
      if (b.value !== null && Number.isFinite(b.value)) {
        out.push(
          `<rect x="${bx + 2}" y="${y(b.value)}" width="${barW - 4}" height="${y(0) - y(b.value)}" fill="${b.colour}" fill-opacity="0.8"/>`,
          `<text x="${bx + barW / 2}" y="${y(b.value) - 4}" text-anchor="middle" font-size="10">${b.value.toFixed(c.digits ?? 1)}</text>`,
        );
      }
      for (const d of b.dots ?? [])
        out.push(`<circle cx="${bx + barW / 2}" cy="${y(d)}" r="2.5" fill="#222" fill-opacity="0.55"/>`);
    });
    if (g.target) {
      out.push(
        `<line x1="${x0 + 4}" x2="${x0 + groupW - 4}" y1="${y(g.target.value)}" y2="${y(g.target.value)}" stroke="#555" stroke-dasharray="6 4"/>`,
        `<text x="${x0 + groupW - 6}" y="${y(g.target.value) - 4}" text-anchor="end" fill="#444" font-size="10">${esc(g.target.text)}</text>`,
      );
    }
    out.push(`<text x="${x0 + groupW / 2}" y="${H - pad.b + 18}" text-anchor="middle">${esc(g.label)}</text>`);
  });
  let ly = pad.t + 10;
  for (const [label, colour] of legend) {
    out.push(
      `<rect x="${W - pad.r + 16}" y="${ly - 9}" width="14" height="12" fill="${colour}" fill-opacity="0.8"/>`,
      `<text x="${W - pad.r + 36}" y="${ly + 2}">${esc(label)}</text>`,
    );
    ly += 20;
  }
  if (c.groups.some((g) => g.bars.some((b) => b.dots?.length))) {
    out.push(
      `<circle cx="${W - pad.r + 23}" cy="${ly - 3}" r="2.5" fill="#222" fill-opacity="0.55"/>`,
      `<text x="${W - pad.r + 36}" y="${ly + 2}">one repetition</text>`,
    );
    ly += 20;
  }
  if (c.note) {
    for (const line of c.note.split('\n')) {
      out.push(`<text x="${W - pad.r + 16}" y="${ly + 10}" fill="#555" font-size="11">${esc(line)}</text>`);
      ly += 15;
    }
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** 1, 2, 2.5 or 5 times a power of ten, at least v. */
function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
