import type { OrphanedGeneration } from '../orphaned-generation-hook';
import type { StreamHubMetrics } from '../stream-hub-metrics';

export interface RedisStreamHubOptions {
  url: string;
  /** Prefix of every key and channel. Default `hearth:`. */
  keyPrefix?: string;
  /** Lock lease; renewed every third of it while the generation runs. Default 6 s. */
  leaseMs?: number;
  /** How long a finished generation stays readable for catch-up. Default 60 s. */
  endedRetentionMs?: number;
  /** Upper bound on a generation's Redis state while it runs (its owner may die). Default 1 h. */
  liveRetentionMs?: number;
  /** Approximate cap on each session's event stream. Default 2000 entries. */
  streamMaxLen?: number;
  /**
   * While a connection on another instance reads the session, frames reach Redis (and it) in
   * batches at most this often: its tabs lag by up to this much; this instance's own connections
   * never wait. Default 4 ms.
   */
  flushIntervalMs?: number;
  /**
   * While no other instance reads the session, frames are kept for Redis (catch-up elsewhere)
   * this long, so a stream costs one script call per this many ms, not per chunk. A connection
   * joining elsewhere makes what waits go at once (its count reaches the owner). Default 1 s.
   */
  unwatchedFlushMs?: number;
  /** How long the owner has to answer a cancel from another instance. Default the lease. */
  requestTimeoutMs?: number;
  /** Records a generation another instance left behind (e.g. its analytics row). */
  onOrphaned?: (orphan: OrphanedGeneration) => Promise<void>;
  /** Where failed Redis operations and the lag of other instances' frames are reported. */
  metrics?: StreamHubMetrics;
  /** Fixed instance id (tests); default a random UUID per process. */
  instanceId?: string;
}

/** The options with their defaults filled in, shared by every part of the hub. */
export interface HubSettings {
  readonly url: string;
  readonly instanceId: string;
  readonly prefix: string;
  readonly leaseMs: number;
  readonly endedRetentionMs: number;
  readonly liveRetentionMs: number;
  readonly streamMaxLen: number;
  readonly requestTimeoutMs: number;
  readonly flushIntervalMs: number;
  readonly unwatchedFlushMs: number;
}

export function hubSettings(options: RedisStreamHubOptions, defaultInstanceId: () => string): HubSettings {
  const leaseMs = options.leaseMs ?? 6000;
  return {
    url: options.url,
    instanceId: options.instanceId ?? defaultInstanceId(),
    prefix: options.keyPrefix ?? 'hearth:',
    leaseMs,
    endedRetentionMs: options.endedRetentionMs ?? 60_000,
    liveRetentionMs: options.liveRetentionMs ?? 3_600_000,
    streamMaxLen: options.streamMaxLen ?? 2000,
    requestTimeoutMs: options.requestTimeoutMs ?? leaseMs,
    flushIntervalMs: options.flushIntervalMs ?? 4,
    unwatchedFlushMs: options.unwatchedFlushMs ?? 1000,
  };
}
