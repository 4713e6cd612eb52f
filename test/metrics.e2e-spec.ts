import { api, startTestApp, TestApp, TEST_DB } from './support/test-app';
import { rawRequest } from './support/raw-http';
import { scrape } from './support/metrics-scrape';
import {
  attach,
  createSession,
  GenerationFixture,
  send,
  startGenerationApp,
  waitUntil,
} from './support/generation-fixture';

const ENDED = (outcome: string, reason = '', code = '') =>
  `hearth_generations_ended_total{kind="send",outcome="${outcome}",reason="${reason}",code="${code}"}`;

describe(`GET /metrics (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp({ UPSTREAM_MAX_RETRIES: '1' });
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  it('answers Prometheus text with the process metrics, outside /api and outside the OpenAPI document', async () => {
    const res = await api<string>(f.t.url, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(res.body).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(res.body).toMatch(/^process_resident_memory_bytes /m);
    expect((await api(f.t.url, 'GET', '/api/metrics')).status).toBe(404);
    const doc = await api<{ paths: Record<string, unknown> }>(f.t.url, 'GET', '/api/docs-json');
    expect(Object.keys(doc.body.paths).filter((p) => p.includes('metrics'))).toEqual([]);
  });

  it('counts a generation from start to done, and its SSE connection while it is open', async () => {
    const before = await scrape(f.t.url);
    const sessionId = await createSession(f.t.url);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Hello ', hold, 'world'] });
    const sender = await send(f.t.url, sessionId, 'hi');
    await hold.reached;
    await sender.waitFor(() => sender.text === 'Hello ');

    const during = await scrape(f.t.url);
    expect(during.get('hearth_generations_active')).toBe(1);
    expect(during.get('hearth_sse_connections')).toBe(1);

    hold.release();
    expect((await sender.waitForEnd()).type).toBe('done');
    await sender.closed;
    const after = await scrape(f.t.url);
    expect(after.get('hearth_generations_active')).toBe(0);
    expect((after.get(ENDED('done')) ?? 0) - (before.get(ENDED('done')) ?? 0)).toBe(1);
    const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(delta('hearth_generation_chunks_total')).toBe(2);
    expect(delta('hearth_generation_bytes_total')).toBe('Hello world'.length);
    expect(delta('hearth_time_to_first_token_seconds_count')).toBe(1);
    // One relay latency per chunk; the held one waited on the provider, not on the relay.
    expect(delta('hearth_relay_latency_seconds_count')).toBe(2);
    // Closed once the terminal event went out (the server side closes after `done`).
    await waitUntil(async () => (await scrape(f.t.url)).get('hearth_sse_connections') === 0);
  });

  it('measures the relay latency of every chunk, however the reads cut them', async () => {
    const before = await scrape(f.t.url);
    const sessionId = await createSession(f.t.url);
    const tab = await attach(f.t.url, sessionId);
    const chunks = Array.from({ length: 40 }, (_, i) => `part ${i}, `);
    // 7-byte writes: most reads carry part of a chunk, some the ends of two.
    f.fake.enqueue({ chunks, writeBytes: 7 });
    const sender = await send(f.t.url, sessionId, 'long one');
    expect((await sender.waitForEnd()).type).toBe('done');
    await tab.waitForEnd();
    expect(sender.text).toBe(chunks.join(''));

    const after = await scrape(f.t.url);
    const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(delta('hearth_generation_chunks_total')).toBe(chunks.length);
    expect(delta('hearth_relay_latency_seconds_count')).toBe(chunks.length);
    expect(delta('hearth_relay_latency_seconds_bucket{le="+Inf"}')).toBe(chunks.length);
    // Measured on one clock: positive, and far below a second each even on a busy machine.
    expect(delta('hearth_relay_latency_seconds_sum')).toBeGreaterThan(0);
    expect(delta('hearth_relay_latency_seconds_sum')).toBeLessThan(chunks.length);
    tab.close();
  });

  it('counts a cancelled generation with its reason, and an attached tab as a connection', async () => {
    const before = await scrape(f.t.url);
    const sessionId = await createSession(f.t.url);
    const tab = await attach(f.t.url, sessionId);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['partial', hold, 'never sent'] });
    const sender = await send(f.t.url, sessionId, 'stop me');
    await hold.reached;
    expect((await scrape(f.t.url)).get('hearth_sse_connections')).toBe(2);

    const res = await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
    expect(res.status).toBe(200);
    expect((await sender.waitForEnd()).data).toMatchObject({ type: 'cancelled', reason: 'user_cancelled' });
    await sender.closed;

    const after = await scrape(f.t.url);
    const key = ENDED('cancelled', 'user_cancelled');
    expect((after.get(key) ?? 0) - (before.get(key) ?? 0)).toBe(1);
    expect(after.get('hearth_generations_active')).toBe(0);
    tab.close();
    await waitUntil(async () => (await scrape(f.t.url)).get('hearth_sse_connections') === 0);
  });

  it('counts a retried OpenRouter call by the status that caused it', async () => {
    const key = 'hearth_provider_retries_total{cause="503"}';
    const before = (await scrape(f.t.url)).get(key) ?? 0;
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ status: 503, retryAfterMs: 1 });
    const sender = await send(f.t.url, sessionId, 'try twice');
    expect((await sender.waitForEnd()).type).toBe('done');
    expect(f.fake.chatRequests).toHaveLength(2);
    expect(((await scrape(f.t.url)).get(key) ?? 0) - before).toBe(1);
  });

  it('is refused for a Host outside ALLOWED_HOSTS, like every route', async () => {
    const res = await rawRequest(f.t.url, 'GET', '/metrics', { host: `attacker.example:${new URL(f.t.url).port}` });
    expect(res.status).toBe(421);
  });
});

describe(`GET /metrics access (${TEST_DB})`, () => {
  let withApiTokens: TestApp;
  let withMetricsToken: TestApp;
  beforeAll(async () => {
    withApiTokens = await startTestApp({ API_TOKEN: 'user-token', ADMIN_TOKEN: 'admin-token' });
    withMetricsToken = await startTestApp({ API_TOKEN: 'user-token', METRICS_TOKEN: 'scrape-token' });
  }, 60_000);
  afterAll(async () => {
    await withApiTokens.close();
    await withMetricsToken.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('takes the API_TOKEN or the ADMIN_TOKEN when no METRICS_TOKEN is set', async () => {
    const none = await api<{ message: string }>(withApiTokens.url, 'GET', '/metrics');
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/Authorization: Bearer/);
    expect((await api(withApiTokens.url, 'GET', '/metrics', undefined, bearer('wrong'))).status).toBe(401);
    expect((await api(withApiTokens.url, 'GET', '/metrics', undefined, bearer('user-token'))).status).toBe(200);
    expect((await api(withApiTokens.url, 'GET', '/metrics', undefined, bearer('admin-token'))).status).toBe(200);
  });

  it('takes only the METRICS_TOKEN when it is set', async () => {
    expect((await api(withMetricsToken.url, 'GET', '/metrics')).status).toBe(401);
    const user = await api<{ message: string }>(
      withMetricsToken.url,
      'GET',
      '/metrics',
      undefined,
      bearer('user-token'),
    );
    expect(user.status).toBe(401);
    expect(user.body.message).toMatch(/METRICS_TOKEN/);
    const ok = await api<string>(withMetricsToken.url, 'GET', '/metrics', undefined, bearer('scrape-token'));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/^hearth_generations_active 0$/m);
    // The scrape token opens nothing else.
    expect((await api(withMetricsToken.url, 'GET', '/api/ai-models', undefined, bearer('scrape-token'))).status).toBe(
      401,
    );
  });
});

describe(`METRICS_ENABLED=false (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp({ METRICS_ENABLED: 'false' });
  }, 60_000);
  afterAll(() => f.close());

  it('answers /metrics with a 404 that says how to turn them on, and generations run as usual', async () => {
    const res = await api<{ message: string }>(f.t.url, 'GET', '/metrics');
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/METRICS_ENABLED=false/);
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ chunks: ['Hello ', 'world'] });
    const sender = await send(f.t.url, sessionId, 'hi');
    const end = await sender.waitForEnd();
    expect(end.type).toBe('done');
    expect(sender.text).toBe('Hello world');
  });
});
