import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import {
  decodeAcquireReply,
  decodeConnectionsRefreshReply,
  decodeConnectionsReply,
  decodePublishReply,
  decodeReapReply,
  decodeReleaseReply,
  decodeRenewReply,
  decodeSnapshotReply,
  decodeStatusReply,
} from './script-replies';

/**
 * A Lua script run by sha (EVALSHA), loaded on every (re)connection so the first use after a
 * Redis restart does not fall back to EVAL out of order; the fallback stays as a safety net.
 * Its reply is read by its decoder (script-replies.ts), so callers get a typed answer.
 */
export class LuaScript<Reply> {
  readonly sha: string;

  constructor(
    readonly name: string,
    readonly source: string,
    private readonly decode: (raw: unknown) => Reply,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, keys: string[], args: Array<string | number>): Promise<Reply> {
    const raw: unknown = await client.evalsha(this.sha, keys.length, ...keys, ...args).catch((err: unknown) => {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(this.source, keys.length, ...keys, ...args);
    });
    return this.decode(raw);
  }
}

/**
 * Publishes the frames a generation produced in one tick, if the caller still holds the lock (its
 * token): per frame XADD to the session's stream; once, PUBLISH of them all for live delivery
 * (entry ids and nowMs, the caller's clock, included: see encodeFramesMessage), and the text and
 * its length for catch-up and status. All in one step, so a reader sees all of it or none.
 * The PUBLISH is skipped while no other instance has a connection counted for the session: only
 * connections read frames elsewhere, and one that joins writes its count before it reads its
 * snapshot, so what it did not get live is in the snapshot (this script and that one are atomic).
 * Flags `s` (the batch starts with `start`) resets the generation's state; `e` (it ends with the
 * terminal event) records the end, frees the lock and lets it all expire.
 * `delta` and `reasoningDelta` extend the content and the reasoning; `len` is where the text ends
 * (both together: the last frame's offset), `rlen` the reasoning's length.
 * KEYS lock gen text events conns reasoning; ARGV token channel origin streamId maxlen flags nowMs
 * ttlMs delta lastOffset reasoningDelta reasoningLength, then offset and wire of each frame.
 * Returns the last entry id, or false when the lock is not the caller's (any more).
 */
const PUBLISH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
local flags = ARGV[6]
local starts = string.find(flags, 's', 1, true)
local ends = string.find(flags, 'e', 1, true)
if starts then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'sid', ARGV[4], 'len', '0', 'rlen', '0', 't0', ARGV[7])
  redis.call('SET', KEYS[3], '', 'PX', ARGV[8])
  redis.call('SET', KEYS[6], '', 'PX', ARGV[8])
end
local watched = false
for _, instance in ipairs(redis.call('HKEYS', KEYS[5])) do
  if instance ~= ARGV[3] then watched = true end
