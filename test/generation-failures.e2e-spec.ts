import { DataSource } from 'typeorm';
import { api, TEST_DB } from './support/test-app';
import {
  attach,
  createSession,
  GenerationFixture,
  messageRows,
  send,
  startGenerationApp,
  streamStatus,
  waitUntil,
} from './support/generation-fixture';
import type { FakeScenario } from './support/fake-openrouter';

describe(`generation failures (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp({ UPSTREAM_IDLE_TIMEOUT_MS: '400' });
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  it.each<[string, FakeScenario, string, string]>([
    ['a 401', { status: 401 }, 'upstream_auth', ''],
    ['a 403', { status: 403 }, 'upstream_auth', ''],
    ['a 402', { status: 402 }, 'insufficient_credits', ''],
    ['a 429', { status: 429, retryAfter: 1 }, 'rate_limited', ''],
    ['a 500', { status: 500 }, 'upstream_error', ''],
    ['an error chunk mid-stream', { chunks: ['half'], end: 'error' }, 'upstream_error', 'half'],
    ['a dropped socket', { chunks: ['cut'], end: 'drop' }, 'upstream_error', 'cut'],
    ['a stall', { chunks: ['wait'], end: 'stall' }, 'timeout', 'wait'],
    ['silence before headers', { stall: 'before-headers' }, 'timeout', ''],
  ])('turns %s into one error event, keeps the user message, saves no reply', async (_name, scenario, code, text) => {
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue(scenario);
    const sender = await send(f.t.url, sessionId, 'hello');
    const end = await sender.waitForEnd();
    await sender.closed;
    expect(end.data).toMatchObject({ type: 'error', code });
    expect(typeof end.data.error).toBe('string');
    expect(sender.terminalEvents).toHaveLength(1);
    expect(sender.text).toBe(text);
    expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user']);
    expect((await streamStatus(f.t.url, sessionId)).isStreaming).toBe(false);
    // The session is free at once.
    const next = await send(f.t.url, sessionId, 'again');
    expect((await next.waitForEnd()).type).toBe('done');
  });

  it('reports a database failure at save as an error, saves nothing, and frees the session', async () => {
    const sessionId = await createSession(f.t.url);
    const ds = f.t.app.get(DataSource);
    await ds.query(`CREATE FUNCTION hearth_test_refuse() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'disk full (test)'; END $$ LANGUAGE plpgsql`);
    await ds.query(`CREATE TRIGGER hearth_test_refuse BEFORE INSERT ON messages FOR EACH ROW
      WHEN (NEW.role = 'assistant') EXECUTE FUNCTION hearth_test_refuse()`);
    try {
      const sender = await send(f.t.url, sessionId, 'hello');
      const end = await sender.waitForEnd();
      expect(end.data).toMatchObject({ type: 'error', code: 'internal' });
      expect(String(end.data.error)).not.toMatch(/disk full/);
      expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user']);
      expect((await streamStatus(f.t.url, sessionId)).isStreaming).toBe(false);
    } finally {
      await ds.query('DROP TRIGGER hearth_test_refuse ON messages');
      await ds.query('DROP FUNCTION hearth_test_refuse()');
    }
    const next = await send(f.t.url, sessionId, 'again');
    expect((await next.waitForEnd()).type).toBe('done');
  });

  it('answers stream:false failures with the matching HTTP status', async () => {
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ status: 402 });
    const res = await api<{ statusCode: number; message: string }>(
      f.t.url,
      'POST',
      `/api/chat-sessions/${sessionId}/send-message`,
      { content: 'x', stream: false },
    );
    expect(res.status).toBe(402);
    expect(res.body.statusCode).toBe(402);
    expect(res.body.message.length).toBeGreaterThan(5);
  });

  it('deleting a session cancels its generation and lets its tabs go', async () => {
    const sessionId = await createSession(f.t.url);
    const tab = await attach(f.t.url, sessionId);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['doomed', hold, '!'] });
    const sender = await send(f.t.url, sessionId, 'x');
    await hold.reached;
    const del = await api(f.t.url, 'DELETE', `/api/chat-sessions/${sessionId}`);
    expect(del.status).toBe(204);
    expect((await sender.waitForEnd()).data).toMatchObject({ type: 'cancelled' });
    await f.fake.waitForClientHangup(0);
    await tab.closed;
    expect(await messageRows(f.t, sessionId)).toEqual([]);
  });

  it('records every outcome for /api/analytics/generations', async () => {
    const res = await api<{
      total: number;
      byOutcome: { done: number; error: number; cancelled: number };
      cancelReasons: Record<string, number>;
      errorCodes: Record<string, number>;
      cancellationRate: number;
      p50TimeToFirstTokenMs: number | null;
    }>(f.t.url, 'GET', '/api/analytics/generations');
    expect(res.status).toBe(200);
    const { byOutcome } = res.body;
    expect(res.body.total).toBe(byOutcome.done + byOutcome.error + byOutcome.cancelled);
    expect(byOutcome.error).toBeGreaterThanOrEqual(10);
    expect(res.body.errorCodes).toMatchObject({
      upstream_auth: 2,
      insufficient_credits: 2,
      rate_limited: 1,
      internal: 1,
    });
    expect(res.body.cancelReasons.user_cancelled).toBeGreaterThanOrEqual(1);
    expect(res.body.cancellationRate).toBeCloseTo(byOutcome.cancelled / res.body.total, 3);
    expect(res.body.p50TimeToFirstTokenMs).not.toBeNull();
    const bad = await api(f.t.url, 'GET', '/api/analytics/generations?from=yesterday');
    expect(bad.status).toBe(400);
    const none = await api<{ total: number }>(f.t.url, 'GET', '/api/analytics/generations?chatSessionId=999999');
    expect(none.body.total).toBe(0);
  });
});

describe(`auto-cancel and limits (${TEST_DB})`, () => {
  it('cancels with timeout after STREAM_TIMEOUT_MS', async () => {
    const f = await startGenerationApp({ STREAM_TIMEOUT_MS: '300' });
    try {
      const sessionId = await createSession(f.t.url);
      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: ['slow', hold] });
      const sender = await send(f.t.url, sessionId, 'x');
      const end = await sender.waitForEnd(5000);
      expect(end.data).toMatchObject({ type: 'cancelled', reason: 'timeout' });
      await f.fake.waitForClientHangup(0);
      expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user']);
      hold.release();
    } finally {
      await f.close();
    }
  }, 60_000);

  it('keeps generating for a reload, then cancels with no_clients once nobody is attached', async () => {
    const f = await startGenerationApp({ NO_CLIENT_TIMEOUT_MS: '400' });
    try {
      const sessionId = await createSession(f.t.url);
      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: ['still ', 'here', hold, '!'] });
      const sender = await send(f.t.url, sessionId, 'x');
      await hold.reached;
      sender.close(); // the tab is reloaded
      await new Promise((r) => setTimeout(r, 150));
      const reloaded = await attach(f.t.url, sessionId);
      const catchUp = await reloaded.waitFor(() => true);
      expect(catchUp.data.data).toBe('still here');
      await new Promise((r) => setTimeout(r, 600)); // longer than the timeout, but attached
      expect((await streamStatus(f.t.url, sessionId)).isStreaming).toBe(true);
      reloaded.close(); // now everyone is gone
      await waitUntil(async () => !(await streamStatus(f.t.url, sessionId)).isStreaming, 5000, 'no_clients cancel');
      await f.fake.waitForClientHangup(0);
      const stats = await api<{ cancelReasons: Record<string, number> }>(f.t.url, 'GET', '/api/analytics/generations');
      expect(stats.body.cancelReasons.no_clients).toBe(1);
      expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user']);
      hold.release();
    } finally {
      await f.close();
    }
  }, 60_000);

  it('cancels during a retry wait at once', async () => {
    const f = await startGenerationApp({ UPSTREAM_MAX_RETRIES: '3' });
    try {
      const sessionId = await createSession(f.t.url);
      f.fake.enqueue({ status: 503, retryAfter: 30 });
      const sender = await send(f.t.url, sessionId, 'x');
      await f.fake.waitForRequest(0);
      await new Promise((r) => setTimeout(r, 100));
      const began = Date.now();
      const res = await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
      expect(res.status).toBe(200);
      const end = await sender.waitForEnd(3000);
      expect(end.data).toMatchObject({ type: 'cancelled', reason: 'user_cancelled' });
      expect(Date.now() - began).toBeLessThan(3000);
      expect(f.fake.chatRequests).toHaveLength(1);
    } finally {
      await f.close();
    }
  }, 60_000);

  it('refuses connections over MAX_CONNECTIONS_PER_SESSION with 429 and sends heartbeats', async () => {
    const f = await startGenerationApp({ MAX_CONNECTIONS_PER_SESSION: '2', HEARTBEAT_MS: '100' });
    try {
      const sessionId = await createSession(f.t.url);
      const tabs = [await attach(f.t.url, sessionId), await attach(f.t.url, sessionId)];
      const third = await attach(f.t.url, sessionId);
      expect(third.status).toBe(429);
      expect(third.errorBody).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      await waitUntil(async () => tabs[0].comments.includes('ping'), 3000, 'a heartbeat');
      tabs[0].close();
      await waitUntil(async () => (await streamStatus(f.t.url, sessionId)).connections === 1, 3000, 'unregister');
      const fourth = await attach(f.t.url, sessionId);
      expect(fourth.status).toBe(200);
      const missing = await attach(f.t.url, 999999);
      expect(missing.status).toBe(404);
      tabs[1].close();
      fourth.close();
    } finally {
      await f.close();
    }
  }, 60_000);

  it('ends live generations with server_shutdown on every connection when the app stops', async () => {
    const f = await startGenerationApp();
    let closed = false;
    try {
      const sessionId = await createSession(f.t.url);
      const tab = await attach(f.t.url, sessionId);
      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: ['bye', hold] });
      const sender = await send(f.t.url, sessionId, 'x');
      await hold.reached;
      await f.close();
      closed = true;
      for (const c of [sender, tab]) {
        expect((await c.waitForEnd(1000)).data).toMatchObject({ type: 'cancelled', reason: 'server_shutdown' });
        await c.closed;
      }
    } finally {
      if (!closed) await f.close();
    }
  }, 60_000);
});
