import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';
import type { CancelReason, SessionNotice, StartEvent, TerminalEvent } from '../stream-event';
import type {
  CancelHandler,
  CancelOutcome,
  ConnectOptions,
  GenerationFailureHandler,
  HubConnection,
  StreamHub,
  StreamStatus,
} from '../stream-hub';
import { parseLockToken } from './protocol';
import { SCRIPTS } from './scripts';
import { RedisStreamHubOptions, hubSettings } from './settings';
import { RedisLink } from './link';
import { SessionFeeds } from './session-feeds';
import { GenerationWriter, RunHandlers } from './generation-writer';
import { PendingEnds } from './pending-ends';
import { Lease } from './lease';
import { InstanceMessaging } from './instance-messaging';
import { FeedConnections } from './feed-connections';
import { ConnectionLifecycle } from './connection-lifecycle';

/**
 * The stream hub for several instances sharing one Redis, composed of its parts: the session
 * feeds (subscribe, dedupe, replay) and the connections joining them (snapshot, catch-up), the
 * generation writer (outbox, flush, publish, ends), the lease and reaper, the messages between
 * instances (cancel and flush routed to the owner), and the connection lifecycle (reconnect,
 * resync, tick). The lock is a leased key renewed by its owner; frames go to local connections at
 * once and through Redis (in batches, not awaited, order kept by the connection) to other
 * instances; a joining connection subscribes first, then reads a snapshot, and drops live frames
 * the snapshot already covers.
 */
export class RedisStreamHub implements StreamHub, OnModuleInit, OnApplicationShutdown {
  readonly instanceId: string;
  private readonly link: RedisLink;
  private readonly handlers: RunHandlers = { cancel: null, failure: null };
  private readonly feeds: SessionFeeds;
  private readonly writer: GenerationWriter;
  private readonly lease: Lease;
  private readonly messaging: InstanceMessaging;
  private readonly connections: FeedConnections;
  private readonly lifecycle: ConnectionLifecycle;

  constructor(options: RedisStreamHubOptions) {
    this.link = new RedisLink(hubSettings(options, randomUUID), options.metrics);
    this.instanceId = this.link.instanceId;
    // A count that changes may mean a reader elsewhere: the owner then flushes what it holds.
    this.feeds = new SessionFeeds(this.link, (feed) => this.writer.flushIfWatched(feed));
    const pendingEnds = new PendingEnds(this.link);
    this.writer = new GenerationWriter(this.link, this.feeds, pendingEnds, this.handlers);
    this.lease = new Lease(this.link, this.writer, options.onOrphaned);
    this.messaging = new InstanceMessaging(this.link, this.writer, this.lease, this.handlers);
    this.connections = new FeedConnections(this.link, this.feeds, this.writer, this.messaging);
    this.lifecycle = new ConnectionLifecycle(this.link, {
      feeds: this.feeds,
      writer: this.writer,
      pendingEnds,
      lease: this.lease,
      messaging: this.messaging,
    });
  }

  onModuleInit(): Promise<void> {
    return this.lifecycle.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.lifecycle.stop();
  }

  /** For the health probe: true when Redis answers a PING within a second. */
  ping(): Promise<boolean> {
    return this.link.ping();
  }

  setCancelHandler(handler: CancelHandler): void {
    this.handlers.cancel = handler;
  }

  /**
   * How to stop a generation whose Redis state was lost (it ends with `error`/`internal`).
   * Without one, the run is stopped through the cancel handler and its terminal is replaced.
   */
  setFailureHandler(handler: GenerationFailureHandler): void {
    this.handlers.failure = handler;
  }

  acquire(sessionId: number, streamId: string): Promise<boolean> {
    return this.lease.acquire(sessionId, streamId);
  }

  publish(sessionId: number, streamId: string, event: StartEvent | TerminalEvent): Promise<void> {
    return this.writer.publish(sessionId, streamId, event);
  }

  append(sessionId: number, streamId: string, text: string): void {
    this.writer.append(sessionId, streamId, text);
  }

  appendReasoning(sessionId: number, streamId: string, text: string): void {
    this.writer.appendReasoning(sessionId, streamId, text);
  }

  notify(sessionId: number, notice: SessionNotice): Promise<void> {
    return this.feeds.notify(sessionId, notice);
  }

  abandon(sessionId: number, streamId: string): Promise<void> {
    return this.writer.abandon(sessionId, streamId);
  }

  connect(sessionId: number, options: ConnectOptions): Promise<HubConnection> {
    return this.connections.connect(sessionId, options);
  }

  connectionCount(sessionId: number): Observable<number> {
    return this.feeds.connectionCount(sessionId);
  }

  requestCancel(sessionId: number, reason: CancelReason): Promise<CancelOutcome> {
    return this.messaging.requestCancel(sessionId, reason);
  }

  closeConnections(sessionId?: number): Promise<void> {
    return this.feeds.detachTabs(sessionId);
  }

  async status(sessionId: number): Promise<StreamStatus> {
    const { cmd, instanceId, settings } = this.link;
    const keys = this.link.keys(sessionId);
    const running = await this.link.answered('status', cmd.get(keys.lock));
    const runner = running ? parseLockToken(running) : undefined;
    // Its partial length in Redis may lag what the owner holds back: have it sent first.
    if (runner) await this.messaging.syncWithOwner(sessionId, runner);
    const [state, connections] = await this.link.answered(
      'status',
      Promise.all([
        SCRIPTS.status.run(cmd, [keys.lock, keys.gen], []),
        SCRIPTS.connections.run(cmd, [keys.conns], [instanceId, '', '', settings.leaseMs, keys.channel]),
      ]),
    );
    const lock = state.lock;
    const own = this.writer.get(sessionId);
    let partialLength = 0;
    if (lock && own?.streamId === lock.streamId) partialLength = own.text.length;
    else if (lock && state.generation?.streamId === lock.streamId) partialLength = state.generation.partialLength;
    return {
      isStreaming: !!lock,
      streamId: lock?.streamId ?? null,
      partialLength,
      // Counted without writing (`''`), so never refused.
      connections: connections.kind === 'counted' ? connections.total : 0,
    };
  }
}
