/**
 * System calls per upstream chunk by name, which a CPU profile does not show: one extra run per
 * relay (its latency is not used: strace slows every call it sees), with `strace -c` attached to
 * the server's main thread for 3 s of the steady window. At a low level (100), where the slowed
 * server still keeps up; at higher ones it falls behind and coalesces reads and writes, so the
 * counts per chunk drop. The latency phase counts read- and write-type calls at every level from
 * /proc without slowing anything.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fixture } from './fixtures';
import { ProbeSpan, WindowProbe, latencyPoint } from './latency';
import { log } from './log';
import { BenchSettings, Relay, SyscallResult } from './results';
import { StandIn } from './stand-in-process';

/** `strace -c` output: rows of % time, seconds, usecs/call, calls, [errors,] name; then a total row. */
export function parseStraceSummary(text: string): Array<{ name: string; calls: number }> {
  const rows: Array<{ name: string; calls: number }> = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || !/^\d+(\.\d+)?$/.test(cols[0]) || cols[cols.length - 1] === 'total') continue;
    const calls = Number(cols[3]);
    if (Number.isFinite(calls)) rows.push({ name: cols[cols.length - 1], calls });
  }
  return rows.sort((a, b) => b.calls - a.calls);
}

function straceProbe(file: string): WindowProbe {
  let child: ChildProcess | null = null;
  return {
    lengthMs: 3000,
    start(pid) {
      // The main thread only (no -f): the one that runs JavaScript and writes every frame.
      child = spawn('strace', ['-c', '-p', String(pid), '-o', file], { stdio: 'ignore' });
    },
    async stop() {
      if (!child) return;
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      child.kill('SIGINT');
      await exited;
    },
  };
}

export async function syscallsPhase(
  settings: BenchSettings,
  standIn: StandIn,
  relays: Map<Relay, Fixture<Relay>>,
): Promise<SyscallResult[]> {
  const results: SyscallResult[] = [];
  const level = settings.straceLevel;
  for (const [relay] of relays) {
    const file = join(tmpdir(), `hearth-bench-strace-${relay}-${process.pid}.txt`);
    log(`syscalls: ${relay} at ${level}, strace -c on the server's main thread`);
    const { probeSpan } = await latencyPoint(relay, level, 0, settings, standIn, relays, [], straceProbe(file));
    let calls: Array<{ name: string; calls: number }> = [];
    try {
      calls = parseStraceSummary(readFileSync(file, 'utf8'));
      rmSync(file);
    } catch (err) {
      log(`  no strace summary (${(err as Error).message}); is strace installed?`);
    }
    const span: ProbeSpan = probeSpan ?? { chunks: 0, spanS: 0 };
    const per = (n: number): number => (span.chunks ? n / span.chunks : NaN);
    const total = calls.reduce((n, c) => n + c.calls, 0);
    const r: SyscallResult = {
      relay,
      level,
      chunks: span.chunks,
      spanS: span.spanS,
      totalPerChunk: per(total),
      calls: calls.slice(0, 8).map((c) => ({ ...c, perChunk: per(c.calls) })),
    };
    log(
      `  ${relay}: ${r.totalPerChunk.toFixed(2)} syscalls per chunk over ${span.chunks} chunks: ` +
        r.calls.map((c) => `${c.name} ${c.perChunk.toFixed(2)}`).join(', '),
    );
    results.push(r);
  }
  return results;
}
