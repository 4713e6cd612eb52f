import { api, TEST_DB } from './support/test-app';
import { rawRequest } from './support/raw-http';
import { createSession, GenerationFixture, messageRows, send, startGenerationApp } from './support/generation-fixture';

/**
 * What is streamed is what is saved: text that UTF-8 (and so PostgreSQL) cannot hold as sent is
 * refused up front, and a body is read only as the UTF-8 it must be.
 */
const LONE = 'a\ud800b';
const WELL_FORMED_PROBLEM = /must be well-formed Unicode text/;

describe(`text and body encoding (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let url: string;
  beforeAll(async () => {
    f = await startGenerationApp();
    url = f.t.url;
  }, 60_000);
  afterAll(() => f.close());

  describe('a lone surrogate in send-message content', () => {
    it.each([true, false])(
      'is refused with 400 before anything is saved or sent upstream (stream: %p)',
      async (stream) => {
        const sessionId = await createSession(url);
        const calls = f.fake.requests.length;
        const res = await api<{ message: string }>(url, 'POST', `/api/chat-sessions/${sessionId}/send-message`, {
          content: LONE,
          stream,
        });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          statusCode: 400,
          message: expect.stringMatching(/^content must be well-formed Unicode text/) as unknown,
          error: 'Bad Request',
        });
        expect(await messageRows(f.t, sessionId)).toEqual([]);
        expect(f.fake.requests.length).toBe(calls);
      },
    );

    it('while a proper pair (an emoji) is streamed and saved exactly as sent', async () => {
      const sessionId = await createSession(url);
      const content = 'smile \ud83d\ude00 please';
      f.fake.enqueue({ chunks: ['ok \ud83d\ude00'] });
      const stream = await send(url, sessionId, content);
      const start = await stream.waitFor((e) => e.type === 'start');
      await stream.waitFor((e) => e.type === 'done');
      expect((start.data.userMessage as { content: string }).content).toBe(content);
      const rows = await messageRows(f.t, sessionId);
      expect(rows.map((r) => r.content)).toEqual([content, 'ok \ud83d\ude00']);
    });
  });

  describe('a lone surrogate in a resource text field', () => {
    it.each([
      ['/api/characters', { name: LONE }, 'name'],
      ['/api/characters', { name: 'Ann', description: LONE }, 'description'],
      ['/api/user-profiles', { name: 'Me', description: 'x\udc00' }, 'description'],
      ['/api/system-prompts', { name: 'P', content: LONE }, 'content'],
      ['/api/ai-models', { label: 'openai/gpt-4o-mini', name: LONE }, 'name'],
    ])('POST %s %j is refused naming the field', async (path, body, field) => {
      const before = (await api<unknown[]>(url, 'GET', path)).body;
      const res = await api<{ message: string }>(url, 'POST', path, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(new RegExp(`^${field} must be well-formed Unicode text`));
      expect((await api<unknown[]>(url, 'GET', path)).body).toEqual(before);
    });

    it('PATCH of a chat session prompt is refused too, and leaves it unchanged', async () => {
      const sessionId = await createSession(url, { preSystemPrompt: 'before' });
      const res = await api<{ message: string }>(url, 'PATCH', `/api/chat-sessions/${sessionId}`, {
        postSystemPrompt: LONE,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(WELL_FORMED_PROBLEM);
      const session = await api<{ preSystemPrompt: string; postSystemPrompt: string | null }>(
        url,
        'GET',
        `/api/chat-sessions/${sessionId}`,
      );
      expect(session.body.postSystemPrompt ?? null).toBeNull();
    });
  });

  describe('the bytes of a JSON body', () => {
    const post = (headers: Record<string, string>, body: Buffer | string) =>
      rawRequest(url, 'POST', '/api/characters', { host: 'localhost', ...headers }, body);

    it.each([
      ['Latin-1 é', Buffer.concat([Buffer.from('{"name":"Ren'), Buffer.from([0xe9]), Buffer.from('e"}')])],
      [
        'an encoded surrogate',
        Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
      ],
      ['a stray continuation byte', Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0x80]), Buffer.from('"}')])],
    ])('that are not UTF-8 (%s) get 400 saying so', async (_name, bytes) => {
      const res = await post({ 'content-type': 'application/json' }, bytes);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        message: 'The request body is not valid UTF-8: send JSON text encoded as UTF-8',
        error: 'Bad Request',
      });
    });

    it.each(['iso-8859-1', 'utf-16', '"windows-1252"'])(
      'declared as charset=%s get 415 asking for UTF-8',
      async (charset) => {
        const res = await post({ 'content-type': `application/json; charset=${charset}` }, '{"name":"x"}');
        expect(res.status).toBe(415);
        expect(res.body).toEqual({
          statusCode: 415,
          message: expect.stringMatching(/send JSON as UTF-8/) as unknown,
          error: 'Unsupported Media Type',
        });
      },
    );

    it.each(['application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; charset=utf8'])(
      'declared as %p are read',
      async (type) => {
        const res = await post({ 'content-type': type }, Buffer.from('{"name":"Renée 😀"}'));
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ name: 'Renée 😀' });
      },
    );

    it('with a UTF-8 byte order mark are read', async () => {
      const res = await post(
        { 'content-type': 'application/json' },
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"bom"}')]),
      );
      expect(res.status).toBe(201);
    });

    it('still refuses prototype pollution and malformed JSON with 400', async () => {
      expect((await post({ 'content-type': 'application/json' }, '{"name":"x","__proto__":{"a":1}}')).status).toBe(400);
      expect((await post({ 'content-type': 'application/json' }, '{bad')).status).toBe(400);
    });
  });
});
