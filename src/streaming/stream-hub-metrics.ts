/**
 * What the Redis hub failed at, as the `operation` label of hearth_redis_hub_errors_total: a
 * fixed set, so the metric's series are known in advance.
 *
 * - `lock`: taking, renewing or releasing a session's lock (a send answered 503; a generation
 *   whose lock was lost fails);
 * - `publish`: sending a generation's frames or its end to Redis (the generation fails with
 *   `internal`, or its end is written once Redis is back);
 * - `connect`: attaching an SSE connection (subscribing, counting it, reading the snapshot: a
 *   503) and writing the instance's connection counts;
 * - `status`: reading a session's stream status (a 503);
 * - `request`: a request to the instance running a generation (cancel, flush) or its answer;
 * - `notify`: a notice or a detach for other instances' tabs;
 * - `resync`: re-reading a session's stream after a reconnection (tabs may have missed events);
 * - `reap`: ending a generation whose instance died;
 * - `disconnect`: one of the instance's two Redis connections (commands, subscriber) was lost.
 */
export const REDIS_HUB_OPERATIONS = [
  'lock',
  'publish',
  'connect',
  'status',
  'request',
  'notify',
  'resync',
  'reap',
  'disconnect',
] as const;
export type RedisHubOperation = (typeof REDIS_HUB_OPERATIONS)[number];

/**
 * What a stream hub reports to the operator's metrics. Defined here and implemented above
 * streaming (HearthMetrics), so the hub knows nothing of Prometheus; the in-process hub reports
 * nothing.
 */
export interface StreamHubMetrics {
  redisError(operation: RedisHubOperation): void;
  /**
   * Frames of another instance's generation arrived here: seconds from the owner sending them to
   * Redis to this instance receiving them, by the two instances' clocks.
   */
  redisLag(seconds: number): void;
}

/** Injection token for the one StreamHubMetrics; optional: without it the hub reports nothing. */
export const STREAM_HUB_METRICS = Symbol('STREAM_HUB_METRICS');
