import { api } from './support/test-app';
import { attach, createSession, messageRows, send, streamStatus, waitUntil } from './support/generation-fixture';
import { Cluster, ScratchRedis, startCluster } from './support/instances';

/** The Redis hub's default lease; an orphaned generation must end within it and one renewal period. */
const LEASE_MS = 6000;

describe('an instance killed mid-generation (postgres)', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ spawnA: true });
  }, 120_000);
  // Unset if beforeAll failed: close what did start, so that failure stays the one reported.
  afterAll(() => (c as Cluster | undefined)?.close());

  it('frees the session within the lease and ends tabs on the other instance with an internal error', async () => {
    const sessionId = await createSession(c.b.url);
    const tab = await attach(c.b.url, sessionId);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['half ', 'a reply', hold, 'never sent'] });
    const sender = await send(c.a.url, sessionId, 'hello');
    await hold.reached;
    await tab.waitFor(() => tab.text === 'half a reply');
    const streamId = sender.streamId;
    expect(await streamStatus(c.b.url, sessionId)).toMatchObject({ isStreaming: true, streamId, connections: 2 });

    const killedAt = Date.now();
    await c.a.kill!();
    const end = await tab.waitForEnd(LEASE_MS * 3);
    const took = Date.now() - killedAt;
    expect(end.data).toMatchObject({ type: 'error', code: 'internal', streamId });
    expect(end.id).toBe(`${streamId}:12`);
    // Expiry (at most a lease after the last renewal) plus one watch period, with room for a busy machine.
    expect(took).toBeLessThan(LEASE_MS + LEASE_MS / 3 + 3000);
    expect(tab.terminalEvents).toHaveLength(1);
    expect(tab.isClosed).toBe(false);
    expect(await streamStatus(c.b.url, sessionId)).toMatchObject({ isStreaming: false, streamId: null });
    // The dead instance's connection stops counting too.
    await waitUntil(
      async () => (await streamStatus(c.b.url, sessionId)).connections === 1,
      LEASE_MS * 2,
      "A's count to expire",
    );

    expect((await messageRows(c.db, sessionId)).map((r) => r.role)).toEqual(['user']);
    const stats = await api<{ total: number; errorCodes: Record<string, number> }>(
      c.b.url,
      'GET',
      `/api/analytics/generations?chatSessionId=${sessionId}`,
    );
    expect(stats.body).toMatchObject({ total: 1, errorCodes: { internal: 1 } });
    // B ended it, so B counts it in its metrics.
    const metrics = await (await fetch(`${c.b.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^hearth_generations_ended_total\{kind="send",outcome="error",reason="",code="internal"\} 1$/m,
    );

    // Free: the surviving instance generates, and the tab follows it.
    const next = await send(c.b.url, sessionId, 'again');
    const done = await next.waitForEnd();
    expect(done.type).toBe('done');
    await tab.waitFor((e) => e.type === 'done' && e.data.streamId === done.data.streamId);
    tab.close();
    hold.release();
  }, 60_000);
});

describe('Redis restarted mid-generation (postgres)', () => {
  let redis: ScratchRedis;
  let c: Cluster;
  beforeAll(async () => {
    redis = await ScratchRedis.start();
    c = await startCluster({ env: { REDIS_URL: redis.url } });
  }, 120_000);
  afterAll(async () => {
    // Unset if beforeAll failed: close what did start, so that failure stays the one reported.
    await (c as Cluster | undefined)?.close();
    await (redis as ScratchRedis | undefined)?.stop();
  });

  it('ends the generation with an internal error everywhere, reports Redis down, and frees the session when it is back', async () => {
    const sessionId = await createSession(c.a.url);
    const tabA = await attach(c.a.url, sessionId);
    const tabB = await attach(c.b.url, sessionId);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['before ', 'the cut', hold, 'never sent'] });
    const sender = await send(c.a.url, sessionId, 'hello');
    await hold.reached;
    await tabB.waitFor(() => tabB.text === 'before the cut');

    await redis.stop();
    for (const client of [sender, tabA, tabB]) {
      expect((await client.waitForEnd(5000)).data).toMatchObject({ type: 'error', code: 'internal' });
      expect(client.terminalEvents).toHaveLength(1);
    }
    await sender.closed;
    // The owner stopped its provider request.
    await c.fake.waitForClientHangup(0);
    for (const url of [c.a.url, c.b.url]) {
      const health = await api<{ message: string }>(url, 'GET', '/api/health');
      expect(health.status).toBe(503);
      expect(health.body.message).toMatch(/redis/);
    }
    expect((await messageRows(c.db, sessionId)).map((r) => r.role)).toEqual(['user']);
    // The run recorded the failure as what it was: an error, not a cancel.
    const stats = await api<{ byOutcome: Record<string, number>; errorCodes: Record<string, number> }>(
      c.a.url,
      'GET',
      `/api/analytics/generations?chatSessionId=${sessionId}`,
    );
    expect(stats.body.byOutcome).toMatchObject({ error: 1, cancelled: 0 });
    expect(stats.body.errorCodes).toMatchObject({ internal: 1 });
    // Sends meanwhile are a 503 to retry, not a 500.
    const refused = await api(c.b.url, 'POST', `/api/chat-sessions/${sessionId}/send-message`, { content: 'x' });
    expect(refused.status).toBe(503);

    await redis.resume();
    for (const url of [c.a.url, c.b.url]) {
      await waitUntil(
        async () => (await api(url, 'GET', '/api/health')).status === 200,
        10_000,
        `${url} to see Redis again`,
      );
    }
    const next = await send(c.b.url, sessionId, 'again');
    const done = await next.waitForEnd();
    expect(done.type).toBe('done');
    // Tabs that stayed attached follow the session again.
    for (const tab of [tabA, tabB]) {
      await tab.waitFor((e) => e.type === 'done' && e.data.streamId === done.data.streamId);
      expect(tab.terminalEvents).toHaveLength(2);
      tab.close();
    }
    hold.release();
  }, 60_000);
});
