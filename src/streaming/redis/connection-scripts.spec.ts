import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import Redis from 'ioredis';
import { SCRIPTS } from './scripts';
import { decodeSessionMessage } from './protocol';

/**
 * The connection-count scripts run on the machine's Redis (under a prefix of this run's own):
 * what the batched refresh does to each session's key and channel, and that it does per key
 * exactly what the single-session script does.
 */
const REDIS_URL = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ME = 'instance-me';
const OTHER = 'instance-other';
const TTL = 60_000;

describe('connection count scripts', () => {
  const prefix = `hearth-spec-${randomBytes(4).toString('hex')}:`;
  const cmd = new Redis(REDIS_URL, { lazyConnect: true });
  const sub = new Redis(REDIS_URL, { lazyConnect: true });
  /** Every message on the session channels, in the order Redis delivered them. */
  const heard: Array<{ channel: string; message: string }> = [];
  let n = 0;

  beforeAll(async () => {
    await Promise.all([cmd.connect(), sub.connect()]);
    await sub.psubscribe(`${prefix}*`);
    sub.on('pmessage', (_pattern: string, channel: string, message: string) => heard.push({ channel, message }));
  });
  afterAll(async () => {
    const keys = await cmd.keys(`${prefix}*`);
    if (keys.length) await cmd.del(...keys);
    await Promise.all([cmd.quit(), sub.quit()]);
  });

  function session(): { conns: string; channel: string } {
    n++;
    return { conns: `${prefix}${n}:conns`, channel: `${prefix}${n}:ch` };
  }

  /** The messages heard until now, once a marker published after them has arrived. */
  async function heardSoFar(): Promise<Array<{ channel: string; message: string }>> {
    const marker = `${prefix}marker`;
    const mark = randomBytes(4).toString('hex');
    await cmd.publish(marker, mark);
    const deadline = Date.now() + 2000;
    while (!heard.some((h) => h.channel === marker && h.message === mark)) {
      if (Date.now() > deadline) throw new Error('the marker never arrived');
      await new Promise((r) => setTimeout(r, 5));
    }
    return heard.splice(0).filter((h) => h.channel !== marker);
  }

  function refresh(
    sessions: Array<{ conns: string; channel: string }>,
    counts: Array<number | ''>,
  ): ReturnType<typeof SCRIPTS.connectionsRefresh.run> {
    return SCRIPTS.connectionsRefresh.run(
      cmd,
      sessions.map((s) => s.conns),
      [ME, TTL, ...sessions.flatMap((s, i) => [counts[i], s.channel])],
    );
  }

  it('writes each count with a fresh expiry, prunes expired ones, and publishes the totals that changed', async () => {
    const [watched, deadElsewhere, empty] = [session(), session(), session()];
    await cmd.hset(watched.conns, OTHER, `2:${Date.now() + TTL}`);
    await cmd.hset(deadElsewhere.conns, OTHER, '5:1'); // its instance stopped refreshing long ago
    await heardSoFar();

    const first = await refresh([watched, deadElsewhere, empty], [1, '', 3]);
    expect(first.totals).toEqual([3, 0, 3]);
    // The same clock as the field's expiry: Redis' time when the script ran.
    const nowMs = Math.floor(first.version / 1000);
    expect(await cmd.hgetall(watched.conns)).toEqual({ [OTHER]: expect.any(String), [ME]: `1:${nowMs + TTL}` });
    expect(await cmd.hgetall(deadElsewhere.conns)).toEqual({}); // pruned; '' only reads
    expect(await cmd.hgetall(empty.conns)).toEqual({ [ME]: `3:${nowMs + TTL}` });
    expect(await cmd.pttl(empty.conns)).toBeGreaterThan(TTL - 5000);
    expect((await heardSoFar()).map((h) => [h.channel, decodeSessionMessage(h.message)])).toEqual([
      [watched.channel, { kind: 'count', total: 3, version: first.version }],
      [deadElsewhere.channel, { kind: 'count', total: 0, version: first.version }],
      [empty.channel, { kind: 'count', total: 3, version: first.version }],
    ]);

    // The tick again, nothing changed: fresh expiries and a newer version, but nothing published.
    const second = await refresh([watched, deadElsewhere, empty], [1, '', 3]);
    expect(second.totals).toEqual([3, 0, 3]);
    expect(second.version).toBeGreaterThan(first.version);
    expect(await cmd.hget(empty.conns, ME)).toBe(`3:${Math.floor(second.version / 1000) + TTL}`);
    expect(await heardSoFar()).toEqual([]);

    // Down to none here (the goodbye at shutdown writes 0): the field goes, the total is published.
    const third = await refresh([watched, empty], [0, 0]);
    expect(third.totals).toEqual([2, 0]);
    expect(await cmd.hkeys(watched.conns)).toEqual([OTHER]);
    expect((await heardSoFar()).map((h) => decodeSessionMessage(h.message))).toEqual([
      { kind: 'count', total: 2, version: third.version },
      { kind: 'count', total: 0, version: third.version },
    ]);
  });

  it('stops counting another instance once its expiry passes, even if its count is never written again', async () => {
    const s = session();
    await cmd.hset(s.conns, OTHER, `4:${Date.now() + 300}`);
    expect((await refresh([s], [1])).totals).toEqual([5]);
    await new Promise((r) => setTimeout(r, 400));
    expect((await refresh([s], [1])).totals).toEqual([1]);
    expect(await cmd.hkeys(s.conns)).toEqual([ME]);
  });

  it('does per key what the single-session script does, which alone refuses over a limit', async () => {
    const [batched, single] = [session(), session()];
    for (const s of [batched, single]) await cmd.hset(s.conns, OTHER, `2:${Date.now() + TTL}`, 'gone', '1:1');
    const viaBatch = await refresh([batched], [3]);
    const viaSingle = await SCRIPTS.connections.run(cmd, [single.conns], [ME, 3, '', TTL, single.channel]);
    expect(viaSingle).toEqual({ kind: 'counted', total: 5, version: expect.any(Number) });
    expect(viaBatch.totals).toEqual([5]);
    expect(await cmd.hkeys(batched.conns)).toEqual(await cmd.hkeys(single.conns));
    // Never a limit in a refresh: a count already there is kept, not refused.
    expect(await SCRIPTS.connections.run(cmd, [single.conns], [ME, 4, 5, TTL, single.channel])).toEqual({
      kind: 'refused',
      version: expect.any(Number),
    });
    expect((await refresh([batched], [4])).totals).toEqual([6]);
  });
});
