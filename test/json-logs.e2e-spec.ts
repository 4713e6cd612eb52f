import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { FakeOpenRouter } from './support/fake-openrouter';
import { api, createScratchDatabase } from './support/test-app';
import { attach, createSession, send, streamStatus, TEST_API_KEY, waitUntil } from './support/generation-fixture';
import { Cluster, Instance, spawnInstance, startCluster } from './support/instances';

interface LogLine {
  level: string;
  msg: string;
  context?: string;
  requestId?: string;
  chatSessionId?: number;
  streamId?: string;
}

/** One JSON object a line; throws at a line that is not one. */
function parseLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LogLine);
}

/** The server as a process with LOG_FORMAT=json: what an operator's log shipper reads. */
describe('structured JSON logs (postgres)', () => {
  let fake: FakeOpenRouter;
  let db: { url: string; drop: () => Promise<void> };
  let server: Instance;
  beforeAll(async () => {
    fake = await FakeOpenRouter.start();
    db = await createScratchDatabase();
    server = await spawnInstance('logs', {
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'log',
      DATABASE_URL: db.url,
      OPENROUTER_BASE_URL: fake.url,
      UPSTREAM_MAX_RETRIES: '0',
    });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await db.drop();
    await fake.close();
  });

  const lines = (): LogLine[] => parseLines(server.output?.() ?? '');

  it('writes one JSON object a line; a generation’s lines name the request, the session and the stream; no key', async () => {
    await api(server.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: TEST_API_KEY });
    const sessionId = await createSession(server.url);
    const done = await (await send(server.url, sessionId, 'Hello')).waitForEnd();
    fake.enqueue({ status: 500 });
    const failed = await (await send(server.url, sessionId, 'Again')).waitForEnd();

    // Written as the generation ends; the child's output may reach this process a moment after the event.
    const generationLines = () => lines().filter((l) => l.context === 'Generation');
    await waitUntil(() => Promise.resolve(generationLines().length >= 2), 5000, 'both generations logged');
    const generation = generationLines();
    expect(generation.map((l) => [l.level, l.chatSessionId, l.streamId])).toEqual([
      ['info', sessionId, done.data.streamId],
      ['info', sessionId, failed.data.streamId],
    ]);
    for (const l of generation) expect(l.requestId).toEqual(expect.any(String));
    expect(generation[0].requestId).not.toBe(generation[1].requestId);
    expect(generation[1].msg).toMatch(/^send of stream .* ended error upstream_error after \d+ ms/);
    expect(lines().some((l) => l.msg.startsWith('Hearth listening on'))).toBe(true);
    expect(server.output?.()).not.toContain(TEST_API_KEY);
  });
});

/** Two instances behind Redis, A a process with LOG_FORMAT=json: its lines for a generation B's tab watches. */
describe('structured JSON logs of two instances over Redis (postgres)', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ spawnA: true, env: { LOG_FORMAT: 'json', LOG_LEVEL: 'log' } });
  }, 120_000);
  // Unset if beforeAll failed: close what did start, so that failure stays the one reported.
  afterAll(() => (c as Cluster | undefined)?.close());

  it("names the session and the stream on the owner's end line of a generation watched from the other instance", async () => {
    const sessionId = await createSession(c.b.url);
    const tab = await attach(c.b.url, sessionId);
    await waitUntil(async () => (await streamStatus(c.a.url, sessionId)).connections === 1, 5000, "B's tab");
    c.fake.enqueue({ chunks: ['Seen ', 'from ', 'B'], delayMs: 5 });
    const done = await (await send(c.a.url, sessionId, 'Hello')).waitForEnd();
    expect(done.type).toBe('done');
    await tab.waitForEnd();
    expect(tab.text).toBe('Seen from B');

    // Every line A wrote is one JSON object (parsing throws otherwise).
    const lines = (): LogLine[] => parseLines(c.a.output?.() ?? '');
    const ends = () => lines().filter((l) => l.context === 'Generation' && l.streamId === done.data.streamId);
    await waitUntil(() => Promise.resolve(ends().length === 1), 5000, "A's generation line");
    expect(ends()[0]).toMatchObject({
      level: 'info',
      chatSessionId: sessionId,
      streamId: done.data.streamId,
      requestId: expect.any(String),
      msg: expect.stringMatching(/^send of stream .* ended done after \d+ ms \(11 characters/),
    });
    expect(lines().some((l) => l.msg.startsWith('Hearth listening on'))).toBe(true);
    expect(c.a.output?.()).not.toContain(TEST_API_KEY);
    tab.close();
  });
});
