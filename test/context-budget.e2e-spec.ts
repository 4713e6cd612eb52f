import { describe, expect, it, beforeAll, afterAll, beforeEach } from '@jest/globals';
import { DataSource } from 'typeorm';
import { SettingsService } from '../src/settings/settings.service';
import { api, TEST_DB } from './support/test-app';
import { DEFAULT_MODEL } from './support/fake-openrouter';
import { GenerationFixture, messageRows, send, startGenerationApp } from './support/generation-fixture';

/** Long chats fit the model's window: the oldest messages are left out, never the rest. */
describe(`context budget (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  async function session(model: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<number> {
    const m = await api<{ id: number }>(f.t.url, 'POST', '/api/ai-models', { label: DEFAULT_MODEL, ...model });
    expect(m.status).toBe(201);
    const s = await api<{ id: number }>(f.t.url, 'POST', '/api/chat-sessions', { aiModelId: m.body.id, ...extra });
    return s.body.id;
  }

  async function chat(sessionId: number, turns: number): Promise<void> {
    for (let i = 0; i < turns; i++) {
      // Each turn: a user message of ~50 tokens and the stand-in's short reply.
      const sender = await send(f.t.url, sessionId, `Turn ${i}: ${'lorem ipsum '.repeat(25)}`);
      expect((await sender.waitForEnd()).type).toBe('done');
    }
  }

  it('leaves out the oldest messages to fit, reserves the reply as max_tokens, and says so on start', async () => {
    const sessionId = await session({ contextLength: 400, parameters: { maxTokens: 100 } });
    await chat(sessionId, 6);
    f.fake.reset();

    const sender = await send(f.t.url, sessionId, 'And now?');
    await sender.waitForEnd();

    const start = sender.events[0].data as unknown as { trimmedMessages: number; promptTokens: number };
    expect(start.trimmedMessages).toBeGreaterThan(0);
    expect(start.promptTokens).toBeLessThanOrEqual(300);
    const body = (await f.fake.waitForRequest(0)).body as { messages: Array<{ content: string }>; max_tokens?: number };
    expect(body.max_tokens).toBe(100);
    // The newest history is kept, the oldest left out, in order, and the new message is last.
    const sent = body.messages.map((m) => m.content);
    expect(sent.at(-1)).toBe('And now?');
    expect(sent.some((c) => c.startsWith('Turn 0:'))).toBe(false);
    expect(sent.some((c) => c.startsWith('Turn 5:'))).toBe(true);
    expect(sent.length).toBe(12 - start.trimmedMessages + 1);
  });

  it('sends everything when the model has no context length, and still counts the prompt', async () => {
    const sessionId = await session({});
    await chat(sessionId, 2);
    const sender = await send(f.t.url, sessionId, 'Hi');
    await sender.waitForEnd();
    expect(sender.events[0].data).toMatchObject({ trimmedMessages: 0, promptTokens: expect.any(Number) });
    expect(((await f.fake.waitForRequest(2)).body as { max_tokens?: number }).max_tokens).toBeUndefined();
  });

  it('refuses with 400 before anything is saved, when even the system part and the new message do not fit', async () => {
    const sessionId = await session({ contextLength: 300 }, { preSystemPrompt: 'word '.repeat(400) });
    // Whatever writes a message takes an id from this sequence, even when the write is undone later.
    const ds = f.t.app.get(DataSource);
    const sequence = () =>
      ds.query<Array<{ last_value: string; is_called: boolean }>>(
        'SELECT last_value::text AS last_value, is_called FROM messages_id_seq',
      );
    const refuse = async () => {
      const before = await sequence();
      const res = await api<{ message: string }>(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/send-message`, {
        content: 'Hello',
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/tokens without any earlier message .* takes 300 in all/);
      expect(await sequence()).toEqual(before);
    };
    // The first may find the key not opened yet on this instance; the second finds it opened, and
    // so takes the one-statement send that saves the message when nothing can refuse it.
    await refuse();
    expect(f.t.app.get(SettingsService).openedApiKeyTokens()).toHaveLength(1);
    await refuse();
    expect(await messageRows(f.t, sessionId)).toEqual([]);
    expect(f.fake.chatRequests).toHaveLength(0);
    const again = await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/regenerate`, {});
    expect(again.status).toBe(409);
  });

  it('a send that fits a model with a context length saves its message once, after the budget', async () => {
    const sessionId = await session({ contextLength: 4000 });
    await chat(sessionId, 1);
    const sender = await send(f.t.url, sessionId, 'Still here?');
    expect((await sender.waitForEnd()).type).toBe('done');
    const start = sender.events[0].data as unknown as { userMessage: { id: number; content: string } };
    const rows = await messageRows(f.t, sessionId);
    expect(rows.map((r) => [r.role, r.content.slice(0, 7)])).toEqual([
      ['user', 'Turn 0:'],
      ['assistant', expect.any(String)],
      ['user', 'Still h'],
      ['assistant', expect.any(String)],
    ]);
    expect(rows[2].id).toBe(start.userMessage.id);
    // The history sent is the one read before the message was saved: the new message once, last.
    const body = (await f.fake.waitForRequest(1)).body as { messages: Array<{ content: string }> };
    expect(body.messages.filter((m) => m.content === 'Still here?')).toHaveLength(1);
    expect(body.messages.at(-1)?.content).toBe('Still here?');
  });

  it('stores each message’s token count as it is saved', async () => {
    const sessionId = await session({});
    await chat(sessionId, 1);
    const rows = await f.t.app
      .get(DataSource)
      .query<Array<{ role: string; token_count: number | null }>>(
        'SELECT role, token_count FROM messages WHERE chat_session_id = $1 ORDER BY id',
        [sessionId],
      );
    expect(rows.map((r) => r.role)).toEqual(['user', 'assistant']);
    for (const r of rows) expect(r.token_count).toBeGreaterThan(0);
  });
});
