import { Logger } from '@nestjs/common';
import { sessionOfChannel } from './protocol';
import { SCRIPTS } from './scripts';
import type { RedisLink } from './link';
import type { SessionFeeds } from './session-feeds';
import type { GenerationWriter } from './generation-writer';
import type { PendingEnds } from './pending-ends';
import type { Lease } from './lease';
import type { InstanceMessaging } from './instance-messaging';

/** The parts the lifecycle drives when Redis comes, goes and ticks. */
export interface HubParts {
  feeds: SessionFeeds;
  writer: GenerationWriter;
  pendingEnds: PendingEnds;
  lease: Lease;
  messaging: InstanceMessaging;
}

/**
 * Redis coming and going: connecting at start-up, routing what the subscriber hears, failing
 * owned generations when commands are lost, catching feeds up when connections come back, the
 * lease tick, and the goodbye at shutdown.
 */
export class ConnectionLifecycle {
  private readonly logger = new Logger('RedisStreamHub');
  private tick: NodeJS.Timeout | null = null;
  private started = false;
  private closing = false;
  private subWasReady = false;
  /** Which connection is up now: a loss is counted once, not at every failed reconnection attempt. */
  private readonly up = { cmd: false, sub: false };
  /** The tick's count refresh while it runs. */
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly link: RedisLink,
    private readonly parts: HubParts,
  ) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { cmd, sub } = this.link;
    cmd.on('error', (err: Error) => this.logger.debug(`Redis (commands): ${err.message}`));
    sub.on('error', (err: Error) => this.logger.debug(`Redis (subscriber): ${err.message}`));
    cmd.on('ready', () => void this.onCommandsReady());
    cmd.on('close', () => this.onCommandsLost());
    sub.on('ready', () => void this.onSubscriberReady());
    sub.on('close', () => this.onSubscriberLost());
    sub.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    await this.link.connect(() => (this.closing = true));
    this.tick = setInterval(() => void this.onTick(), Math.max(50, Math.floor(this.link.settings.leaseMs / 3)));
    this.tick.unref();
  }

  /** After the app's own shutdown (which ends every generation): stop counting, disconnect. */
  async stop(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.tick) clearInterval(this.tick);
    const { feeds, messaging } = this.parts;
    // A tick's refresh sends its calls one after another: let it finish first, so that none of
    // its later calls can write a count again after the goodbye below.
    await this.refreshing;
    await feeds.writeCounts(
      feeds.all().filter((f) => f.localConnections > 0),
      () => 0,
    );
    messaging.stop();
    await this.link.quit();
  }

  private onMessage(channel: string, message: string): void {
    const sessionId = sessionOfChannel(this.link.settings.prefix, channel);
    if (sessionId === undefined) this.parts.messaging.onMessage(message);
    else this.parts.feeds.onSessionMessage(sessionId, message);
  }

  /** A connection that was up went down (not at shutdown): hearth_redis_hub_errors_total{operation="disconnect"}. */
  private lost(connection: 'cmd' | 'sub'): void {
    if (!this.up[connection]) return;
    this.up[connection] = false;
    this.link.failed('disconnect');
  }

  private async onCommandsReady(): Promise<void> {
    this.up.cmd = true;
    const { cmd } = this.link;
    const { feeds, pendingEnds } = this.parts;
    // Loaded first on every connection, so no EVALSHA after a restart falls back out of order.
    for (const script of Object.values(SCRIPTS)) cmd.script('LOAD', script.source).catch(() => undefined);
    await pendingEnds.flush();
    // This instance's counts may have expired while its commands were away, and owners do not
    // publish to sessions no other instance counts: count again, then read what was missed.
    const watched = feeds.all().filter((feed) => feed.localConnections > 0);
    for (const feed of watched) feed.resyncBuffer ??= [];
    await feeds.refreshCounts(watched);
    await feeds.resync();
  }

  private onCommandsLost(): void {
    if (this.closing) return;
    this.lost('cmd');
    this.parts.writer.failAll('went away');
  }

  private async onSubscriberReady(): Promise<void> {
    this.up.sub = true;
    const reconnected = this.subWasReady;
    this.subWasReady = true;
    // Also when the first connection attempt at boot failed (ioredis re-subscribes only what it saw).
    await this.link.sub.subscribe(this.link.ownChannel).catch(() => undefined);
    if (reconnected) await this.parts.feeds.resync();
  }

  /** Other instances' generations cannot be followed without the subscriber: they end here with `error`. */
  private onSubscriberLost(): void {
    if (this.closing) return;
    this.lost('sub');
    const { writer } = this.parts;
    this.parts.feeds.subscriberLost((sessionId, streamId) => writer.get(sessionId)?.streamId === streamId);
  }

  /** Every third of the lease: renew owned locks, refresh counts, end orphans, retry pending ends. */
  private async onTick(): Promise<void> {
    if (this.closing || !this.link.commandsReady) return;
    const { feeds, lease, pendingEnds } = this.parts;
    const work = lease.renewOwned();
    const all = feeds.all();
    // Every feed held here (by a connection, a count observer or an owned generation), in a few
    // calls; one refresh at a time: a slow Redis gets the next one once it has answered this one.
    if (!this.refreshing) {
      const refresh = feeds.refreshCounts(all);
      this.refreshing = refresh.finally(() => (this.refreshing = null));
      work.push(this.refreshing);
    }
    for (const feed of all) {
      const reaping = lease.reapIfOrphaned(feed);
      if (reaping) work.push(reaping);
    }
    if (pendingEnds.size) work.push(pendingEnds.flush());
    await Promise.all(work);
  }
}
