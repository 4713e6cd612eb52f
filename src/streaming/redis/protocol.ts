import type { NoticeFrame, SessionNotice, StreamEvent, StreamFrame } from '../stream-event';
import { toNoticeFrame } from '../sse-framing';
import type { CancelOutcome } from '../stream-hub';
import type { CancelReason } from '../stream-event';

/**
 * What Hearth keeps in Redis and says on its channels: names, message formats and the few pure
 * helpers around them, kept apart from the hub so they can be tested without a server.
 */

/** Every key of one chat session; the `{…}` hash tag keeps them in one Redis Cluster slot. */
export interface SessionKeys {
  /** STRING `<instanceId>|<streamId>`, PX lease: the session's generation lock. */
  lock: string;
  /**
   * HASH of the current or last generation: sid, len (offset: reasoning and content, UTF-16),
   * rlen (of the reasoning), t0, ft (first token), end (terminal wire).
   */
  gen: string;
  /** STRING: the generation's content so far (APPEND per chunk). */
  text: string;
  /** STRING: the generation's reasoning so far (APPEND per chunk). */
  reasoning: string;
  /** STREAM: every frame of the session's generations, `MAXLEN ~` trimmed. */
  events: string;
  /** HASH instanceId → `<count>:<expiresAtMs>`: connections attached on each instance. */
  conns: string;
  /** Pub/sub channel of the session: frames, count changes, detach, notices. */
  channel: string;
}

export function sessionKeys(prefix: string, sessionId: number): SessionKeys {
  const base = `${prefix}s:{${sessionId}}:`;
  return {
    lock: `${base}lock`,
    gen: `${base}gen`,
    text: `${base}text`,
    reasoning: `${base}rtext`,
    events: `${base}ev`,
    conns: `${base}conns`,
    channel: `${base}ch`,
  };
}

/** The channel an instance listens on for requests addressed to it (cancel) and their replies. */
export function instanceChannel(prefix: string, instanceId: string): string {
  return `${prefix}i:${instanceId}`;
}

/** The session id a session channel belongs to, or undefined for any other channel. */
export function sessionOfChannel(prefix: string, channel: string): number | undefined {
  if (!channel.startsWith(`${prefix}s:{`) || !channel.endsWith('}:ch')) return undefined;
  const id = Number(channel.slice(prefix.length + 3, -4));
  return Number.isSafeInteger(id) ? id : undefined;
}

/** The lock's value: who owns the generation, and which one it is. */
export function lockToken(instanceId: string, streamId: string): string {
  return `${instanceId}|${streamId}`;
}

export function parseLockToken(value: string): { instanceId: string; streamId: string } | undefined {
  const bar = value.lastIndexOf('|');
  if (bar <= 0 || bar === value.length - 1) return undefined;
  return { instanceId: value.slice(0, bar), streamId: value.slice(bar + 1) };
}

/** Orders Redis stream entry ids (`<ms>-<seq>`); negative when a is older than b. */
export function compareEntryIds(a: string, b: string): number {
  const [am, as] = a.split('-');
  const [bm, bs] = b.split('-');
  if (am.length !== bm.length) return am.length - bm.length;
  if (am !== bm) return am < bm ? -1 : 1;
  return Number(as) - Number(bs);
}

/** Origin of frames written by whoever ended an orphaned generation: never "this instance". */
export const NO_ORIGIN = '-';

/** What travels on a session channel. */
export type SessionMessage =
  | {
      kind: 'frames';
      origin: string;
      /** The origin's Date.now() when it sent the batch to Redis; absent for a reaped generation's end. */
      sentAt?: number;
      items: Array<{ entryId: string; frame: StreamFrame }>;
    }
  /** `version` is Redis' time in µs when the total was taken: newer wins. */
  | { kind: 'count'; total: number; version: number }
  | { kind: 'detach'; origin: string }
  /** A notice for the session's tabs (StreamHub.notify); never stored. */
  | { kind: 'notice'; origin: string; frame: NoticeFrame };

/**
 * Separates the frames of one message. JSON escapes every control character, so it never occurs
 * in a frame's wire text.
 */
export const RECORD_SEPARATOR = '\x1e';

/**
 * Frame messages are written by the Lua scripts, one per batch of a generation, as
 * `f\n<origin>\n<streamId>\n<sentAt>\n` and then, separated by RECORD_SEPARATOR,
 * `<entryId>\n<offset>\n<wire>` per frame: the wire text exactly as serialised by the publisher.
 * `sentAt` is the origin's Date.now() when it sent the batch (a receiver's lag compares it with
 * its own clock), empty when the frame ends a dead instance's generation. Every instance of a
 * deployment must speak the same format: upgrades stop the old instances first.
 */
export function encodeFramesMessage(
  origin: string,
  items: Array<{ entryId: string; frame: StreamFrame }>,
  sentAt?: number,
): string {
  const records = items.map(({ entryId, frame }) => `${entryId}\n${frame.offset}\n${frame.wire}`);
  return `f\n${origin}\n${items[0]?.frame.streamId ?? ''}\n${sentAt ?? ''}\n${records.join(RECORD_SEPARATOR)}`;
}

export function encodeCountMessage(total: number, version: number): string {
  return `c\n${total}\n${version}`;
}

export function encodeDetachMessage(origin: string): string {
  return `x\n${origin}`;
}

/** `n\n<origin>\n<notice JSON>`: a notice, published by the hub (not by a script). */
export function encodeNoticeMessage(origin: string, notice: SessionNotice): string {
  return `n\n${origin}\n${JSON.stringify(toNoticeFrame(notice).event)}`;
}

const NOTICE_CHANGES: ReadonlySet<unknown> = new Set<SessionNotice['change']>([
  'edited',
  'deleted',
  'variant',
  'created',
]);

