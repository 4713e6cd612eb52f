import { expect } from '@jest/globals';
import { startTestApp, api, TestApp, TEST_DB } from './support/test-app';

describe(`health (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  it('answers 200 when the database answers', async () => {
    const res = await api<{ status: string; database: string }>(t.url, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok', redis: 'not_configured' });
  });

  it('gives malformed JSON a 400 in the contract shape', async () => {
    const res = await api(t.url, 'POST', '/api/health', '{bad');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: expect.any(String), error: 'Bad Request' });
  });
});
