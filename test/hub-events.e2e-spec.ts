import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { createScratchDatabase, startTestApp, TestApp } from './support/test-app';
import { attach, createSession, streamStatus } from './support/generation-fixture';
import { MACHINE_REDIS_URL } from './support/instances';
import { STREAM_HUB, StreamHub } from '../src/streaming/stream-hub';
import { InMemoryStreamHub } from '../src/streaming/in-memory-stream-hub';
import { RedisStreamHub } from '../src/streaming/redis/redis-stream-hub';
import type { MessagesChangedEvent, StartEvent } from '../src/streaming/stream-event';

/**
 * Session notices and reasoning events as a tab reads them over HTTP, driving the hub directly
 * (the routes that call notify, and the provider's reasoning, are wired elsewhere): with the
 * in-memory hub in one app, and with Redis across two apps of one deployment, the hub driven on A
 * and the tabs on B.
 */
interface Deployment {
  /** The hub the test drives. */
  hub: StreamHub;
  /** Where the test creates sessions and attaches tabs. */
  url: string;
  close(): Promise<void>;
}

const START = (streamId: string, sessionId: number): StartEvent => ({
  type: 'start',
  streamId,
  kind: 'send',
  messageId: null,
  userMessage: { id: 1, chatSessionId: sessionId, role: 'user', content: 'hi', createdAt: new Date().toISOString() },
});

