import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { BehaviorSubject, Observable, Subject, Subscription, distinctUntilChanged, filter } from 'rxjs';
import {
  CancelReason,
  ErrorEvent,
  StartEvent,
  StreamEvent,
  StreamFrame,
  TerminalEvent,
  isTerminal,
} from './stream-event';
import { toFrame } from './sse-framing';
import { LocalConnection } from './local-connection';
import { catchUpFrames } from './in-memory-stream-hub';
import {
  CancelHandler,
  CancelOutcome,
  ConnectOptions,
  HubConnection,
  StreamHub,
  StreamStatus,
  TooManyConnectionsError,
  GenerationFailureHandler,
} from './stream-hub';
import {
  NO_ORIGIN,
  RecentSet,
  SessionKeys,
  compareEntryIds,
  decodeInstanceMessage,
  decodeSessionMessage,
  encodeDetachMessage,
  encodeInstanceMessage,
  frameOfWire,
  InstanceRequest,
  instanceChannel,
  lockToken,
  parseLockToken,
  sessionKeys,
  sessionOfChannel,
} from './redis-protocol';
import { SCRIPTS } from './redis-scripts';
import { ConfigError } from '../config/app-config';

const BOOT_CONNECT_MS = 5000;
/** How long a joining connection waits for the owner's flush before reading Redis as it is. */
const FLUSH_REQUEST_TIMEOUT_MS = 500;

/** What another instance answers a request with. */
type InstanceAnswer = CancelOutcome | 'flushed';

/** host:port of a Redis URL, never its password. */
export function redactedRedisTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** A generation that ended without its owner: recorded by whoever ended it (see onOrphaned). */
export interface OrphanedGeneration {
  chatSessionId: number;
  streamId: string;
  partialLength: number;
  startedAt: Date | null;
  firstTokenAt: Date | null;
  endedAt: Date;
}

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
  /** Fixed instance id (tests); default a random UUID per process. */
  instanceId?: string;
}

/** An item of a session's local feed: entryId is null for frames published by this instance. */
interface FeedItem {
  frame: StreamFrame;
  entryId: string | null;
}

/**
 * This instance's view of one session: every frame for its local connections, in order, from
 * its own generations (delivered at once) and other instances' (through pub/sub, deduplicated by
 * stream entry id); the global connection count; and whatever holds it open.
 */
class SessionFeed {
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

  detachTabs(): void {
    for (const tab of this.tabs) tab.end();
  }

  /** Counts arrive as answers and as messages, on two connections: keep the newest. */
  applyCount(total: number, version: number): void {
    if (version < this.countVersion) return;
    this.countVersion = version;
    this.globalCount.next(total);
  }

  hasEnded(streamId: string): boolean {
    return this.ended.has(streamId);
  }
}

/** Where a joining connection starts: catch-up, then collected items newer than lastId, then live. */
interface Join {
  catchUp: StreamFrame[];
  pending: FeedItem[];
  /** Collects `pending`; unsubscribed when the connection takes over. */
  tap: Subscription;
  lastId: string;
  generationStreamId: string | undefined;
}

interface OwnedGeneration {
  sessionId: number;
  streamId: string;
  token: string;
  text: string;
  feed: SessionFeed;
  ended: boolean;
  /** What was delivered here and is not in Redis yet (sent in batches, see flushIntervalMs). */
  outbox: Outbox | null;
  flushTimer: NodeJS.Timeout | null;
  lastFlushAt: number;
}

/**
 * A generation's frames not in Redis yet, each to become one stream entry: a frame's wire as
 * delivered, or a run of content frames merged (their text, ending at `offset`).
 */
interface Outbox {
  entries: Array<{ offset: number; wire: string } | { offset: number; text: string }>;
  /** The text they add, appended to the generation's text in Redis. */
  delta: string;
  starts: boolean;
}

type ReapResult = 'alive' | 'ended' | 'gone' | 'reaped';

/** A generation this instance failed locally whose end Redis has not recorded yet. */
interface PendingEnd {
  sessionId: number;
  streamId: string;
  token: string;
  len: number;
  wire: string;
}

const LOST_REDIS: ErrorEvent = {
  type: 'error',
  code: 'internal',
  error: 'The server lost its connection to Redis while generating the reply; send the message again',
};
const ORPHANED: ErrorEvent = {
  type: 'error',
  code: 'internal',
  error: 'The server generating this reply stopped; send the message again',
};

