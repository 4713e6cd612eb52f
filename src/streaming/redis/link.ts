import Redis from 'ioredis';
import { ConfigError } from '../../config/app-config';
import { SessionKeys, instanceChannel, sessionKeys } from './protocol';
import type { HubSettings } from './settings';
import type { RedisHubOperation, StreamHubMetrics } from '../stream-hub-metrics';
import { answeredByRedis } from './unavailable';
import { errorText } from '../../errors/domain-error';

const BOOT_CONNECT_MS = 5000;

/** host:port of a Redis URL, never its password. */
export function redactedRedisTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * The instance's two Redis connections and the names on them. Commands fail fast while
 * disconnected (no offline queue) so a lost Redis is noticed; the subscriber is the one
 * subscriber connection of this instance.
 */
export class RedisLink {
  readonly cmd: Redis;
  readonly sub: Redis;
  readonly instanceId: string;
  /** This instance's own channel: requests addressed to it and answers to its requests. */
  readonly ownChannel: string;

  constructor(
    readonly settings: HubSettings,
    private readonly metrics?: StreamHubMetrics,
  ) {
    this.instanceId = settings.instanceId;
    this.ownChannel = instanceChannel(settings.prefix, settings.instanceId);
    const retryStrategy = (times: number) => Math.min(50 * times, 500);
    this.cmd = new Redis(settings.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      connectionName: `hearth-cmd-${this.instanceId}`,
      retryStrategy,
    });
    this.sub = new Redis(settings.url, {
      lazyConnect: true,
      connectionName: `hearth-sub-${this.instanceId}`,
      retryStrategy,
    });
  }

  /** Counts a failed operation of the hub (hearth_redis_hub_errors_total). */
  failed(operation: RedisHubOperation): void {
    this.metrics?.redisError(operation);
  }

  /** answeredByRedis, the failure counted under `operation`. */
  answered<T>(operation: RedisHubOperation, call: Promise<T>): Promise<T> {
    return answeredByRedis(call).catch((err: unknown) => {
      this.failed(operation);
      throw err;
    });
  }

  /** Frames of another instance arrived, `seconds` after it sent them (by its clock and this one's). */
  lagged(seconds: number): void {
    this.metrics?.redisLag(seconds);
  }

  keys(sessionId: number): SessionKeys {
    return sessionKeys(this.settings.prefix, sessionId);
  }

  channelOf(instanceId: string): string {
    return instanceChannel(this.settings.prefix, instanceId);
  }

  get commandsReady(): boolean {
    return this.cmd.status === 'ready';
  }

  /**
   * Connects both and subscribes to this instance's channel. Like an unreachable DATABASE_URL,
   * an unreachable REDIS_URL stops start-up with one line; once running, Redis may come and go
   * (health says so, ioredis reconnects). `onGiveUp` runs before both are dropped.
   */
  async connect(onGiveUp: () => void): Promise<void> {
    const connected = Promise.all([
      this.cmd.connect(),
      this.sub.connect().then(() => this.sub.subscribe(this.ownChannel)),
    ]);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<never>(
      (_resolve, reject) => (timer = setTimeout(() => reject(new Error('no answer within 5 s')), BOOT_CONNECT_MS)),
    );
    try {
      await Promise.race([connected, waited]);
    } catch (err) {
      onGiveUp();
      this.cmd.disconnect();
      this.sub.disconnect();
      throw new ConfigError(
        'REDIS_URL',
        `cannot connect to Redis at ${redactedRedisTarget(this.settings.url)}: ${errorText(err)}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when Redis answers a PING within a second. */
  async ping(): Promise<boolean> {
    if (this.cmd.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), 1000)));
    const answer = await Promise.race([this.cmd.ping(), timeout]).catch(() => 'error');
    clearTimeout(timer);
    return answer === 'PONG';
  }

  async quit(): Promise<void> {
    const quit = (client: Redis) =>
      client.status === 'ready' ? client.quit().catch(() => client.disconnect()) : client.disconnect();
    await Promise.all([quit(this.cmd), quit(this.sub)]);
  }
}
