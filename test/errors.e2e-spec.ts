import { expect } from '@jest/globals';
import { startTestApp, api, TestApp, TEST_DB } from './support/test-app';

type Json = Record<string, unknown>;
/** A stored resource as the API returns it: every one has a numeric id. */
type Row = Json & { id: number };

interface BadRequest {
  name: string;
  method: string;
  path: string;
  /** A string is sent as it is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  message: RegExp;
}

const BODY_LIMIT = 4096;
const JSON_TYPE = { 'content-type': 'application/json' };

describe(`errors (${TEST_DB})`, () => {
  let t: TestApp;
  let model: Row;
  let character: Row;
  let session: Row;

  /** Everything a bad request could have changed. */
  const snapshot = async (): Promise<unknown[]> => {
    const paths = [
      '/api/ai-models',
      '/api/system-prompts',
      '/api/characters',
      '/api/user-profiles',
      '/api/chat-sessions',
    ];
    paths.push(`/api/chat-sessions/${session.id}/messages`);
    return Promise.all(paths.map(async (path) => (await api(t.url, 'GET', path)).body));
  };

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    model = (await api<Row>(t.url, 'POST', '/api/ai-models', { label: 'openai/gpt-4o-mini' })).body;
    character = (await api<Row>(t.url, 'POST', '/api/characters', { name: 'Mira', description: 'A navigator.' })).body;
    session = (await api<Row>(t.url, 'POST', '/api/chat-sessions', { aiModelId: model.id, characterId: character.id }))
      .body;
  }, 60_000);
  afterAll(() => t.close());

  const characterPath = () => `/api/characters/${character.id}`;
  /** Routes that take a body, each with a valid one. */
  const bodyRoutes = (): [string, string, Json][] => [
    ['POST', '/api/characters', { name: 'x' }],
    ['PATCH', characterPath(), { name: 'x' }],
    ['POST', '/api/chat-sessions', { aiModelId: model.id }],
    ['PATCH', `/api/chat-sessions/${session.id}`, { aiModelId: model.id }],
  ];

  const cases = (): BadRequest[] => [
    ...bodyRoutes().flatMap(([method, path, valid]): BadRequest[] => [
      { name: 'malformed JSON', method, path, body: '{"name": "Mi', status: 400, message: /not valid JSON/ },
      {
        name: 'an empty JSON body',
        method,
        path,
        body: '',
        headers: JSON_TYPE,
        status: 400,
        message: /cannot be empty/,
      },
      { name: 'a JSON array', method, path, body: '[]', status: 400, message: /object is expected|is required/ },
      {
        name: 'an array of objects',
        method,
        path,
        body: '[{"name":"x"}]',
        status: 400,
        message: /should not exist|object is expected/,
      },
      { name: 'a JSON string', method, path, body: '"x"', status: 400, message: /object is expected|is required/ },
      { name: 'a JSON number', method, path, body: '5', status: 400, message: /object is expected|is required/ },
      {
        name: 'an unknown field',
        method,
        path,
        body: { ...valid, mood: 'grim' },
        status: 400,
        message: /^property mood should not exist$/,
      },
      {
        name: 'a wrong-typed field',
        method,
        path,
        body: { ...valid, name: ['x'] },
        status: 400,
        message: /^name must be a string, got an array$/,
      },
      {
        name: 'a nested object',
        method,
        path,
        body: { ...valid, name: { first: 'x' } },
        status: 400,
        message: /^name must be a string, got an object$/,
      },
      {
        name: 'a NUL character',
        method,
        path,
        body: { ...valid, name: 'a\u0000b' },
        status: 400,
        message: /^name must not contain the NUL character/,
      },
      {
        name: 'a prototype-poisoning key',
        method,
        path,
        body: '{"name":"x","__proto__":{"admin":true}}',
        status: 400,
        message: /JSON/,
      },
      {
        name: 'plain text',
        method,
        path,
        body: 'name=x',
        headers: { 'content-type': 'text/plain' },
        status: 415,
        message: /^Send the body as application\/json$/,
      },
      {
        name: 'XML',
        method,
        path,
        body: '<name>x</name>',
        headers: { 'content-type': 'application/xml' },
        status: 415,
        message: /^Send the body as application\/json$/,
      },
      {
        name: 'a body over BODY_LIMIT_BYTES',
        method,
        path,
        body: { ...valid, name: 'd'.repeat(BODY_LIMIT) },
        status: 413,
        message: /too large/,
      },
    ]),
    {
      name: 'a missing field',
      method: 'POST',
      path: '/api/characters',
      body: { description: 'x' },
      status: 400,
      message: /^name is required$/,
    },
    {
      name: 'a missing reference',
      method: 'POST',
      path: '/api/chat-sessions',
      body: { name: 'x' },
      status: 400,
      message: /^aiModelId is required$/,
    },
    {
      name: 'a JSON null body',
      method: 'POST',
      path: '/api/characters',
      body: 'null',
      status: 400,
      message: /^name is required$/,
    },
    ...['GET', 'PATCH', 'DELETE'].flatMap((method): BadRequest[] =>
      ['abc', '0', '-1', '1.5', '99999999999', '2147483648'].map((id) => ({
        name: `id ${id}`,
        method,
        path: `/api/characters/${id}`,
        body: method === 'PATCH' ? { name: 'x' } : undefined,
        status: 400,
        message: /^id must be a positive whole number/,
      })),
    ),
    ...['GET', 'PATCH', 'DELETE'].map((method): BadRequest => ({
      name: 'an unknown id',
      method,
      path: '/api/characters/424242',
      body: method === 'PATCH' ? { name: 'x' } : undefined,
      status: 404,
      message: /^Character 424242 does not exist$/,
    })),
    {
      name: 'an unknown session',
      method: 'GET',
      path: '/api/chat-sessions/424242/messages',
      status: 404,
      message: /^Chat session 424242 does not exist$/,
    },
    {
      name: 'a malformed session id',
      method: 'GET',
      path: '/api/chat-sessions/x/messages',
      status: 400,
      message: /^id must be/,
    },
    {
      name: 'an unknown route',
      method: 'GET',
      path: '/api/nothing-here',
      status: 404,
      message: /^Cannot GET \/api\/nothing-here$/,
    },
  ];

  it('answers every bad request with its 4xx and exactly {statusCode, message, error}, changing nothing', async () => {
    const before = await snapshot();
    const seen: string[] = [];
    for (const c of cases()) {
      const res = await api<Json>(t.url, c.method, c.path, c.body, c.headers);
      const what = `${c.name}: ${c.method} ${c.path}`;
      expect({ what, status: res.status }).toEqual({ what, status: c.status });
      expect({ what, keys: Object.keys(res.body).sort() }).toEqual({ what, keys: ['error', 'message', 'statusCode'] });
      expect({ what, statusCode: res.body.statusCode, error: typeof res.body.error }).toEqual({
        what,
        statusCode: c.status,
        error: 'string',
      });
      expect({ what, message: res.body.message }).toEqual({ what, message: expect.stringMatching(c.message) });
      seen.push(what);
    }
    expect(seen.length).toBeGreaterThan(80);
    expect(await snapshot()).toEqual(before);
  });

  it('names the error after the status (Nest shape)', async () => {
    const expected: [unknown, Record<string, string> | undefined, number, string][] = [
      ['{', undefined, 400, 'Bad Request'],
      ['<x/>', { 'content-type': 'application/xml' }, 415, 'Unsupported Media Type'],
      [{ name: 'x'.repeat(BODY_LIMIT) }, undefined, 413, 'Payload Too Large'],
    ];
    for (const [body, headers, status, error] of expected) {
      const res = await api<Json>(t.url, 'POST', '/api/characters', body, headers);
      expect(res.body).toMatchObject({ statusCode: status, error });
    }
    const notFound = await api<Json>(t.url, 'GET', '/api/characters/424242');
    expect(notFound.body.error).toBe('Not Found');
  });

  it('accepts a body just under BODY_LIMIT_BYTES', async () => {
    const description = 'd'.repeat(BODY_LIMIT - 100);
    const res = await api<Json>(t.url, 'PATCH', characterPath(), { description });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe(description);
  });
});
