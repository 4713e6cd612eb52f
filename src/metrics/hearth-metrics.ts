import { Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CancelReason, GenerationErrorCode, GenerationKind, TerminalEvent } from '../streaming/stream-event';
import { REDIS_HUB_OPERATIONS, RedisHubOperation, StreamHubMetrics } from '../streaming/stream-hub-metrics';
import { LatencyHistogram } from './latency-histogram';

/** What a generation run reports; narrow so the run (and its unit tests) need not know prom-client. */
export interface GenerationRunMetrics {
  started(): void;
  firstToken(seconds: number): void;
  /** One text part relayed: called per chunk, so it only increments two label-free counters. */
  chunk(text: string): void;
  /**
   * One text part handed to this instance's connections, `seconds` after its bytes were read from
   * the provider: called per chunk, so one allocation-free observation.
   */
  relayed(seconds: number): void;
  ended(kind: GenerationKind, event: TerminalEvent): void;
}

/**
 * This app's Prometheus registry and metric objects. A registry of its own, not prom-client's
 * global one, so several apps in one process (the e2e tests) never register a name twice.
 */
@Injectable()
export class HearthMetrics implements GenerationRunMetrics, StreamHubMetrics {
  readonly registry = new Registry();
  private readonly active: Gauge;
  private readonly endedTotal: Counter<'kind' | 'outcome' | 'reason' | 'code'>;
  private readonly ttft: Histogram;
  private readonly chunks: Counter;
  private readonly bytes: Counter;
  private readonly sse: Gauge;
  private readonly retries: Counter<'cause'>;
  /** Outside the registry (see LatencyHistogram); appended to its text by render(). */
  private readonly relayLatency = new LatencyHistogram(
    'hearth_relay_latency_seconds',
    "Time from a text part's bytes being read from the provider to its frame being handed to this instance's SSE connections",
    [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
  );
  private readonly redisErrors: Counter<'operation'>;
  private readonly redisLagSeconds: Histogram;

  /** Chunks and bytes relayed since the last scrape, added to their counters when one comes. */
  private readonly pending = { chunks: 0, bytes: 0 };
  /** METRICS_ENABLED=false: nothing is recorded (every method returns at once) and /metrics answers 404. */
  readonly enabled: boolean;

  constructor(@Optional() config?: AppConfig) {
    this.enabled = config?.metricsEnabled ?? true;
    const registers = [this.registry];
    // Process CPU, memory, handles and event-loop lag (nodejs_eventloop_lag_*): their monitors
    // and GC observers run only when metrics are on.
    if (this.enabled) collectDefaultMetrics({ register: this.registry });
    this.active = new Gauge({
      name: 'hearth_generations_active',
      help: 'Generations running on this instance',
      registers,
    });
    this.endedTotal = new Counter({
      name: 'hearth_generations_ended_total',
      help:
        'Generations ended on this instance, by kind, outcome (done, error, cancelled), cancel reason and error ' +
        'code; also those of a dead instance this one ended (error, internal)',
      labelNames: ['kind', 'outcome', 'reason', 'code'],
      registers,
    });
    this.ttft = new Histogram({
      name: 'hearth_time_to_first_token_seconds',
      help: 'Time from the start of a generation to its first text from the provider',
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
      registers,
    });
    // Per chunk only two plain additions (chunk() below); prom-client's inc(), about a microsecond
    // a chunk in the bench's profile, runs once per scrape, in collect().
    const pending = this.pending;
    this.chunks = new Counter({
      name: 'hearth_generation_chunks_total',
      help: 'Text parts relayed from the provider',
      registers,
      collect(this: Counter) {
        if (pending.chunks) this.inc(pending.chunks);
        pending.chunks = 0;
      },
    });
    this.bytes = new Counter({
      name: 'hearth_generation_bytes_total',
      help: 'UTF-8 bytes of text relayed from the provider',
      registers,
      collect(this: Counter) {
        if (pending.bytes) this.inc(pending.bytes);
        pending.bytes = 0;
      },
    });
    this.sse = new Gauge({
      name: 'hearth_sse_connections',
      help: 'SSE responses open on this instance (send-message streams and attached tabs)',
      registers,
    });
    this.retries = new Counter({
      name: 'hearth_provider_retries_total',
      help: 'Calls to OpenRouter retried, by the HTTP status or error code that caused the retry',
      labelNames: ['cause'],
      registers,
    });
    this.redisErrors = new Counter({
      name: 'hearth_redis_hub_errors_total',
      help: 'Redis operations of the stream hub that failed, and Redis connections lost, by operation',
      labelNames: ['operation'],
      registers,
    });
    // Every operation from 0, so an alert on increase() sees the first failure.
    for (const operation of REDIS_HUB_OPERATIONS) this.redisErrors.inc({ operation }, 0);
    this.redisLagSeconds = new Histogram({
      name: 'hearth_redis_hub_lag_seconds',
      help:
        "Time from another instance sending a generation's frames to Redis to this instance receiving them " +
        '(two clocks: includes their skew)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
  }

  started(): void {
    if (!this.enabled) return;
    this.active.inc();
  }

  firstToken(seconds: number): void {
    if (!this.enabled) return;
    this.ttft.observe(seconds);
  }

  chunk(text: string): void {
    if (!this.enabled) return;
    this.pending.chunks++;
    this.pending.bytes += Buffer.byteLength(text, 'utf8');
  }

  relayed(seconds: number): void {
    if (!this.enabled) return;
    this.relayLatency.observe(seconds);
  }

  ended(kind: GenerationKind, event: TerminalEvent): void {
    if (!this.enabled) return;
    this.active.dec();
    const reason: CancelReason | '' = event.type === 'cancelled' ? event.reason : '';
    const code: GenerationErrorCode | '' = event.type === 'error' ? event.code : '';
    this.endedTotal.inc({ kind, outcome: event.type, reason, code });
  }

  /**
   * A generation whose instance died, ended here by the Redis hub's reaper: counted as ended (an
   * `error`/`internal`) by the instance that ended it; it was never active here.
   */
  orphanEnded(): void {
    if (!this.enabled) return;
    this.endedTotal.inc({ kind: 'send', outcome: 'error', reason: '', code: 'internal' });
  }

  sseOpened(): void {
    if (!this.enabled) return;
    this.sse.inc();
  }

  sseClosed(): void {
    if (!this.enabled) return;
    this.sse.dec();
  }

  /** `cause`: the HTTP status (e.g. 503) or the error code of the failed call. */
  providerRetried(cause: string): void {
    if (!this.enabled) return;
    this.retries.inc({ cause });
  }

  redisError(operation: RedisHubOperation): void {
    if (!this.enabled) return;
    this.redisErrors.inc({ operation });
  }

  /** A skew between the two clocks can make it negative: counted as 0. */
  redisLag(seconds: number): void {
    if (!this.enabled) return;
    this.redisLagSeconds.observe(Math.max(0, seconds));
  }

  /** The exposition text and its content type (text/plain; version=0.0.4). */
  async render(): Promise<{ contentType: string; body: string }> {
    const body = `${await this.registry.metrics()}\n${this.relayLatency.exposition()}\n`;
    return { contentType: this.registry.contentType, body };
  }
}
