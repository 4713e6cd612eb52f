import { Logger } from '@nestjs/common';
import { Observable, distinctUntilChanged, filter } from 'rxjs';
import { ErrorEvent, SessionNotice } from '../stream-event';
import { toFrame, toNoticeFrame } from '../sse-framing';
import {
  compareEntryIds,
  decodeSessionMessage,
  encodeDetachMessage,
  encodeNoticeMessage,
  frameOfWire,
} from './protocol';
import { SCRIPTS } from './scripts';
import { SessionFeed } from './session-feed';
import type { RedisLink } from './link';
import { errorText } from '../../errors/domain-error';

/**
 * Sessions per count refresh call. A call holds Redis (which answers nobody else meanwhile) about
 * 5 µs per session, so ~1 ms at 250 (2.4 ms measured at 500): short beside the 4 ms in which
 * frames reach tabs elsewhere, while 10,000 watched sessions still take only 40 calls a tick.
 */
export const COUNTS_PER_CALL = 250;

/** What a follower's tabs are told when Redis went away under another instance's generation. */
export const LOST_REDIS: ErrorEvent = {
  type: 'error',
  code: 'internal',
  error: 'The server lost its connection to Redis while generating the reply; send the message again',
};

/**
 * The session feeds this instance holds: subscribing to a session's channel while anything here
 * holds it, the connection counts, what arrives on the channels, and replaying the stream after
 * the subscriber was away.
 */
export class SessionFeeds {
  private readonly logger = new Logger('RedisStreamHub');
  private readonly feeds = new Map<number, SessionFeed>();

  /** `onCount` is told after a feed's global count changed (the owner may then flush sooner). */
  constructor(
    private readonly link: RedisLink,
    private readonly onCount: (feed: SessionFeed) => void,
  ) {}

  get(sessionId: number): SessionFeed | undefined {
    return this.feeds.get(sessionId);
  }

  all(): SessionFeed[] {
    return [...this.feeds.values()];
  }

  retain(sessionId: number): SessionFeed {
    let feed = this.feeds.get(sessionId);
    if (!feed) {
      feed = new SessionFeed(sessionId, this.link.keys(sessionId));
      this.feeds.set(sessionId, feed);
      void this.ready(feed).catch(() => undefined);
    }
    feed.holds++;
    return feed;
  }

  release(feed: SessionFeed): void {
    feed.holds--;
    if (feed.holds > 0 || this.feeds.get(feed.sessionId) !== feed) return;
    this.feeds.delete(feed.sessionId);
    // Nothing holds the feed, so no connection is left to end.
    void this.link.sub.unsubscribe(feed.keys.channel).catch(() => undefined);
  }

  /** Subscribed to the session's channel, and knowing where its stream stands (retried after a failure). */
  ready(feed: SessionFeed): Promise<void> {
    feed.ready ??= (async () => {
      if (this.link.sub.status !== 'ready') throw new Error('Redis is not connected');
      await this.link.sub.subscribe(feed.keys.channel);
      const last = await this.link.cmd.xrevrange(feed.keys.events, '+', '-', 'COUNT', 1);
      if (last[0] && compareEntryIds(last[0][0], feed.lastId) > 0) feed.lastId = last[0][0];
    })().catch((err: unknown) => {
      feed.ready = null;
      throw err;
    });
    return feed.ready;
  }

  /** Sets this instance's count for the session; the global total, or -1 when over `limit`. */
  async writeCount(feed: SessionFeed, count: number | '', limit?: number): Promise<number> {
    const { cmd, instanceId, settings } = this.link;
    const reply = await SCRIPTS.connections.run(
      cmd,
      [feed.keys.conns],
      [instanceId, count, limit ?? '', settings.leaseMs, feed.keys.channel],
    );
    if (reply.kind === 'refused') return -1;
    this.applyCount(feed, reply.total, reply.version);
    return reply.total;
  }

  /**
   * This instance's connections of each feed counted again, so they do not expire (every tick,
   * after a reconnection), or only their totals read ('') for feeds held without connections.
   */
  refreshCounts(feeds: SessionFeed[]): Promise<void> {
    return this.writeCounts(feeds, (feed) => (feed.localConnections > 0 ? feed.localConnections : ''));
  }

  /**
   * Sets this instance's count of many sessions (`countOf`, read when its call is sent, so it is
   * never older than a connect's or close's own write queued before), COUNTS_PER_CALL sessions
   * per script call, one call at a time: an idle instance's tick costs a few calls, not one per
   * session. A call that fails is logged and skipped: the next tick writes those counts again
   * (at shutdown, they expire). Feeds let go meanwhile are skipped.
   */
  async writeCounts(feeds: SessionFeed[], countOf: (feed: SessionFeed) => number | ''): Promise<void> {
    const { cmd, instanceId, settings } = this.link;
    for (let i = 0; i < feeds.length; i += COUNTS_PER_CALL) {
      const chunk = feeds.slice(i, i + COUNTS_PER_CALL).filter((feed) => this.feeds.get(feed.sessionId) === feed);
      if (!chunk.length) continue;
      const keys: string[] = [];
      const args: Array<string | number> = [instanceId, settings.leaseMs];
      for (const feed of chunk) {
        keys.push(feed.keys.conns);
        args.push(countOf(feed), feed.keys.channel);
      }
      try {
        const { version, totals } = await SCRIPTS.connectionsRefresh.run(cmd, keys, args);
        if (totals.length !== chunk.length) throw new Error(`${totals.length} totals for ${chunk.length} sessions`);
        chunk.forEach((feed, k) => this.applyCount(feed, totals[k], version));
      } catch (err) {
        this.link.failed('connect');
        this.logger.debug(`Connection counts not written for ${chunk.length} chat session(s): ${errorText(err)}`);
      }
    }
  }

