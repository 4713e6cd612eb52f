import { api, TEST_DB } from './support/test-app';
import { DEFAULT_REPLY } from './support/fake-openrouter';
import {
  createSession,
  GenerationFixture,
  messageRows,
  send,
  startGenerationApp,
  TEST_API_KEY,
} from './support/generation-fixture';
import type { SseClient } from './support/sse-client';

/**
 * A repeated send-message (a client retrying after a cut) starts nothing new: with the same
 * Idempotency-Key, or a Last-Event-ID of the running generation, it gets the first one's reply.
 */
const sendPath = (sessionId: number) => `/api/chat-sessions/${sessionId}/send-message`;
const streamIdOf = (c: SseClient) => String(c.events[0].data.streamId);

describe(`Idempotency-Key and Last-Event-ID on send-message (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  it('attaches a repeat made while the reply runs: same streamId, no second user message or upstream call', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Hel', hold, 'lo'] });
    const first = await send(f.t.url, sessionId, 'hi', { 'idempotency-key': 'k-running' });
    await hold.reached;
    await first.waitFor(() => first.text === 'Hel');
    first.close(); // the cut

    const repeat = await send(f.t.url, sessionId, 'hi', { 'idempotency-key': 'k-running' });
    expect(repeat.status).toBe(200);
    const start = await repeat.waitFor((e) => e.type === 'start');
    expect(start.data.streamId).toBe(streamIdOf(first));
    expect(start.data.userMessage).toEqual(first.events[0].data.userMessage);
    await repeat.waitFor(() => repeat.text === 'Hel');
    hold.release();
    const done = await repeat.waitForEnd();
    await repeat.closed; // generation mode: the response ends after the terminal event
    expect(done.type).toBe('done');
    expect(repeat.text).toBe('Hello');
    expect(f.fake.chatRequests).toHaveLength(1);
    expect((await messageRows(f.t, sessionId)).map((r) => [r.role, r.content])).toEqual([
      ['user', 'hi'],
      ['assistant', 'Hello'],
    ]);
  });

  it('with a Last-Event-ID of that generation, the repeat gets only what follows the offset', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['abc', hold, 'def'] });
    const first = await send(f.t.url, sessionId, 'go', { 'idempotency-key': 'k-resume' });
    await hold.reached;
    const seen = await first.waitFor((e) => e.type === 'content');
    first.close();
    const repeat = await send(f.t.url, sessionId, 'go', {
      'idempotency-key': 'k-resume',
      'last-event-id': String(seen.id),
    });
    hold.release();
    await repeat.waitForEnd();
    expect(repeat.events.map((e) => e.type)).toEqual(['content', 'done']);
    expect(repeat.text).toBe('def');
    expect(repeat.events[0].id).toBe(`${streamIdOf(first)}:6`);
    expect(f.fake.chatRequests).toHaveLength(1);
  });

  it('answers a repeat after done with start, the saved text as one content, and done (SSE) or the messages (JSON)', async () => {
    const sessionId = await createSession(f.t.url);
    const first = await send(f.t.url, sessionId, 'hello', { 'idempotency-key': 'k-done' });
    const firstDone = await first.waitForEnd();
    await first.closed;

    const repeat = await send(f.t.url, sessionId, 'hello', { 'idempotency-key': 'k-done' });
    await repeat.closed;
    expect(repeat.events.map((e) => e.type)).toEqual(['start', 'content', 'done']);
    expect(repeat.events[0].data).toEqual(first.events[0].data);
    expect(repeat.events[1].data.data).toBe(DEFAULT_REPLY);
    expect(repeat.events[2].data.messageId).toBe(firstDone.data.messageId);
    expect(repeat.events[2].id).toBe(`${streamIdOf(first)}:${DEFAULT_REPLY.length}`);

    const json = await api<{ userMessage: { id: number }; assistantMessage: { id: number; content: string } }>(
      f.t.url,
      'POST',
      sendPath(sessionId),
      { content: 'hello', stream: false },
      { 'idempotency-key': 'k-done' },
    );
    expect(json.status).toBe(200);
    expect(json.body.userMessage).toEqual(first.events[0].data.userMessage);
    expect(json.body.assistantMessage).toMatchObject({ id: firstDone.data.messageId, content: DEFAULT_REPLY });
    expect(f.fake.chatRequests).toHaveLength(1);
    expect(await messageRows(f.t, sessionId)).toHaveLength(2);
  });

  it('answers a repeat after an error with the same terminal event / HTTP error', async () => {
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ status: 402 });
    const first = await api<{ statusCode: number }>(
      f.t.url,
      'POST',
      sendPath(sessionId),
      { content: 'pay', stream: false },
      { 'idempotency-key': 'k-error' },
    );
    expect(first.status).toBe(402);
    const again = await api<{ statusCode: number; message: string }>(
      f.t.url,
      'POST',
      sendPath(sessionId),
      { content: 'pay', stream: false },
      { 'idempotency-key': 'k-error' },
    );
    expect(again.status).toBe(402);
    expect(again.body.statusCode).toBe(402);
    expect(again.body.message).toMatch(/Idempotency-Key/);
    const sse = await send(f.t.url, sessionId, 'pay', { 'idempotency-key': 'k-error' });
    await sse.closed;
    expect(sse.events.map((e) => e.type)).toEqual(['start', 'error']);
    expect(sse.events[1].data.code).toBe('insufficient_credits');
    expect(f.fake.chatRequests).toHaveLength(1);
    expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user']);
  });

  it('answers a repeat after a cancel with the cancelled event / 409', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['partial', hold] });
    const first = await send(f.t.url, sessionId, 'stop me', { 'idempotency-key': 'k-cancel' });
    await hold.reached;
    expect((await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`)).status).toBe(200);
    expect((await first.waitForEnd()).type).toBe('cancelled');
    const sse = await send(f.t.url, sessionId, 'stop me', { 'idempotency-key': 'k-cancel' });
    await sse.closed;
    expect(sse.events.map((e) => e.type)).toEqual(['start', 'cancelled']);
    expect(sse.events[1].data.reason).toBe('user_cancelled');
    const json = await api(
      f.t.url,
      'POST',
      sendPath(sessionId),
      { content: 'stop me', stream: false },
      { 'idempotency-key': 'k-cancel' },
    );
    expect(json.status).toBe(409);
    expect(f.fake.chatRequests).toHaveLength(1);
  });

  it('treats a repeat as new when the first request was refused before anything was saved', async () => {
    const sessionId = await createSession(f.t.url);
    expect((await api(f.t.url, 'DELETE', '/api/settings/openrouter-api-key')).status).toBe(200);
    try {
      const refused = await send(f.t.url, sessionId, 'hi', { 'idempotency-key': 'k-refused' });
      expect(refused.status).toBe(400);
      expect(await messageRows(f.t, sessionId)).toEqual([]);
    } finally {
      await api(f.t.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: TEST_API_KEY });
    }
    const repeat = await send(f.t.url, sessionId, 'hi', { 'idempotency-key': 'k-refused' });
    expect((await repeat.waitForEnd()).type).toBe('done');
    expect(f.fake.chatRequests).toHaveLength(1);
  });

  it('scopes a key to its session: the same key in another session is another request', async () => {
    const a = await createSession(f.t.url);
    const b = await createSession(f.t.url);
    for (const sessionId of [a, b]) {
      const c = await send(f.t.url, sessionId, 'same', { 'idempotency-key': 'k-shared' });
      expect((await c.waitForEnd()).type).toBe('done');
    }
    expect(f.fake.chatRequests).toHaveLength(2);
    expect(await messageRows(f.t, b)).toHaveLength(2);
  });

  it('refuses an empty or over-long key with 400 and saves nothing', async () => {
    const sessionId = await createSession(f.t.url);
    for (const key of ['', 'x'.repeat(256)]) {
      const res = await api<{ message: string }>(
        f.t.url,
        'POST',
        sendPath(sessionId),
        { content: 'hi' },
        { 'idempotency-key': key },
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/Idempotency-Key/);
    }
    const ok = await send(f.t.url, sessionId, 'hi', { 'idempotency-key': 'y'.repeat(255) });
    expect((await ok.waitForEnd()).type).toBe('done');
    expect(f.fake.chatRequests).toHaveLength(1);
  });

  it('attaches a POST carrying the Last-Event-ID of the running generation, even without a key', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['one', hold, 'two'] });
    const first = await send(f.t.url, sessionId, 'go');
    await hold.reached;
    const seen = await first.waitFor((e) => e.type === 'content');
    first.close();
    const retry = await send(f.t.url, sessionId, 'go', { 'last-event-id': String(seen.id) });
    expect(retry.status).toBe(200);
    hold.release();
    await retry.waitForEnd();
    expect(retry.events.map((e) => [e.type, e.id])).toEqual([
      ['content', `${streamIdOf(first)}:6`],
      ['done', `${streamIdOf(first)}:6`],
    ]);
    expect(f.fake.chatRequests).toHaveLength(1);
    expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user', 'assistant']);
  });

  it('lets many concurrent repeats of one key start exactly one generation', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['x', hold, 'y'] });
    const clients = await Promise.all(
      Array.from({ length: 6 }, () => send(f.t.url, sessionId, 'race', { 'idempotency-key': 'k-race' })),
    );
    await hold.reached;
    hold.release();
    for (const c of clients) {
      expect(c.status).toBe(200);
      expect((await c.waitForEnd()).type).toBe('done');
      expect(c.text).toBe('xy');
    }
    expect(new Set(clients.map(streamIdOf)).size).toBe(1);
    expect(f.fake.chatRequests).toHaveLength(1);
    expect(await messageRows(f.t, sessionId)).toHaveLength(2);
  });
});
