import { expect } from '@jest/globals';
import { startTestApp, api, TestApp, TEST_DB } from './support/test-app';

const ADMIN_TOKEN = 'admin-' + 'a'.repeat(32);
const API_TOKEN = 'user-' + 'u'.repeat(32);
const KEY = 'sk-or-v1-' + '42'.repeat(32);

describe(`settings need the ADMIN_TOKEN when it is set (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN, API_TOKEN });
  }, 60_000);
  afterAll(() => t.close());

  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const routes: Array<[string, string, unknown]> = [
    ['GET', '/api/settings', undefined],
    ['PUT', '/api/settings/openrouter-api-key', { apiKey: KEY }],
    ['DELETE', '/api/settings/openrouter-api-key', undefined],
  ];

  it.each(routes)('%s %s without a token: 401', async (method, path, body) => {
    const res = await api(t.url, method, path, body);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      statusCode: 401,
      message: expect.stringContaining('ADMIN_TOKEN'),
      error: 'Unauthorized',
    });
  });

  it.each(routes)('%s %s with a wrong token: 401', async (method, path, body) => {
    expect((await api(t.url, method, path, body, bearer('nope'))).status).toBe(401);
  });

  it.each(routes)('%s %s with the API_TOKEN only: 403', async (method, path, body) => {
    const res = await api(t.url, method, path, body, bearer(API_TOKEN));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      statusCode: 403,
      message: expect.stringContaining('ADMIN_TOKEN'),
      error: 'Forbidden',
    });
  });

  it('nothing was stored by the refused requests', async () => {
    const res = await api<{ openrouterApiKeySet: boolean }>(
      t.url,
      'GET',
      '/api/settings',
      undefined,
      bearer(ADMIN_TOKEN),
    );
    expect(res.status).toBe(200);
    expect(res.body.openrouterApiKeySet).toBe(false);
  });

  it.each(routes)('%s %s with the ADMIN_TOKEN: 200', async (method, path, body) => {
    expect((await api(t.url, method, path, body, bearer(ADMIN_TOKEN))).status).toBe(200);
  });
});
