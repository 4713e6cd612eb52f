import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { FakeAnthropic } from '../stand-ins/anthropic';
import { FakeOpenRouter } from './support/fake-openrouter';
import { api, TEST_DB, TestApp, startTestApp } from './support/test-app';
import { send, attach } from './support/generation-fixture';

const ANTHROPIC_KEY = 'sk-ant-api03-right-key-000000001';
const OR_KEY = 'sk-or-v1-' + 'c'.repeat(64);

/** A chat's model picks its provider: the whole path, HTTP in, the right stand-in called, SSE out. */
describe(`generation through each provider (${TEST_DB})`, () => {
  let openrouter: FakeOpenRouter;
  let local: FakeOpenRouter;
  let anthropic: FakeAnthropic;
  let t: TestApp;

  beforeAll(async () => {
    [openrouter, local, anthropic] = await Promise.all([
      FakeOpenRouter.start(),
      FakeOpenRouter.start({ keyless: true }),
      FakeAnthropic.start({ validKeys: [ANTHROPIC_KEY] }),
    ]);
    t = await startTestApp({
      OPENROUTER_BASE_URL: openrouter.url,
      ANTHROPIC_BASE_URL: anthropic.url,
      OPENAI_COMPATIBLE_ENDPOINTS: `local-llm=${local.url}`,
      UPSTREAM_MAX_RETRIES: '0',
    });
    await api(t.url, 'PUT', '/api/settings/providers/openrouter/api-key', { apiKey: OR_KEY });
  }, 60_000);
  afterAll(async () => {
    await (t as TestApp | undefined)?.close();
    await Promise.all([openrouter.close(), local.close(), anthropic.close()]);
  });

  async function session(model: Record<string, unknown>, session: Record<string, unknown> = {}): Promise<number> {
    const m = await api<{ id: number }>(t.url, 'POST', '/api/ai-models', model);
    expect(m.status).toBe(201);
    const s = await api<{ id: number }>(t.url, 'POST', '/api/chat-sessions', { aiModelId: m.body.id, ...session });
    expect(s.status).toBe(201);
    return s.body.id;
  }

  it('refuses an Anthropic model until its key is set, naming Anthropic; then streams its reply and thinking', async () => {
    const sessionId = await session(
      { label: 'claude-fake-large', provider: 'anthropic', parameters: { temperature: 1.5, maxTokens: 300 } },
      { parameters: { temperature: 0.4 } },
    );
    const refused = await api<{ message: string }>(t.url, 'POST', `/api/chat-sessions/${sessionId}/send-message`, {
      content: 'Hi',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^No Anthropic API key is set/);
    expect((await api<unknown[]>(t.url, 'GET', `/api/chat-sessions/${sessionId}/messages`)).body).toEqual([]);

    await api(t.url, 'PUT', '/api/settings/providers/anthropic/api-key', { apiKey: ANTHROPIC_KEY });
    anthropic.enqueue({ steps: [{ thinking: 'Let me think.' }, 'Hello', ' there'] });
    const tab = await attach(t.url, sessionId);
    const client = await send(t.url, sessionId, 'Hi');
    const done = await client.waitForEnd();

    expect(done.type).toBe('done');
    expect(client.events.filter((e) => e.type === 'reasoning').map((e) => e.data.data)).toEqual(['Let me think.']);
    expect(client.text).toBe('Hello there');
    // Offsets count the thinking, then the reply: 13 + 11 characters.
    expect(done.id).toBe(`${client.streamId}:24`);
    const request = anthropic.requests.at(-1);
    expect(request?.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    expect(request?.body).toMatchObject({ model: 'claude-fake-large', temperature: 0.4, max_tokens: 300 });
    expect(openrouter.requests.filter((r) => r.path.includes('chat'))).toHaveLength(0);
    const [, reply] = (
      await api<Array<{ reasoning: string | null; model: string }>>(
        t.url,
        'GET',
        `/api/chat-sessions/${sessionId}/messages`,
      )
    ).body;
    expect(reply).toMatchObject({ reasoning: 'Let me think.', model: 'claude-fake-large' });
    await tab.waitForType('done');
    expect(tab.events.map((e) => e.type)).toEqual(['start', 'reasoning', 'content', 'content', 'done']);
    tab.close();
  });

  it('calls an OpenAI-compatible endpoint without a key, and never sends it the OpenRouter key', async () => {
    const sessionId = await session({ label: 'llama3', provider: 'local-llm' });
    const client = await send(t.url, sessionId, 'Hi');
    expect((await client.waitForEnd()).type).toBe('done');
    const request = await local.waitForRequest(0);
    expect(request.body?.model).toBe('llama3');
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.stringify(request.headers)).not.toContain(OR_KEY);
  });

  it('refuses a model whose provider is not configured with a 400 that says what to do', async () => {
    const m = await api<{ id: number }>(t.url, 'POST', '/api/ai-models', { label: 'x', provider: 'local-llm' });
    const s = await api<{ id: number }>(t.url, 'POST', '/api/chat-sessions', { aiModelId: m.body.id });
    const { DataSource } = await import('typeorm');
    await t.app.get(DataSource).query(`UPDATE ai_models SET provider = 'gone' WHERE id = $1`, [m.body.id]);
    const refused = await api<{ message: string }>(t.url, 'POST', `/api/chat-sessions/${s.body.id}/send-message`, {
      content: 'Hi',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/provider "gone", which this server does not configure/);
  });
});
