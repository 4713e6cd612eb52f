/**
 * Reads a V8 .cpuprofile and says where the time went: top functions by self time, by inclusive
 * time, and self time grouped by area (Hearth's folders, each npm package, Node internals, GC).
 *
 *   node dist/bench/profile-summary.js file.cpuprofile [top=25] [only-functions-containing]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Hub, ProfileResult } from './results';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time the thread was busy (not idle). */
  busyMs: number;
  selfByFunction: ProfileRow[];
  inclusiveByFunction: ProfileRow[];
  selfByArea: ProfileRow[];
}

/** Where a script lives, in a few words: `src/streaming`, `undici`, `node:internal/streams`, ... */
export function areaOf(rawUrl: string, functionName: string): string {
  if (!rawUrl) return functionName.startsWith('(') ? functionName : '(native)';
  // A build kept under node_modules/.cache (the bench's own) is still Hearth's code.
  const url = rawUrl.replace(/node_modules\/\.cache\/[^/]+\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) {
    const m = /^node:internal\/(?:deps\/)?([^/]+)/.exec(url);
    return m ? `node:${m[1].replace(/\.js$/, '')}` : url;
  }
  const local = /\/(src|bench|test)\/(?:([^/]+)\/)?/.exec(url);
  if (local) return local[2] && !local[2].endsWith('.js') ? `${local[1]}/${local[2]}` : local[1];
  return url;
}

function label(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.replace(/^file:\/\//, '');
  const own = file.replace(/node_modules\/\.cache\/[^/]+\//, '');
  const short = own.includes('node_modules/')
    ? own.slice(own.lastIndexOf('node_modules/') + 'node_modules/'.length)
    : own.startsWith('/')
      ? relative(process.cwd(), own)
      : own;
  return `${name} ${short}:${frame.lineNumber + 1}`;
}

/** `only`: keep just the functions whose label contains it (e.g. `src/`) in the by-function lists. */
export function summarizeProfile(profile: CpuProfile, top = 25, only?: string): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number): void => void m.set(k, (m.get(k) ?? 0) + v);
  let total = 0;
  let idle = 0;
  // Samples taken inside the profiler hook (starting and stopping the profiler) are not the server's.
  const inHook = new Map<number, boolean>();
  const isHook = (id: number): boolean => {
    let hit = inHook.get(id);
    if (hit === undefined) {
      const p = parent.get(id);
      hit = byId.get(id)!.callFrame.url.includes('cpu-profile-hook') || (p !== undefined && isHook(p));
      inHook.set(id, hit);
    }
    return hit;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the time between sample i-1 and sample i: charge it to sample i.
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (!node || isHook(node.id)) continue;
    total += us;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    add(self, label(frame), us);
    add(areas, areaOf(frame.url, frame.functionName), us);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (f.functionName === '(root)') break;
      const key = label(f);
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, us);
    }
  }
  const busy = total - idle;
  const rows = (m: Map<string, number>, filter = false): ProfileRow[] =>
    [...m.entries()]
      .filter(([name]) => !filter || only === undefined || name.includes(only))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy > 0 ? us / busy : 0 }));
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    selfByFunction: rows(self, true),
    inclusiveByFunction: rows(inclusive, true),
    selfByArea: rows(areas),
  };
}

export function formatProfileSummary(s: ProfileSummary): string {
  const table = (title: string, rows: ProfileRow[]): string =>
    [
      title,
      ...rows.map((r) => `  ${r.ms.toFixed(1).padStart(9)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`),
    ].join('\n');
  return [
    `profiled ${s.totalMs.toFixed(0)} ms, busy ${s.busyMs.toFixed(0)} ms (${((s.busyMs / s.totalMs) * 100).toFixed(0)}%); shares are of busy time`,
    table('self time by area:', s.selfByArea),
    table('self time by function:', s.selfByFunction),
    table('inclusive time by function:', s.inclusiveByFunction),
  ].join('\n\n');
}

/** A profile the bench took, read back and summarized for the results. */
export function readProfileResult(hub: Hub, level: number, file: string): ProfileResult {
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 30);
  return { hub, level, file, summaryText: formatProfileSummary(summary) };
}

if (require.main === module) {
  const [file, top, only] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [top]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatProfileSummary(summarizeProfile(profile, top ? Number(top) : 25, only)));
}
