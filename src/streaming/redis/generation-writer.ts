import { Logger } from '@nestjs/common';
import { StartEvent, StreamEvent, StreamFrame, TerminalEvent, isTerminal } from '../stream-event';
import { toFrame } from '../sse-framing';
import type { CancelHandler, GenerationFailureHandler } from '../stream-hub';
import { SCRIPTS } from './scripts';
import type { PublishReply } from './script-replies';
import { LOST_REDIS, SessionFeeds } from './session-feeds';
import type { SessionFeed } from './session-feed';
import type { RedisLink } from './link';
import { PendingEnds } from './pending-ends';
import { errorText } from '../../errors/domain-error';

/** How the local runner stops a generation: registered on the hub, used by its parts. */
export interface RunHandlers {
  cancel: CancelHandler | null;
  failure: GenerationFailureHandler | null;
}

/** A run of text frames of one kind merged into one: their text, ending at `offset`. */
interface MergedText {
  offset: number;
  type: 'content' | 'reasoning';
  text: string;
}

/**
 * A generation's frames not in Redis yet, each to become one stream entry: a frame's wire as
 * delivered, or a run of content (or reasoning) frames merged.
 */
interface Outbox {
  entries: Array<{ offset: number; wire: string } | MergedText>;
  /** The content they add, appended to the generation's content in Redis. */
  delta: string;
  /** The reasoning they add, appended to the generation's reasoning in Redis. */
  reasoningDelta: string;
  starts: boolean;
}

export interface OwnedGeneration {
  sessionId: number;
  streamId: string;
  token: string;
  /** The content so far. */
  text: string;
  /** The reasoning so far; offsets count it and the content together (reasoning first). */
  reasoning: string;
  feed: SessionFeed;
  ended: boolean;
  /** What was delivered here and is not in Redis yet (sent in batches, see flushIntervalMs). */
  outbox: Outbox | null;
  flushTimer: NodeJS.Timeout | null;
  lastFlushAt: number;
}

/**
 * The generations this instance owns, from the lock to the end: frames go to local connections
 * at once and to Redis in batches (one script call each, not awaited by the relay), the end
 * goes with whatever is still queued, and a generation whose Redis state is lost fails here.
 */
export class GenerationWriter {
  private readonly logger = new Logger('RedisStreamHub');
  private readonly owned = new Map<number, OwnedGeneration>();

  constructor(
    private readonly link: RedisLink,
    private readonly feeds: SessionFeeds,
    private readonly pendingEnds: PendingEnds,
    private readonly handlers: RunHandlers,
  ) {}

  /** The live generation this instance owns in the session, if any. */
  get(sessionId: number): OwnedGeneration | undefined {
    return this.owned.get(sessionId);
  }

  all(): OwnedGeneration[] {
    return [...this.owned.values()];
  }