/**
 * The stream hub for several instances sharing one Redis. The lock is a leased key renewed by its
 * owner; frames go to local connections at once and through Redis (one script per frame, not
 * awaited, order kept by the connection) to other instances; a joining connection subscribes
 * first, then reads a snapshot, and drops live frames the snapshot already covers.
 */
export class RedisStreamHub implements StreamHub, OnModuleInit, OnApplicationShutdown {
  readonly instanceId: string;
  private readonly logger = new Logger('RedisStreamHub');
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly endedRetentionMs: number;
  private readonly liveRetentionMs: number;
  private readonly streamMaxLen: number;
  private readonly requestTimeoutMs: number;
  private readonly flushIntervalMs: number;
  private readonly unwatchedFlushMs: number;
  /** Commands; fails fast while disconnected (no offline queue) so a lost Redis is noticed. */
  private readonly cmd: Redis;
  /** The one subscriber connection of this instance. */
  private readonly sub: Redis;
  private readonly feeds = new Map<number, SessionFeed>();
  private readonly owned = new Map<number, OwnedGeneration>();
  private readonly pendingEnds: PendingEnd[] = [];
  private readonly requests = new Map<string, { resolve: (answer: InstanceAnswer) => void; timer: NodeJS.Timeout }>();
  private cancelHandler: CancelHandler | null = null;
  private failureHandler: GenerationFailureHandler | null = null;
  private tick: NodeJS.Timeout | null = null;
  private started = false;
  private closing = false;
  private subWasReady = false;