/** The notice another instance sent, checked field by field: a malformed one is dropped. */
function noticeOf(json: string): SessionNotice | undefined {
  try {
    const n = JSON.parse(json) as Partial<SessionNotice> | null;
    if (n?.type === 'messages_changed' && NOTICE_CHANGES.has(n.change) && Number.isSafeInteger(n.messageId)) {
      return n as SessionNotice;
    }
  } catch {
    /* not a notice */
  }
  return undefined;
}

/**
 * Reads a session channel message; undefined for anything malformed, and for frames and notices
 * from `ignoreOrigin` (an instance's own, already delivered: not worth parsing).
 */
export function decodeSessionMessage(message: string, ignoreOrigin?: string): SessionMessage | undefined {
  const kind = message.slice(0, 2);
  if (kind === 'c\n') {
    const [total, version] = message.slice(2).split('\n').map(Number);
    return Number.isSafeInteger(total) && total >= 0 && Number.isSafeInteger(version)
      ? { kind: 'count', total, version }
      : undefined;
  }
  if (kind === 'x\n') return { kind: 'detach', origin: message.slice(2) };
  if (kind === 'n\n') {
    const originEnd = message.indexOf('\n', 2);
    if (originEnd < 0) return undefined;
    const origin = message.slice(2, originEnd);
    const notice = origin === ignoreOrigin ? undefined : noticeOf(message.slice(originEnd + 1));
    return notice ? { kind: 'notice', origin, frame: toNoticeFrame(notice) } : undefined;
  }
  if (kind !== 'f\n') return undefined;
  const originEnd = message.indexOf('\n', 2);
  const streamEnd = originEnd < 0 ? -1 : message.indexOf('\n', originEnd + 1);
  const sentAtEnd = streamEnd < 0 ? -1 : message.indexOf('\n', streamEnd + 1);
  if (sentAtEnd < 0) return undefined;
  const origin = message.slice(2, originEnd);
  if (origin === ignoreOrigin) return undefined;
  const streamId = message.slice(originEnd + 1, streamEnd);
  const sentAtText = message.slice(streamEnd + 1, sentAtEnd);
  const sentAt = sentAtText === '' ? undefined : Number(sentAtText);
  if (sentAt !== undefined && !Number.isSafeInteger(sentAt)) return undefined;
  const items: Array<{ entryId: string; frame: StreamFrame }> = [];
  for (const record of message.slice(sentAtEnd + 1).split(RECORD_SEPARATOR)) {
    const idEnd = record.indexOf('\n');
    const offsetEnd = idEnd < 0 ? -1 : record.indexOf('\n', idEnd + 1);
    if (offsetEnd < 0) return undefined;
    const frame = frameOfWire(streamId, Number(record.slice(idEnd + 1, offsetEnd)), record.slice(offsetEnd + 1));
    if (!frame) return undefined;
    items.push({ entryId: record.slice(0, idEnd), frame });
  }
  return sentAt === undefined ? { kind: 'frames', origin, items } : { kind: 'frames', origin, sentAt, items };
}

/** A frame rebuilt from what another instance stored or sent: its wire text is reused as is. */
export function frameOfWire(streamId: string, offset: number, wire: string): StreamFrame | undefined {
  const event = eventOfWire(wire);
  if (!event || !Number.isSafeInteger(offset)) return undefined;
  return { streamId, offset, event, wire };
}

/**
 * The event a frame's wire text carries (the `data:` line), as the publisher had it: the
 * `streamId` the framing adds to every event is dropped again except on `start`, which has it.
 */
export function eventOfWire(wire: string): StreamEvent | undefined {
  const at = wire.indexOf('\ndata: ');
  if (at < 0) return undefined;
  const end = wire.indexOf('\n', at + 7);
  try {
    const parsed = JSON.parse(wire.slice(at + 7, end < 0 ? undefined : end)) as StreamEvent & { streamId?: string };
    if (parsed.type !== 'start') delete parsed.streamId;
    return parsed;
  } catch {
    return undefined;
  }
}

/**
 * Requests between instances, on the addressee's instance channel: `cancel` a generation (answered
 * by `reply`), `flush` what the owner holds back for Redis so a snapshot is exact (answered by
 * `flushed`).
 */
export type InstanceRequest =
  | { t: 'cancel'; id: string; from: string; sessionId: number; streamId: string; reason: CancelReason }
  | { t: 'flush'; id: string; from: string; sessionId: number; streamId: string };
export type InstanceMessage =
  InstanceRequest | { t: 'reply'; id: string; outcome: CancelOutcome } | { t: 'flushed'; id: string };

const INSTANCE_MESSAGE_TYPES: ReadonlySet<unknown> = new Set<InstanceMessage['t']>([
  'cancel',
  'flush',
  'reply',
  'flushed',
]);

export function encodeInstanceMessage(message: InstanceMessage): string {
  return JSON.stringify(message);
}

export function decodeInstanceMessage(text: string): InstanceMessage | undefined {
  try {
    const m = JSON.parse(text) as Partial<InstanceMessage> | null;
    if (m && typeof m.id === 'string' && INSTANCE_MESSAGE_TYPES.has(m.t)) return m as InstanceMessage;
  } catch {
    /* not ours */
  }
  return undefined;
}

/** A small set that forgets its oldest members: the streams a feed has already seen end. */
export class RecentSet {
  private readonly items = new Set<string>();
  constructor(private readonly capacity: number) {}

  has(value: string): boolean {
    return this.items.has(value);
  }

  add(value: string): void {
    this.items.delete(value);
    this.items.add(value);
    if (this.items.size > this.capacity) this.items.delete(this.items.values().next().value as string);
  }
}
