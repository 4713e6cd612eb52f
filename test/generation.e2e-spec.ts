import { api, TEST_DB } from './support/test-app';
import { DEFAULT_REPLY } from './support/fake-openrouter';
import {
  attach,
  createSession,
  GenerationFixture,
  messageRows,
  send,
  startGenerationApp,
  streamStatus,
  TEST_API_KEY,
  waitUntil,
} from './support/generation-fixture';

const ID = /^[0-9a-f-]{36}:\d+$/;

describe(`send-message streaming (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  it('streams start, content and done; saves both messages; done content equals the text', async () => {
    const sessionId = await createSession(f.t.url);
    const client = await send(f.t.url, sessionId, 'Hi there');
    expect(client.status).toBe(200);
    expect(client.headers?.get('content-type')).toMatch(/^text\/event-stream/);
    const done = await client.waitForEnd();
    await client.closed;

    expect(done.type).toBe('done');
    const types = client.events.map((e) => e.type);
    expect(types[0]).toBe('start');
    expect(types.slice(1, -1).every((t) => t === 'content')).toBe(true);
    expect(client.terminalEvents).toHaveLength(1);
    expect(client.text).toBe(DEFAULT_REPLY);

    const start = client.events[0].data as unknown as {
      streamId: string;
      userMessage: { id: number; role: string; content: string };
    };
    expect(start.userMessage).toMatchObject({ role: 'user', content: 'Hi there', chatSessionId: sessionId });
    // ids: <streamId>:<offset>, offset = length of text sent so far.
    let offset = 0;
    for (const e of client.events) {
      expect(e.id).toMatch(ID);
      if (e.type === 'content') offset += (e.data.data as string).length;
      expect(e.id).toBe(`${start.streamId}:${offset}`);
    }

    const rows = await messageRows(f.t, sessionId);
    expect(rows.map((r) => [r.role, r.content])).toEqual([
      ['user', 'Hi there'],
      ['assistant', DEFAULT_REPLY],
    ]);
    expect(done.data.messageId).toBe(rows[1].id);
    const listed = await api<Array<{ role: string }>>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}/messages`);
    expect(listed.body.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('sends the prompt the contract describes, with the model label and the stored key', async () => {
    const sessionId = await createSession(f.t.url, {
      preSystemPrompt: 'PRE',
      systemPrompt: 'SYSTEM',
      character: 'CHARACTER',
      userProfile: 'PROFILE',
      postSystemPrompt: 'POST',
      model: 'anthropic/claude-3.5-sonnet',
    });
    const first = await send(f.t.url, sessionId, 'first');
    await first.waitForEnd();
    const second = await send(f.t.url, sessionId, 'second');
    await second.waitForEnd();

    const req = await f.fake.waitForRequest(1);
    expect(req.apiKey).toBe(TEST_API_KEY);
    expect(req.body?.model).toBe('anthropic/claude-3.5-sonnet');
    expect(req.body?.messages).toEqual([
      { role: 'system', content: 'PRE\n---\nSYSTEM\n---\nCHARACTER\n---\nPROFILE' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: DEFAULT_REPLY },
      { role: 'system', content: 'POST' },
      { role: 'user', content: 'second' },
    ]);
  });

  it('answers stream:false with both messages as JSON', async () => {
    const sessionId = await createSession(f.t.url);
    const res = await api<{
      userMessage: { content: string };
      assistantMessage: { id: number; role: string; content: string };
    }>(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/send-message`, { content: 'no stream please', stream: false });
    expect(res.status).toBe(200);
    expect(res.body.userMessage).toMatchObject({ role: 'user', content: 'no stream please' });
    expect(res.body.assistantMessage).toMatchObject({ role: 'assistant', content: DEFAULT_REPLY });
    expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user', 'assistant']);
  });

  it('refuses bad requests before saving anything', async () => {
    const sessionId = await createSession(f.t.url);
    const path = `/api/chat-sessions/${sessionId}/send-message`;
    for (const [body, status] of [
      [{ content: '' }, 400],
      [{ content: '   ' }, 400],
      [{}, 400],
      [{ content: 5 }, 400],
      [{ content: 'x', stream: 'yes' }, 400],
      [{ content: 'x', extra: 1 }, 400],
    ] as const) {
      const res = await api<{ statusCode: number; message: string }>(f.t.url, 'POST', path, body);
      expect([res.status, res.body.statusCode]).toEqual([status, status]);
      expect(res.body.message.length).toBeGreaterThan(5);
    }
    const missing = await api<{ message: string }>(f.t.url, 'POST', '/api/chat-sessions/999999/send-message', {
      content: 'x',
    });
    expect(missing.status).toBe(404);
    const badId = await api(f.t.url, 'POST', '/api/chat-sessions/abc/send-message', { content: 'x' });
    expect(badId.status).toBe(400);
    expect(await messageRows(f.t, sessionId)).toEqual([]);
    expect(f.fake.chatRequests).toHaveLength(0);
  });

  it('refuses with 409 while a generation runs, saving nothing for the refused message', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Hel', hold, 'lo'] });
    const first = await send(f.t.url, sessionId, 'one');
    await hold.reached;
    const second = await api<{ message: string }>(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/send-message`, {
      content: 'two',
    });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/already/);
    hold.release();
    await first.waitForEnd();
    expect((await messageRows(f.t, sessionId)).map((r) => r.content)).toEqual(['one', 'Hello']);
  });

  it('gives three tabs identical events, and the sender too', async () => {
    const sessionId = await createSession(f.t.url);
    const tabs = await Promise.all([1, 2, 3].map(() => attach(f.t.url, sessionId)));
    await waitUntil(async () => (await streamStatus(f.t.url, sessionId)).connections === 3);
    f.fake.enqueue({ chunks: ['a', 'bé', '🌍', 'c'], delayMs: 5, writeBytes: 3 });
    const sender = await send(f.t.url, sessionId, 'go');
    await sender.waitForEnd();
    await Promise.all(tabs.map((tab) => tab.waitForEnd()));
    const seen = (c: typeof sender) => c.events.map((e) => [e.id, e.data]);
    for (const tab of tabs) expect(seen(tab)).toEqual(seen(sender));
    expect(sender.text).toBe('abé🌍c');
    // Tabs stay attached for the next generation.
    const again = await send(f.t.url, sessionId, 'again');
    await again.waitForEnd();
    for (const tab of tabs) {
      await tab.waitFor((e) => e.type === 'done' && e.data.streamId === again.events[0].data.streamId);
      expect(tab.isClosed).toBe(false);
      tab.close();
    }
  });

  it('gives a late tab the text so far as one content event, then the rest', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Once ', 'upon ', hold, 'a ', 'time'] });
    const sender = await send(f.t.url, sessionId, 'story');
    await hold.reached;
    await sender.waitFor((e) => e.type === 'content' && sender.text === 'Once upon ');
    const late = await attach(f.t.url, sessionId);
    const first = await late.waitFor(() => true);
    expect(first.type).toBe('content');
    expect(first.data.data).toBe('Once upon ');
    expect(first.id).toBe(`${sender.streamId}:10`);
    hold.release();
    await late.waitForEnd();
    expect(late.text).toBe('Once upon a time');
    expect(late.terminalEvents.map((e) => e.type)).toEqual(['done']);
    late.close();
  });

  it('resumes exactly after Last-Event-ID: no gap, no duplicate', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['abc', 'def', hold, 'ghi'] });
    const sender = await send(f.t.url, sessionId, 'letters');
    await hold.reached;
    await sender.waitFor(() => sender.text === 'abcdef');
    const firstContent = sender.events.find((e) => e.type === 'content')!;
    expect(firstContent.id).toMatch(/:3$/);
    const resumed = await attach(f.t.url, sessionId, { 'last-event-id': firstContent.id! });
    const catchUp = await resumed.waitFor(() => true);
    expect(catchUp.data.data).toBe('def');
    hold.release();
    await resumed.waitForEnd();
    expect('abc' + resumed.text).toBe('abcdefghi');
    resumed.close();
  });

  it('lets a tab that missed the end catch up with Last-Event-ID after it', async () => {
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ chunks: ['xy', 'z'] });
    const sender = await send(f.t.url, sessionId, 'short');
    await sender.waitForEnd();
    const firstContent = sender.events.find((e) => e.type === 'content')!;
    const resumed = await attach(f.t.url, sessionId, { 'last-event-id': firstContent.id! });
    const end = await resumed.waitForEnd();
    expect(resumed.text).toBe('z');
    expect(end.type).toBe('done');
    resumed.close();
  });

  it('reports stream status while generating and after', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['12345', hold, '6'] });
    const sender = await send(f.t.url, sessionId, 'count');
    await hold.reached;
    await sender.waitFor(() => sender.text === '12345');
    const during = await streamStatus(f.t.url, sessionId);
    expect(during).toEqual({
      isStreaming: true,
      streamId: sender.events[0].data.streamId,
      partialLength: 5,
      connections: 1,
    });
    hold.release();
    await sender.waitForEnd();
    await sender.closed;
    await waitUntil(async () => (await streamStatus(f.t.url, sessionId)).connections === 0);
    expect(await streamStatus(f.t.url, sessionId)).toEqual({
      isStreaming: false,
      streamId: null,
      partialLength: 0,
      connections: 0,
    });
    expect((await api(f.t.url, 'GET', '/api/chat-sessions/999999/stream-status')).status).toBe(404);
  });
});
