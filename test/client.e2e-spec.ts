import { createServer, Server, Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import {
  EventTracker,
  HearthClient,
  HearthError,
  isGenerationEvent,
  parseEventId,
  ReconnectInfo,
  StreamEvent,
  ContentEvent,
  GenerationEvent,
} from '../examples/client/hearth-client';
import { toStreamEvent } from '../examples/client/wire';
import { STREAM_HUB, StreamHub } from '../src/streaming/stream-hub';
import { TEST_DB } from './support/test-app';
import { DEFAULT_REPLY, DEFAULT_MODEL } from './support/fake-openrouter';
import {
  createSession,
  GenerationFixture,
  messageRows,
  startGenerationApp,
  waitUntil,
} from './support/generation-fixture';

/**
 * A TCP proxy between the client and the server, so a test can lose the network the way a
 * phone does: cut every connection, freeze them (half-open), or re-cut the server's bytes into
 * tiny writes so the client sees events split anywhere.
 */
class FlakyProxy {
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; frozen: boolean }>();
  /** When set, bytes from the server are forwarded this many at a time, one write per tick. */
  splitBytes: number | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(targetUrl: string): Promise<FlakyProxy> {
    const target = new URL(targetUrl);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FlakyProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    // Attached before control returns to the event loop, so no connection arrives unhandled.
    server.on('connection', (client) => proxy.accept(client, target));
    return proxy;
  }

  private accept(client: Socket, target: URL): void {
    const upstream = connect(Number(target.port), target.hostname);
    const pair = { client, upstream, frozen: false };
    this.pairs.add(pair);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (d: Buffer) => {
      if (!pair.frozen) upstream.write(d);
    });
    let queue = Promise.resolve();
    upstream.on('data', (d: Buffer) => {
      if (pair.frozen) return;
      const size = this.splitBytes;
      if (!size) {
        client.write(d);
        return;
      }
      upstream.pause();
      queue = queue.then(async () => {
        for (let i = 0; i < d.length && !client.destroyed; i += size) {
          client.write(d.subarray(i, i + size));
          await new Promise((r) => setImmediate(r));
        }
        upstream.resume();
      });
    });
  }

  /** Every open connection is reset, as when a network goes away. New connections work. */
  cut(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Open connections stay open but carry nothing more (half-open); new connections work. */
  freezeOpenConnections(): void {
    for (const pair of this.pairs) pair.frozen = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Drains an event iterator, keeping everything it yields. */
async function collect<E extends StreamEvent>(events: AsyncIterable<E>, until?: (e: E) => boolean): Promise<E[]> {
  const seen: E[] = [];
  for await (const event of events) {
    seen.push(event);
    if (until?.(event)) break;
  }
  return seen;
}

/** Attaches in the background and keeps every event until `dones` generations have ended in done. */
function watch(c: HearthClient, sessionId: number, dones: number): { seen: StreamEvent[]; finished: Promise<void> } {
  const seen: StreamEvent[] = [];
  const finished = (async () => {
    for await (const e of c.attach(sessionId)) {
      seen.push(e);
      if (seen.filter((x) => x.type === 'done').length === dones) return;
    }
  })();
  return { seen, finished };
}

function textOf(events: StreamEvent[]): string {
  return events
    .filter((e): e is ContentEvent => e.type === 'content')
    .map((e) => e.data)
    .join('');
}

async function expectHearthError(promise: Promise<unknown>, status: number, message: RegExp): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HearthError);
  expect((err as HearthError).status).toBe(status);
  expect((err as HearthError).message).toMatch(message);
}

