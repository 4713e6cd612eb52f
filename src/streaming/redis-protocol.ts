import type { StreamEvent, StreamFrame } from './stream-event';
import type { CancelOutcome } from './stream-hub';
import type { CancelReason } from './stream-event';

/**
 * What Hearth keeps in Redis and says on its channels: names, message formats and the few pure
 * helpers around them, kept apart from the hub so they can be tested without a server.
 */

/** Every key of one chat session; the `{…}` hash tag keeps them in one Redis Cluster slot. */
export interface SessionKeys {
  /** STRING `<instanceId>|<streamId>`, PX lease: the session's generation lock. */
  lock: string;
  /** HASH of the current or last generation: sid, len (UTF-16), t0, ft (first token), end (terminal wire). */
  gen: string;
  /** STRING: the generation's text so far (APPEND per chunk). */
  text: string;
  /** STREAM: every frame of the session's generations, `MAXLEN ~` trimmed. */
  events: string;
  /** HASH instanceId → `<count>:<expiresAtMs>`: connections attached on each instance. */
  conns: string;
  /** Pub/sub channel of the session: frames, count changes, detach. */
  channel: string;
}

export function sessionKeys(prefix: string, sessionId: number): SessionKeys {
  const base = `${prefix}s:{${sessionId}}:`;
  return {
    lock: `${base}lock`,
    gen: `${base}gen`,
    text: `${base}text`,
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
  | { kind: 'frame'; entryId: string; origin: string; frame: StreamFrame }
  /** `version` is Redis' time in µs when the total was taken: newer wins. */
  | { kind: 'count'; total: number; version: number }
  | { kind: 'detach'; origin: string };

/**
 * Frame messages are written by the publish script (Lua), as
 * `f\n<entryId>\n<origin>\n<streamId>\n<offset>\n<wire>`: the wire text exactly as serialised by
 * the publisher, last because it contains newlines.
 */
export function encodeFrameMessage(entryId: string, origin: string, frame: StreamFrame): string {
  return `f\n${entryId}\n${origin}\n${frame.streamId}\n${frame.offset}\n${frame.wire}`;
}

export function encodeCountMessage(total: number, version: number): string {
  return `c\n${total}\n${version}`;
}

export function encodeDetachMessage(origin: string): string {
  return `x\n${origin}`;
}

/** Reads a session channel message; undefined for anything malformed (ignored by the hub). */
export function decodeSessionMessage(message: string): SessionMessage | undefined {
  const kind = message.slice(0, 2);
  if (kind === 'c\n') {
    const [total, version] = message.slice(2).split('\n').map(Number);
    return Number.isSafeInteger(total) && total >= 0 && Number.isSafeInteger(version)
      ? { kind: 'count', total, version }
      : undefined;
  }
  if (kind === 'x\n') return { kind: 'detach', origin: message.slice(2) };
  if (kind !== 'f\n') return undefined;
  let at = 2;
  const fields: string[] = [];
  for (let i = 0; i < 4; i++) {
    const nl = message.indexOf('\n', at);
    if (nl < 0) return undefined;
    fields.push(message.slice(at, nl));
    at = nl + 1;
  }
  const [entryId, origin, streamId, offset] = fields;
  const frame = frameOfWire(streamId, Number(offset), message.slice(at));
  return frame && { kind: 'frame', entryId, origin, frame };
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

/** Requests between instances, on the addressee's instance channel. */
export type InstanceMessage =
  | { t: 'cancel'; id: string; from: string; sessionId: number; streamId: string; reason: CancelReason }
  | { t: 'reply'; id: string; outcome: CancelOutcome };

export function encodeInstanceMessage(message: InstanceMessage): string {
  return JSON.stringify(message);
}

export function decodeInstanceMessage(text: string): InstanceMessage | undefined {
  try {
    const m = JSON.parse(text) as Partial<InstanceMessage>;
    if (m && typeof m.id === 'string' && (m.t === 'cancel' || m.t === 'reply')) return m as InstanceMessage;
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