/** The raw bytes of a GET /stream until `until` shows up in them. */
async function rawStream(url: string, sessionId: number, until: string, act: () => Promise<void>): Promise<string> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/chat-sessions/${sessionId}/stream`, {
    headers: { accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  await act();
  const deadline = Date.now() + 5000;
  while (!text.includes(until) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return text;
}

const deployments: Array<[string, () => Promise<Deployment>]> = [
  [
    'in memory',
    async () => {
      const t = await startTestApp({ REDIS_URL: '' });
      const hub = t.app.get<symbol, StreamHub>(STREAM_HUB);
      expect(hub).toBeInstanceOf(InMemoryStreamHub);
      return { hub, url: t.url, close: () => t.close() };
    },
  ],
  [
    'over Redis, driven on A, read on B',
    async () => {
      const db = await createScratchDatabase();
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: MACHINE_REDIS_URL,
        REDIS_KEY_PREFIX: `hearth-test-${randomBytes(6).toString('hex')}:`,
      };
      const started: TestApp[] = [];
      const close = async () => {
        for (const t of started.reverse()) await t.close().catch(() => undefined);
        await db.drop();
      };
      try {
        // One after the other: the first migrates the shared database.
        started.push(await startTestApp(env));
        started.push(await startTestApp(env));
      } catch (err) {
        await close();
        throw err;
      }
      const hub = started[0].app.get<symbol, StreamHub>(STREAM_HUB);
      expect(hub).toBeInstanceOf(RedisStreamHub);
      return { hub, url: started[1].url, close };
    },
  ],
];

describe.each(deployments)('session notices and reasoning (%s)', (_name, deploy) => {
  let d: Deployment;
  beforeAll(async () => {
    d = await deploy();
  }, 120_000);
  afterAll(() => (d as Deployment | undefined)?.close());

  const notice = (change: MessagesChangedEvent['change'], messageId: number): MessagesChangedEvent => ({
    type: 'messages_changed',
    change,
    messageId,
  });

  it('sends a notice to a tab of a session that never generated, as a data line without an id line', async () => {
    const sessionId = await createSession(d.url);
    const wire = await rawStream(d.url, sessionId, 'messages_changed', async () => {
      // Only once the tab is attached: a notice is never kept for later.
      await waitForConnections(d.url, sessionId, 1);
      await d.hub.notify(sessionId, notice('edited', 41));
    });
    expect(wire).toContain('data: {"type":"messages_changed","change":"edited","messageId":41}\n\n');
    expect(wire).not.toContain('id:');
  });

  it("reaches tabs during and between generations, never a generation's own connection, and leaves ids alone", async () => {
    const sessionId = await createSession(d.url);
    const tab = await attach(d.url, sessionId);
    await waitForConnections(d.url, sessionId, 1);
    await d.hub.notify(sessionId, notice('created', 1));
    await tab.waitFor((e) => e.type === 'messages_changed');

    const streamId = randomUUID();
    expect(await d.hub.acquire(sessionId, streamId)).toBe(true);
    const generation = await d.hub.connect(sessionId, { mode: 'generation' });
    const seenByGeneration: string[] = [];
    generation.frames.subscribe((f) => seenByGeneration.push(f.event.type));
    await d.hub.publish(sessionId, streamId, START(streamId, sessionId));
    d.hub.append(sessionId, streamId, 'abc');
    await tab.waitFor((e) => e.type === 'content');
    await d.hub.notify(sessionId, notice('deleted', 2));
    await tab.waitFor((e) => e.type === 'messages_changed' && e.data.change === 'deleted');
    d.hub.append(sessionId, streamId, 'de');
    await d.hub.publish(sessionId, streamId, { type: 'done', messageId: 3, variantIndex: 0 });
    await tab.waitForEnd();
    await d.hub.notify(sessionId, notice('variant', 3));
    await tab.waitFor((e) => e.type === 'messages_changed' && e.data.change === 'variant');

    expect(tab.events.map((e) => [e.type, e.id])).toEqual([
      ['messages_changed', undefined],
      ['start', `${streamId}:0`],
      ['content', `${streamId}:3`],
      ['messages_changed', undefined],
      ['content', `${streamId}:5`],
      ['done', `${streamId}:5`],
      ['messages_changed', undefined],
    ]);
    expect(tab.events.filter((e) => e.type === 'messages_changed').map((e) => e.data)).toEqual([
      notice('created', 1),
      notice('deleted', 2),
      notice('variant', 3),
    ]);
    expect(seenByGeneration).toEqual(['start', 'content', 'content', 'done']);
    expect(tab.isClosed).toBe(false);
    tab.close();
  });

  it('streams reasoning and content in one offset: attach mid-generation, resume inside either, after the end', async () => {
    const sessionId = await createSession(d.url);
    const streamId = randomUUID();
    expect(await d.hub.acquire(sessionId, streamId)).toBe(true);
    await d.hub.publish(sessionId, streamId, START(streamId, sessionId));
    d.hub.appendReasoning(sessionId, streamId, 'Let me ');
    d.hub.appendReasoning(sessionId, streamId, 'think.');
    d.hub.append(sessionId, streamId, 'Hello ');
    d.hub.append(sessionId, streamId, 'wörld');
    const R = 'Let me think.'.length;
    const total = R + 'Hello wörld'.length;

    const late = await attach(d.url, sessionId);
    await late.waitFor((e) => e.type === 'content');
    expect(late.events.map((e) => [e.id, e.data])).toEqual([
      [`${streamId}:${R}`, { type: 'reasoning', data: 'Let me think.', streamId }],
      [`${streamId}:${total}`, { type: 'content', data: 'Hello wörld', streamId }],
    ]);
    const inReasoning = await attach(d.url, sessionId, { 'last-event-id': `${streamId}:7` });
    await inReasoning.waitFor((e) => e.type === 'content');
    expect(inReasoning.events.map((e) => [e.id, e.type, e.data.data])).toEqual([
      [`${streamId}:${R}`, 'reasoning', 'think.'],
      [`${streamId}:${total}`, 'content', 'Hello wörld'],
    ]);
    const inContent = await attach(d.url, sessionId, { 'last-event-id': `${streamId}:${R + 6}` });
    await inContent.waitFor((e) => e.type === 'content');
    expect(inContent.events.map((e) => [e.id, e.type, e.data.data])).toEqual([
      [`${streamId}:${total}`, 'content', 'wörld'],
    ]);
    // partialLength is the content's, without the reasoning.
    expect(await streamStatus(d.url, sessionId)).toMatchObject({ isStreaming: true, streamId, partialLength: 11 });

    d.hub.append(sessionId, streamId, '!');
    await d.hub.publish(sessionId, streamId, { type: 'done', messageId: 9, variantIndex: 0 });
    for (const tab of [late, inReasoning, inContent]) {
      const end = await tab.waitForEnd();
      expect(end.id).toBe(`${streamId}:${total + 1}`);
      expect(tab.text.endsWith('wörld!')).toBe(true);
      tab.close();
    }
    const after = await attach(d.url, sessionId, { 'last-event-id': `${streamId}:3` });
    await after.waitForEnd();
    expect(after.events.map((e) => [e.id, e.type, e.data.data])).toEqual([
      [`${streamId}:${R}`, 'reasoning', ' me think.'],
      [`${streamId}:${total + 1}`, 'content', 'Hello wörld!'],
      [`${streamId}:${total + 1}`, 'done', undefined],
    ]);
    after.close();
  });
});

async function waitForConnections(url: string, sessionId: number, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await streamStatus(url, sessionId)).connections !== n) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} connections`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
