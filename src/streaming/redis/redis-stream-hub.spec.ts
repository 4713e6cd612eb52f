// Over ~300 lines by a few: the hub's behaviour over a real Redis, one shared set-up.
import { randomBytes, randomUUID } from 'node:crypto';
import { firstValueFrom, filter } from 'rxjs';
import { RedisStreamHub } from './redis-stream-hub';
import type { RedisStreamHubOptions } from './settings';
import type { OrphanedGeneration } from '../orphaned-generation-hook';
import type { HubConnection } from '../stream-hub';
import type { ConnectionFrame, StartEvent } from '../stream-event';
import { isTerminal } from '../stream-event';
import Redis from 'ioredis';
import { decodeSessionMessage, sessionKeys } from './protocol';

/**
 * Two hubs in one process stand for two instances sharing one Redis (the machine's, on 6379,
 * under a prefix of this run's own). The e2e suites cover the same through whole apps.
 */
const REDIS_URL = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const START = (streamId: string): StartEvent => ({
  type: 'start',
  streamId,
  kind: 'send',
  messageId: null,
  userMessage: { id: 1, chatSessionId: 1, role: 'user', content: 'hi', createdAt: '2026-01-01T00:00:00.000Z' },
});

class Collector {
  readonly frames: ConnectionFrame[] = [];
  ended = false;
  constructor(readonly connection: HubConnection) {
    connection.frames.subscribe({ next: (f) => this.frames.push(f), complete: () => (this.ended = true) });
  }
  get text(): string {
    return this.frames.map((f) => (f.event.type === 'content' ? f.event.data : '')).join('');
  }
  get wires(): string[] {
    return this.frames.map((f) => f.wire);
  }
  async until(check: (c: Collector) => boolean, what = 'frames', timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.wires)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

describe(RedisStreamHub.name, () => {
  const prefix = `hearth-spec-${randomBytes(4).toString('hex')}:`;
  const hubs: RedisStreamHub[] = [];
  let nextSession = 1;

  async function hub(options: Partial<RedisStreamHubOptions> = {}): Promise<RedisStreamHub> {
    const h = new RedisStreamHub({ url: REDIS_URL, keyPrefix: prefix, ...options });
    await h.onModuleInit();
    hubs.push(h);
    return h;
  }

  afterAll(async () => {
    await Promise.all(hubs.map((h) => h.onApplicationShutdown()));
  });

  let a: RedisStreamHub;
  let b: RedisStreamHub;
  beforeAll(async () => {
    a = await hub();
    b = await hub();
  });

  async function startOn(owner: RedisStreamHub, sessionId: number): Promise<{ streamId: string; sender: Collector }> {
    const streamId = randomUUID();
    expect(await owner.acquire(sessionId, streamId)).toBe(true);
    const sender = new Collector(await owner.connect(sessionId, { mode: 'generation' }));
    await owner.publish(sessionId, streamId, START(streamId));
    return { streamId, sender };
  }

  it('gives a tab on another instance the same wire text as the sender, in order', async () => {
    const sessionId = nextSession++;
    const tab = new Collector(await b.connect(sessionId, { mode: 'session' }));
    const { streamId, sender } = await startOn(a, sessionId);
    for (const piece of ['a', 'bé', '🌍', 'c']) a.append(sessionId, streamId, piece);
    await a.publish(sessionId, streamId, { type: 'done', messageId: 7, variantIndex: 0 });
    await tab.until((c) => c.frames.some((f) => isTerminal(f.event)), 'done');
    expect(sender.ended).toBe(true);
    expect(tab.wires).toEqual(sender.wires);
    expect(tab.text).toBe('abé🌍c');
    expect(tab.ended).toBe(false);
    tab.connection.close();
  });

  it('holds the lock across instances until the terminal event', async () => {
    const sessionId = nextSession++;
    const { streamId } = await startOn(a, sessionId);
    expect(await b.acquire(sessionId, randomUUID())).toBe(false);
    expect(await b.status(sessionId)).toMatchObject({ isStreaming: true, streamId });
    await a.publish(sessionId, streamId, { type: 'cancelled', reason: 'user_cancelled' });
    expect(await b.acquire(sessionId, randomUUID())).toBe(true);
  });

  it('never loses or doubles text for tabs joining while frames fly', async () => {
    const sessionId = nextSession++;
    const { streamId } = await startOn(a, sessionId);
    const joined: Collector[] = [];
    let expected = '';
    for (let i = 0; i < 300; i++) {
      const piece = `<${i}>`;
      expected += piece;
      a.append(sessionId, streamId, piece);
      if (i % 25 === 0) {
        // Joins on both instances, racing the frames still in flight.
        void b.connect(sessionId, { mode: 'session' }).then((c) => joined.push(new Collector(c)));
        void a.connect(sessionId, { mode: 'session' }).then((c) => joined.push(new Collector(c)));
      }
      if (i % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 50));
    await a.publish(sessionId, streamId, { type: 'done', messageId: 1, variantIndex: 0 });
    expect(joined).toHaveLength(24);
    for (const tab of joined) {
      await tab.until((c) => c.frames.some((f) => isTerminal(f.event)), 'the end');
      expect(tab.text).toBe(expected);
      tab.connection.close();
    }
  });

  it('resumes after a Last-Event-ID on another instance, during and after the generation', async () => {
    const sessionId = nextSession++;
    const { streamId } = await startOn(a, sessionId);
    a.append(sessionId, streamId, 'abc');
    a.append(sessionId, streamId, 'def');
    const resumed = new Collector(await b.connect(sessionId, { mode: 'session', resumeFrom: { streamId, offset: 3 } }));
    await resumed.until((c) => c.frames.length === 1);
    expect(resumed.frames[0]).toMatchObject({ offset: 6, event: { type: 'content', data: 'def' } });
    a.append(sessionId, streamId, 'ghi');
    await a.publish(sessionId, streamId, { type: 'done', messageId: 3, variantIndex: 0 });
    await resumed.until((c) => c.frames.some((f) => isTerminal(f.event)));
    expect(resumed.text).toBe('defghi');
    resumed.connection.close();

    const late = new Collector(await b.connect(sessionId, { mode: 'session', resumeFrom: { streamId, offset: 6 } }));
    await late.until((c) => c.frames.length === 2);
    expect(late.frames.map((f) => f.event)).toEqual([
      { type: 'content', data: 'ghi' },
      { type: 'done', messageId: 3, variantIndex: 0 },
    ]);
    expect(late.frames[1].wire).toBe(resumed.frames[resumed.frames.length - 1].wire);
    late.connection.close();
  });

  it('counts connections of every instance, refuses over the limit, and reports changes', async () => {
    const sessionId = nextSession++;
    const counts: number[] = [];
    const watch = a.connectionCount(sessionId).subscribe((n) => counts.push(n));
    const one = await a.connect(sessionId, { mode: 'session', limit: 2 });
    const two = await b.connect(sessionId, { mode: 'session', limit: 2 });
    await expect(b.connect(sessionId, { mode: 'session', limit: 2 })).rejects.toThrow(/already has 2/);
    expect((await a.status(sessionId)).connections).toBe(2);
    expect((await b.status(sessionId)).connections).toBe(2);
    two.close();
    const deadline = Date.now() + 3000;
    while (counts[counts.length - 1] !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    // Answers and messages race on two connections; the newest wins, so no stale total shows last.
    expect(counts.slice(-2)).toEqual([2, 1]);
    expect(Math.max(...counts)).toBe(2);
    one.close();
    watch.unsubscribe();
  });

  it('sends a cancel to the owning instance and answers with its outcome', async () => {
    const sessionId = nextSession++;
    const { streamId, sender } = await startOn(a, sessionId);
    a.append(sessionId, streamId, 'part');
    a.setCancelHandler(async (sid, stream, reason) => {
      await a.publish(sid, stream, { type: 'cancelled', reason });
      return { status: 'cancelled', streamId: stream, partialLength: 4 };
    });
    b.setCancelHandler(async () => {
      throw new Error('not the owner');
    });
    expect(await b.requestCancel(sessionId, 'user_cancelled')).toEqual({
      status: 'cancelled',
      streamId,
      partialLength: 4,
    });
    await sender.until((c) => c.ended);
    expect(sender.frames[sender.frames.length - 1].event).toEqual({ type: 'cancelled', reason: 'user_cancelled' });
    expect(await b.requestCancel(sessionId, 'user_cancelled')).toEqual({ status: 'not_running' });
  });

  it("ends a dead instance's generation with an error once its lease runs out, and records it", async () => {
    const sessionId = nextSession++;
    const orphans: OrphanedGeneration[] = [];
    const dying = await hub({ leaseMs: 300 });
    const watcher = await hub({ leaseMs: 300, onOrphaned: async (o) => void orphans.push(o) });
    const tab = new Collector(await watcher.connect(sessionId, { mode: 'session' }));
    const { streamId } = await startOn(dying, sessionId);
    dying.append(sessionId, streamId, 'half');
    await tab.until((c) => c.text === 'half');
    await dying.onApplicationShutdown(); // stops renewing; its lock is left to expire
    await tab.until((c) => c.frames.some((f) => isTerminal(f.event)), 'the error', 3000);
    const end = tab.frames[tab.frames.length - 1];
    expect(end.event).toMatchObject({ type: 'error', code: 'internal' });
    expect(end.wire).toContain(`id: ${streamId}:4\n`);
    expect(orphans).toEqual([expect.objectContaining({ chatSessionId: sessionId, streamId, partialLength: 4 })]);
    expect(await watcher.status(sessionId)).toMatchObject({ isStreaming: false });
    expect(await watcher.acquire(sessionId, randomUUID())).toBe(true);
    tab.connection.close();
  });

  it('fails a generation whose lock was taken from it: error to its connections, the run told to stop', async () => {
    const sessionId = nextSession++;
    const failures: Array<[number, string, string]> = [];
    const owner = await hub();
    owner.setFailureHandler(async (sid, stream, failure) => void failures.push([sid, stream, failure.code]));
    const { streamId, sender } = await startOn(owner, sessionId);
    owner.append(sessionId, streamId, 'ab');
    const admin = new Redis(REDIS_URL);
    await admin.del(sessionKeys(prefix, sessionId).lock); // as if its lease had run out
    await admin.quit();
    owner.append(sessionId, streamId, 'cd');
    await sender.until((c) => c.ended, 'the error');
    expect(sender.frames[sender.frames.length - 1].event).toMatchObject({ type: 'error', code: 'internal' });
    expect(failures).toEqual([[sessionId, streamId, 'internal']]);
    // Whatever the stopped run still publishes goes nowhere.
    await owner.publish(sessionId, streamId, { type: 'cancelled', reason: 'server_shutdown' });
    expect(sender.frames.filter((f) => isTerminal(f.event))).toHaveLength(1);
  });

  it('lets go of tabs on every instance when a session is closed', async () => {
    const sessionId = nextSession++;
    const here = new Collector(await a.connect(sessionId, { mode: 'session' }));
    const there = new Collector(await b.connect(sessionId, { mode: 'session' }));
    await a.closeConnections(sessionId);
    await here.until((c) => c.ended);
    await there.until((c) => c.ended);
  });

  it('publishes frames on the session channel only while another instance counts a connection', async () => {
    const sessionId = nextSession++;
    const listener = new Redis(REDIS_URL);
    const published: string[] = [];
    await listener.subscribe(sessionKeys(prefix, sessionId).channel);
    listener.on('message', (_channel: string, message: string) => message.startsWith('f\n') && published.push(message));
    const { streamId, sender } = await startOn(a, sessionId);
    a.append(sessionId, streamId, 'alone');
    await sender.until((c) => c.text === 'alone');
    // Long enough for the batch to reach Redis and for a PUBLISH, had there been one, to arrive.
    await new Promise((r) => setTimeout(r, 100));
    expect(published).toEqual([]);

    const tab = new Collector(await b.connect(sessionId, { mode: 'session' }));
    const sentFrom = Date.now();
    a.append(sessionId, streamId, ' together');
    await tab.until((c) => c.text.endsWith(' together'), 'the live frame');
    expect(tab.text).toBe('alone together');
    expect(published).toHaveLength(1);
    // Stamped with the owner's clock as the script wrote it, for the followers' lag metric.
    const { sentAt } = decodeSessionMessage(published[0]) as { sentAt: number };
    expect(sentAt).toBeGreaterThanOrEqual(sentFrom);
    expect(sentAt).toBeLessThanOrEqual(Date.now());
    await a.publish(sessionId, streamId, { type: 'done', messageId: 1, variantIndex: 0 });
    await tab.until((c) => c.frames.some((f) => isTerminal(f.event)), 'the end');
    tab.connection.close();
    sender.connection.close();
    await listener.quit();
  });

  it('holds frames back from Redis while nobody elsewhere reads, yet a tab joining elsewhere gets all text so far at once', async () => {
    const lazy = await hub({ unwatchedFlushMs: 60_000 });
    const sessionId = nextSession++;
    const { streamId, sender } = await startOn(lazy, sessionId);
    await new Promise((r) => setTimeout(r, 20)); // the start goes to Redis at once
    for (const piece of ['Once ', 'upon ', 'a time']) lazy.append(sessionId, streamId, piece);
    await new Promise((r) => setTimeout(r, 50));
    // Nothing of it has reached Redis: no script call per chunk while no other instance watches.
    const admin = new Redis(REDIS_URL);
    const keys = sessionKeys(prefix, sessionId);
    expect(await admin.get(keys.text)).toBe('');
    expect(await b.status(sessionId)).toMatchObject({ isStreaming: true, streamId, partialLength: 16 });
    // The unwatched run of content went to the stream as one entry, after the start.
    expect(await admin.xlen(keys.events)).toBe(2);

    const tab = new Collector(await b.connect(sessionId, { mode: 'session' }));
    await tab.until((c) => c.frames.length === 1, 'the catch-up');
    expect(tab.frames[0]).toMatchObject({ offset: 16, event: { type: 'content', data: 'Once upon a time' } });
    lazy.append(sessionId, streamId, '!');
    await tab.until((c) => c.text === 'Once upon a time!', 'the live frame');
    expect(tab.frames[1]).toMatchObject({ offset: 17, event: { type: 'content', data: '!' } });
    await admin.quit();
    await lazy.publish(sessionId, streamId, { type: 'done', messageId: 1, variantIndex: 0 });
    await tab.until((c) => c.frames.some((f) => isTerminal(f.event)), 'the end');
    tab.connection.close();
    sender.connection.close();
  });

  it('answers the health probe', async () => {
    expect(await a.ping()).toBe(true);
  });

  it("does not hold the relay up: content reaches this instance's connections at once, the end once Redis has it", async () => {
    const sessionId = nextSession++;
    const { streamId, sender } = await startOn(a, sessionId);
    a.append(sessionId, streamId, 'x');
    // Delivered before anything was awaited: no Redis round trip in the provider relay's path.
    expect(sender.text).toBe('x');
    await a.publish(sessionId, streamId, { type: 'done', messageId: 1, variantIndex: 0 });
    const tab = await b.connect(sessionId, { mode: 'session', resumeFrom: { streamId, offset: 0 } });
    const end = await firstValueFrom(tab.frames.pipe(filter((f) => isTerminal(f.event))));
    expect(end.event).toEqual({ type: 'done', messageId: 1, variantIndex: 0 });
    tab.close();
  });
});
