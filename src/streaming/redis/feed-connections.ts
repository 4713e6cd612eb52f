import { Logger } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { StreamFrame } from '../stream-event';
import { LocalConnection } from '../local-connection';
import { EndedText, LiveText, catchUpFrames, textOffset } from '../catch-up';
import { ConnectOptions, HubConnection, TooManyConnectionsError } from '../stream-hub';
import { compareEntryIds, frameOfWire } from './protocol';
import { SCRIPTS } from './scripts';
import type { SnapshotReply } from './script-replies';
import type { FeedItem, SessionFeed } from './session-feed';
import type { SessionFeeds } from './session-feeds';
import type { GenerationWriter } from './generation-writer';
import type { InstanceMessaging } from './instance-messaging';
import type { RedisLink } from './link';
import { errorText } from '../../errors/domain-error';

/** Where a joining connection starts: catch-up, then collected items newer than lastId, then live. */
interface Join {
  catchUp: StreamFrame[];
  pending: FeedItem[];
  /** Collects `pending`; unsubscribed when the connection takes over. */
  tap: Subscription;
  lastId: string;
  generationStreamId: string | undefined;
}

/**
 * This instance's connections to session feeds: counted (across instances, against the limit),
 * caught up from memory or from a Redis snapshot, then fed live without a gap or a double.
 */
export class FeedConnections {
  private readonly logger = new Logger('RedisStreamHub');

  constructor(
    private readonly link: RedisLink,
    private readonly feeds: SessionFeeds,
    private readonly writer: GenerationWriter,
    private readonly messaging: InstanceMessaging,
  ) {}

  async connect(sessionId: number, options: ConnectOptions): Promise<HubConnection> {
    const feed = this.feeds.retain(sessionId);
    feed.localConnections++;
    try {
      await this.link.answered('connect', this.feeds.ready(feed));
      const total = await this.link.answered(
        'connect',
        this.feeds.writeCount(feed, feed.localConnections, options.limit),
      );
      if (total < 0) throw new TooManyConnectionsError(options.limit ?? 0);
    } catch (err) {
      feed.localConnections--;
      this.feeds.release(feed);
      throw err;
    }

    let join: Join;
    try {
      join = await this.join(feed, options);
    } catch (err) {
      this.closeLocal(feed);
      throw err;
    }
    // From here to the return nothing awaits: no item can fall between the collected ones and
    // the live ones.
    join.tap.unsubscribe();
    const tab = options.mode === 'session';
    const connection = new LocalConnection(tab ? null : { generation: join.generationStreamId }, () => {
      live.unsubscribe();
      feed.tabs.delete(connection);
    });
    const take = (item: FeedItem): void => {
      if (item.entryId === null || compareEntryIds(item.entryId, join.lastId) > 0) connection.deliver(item.frame);
    };
    const live = feed.items.subscribe(take);
    if (tab) feed.tabs.add(connection);
    for (const frame of join.catchUp) connection.deliver(frame);
    for (const item of join.pending) take(item);
    let closed = false;
    return {
      frames: connection.frames,
      close: () => {
        if (closed) return;
        closed = true;
        this.closeLocal(feed);
      },
    };
  }

  /**
   * Where a new connection starts. On the generation's own instance, its text in memory, read in
   * the same tick as the connection subscribes. Elsewhere a snapshot from Redis: live items are
   * collected from before it is sent, and those it already covers (entry id not newer than its
   * last) are dropped, so nothing is lost or doubled.
   */
  private async join(feed: SessionFeed, options: ConnectOptions): Promise<Join> {
    // Collected until connect subscribes for good (an await away).
    const pending: FeedItem[] = [];
    const tap = feed.items.subscribe((item) => pending.push(item));
    const own = this.writer.get(feed.sessionId);
    if (own && !own.ended) {
      return {
        catchUp: catchUpFrames(
          { streamId: own.streamId, text: own.text, reasoning: own.reasoning },
          null,
          options.resumeFrom,
        ),
        pending,
        tap,
        lastId: '0-0',
        generationStreamId: own.streamId,
      };
    }
    let snapshot: SnapshotReply;
    try {
      snapshot = await this.readSnapshot(feed);
      if (snapshot.lock) {
        // Another instance runs a generation and may hold frames back: have them sent, read again.
        await this.messaging.syncWithOwner(feed.sessionId, snapshot.lock);
        snapshot = await this.readSnapshot(feed);
      }
    } catch (err) {
      tap.unsubscribe();
      throw err;
    }
    const { lock, generation, lastEntryId } = snapshot;
    const current = generation?.streamId === lock?.streamId ? generation : null;
    const live: LiveText | null = lock
      ? { streamId: lock.streamId, text: current?.text ?? '', reasoning: current?.reasoning ?? '' }
      : null;
    let ended: EndedText | null = null;
    if (!live && generation?.endWire && options.mode === 'session') {
      const terminal = frameOfWire(generation.streamId, textOffset(generation), generation.endWire);
      if (terminal) ended = { ...generation, terminal };
    }
    if (live && current && !feed.live && !feed.hasEnded(live.streamId)) {
      feed.live = live.streamId;
      feed.liveOffset = textOffset(live);
    }
    return {
      catchUp: catchUpFrames(live, ended, options.resumeFrom),
      pending,
      tap,
      lastId: lastEntryId,
      generationStreamId: live?.streamId,
    };
  }

  private readSnapshot(feed: SessionFeed): Promise<SnapshotReply> {
    const keys = feed.keys;
    return this.link.answered(
      'connect',
      SCRIPTS.snapshot.run(this.link.cmd, [keys.lock, keys.gen, keys.text, keys.events, keys.reasoning], []),
    );
  }

  private closeLocal(feed: SessionFeed): void {
    feed.localConnections--;
    this.feeds.writeCount(feed, feed.localConnections).catch((err: unknown) => {
      this.link.failed('connect');
      this.logger.debug(`Connection count of chat session ${feed.sessionId} not written: ${errorText(err)}`);
    });
    this.feeds.release(feed);
  }
}
