import { parseLockToken } from './protocol';

/**
 * Typed readings of what each Lua script in scripts.ts answers (see the reply described above
 * each script there). Redis hands back integers, strings, nil and arrays of them; these turn that
 * into the cases the hub acts on, and refuse anything else rather than misread it.
 */

/** A reply no version of the script gives: a bug or a foreign script under the same sha. */
export class UnexpectedScriptReply extends Error {
  constructor(script: string, raw: unknown) {
    super(`Unexpected reply from the ${script} script: ${JSON.stringify(raw)}`);
  }
}

/** Who holds a session's generation lock. */
export interface LockOwner {
  instanceId: string;
  streamId: string;
}

/** `publish`: the batch is in Redis (its last entry id), or the lock is not the caller's. */
export type PublishReply = { kind: 'published'; lastEntryId: string } | { kind: 'not_owner' };

/** `acquire`: the lock, and a generation left unended by a dead owner, to end first. */
export type AcquireReply =
  { acquired: false } | { acquired: true; orphan: { streamId: string; partialLength: number } | null };

/** `reap`: what ending an orphaned generation found. */
export type ReapReply =
  /** Its owner still holds the lock. */
  | { kind: 'alive' }
  /** Not the session's generation: never started, or replaced. */
  | { kind: 'gone' }
  | { kind: 'ended' }
  /** The caller's terminal frame has the wrong offset: build it again at `partialLength`. */
  | { kind: 'wrong_length'; partialLength: number }
  /**
   * Ended by this call, with when it started and when its first token came (if known), and how
   * much of its text was reasoning (the rest, up to the offset, is content).
   */
  | { kind: 'reaped'; startedAt: Date | null; firstTokenAt: Date | null; reasoningLength: number };

/** `connections`: the global total (or refusal over the limit), versioned by Redis' clock in µs. */
export type ConnectionsReply =
  { kind: 'counted'; total: number; version: number } | { kind: 'refused'; version: number };

/** `connections_refresh`: the global total of each session asked about, in order, all at one version. */
export interface ConnectionsRefreshReply {
  version: number;
  totals: number[];
}

/** `snapshot`: a session's lock and current or last generation, at one point of its stream. */
export interface SnapshotReply {
  lock: LockOwner | undefined;
  /** Null when the session has no generation state in Redis. */
  generation: { streamId: string; text: string; reasoning: string; endWire: string | null } | null;
  /** Newest entry of the session's stream; `0-0` when it has none. */
  lastEntryId: string;
}

/** `status`: the lock and how long the current or last generation's content is (not its reasoning). */
export interface StatusReply {
  lock: LockOwner | undefined;
  generation: { streamId: string; partialLength: number } | null;
}

function list(script: string, raw: unknown, minLength: number): unknown[] {
  if (!Array.isArray(raw) || raw.length < minLength) throw new UnexpectedScriptReply(script, raw);
  return raw as unknown[];
}

function text(script: string, raw: unknown, value: unknown): string {
  if (typeof value !== 'string') throw new UnexpectedScriptReply(script, raw);
  return value;
}

/** An integer, sent as a Redis integer or as a decimal string (hash fields are strings). */
function integer(script: string, raw: unknown, value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new UnexpectedScriptReply(script, raw);
  return n;
}

/** A time in ms since the epoch, '' when it was never recorded. */
function time(script: string, raw: unknown, value: unknown): Date | null {
  return text(script, raw, value) === '' ? null : new Date(integer(script, raw, value));
}

function lockOf(script: string, raw: unknown, value: unknown): LockOwner | undefined {
  const token = text(script, raw, value);
  return token ? parseLockToken(token) : undefined;
}

export function decodePublishReply(raw: unknown): PublishReply {
  if (raw === null) return { kind: 'not_owner' };
  return { kind: 'published', lastEntryId: text('publish', raw, raw) };
}

export function decodeAcquireReply(raw: unknown): AcquireReply {
  const r = list('acquire', raw, 1);
  const status = integer('acquire', raw, r[0]);
  if (status === 0) return { acquired: false };
  if (status !== 1) throw new UnexpectedScriptReply('acquire', raw);
  if (r.length === 1) return { acquired: true, orphan: null };
  list('acquire', raw, 3);
  return {
    acquired: true,
    orphan: { streamId: text('acquire', raw, r[1]), partialLength: integer('acquire', raw, r[2]) },
  };
}

/** `renew`: true while the lock is still the caller's. */
export function decodeRenewReply(raw: unknown): boolean {
  return integer('renew', raw, raw) === 1;
}

/** `release`: true when the caller's lock was deleted. */
export function decodeReleaseReply(raw: unknown): boolean {
  return integer('release', raw, raw) === 1;
}

export function decodeReapReply(raw: unknown): ReapReply {
  const r = list('reap', raw, 1);
  switch (integer('reap', raw, r[0])) {
    case 0:
      return { kind: 'alive' };
    case 2:
      return { kind: 'ended' };
    case 3:
      return { kind: 'gone' };
    case -1:
      return { kind: 'wrong_length', partialLength: integer('reap', raw, list('reap', raw, 2)[1]) };
    case 1:
      list('reap', raw, 4);
      return {
        kind: 'reaped',
        startedAt: time('reap', raw, r[1]),
        firstTokenAt: time('reap', raw, r[2]),
        reasoningLength: integer('reap', raw, r[3]),
      };
    default:
      throw new UnexpectedScriptReply('reap', raw);
  }
}

export function decodeConnectionsReply(raw: unknown): ConnectionsReply {
  const r = list('connections', raw, 2);
  const total = integer('connections', raw, r[0]);
  const version = integer('connections', raw, r[1]);
  if (total === -1) return { kind: 'refused', version };
  if (total < 0) throw new UnexpectedScriptReply('connections', raw);
  return { kind: 'counted', total, version };
}

export function decodeConnectionsRefreshReply(raw: unknown): ConnectionsRefreshReply {
  const r = list('connections_refresh', raw, 1);
  const version = integer('connections_refresh', raw, r[0]);
  const totals = r.slice(1).map((value) => integer('connections_refresh', raw, value));
  // Never refused (no limit), so never -1.
  if (totals.some((total) => total < 0)) throw new UnexpectedScriptReply('connections_refresh', raw);
  return { version, totals };
}

export function decodeSnapshotReply(raw: unknown): SnapshotReply {
  const r = list('snapshot', raw, 7);
  const streamId = text('snapshot', raw, r[1]);
  const endWire = text('snapshot', raw, r[2]);
  const generation = {
    streamId,
    text: text('snapshot', raw, r[4]),
    reasoning: text('snapshot', raw, r[6]),
    endWire: endWire || null,
  };
  return {
    lock: lockOf('snapshot', raw, r[0]),
    generation: streamId ? generation : null,
    lastEntryId: text('snapshot', raw, r[5]),
  };
}

export function decodeStatusReply(raw: unknown): StatusReply {
  const r = list('status', raw, 4);
  const streamId = text('status', raw, r[1]);
  const partialLength = integer('status', raw, r[2]) - integer('status', raw, r[3]);
  return {
    lock: lockOf('status', raw, r[0]),
    generation: streamId ? { streamId, partialLength } : null,
  };
}
