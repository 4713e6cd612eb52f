import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, api, TestApp, TEST_DB } from './support/test-app';
import { MessagesService } from '../src/messages/messages.service';

type Json = Record<string, unknown>;
/** A stored resource as the API returns it: every one has a numeric id. */
type Row = Json & { id: number };

describe(`chat sessions (${TEST_DB})`, () => {
  let t: TestApp;
  let model: Row;
  let otherModel: Row;
  let prompt: Row;
  let character: Row;
  let profile: Row;

  const post = async (path: string, body: Json): Promise<Row> => {
    const res = await api<Row>(t.url, 'POST', path, body);
    expect(res.status).toBe(201);
    return res.body;
  };
  /** A session with every field and reference set. */
  const fullSession = (name: string, pre: string, post: string): Json => ({
    name,
    aiModelId: model.id,
    systemPromptId: prompt.id,
    characterId: character.id,
    userProfileId: profile.id,
    preSystemPrompt: pre,
    postSystemPrompt: post,
  });
  const sessions = async () => (await api<Json[]>(t.url, 'GET', '/api/chat-sessions?limit=500')).body;

  beforeAll(async () => {
    t = await startTestApp();
    model = await post('/api/ai-models', { label: 'openai/gpt-4o-mini', name: 'Mini' });
    otherModel = await post('/api/ai-models', { label: 'mistralai/mistral-large' });
    prompt = await post('/api/system-prompts', { name: 'Narrator', content: 'You narrate.' });
    character = await post('/api/characters', { name: 'Mira', description: 'A navigator.' });
    profile = await post('/api/user-profiles', { name: 'Sam', description: 'Likes tea.' });
  }, 60_000);
  afterAll(() => t.close());

  it('creates a session with only a model: the other references and texts are null, the model embedded', async () => {
    const created = await post('/api/chat-sessions', { aiModelId: model.id });
    expect(created).toEqual({
      id: expect.any(Number),
      name: null,
      aiModelId: model.id,
      systemPromptId: null,
      characterId: null,
      userProfileId: null,
      preSystemPrompt: null,
      postSystemPrompt: null,
      keepPartialOnCancel: false,
      parameters: null,
      createdAt: expect.stringMatching(/Z$/),
      aiModel: model,
      systemPrompt: null,
      character: null,
      userProfile: null,
    });
    expect((await api(t.url, 'GET', `/api/chat-sessions/${created.id}`)).body).toEqual(created);
  });

  it('embeds the AI model, system prompt, character and user profile in GET /:id and in the list', async () => {
    const created = await post(
      '/api/chat-sessions',
      fullSession('Lighthouse', 'Stay in character.', 'Answer in two sentences.'),
    );
    const got = await api<Json>(t.url, 'GET', `/api/chat-sessions/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created);
    expect(got.body).toMatchObject({
      name: 'Lighthouse',
      systemPromptId: prompt.id,
      characterId: character.id,
      userProfileId: profile.id,
      preSystemPrompt: 'Stay in character.',
      postSystemPrompt: 'Answer in two sentences.',
      aiModel: model,
      systemPrompt: prompt,
      character,
      userProfile: profile,
    });
    const listed = await sessions();
    expect(listed.find((s) => s.id === created.id)).toEqual(created);
    const ids = listed.map((s) => s.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('refuses references to records that do not exist with a 400 naming each, creating nothing', async () => {
    const before = await sessions();
    const res = await api(t.url, 'POST', '/api/chat-sessions', {
      aiModelId: 9999,
      systemPromptId: 9998,
      characterId: character.id,
      userProfileId: 9997,
    });
    expect(res).toEqual({
      status: 400,
      headers: expect.anything(),
      body: {
        statusCode: 400,
        message:
          'aiModelId 9999 does not refer to an existing AI model; systemPromptId 9998 does not refer to an existing ' +
          'system prompt; userProfileId 9997 does not refer to an existing user profile',
        error: 'Bad Request',
      },
    });
    for (const [body, message] of [
      [{}, 'aiModelId is required'],
      [{ aiModelId: null }, 'aiModelId must not be null'],
      [{ aiModelId: String(model.id) }, `aiModelId must be a whole number from 1 to 2147483647, got "${model.id}"`],
      [{ aiModelId: 0 }, 'aiModelId must be a whole number from 1 to 2147483647, got 0'],
      [{ aiModelId: 2 ** 31 }, 'aiModelId must be a whole number from 1 to 2147483647, got 2147483648'],
      [{ aiModelId: model.id, characterId: 1.5 }, 'characterId must be a whole number from 1 to 2147483647, got 1.5'],
      [{ aiModelId: model.id, name: 'x'.repeat(201) }, 'name must be at most 200 characters long, got 201'],
      [{ aiModelId: model.id, chatSessionId: 3 }, 'property chatSessionId should not exist'],
    ] as [Json, string][]) {
      const bad = await api(t.url, 'POST', '/api/chat-sessions', body);
      expect({ body, res: bad.body }).toEqual({ body, res: { statusCode: 400, message, error: 'Bad Request' } });
    }
    expect(await sessions()).toEqual(before);
  });

  it('PATCHes in part: null clears optional fields and references, aiModelId switches the model', async () => {
    const created = await post('/api/chat-sessions', fullSession('To clear', 'pre', 'post'));
    const path = `/api/chat-sessions/${created.id}`;

    const renamed = await api<Json>(t.url, 'PATCH', path, { name: 'Renamed' });
    expect(renamed).toMatchObject({ status: 200, body: { ...created, name: 'Renamed' } });

    const cleared = await api<Json>(t.url, 'PATCH', path, {
      name: null,
      systemPromptId: null,
      characterId: null,
      userProfileId: null,
      preSystemPrompt: null,
      postSystemPrompt: null,
      keepPartialOnCancel: false,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({
      ...created,
      name: null,
      systemPromptId: null,
      characterId: null,
      userProfileId: null,
      preSystemPrompt: null,
      postSystemPrompt: null,
      keepPartialOnCancel: false,
      systemPrompt: null,
      character: null,
      userProfile: null,
    });

    const switched = await api<Json>(t.url, 'PATCH', path, { aiModelId: otherModel.id, characterId: character.id });
    expect(switched.body).toMatchObject({
      aiModelId: otherModel.id,
      aiModel: otherModel,
      characterId: character.id,
      character,
    });
    expect((await api(t.url, 'GET', path)).body).toEqual(switched.body);

    for (const [body, message] of [
      [{ aiModelId: null }, 'aiModelId must not be null'],
      [{ aiModelId: 9999 }, 'aiModelId 9999 does not refer to an existing AI model'],
      [{ characterId: 9999, name: 'never saved' }, 'characterId 9999 does not refer to an existing character'],
      [{ systemPromptId: 'one' }, 'systemPromptId must be a whole number from 1 to 2147483647, got "one"'],
      [{ id: 5 }, 'property id should not exist'],
    ] as [Json, string][]) {
      const bad = await api(t.url, 'PATCH', path, body);
      expect({ body, res: bad.body }).toEqual({ body, res: { statusCode: 400, message, error: 'Bad Request' } });
    }
    expect((await api(t.url, 'GET', path)).body).toEqual(switched.body);
  });

  it('answers 404 for an unknown session on GET, PATCH and DELETE, and 400 for a malformed id', async () => {
    for (const [method, body] of [['GET'], ['PATCH', { name: 'x', aiModelId: 9999 }], ['DELETE']] as [
      string,
      Json?,
    ][]) {
      const res = await api(t.url, method, '/api/chat-sessions/424242', body);
      expect({ method, res: res.body }).toEqual({
        method,
        res: { statusCode: 404, message: 'Chat session 424242 does not exist', error: 'Not Found' },
      });
      const malformed = await api(t.url, method, '/api/chat-sessions/abc', body);
      expect(malformed.status).toBe(400);
    }
  });

  it('sets a reference to null when the system prompt, character or user profile it names is deleted', async () => {
    const p = await post('/api/system-prompts', { name: 'Doomed', content: 'x' });
    const c = await post('/api/characters', { name: 'Doomed' });
    const u = await post('/api/user-profiles', { name: 'Doomed' });
    const s = await post('/api/chat-sessions', {
      aiModelId: model.id,
      systemPromptId: p.id,
      characterId: c.id,
      userProfileId: u.id,
    });
    for (const path of [`/api/system-prompts/${p.id}`, `/api/characters/${c.id}`, `/api/user-profiles/${u.id}`]) {
      expect((await api(t.url, 'DELETE', path)).status).toBe(204);
    }
    const got = await api<Json>(t.url, 'GET', `/api/chat-sessions/${s.id}`);
    expect(got.body).toMatchObject({
      systemPromptId: null,
      characterId: null,
      userProfileId: null,
      systemPrompt: null,
      character: null,
      userProfile: null,
      aiModel: model,
    });
  });

  it('refuses to delete an AI model that sessions use (409 naming them), and deletes it once they are gone', async () => {
    const m = await post('/api/ai-models', { label: 'meta-llama/llama-3-70b' });
    const a = await post('/api/chat-sessions', { aiModelId: m.id });
    const b = await post('/api/chat-sessions', { aiModelId: m.id });
    const refused = await api(t.url, 'DELETE', `/api/ai-models/${m.id}`);
    expect(refused).toMatchObject({
      status: 409,
      body: {
        statusCode: 409,
        message: `AI model ${m.id} is used by chat sessions ${a.id}, ${b.id}: switch them to another model or delete them first`,
        error: 'Conflict',
      },
    });
    expect((await api(t.url, 'GET', `/api/ai-models/${m.id}`)).status).toBe(200);

    expect((await api(t.url, 'PATCH', `/api/chat-sessions/${a.id}`, { aiModelId: model.id })).status).toBe(200);
    expect((await api(t.url, 'DELETE', `/api/chat-sessions/${b.id}`)).status).toBe(204);
    expect((await api(t.url, 'DELETE', `/api/ai-models/${m.id}`)).status).toBe(204);
  });

  it('deletes the messages of a deleted session, and only those', async () => {
    const messages = t.app.get(MessagesService);
    const doomed = await post('/api/chat-sessions', { aiModelId: model.id });
    const kept = await post('/api/chat-sessions', { aiModelId: model.id });
    await messages.createUserMessage(doomed.id, 'Hello');
    await messages.createAssistantMessage(doomed.id, 'Hi there');
    const keptMessage = await messages.createUserMessage(kept.id, 'Still here');

    const res = await api(t.url, 'DELETE', `/api/chat-sessions/${doomed.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();

    const rows: { count: string }[] = await t.app
      .get(DataSource)
      .query('SELECT count(*) AS count FROM messages WHERE chat_session_id = $1', [doomed.id]);
    expect(Number(rows[0].count)).toBe(0);
    expect((await api(t.url, 'GET', `/api/chat-sessions/${doomed.id}/messages`)).status).toBe(404);
    expect((await api(t.url, 'GET', `/api/chat-sessions/${kept.id}/messages`)).body).toEqual([
      messages.toDto(keptMessage),
    ]);
  });

  it('pages the list with ?limit=&offset=', async () => {
    const all = await sessions();
    expect(all.length).toBeGreaterThan(3);
    const page = await api<Json[]>(t.url, 'GET', '/api/chat-sessions?limit=2&offset=1');
    expect(page.body).toEqual(all.slice(1, 3));
  });
});
