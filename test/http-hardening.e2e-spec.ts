import { expect } from '@jest/globals';
import { api, startTestApp, TestApp, TEST_DB } from './support/test-app';
import { createSession, GenerationFixture, startGenerationApp } from './support/generation-fixture';

describe(`HTTP hardening (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  const list = async () => (await api<unknown[]>(t.url, 'GET', '/api/characters')).body;

  it.each([
    ['a form body', 'application/x-www-form-urlencoded', 'name=x', 415],
    ['a text/plain body', 'text/plain', 'name=x', 415],
  ])('refuses %s (what another web page can send without a preflight)', async (_n, type, body, status) => {
    const before = await list();
    const res = await fetch(`${t.url}/api/characters`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({
      statusCode: status,
      message: expect.stringMatching(/json/i),
      error: expect.any(String),
    });
    expect(await list()).toEqual(before);
  });

  it.each(['1e0', 'abc', '0', '-1', '1.5', '99999999999', ' 1'])('parses id %p strictly', async (id) => {
    const res = await api<{ message: string }>(t.url, 'GET', `/api/characters/${encodeURIComponent(id)}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/id must be a positive whole number/);
  });

  it('answers a malformed URL with 400 in the contract shape', async () => {
    const res = await api(t.url, 'GET', '/api/characters/%ZZ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: expect.any(String), error: 'Bad Request' });
  });

  it('answers a deeply nested body with 400, not a stack overflow', async () => {
    const before = await list();
    const res = await api(t.url, 'POST', '/api/characters', '['.repeat(3000) + ']'.repeat(3000));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: expect.stringMatching(/nested/), error: 'Bad Request' });
    expect(await list()).toEqual(before);
  });
});

describe(`generation rate limit (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp({ GENERATION_RATE_LIMIT: '3' });
  }, 60_000);
  afterAll(() => f.close());

  it('limits send and cancel per client with 429 and Retry-After, leaving other routes alone', async () => {
    const sessionId = await createSession(f.t.url);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof api>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([409, 409, 409, 429]);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last!.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/GENERATION_RATE_LIMIT/) });
    expect((await api(f.t.url, 'GET', `/api/chat-sessions/${sessionId}/stream-status`)).status).toBe(200);
  });
});