  private applyCount(feed: SessionFeed, total: number, version: number): void {
    feed.applyCount(total, version);
    this.onCount(feed);
  }

  connectionCount(sessionId: number): Observable<number> {
    return new Observable<number>((subscriber) => {
      const feed = this.retain(sessionId);
      const subscription = feed.globalCount
        .pipe(
          filter((n): n is number => n !== null),
          distinctUntilChanged(),
        )
        .subscribe(subscriber);
      if (feed.globalCount.value === null) {
        void this.ready(feed)
          .then(() => this.writeCount(feed, ''))
          .catch((err: unknown) => {
            this.link.failed('connect');
            this.logger.debug(`Connection count of chat session ${sessionId}: ${errorText(err)}`);
          });
      }
      return () => {
        subscription.unsubscribe();
        this.release(feed);
      };
    });
  }

  /**
   * A notice to the session's tabs: those here at once, those elsewhere through the session's
   * channel (they skip their own origin). Rejects with StreamHubUnavailableError when Redis
   * cannot take it.
   */
  async notify(sessionId: number, notice: SessionNotice): Promise<void> {
    this.feeds.get(sessionId)?.notifyTabs(toNoticeFrame(notice));
    const { cmd, instanceId } = this.link;
    await this.link.answered(
      'notify',
      cmd.publish(this.link.keys(sessionId).channel, encodeNoticeMessage(instanceId, notice)),
    );
  }

  /** A message on a session channel: frames of another instance, a count, a detach or a notice. */
  onSessionMessage(sessionId: number, message: string): void {
    const feed = this.feeds.get(sessionId);
    if (!feed) return;
    const m = decodeSessionMessage(message, this.link.instanceId);
    if (!m) return;
    if (m.kind === 'count') this.applyCount(feed, m.total, m.version);
    else if (m.kind === 'detach') {
      if (m.origin !== this.link.instanceId) feed.detachTabs();
    } else if (m.kind === 'notice') feed.notifyTabs(m.frame);
    else {
      // Stamped by the owner's clock when it sent them; empty for frames of a reaped generation.
      if (m.sentAt !== undefined) this.link.lagged((Date.now() - m.sentAt) / 1000);
      for (const item of m.items) feed.push(item);
    }
  }

  /** Lets go of the tabs of one session (here and on every instance) or of all (here). */
  async detachTabs(sessionId?: number): Promise<void> {
    if (sessionId === undefined) {
      for (const feed of this.feeds.values()) feed.detachTabs();
      return;
    }
    this.feeds.get(sessionId)?.detachTabs();
    // Tabs on other instances are let go too (a deleted session).
    await this.link.cmd
      .publish(this.link.keys(sessionId).channel, encodeDetachMessage(this.link.instanceId))
      .catch((err: unknown) => {
        this.link.failed('notify');
        this.logger.warn(`Tabs of chat session ${sessionId} elsewhere not let go: ${errorText(err)}`);
      });
  }

  /**
   * The subscriber is gone: generations of other instances (`isOwned` says which are not) end
   * here with `error`, and remote items wait until the stream has been read again.
   */
  subscriberLost(isOwned: (sessionId: number, streamId: string) => boolean): void {
    for (const feed of this.feeds.values()) {
      const streamId = feed.live;
      if (streamId && !isOwned(feed.sessionId, streamId)) {
        feed.push({ frame: toFrame(streamId, feed.liveOffset, LOST_REDIS), entryId: null });
      }
      feed.resyncBuffer ??= [];
    }
  }

  /**
   * After a reconnection: confirm each waiting session channel, then read what the stream got
   * meanwhile (after the last entry delivered), then the live items that queued up.
   */
  async resync(): Promise<void> {
    const { cmd, sub, instanceId } = this.link;
    if (cmd.status !== 'ready' || sub.status !== 'ready') return;
    for (const feed of [...this.feeds.values()]) {
      if (!feed.resyncBuffer) continue;
      let entries: Array<[string, string[]]> = [];
      try {
        await sub.subscribe(feed.keys.channel);
        entries = await cmd.xrange(feed.keys.events, `(${feed.lastId}`, '+');
      } catch (err) {
        this.link.failed('resync');
        this.logger.warn(`Chat session ${feed.sessionId} may have missed events: ${errorText(err)}`);
      }
      const buffered = feed.resyncBuffer;
      // Two reconnects in a row can overlap here: the first one to get back has done the work.
      // (Checked again after the awaits above: the other may have emptied it meanwhile.)
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (!buffered) continue;
      feed.resyncBuffer = null;
      for (const [entryId, list] of entries) {
        const f = fieldsOf(list);
        const frame = f.o === instanceId ? undefined : frameOfWire(f.s, Number(f.f), f.w);
        if (frame) feed.push({ frame, entryId });
      }
      for (const item of buffered) feed.push(item);
    }
  }
}

function fieldsOf(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i]] = list[i + 1];
  return out;
}
