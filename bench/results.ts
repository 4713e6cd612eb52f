import type { Summary } from './stats';

export type Hub = 'memory' | 'redis';
export type Phase = 'memory' | 'ttft' | 'latency' | 'idle' | 'syscalls' | 'metrics';
/** What relays chunks to the bench's clients: Hearth with one of its hubs, or the floor relay (floor-relay.ts). */
export type Relay = Hub | 'floor';
/** `direct`: the client reads the stand-in itself; otherwise through that relay. */
export type Mode = 'direct' | Relay;

export const HUB_LABEL: Record<Mode, string> = {
  direct: 'direct to the stand-in',
  floor: 'floor relay (node:http)',
  memory: 'in-process hub',
  redis: 'Redis hub',
};

export interface BenchSettings {
  levels: number[];
  reps: number;
  hubs: Hub[];
  intervalMs: number;
  /** Generations started per second while a level ramps up. */
  startRate: number;
  /** How long every generation of a level streams at once (the measured window), ms. */
  steadyMs: number;
  ttftSends: number;
  historyMessages: number;
  memoryN: number;
  pin: boolean;
  /** Nice value of every bench process, servers included; null: left as started. */
  nice: number | null;
  profile: { hub: Hub; level: number } | null;
  phases: Phase[];
  /** Run the floor relay in the latency phase (and the syscall count). */
  floor: boolean;
  /** Idle SSE connections held at once in the idle phase, and for how long (ms). */
  idleN: number;
  idleHoldMs: number;
  /** The level of the metrics on/off comparison, and of the syscall breakdown by strace (which slows the server, so a low one). */
  detailLevel: number;
  straceLevel: number;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kernel: string;
  date: string;
  commit: string;
  command: string;
  loadAtStart: [number, number, number];
  loadAtEnd: [number, number, number];
  database: string;
  redis: string;
  durationS: number;
}

/** One run of one concurrency level in one mode. */
export interface PointResult {
  mode: Mode;
  level: number;
  rep: number;
  /** Chunk latency (stand-in write → client read) in the steady window, ms. */
  latency: Summary;
  /** Only the posting clients' / only the attached tabs' samples (relay only). */
  poster: Summary;
  tab: Summary | null;
  /** Length of the window when every generation was streaming, s; false if there was none. */
  windowS: number;
  steady: boolean;
  generations: number;
  chunksPerGeneration: number;
  /** From the first start to the barrier's release (every generation streaming), s. */
  rampS: number;
  /** Upstream chunks sent in the window (each reached two readers through Hearth). */
  upstreamChunks: number;
  failures: number;
  failureExamples: string[];
  /** Over the steady window, % of one core: the server's CPU time (all threads, 10 ms ticks) ... */
  serverCpuPct: number | null;
  /** ... its main (JavaScript) thread's time on a CPU, and time runnable but waiting for one (schedstat). */
  serverMainPct: number | null;
  serverWaitPct: number | null;
  /** Main-thread CPU time per upstream chunk in the steady window (no starts or ends in it), µs. */
  serverCpuPerChunkUs: number | null;
  standInCpuPct: number;
  clientCpuPct: number;
  /** Median time from the request to the terminal event, s. */
  medianGenerationS: number;
  loadAvg1: number;
  /** The server's event-loop delay over the steady window beyond its 10 ms timer (p50, p99), ms; null for direct. */
  loopDelayP50Ms: number | null;
  loopDelayP99Ms: number | null;
  /** The main thread's read-type and write-type system calls per upstream chunk in the steady window (/proc io). */
  readCallsPerChunk: number | null;
  writeCallsPerChunk: number | null;
}

