/** The bench's command line: `--name=value` options into settings (listed at the top of run.ts). */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { BenchSettings, Hub, Phase } from './results';

/** npm runs scripts from the package root. */
export const REPO = process.cwd();

export const PHASES: Phase[] = ['memory', 'ttft', 'latency', 'idle', 'syscalls', 'metrics'];

export type BenchOptions = BenchSettings & { writeDocs: boolean; reportOnly: boolean; out: string };

export function parseSettings(argv: string[]): BenchOptions {
  const opts = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}`);
    opts.set(m[1], m.at(2) ?? 'true');
  }
  const num = (k: string, d: number): number => (opts.has(k) ? Number(opts.get(k)) : d);
  const profile = opts.get('profile');
  const pm = profile ? /^(memory|redis)@(\d+|ttft)$/.exec(profile) : null;
  if (profile && !pm) throw new Error('--profile=<memory|redis>@<level|ttft>');
  return {
    levels: (opts.get('levels') ?? '100,500,1000').split(',').map(Number),
    reps: num('reps', 2),
    hubs: (opts.get('hubs') ?? 'memory,redis').split(',') as Hub[],
    intervalMs: num('interval', 100),
    startRate: num('start-rate', 100),
    steadyMs: num('steady', 6000),
    ttftSends: num('ttft-sends', 30),
    historyMessages: num('history', 1000),
    memoryN: num('memory-n', 1000),
    pin: !opts.has('no-pin') && cpus().length >= 2,
    nice: opts.has('nice') ? Number(opts.get('nice')) : null,
    // Level 0 stands for the time-to-first-token phase.
    profile: pm ? { hub: pm[1] as Hub, level: pm[2] === 'ttft' ? 0 : Number(pm[2]) } : null,
    floor: !opts.has('no-floor'),
    idleN: num('idle-n', 10_000),
    idleHoldMs: num('idle-hold', 35_000),
    detailLevel: num('detail-level', 500),
    straceLevel: num('strace-level', 100),
    phases: parsePhases(opts.get('phases')),
    writeDocs: !opts.has('no-docs'),
    reportOnly: opts.has('report-only'),
    out: resolve(REPO, opts.get('out') ?? 'docs'),
  };
}

function parsePhases(value: string | undefined): Phase[] {
  if (value === undefined) return PHASES;
  const phases = value.split(',') as Phase[];
  const unknown = phases.filter((p) => !PHASES.includes(p));
  if (unknown.length) throw new Error(`unknown phase ${unknown.join(', ')}; phases: ${PHASES.join(',')}`);
  return phases;
}
