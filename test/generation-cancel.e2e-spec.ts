import { api, TEST_DB } from './support/test-app';
import {
  attach,
  createSession,
  GenerationFixture,
  messageRows,
  send,
  startGenerationApp,
  streamStatus,
} from './support/generation-fixture';

describe(`cancel-message (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  it('aborts the provider call, tells every connection, saves no reply, and frees the session', async () => {
    const sessionId = await createSession(f.t.url);
    const tab = await attach(f.t.url, sessionId);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['partial ', 'text', hold, 'never sent'] });
    const sender = await send(f.t.url, sessionId, 'please stop');
    await hold.reached;
    await sender.waitFor(() => sender.text === 'partial text');

    const res = await api<{ cancelled: boolean; streamId: string; partialLength: number }>(
      f.t.url,
      'POST',
      `/api/chat-sessions/${sessionId}/cancel-message`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cancelled: true, streamId: sender.events[0].data.streamId, partialLength: 12 });

    await f.fake.waitForClientHangup(0);
    for (const c of [sender, tab]) {
      const end = await c.waitForEnd();
      expect(end.data).toMatchObject({ type: 'cancelled', reason: 'user_cancelled' });
      expect(c.terminalEvents).toHaveLength(1);
    }
    await sender.closed;
    expect(tab.isClosed).toBe(false);
    expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user']);

    // A new message can be sent at once.
    const next = await send(f.t.url, sessionId, 'again');
    expect((await next.waitForEnd()).type).toBe('done');
    tab.close();
  });

  it('answers 409 when nothing runs and 404 for an unknown session', async () => {
    const sessionId = await createSession(f.t.url);
    const idle = await api<{ message: string }>(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
    expect(idle.status).toBe(409);
    expect(idle.body.message).toMatch(/nothing to cancel/);
    const missing = await api(f.t.url, 'POST', '/api/chat-sessions/999999/cancel-message');
    expect(missing.status).toBe(404);
  });

  it('lets exactly one of two concurrent cancels win', async () => {
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['a', hold, 'b'] });
    const sender = await send(f.t.url, sessionId, 'x');
    await hold.reached;
    const results = await Promise.all(
      [1, 2].map(() => api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    await sender.waitForEnd();
    expect(sender.terminalEvents).toHaveLength(1);
    hold.release();
  });

  it('resolves hundreds of cancel/complete races to one outcome the database agrees with', async () => {
    const sessionId = await createSession(f.t.url);
    const rounds = 200;
    const outcomes: string[] = [];
    for (let i = 0; i < rounds; i++) {
      f.fake.enqueue({ chunks: ['r', 'a', 'c', 'e'], delayMs: Math.floor(Math.random() * 3) });
      const sender = await send(f.t.url, sessionId, `round ${i}`);
      await new Promise((r) => setTimeout(r, Math.random() * 12));
      const cancel = await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
      const end = await sender.waitForEnd();
      await sender.closed;
      expect(sender.terminalEvents).toHaveLength(1);
      if (cancel.status === 200) expect(end.type).toBe('cancelled');
      else {
        expect(cancel.status).toBe(409);
        expect(end.type).toBe('done');
      }
      outcomes.push(end.type);
    }
    expect(await streamStatus(f.t.url, sessionId)).toMatchObject({ isStreaming: false });
    const rows = await messageRows(f.t, sessionId);
    const assistants = rows.filter((r) => r.role === 'assistant');
    expect(rows.filter((r) => r.role === 'user')).toHaveLength(rounds);
    expect(assistants).toHaveLength(outcomes.filter((o) => o === 'done').length);
    expect(assistants.every((a) => a.content === 'race')).toBe(true);
    // Both outcomes happened, or the race was not exercised.
    expect(new Set(outcomes)).toEqual(new Set(['done', 'cancelled']));
  }, 120_000);
});
