import { api } from './support/test-app';
import { attach, createSession, messageRows, send, streamStatus, waitUntil } from './support/generation-fixture';
import type { SseClient } from './support/sse-client';
import { Cluster, startCluster } from './support/instances';

/**
 * Two instances of one deployment (same PostgreSQL, same Redis prefix): every request of a
 * generation may reach either. Always on real PostgreSQL (two processes share no PGlite).
 */
const seen = (c: SseClient) => c.events.map((e) => [e.id, e.data]);

describe('several instances over Redis (postgres)', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ env: { NO_CLIENT_TIMEOUT_MS: '600' } });
  }, 120_000);
  // Unset if beforeAll failed: close what did start, so that failure stays the one reported.
  afterAll(() => (c as Cluster | undefined)?.close());
  beforeEach(() => c.fake.reset());

  it('gives tabs on both instances exactly the events the sender on A gets', async () => {
    const sessionId = await createSession(c.a.url);
    const tabs = [await attach(c.a.url, sessionId), await attach(c.b.url, sessionId), await attach(c.b.url, sessionId)];
    await waitUntil(async () => (await streamStatus(c.a.url, sessionId)).connections === 3, 5000, 'three tabs');
    c.fake.enqueue({ chunks: ['a', 'bé', '🌍', 'c', ' and more'], delayMs: 3, writeBytes: 3 });
    const sender = await send(c.a.url, sessionId, 'go');
    expect((await sender.waitForEnd()).type).toBe('done');
    for (const tab of tabs) {
      await tab.waitForEnd();
      expect(seen(tab)).toEqual(seen(sender));
    }
    expect(sender.text).toBe('abé🌍c and more');
    // Still attached for the next generation, now started on B.
    const again = await send(c.b.url, sessionId, 'again');
    const done = await again.waitForEnd();
    for (const tab of tabs) {
      await tab.waitFor((e) => e.type === 'done' && e.data.streamId === done.data.streamId);
      expect(tab.isClosed).toBe(false);
      tab.close();
    }
    expect((await messageRows(c.db, sessionId)).map((r) => r.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it("refuses a second message on B with 409 while A generates, and B reports A's generation", async () => {
    const sessionId = await createSession(c.a.url);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['12345', hold, '6'] });
    const sender = await send(c.a.url, sessionId, 'one');
    await hold.reached;
    await sender.waitFor(() => sender.text === '12345');
    const refused = await api<{ message: string }>(c.b.url, 'POST', `/api/chat-sessions/${sessionId}/send-message`, {
      content: 'two',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/already/);
    const streamId = sender.events[0].data.streamId;
    for (const url of [c.a.url, c.b.url]) {
      expect(await streamStatus(url, sessionId)).toEqual({
        isStreaming: true,
        streamId,
        partialLength: 5,
        connections: 1,
      });
    }
    hold.release();
    await sender.waitForEnd();
    await sender.closed;
    const next = await send(c.b.url, sessionId, 'three');
    expect((await next.waitForEnd()).type).toBe('done');
    expect((await messageRows(c.db, sessionId)).map((r) => r.content)).toEqual([
      'one',
      '123456',
      'three',
      expect.any(String),
    ]);
  });

  it('cancels from B: A aborts its provider request and every connection on both ends with cancelled', async () => {
    const sessionId = await createSession(c.a.url);
    const tabA = await attach(c.a.url, sessionId);
    const tabB = await attach(c.b.url, sessionId);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['partial ', 'text', hold, 'never sent'] });
    const sender = await send(c.a.url, sessionId, 'please stop');
    await hold.reached;
    await tabB.waitFor(() => tabB.text === 'partial text');

    const res = await api(c.b.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cancelled: true, streamId: sender.events[0].data.streamId, partialLength: 12 });
    await c.fake.waitForClientHangup(0);
    for (const client of [sender, tabA, tabB]) {
      expect((await client.waitForEnd()).data).toMatchObject({ type: 'cancelled', reason: 'user_cancelled' });
      expect(client.terminalEvents).toHaveLength(1);
    }
    await sender.closed;
    expect((await messageRows(c.db, sessionId)).map((r) => r.role)).toEqual(['user']);
    expect((await api(c.a.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`)).status).toBe(409);
    // Free at once, on either instance.
    const next = await send(c.b.url, sessionId, 'again');
    expect((await next.waitForEnd()).type).toBe('done');
    tabA.close();
    tabB.close();
  });

  it('catches a late tab on B up, and resumes Last-Event-ID on B during and after the generation', async () => {
    const sessionId = await createSession(c.a.url);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['Once ', 'upon ', hold, 'a ', 'time'] });
    const sender = await send(c.a.url, sessionId, 'story');
    await hold.reached;
    await sender.waitFor(() => sender.text === 'Once upon ');
    const streamId = sender.streamId;

    const late = await attach(c.b.url, sessionId);
    const first = await late.waitFor(() => true);
    expect(first).toMatchObject({ id: `${streamId}:10`, type: 'content', data: { data: 'Once upon ' } });
    const firstContent = sender.events.find((e) => e.type === 'content')!;
    const resumed = await attach(c.b.url, sessionId, { 'last-event-id': firstContent.id! });
    expect((await resumed.waitFor(() => true)).data.data).toBe('upon ');

    hold.release();
    for (const tab of [late, resumed]) {
      expect((await tab.waitForEnd()).type).toBe('done');
      tab.close();
    }
    expect(late.text).toBe('Once upon a time');
    expect('Once ' + resumed.text).toBe('Once upon a time');

    // Missed the end: Last-Event-ID after it, on the other instance than the one that generated.
    const after = await attach(c.b.url, sessionId, { 'last-event-id': `${streamId}:10` });
    const end = await after.waitForEnd();
    expect(after.text).toBe('a time');
    expect(end.data).toEqual(sender.terminalEvents[0].data);
    after.close();
  });

  it('counts connections of both instances in stream-status on either', async () => {
    const sessionId = await createSession(c.a.url);
    const tabs = [await attach(c.a.url, sessionId), await attach(c.a.url, sessionId), await attach(c.b.url, sessionId)];
    for (const url of [c.a.url, c.b.url]) {
      await waitUntil(
        async () => (await streamStatus(url, sessionId)).connections === 3,
        5000,
        `3 connections seen from ${url}`,
      );
    }
    tabs[2].close();
    for (const url of [c.a.url, c.b.url]) {
      await waitUntil(
        async () => (await streamStatus(url, sessionId)).connections === 2,
        5000,
        `2 connections seen from ${url}`,
      );
    }
    tabs[0].close();
    tabs[1].close();
    await waitUntil(async () => (await streamStatus(c.b.url, sessionId)).connections === 0, 5000, 'none');
  });

  it('keeps A generating while a tab on B watches, and cancels with no_clients once it goes', async () => {
    const sessionId = await createSession(c.a.url);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['still ', 'here', hold, '!'] });
    const sender = await send(c.a.url, sessionId, 'x');
    const tabB = await attach(c.b.url, sessionId);
    await hold.reached;
    await tabB.waitFor(() => tabB.text === 'still here');
    sender.close();
    await new Promise((r) => setTimeout(r, 1200)); // twice NO_CLIENT_TIMEOUT_MS, watched from B
    expect((await streamStatus(c.a.url, sessionId)).isStreaming).toBe(true);
    tabB.close();
    await waitUntil(async () => !(await streamStatus(c.b.url, sessionId)).isStreaming, 5000, 'the no_clients cancel');
    await c.fake.waitForClientHangup(0);
    const stats = await api<{ cancelReasons: Record<string, number> }>(
      c.b.url,
      'GET',
      `/api/analytics/generations?chatSessionId=${sessionId}`,
    );
    expect(stats.body.cancelReasons.no_clients).toBe(1);
    hold.release();
  });

  it('answers stream:false on B with both messages while a tab on A watches', async () => {
    const sessionId = await createSession(c.a.url);
    const tabA = await attach(c.a.url, sessionId);
    c.fake.enqueue({ chunks: ['quiet ', 'reply'] });
    const res = await api<{ userMessage: { content: string }; assistantMessage: { id: number; content: string } }>(
      c.b.url,
      'POST',
      `/api/chat-sessions/${sessionId}/send-message`,
      { content: 'hello', stream: false },
    );
    expect(res.status).toBe(200);
    expect(res.body.assistantMessage.content).toBe('quiet reply');
    const done = await tabA.waitForEnd();
    expect(done.data).toMatchObject({ type: 'done', messageId: res.body.assistantMessage.id, variantIndex: 0 });
    expect(tabA.text).toBe('quiet reply');
    tabA.close();
  });

  it('reports Redis in GET /api/health', async () => {
    for (const url of [c.a.url, c.b.url]) {
      const res = await api(url, 'GET', '/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
    }
  });
});