export interface LevelResult {
  level: number;
  mode: Mode;
  /** Pooled over the repetitions. */
  latency: Summary;
  /** Pooled latency minus the pooled direct latency of the same level (relay modes only), ms. */
  addedP50: number | null;
  addedP99: number | null;
  /** The same difference per repetition, against that repetition's direct run. */
  addedP99ByRep: number[];
  addedP50ByRep: number[];
  /** Medians over the repetitions of the PointResult figures of the same names. */
  serverCpuPct: number | null;
  serverMainPct: number | null;
  serverWaitPct: number | null;
  serverCpuPerChunkUs: number | null;
  failures: number;
  /** Each repetition's own figures, in repetition order: p50 and p99 (ms), CPU per chunk (µs). */
  repP50: number[];
  repP99: number[];
  repCpuPerChunkUs: number[];
  /** Medians over the repetitions of the event-loop delay beyond 10 ms (ms). */
  loopDelayP50Ms: number | null;
  loopDelayP99Ms: number | null;
  /** Medians over the repetitions of the main thread's system calls per chunk. */
  readCallsPerChunk: number | null;
  writeCallsPerChunk: number | null;
}

export interface TtftResult {
  mode: Mode;
  history: number;
  /** Client: request sent → first content event read, ms. */
  observed: Summary;
  /** Stand-in: whole request in → first chunk written, ms. */
  providerOwn: Summary;
  /** observed − providerOwn per request, ms. */
  added: Summary;
  /** The two parts of `added`: client request start → request complete at the stand-in, ms ... */
  toProvider: Summary;
  /** ... and first chunk written by the stand-in → read by the client, ms. */
  back: Summary;
  /** Hearth only: its main thread's CPU time during the send, and its time waiting for a CPU, ms. */
  serverCpu: Summary;
  serverWait: Summary;
  failures: number;
}

export interface MemoryResult {
  hub: Relay;
  n: number;
  baseRssMiB: number;
  /** RSS growth per idle SSE connection (GET /stream, nothing generating), KiB. */
  perIdleConnectionKiB: number;
  /** RSS growth per live generation (its posting connection, upstream call and run), KiB. */
  perLiveGenerationKiB: number;
  rss: { base: number; idle: number; base2: number; live: number };
}

/** Many idle SSE connections on one server, with heartbeats, and how /api/health answers meanwhile. */
export interface IdleResult {
  hub: Hub;
  n: number;
  opened: number;
  /** Open file descriptors allowed to the server (soft limit, as the bench raised it). */
  serverFdLimit: number;
  holdS: number;
  rssBeforeKiB: number;
  rssHeldKiB: number;
  perConnectionKiB: number;
  /** Heartbeat comments received per connection over the hold (median, min). */
  pingsMedian: number;
  pingsMin: number;
  /** /api/health polled every 100 ms through the hold, ms. */
  health: Summary;
  healthFailures: number;
  /** The server's main thread over the hold: % busy, and event-loop delay beyond 10 ms (p99, max scraped), ms. */
  serverMainPct: number;
  loopDelayP99Ms: number | null;
}

/** System calls of the server over part of a steady window (strace -c -f), per upstream chunk. */
export interface SyscallResult {
  relay: Relay;
  level: number;
  chunks: number;
  spanS: number;
  totalPerChunk: number;
  /** The most frequent calls, most first. */
  calls: Array<{ name: string; calls: number; perChunk: number }>;
}

/** The in-process hub at one level with its metrics on and off (METRICS_ENABLED), alternating. */
export interface MetricsCostResult {
  level: number;
  cpuPerChunkOnUs: number[];
  cpuPerChunkOffUs: number[];
  p99OnMs: number[];
  p99OffMs: number[];
}

export interface ProfileResult {
  hub: Hub;
  level: number;
  file: string;
  summaryText: string;
}

export interface BenchResults {
  settings: BenchSettings;
  machine: Machine;
  points: PointResult[];
  levels: LevelResult[];
  ttft: TtftResult[];
  memory: MemoryResult[];
  profiles: ProfileResult[];
  idle: IdleResult[];
  syscalls: SyscallResult[];
  metricsCost: MetricsCostResult | null;
}

/**
 * How a level is run: generations start at `startRate` per second (ramp), each streams one chunk
 * and waits at a barrier; once all have, they stream `chunks` chunks together (the steady window).
 */
export function levelPlan(level: number, settings: BenchSettings): { rampMs: number; chunks: number } {
  const rampMs = Math.round((level / settings.startRate) * 1000);
  const chunks = Math.ceil(settings.steadyMs / settings.intervalMs) + 1;
  return { rampMs, chunks };
}
