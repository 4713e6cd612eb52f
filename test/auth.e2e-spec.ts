import { expect } from '@jest/globals';
import { startTestApp, api, TestApp, TEST_DB } from './support/test-app';

const API = 'user-' + 'u'.repeat(32);
const ADMIN = 'admin-' + 'a'.repeat(32);
const WRONG = 'wrong-' + 'w'.repeat(32);

type Sent = 'none' | 'wrong' | 'api' | 'admin';
const HEADERS: Record<Sent, Record<string, string>> = {
  none: {},
  wrong: { authorization: `Bearer ${WRONG}` },
  api: { authorization: `Bearer ${API}` },
  admin: { authorization: `Bearer ${ADMIN}` },
};

interface Setup {
  name: string;
  env: Record<string, string>;
  /** Expected status per token sent, for a resource route and for settings. */
  resource: Partial<Record<Sent, number>>;
  settings: Partial<Record<Sent, number>>;
}

const SETUPS: Setup[] = [
  {
    name: 'no tokens set',
    env: {},
    resource: { none: 200, wrong: 200 },
    settings: { none: 200, wrong: 200 },
  },
  {
    name: 'API_TOKEN only',
    env: { API_TOKEN: API },
    resource: { none: 401, wrong: 401, api: 200, admin: 401 },
    settings: { none: 401, wrong: 401, api: 200 },
  },
  {
    name: 'ADMIN_TOKEN only',
    env: { ADMIN_TOKEN: ADMIN },
    resource: { none: 200, wrong: 200, admin: 200 },
    settings: { none: 401, wrong: 401, api: 401, admin: 200 },
  },
  {
    name: 'both tokens set',
    env: { API_TOKEN: API, ADMIN_TOKEN: ADMIN },
    resource: { none: 401, wrong: 401, api: 200, admin: 200 },
    settings: { none: 401, wrong: 401, api: 403, admin: 200 },
  },
];

const REASONS: Record<number, string> = { 200: 'OK', 401: 'Unauthorized', 403: 'Forbidden' };

function cases(expected: Partial<Record<Sent, number>>): Array<[Sent, number]> {
  return Object.entries(expected) as Array<[Sent, number]>;
}

describe.each(SETUPS)(`auth with $name (${TEST_DB})`, ({ env, resource, settings }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(env);
  }, 60_000);
  afterAll(() => t.close());

  async function expectStatus(method: string, path: string, sent: Sent, status: number, body?: unknown): Promise<void> {
    const res = await api(t.url, method, path, body, HEADERS[sent]);
    expect({ sent, status: res.status }).toEqual({ sent, status });
    if (status >= 400) {
      expect(res.body).toEqual({ statusCode: status, message: expect.any(String), error: REASONS[status] });
      // The message never repeats a token, right or wrong.
      for (const token of [API, ADMIN, WRONG]) expect(JSON.stringify(res.body)).not.toContain(token);
    }
  }

  it.each(cases(resource))('GET /api/ai-models with token %s: %i', (sent, status) =>
    expectStatus('GET', '/api/ai-models', sent, status),
  );

  it.each(cases(resource))('POST /api/characters with token %s: %i (or 201)', async (sent, status) => {
    const res = await api(t.url, 'POST', '/api/characters', { name: `c-${sent}`, description: 'd' }, HEADERS[sent]);
    expect(res.status).toBe(status === 200 ? 201 : status);
  });

  it.each(cases(settings))('GET /api/settings with token %s: %i', (sent, status) =>
    expectStatus('GET', '/api/settings', sent, status),
  );

  it.each(cases(settings))('DELETE /api/settings/openrouter-api-key with token %s: %i', (sent, status) =>
    expectStatus('DELETE', '/api/settings/openrouter-api-key', sent, status),
  );

  it.each(cases(settings))(
    'a percent-encoded /api/%%73ettings with token %s is judged as settings: %i',
    (sent, status) => expectStatus('GET', '/api/%73ettings', sent, status),
  );

  it.each(cases(resource))('the OpenAPI spec /api/docs-json with token %s: %i', (sent, status) =>
    expectStatus('GET', '/api/docs-json', sent, status),
  );

  it.each(cases(resource))('Swagger UI /api/docs with token %s: %i', async (sent, status) => {
    const res = await fetch(`${t.url}/api/docs`, { headers: HEADERS[sent] });
    await res.arrayBuffer();
    expect(res.status).toBe(status);
  });

  it('keeps /api/health open', () => expectStatus('GET', '/api/health', 'none', 200));
});

describe(`auth refusals change nothing (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_TOKEN: API, ADMIN_TOKEN: ADMIN });
  }, 60_000);
  afterAll(() => t.close());

  it('a refused create stores nothing', async () => {
    for (const sent of ['none', 'wrong'] as const) {
      const res = await api(t.url, 'POST', '/api/characters', { name: 'sneaky', description: 'x' }, HEADERS[sent]);
      expect(res.status).toBe(401);
    }
    const list = await api<Array<{ name: string }> | { items: Array<{ name: string }> }>(
      t.url,
      'GET',
      '/api/characters',
      undefined,
      HEADERS.api,
    );
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('sneaky');
  });

  it('accepts the bearer scheme in any case', async () => {
    const res = await api(t.url, 'GET', '/api/ai-models', undefined, { authorization: `bearer ${API}` });
    expect(res.status).toBe(200);
  });

  it('refuses other schemes and bare tokens', async () => {
    for (const authorization of [`Basic ${API}`, API, `Token ${API}`]) {
      expect((await api(t.url, 'GET', '/api/ai-models', undefined, { authorization })).status).toBe(401);
    }
  });
});
