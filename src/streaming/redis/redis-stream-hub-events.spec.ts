import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { RedisStreamHub } from './redis-stream-hub';
import type { HubConnection } from '../stream-hub';
import type { OrphanedGeneration } from '../orphaned-generation-hook';
import { ConnectionFrame, MessagesChangedEvent, StartEvent, isNoticeFrame, isTerminal } from '../stream-event';
import { toNoticeFrame } from '../sse-framing';
import { StreamHubUnavailableError } from '../streaming.errors';

/**
 * Session notices and reasoning over two hubs in one process sharing the machine's Redis (under
 * a prefix of this run's own), as redis-stream-hub.spec.ts does for the rest.
 */
const REDIS_URL = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const START = (streamId: string): StartEvent => ({
  type: 'start',
  streamId,
  kind: 'send',
  messageId: null,
  userMessage: { id: 1, chatSessionId: 1, role: 'user', content: 'hi', createdAt: '2026-01-01T00:00:00.000Z' },
});
const NOTICE: MessagesChangedEvent = { type: 'messages_changed', change: 'edited', messageId: 5 };

class Collector {
  readonly frames: ConnectionFrame[] = [];
  ended = false;
  constructor(readonly connection: HubConnection) {
    connection.frames.subscribe({ next: (f) => this.frames.push(f), complete: () => (this.ended = true) });
  }
  textOf(type: 'content' | 'reasoning'): string {
    return this.frames.map((f) => (f.event.type === type ? f.event.data : '')).join('');
  }
  get notices(): ConnectionFrame[] {
    return this.frames.filter(isNoticeFrame);
  }
  get hasEnded(): boolean {
    return this.frames.some((f) => isTerminal(f.event));
  }
  async until(check: (c: Collector) => boolean, what = 'frames', timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames.map((f) => f.wire))}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

