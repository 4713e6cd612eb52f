import type { Summary } from './stats';

export type Hub = 'memory' | 'redis';
/** `direct`: the client reads the stand-in itself; otherwise through Hearth with that hub. */
export type Mode = 'direct' | Hub;

export const HUB_LABEL: Record<Mode, string> = {
  direct: 'direct to the stand-in',
  memory: 'in-process hub',
  redis: 'Redis hub',
};

export interface BenchSettings {
  levels: number[];
  reps: number;
  hubs: Hub[];
  chunks: number;
  intervalMs: number;
  rampMs: number;
  ttftSends: number;
  historyMessages: number;
  memoryN: number;
  pin: boolean;
  profile: { hub: Hub; level: number } | null;
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
  failures: number;
  failureExamples: string[];
  /** CPU time over the whole point, % of one core. */
  serverCpuPct: number | null;
  /** Time the server's main thread spent runnable but waiting for a CPU (other processes), % of the point. */
  serverWaitPct: number | null;
  standInCpuPct: number;
  clientCpuPct: number;
  /** Server CPU time per chunk relayed (start and end of each generation included), µs. */
  serverCpuPerChunkUs: number | null;
  /** Median time from the request to the terminal event, s. */
  medianGenerationS: number;
  loadAvg1: number;
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
  serverCpuPct: number | null;
  serverCpuPerChunkUs: number | null;
  failures: number;
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
  hub: Hub;
  n: number;
  baseRssMiB: number;
  /** RSS growth per idle SSE connection (GET /stream, nothing generating), KiB. */
  perIdleConnectionKiB: number;
  /** RSS growth per live generation (its posting connection, upstream call and run), KiB. */
  perLiveGenerationKiB: number;
  rss: { base: number; idle: number; base2: number; live: number };
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
}
