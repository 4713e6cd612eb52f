import { expect } from '@jest/globals';
import { ResourceDomainError, ResourceErrorCode } from '../src/resources/resource.errors';
import { DataSource } from 'typeorm';
import { startTestApp, api, TestApp, TEST_DB } from './support/test-app';
import { MessagesService } from '../src/messages/messages.service';

interface Message {
  id: number;
  chatSessionId: number;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
}

describe(`messages (${TEST_DB})`, () => {
  let t: TestApp;
  let messages: MessagesService;
  let db: DataSource;
  let aiModelId: number;

  const newSession = async (): Promise<number> => {
    const res = await api<{ id: number }>(t.url, 'POST', '/api/chat-sessions', { aiModelId });
    return res.body.id;
  };
  const page = async (sessionId: number, query = ''): Promise<Message[]> => {
    const res = await api<Message[]>(t.url, 'GET', `/api/chat-sessions/${sessionId}/messages${query}`);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body;
  };
  const contents = (list: Message[]) => list.map((m) => m.content);
  /** Runs `use` while 'token-a' is the stored OpenRouter key's token (a stand-in: never decrypted here). */
  const withStoredToken = async <T>(use: () => Promise<T>): Promise<T> => {
    await db.query(
      `INSERT INTO application_settings (key, value) VALUES ('openrouter_api_key', 'token-a')
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    );
    try {
      return await use();
    } finally {
      await db.query(`DELETE FROM application_settings WHERE key = 'openrouter_api_key'`);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    messages = t.app.get(MessagesService);
    db = t.app.get(DataSource);
    aiModelId = (await api<{ id: number }>(t.url, 'POST', '/api/ai-models', { label: 'openai/gpt-4o-mini' })).body.id;
  }, 60_000);
  afterAll(() => t.close());

  it('saves user and assistant messages through MessagesService and lists them oldest first', async () => {
    const sessionId = await newSession();
    expect(await page(sessionId)).toEqual([]);
    const user = await messages.createUserMessage(sessionId, 'Hello');
    const assistant = await messages.createAssistantMessage(sessionId, 'Hi there');
    expect(user).toMatchObject({ id: expect.any(Number), chatSessionId: sessionId, role: 'user', content: 'Hello' });
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(assistant).toMatchObject({ chatSessionId: sessionId, role: 'assistant', content: 'Hi there' });

    const listed = await page(sessionId);
    expect(listed).toEqual([messages.toDto(user), messages.toDto(assistant)]);
    expect(listed[0]).toEqual({
      id: user.id,
      chatSessionId: sessionId,
      role: 'user',
      content: 'Hello',
      createdAt: user.createdAt.toISOString(),
      variantIndex: 0,
      variantCount: 1,
      partial: false,
      model: null,
      reasoning: null,
      usage: null,
    });
    expect(await messages.findOne(assistant.id)).toEqual(assistant);

    // What a send reads for the prompt: the earlier messages; without an opened key's token it saves nothing.
    const read = await messages.createUserMessageIfSendable(sessionId, 'And you?', []);
    expect(read?.message).toBeNull();
    expect(read?.history.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hello'],
      ['assistant', 'Hi there'],
    ]);
    expect(await page(sessionId)).toEqual(listed);
  });

  it('a send into a new session has no history', async () => {
    const sessionId = await newSession();
    const first = await withStoredToken(() => messages.createUserMessageIfSendable(sessionId, 'Hello', ['token-a']));
    expect(first?.history).toEqual([]);
    expect(first?.message).toMatchObject({
      id: expect.any(Number),
      chatSessionId: sessionId,
      role: 'user',
      content: 'Hello',
    });
    expect(await messages.findOne(first!.message!.id)).toEqual(first?.message);
    expect(await page(sessionId)).toEqual([messages.toDto(first!.message!)]);
  });

  it("saves a send's message in its one statement only while the session has a model and the key's token is the one given", async () => {
    const sessionId = await newSession();
    await withStoredToken(async () => {
      const stale = await messages.createUserMessageIfSendable(sessionId, 'Hello', ['token-b']);
      expect(stale).toMatchObject({ context: { model: 'openai/gpt-4o-mini', apiKeyToken: 'token-a' }, message: null });
      expect(await messages.createUserMessageIfSendable(sessionId, 'Hello', [])).toMatchObject({ message: null });
      expect(await page(sessionId)).toEqual([]);

      const first = await messages.createUserMessageIfSendable(sessionId, 'Hello', ['token-a']);
      expect(first?.history).toEqual([]);
      const second = await messages.createUserMessageIfSendable(sessionId, 'Again', ['token-a']);
      expect(second?.history.map((m) => [m.role, m.content])).toEqual([['user', 'Hello']]);
      expect(await page(sessionId)).toEqual([first, second].map((s) => messages.toDto(s!.message!)));

      expect(await messages.createUserMessageIfSendable(987654, 'x', ['token-a'])).toBeUndefined();
    });
  });

  it('saves nothing in the one statement when the model has a context length: the budget comes first', async () => {
    const model = await api<{ id: number }>(t.url, 'POST', '/api/ai-models', {
      label: 'openai/gpt-4o-mini',
      contextLength: 8000,
    });
    const session = await api<{ id: number }>(t.url, 'POST', '/api/chat-sessions', { aiModelId: model.body.id });
    const sessionId = session.body.id;
    await messages.createUserMessage(sessionId, 'Earlier');
    await withStoredToken(async () => {
      const sent = await messages.createUserMessageIfSendable(sessionId, 'Hello', ['token-a']);
      expect(sent).toMatchObject({ context: { contextLength: 8000 }, message: null });
      expect(sent?.history.map((m) => [m.role, m.content])).toEqual([['user', 'Earlier']]);
      expect(contents(await page(sessionId))).toEqual(['Earlier']);
    });
  });

  it('refuses to save a message in a session that does not exist, with a 404', async () => {
    await expect(messages.createUserMessage(987654, 'x')).rejects.toThrow(
      new ResourceDomainError(ResourceErrorCode.NotFound, 'Chat session 987654 does not exist'),
    );
    await expect(messages.createAssistantMessage(987654, 'x')).rejects.toThrow(ResourceDomainError);
    await expect(messages.findOne(987654)).rejects.toThrow(
      new ResourceDomainError(ResourceErrorCode.NotFound, 'Message 987654 does not exist'),
    );
  });

  it('answers 404 for an unknown session and 400 for a malformed session id', async () => {
    const res = await api(t.url, 'GET', '/api/chat-sessions/987654/messages');
    expect(res).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: 'Chat session 987654 does not exist', error: 'Not Found' },
    });
    for (const id of ['abc', '0', '-4', '99999999999']) {
      expect((await api(t.url, 'GET', `/api/chat-sessions/${id}/messages`)).status).toBe(400);
    }
  });

  describe('ordering and paging', () => {
    let sessionId: number;
    let otherSessionId: number;
    /** Contents in conversation order (created_at, then id). */
    const ORDER = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
    // Inserted out of time order, with two ties on created_at, so that neither the id alone
    // nor created_at alone gives the conversation order.
    const seed = async (id: number): Promise<void> => {
      const rows: [string, string][] = [
        ['m3', '2026-01-01T10:00:02.000001Z'],
        ['m1', '2026-01-01T10:00:00Z'],
        ['m4', '2026-01-01T10:00:02.000001Z'],
        ['m2', '2026-01-01T10:00:01Z'],
        ['m6', '2026-01-01T10:00:04Z'],
        ['m5', '2026-01-01T10:00:03Z'],
        ['m7', '2026-01-01T10:00:04Z'],
      ];
      for (const [content, at] of rows) {
        await db.query(`INSERT INTO messages (chat_session_id, role, content, created_at) VALUES ($1, $2, $3, $4)`, [
          id,
          content === 'm1' ? 'user' : 'assistant',
          content,
          at,
        ]);
      }
    };

    beforeAll(async () => {
      sessionId = await newSession();
      otherSessionId = await newSession();
      await seed(sessionId);
      await messages.createUserMessage(otherSessionId, 'elsewhere');
    });

    it('lists all messages oldest first (created_at, then id) when they fit in one page', async () => {
      expect(contents(await page(sessionId))).toEqual(ORDER);
      expect(contents(await page(sessionId, '?limit=7'))).toEqual(ORDER);
    });

    it('gives a send the earlier messages in the same order, with their roles', async () => {
      const copy = await newSession();
      await seed(copy);
      const read = await messages.createUserMessageIfSendable(copy, 'm8', []);
      expect(read?.history.map((m) => m.content)).toEqual(ORDER);
      expect(read?.history.map((m) => m.role)).toEqual(ORDER.map((c) => (c === 'm1' ? 'user' : 'assistant')));
      expect(contents(await page(copy))).toEqual(ORDER);
    });

    it('gives the same order through the one-statement send', async () => {
      const copy = await newSession();
      await seed(copy);
      const sent = await withStoredToken(() => messages.createUserMessageIfSendable(copy, 'm8', ['token-a']));
      expect(sent?.history.map((m) => m.content)).toEqual(ORDER);
      expect(contents(await page(copy))).toEqual([...ORDER, 'm8']);
    });

    it('pages forward with afterId until a short page, covering every message once', async () => {
      const seen: string[] = [];
      let query = '?limit=3';
      for (;;) {
        const got = await page(sessionId, query);
        seen.push(...contents(got));
        if (got.length < 3) break;
        query = `?limit=3&afterId=${got[got.length - 1].id}`;
      }
      expect(seen).toEqual(ORDER);
    });

    it('pages backward with beforeId from latest=true, each page oldest first', async () => {
      const last = await page(sessionId, '?limit=3&latest=true');
      expect(contents(last)).toEqual(['m5', 'm6', 'm7']);
      const middle = await page(sessionId, `?limit=3&beforeId=${last[0].id}`);
      expect(contents(middle)).toEqual(['m2', 'm3', 'm4']);
      const first = await page(sessionId, `?limit=3&beforeId=${middle[0].id}`);
      expect(contents(first)).toEqual(['m1']);
      expect(await page(sessionId, `?beforeId=${first[0].id}`)).toEqual([]);
    });

    it('keeps ties on created_at in id order across a page boundary', async () => {
      const upToM3 = await page(sessionId, '?limit=3');
      expect(contents(await page(sessionId, `?limit=1&afterId=${upToM3[2].id}`))).toEqual(['m4']);
      const m4 = (await page(sessionId, '?limit=4')).at(-1)!;
      expect(contents(await page(sessionId, `?limit=1&beforeId=${m4.id}`))).toEqual(['m3']);
    });

    it('refuses a cursor of another session, two starting points or a bad limit, with a 400', async () => {
      const [foreign] = await page(otherSessionId);
      const [own] = await page(sessionId, '?limit=1');
      for (const [query, message] of [
        [`?afterId=${foreign.id}`, `afterId ${foreign.id} is not a message of chat session ${sessionId}`],
        [`?beforeId=${foreign.id}`, `beforeId ${foreign.id} is not a message of chat session ${sessionId}`],
        [
          `?afterId=${own.id}&beforeId=${own.id}`,
          'Use only one of afterId, beforeId and latest=true; got afterId and beforeId',
        ],
        ['?limit=1001', 'limit must be a whole number from 1 to 1000, got 1001'],
        ['?limit=0', 'limit must be a whole number from 1 to 1000, got 0'],
        ['?afterId=first', 'afterId must be a whole number from 1 to 2147483647, got "first"'],
        ['?latest=yes', 'latest must be true or false'],
        ['?offset=3', 'property offset should not exist'],
      ]) {
        const res = await api(t.url, 'GET', `/api/chat-sessions/${sessionId}/messages${query}`);
        expect({ query, body: res.body }).toEqual({ query, body: { statusCode: 400, message, error: 'Bad Request' } });
      }
    });
  });

  it('returns the first 100 by default and up to 1000 with ?limit=', async () => {
    const sessionId = await newSession();
    await db.query(
      `INSERT INTO messages (chat_session_id, role, content, created_at)
       SELECT $1, 'user', 'n' || i, timestamptz '2026-01-01' + i * interval '1 second' FROM generate_series(1, 1001) AS i`,
      [sessionId],
    );
    const first = await page(sessionId);
    expect(first).toHaveLength(100);
    expect(first[0].content).toBe('n1');
    expect(first[99].content).toBe('n100');
    const most = await page(sessionId, '?limit=1000');
    expect(most).toHaveLength(1000);
    expect(most[999].content).toBe('n1000');
    expect(contents(await page(sessionId, `?afterId=${most[999].id}`))).toEqual(['n1001']);
  });
});