  /** Takes over a generation whose lock this instance has just acquired (with `token`). */
  own(sessionId: number, streamId: string, token: string): void {
    const feed = this.feeds.retain(sessionId);
    this.owned.set(sessionId, {
      sessionId,
      streamId,
      token,
      text: '',
      reasoning: '',
      feed,
      ended: false,
      outbox: null,
      flushTimer: null,
      lastFlushAt: 0,
    });
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
      if ((await write).kind === 'not_owner') {
        this.link.failed('publish');
        this.logger.warn(`Stream ${streamId} ended after its lock was lost`);
      }
    } catch (err) {
      // Redis is away: record the end once it is back, so the lock and tabs elsewhere learn it.
      this.link.failed('publish');
      this.pendingEnds.add({ sessionId, streamId, token: gen.token, len: frame.offset, wire: frame.wire });
      this.logger.warn(`The end of stream ${streamId} is not in Redis yet: ${errorText(err)}`);
    } finally {
      this.feeds.release(gen.feed);
    }
  }

  append(sessionId: number, streamId: string, text: string): void {
    this.deliver(sessionId, streamId, { type: 'content', data: text });
  }

  appendReasoning(sessionId: number, streamId: string, text: string): void {
    // Reasoning after the content has started would break "reasoning, then content" offsets.
    if (this.owned.get(sessionId)?.text) return;
    this.deliver(sessionId, streamId, { type: 'reasoning', data: text });
  }

  /** Where the generation's text ends: reasoning and content together. */
  static offsetOf(gen: OwnedGeneration): number {
    return gen.reasoning.length + gen.text.length;
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
    const text = event.type === 'content' || event.type === 'reasoning' ? event : null;
    if (event.type === 'content') gen.text += event.data;
    else if (event.type === 'reasoning') gen.reasoning += event.data;
    const frame = toFrame(streamId, GenerationWriter.offsetOf(gen), event);
    const outbox = (gen.outbox ??= { entries: [], delta: '', reasoningDelta: '', starts: false });
    const last = outbox.entries.at(-1);
    if (text && !gen.feed.watchedElsewhere) {
      // Nobody elsewhere reads these entries live, so a run of content (or of reasoning) is kept
      // (and stored) as one: the same text up to the same offset, no frame held per chunk.
      if (last && 'text' in last && last.type === text.type) {
        last.text += text.data;
        last.offset = frame.offset;
      } else outbox.entries.push({ offset: frame.offset, type: text.type, text: text.data });
    } else outbox.entries.push({ offset: frame.offset, wire: frame.wire });
    if (event.type === 'content') outbox.delta += event.data;
    else if (event.type === 'reasoning') outbox.reasoningDelta += event.data;
    if (event.type === 'start') outbox.starts = true;
    gen.feed.push({ frame, entryId: null });
    // The relay does not wait for Redis: frames leave in batches (see flushIntervalMs).
    if (!isTerminal(event) && !gen.flushTimer) {
      const { flushIntervalMs, unwatchedFlushMs } = this.link.settings;
      const interval = gen.feed.watchedElsewhere ? flushIntervalMs : unwatchedFlushMs;
      gen.flushTimer = setTimeout(() => void this.flush(gen), Math.max(0, gen.lastFlushAt + interval - Date.now()));
    }
    return { gen, frame };
  }

  /** Someone elsewhere started reading: frames waiting for the unwatched flush go now. */
  flushIfWatched(feed: SessionFeed): void {
    const gen = this.owned.get(feed.sessionId);
    if (gen?.flushTimer && feed.watchedElsewhere) void this.flush(gen);
  }

  /** Sends what the generation holds back for Redis now; resolves once Redis has it (or it failed). */
  flush(gen: OwnedGeneration): Promise<void> {
    if (gen.flushTimer) clearTimeout(gen.flushTimer);
    gen.flushTimer = null;
    gen.lastFlushAt = Date.now();
    if (gen.ended || !gen.outbox) return Promise.resolve();
    return this.send(gen, false).then(
      (reply) => {
        if (reply.kind !== 'not_owner') return;
        this.link.failed('publish');
        this.fail(gen, 'lost its lock');
      },
      (err: unknown) => {
        this.link.failed('publish');
        this.fail(gen, errorText(err));
      },
    );
  }

  /** One script call for everything in the generation's outbox. */
  private send(gen: OwnedGeneration, ends: boolean): Promise<PublishReply> {
    const outbox = gen.outbox;
    gen.outbox = null;
    if (!outbox) return Promise.resolve({ kind: 'published', lastEntryId: '' });
    const { settings, instanceId, cmd } = this.link;
    const keys = gen.feed.keys;
    const args: Array<string | number> = [
      gen.token,
      keys.channel,
      instanceId,
      gen.streamId,
      settings.streamMaxLen,
      (outbox.starts ? 's' : '') + (ends ? 'e' : ''),
      Date.now(),
      ends ? settings.endedRetentionMs : settings.liveRetentionMs,
      outbox.delta,
      outbox.entries[outbox.entries.length - 1].offset,
      outbox.reasoningDelta,
      gen.reasoning.length,
    ];
    for (const e of outbox.entries) {
      args.push(e.offset, 'wire' in e ? e.wire : toFrame(gen.streamId, e.offset, { type: e.type, data: e.text }).wire);
    }
    return SCRIPTS.publish.run(cmd, [keys.lock, keys.gen, keys.text, keys.events, keys.conns, keys.reasoning], args);
  }

  async abandon(sessionId: number, streamId: string): Promise<void> {
    const gen = this.owned.get(sessionId);
    if (!gen || gen.streamId !== streamId) return;
    gen.ended = true;
    this.owned.delete(sessionId);
    this.feeds.release(gen.feed);
    await this.link.answered('lock', SCRIPTS.release.run(this.link.cmd, [gen.feed.keys.lock], [gen.token]));
  }

  /** Every owned generation fails: Redis went away under them. */
  failAll(why: string): void {
    for (const gen of [...this.owned.values()]) this.fail(gen, why);
  }

  /**
   * Ends a generation of this instance whose Redis state is gone or no longer its own: `error`
   * to the local connections now, to Redis when it is back, and the run is stopped.
   */
  fail(gen: OwnedGeneration, why: string): void {
    if (gen.ended) return;
    gen.ended = true;
    if (gen.flushTimer) clearTimeout(gen.flushTimer);
    gen.outbox = null;
    if (this.owned.get(gen.sessionId) === gen) this.owned.delete(gen.sessionId);
    this.logger.error(`Stream ${gen.streamId} of chat session ${gen.sessionId} failed: Redis ${why}`);
    const frame = toFrame(gen.streamId, GenerationWriter.offsetOf(gen), LOST_REDIS);
    gen.feed.push({ frame, entryId: null });
    this.pendingEnds.add({
      sessionId: gen.sessionId,
      streamId: gen.streamId,
      token: gen.token,
      len: frame.offset,
      wire: frame.wire,
    });
    void this.pendingEnds.flush();
    this.feeds.release(gen.feed);
    const stop = this.handlers.failure
      ? this.handlers.failure(gen.sessionId, gen.streamId, LOST_REDIS)
      : this.handlers.cancel?.(gen.sessionId, gen.streamId, 'server_shutdown');
    void Promise.resolve(stop).catch((err: unknown) =>
      this.logger.warn(`Stopping stream ${gen.streamId}: ${errorText(err)}`),
    );
  }
}
