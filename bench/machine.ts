/** The machine the run happened on (for the report), and where the bench puts itself on it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, setPriority, totalmem } from 'node:os';
import { log } from './log';
import { REPO } from './options';
import { BenchSettings, Machine } from './results';
import { CLIENT_CPU, REDIS_URL } from './wiring';

export function machine(command: string, startLoad: number[], settings: BenchSettings, started: number): Machine {
  const cpuModel =
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus().at(0)?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  let pgVersion = 'PostgreSQL';
  try {
    pgVersion = execFileSync('psql', ['--version']).toString().trim();
  } catch {
    /* psql not installed */
  }
  let redisVersion = 'Redis';
  try {
    redisVersion = execFileSync('redis-server', ['--version']).toString().trim().split(' ').slice(0, 3).join(' ');
  } catch {
    /* redis-server not on PATH */
  }
  return {
    cpus: cpus().length,
    cpuModel,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    kernel: release(),
    date: new Date().toISOString(),
    commit,
    command,
    loadAtStart: startLoad as [number, number, number],
    loadAtEnd: loadavg() as [number, number, number],
    database: `${pgVersion} on 127.0.0.1:5432 (scratch database per hub, created and dropped by the bench)`,
    redis: settings.hubs.includes('redis') ? `${redisVersion} at ${REDIS_URL} (a key prefix of its own)` : 'not used',
    durationS: (Date.now() - started) / 1000,
  };
}

/** A lower nice value for the bench, the stand-in and the servers (inherited by both). */
export function reniceSelf(settings: BenchSettings): void {
  if (settings.nice === null) return;
  try {
    setPriority(process.pid, settings.nice);
  } catch (err) {
    log(`could not set nice ${settings.nice}: ${(err as Error).message}`);
    settings.nice = null;
  }
}

export function pinSelf(settings: BenchSettings): void {
  if (!settings.pin) return;
  try {
    execFileSync('taskset', ['-cp', String(CLIENT_CPU), String(process.pid)], { stdio: 'ignore' });
  } catch {
    log('taskset failed: client and server are not pinned');
    settings.pin = false;
  }
}

/**
 * Raises a process's open-file limit to `n` (soft and hard) with prlimit or, where the hard limit
 * cannot be raised (no CAP_SYS_RESOURCE, as in this machine's container), the soft limit to the
 * hard one. Returns the soft limit it then has.
 */
export function raiseFdLimit(pid: number, n: number): number {
  const prlimit = (soft: number, hard: number): boolean => {
    try {
      execFileSync('prlimit', ['--pid', String(pid), `--nofile=${soft}:${hard}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (fdLimit(pid) < n && !prlimit(n, n)) {
    const hard = fdLimit(pid, 'hard');
    if (!prlimit(hard, hard)) log(`could not raise the open-file limit of ${pid}`);
    else if (hard < n) log(`open-file limit of ${pid}: ${hard} (its hard limit; raising it needs CAP_SYS_RESOURCE)`);
  }
  return fdLimit(pid);
}

export function fdLimit(pid: number, which: 'soft' | 'hard' = 'soft'): number {
  const m = /Max open files\s+(\d+)\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  return Number(m?.[which === 'soft' ? 1 : 2] ?? NaN);
}