describe('RedisStreamHub notices and reasoning', () => {
  const prefix = `hearth-spec-${randomBytes(4).toString('hex')}:`;
  let a: RedisStreamHub;
  let b: RedisStreamHub;
  let nextSession = 1;
  beforeAll(async () => {
    a = new RedisStreamHub({ url: REDIS_URL, keyPrefix: prefix });
    b = new RedisStreamHub({ url: REDIS_URL, keyPrefix: prefix });
    await a.onModuleInit();
    await b.onModuleInit();
  });
  afterAll(() => Promise.all([a.onApplicationShutdown(), b.onApplicationShutdown()]));

  async function startOn(owner: RedisStreamHub, sessionId: number): Promise<{ streamId: string; sender: Collector }> {
    const streamId = randomUUID();
    expect(await owner.acquire(sessionId, streamId)).toBe(true);
    const sender = new Collector(await owner.connect(sessionId, { mode: 'generation' }));
    await owner.publish(sessionId, streamId, START(streamId));
    return { streamId, sender };
  }

  it('delivers a notice to the tabs on both instances, with no generation ever run, once each', async () => {
    const sessionId = nextSession++;
    const here = new Collector(await a.connect(sessionId, { mode: 'session' }));
    const there = new Collector(await b.connect(sessionId, { mode: 'session' }));
    await a.notify(sessionId, NOTICE);
    expect(here.notices).toEqual([toNoticeFrame(NOTICE)]);
    await there.until((c) => c.notices.length === 1, 'the notice on B');
    expect(there.frames).toEqual([toNoticeFrame(NOTICE)]);
    // From B too; and a notice for another session reaches neither.
    const deleted: MessagesChangedEvent = { ...NOTICE, change: 'deleted' };
    await b.notify(sessionId, deleted);
    await a.notify(sessionId + 1000, NOTICE);
    await here.until((c) => c.notices.length === 2, 'the notice from B');
    await new Promise((r) => setTimeout(r, 50));
    expect(here.notices.map((f) => f.wire)).toEqual([NOTICE, deleted].map((n) => toNoticeFrame(n).wire));
    expect(there.notices).toHaveLength(2);
    here.connection.close();
    there.connection.close();
  });

  it('tells the tabs here even when Redis cannot take a notice, and rejects as unavailable', async () => {
    const sessionId = nextSession++;
    const alone = new RedisStreamHub({ url: REDIS_URL, keyPrefix: prefix });
    await alone.onModuleInit();
    const tab = new Collector(await alone.connect(sessionId, { mode: 'session' }));
    await alone.onApplicationShutdown(); // its Redis connections are gone; the tab object is still here
    await expect(alone.notify(sessionId, NOTICE)).rejects.toBeInstanceOf(StreamHubUnavailableError);
    expect(tab.notices).toEqual([toNoticeFrame(NOTICE)]);
  });

  it("gives notices to tabs during and between generations, never to a generation's connection", async () => {
    const sessionId = nextSession++;
    const tab = new Collector(await b.connect(sessionId, { mode: 'session' }));
    const { streamId, sender } = await startOn(a, sessionId);
    a.append(sessionId, streamId, 'one');
    await a.notify(sessionId, NOTICE);
    a.append(sessionId, streamId, 'two');
    await a.publish(sessionId, streamId, { type: 'done', messageId: 2, variantIndex: 0 });
    await tab.until((c) => c.hasEnded && c.notices.length === 1, 'the end and the notice');
    expect(sender.ended).toBe(true);
    expect(sender.frames.filter(isNoticeFrame)).toEqual([]);
    expect(tab.textOf('content')).toBe('onetwo');
    await a.notify(sessionId, { ...NOTICE, change: 'variant' });
    await tab.until((c) => c.notices.length === 2, 'the notice after the end');
    expect(tab.ended).toBe(false);
    // Not stored: a tab attaching now gets nothing of them.
    const late = new Collector(await b.connect(sessionId, { mode: 'session' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(late.notices).toEqual([]);
    tab.connection.close();
    late.connection.close();
  });

  it('counts reasoning and content in one offset; status gives the length of the content only', async () => {
    const sessionId = nextSession++;
    const tab = new Collector(await b.connect(sessionId, { mode: 'session' }));
    const { streamId, sender } = await startOn(a, sessionId);
    a.appendReasoning(sessionId, streamId, 'thi');
    a.appendReasoning(sessionId, streamId, 'nk');
    a.append(sessionId, streamId, 'héllo');
    // After the content started: dropped, offsets stay "reasoning, then content".
    a.appendReasoning(sessionId, streamId, 'late');
    expect(sender.frames.slice(1).map((f) => [f.offset, f.event])).toEqual([
      [3, { type: 'reasoning', data: 'thi' }],
      [5, { type: 'reasoning', data: 'nk' }],
      [10, { type: 'content', data: 'héllo' }],
    ]);
    for (const hub of [a, b]) expect((await hub.status(sessionId)).partialLength).toBe(5);
    await a.publish(sessionId, streamId, { type: 'done', messageId: 1, variantIndex: 0 });
    await tab.until((c) => c.hasEnded);
    expect(tab.frames.map((f) => f.wire)).toEqual(sender.frames.map((f) => f.wire));
    tab.connection.close();
  });

  it('catches a tab on another instance up mid-generation, and resumes inside the reasoning and the content', async () => {
    const sessionId = nextSession++;
    const { streamId } = await startOn(a, sessionId);
    a.appendReasoning(sessionId, streamId, 'think');
    a.appendReasoning(sessionId, streamId, 'ing');
    a.append(sessionId, streamId, 'ab');
    a.append(sessionId, streamId, 'cd');
    const join = async (offset?: number) => {
      const resumeFrom = offset === undefined ? undefined : { streamId, offset };
      const c = new Collector(await b.connect(sessionId, { mode: 'session', resumeFrom }));
      await c.until((x) => x.frames.length > 0);
      await new Promise((r) => setTimeout(r, 20));
      return c;
    };
    const offsetsAndEvents = (c: Collector) => c.frames.map((f) => [f.offset, f.event]);
    const fresh = await join();
    expect(offsetsAndEvents(fresh)).toEqual([
      [8, { type: 'reasoning', data: 'thinking' }],
      [12, { type: 'content', data: 'abcd' }],
    ]);
    expect(offsetsAndEvents(await join(3))).toEqual([
      [8, { type: 'reasoning', data: 'nking' }],
      [12, { type: 'content', data: 'abcd' }],
    ]);
    expect(offsetsAndEvents(await join(10))).toEqual([[12, { type: 'content', data: 'cd' }]]);
    // Live frames after the catch-up keep counting from there.
    a.append(sessionId, streamId, 'e');
    await a.publish(sessionId, streamId, { type: 'done', messageId: 1, variantIndex: 0 });
    await fresh.until((c) => c.hasEnded);
    expect(fresh.frames.slice(2).map((f) => [f.offset, f.event.type])).toEqual([
      [13, 'content'],
      [13, 'done'],
    ]);
    // After the end: the rest, from inside the reasoning, then the terminal frame.
    const after = new Collector(await b.connect(sessionId, { mode: 'session', resumeFrom: { streamId, offset: 6 } }));
    await after.until((c) => c.hasEnded);
    expect(after.frames.map((f) => [f.offset, f.event.type])).toEqual([
      [8, 'reasoning'],
      [13, 'content'],
      [13, 'done'],
    ]);
    expect(after.textOf('reasoning') + after.textOf('content')).toBe('ngabcde');
  });

  it('never loses or doubles reasoning or content for tabs joining on both instances while frames fly', async () => {
    const sessionId = nextSession++;
    const { streamId } = await startOn(a, sessionId);
    const joined: Collector[] = [];
    let reasoning = '';
    let content = '';
    for (let i = 0; i < 200; i++) {
      const piece = `<${i}>`;
      if (i < 100) {
        reasoning += piece;
        a.appendReasoning(sessionId, streamId, piece);
      } else {
        content += piece;
        a.append(sessionId, streamId, piece);
      }
      if (i % 25 === 0) {
        void b.connect(sessionId, { mode: 'session' }).then((c) => joined.push(new Collector(c)));
        void a.connect(sessionId, { mode: 'session' }).then((c) => joined.push(new Collector(c)));
      }
      if (i % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 50));
    await a.publish(sessionId, streamId, { type: 'done', messageId: 1, variantIndex: 0 });
    expect(joined).toHaveLength(16);
    for (const tab of joined) {
      await tab.until((c) => c.hasEnded, 'the end');
      expect(tab.textOf('reasoning')).toBe(reasoning);
      expect(tab.textOf('content')).toBe(content);
      tab.connection.close();
    }
  });

  it("ends a dead instance's reasoning generation at its whole offset, recording the content's length", async () => {
    const sessionId = nextSession++;
    const orphans: OrphanedGeneration[] = [];
    const dying = new RedisStreamHub({ url: REDIS_URL, keyPrefix: prefix, leaseMs: 300 });
    const watcher = new RedisStreamHub({
      url: REDIS_URL,
      keyPrefix: prefix,
      leaseMs: 300,
      onOrphaned: async (o) => void orphans.push(o),
    });
    await dying.onModuleInit();
    await watcher.onModuleInit();
    try {
      const tab = new Collector(await watcher.connect(sessionId, { mode: 'session' }));
      const { streamId } = await startOn(dying, sessionId);
      dying.appendReasoning(sessionId, streamId, 'hmm…');
      dying.append(sessionId, streamId, 'half');
      await tab.until((c) => c.textOf('content') === 'half');
      await dying.onApplicationShutdown(); // stops renewing; its lock is left to expire
      await tab.until((c) => c.hasEnded, 'the error', 3000);
      const end = tab.frames[tab.frames.length - 1];
      expect(end.event).toMatchObject({ type: 'error', code: 'internal' });
      expect(end.wire).toContain(`id: ${streamId}:8\n`);
      expect(orphans).toEqual([expect.objectContaining({ chatSessionId: sessionId, streamId, partialLength: 4 })]);
      tab.connection.close();
    } finally {
      await Promise.all([dying.onApplicationShutdown(), watcher.onApplicationShutdown()]);
    }
  });
});
