import { expect } from '@jest/globals';
import { startTestApp, api, TestApp, TEST_DB } from './support/test-app';

type Json = Record<string, unknown>;
/** A stored resource as the API returns it: every one has a numeric id. */
type Row = Json & { id: number };

interface ResourceCase {
  path: string;
  noun: string;
  /** A valid create body, with every field set. */
  full: Json;
  /** What the answer holds for a create body with only the required fields. */
  minimal: { body: Json; answer: Json };
  /** A partial update of one field. */
  change: Json;
  /** Fields that cannot be null; each PATCHed to null is a 400 naming it. */
  notNull: string[];
  /** A field PATCHed to null is cleared (answer null). */
  clearable?: string;
  /** Fields the answer to `full` has beyond it (defaults, computed fields). */
  answered?: Json;
}

const CASES: ResourceCase[] = [
  {
    path: '/api/ai-models',
    noun: 'AI model',
    full: {
      label: 'claude-sonnet-4-5',
      name: 'Claude Sonnet',
      provider: 'anthropic',
      contextLength: 200000,
      parameters: { temperature: 0.7, stop: ['\nUser:'], reasoning: { effort: 'low', exclude: true } },
    },
    minimal: {
      body: { label: 'anthropic/claude-3.5-sonnet' },
      answer: { name: null, provider: 'openrouter', contextLength: null, parameters: null },
    },
    change: { name: 'Mini' },
    notNull: ['label'],
    clearable: 'name',
  },
  {
    path: '/api/system-prompts',
    noun: 'System prompt',
    full: { name: 'Narrator', content: 'You narrate.' },
    minimal: { body: { name: 'Empty', content: '' }, answer: { content: '' } },
    change: { content: 'You narrate, briefly.' },
    notNull: ['name', 'content'],
  },
  {
    path: '/api/characters',
    noun: 'Character',
    full: { name: 'Mira', description: 'A ship navigator.' },
    minimal: { body: { name: 'Nameless' }, answer: { description: '' } },
    change: { description: 'A retired ship navigator.' },
    notNull: ['name', 'description'],
    answered: {
      personality: '',
      scenario: '',
      firstMessage: '',
      alternateGreetings: [],
      exampleMessages: '',
      systemPrompt: '',
      postHistoryInstructions: '',
      creatorNotes: '',
      tags: [],
      creator: '',
      characterVersion: '',
      extensions: {},
      hasAvatar: false,
      lorebook: null,
    },
  },
  {
    path: '/api/user-profiles',
    noun: 'User profile',
    full: { name: 'Sam', description: 'Likes tea.' },
    minimal: { body: { name: 'Anon' }, answer: { description: '' } },
    change: { name: 'Samuel' },
    notNull: ['name', 'description'],
  },
];

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe(`resources (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  describe.each(CASES)('$path', (c) => {
    const list = async () => (await api<Row[]>(t.url, 'GET', c.path)).body;

    it('creates (201), reads, lists by id, updates in part and deletes (204), then 404s', async () => {
      const created = await api<Row>(t.url, 'POST', c.path, c.full);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        ...c.full,
        ...c.answered,
        createdAt: expect.stringMatching(ISO_DATE),
      });
      const id = created.body.id;

      const minimal = await api<Row>(t.url, 'POST', c.path, c.minimal.body);
      expect(minimal.status).toBe(201);
      expect(minimal.body).toMatchObject({ ...c.minimal.body, ...c.minimal.answer });
      expect(minimal.body.id).toBeGreaterThan(id);

      expect((await api(t.url, 'GET', `${c.path}/${id}`)).body).toEqual(created.body);
      const ids = (await list()).map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(ids).toEqual(expect.arrayContaining([id, minimal.body.id]));

      const patched = await api<Row>(t.url, 'PATCH', `${c.path}/${id}`, c.change);
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual({ ...created.body, ...c.change });
      expect((await api(t.url, 'GET', `${c.path}/${id}`)).body).toEqual(patched.body);

      const unchanged = await api<Row>(t.url, 'PATCH', `${c.path}/${id}`, {});
      expect(unchanged).toMatchObject({ status: 200, body: patched.body });

      const deleted = await api(t.url, 'DELETE', `${c.path}/${id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();
      const gone = await api(t.url, 'GET', `${c.path}/${id}`);
      expect(gone).toMatchObject({
        status: 404,
        body: { statusCode: 404, message: `${c.noun} ${id} does not exist`, error: 'Not Found' },
      });
      expect((await api(t.url, 'DELETE', `${c.path}/${id}`)).status).toBe(404);
      expect((await api(t.url, 'PATCH', `${c.path}/${id}`, c.change)).status).toBe(404);
      expect((await list()).map((r) => r.id)).not.toContain(id);
    });

    it('refuses a missing, wrong-typed, unknown, too long or null field with a 400 naming it, changing nothing', async () => {
      const { body: existing } = await api<Row>(t.url, 'POST', c.path, c.full);
      const before = await list();
      const required = c.notNull[0];
      const missing = await api(t.url, 'POST', c.path, { ...c.full, [required]: undefined });
      expect(missing).toMatchObject({ status: 400, body: { message: `${required} is required` } });
      const bad: [Json, RegExp][] = [
        [{ ...c.full, [required]: 42 }, new RegExp(`^${required} must be a string, got a number$`)],
        [
          { ...c.full, [required]: 'x'.repeat(100_001) },
          new RegExp(`^${required} must be at most \\d+ characters long`),
        ],
        [{ ...c.full, colour: 'blue' }, /^property colour should not exist$/],
      ];
      for (const [body, message] of bad) {
        for (const [method, path] of [
          ['POST', c.path],
          ['PATCH', `${c.path}/${existing.id}`],
        ]) {
          const res = await api(t.url, method, path, body);
          expect({ method, status: res.status }).toEqual({ method, status: 400 });
          expect(res.body).toEqual({ statusCode: 400, message: expect.stringMatching(message), error: 'Bad Request' });
        }
      }
      for (const field of c.notNull) {
        const res = await api(t.url, 'PATCH', `${c.path}/${existing.id}`, { [field]: null });
        expect(res).toMatchObject({ status: 400, body: { message: `${field} must not be null` } });
      }
      expect(await list()).toEqual(before);
    });

    if (c.clearable) {
      const field = c.clearable;
      it(`clears ${field} with PATCH null`, async () => {
        const { body: existing } = await api<Row>(t.url, 'POST', c.path, c.full);
        expect(existing[field]).not.toBeNull();
        const res = await api<Row>(t.url, 'PATCH', `${c.path}/${existing.id}`, { [field]: null });
        expect(res).toMatchObject({ status: 200, body: { ...existing, [field]: null } });
        expect((await api(t.url, 'GET', `${c.path}/${existing.id}`)).body).toEqual(res.body);
      });
    }
  });

  it('refuses an AI model label that is blank, has whitespace or is over 200 characters', async () => {
    for (const [label, message] of [
      ['', 'label must not be empty'],
      ['openai/gpt 4o', 'label must not contain spaces or other whitespace'],
      ['a/' + 'b'.repeat(199), 'label must be at most 200 characters long, got 201'],
    ]) {
      const res = await api(t.url, 'POST', '/api/ai-models', { label });
      expect(res).toMatchObject({ status: 400, body: { message } });
    }
    const longest = await api(t.url, 'POST', '/api/ai-models', { label: 'a/' + 'b'.repeat(198) });
    expect(longest.status).toBe(201);
  });

  it('takes only configured providers and parameters within the contract ranges on AI models', async () => {
    for (const [body, message] of [
      [
        { provider: 'mistral' },
        'provider "mistral" is not configured on this server; the providers are: openrouter, openai, anthropic',
      ],
      [{ provider: null }, 'provider must be a provider id such as openrouter or anthropic'],
      [{ parameters: { temperature: 2.5 } }, 'parameters.temperature must be from 0 to 2'],
      [{ parameters: { topK: 1.5 } }, 'parameters.topK must be a whole number ≥ 0'],
      [{ parameters: { stop: ['a', 'b', 'c', 'd', 'e'] } }, 'parameters.stop takes at most 4 strings'],
      [
        { parameters: { reasoning: { effort: 'extreme' } } },
        'parameters.reasoning effort must be one of minimal, low, medium, high',
      ],
      [
        { parameters: { reasoning: { effort: 'low', maxTokens: 10 } } },
        'parameters.reasoning takes either effort or maxTokens, not both',
      ],
      [{ parameters: { warmth: 1 } }, 'parameters.property warmth should not exist'],
      [{ parameters: [] }, 'parameters must be an object'],
    ] as const) {
      const res = await api<{ message: string | string[] }>(t.url, 'POST', '/api/ai-models', { label: 'm', ...body });
      expect(res.status).toBe(400);
      expect([res.body.message].flat().join('; ')).toContain(message);
    }
    const ok = await api(t.url, 'POST', '/api/ai-models', {
      label: 'm',
      parameters: { temperature: 2, topP: 0, minP: 1, frequencyPenalty: -2, seed: -5, reasoning: { maxTokens: 1 } },
    });
    expect(ok.status).toBe(201);
  });

  it('refuses blank names', async () => {
    const res = await api(t.url, 'POST', '/api/characters', { name: '   ' });
    expect(res).toMatchObject({ status: 400, body: { message: 'name must not be empty' } });
  });

  it('keeps 100,000-character texts and refuses longer ones', async () => {
    const content = 'é'.repeat(100_000);
    const ok = await api<Row>(t.url, 'POST', '/api/system-prompts', { name: 'Long', content });
    expect(ok.status).toBe(201);
    expect((await api<Row>(t.url, 'GET', `/api/system-prompts/${ok.body.id}`)).body.content).toBe(content);
    const tooLong = await api(t.url, 'PATCH', `/api/system-prompts/${ok.body.id}`, { content: content + '!' });
    expect(tooLong).toMatchObject({
      status: 400,
      body: { message: 'content must be at most 100000 characters long, got 100001' },
    });
  });

  it('refuses a body over the default BODY_LIMIT_BYTES of 1 MiB with a 413, creating nothing', async () => {
    const before = (await api(t.url, 'GET', '/api/characters')).body;
    const res = await api(t.url, 'POST', '/api/characters', { name: 'Big', description: 'd'.repeat(1024 * 1024) });
    expect(res).toMatchObject({ status: 413, body: { statusCode: 413, error: 'Payload Too Large' } });
    expect((await api(t.url, 'GET', '/api/characters')).body).toEqual(before);
  });

  describe('pages with ?limit=&offset=', () => {
    let ids: number[];
    beforeAll(async () => {
      ids = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await api<Row>(t.url, 'POST', '/api/user-profiles', { name: `Page ${i}` })).body.id);
      }
    });

    it('orders by id, and takes limit after skipping offset', async () => {
      const all = (await api<Row[]>(t.url, 'GET', '/api/user-profiles')).body.map((p) => p.id);
      expect(all).toEqual(expect.arrayContaining(ids));
      const at = all.indexOf(ids[0]);
      const page = await api<Row[]>(t.url, 'GET', `/api/user-profiles?limit=2&offset=${at + 1}`);
      expect(page.status).toBe(200);
      expect(page.body.map((p) => p.id)).toEqual([ids[1], ids[2]]);
      const beyond = await api<Row[]>(t.url, 'GET', '/api/user-profiles?offset=100000');
      expect(beyond).toMatchObject({ status: 200, body: [] });
    });

    it('refuses a limit or offset out of range, or an unknown parameter, with a 400', async () => {
      for (const [query, message] of [
        ['limit=0', 'limit must be a whole number from 1 to 500, got 0'],
        ['limit=501', 'limit must be a whole number from 1 to 500, got 501'],
        ['limit=ten', 'limit must be a whole number from 1 to 500, got "ten"'],
        ['offset=-1', 'offset must be a whole number from 0 to 2147483647, got "-1"'],
        ['offset=99999999999', 'offset must be a whole number from 0 to 2147483647, got 99999999999'],
        ['sort=name', 'property sort should not exist'],
      ]) {
        const res = await api(t.url, 'GET', `/api/user-profiles?${query}`);
        expect({ query, status: res.status, body: res.body }).toEqual({
          query,
          status: 400,
          body: { statusCode: 400, message, error: 'Bad Request' },
        });
      }
    });
  });
});
