import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { storedApiKeyTokenSql } from '../src/settings/settings.repository';
import { SettingsService } from '../src/settings/settings.service';
import { FakeAnthropic } from '../stand-ins/anthropic';
import { FakeOpenRouter } from './support/fake-openrouter';
import { api, ApiResponse, TEST_DB, TestApp, startTestApp } from './support/test-app';

const ANTHROPIC_KEY = 'sk-ant-api03-right-key-000000001';
const OR_KEY = 'sk-or-v1-' + 'b'.repeat(64);

interface ProviderRow {
  id: string;
  kind: string;
  baseUrl: string;
  apiKeySet: boolean;
  apiKeyHint: string | null;
  apiKeyRequired: boolean;
}
interface Settings {
  openrouterApiKeySet: boolean;
  providers: ProviderRow[];
}

describe(`provider keys and the model catalogue (${TEST_DB})`, () => {
  let openrouter: FakeOpenRouter;
  let local: FakeOpenRouter;
  let anthropic: FakeAnthropic;
  let t: TestApp;
  const bodies: string[] = [];

  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await api<T>(t.url, method, path, body);
    bodies.push(JSON.stringify(res.body));
    return res;
  }

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
      UPSTREAM_IDLE_TIMEOUT_MS: '1500',
      UPSTREAM_MAX_RETRIES: '0',
    });
  }, 60_000);
  afterAll(async () => {
    await (t as TestApp | undefined)?.close();
    await Promise.all([openrouter.close(), local.close(), anthropic.close()]);
  });

  it('lists every configured provider with its base URL and whether a key is set or needed', async () => {
    const res = await call<Settings>('GET', '/api/settings');

    expect(res.status).toBe(200);
    expect(res.body.providers.map((p) => [p.id, p.kind, p.baseUrl, p.apiKeySet, p.apiKeyRequired])).toEqual([
      ['openrouter', 'openrouter', openrouter.url, false, true],
      ['openai', 'openai', 'https://api.openai.com/v1', false, true],
      ['anthropic', 'anthropic', anthropic.url, false, true],
      ['local-llm', 'openai-compatible', local.url, false, false],
    ]);
  });

  it('stores a provider key encrypted, shows only its hint, and removes it', async () => {
    const put = await call<Settings>('PUT', '/api/settings/providers/anthropic/api-key', { apiKey: ANTHROPIC_KEY });

    expect(put.status).toBe(200);
    expect(put.body.providers.find((p) => p.id === 'anthropic')).toMatchObject({
      apiKeySet: true,
      apiKeyHint: 'sk-ant-…0001',
    });
    const db = t.app.get(DataSource);
    const [row] = await db.query<Array<{ token: string }>>(`SELECT ${storedApiKeyTokenSql(`'anthropic'`)} AS token`);
    expect(row.token).toMatch(/^gAAAAA/);
    const settings = t.app.get(SettingsService);
    expect(settings.apiKeyFromToken('anthropic', row.token)).toBe(ANTHROPIC_KEY);
    expect(settings.openedApiKeyToken('anthropic')).toBe(row.token);
    expect(settings.openedApiKeyTokens()).toContain(row.token);
    expect(settings.missingApiKeyMessage('anthropic')).toBe(
      'No Anthropic API key is set: an admin must PUT /api/settings/providers/anthropic/api-key first',
    );
    expect(settings.apiKeyRequired('local-llm')).toBe(false);

    const removed = await call<Settings>('DELETE', '/api/settings/providers/anthropic/api-key');
    expect(removed.body.providers.find((p) => p.id === 'anthropic')?.apiKeySet).toBe(false);
  });

  it('treats provider openrouter as the same key as the original route', async () => {
    await call('PUT', '/api/settings/providers/openrouter/api-key', { apiKey: OR_KEY });

    expect((await call<Settings>('GET', '/api/settings')).body.openrouterApiKeySet).toBe(true);
    await call('DELETE', '/api/settings/openrouter-api-key');
    const after = await call<Settings>('GET', '/api/settings');
    expect(after.body.providers[0].apiKeySet).toBe(false);
  });

  it('asks the provider with ?verify=true and stores nothing it refuses', async () => {
    const refused = await call<{ message: string }>('PUT', '/api/settings/providers/anthropic/api-key?verify=true', {
      apiKey: 'sk-ant-api03-wrong-key-0000000',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('Anthropic rejected the key (401');

    const accepted = await call('PUT', '/api/settings/providers/anthropic/api-key?verify=true', {
      apiKey: ANTHROPIC_KEY,
    });
    expect(accepted.status).toBe(200);
    expect(anthropic.requests.at(-1)?.headers['x-api-key']).toBe(ANTHROPIC_KEY);
  });

  it('answers 404 naming the known providers, and 400 for a key that cannot be one', async () => {
    const unknown = await call<{ message: string }>('PUT', '/api/settings/providers/mistral/api-key', {
      apiKey: 'x-123',
    });
    expect(unknown).toMatchObject({
      status: 404,
      body: {
        message: 'No provider "mistral" is configured; the providers are: openrouter, openai, anthropic, local-llm',
      },
    });
    expect((await call('DELETE', '/api/settings/providers/mistral/api-key')).status).toBe(404);
    const spaced = await call<{ message: string }>('PUT', '/api/settings/providers/openai/api-key', {
      apiKey: 'sk abc',
    });
    expect(spaced.status).toBe(400);
  });

  describe('GET /api/providers/:provider/models', () => {
    it("gives OpenRouter's list with context length and pricing, and keeps it", async () => {
      const before = openrouter.requests.length;
      const res = await call<unknown[]>('GET', '/api/providers/openrouter/models');
      const again = await call<unknown[]>('GET', '/api/providers/openrouter/models');

      expect(res.status).toBe(200);
      expect(res.body[0]).toEqual({
        id: 'openai/gpt-4o-mini',
        name: 'OpenAI: GPT-4o-mini',
        contextLength: 128000,
        pricing: { prompt: '0.00000015', completion: '0.0000006' },
      });
      expect(again.body).toEqual(res.body);
      expect(openrouter.requests.length - before).toBe(1);
    });

    it("gives Anthropic's list with the stored key, and refuses without one", async () => {
      await call('DELETE', '/api/settings/providers/anthropic/api-key');
      const without = await call<{ message: string }>('GET', '/api/providers/anthropic/models');
      expect(without).toMatchObject({
        status: 400,
        body: { message: expect.stringContaining('No Anthropic API key is set') },
      });

      await call('PUT', '/api/settings/providers/anthropic/api-key', { apiKey: ANTHROPIC_KEY });
      const res = await call<unknown[]>('GET', '/api/providers/anthropic/models');
      expect(res).toMatchObject({
        status: 200,
        body: [{ id: 'claude-fake-large', name: 'Claude Fake Large' }, expect.anything()],
      });
    });

    it('answers 502 with a clear message when the provider fails, and 404 for an unknown one', async () => {
      local.modelsFailure = { status: 503 };
      const res = await call<{ message: string }>('GET', '/api/providers/local-llm/models');
      expect(res.status).toBe(502);
      expect(res.body.message).toMatch(/^The local-llm model list could not be fetched: local-llm answered 503/);
      expect((await call('GET', '/api/providers/nope/models')).status).toBe(404);
    });
  });

  it('keeps parameters on a chat session, replaces them with PATCH, clears them with null and refuses bad ones', async () => {
    const model = await call<{ id: number }>('POST', '/api/ai-models', {
      label: 'claude-fake-large',
      provider: 'anthropic',
      parameters: { temperature: 0.4 },
    });
    const created = await call<{ id: number; parameters: unknown }>('POST', '/api/chat-sessions', {
      aiModelId: model.body.id,
      parameters: { temperature: 1.1, maxTokens: 200 },
    });
    expect(created).toMatchObject({ status: 201, body: { parameters: { temperature: 1.1, maxTokens: 200 } } });

    const path = `/api/chat-sessions/${created.body.id}`;
    const patched = await call('PATCH', path, { parameters: { reasoning: { effort: 'high' } } });
    expect(patched.body).toMatchObject({
      parameters: { reasoning: { effort: 'high' } },
      aiModel: { provider: 'anthropic' },
    });
    expect((await call('PATCH', path, { parameters: null })).body).toMatchObject({ parameters: null });
    const bad = await call<{ message: string }>('PATCH', path, { parameters: { presencePenalty: 3 } });
    expect(bad).toMatchObject({ status: 400, body: { message: 'parameters.presencePenalty must be from -2 to 2' } });
  });

  it('never shows a key in any response', () => {
    for (const body of bodies) {
      expect(body).not.toContain(ANTHROPIC_KEY);
      expect(body).not.toContain(OR_KEY);
    }
  });
});