  constructor(private readonly options: RedisStreamHubOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.prefix = options.keyPrefix ?? 'hearth:';
    this.leaseMs = options.leaseMs ?? 6000;
    this.endedRetentionMs = options.endedRetentionMs ?? 60_000;
    this.liveRetentionMs = options.liveRetentionMs ?? 3_600_000;
    this.streamMaxLen = options.streamMaxLen ?? 2000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? this.leaseMs;
    this.flushIntervalMs = options.flushIntervalMs ?? 4;
    this.unwatchedFlushMs = options.unwatchedFlushMs ?? 1000;
    const retryStrategy = (times: number) => Math.min(50 * times, 500);
    this.cmd = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      connectionName: `hearth-cmd-${this.instanceId}`,
      retryStrategy,
    });
    this.sub = new Redis(options.url, {
      lazyConnect: true,
      connectionName: `hearth-sub-${this.instanceId}`,
      retryStrategy,
    });
  }

  // ---------------------------------------------------------------- lifecycle

  async onModuleInit(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.cmd.on('error', (err: Error) => this.logger.debug(`Redis (commands): ${err.message}`));
    this.sub.on('error', (err: Error) => this.logger.debug(`Redis (subscriber): ${err.message}`));
    this.cmd.on('ready', () => void this.onCommandsReady());
    this.cmd.on('close', () => this.onCommandsLost());
    this.sub.on('ready', () => void this.onSubscriberReady());
    this.sub.on('close', () => this.onSubscriberLost());
    this.sub.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    const connected = Promise.all([
      this.cmd.connect(),
      this.sub.connect().then(() => this.sub.subscribe(instanceChannel(this.prefix, this.instanceId))),
    ]);
    // Like an unreachable DATABASE_URL, an unreachable REDIS_URL stops start-up with one line;
    // once running, Redis may come and go (health says so, ioredis reconnects).
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<never>(
      (_resolve, reject) => (timer = setTimeout(() => reject(new Error('no answer within 5 s')), BOOT_CONNECT_MS)),
    );
    try {
      await Promise.race([connected, waited]);
    } catch (err) {
      this.closing = true;
      this.cmd.disconnect();
      this.sub.disconnect();
      throw new ConfigError(
        'REDIS_URL',
        `cannot connect to Redis at ${redactedRedisTarget(this.options.url)}: ${(err as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
    }
    this.tick = setInterval(() => void this.onTick(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.tick.unref();
  }

  /** After the app's own shutdown (which ends every generation): stop counting, disconnect. */
  async onApplicationShutdown(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.tick) clearInterval(this.tick);
    await Promise.all(
      [...this.feeds.values()]
        .filter((f) => f.localConnections > 0)
        .map((f) => this.writeCount(f, 0).catch(() => undefined)),
    );
    for (const req of this.requests.values()) clearTimeout(req.timer);
    const quit = (client: Redis) =>
      client.status === 'ready' ? client.quit().catch(() => client.disconnect()) : client.disconnect();
    await Promise.all([quit(this.cmd), quit(this.sub)]);
  }

  /** For the health probe: true when Redis answers a PING within a second. */
  async ping(): Promise<boolean> {
    if (this.cmd.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), 1000)));
    const answer = await Promise.race([this.cmd.ping(), timeout]).catch(() => 'error');
    clearTimeout(timer);
    return answer === 'PONG';
  }

  setCancelHandler(handler: CancelHandler): void {
    this.cancelHandler = handler;
  }

  /**
   * How to stop a generation whose Redis state was lost (it ends with `error`/`internal`).
   * Without one, the run is stopped through the cancel handler and its terminal is replaced.
   */
  setFailureHandler(handler: GenerationFailureHandler): void {
    this.failureHandler = handler;
  }

  // ---------------------------------------------------------------- lock and publishing

  async acquire(sessionId: number, streamId: string): Promise<boolean> {
    const keys = this.keys(sessionId);
    const token = lockToken(this.instanceId, streamId);
    const result = (await SCRIPTS.acquire.run(
      this.cmd,
      [keys.lock, keys.gen],
      [token, this.leaseMs, streamId],
    )) as Array<number | string>;
    if (result[0] !== 1) return false;
    if (result.length > 1) {
      // The previous generation's instance died before ending it: end it now, before ours starts.
      await this.reap(sessionId, String(result[1]), String(result[2])).catch((err: Error) =>
        this.logger.warn(`Could not end orphaned stream ${String(result[1])}: ${err.message}`),
      );
    }
    const feed = this.retain(sessionId);
    this.owned.set(sessionId, {
      sessionId,
      streamId,
      token,
      text: '',
      feed,
      ended: false,
      outbox: null,
      flushTimer: null,
      lastFlushAt: 0,
    });
    return true;
  }

  async publish(sessionId: number, streamId: string, event: StartEvent | TerminalEvent): Promise<void> {
    const delivered = this.deliver(sessionId, streamId, event);
    if (!delivered || !isTerminal(event)) return;
    // The terminal frame goes out with whatever is still queued, in the tick it is delivered
    // here: a connection joining on this instance from now on reads a snapshot sent after it.
    const { gen, frame } = delivered;
    gen.ended = true;
    if (gen.flushTimer) clearTimeout(gen.flushTimer);
    this.owned.delete(sessionId);
    const write = this.send(gen, true);
    try {
      if ((await write) === null) this.logger.warn(`Stream ${streamId} ended after its lock was lost`);
    } catch (err) {
      // Redis is away: record the end once it is back, so the lock and tabs elsewhere learn it.
      this.pendingEnds.push({ sessionId, streamId, token: gen.token, len: frame.offset, wire: frame.wire });
      this.logger.warn(`The end of stream ${streamId} is not in Redis yet: ${(err as Error).message}`);
    } finally {
      this.release(gen.feed);
    }
  }

  append(sessionId: number, streamId: string, text: string): void {
    this.deliver(sessionId, streamId, { type: 'content', data: text });
  }

  /**
   * Hands a frame of an owned generation to this instance's connections and queues it for Redis;
   * null when the generation is not (or no longer) this instance's.
   */
  private deliver(
    sessionId: number,
    streamId: string,
    event: StreamEvent,
  ): { gen: OwnedGeneration; frame: StreamFrame } | null {
    const gen = this.owned.get(sessionId);
    if (!gen || gen.streamId !== streamId || gen.ended) return null;
    const delta = event.type === 'content' ? event.data : '';
    gen.text += delta;
    const frame = toFrame(streamId, gen.text.length, event);
    const outbox = (gen.outbox ??= { entries: [], delta: '', starts: false });
    const last = outbox.entries[outbox.entries.length - 1];
    if (event.type === 'content' && !this.watchedElsewhere(gen.feed)) {
      // Nobody elsewhere reads these entries live, so a run of content is kept (and stored) as
      // one: the same text up to the same offset, and no frame held per chunk until the flush.
      if (last && 'text' in last) {
        last.text += delta;
        last.offset = frame.offset;
      } else outbox.entries.push({ offset: frame.offset, text: delta });
    } else outbox.entries.push({ offset: frame.offset, wire: frame.wire });
    outbox.delta += delta;
    if (event.type === 'start') outbox.starts = true;
    gen.feed.push({ frame, entryId: null });
    // The relay does not wait for Redis: frames leave in batches (see flushIntervalMs).
    if (!isTerminal(event) && !gen.flushTimer) {
      const interval = this.watchedElsewhere(gen.feed) ? this.flushIntervalMs : this.unwatchedFlushMs;
      gen.flushTimer = setTimeout(() => void this.flush(gen), Math.max(0, gen.lastFlushAt + interval - Date.now()));
    }
    return { gen, frame };
  }

  /** The counts say a connection on another instance reads the session. */
  private watchedElsewhere(feed: SessionFeed): boolean {
    return (feed.globalCount.value ?? 0) > feed.localConnections;
  }

  private applyCount(feed: SessionFeed, total: number, version: number): void {
    feed.applyCount(total, version);
    // Someone elsewhere started reading: frames waiting for the unwatched flush go now.
    const gen = this.owned.get(feed.sessionId);
    if (gen?.flushTimer && this.watchedElsewhere(feed)) void this.flush(gen);
  }

  /** Sends what the generation holds back for Redis now; resolves once Redis has it (or it failed). */
  private flush(gen: OwnedGeneration): Promise<void> {
    if (gen.flushTimer) clearTimeout(gen.flushTimer);
    gen.flushTimer = null;
    gen.lastFlushAt = Date.now();
    if (gen.ended || !gen.outbox) return Promise.resolve();
    return this.send(gen, false).then(
      (id) => void (id === null && this.failOwned(gen, 'lost its lock')),
      (err: Error) => this.failOwned(gen, err.message),
    );
  }

  /** One script call for everything in the generation's outbox. */
  private send(gen: OwnedGeneration, ends: boolean): Promise<unknown> {
    const outbox = gen.outbox;
    gen.outbox = null;
    if (!outbox) return Promise.resolve('');
    const keys = gen.feed.keys;
    const args: Array<string | number> = [
      gen.token,
      keys.channel,
      this.instanceId,
      gen.streamId,
      this.streamMaxLen,
      (outbox.starts ? 's' : '') + (ends ? 'e' : ''),
      Date.now(),
      ends ? this.endedRetentionMs : this.liveRetentionMs,
      outbox.delta,
      outbox.entries[outbox.entries.length - 1].offset,
    ];
    for (const e of outbox.entries) {
      args.push(
        e.offset,
        'wire' in e ? e.wire : toFrame(gen.streamId, e.offset, { type: 'content', data: e.text }).wire,
      );
    }
    return SCRIPTS.publish.run(this.cmd, [keys.lock, keys.gen, keys.text, keys.events, keys.conns], args);
  }

  async abandon(sessionId: number, streamId: string): Promise<void> {
    const gen = this.owned.get(sessionId);
    if (!gen || gen.streamId !== streamId) return;
    gen.ended = true;
    this.owned.delete(sessionId);
    this.release(gen.feed);
    await SCRIPTS.release.run(this.cmd, [gen.feed.keys.lock], [gen.token]);
  }

  /**
   * Ends a generation of this instance whose Redis state is gone or no longer its own: `error`
   * to the local connections now, to Redis when it is back, and the run is stopped.
   */
  private failOwned(gen: OwnedGeneration, why: string): void {
    if (gen.ended) return;
    gen.ended = true;
    if (gen.flushTimer) clearTimeout(gen.flushTimer);
    gen.outbox = null;
    if (this.owned.get(gen.sessionId) === gen) this.owned.delete(gen.sessionId);
    this.logger.error(`Stream ${gen.streamId} of chat session ${gen.sessionId} failed: Redis ${why}`);
    const frame = toFrame(gen.streamId, gen.text.length, LOST_REDIS);
    gen.feed.push({ frame, entryId: null });
    this.pendingEnds.push({
      sessionId: gen.sessionId,
      streamId: gen.streamId,
      token: gen.token,
      len: frame.offset,
      wire: frame.wire,
    });
    void this.flushPendingEnds();
    this.release(gen.feed);
    const stop = this.failureHandler
      ? this.failureHandler(gen.sessionId, gen.streamId, LOST_REDIS)
      : this.cancelHandler?.(gen.sessionId, gen.streamId, 'server_shutdown');
    void Promise.resolve(stop).catch((err: Error) =>
      this.logger.warn(`Stopping stream ${gen.streamId}: ${err.message}`),
    );
  }

  /** Writes the ends Redis missed; the lock is released if it is still ours. */
  private async flushPendingEnds(): Promise<void> {
    if (this.cmd.status !== 'ready') return;
    for (const end of this.pendingEnds.splice(0)) {
      const keys = this.keys(end.sessionId);
      try {
        const r = (await SCRIPTS.reap.run(
          this.cmd,
          [keys.lock, keys.gen, keys.text, keys.events],
          [end.streamId, String(end.len), keys.channel, end.wire, this.endedRetentionMs, this.streamMaxLen, end.token],
        )) as Array<number | string>;
        // Someone else's frames moved the length on (cannot happen while we hold the lock): just free it.
        if (r[0] === -1) await SCRIPTS.release.run(this.cmd, [keys.lock], [end.token]);
      } catch {
        this.pendingEnds.push(end);
        return;
      }
    }
  }

  /**
   * Ends an orphaned generation with an `error` frame, once, and records it when this call is
   * the one that ended it. `force` is the lock token of an owner known to be unreachable.
   */
  private async reap(sessionId: number, streamId: string, lengthGuess = '', force = ''): Promise<ReapResult> {
    const keys = this.keys(sessionId);
    let expected = lengthGuess;
    for (let attempt = 0; attempt < 3; attempt++) {
      const wire = expected === '' ? '' : toFrame(streamId, Number(expected), ORPHANED).wire;
      const r = (await SCRIPTS.reap.run(
        this.cmd,
        [keys.lock, keys.gen, keys.text, keys.events],
        [streamId, expected, keys.channel, wire, this.endedRetentionMs, this.streamMaxLen, force],
      )) as Array<number | string>;
      if (r[0] === -1) {
        expected = String(r[1]);
        continue;
      }
      if (r[0] === 0) return 'alive';
      if (r[0] === 2) return 'ended';
      if (r[0] === 3) return 'gone';
      this.logger.warn(`Stream ${streamId} of chat session ${sessionId} was orphaned by its instance; ended it`);
      const startedAt = r[1] ? new Date(Number(r[1])) : null;
      const firstTokenAt = r[2] ? new Date(Number(r[2])) : null;
      await this.options
        .onOrphaned?.({
          chatSessionId: sessionId,
          streamId,
          partialLength: Number(expected),
          startedAt,
          firstTokenAt,
          endedAt: new Date(),
        })
        .catch((err: Error) => this.logger.warn(`Recording orphaned stream ${streamId}: ${err.message}`));
      return 'reaped';
    }
    return 'alive';
  }

  // ---------------------------------------------------------------- connections

  async connect(sessionId: number, options: ConnectOptions): Promise<HubConnection> {
    const feed = this.retain(sessionId);
    feed.localConnections++;
    try {
      await this.feedReady(feed);
      const total = await this.writeCount(feed, feed.localConnections, options.limit);
      if (total < 0) throw new TooManyConnectionsError(options.limit ?? 0);
    } catch (err) {
      feed.localConnections--;
      this.release(feed);
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
    const own = this.owned.get(feed.sessionId);
    if (own && !own.ended) {
      return {
        catchUp: catchUpFrames({ streamId: own.streamId, text: own.text }, null, options.resumeFrom),
        pending,
        tap,
        lastId: '0-0',
        generationStreamId: own.streamId,
      };
    }
    const keys = feed.keys;
    const readSnapshot = async (): Promise<string[]> =>
      (await SCRIPTS.snapshot.run(this.cmd, [keys.lock, keys.gen, keys.text, keys.events], [])) as string[];
    let snapshot: string[];
    let lock: ReturnType<typeof parseLockToken>;
    try {
      snapshot = await readSnapshot();
      lock = snapshot[0] ? parseLockToken(snapshot[0]) : undefined;
      if (lock) {
        // Another instance runs a generation and may hold frames back: have them sent, read again.
        await this.syncWithOwner(feed.sessionId, lock);
        snapshot = await readSnapshot();
        lock = snapshot[0] ? parseLockToken(snapshot[0]) : undefined;
      }
    } catch (err) {
      tap.unsubscribe();
      throw err;
    }
    const [, sid, endWire, , text, lastId] = snapshot;
    const live = lock ? { streamId: lock.streamId, text: sid === lock.streamId ? text : '' } : null;
    let ended: { streamId: string; text: string; terminal: StreamFrame } | null = null;
    if (!live && sid && endWire && options.mode === 'session') {
      const terminal = frameOfWire(sid, text.length, endWire);
      if (terminal) ended = { streamId: sid, text, terminal };
    }
    if (live && sid === live.streamId && !feed.live && !feed.hasEnded(live.streamId)) {
      feed.live = live.streamId;
      feed.liveOffset = live.text.length;
    }
    return {
      catchUp: catchUpFrames(live, ended, options.resumeFrom),
      pending,
      tap,
      lastId,
      generationStreamId: live?.streamId,
    };
  }

  private closeLocal(feed: SessionFeed): void {
    feed.localConnections--;
    this.writeCount(feed, feed.localConnections).catch((err: Error) =>
      this.logger.debug(`Connection count of chat session ${feed.sessionId} not written: ${err.message}`),
    );
    this.release(feed);
  }

  /** Sets this instance's count for the session; the global total, or -1 when over `limit`. */
  private async writeCount(feed: SessionFeed, count: number | '', limit?: number): Promise<number> {
    const [total, version] = (await SCRIPTS.connections.run(
      this.cmd,
      [feed.keys.conns],
      [this.instanceId, count, limit ?? '', this.leaseMs, feed.keys.channel],
    )) as [number, string];
    if (total >= 0) this.applyCount(feed, total, Number(version));
    return total;
  }

  async status(sessionId: number): Promise<StreamStatus> {
    const keys = this.keys(sessionId);
    const running = await this.cmd.get(keys.lock);
    const runner = running ? parseLockToken(running) : undefined;
    // Its partial length in Redis may lag what the owner holds back: have it sent first.
    if (runner) await this.syncWithOwner(sessionId, runner);
    const [state, [connections]] = await Promise.all([
      SCRIPTS.status.run(this.cmd, [keys.lock, keys.gen], []) as Promise<string[]>,
      SCRIPTS.connections.run(this.cmd, [keys.conns], [this.instanceId, '', '', this.leaseMs, keys.channel]) as Promise<
        [number, string]
      >,
    ]);
    const [lockValue, sid, len] = state;
    const lock = lockValue ? parseLockToken(lockValue) : undefined;
    const own = this.owned.get(sessionId);
    let partialLength = 0;
    if (lock && own?.streamId === lock.streamId) partialLength = own.text.length;
    else if (lock && sid === lock.streamId) partialLength = Number(len);
    return {
      isStreaming: !!lock,
      streamId: lock?.streamId ?? null,
      partialLength,
      connections: Number(connections),
    };
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
        void this.feedReady(feed)
          .then(() => this.writeCount(feed, ''))
          .catch((err: Error) => this.logger.debug(`Connection count of chat session ${sessionId}: ${err.message}`));
      }
      return () => {
        subscription.unsubscribe();
        this.release(feed);
      };
    });
  }

  async requestCancel(sessionId: number, reason: CancelReason): Promise<CancelOutcome> {
    const keys = this.keys(sessionId);
    const lockValue = await this.cmd.get(keys.lock);
    const lock = lockValue ? parseLockToken(lockValue) : undefined;
    if (!lock || !this.cancelHandler) return { status: 'not_running' };
    if (lock.instanceId === this.instanceId) return this.cancelHandler(sessionId, lock.streamId, reason);

    const request = {
      t: 'cancel',
      id: randomUUID(),
      from: this.instanceId,
      sessionId,
      streamId: lock.streamId,
      reason,
    } as const;
    const answer = await this.ask(lock.instanceId, request, this.requestTimeoutMs, 'cancel');
    if (answer !== 'gone') return answer === 'flushed' ? { status: 'not_running' } : answer;
    // Nobody listens for that instance: it is gone. End its generation now rather than at lease expiry.
    await this.reap(sessionId, lock.streamId, '', lockValue ?? '');
    return { status: 'not_running' };
  }

  /**
   * Asks the instance running a session's generation to send what it holds back for Redis, so a
   * snapshot read after this is exact. Best effort: an owner that is gone or slow leaves Redis as it is.
   */
  private async syncWithOwner(sessionId: number, lock: { instanceId: string; streamId: string }): Promise<void> {
    if (lock.instanceId === this.instanceId) return;
    const request = {
      t: 'flush',
      id: randomUUID(),
      from: this.instanceId,
      sessionId,
      streamId: lock.streamId,
    } as const;
    await this.ask(lock.instanceId, request, FLUSH_REQUEST_TIMEOUT_MS, 'flush').catch((err: Error) =>
      this.logger.debug(`Chat session ${sessionId}: ${err.message}`),
    );
  }

  /** Sends a request to another instance and waits for its answer; 'gone' when nobody listens there. */
  private async ask(
    instanceId: string,
    request: InstanceRequest,
    timeoutMs: number,
    what: string,
  ): Promise<InstanceAnswer | 'gone'> {
    const answered = new Promise<InstanceAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.requests.delete(request.id);
        reject(new Error(`The instance running chat session ${request.sessionId}'s reply did not answer the ${what}`));
      }, timeoutMs);
      this.requests.set(request.id, { resolve, timer });
    });
    const receivers = await this.cmd
      .publish(instanceChannel(this.prefix, instanceId), encodeInstanceMessage(request))
      .catch((err: Error) => {
        this.settleRequest(request.id);
        throw err;
      });
    if (receivers > 0) return answered;
    this.settleRequest(request.id);
    return 'gone';
  }

  private settleRequest(id: string, answer?: InstanceAnswer): void {
    const req = this.requests.get(id);
    if (!req) return;
    this.requests.delete(id);
    clearTimeout(req.timer);
    if (answer) req.resolve(answer);
  }

  async closeConnections(sessionId?: number): Promise<void> {
    if (sessionId === undefined) {
      for (const feed of this.feeds.values()) feed.detachTabs();
      return;
    }
    this.feeds.get(sessionId)?.detachTabs();
    // Tabs on other instances are let go too (a deleted session).
    await this.cmd
      .publish(this.keys(sessionId).channel, encodeDetachMessage(this.instanceId))
      .catch((err: Error) =>
        this.logger.warn(`Tabs of chat session ${sessionId} elsewhere not let go: ${err.message}`),
      );
  }

  // ---------------------------------------------------------------- feeds

  private keys(sessionId: number): SessionKeys {
    return sessionKeys(this.prefix, sessionId);
  }

  private retain(sessionId: number): SessionFeed {
    let feed = this.feeds.get(sessionId);
    if (!feed) {
      feed = new SessionFeed(sessionId, this.keys(sessionId));
      this.feeds.set(sessionId, feed);
      void this.feedReady(feed).catch(() => undefined);
    }
    feed.holds++;
    return feed;
  }

  private release(feed: SessionFeed): void {
    feed.holds--;
    if (feed.holds > 0 || this.feeds.get(feed.sessionId) !== feed) return;
    this.feeds.delete(feed.sessionId);
    // Nothing holds the feed, so no connection is left to end.
    void this.sub.unsubscribe(feed.keys.channel).catch(() => undefined);
  }

  /** Subscribed to the session's channel, and knowing where its stream stands (retried after a failure). */
  private feedReady(feed: SessionFeed): Promise<void> {
    feed.ready ??= (async () => {
      if (this.sub.status !== 'ready') throw new Error('Redis is not connected');
      await this.sub.subscribe(feed.keys.channel);
      const last = await this.cmd.xrevrange(feed.keys.events, '+', '-', 'COUNT', 1);
      if (last[0] && compareEntryIds(last[0][0], feed.lastId) > 0) feed.lastId = last[0][0];
    })().catch((err: unknown) => {
      feed.ready = null;
      throw err;
    });
    return feed.ready;
  }

  private onMessage(channel: string, message: string): void {
    const sessionId = sessionOfChannel(this.prefix, channel);
    if (sessionId === undefined) return this.onInstanceMessage(message);
    const feed = this.feeds.get(sessionId);
    if (!feed) return;
    const m = decodeSessionMessage(message, this.instanceId);
    if (!m) return;
    if (m.kind === 'count') this.applyCount(feed, m.total, m.version);
    else if (m.kind === 'detach') {
      if (m.origin !== this.instanceId) feed.detachTabs();
    } else for (const item of m.items) feed.push(item);
  }

  private onInstanceMessage(text: string): void {
    const m = decodeInstanceMessage(text);
    if (!m) return;
    if (m.t === 'reply') return this.settleRequest(m.id, m.outcome);
    if (m.t === 'flushed') return this.settleRequest(m.id, 'flushed');
    if (m.t === 'flush') {
      const own = this.owned.get(m.sessionId);
      const flushed = own?.streamId === m.streamId ? this.flush(own) : Promise.resolve();
      void flushed
        .then(() =>
          this.cmd.publish(instanceChannel(this.prefix, m.from), encodeInstanceMessage({ t: 'flushed', id: m.id })),
        )
        .catch((err: Error) => this.logger.warn(`Answering a flush for chat session ${m.sessionId}: ${err.message}`));
      return;
    }
    void (async () => {
      const own = this.owned.get(m.sessionId);
      const outcome: CancelOutcome =
        this.cancelHandler && own?.streamId === m.streamId
          ? await this.cancelHandler(m.sessionId, m.streamId, m.reason).catch(() => ({
              status: 'not_running' as const,
            }))
          : { status: 'not_running' };
      await this.cmd.publish(
        instanceChannel(this.prefix, m.from),
        encodeInstanceMessage({ t: 'reply', id: m.id, outcome }),
      );
    })().catch((err: Error) => this.logger.warn(`Answering a cancel for chat session ${m.sessionId}: ${err.message}`));
  }

  // ---------------------------------------------------------------- Redis coming and going

  private async onCommandsReady(): Promise<void> {
    // Loaded first on every connection, so no EVALSHA after a restart falls back out of order.
    for (const script of Object.values(SCRIPTS)) this.cmd.script('LOAD', script.source).catch(() => undefined);
    await this.flushPendingEnds();
    // This instance's counts may have expired while its commands were away, and owners do not
    // publish to sessions no other instance counts: count again, then read what was missed.
    const watched = [...this.feeds.values()].filter((feed) => feed.localConnections > 0);
    for (const feed of watched) feed.resyncBuffer ??= [];
    await Promise.all(watched.map((feed) => this.writeCount(feed, feed.localConnections).catch(() => undefined)));
    await this.resyncFeeds();
  }

  private onCommandsLost(): void {
    if (this.closing) return;
    for (const gen of [...this.owned.values()]) this.failOwned(gen, 'went away');
  }

  private async onSubscriberReady(): Promise<void> {
    const reconnected = this.subWasReady;
    this.subWasReady = true;
    // Also when the first connection attempt at boot failed (ioredis re-subscribes only what it saw).
    await this.sub.subscribe(instanceChannel(this.prefix, this.instanceId)).catch(() => undefined);
    if (reconnected) await this.resyncFeeds();
  }

  /** Other instances' generations cannot be followed without the subscriber: they end here with `error`. */
  private onSubscriberLost(): void {
    if (this.closing) return;
    for (const feed of this.feeds.values()) {
      const streamId = feed.live;
      if (streamId && this.owned.get(feed.sessionId)?.streamId !== streamId) {
        feed.push({ frame: toFrame(streamId, feed.liveOffset, LOST_REDIS), entryId: null });
      }
      feed.resyncBuffer ??= [];
    }
  }

  /**
   * After the subscriber reconnects: confirm each session channel, then read what the stream got
   * meanwhile (after the last entry delivered), then the live items that queued up.
   */
  private async resyncFeeds(): Promise<void> {
    if (this.cmd.status !== 'ready' || this.sub.status !== 'ready') return;
    for (const feed of [...this.feeds.values()]) {
      if (!feed.resyncBuffer) continue;
      let entries: Array<[string, string[]]> = [];
      try {
        await this.sub.subscribe(feed.keys.channel);
        entries = await this.cmd.xrange(feed.keys.events, `(${feed.lastId}`, '+');
      } catch (err) {
        this.logger.warn(`Chat session ${feed.sessionId} may have missed events: ${(err as Error).message}`);
      }
      const buffered = feed.resyncBuffer;
      // Two reconnects in a row can overlap here: the first one to get back has done the work.
      if (!buffered) continue;
      feed.resyncBuffer = null;
      for (const [entryId, list] of entries) {
        const f = fieldsOf(list);
        const frame = f.o === this.instanceId ? undefined : frameOfWire(f.s, Number(f.f), f.w);
        if (frame) feed.push({ frame, entryId });
      }
      for (const item of buffered) feed.push(item);
    }
  }

  /** Every third of the lease: renew owned locks, refresh counts, end orphans, retry pending ends. */
  private async onTick(): Promise<void> {
    if (this.closing || this.cmd.status !== 'ready') return;
    const work: Array<Promise<unknown>> = [];
    for (const gen of this.owned.values()) {
      work.push(
        SCRIPTS.renew.run(this.cmd, [gen.feed.keys.lock], [gen.token, this.leaseMs]).then(
          (renewed) => Number(renewed) !== 1 && this.failOwned(gen, 'lost its lock'),
          () => undefined, // a lost connection is handled by onCommandsLost
        ),
      );
    }
    for (const feed of this.feeds.values()) {
      if (feed.localConnections > 0 || feed.holds > 0) {
        work.push(this.writeCount(feed, feed.localConnections > 0 ? feed.localConnections : '').catch(() => undefined));
      }
      const live = feed.live;
      if (live && this.owned.get(feed.sessionId)?.streamId !== live) {
        work.push(
          this.reap(feed.sessionId, live).then(
            // Ended or replaced without this instance hearing it: stop watching it.
            (result) => result !== 'alive' && feed.live === live && (feed.live = null),
            () => undefined,
          ),
        );
      }
    }
    if (this.pendingEnds.length) work.push(this.flushPendingEnds());
    await Promise.all(work);
  }
}

function fieldsOf(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i]] = list[i + 1];
  return out;
}