describe(`${HearthClient.name} (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let client: HearthClient;
  beforeAll(async () => {
    // Fast heartbeats so the client's idle detection can be short without cutting healthy connections.
    f = await startGenerationApp({ HEARTBEAT_MS: '100', GENERATION_RATE_LIMIT: '1000' });
    client = new HearthClient({ baseUrl: f.t.url });
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  it("creates, reads, lists, updates and deletes every resource; errors carry the server's message", async () => {
    const model = await client.aiModels.create({ label: DEFAULT_MODEL, name: 'Mini' });
    const prompt = await client.systemPrompts.create({ name: 'Narrator', content: 'Tell a story.' });
    const character = await client.characters.create({ name: 'Ada', description: 'A lighthouse keeper.' });
    const profile = await client.userProfiles.create({ name: 'Sam', description: 'A traveller.' });
    const session = await client.chatSessions.create({
      name: 'Storm',
      aiModelId: model.id,
      systemPromptId: prompt.id,
      characterId: character.id,
      userProfileId: profile.id,
    });
    const fetched = await client.chatSessions.get(session.id);
    expect(fetched).toMatchObject({
      name: 'Storm',
      aiModel: { id: model.id, label: DEFAULT_MODEL },
      systemPrompt: { content: 'Tell a story.' },
      character: { name: 'Ada' },
      userProfile: { name: 'Sam' },
    });
    expect((await client.characters.list()).map((c) => c.id)).toContain(character.id);
    expect(await client.characters.update(character.id, { name: 'Ada L.' })).toMatchObject({ name: 'Ada L.' });
    expect(await client.chatSessions.update(session.id, { characterId: null })).toMatchObject({ characterId: null });
    expect(await client.messages(session.id)).toEqual([]);

    await client.chatSessions.delete(session.id);
    await expectHearthError(client.chatSessions.get(session.id), 404, new RegExp(`${session.id} does not exist`));
    await expectHearthError(client.characters.create({ description: 'No name' } as never), 400, /name/);
  });

  it('sendMessage yields start, content and one done; the joined text is the saved message', async () => {
    const sessionId = await createSession(f.t.url);
    const events = await collect(client.sendMessage(sessionId, 'Hello?'));

    expect(events[0]).toMatchObject({ type: 'start', userMessage: { role: 'user', content: 'Hello?' } });
    const streamId = events[0].streamId;
    expect(events.every((e) => e.streamId === streamId && e.id === `${streamId}:${e.offset}`)).toBe(true);
    const done = events[events.length - 1];
    expect(done.type).toBe('done');
    expect(textOf(events)).toBe(DEFAULT_REPLY);
    const saved = await client.messages(sessionId);
    expect(saved.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hello?'],
      ['assistant', DEFAULT_REPLY],
    ]);
    expect(done.type === 'done' && done.messageId).toBe(saved[1].id);
  });

  it('reads events split anywhere, even inside a UTF-8 character, one byte at a time', async () => {
    const proxy = await FlakyProxy.start(f.t.url);
    try {
      proxy.splitBytes = 1;
      const sessionId = await createSession(f.t.url);
      const chunks = ['Grüße, ', '🌊 waves ', '"quoted"\nnew line', ' data: not a field'];
      f.fake.enqueue({ chunks });
      const events = await collect(new HearthClient({ baseUrl: proxy.url }).sendMessage(sessionId, 'split'));
      expect(textOf(events)).toBe(chunks.join(''));
      expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it("refusals throw HearthError before any event, with the status and the server's words", async () => {
    const sessionId = await createSession(f.t.url);
    await expectHearthError(collect(client.sendMessage(999_999, 'hi')), 404, /does not exist/);
    await expectHearthError(collect(client.sendMessage(sessionId, '')), 400, /content must not be empty/);

    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Wait', hold, 'ed'] });
    const first = client.sendMessage(sessionId, 'first')[Symbol.asyncIterator]();
    expect((await first.next()).value).toMatchObject({ type: 'start' });
    await hold.reached;
    await expectHearthError(collect(client.sendMessage(sessionId, 'second')), 409, /already/i);
    hold.release();
    const rest = await collect({ [Symbol.asyncIterator]: () => first });
    expect(textOf(rest)).toBe('Waited');
  });

  it('status and cancel: the iterator ends with cancelled, nothing is saved, the session is free', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Part', hold, 'never'] });
    const events: GenerationEvent[] = [];
    const reading = (async () => {
      for await (const e of client.sendMessage(sessionId, 'go')) events.push(e);
    })();
    await hold.reached;
    await waitUntil(async () => events.some((e) => e.type === 'content'), 5000, 'the first text');

    const status = await client.status(sessionId);
    expect(status).toMatchObject({ isStreaming: true, streamId: events[0].streamId, partialLength: 4 });
    expect(status.connections).toBeGreaterThanOrEqual(1);
    expect(await client.cancel(sessionId)).toEqual({ cancelled: true, streamId: events[0].streamId, partialLength: 4 });
    await reading;
    hold.release();

    expect(events[events.length - 1]).toMatchObject({ type: 'cancelled', reason: 'user_cancelled' });
    expect(textOf(events)).toBe('Part');
    expect((await client.status(sessionId)).isStreaming).toBe(false);
    await expectHearthError(client.cancel(sessionId), 409, /nothing to cancel/);
    expect((await client.messages(sessionId)).map((m) => m.role)).toEqual(['user']);
  });

  it('a provider failure arrives as an error event with its code and words', async () => {
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ status: 402 });
    const events = await collect(client.sendMessage(sessionId, 'pay'));
    expect(events.map((e) => e.type)).toEqual(['start', 'error']);
    const error = events[1];
    expect(error).toMatchObject({ type: 'error', code: 'insufficient_credits' });
    expect(error.type === 'error' && error.error).toMatch(/credit/i);
  });

  it("sendMessageAndWait returns both messages, or a HearthError with the failure's status", async () => {
    const sessionId = await createSession(f.t.url);
    const result = await client.sendMessageAndWait(sessionId, 'no stream');
    expect(result.userMessage).toMatchObject({ role: 'user', content: 'no stream' });
    expect(result.assistantMessage).toMatchObject({ role: 'assistant', content: DEFAULT_REPLY });

    f.fake.enqueue({ status: 402 });
    await expectHearthError(client.sendMessageAndWait(sessionId, 'broke'), 402, /credit/i);
  });

  it('a retry with the same idempotencyKey gets the first reply; each plain call is a new message', async () => {
    const sessionId = await createSession(f.t.url);
    const first = await client.sendMessageAndWait(sessionId, 'once', { idempotencyKey: 'retry-me' });
    const retry = await client.sendMessageAndWait(sessionId, 'once', { idempotencyKey: 'retry-me' });
    expect(retry).toEqual(first);
    const replayed = await collect(client.sendMessage(sessionId, 'once', { idempotencyKey: 'retry-me' }));
    expect(replayed.map((e) => e.type)).toEqual(['start', 'content', 'done']);
    expect(textOf(replayed)).toBe(DEFAULT_REPLY);
    expect(f.fake.chatRequests).toHaveLength(1);

    await client.sendMessageAndWait(sessionId, 'twice');
    await collect(client.sendMessage(sessionId, 'twice'));
    expect(f.fake.chatRequests).toHaveLength(3);
    expect(await messageRows(f.t, sessionId)).toHaveLength(6);
  });

  it("attach follows every generation of the session, its own and others'", async () => {
    const sessionId = await createSession(f.t.url);
    const { seen, finished: watching } = watch(client, sessionId, 2);
    await waitUntil(async () => (await client.status(sessionId)).connections === 1, 5000, 'the attach');

    f.fake.enqueue({ chunks: ['One.'] }, { chunks: ['Two.'] });
    await collect(client.sendMessage(sessionId, 'first'));
    await client.sendMessageAndWait(sessionId, 'second');
    await watching;

    expect(seen.map((e) => e.type)).toEqual(['start', 'content', 'done', 'start', 'content', 'done']);
    expect(textOf(seen.slice(0, 3))).toBe('One.');
    expect(textOf(seen.slice(3))).toBe('Two.');
  });

  it('attach mid-generation first gets the text so far as one content event, then the rest', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Once ', 'upon', hold, ' a time'] });
    const sending = collect(client.sendMessage(sessionId, 'story'));
    await hold.reached;
    await waitUntil(async () => (await client.status(sessionId)).partialLength === 9, 5000, 'the first text');

    const attached = collect(client.attach(sessionId), (e) => e.type === 'done');
    await waitUntil(async () => (await client.status(sessionId)).connections === 2, 5000, 'the attach');
    hold.release();
    const events = await attached;

    expect(events.map((e) => e.type)).toEqual(['content', 'content', 'done']);
    expect(events[0]).toMatchObject({ data: 'Once upon', offset: 9 });
    expect(textOf(events)).toBe('Once upon a time');
    expect(textOf(await sending)).toBe('Once upon a time');
  });

  it('attach with a Last-Event-ID of a generation that just ended gets only what followed it', async () => {
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ chunks: ['abc', 'def', 'ghi'] });
    const sent = await collect(client.sendMessage(sessionId, 'letters'));
    const afterFirst = sent.find((e) => e.type === 'content') as ContentEvent;
    expect(afterFirst.offset).toBe(3);

    const resumed = await collect(client.attach(sessionId, { lastEventId: afterFirst.id }), (e) => e.type === 'done');
    expect(resumed.map((e) => e.type)).toEqual(['content', 'done']);
    expect(textOf(resumed)).toBe('defghi');
  });

  it('sendMessage survives a cut network: it resumes from the last id and the text joins up exactly', async () => {
    const proxy = await FlakyProxy.start(f.t.url);
    try {
      const reconnects: ReconnectInfo[] = [];
      const flaky = new HearthClient({
        baseUrl: proxy.url,
        reconnect: { initialDelayMs: 20 },
        onReconnect: (i) => reconnects.push(i),
      });
      const sessionId = await createSession(f.t.url);
      const [h1, h2] = [f.fake.hold(), f.fake.hold()];
      f.fake.enqueue({ chunks: ['It was ', h1, 'a dark and ', 'stormy ', h2, 'night. ✨'] });

      const events: GenerationEvent[] = [];
      for await (const e of flaky.sendMessage(sessionId, 'tell me')) {
        events.push(e);
        if (e.type === 'content' && e.offset === 7) {
          // Lose the network, and let text arrive at the server meanwhile: the catch-up must hold it.
          proxy.cut();
          h1.release();
          await waitUntil(async () => (await client.status(sessionId)).partialLength === 25, 5000, 'text while cut');
        }
        if (e.type === 'content' && e.offset === 25) {
          proxy.cut();
          h2.release();
        }
      }

      const saved = (await messageRows(f.t, sessionId)).find((m) => m.role === 'assistant');
      expect(textOf(events)).toBe(saved?.content);
      expect(saved?.content).toBe('It was a dark and stormy night. ✨');
      expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
      expect(reconnects.length).toBeGreaterThanOrEqual(2);
      expect(reconnects[0].lastEventId).toBe(`${events[0].streamId}:7`);
    } finally {
      await proxy.close();
    }
  });

  it('attach survives cuts across generations without repeating text', async () => {
    const proxy = await FlakyProxy.start(f.t.url);
    try {
      const flaky = new HearthClient({ baseUrl: proxy.url, reconnect: { initialDelayMs: 20 } });
      const sessionId = await createSession(f.t.url);
      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: ['First ', hold, 'reply.'] }, { chunks: ['Second reply.'] });
      const { seen, finished: watching } = watch(flaky, sessionId, 2);
      await waitUntil(async () => (await client.status(sessionId)).connections === 1, 5000, 'the attach');

      const first = collect(client.sendMessage(sessionId, 'one'));
      await hold.reached;
      await waitUntil(async () => seen.some((e) => e.type === 'content'), 5000, 'the first text');
      proxy.cut();
      hold.release();
      await first;
      // The watcher resumes the first generation from its Last-Event-ID (its end is kept for a while).
      await waitUntil(async () => seen.some((e) => e.type === 'done'), 5000, "the first reply's end");
      await waitUntil(async () => (await client.status(sessionId)).connections === 1, 5000, 'the re-attach');
      await collect(client.sendMessage(sessionId, 'two'));
      await watching;

      const byStream = new Map<string, StreamEvent[]>();
      for (const e of seen.filter(isGenerationEvent))
        byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
      const saved = (await messageRows(f.t, sessionId)).filter((m) => m.role === 'assistant').map((m) => m.content);
      expect([...byStream.values()].map(textOf)).toEqual(saved);
      expect(saved).toEqual(['First reply.', 'Second reply.']);
    } finally {
      await proxy.close();
    }
  });

  it('a connection that goes silent (half-open) is noticed by the missing heartbeats and reopened', async () => {
    const proxy = await FlakyProxy.start(f.t.url);
    try {
      const reconnects: ReconnectInfo[] = [];
      const flaky = new HearthClient({
        baseUrl: proxy.url,
        idleTimeoutMs: 800,
        reconnect: { initialDelayMs: 20 },
        onReconnect: (i) => reconnects.push(i),
      });
      const sessionId = await createSession(f.t.url);
      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: ['Still ', hold, 'here.'] });
      const events: GenerationEvent[] = [];
      for await (const e of flaky.sendMessage(sessionId, 'ping?')) {
        events.push(e);
        if (e.type === 'content' && e.offset === 6) {
          proxy.freezeOpenConnections();
          hold.release();
        }
      }
      expect(reconnects[0]?.error).toMatchObject({ name: 'IdleTimeoutError' });
      expect(textOf(events)).toBe('Still here.');
      expect(events[events.length - 1].type).toBe('done');
    } finally {
      await proxy.close();
    }
  });

  describe('conversation control', () => {
    it('regenerate streams a new variant of the last reply from the history before it; it becomes active', async () => {
      const sessionId = await createSession(f.t.url);
      f.fake.enqueue({ chunks: ['First ', 'take.'] }, { chunks: ['Second ', 'take.'] });
      const sent = await client.sendMessageAndWait(sessionId, 'Hi');
      const replyId = sent.assistantMessage.id;

      const events = await collect(client.regenerate(sessionId));
      expect(events[0]).toMatchObject({ type: 'start', kind: 'regenerate', userMessage: null, messageId: replyId });
      expect(textOf(events)).toBe('Second take.');
      expect(events[events.length - 1]).toMatchObject({ type: 'done', messageId: replyId, variantIndex: 1 });
      expect(f.fake.chatRequests[1].body?.messages?.at(-1)).toEqual({ role: 'user', content: 'Hi' });

      const [, reply] = await client.messages(sessionId);
      expect(reply).toMatchObject({
        id: replyId,
        content: 'Second take.',
        variantIndex: 1,
        variantCount: 2,
        partial: false,
        model: DEFAULT_MODEL,
      });
      const variants = await client.variants(sessionId, replyId);
      expect(variants.map((v) => [v.index, v.content, v.partial])).toEqual([
        [0, 'First take.', false],
        [1, 'Second take.', false],
      ]);
    });

    it('regenerate after a failed reply answers the user message again (a retry); an empty chat is a 409', async () => {
      const empty = await createSession(f.t.url);
      await expectHearthError(collect(client.regenerate(empty)), 409, /no messages yet/);

      const sessionId = await createSession(f.t.url);
      f.fake.enqueue({ status: 402 }, { chunks: ['Better now.'] });
      expect((await collect(client.sendMessage(sessionId, 'hello'))).map((e) => e.type)).toEqual(['start', 'error']);
      await expectHearthError(collect(client.continue(sessionId)), 409, /no reply to continue/);

      const events = await collect(client.regenerate(sessionId));
      expect(events[0]).toMatchObject({ type: 'start', kind: 'regenerate', userMessage: null, messageId: null });
      const done = events[events.length - 1];
      const saved = await client.messages(sessionId);
      expect(saved.map((m) => [m.role, m.content])).toEqual([
        ['user', 'hello'],
        ['assistant', 'Better now.'],
      ]);
      expect(done).toMatchObject({ type: 'done', messageId: saved[1].id, variantIndex: 0 });
    });

    it('continue streams only the new text, sends the reply as the last assistant turn, and appends on done', async () => {
      const sessionId = await createSession(f.t.url);
      f.fake.enqueue({ chunks: ['Once ', 'upon'] }, { chunks: [' a ', 'time.'] });
      const sent = await client.sendMessageAndWait(sessionId, 'A story?');
      const replyId = sent.assistantMessage.id;

      const events = await collect(client.continue(sessionId));
      expect(events[0]).toMatchObject({ type: 'start', kind: 'continue', userMessage: null, messageId: replyId });
      expect(textOf(events)).toBe(' a time.');
      expect(events[events.length - 1]).toMatchObject({ type: 'done', messageId: replyId, variantIndex: 0 });
      expect(f.fake.chatRequests[1].body?.messages?.at(-1)).toEqual({ role: 'assistant', content: 'Once upon' });
      expect((await client.messages(sessionId))[1]).toMatchObject({ content: 'Once upon a time.', variantCount: 1 });
    });

    it('regenerateAndWait and continueAndWait answer {userMessage: null, assistantMessage}', async () => {
      const sessionId = await createSession(f.t.url);
      f.fake.enqueue({ chunks: ['One.'] }, { chunks: ['Two.'] }, { chunks: [' And on.'] });
      const sent = await client.sendMessageAndWait(sessionId, 'go');

      const regenerated = await client.regenerateAndWait(sessionId);
      expect(regenerated.userMessage).toBeNull();
      expect(regenerated.assistantMessage).toMatchObject({
        id: sent.assistantMessage.id,
        content: 'Two.',
        variantIndex: 1,
        variantCount: 2,
      });
      const continued = await client.continueAndWait(sessionId);
      expect(continued).toMatchObject({
        userMessage: null,
        assistantMessage: { id: sent.assistantMessage.id, content: 'Two. And on.', variantIndex: 1 },
      });
      const variants = await client.variants(sessionId, sent.assistantMessage.id);
      expect(variants.map((v) => v.content)).toEqual(['One.', 'Two. And on.']);
    });

    it('a regenerate whose connection is cut resumes from its last id; a retry with its key replays it', async () => {
      const proxy = await FlakyProxy.start(f.t.url);
      try {
        const reconnects: ReconnectInfo[] = [];
        const flaky = new HearthClient({
          baseUrl: proxy.url,
          reconnect: { initialDelayMs: 20 },
          onReconnect: (i) => reconnects.push(i),
        });
        const sessionId = await createSession(f.t.url);
        const sent = await client.sendMessageAndWait(sessionId, 'Tell me again');
        const hold = f.fake.hold();
        f.fake.enqueue({ chunks: ['Again: ', hold, 'the tide ', 'came in. 🌊'] });

        const events: GenerationEvent[] = [];
        for await (const e of flaky.regenerate(sessionId, { idempotencyKey: 'regen-1' })) {
          events.push(e);
          if (e.type === 'content' && e.offset === 7) {
            proxy.cut();
            hold.release();
          }
        }
        const variants = await client.variants(sessionId, sent.assistantMessage.id);
        expect(variants).toHaveLength(2);
        expect(textOf(events)).toBe(variants[1].content);
        expect(variants[1].content).toBe('Again: the tide came in. 🌊');
        expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
        const done = events[events.length - 1];
        expect(done).toMatchObject({ type: 'done', messageId: sent.assistantMessage.id, variantIndex: 1 });
        expect(reconnects[0].lastEventId).toBe(`${events[0].streamId}:7`);

        const calls = f.fake.chatRequests.length;
        const replayed = await collect(client.regenerate(sessionId, { idempotencyKey: 'regen-1' }));
        expect(replayed.map((e) => e.type)).toEqual(['start', 'content', 'done']);
        expect(replayed[0]).toMatchObject({ streamId: events[0].streamId, kind: 'regenerate' });
        expect(textOf(replayed)).toBe('Again: the tide came in. 🌊');
        expect(replayed[2]).toMatchObject({ messageId: sent.assistantMessage.id, variantIndex: 1 });
        expect(f.fake.chatRequests).toHaveLength(calls);
        expect(await client.variants(sessionId, sent.assistantMessage.id)).toHaveLength(2);
      } finally {
        await proxy.close();
      }
    });

    it('selects a variant, edits and deletes messages (409 while a reply runs); the next prompt uses the choice', async () => {
      const sessionId = await createSession(f.t.url);
      f.fake.enqueue({ chunks: ['A.'] }, { chunks: ['B.'] }, { chunks: ['Next.'] });
      const first = await client.sendMessageAndWait(sessionId, 'one');
      const replyId = first.assistantMessage.id;
      await client.regenerateAndWait(sessionId);

      expect(await client.selectVariant(sessionId, replyId, 0)).toMatchObject({
        id: replyId,
        content: 'A.',
        variantIndex: 0,
        variantCount: 2,
      });
      await expectHearthError(client.selectVariant(sessionId, replyId, 5), 400, /no variant 5/);
      expect(await client.editMessage(sessionId, replyId, 'A, edited.')).toMatchObject({
        content: 'A, edited.',
        variantIndex: 0,
      });
      expect((await client.variants(sessionId, replyId)).map((v) => v.content)).toEqual(['A, edited.', 'B.']);
      await client.sendMessageAndWait(sessionId, 'two');
      expect(f.fake.chatRequests.at(-1)?.body?.messages?.map((m) => m.content)).toEqual(['one', 'A, edited.', 'two']);

      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: ['Wait', hold, 'ed.'] });
      const running = client.sendMessage(sessionId, 'three')[Symbol.asyncIterator]();
      expect((await running.next()).value).toMatchObject({ type: 'start' });
      await hold.reached;
      await expectHearthError(client.editMessage(sessionId, replyId, 'no'), 409, /being generated/);
      await expectHearthError(client.selectVariant(sessionId, replyId, 1), 409, /being generated/);
      await expectHearthError(client.deleteMessage(sessionId, replyId), 409, /being generated/);
      hold.release();
      expect(textOf(await collect({ [Symbol.asyncIterator]: () => running }))).toBe('Waited.');

      const all = await client.messages(sessionId);
      expect(all.map((m) => m.content)).toEqual(['one', 'A, edited.', 'two', 'Next.', 'three', 'Waited.']);
      await client.deleteMessage(sessionId, all[2].id, { after: true });
      expect((await client.messages(sessionId)).map((m) => m.content)).toEqual(['one', 'A, edited.']);
      await client.deleteMessage(sessionId, replyId);
      expect((await client.messages(sessionId)).map((m) => m.content)).toEqual(['one']);
      await expectHearthError(client.variants(sessionId, replyId), 404, new RegExp(`no message ${replyId}`));
    });

    it('with keepPartialOnCancel, a cancelled regenerate keeps its text as a partial variant named by the event', async () => {
      const sessionId = await createSession(f.t.url);
      await client.chatSessions.update(sessionId, { keepPartialOnCancel: true });
      const sent = await client.sendMessageAndWait(sessionId, 'hi');
      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: ['Half a ', hold, 'thought'] });
      const events: GenerationEvent[] = [];
      const reading = (async () => {
        for await (const e of client.regenerate(sessionId)) events.push(e);
      })();
      await hold.reached;
      await waitUntil(async () => events.some((e) => e.type === 'content'), 5000, 'the first text');
      await client.cancel(sessionId);
      await reading;
      hold.release();

      const replyId = sent.assistantMessage.id;
      expect(events[events.length - 1]).toMatchObject({
        type: 'cancelled',
        reason: 'user_cancelled',
        messageId: replyId,
        variantIndex: 1,
      });
      expect((await client.messages(sessionId))[1]).toMatchObject({
        content: 'Half a ',
        partial: true,
        variantIndex: 1,
      });
      expect((await client.variants(sessionId, replyId)).map((v) => v.partial)).toEqual([false, true]);
    });

    it('a notice passes through attach without ending it or moving its resumption point', async () => {
      const proxy = await FlakyProxy.start(f.t.url);
      try {
        const reconnects: ReconnectInfo[] = [];
        const flaky = new HearthClient({
          baseUrl: proxy.url,
          reconnect: { initialDelayMs: 20 },
          onReconnect: (i) => reconnects.push(i),
        });
        const sessionId = await createSession(f.t.url);
        f.fake.enqueue({ chunks: ['One.'] }, { chunks: ['Two.'] });
        const { seen, finished: watching } = watch(flaky, sessionId, 2);
        await waitUntil(async () => (await client.status(sessionId)).connections === 1, 5000, 'the attach');
        const first = await client.sendMessageAndWait(sessionId, 'first');
        await waitUntil(async () => seen.some((e) => e.type === 'done'), 5000, 'the first end');

        await client.editMessage(sessionId, first.userMessage.id, 'first, edited');
        await waitUntil(async () => seen.some((e) => e.type === 'messages_changed'), 5000, 'the notice');
        proxy.cut();
        await waitUntil(async () => (await client.status(sessionId)).connections === 1, 5000, 'the re-attach');
        await client.sendMessageAndWait(sessionId, 'second');
        await watching;

        expect(seen.map((e) => e.type)).toEqual([
          'start',
          'content',
          'done',
          'messages_changed',
          'start',
          'content',
          'done',
        ]);
        expect(seen[3]).toEqual({ type: 'messages_changed', change: 'edited', messageId: first.userMessage.id });
        const firstDone = seen[2] as GenerationEvent;
        expect(reconnects[0].lastEventId).toBe(firstDone.id);
        expect(textOf(seen.slice(4))).toBe('Two.');
      } finally {
        await proxy.close();
      }
    });

    it('attach resumes inside the reasoning: the rest of it, then the content, each character once', async () => {
      // The stand-in OpenRouter sends no reasoning: the hub is driven as the provider's run would.
      const hub = f.t.app.get<symbol, StreamHub>(STREAM_HUB);
      const sessionId = await createSession(f.t.url);
      const streamId = randomUUID();
      expect(await hub.acquire(sessionId, streamId)).toBe(true);
      await hub.publish(sessionId, streamId, {
        type: 'start',
        streamId,
        kind: 'send',
        userMessage: null,
        messageId: null,
      });
      hub.appendReasoning(sessionId, streamId, 'Let me ');
      hub.appendReasoning(sessionId, streamId, 'think.');
      hub.append(sessionId, streamId, 'Hello');

      const reading = collect(client.attach(sessionId, { lastEventId: `${streamId}:4` }), (e) => e.type === 'done');
      await waitUntil(async () => (await client.status(sessionId)).connections === 1, 5000, 'the attach');
      hub.append(sessionId, streamId, ' wörld');
      await hub.publish(sessionId, streamId, { type: 'done', messageId: 1, variantIndex: 0 });
      const events = (await reading).filter(isGenerationEvent);

      expect(events.map((e) => [e.type, 'data' in e ? e.data : null, e.offset])).toEqual([
        ['reasoning', 'me think.', 13],
        ['content', 'Hello', 18],
        ['content', ' wörld', 24],
        ['done', null, 24],
      ]);
    });
  });
});

describe(EventTracker.name, () => {
  const start = (streamId: string): StreamEvent => ({
    type: 'start',
    streamId,
    id: `${streamId}:0`,
    offset: 0,
    kind: 'send',
    messageId: null,
    userMessage: {
      id: 1,
      chatSessionId: 1,
      role: 'user',
      content: 'x',
      createdAt: '',
      variantIndex: 0,
      variantCount: 1,
      partial: false,
      model: null,
      reasoning: null,
      usage: null,
    },
  });
  const content = (streamId: string, offset: number, data: string): StreamEvent => ({
    type: 'content',
    streamId,
    id: `${streamId}:${offset}`,
    offset,
    data,
  });

  it('passes new text, drops repeats and trims overlaps by offset', () => {
    const sut = new EventTracker();
    expect(sut.accept(start('s'))).toBeDefined();
    expect(sut.accept(start('s'))).toBeUndefined();
    expect(sut.accept(content('s', 3, 'abc'))).toMatchObject({ data: 'abc' });
    expect(sut.accept(content('s', 3, 'abc'))).toBeUndefined();
    expect(sut.accept(content('s', 6, 'bcdef'))).toMatchObject({ data: 'def', offset: 6 });
  });

  it('passes one terminal event per generation and nothing of it afterwards', () => {
    const sut = EventTracker.after('s:2');
    expect(sut.accept(content('s', 2, 'ab'))).toBeUndefined();
    expect(sut.accept(content('s', 4, 'abcd'))).toMatchObject({ data: 'cd' });
    const done: StreamEvent = { type: 'done', streamId: 's', id: 's:4', offset: 4, messageId: 9, variantIndex: 0 };
    expect(sut.accept(done)).toBe(done);
    expect(sut.accept(done)).toBeUndefined();
    expect(sut.accept(content('s', 5, 'e'))).toBeUndefined();
    expect(sut.accept(content('t', 1, 'x'))).toMatchObject({ data: 'x' });
  });

  it('counts reasoning and content in one offset: trims overlaps across the two, drops repeats', () => {
    const reasoning = (offset: number, data: string): StreamEvent => ({
      type: 'reasoning',
      streamId: 's',
      id: `s:${offset}`,
      offset,
      data,
    });
    const sut = EventTracker.after('s:4');
    expect(sut.accept(reasoning(7, 'Hmm, ok'))).toMatchObject({ type: 'reasoning', data: ' ok', offset: 7 });
    expect(sut.accept(reasoning(7, 'Hmm, ok'))).toBeUndefined();
    // A catch-up after a reconnect: the whole content so far, of which nothing was seen yet.
    expect(sut.accept(content('s', 10, 'Yes'))).toMatchObject({ type: 'content', data: 'Yes' });
    expect(sut.accept(content('s', 12, 'esNo'))).toMatchObject({ data: 'No', offset: 12 });
  });

  it('passes notices and unknown events on as they are, even repeated, and they end nothing', () => {
    const sut = new EventTracker();
    const notice: StreamEvent = { type: 'messages_changed', change: 'deleted', messageId: 4 };
    const unknown: StreamEvent = { type: 'unknown:typing', raw: { type: 'typing' }, id: undefined };
    expect(sut.accept(start('s'))).toBeDefined();
    expect(sut.accept(notice)).toBe(notice);
    expect(sut.accept(notice)).toBe(notice);
    expect(sut.accept(unknown)).toBe(unknown);
    expect(sut.accept(content('s', 2, 'ab'))).toMatchObject({ data: 'ab' });
  });

  it('reads SSE messages as events: generation events from their id, notices and unknown types apart', () => {
    expect(toStreamEvent({ id: 'abc:5', event: undefined, data: '{"type":"reasoning","data":"think"}' })).toEqual({
      type: 'reasoning',
      data: 'think',
      streamId: 'abc',
      id: 'abc:5',
      offset: 5,
    });
    const notice = '{"type":"messages_changed","change":"variant","messageId":8}';
    expect(toStreamEvent({ id: undefined, event: undefined, data: notice })).toEqual({
      type: 'messages_changed',
      change: 'variant',
      messageId: 8,
    });
    const newer = toStreamEvent({ id: undefined, event: undefined, data: '{"type":"typing","who":"Ada"}' });
    expect(newer).toEqual({ type: 'unknown:typing', raw: { type: 'typing', who: 'Ada' }, id: undefined });
    expect(isGenerationEvent(newer)).toBe(false);
  });

  it('reads event ids, and refuses what is not one', () => {
    expect(parseEventId('3f1c-aa:12')).toEqual({ streamId: '3f1c-aa', offset: 12 });
    expect(parseEventId('nocolon')).toBeUndefined();
    expect(parseEventId('s:-1')).toBeUndefined();
    expect(parseEventId('s:1.5')).toBeUndefined();
  });
});
