import { api } from './support/test-app';
import { attach, createSession, send, streamStatus, waitUntil } from './support/generation-fixture';
import { Cluster, ScratchRedis, startCluster } from './support/instances';
import { growth, scrape } from './support/metrics-scrape';

const DONE = 'hearth_generations_ended_total{kind="send",outcome="done",reason="",code=""}';
const ERRORS = (operation: string) => `hearth_redis_hub_errors_total{operation="${operation}"}`;

/** Each instance's /metrics with two instances behind one Redis: always PostgreSQL (shared by both). */
describe('metrics of two instances over Redis (postgres)', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster();
  }, 120_000);
  // Unset if beforeAll failed: close what did start, so that failure stays the one reported.
  afterAll(() => (c as Cluster | undefined)?.close());

  it("B measures the lag of A's frames its tab watches; each counts only its own generation and relay", async () => {
    const beforeA = await scrape(c.a.url);
    const beforeB = await scrape(c.b.url);
    const sessionId = await createSession(c.a.url);
    const tab = await attach(c.b.url, sessionId);
    // A publishes frames for B only once it knows B counts a connection.
    await waitUntil(async () => (await streamStatus(c.a.url, sessionId)).connections === 1, 5000, "B's tab");
    const chunks = Array.from({ length: 12 }, (_, i) => `piece ${i} `);
    c.fake.enqueue({ chunks, delayMs: 10 });
    const sender = await send(c.a.url, sessionId, 'watched from B');
    expect((await sender.waitForEnd()).type).toBe('done');
    await tab.waitForEnd();
    expect(tab.text).toBe(chunks.join(''));

    const a = growth(beforeA, await scrape(c.a.url));
    const b = growth(beforeB, await scrape(c.b.url));
    // Frames 10 ms apart leave A in several batches; each batch is one lag observation on B.
    expect(b('hearth_redis_hub_lag_seconds_count')).toBeGreaterThan(1);
    expect(b('hearth_redis_hub_lag_seconds_sum')).toBeGreaterThanOrEqual(0);
    // Both instances share this process's clock here: no skew, so well under a second each.
    expect(b('hearth_redis_hub_lag_seconds_sum')).toBeLessThan(b('hearth_redis_hub_lag_seconds_count'));
    // Nothing from another instance reached A.
    expect(a('hearth_redis_hub_lag_seconds_count')).toBe(0);

    expect(a(DONE)).toBe(1);
    expect(b(DONE)).toBe(0);
    expect(a('hearth_generation_chunks_total')).toBe(chunks.length);
    expect(a('hearth_relay_latency_seconds_count')).toBe(chunks.length);
    expect(b('hearth_generation_chunks_total')).toBe(0);
    expect(b('hearth_relay_latency_seconds_count')).toBe(0);
    tab.close();
  });
});

describe('metrics when Redis fails (postgres)', () => {
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

  it('counts the lost connections on every instance, and a send refused for want of the lock', async () => {
    const sessionId = await createSession(c.a.url);
    const beforeA = await scrape(c.a.url);
    const beforeB = await scrape(c.b.url);
    expect(beforeB.get(ERRORS('lock'))).toBe(0);

    await redis.stop();
    // Both connections of each instance (commands, subscriber), once each, however often they retry.
    for (const [url, before] of [
      [c.a.url, beforeA],
      [c.b.url, beforeB],
    ] as const) {
      await waitUntil(
        async () => growth(before, await scrape(url))(ERRORS('disconnect')) === 2,
        5000,
        `${url} to count both connections lost`,
      );
    }
    const refused = await api(c.b.url, 'POST', `/api/chat-sessions/${sessionId}/send-message`, { content: 'x' });
    expect(refused.status).toBe(503);
    const b = growth(beforeB, await scrape(c.b.url));
    expect(b(ERRORS('lock'))).toBe(1);
    // Retried reconnections are not counted again.
    await new Promise((r) => setTimeout(r, 600));
    expect(growth(beforeA, await scrape(c.a.url))(ERRORS('disconnect'))).toBe(2);

    await redis.resume();
    for (const url of [c.a.url, c.b.url]) {
      await waitUntil(async () => (await api(url, 'GET', '/api/health')).status === 200, 10_000, `${url} healthy`);
    }
    // Back: a generation goes through, and no failure is counted for it.
    const beforeSend = await scrape(c.b.url);
    const next = await send(c.b.url, sessionId, 'again');
    expect((await next.waitForEnd()).type).toBe('done');
    expect(growth(beforeSend, await scrape(c.b.url))(ERRORS('lock'))).toBe(0);
  }, 60_000);
});
