import { BehaviorSubject, Subject } from 'rxjs';
import { NoticeFrame, StreamFrame, isTerminal } from '../stream-event';
import type { LocalConnection } from '../local-connection';
import { RecentSet, SessionKeys, compareEntryIds } from './protocol';

/** An item of a session's local feed: entryId is null for frames published by this instance. */
export interface FeedItem {
  frame: StreamFrame;
  entryId: string | null;
}

/**
 * This instance's view of one session: every frame for its local connections, in order, from
 * its own generations (delivered at once) and other instances' (through pub/sub, deduplicated by
 * stream entry id); the global connection count; and whatever holds it open.
 */
export class SessionFeed {
  /** Every item, to local connections (each subscribed directly, filtering for itself) and joins collecting. */
  readonly items = new Subject<FeedItem>();
  /** The `session`-mode connections, let go when the session's tabs are detached. */
  readonly tabs = new Set<LocalConnection>();
  readonly globalCount = new BehaviorSubject<number | null>(null);
  private countVersion = 0;
  localConnections = 0;
  /** Connections, count observers and an owned generation each hold the feed. */
  holds = 0;
  /** The generation this instance has seen start and not end, and how far it got. */
  live: string | null = null;
  liveOffset = 0;
  /** Newest remote entry delivered; older or equal ones are duplicates. */
  lastId = '0-0';
  /** While the stream is being re-read after a reconnection, remote items wait here. */
  resyncBuffer: FeedItem[] | null = null;
  ready: Promise<void> | null = null;
  private readonly ended = new RecentSet(32);

  constructor(
    readonly sessionId: number,
    readonly keys: SessionKeys,
  ) {}

  push(item: FeedItem): void {
    if (item.entryId !== null) {
      if (this.resyncBuffer) return void this.resyncBuffer.push(item);
      if (compareEntryIds(item.entryId, this.lastId) <= 0) return;
      this.lastId = item.entryId;
    }
    const { frame } = item;
    // A generation ended here (e.g. failed when Redis went away) says nothing more.
    if (this.ended.has(frame.streamId)) return;
    if (frame.event.type === 'start') this.live = frame.streamId;
    if (frame.streamId === this.live) this.liveOffset = frame.offset;
    if (isTerminal(frame.event)) {
      this.ended.add(frame.streamId);
      if (this.live === frame.streamId) this.live = null;
    }
    this.items.next(item);
  }

  /** A notice goes to the tabs attached here, beside the items: it belongs to no generation. */
  notifyTabs(frame: NoticeFrame): void {
    for (const tab of this.tabs) tab.notify(frame);
  }

  detachTabs(): void {
    for (const tab of this.tabs) tab.end();
  }

  /** Counts arrive as answers and as messages, on two connections: keep the newest. */
  applyCount(total: number, version: number): void {
    if (version < this.countVersion) return;
    this.countVersion = version;
    this.globalCount.next(total);
  }

  /** The counts say a connection on another instance reads the session. */
  get watchedElsewhere(): boolean {
    return (this.globalCount.value ?? 0) > this.localConnections;
  }

  hasEnded(streamId: string): boolean {
    return this.ended.has(streamId);
  }
}
