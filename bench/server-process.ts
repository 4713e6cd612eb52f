import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface ProcessStats {
  /** Resident set size, KiB (VmRSS). */
  rssKb: number;
  /** User + system CPU time of all threads, s (10 ms ticks). */
  cpuS: number;
  /** The main (JavaScript) thread's time on a CPU, and waiting in a run queue for one, ns (schedstat). */
  mainRunNs: number;
  mainWaitNs: number;
  /** The main thread's read-type and write-type system calls so far (syscr, syscw of /proc/<pid>/task/<pid>/io). */
  mainReadCalls: number;
  mainWriteCalls: number;
}

/** RSS and CPU time of any process, from /proc. */
export function processStats(pid: number): ProcessStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  // Fields after the command name (which may hold spaces) in /proc/<pid>/stat: utime is 14th, stime 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
  const io = readFileSync(`/proc/${pid}/task/${pid}/io`, 'utf8');
  const mainReadCalls = Number(/syscr:\s+(\d+)/.exec(io)?.[1] ?? NaN);
  const mainWriteCalls = Number(/syscw:\s+(\d+)/.exec(io)?.[1] ?? NaN);
  return { rssKb, cpuS: ticks / CLOCK_TICKS, mainRunNs: run, mainWaitNs: wait, mainReadCalls, mainWriteCalls };
}

/** USER_HZ; 100 on every Linux the bench will meet. */
const CLOCK_TICKS = 100;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface HearthOptions {
  name: string;
  mainJs: string;
  env: Record<string, string>;
  /** CPU to pin the server to with taskset, or undefined for none. */
  cpu?: number;
  /** Preload the SIGWINCH profiler hook, writing profiles here. */
  profileDir?: string;
  logFile: string;
}

/** The built server as a child process, the way it runs in production. */
export class HearthProcess {
  private exited = false;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly options: HearthOptions,
  ) {
    child.once('exit', () => (this.exited = true));
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: HearthOptions): Promise<HearthProcess> {
    const port = await freePort();
    const nodeArgs: string[] = [];
    if (options.profileDir) nodeArgs.push('-r', join(__dirname, 'cpu-profile-hook.js'));
    nodeArgs.push(options.mainJs);
    const [cmd, args] =
      options.cpu !== undefined
        ? ['taskset', ['-c', String(options.cpu), process.execPath, ...nodeArgs]]
        : [process.execPath, nodeArgs];
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(options.profileDir
        ? { BENCH_CPU_PROFILE_DIR: options.profileDir, BENCH_CPU_PROFILE_LABEL: options.name }
        : {}),
    };
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(options.logFile);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const proc = new HearthProcess(options.name, `http://127.0.0.1:${port}`, child, options);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.exited) throw new Error(`${options.name}: the server exited during start-up; see ${options.logFile}`);
      try {
        const res = await fetch(`${proc.url}/api/health`);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`${options.name}: not healthy within 60 s; see ${options.logFile}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return proc;
  }

  stats(): ProcessStats {
    return processStats(this.pid);
  }

  /** Starts, or stops and writes, a CPU profile (see cpu-profile-hook.ts); resolves with the file once written. */
  async toggleProfile(stopping: boolean, index: number): Promise<string | null> {
    if (!this.options.profileDir) return null;
    this.child.kill('SIGWINCH');
    if (!stopping) {
      await new Promise((r) => setTimeout(r, 300)); // the profiler starts asynchronously
      return null;
    }
    const file = join(this.options.profileDir, `${this.name}-${index}.cpuprofile`);
    const deadline = Date.now() + 30_000;
    while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return existsSync(file) ? file : null;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  }
}