end
local id
local records = {}
for i = 13, #ARGV, 2 do
  id = redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'o', ARGV[3], 's', ARGV[4], 'f', ARGV[i], 'w', ARGV[i + 1])
  if watched then records[#records + 1] = id .. '\\n' .. ARGV[i] .. '\\n' .. ARGV[i + 1] end
end
if watched then
  redis.call('PUBLISH', ARGV[2], 'f\\n' .. ARGV[3] .. '\\n' .. ARGV[4] .. '\\n' .. ARGV[7] .. '\\n' .. table.concat(records, '\\30'))
end
if ARGV[9] ~= '' then redis.call('APPEND', KEYS[3], ARGV[9]) end
if ARGV[11] ~= '' then
  redis.call('APPEND', KEYS[6], ARGV[11])
  redis.call('HSET', KEYS[2], 'rlen', ARGV[12])
end
if ARGV[9] ~= '' or ARGV[11] ~= '' then
  redis.call('HSET', KEYS[2], 'len', ARGV[10])
  redis.call('HSETNX', KEYS[2], 'ft', ARGV[7])
end
if ends then
  redis.call('HSET', KEYS[2], 'end', ARGV[#ARGV])
  redis.call('DEL', KEYS[1])
end
if starts or ends then
  redis.call('PEXPIRE', KEYS[2], ARGV[8])
  redis.call('PEXPIRE', KEYS[3], ARGV[8])
  redis.call('PEXPIRE', KEYS[4], ARGV[8])
  redis.call('PEXPIRE', KEYS[6], ARGV[8])
end
return id
`;

/**
 * Takes the lock (SET NX PX). When the last generation started but never ended (its instance
 * died), says so, so the new owner ends it first.
 * KEYS lock gen; ARGV token leaseMs streamId. Returns {0} | {1} | {1, sid, len, t0, ft}.
 */
const ACQUIRE = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
local g = redis.call('HMGET', KEYS[2], 'sid', 'end', 'len', 't0', 'ft')
if g[1] and not g[2] and g[1] ~= ARGV[3] then
  return {1, g[1], g[3] or '0', g[4] or '', g[5] or ''}
end
return {1}
`;

/** Compare-and-pexpire: KEYS lock; ARGV token leaseMs. 1 when renewed, 0 when not ours. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** Compare-and-delete: KEYS lock; ARGV token. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Ends an orphaned generation (its owner's lease ran out, or the owner is unreachable and
 * `force` is its token) with the given terminal frame, exactly once whoever calls it.
 * KEYS lock gen text events reasoning; ARGV streamId expectedLen channel wire ttlMs maxlen force.
 * `len` and expectedLen are where the text ends (reasoning and content together).
 * Returns {0} still owned (alive); {3} not the session's generation (never started, or
 * replaced); {2} already ended; {-1, len} the caller's frame has the wrong offset (build it
 * again); {1, t0, ft, rlen} ended now.
 */
const REAP = `
local lock = redis.call('GET', KEYS[1])
if lock then
  if lock == ARGV[7] then
    redis.call('DEL', KEYS[1])
  elseif string.sub(lock, -string.len(ARGV[1])) == ARGV[1] then
    return {0}
  end
end
local g = redis.call('HMGET', KEYS[2], 'sid', 'end', 'len', 't0', 'ft', 'rlen')
if g[1] ~= ARGV[1] then return {3} end
if g[2] then return {2} end
local len = g[3] or '0'
if len ~= ARGV[2] then return {-1, len} end
local id = redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[6], '*', 'o', '-', 's', ARGV[1], 'f', len, 'w', ARGV[4])
redis.call('PUBLISH', ARGV[3], 'f\\n-\\n' .. ARGV[1] .. '\\n\\n' .. id .. '\\n' .. len .. '\\n' .. ARGV[4])
redis.call('HSET', KEYS[2], 'end', ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
redis.call('PEXPIRE', KEYS[4], ARGV[5])
redis.call('PEXPIRE', KEYS[5], ARGV[5])
return {1, g[4] or '', g[5] or '', g[6] or '0'}
`;

/**
 * Connection counts: each instance owns one field, `<count>:<expiresAtMs>` by Redis' clock, so a
 * dead instance's connections stop counting once it stops refreshing them. Every answer carries
 * Redis' time in microseconds, so a reader getting answers and messages over two connections
 * keeps the newest. The two scripts below share this step, run per session key: set the caller's
 * count (unless `count` is ''), refusing (-1) when that would exceed `limit` (unless ''); prune
 * expired fields; PUBLISH the total on `channel` when it changed. Returns the total.
 */
const RECOUNT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local version = t[1] .. string.format('%06d', tonumber(t[2]))
local function recount(key, instance, count, limit, ttlMs, channel)
  local write = count ~= ''
  local all = redis.call('HGETALL', key)
  local total, previous, changed = 0, 0, false
  for i = 1, #all, 2 do
    local c, x = string.match(all[i + 1], '^(%d+):(%d+)$')
    if write and all[i] == instance then
      previous = tonumber(c) or 0
    elseif c and tonumber(x) > now then
      total = total + tonumber(c)
    else
      redis.call('HDEL', key, all[i])
      changed = true
    end
  end
  if write then
    local n = tonumber(count)
    if limit ~= '' and total + n > tonumber(limit) then return -1 end
    if n > 0 then
      redis.call('HSET', key, instance, n .. ':' .. (now + tonumber(ttlMs)))
      redis.call('PEXPIRE', key, ttlMs)
    else
      redis.call('HDEL', key, instance)
    end
    if n ~= previous then changed = true end
    total = total + n
  end
  if changed then redis.call('PUBLISH', channel, 'c\\n' .. total .. '\\n' .. version) end
  return total
end
`;

/**
 * One session's count, on connect and disconnect (with the limit) and for status (read only).
 * KEYS conns; ARGV instanceId count limit ttlMs channel. Returns {total (-1: refused), version}.
 */
const CONNECTIONS = `${RECOUNT}
return {recount(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]), version}
`;

/**
 * Many sessions' counts in one call (the tick's refresh of every session watched here, the
 * goodbye at shutdown), never refused: what CONNECTIONS does, per key.
 * KEYS conns of each session; ARGV instanceId ttlMs, then count and channel of each session.
 * Returns {version, total of each session in KEYS' order}.
 */
const CONNECTIONS_REFRESH = `${RECOUNT}
local reply = {version}
for k = 1, #KEYS do
  reply[k + 1] = recount(KEYS[k], ARGV[1], ARGV[2 * k + 1], '', ARGV[2], ARGV[2 * k + 2])
end
return reply
`;

/**
 * Everything a connection joining on another instance needs, read at one point in the stream:
 * KEYS lock gen text events reasoning. Returns {lock, sid, end, len, text, lastEntryId, reasoning}.
 */
const SNAPSHOT = `
local g = redis.call('HMGET', KEYS[2], 'sid', 'end', 'len')
local last = redis.call('XREVRANGE', KEYS[4], '+', '-', 'COUNT', 1)
local lastId = '0-0'
if last[1] then lastId = last[1][1] end
local text = redis.call('GET', KEYS[3]) or ''
return {redis.call('GET', KEYS[1]) or '', g[1] or '', g[2] or '', g[3] or '0', text, lastId, redis.call('GET', KEYS[5]) or ''}
`;

/** KEYS lock gen. Returns {lock, sid, len, rlen}: the content is len - rlen long. */
const STATUS = `
local g = redis.call('HMGET', KEYS[2], 'sid', 'len', 'rlen')
return {redis.call('GET', KEYS[1]) or '', g[1] or '', g[2] or '0', g[3] or '0'}
`;

export const SCRIPTS = {
  publish: new LuaScript('publish', PUBLISH, decodePublishReply),
  acquire: new LuaScript('acquire', ACQUIRE, decodeAcquireReply),
  renew: new LuaScript('renew', RENEW, decodeRenewReply),
  release: new LuaScript('release', RELEASE, decodeReleaseReply),
  reap: new LuaScript('reap', REAP, decodeReapReply),
  connections: new LuaScript('connections', CONNECTIONS, decodeConnectionsReply),
  connectionsRefresh: new LuaScript('connections_refresh', CONNECTIONS_REFRESH, decodeConnectionsRefreshReply),
  snapshot: new LuaScript('snapshot', SNAPSHOT, decodeSnapshotReply),
  status: new LuaScript('status', STATUS, decodeStatusReply),
} as const;
