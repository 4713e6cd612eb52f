import { api, startTestApp, TestApp } from './test-app';
import { FakeOpenRouter, DEFAULT_MODEL } from './fake-openrouter';
import { SseClient } from './sse-client';

/** A valid-looking OpenRouter key for tests. */
export const TEST_API_KEY = 'sk-or-v1-' + '0123456789abcdef'.repeat(4);

export interface GenerationFixture {
  t: TestApp;
  fake: FakeOpenRouter;
  close(): Promise<void>;
}

/** The app wired to a stand-in OpenRouter, with an API key stored. */
export async function startGenerationApp(env: Record<string, string> = {}): Promise<GenerationFixture> {
  const fake = await FakeOpenRouter.start();
  const t = await startTestApp({
    OPENROUTER_BASE_URL: fake.url,
    UPSTREAM_MAX_RETRIES: '0',
    // The race tests send hundreds of requests a minute; the limit itself has its own test.
    GENERATION_RATE_LIMIT: '100000',
    ...env,
  });
  const put = await api(
    t.url,
    'PUT',
    '/api/settings/openrouter-api-key',
    { apiKey: TEST_API_KEY },
    authHeaders(env, true),
  );
  if (put.status !== 200) throw new Error(`could not store the API key: ${put.status} ${JSON.stringify(put.body)}`);
  return {
    t,
    fake,
    close: async () => {
      await t.close();
      await fake.close();
    },
  };
}

export function authHeaders(env: Record<string, string | undefined>, admin = false): Record<string, string> {
  const token = admin ? (env.ADMIN_TOKEN ?? env.API_TOKEN) : env.API_TOKEN;
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface SessionParts {
  preSystemPrompt?: string | null;
  postSystemPrompt?: string | null;
  systemPrompt?: string;
  character?: string;
  userProfile?: string;
  model?: string;
}

/** Creates a chat session (and the records it points at) through the API; returns its id. */
export async function createSession(url: string, parts: SessionParts = {}, headers: Record<string, string> = {}) {
  const post = async (path: string, body: unknown): Promise<number> => {
    const res = await api<{ id: number }>(url, 'POST', path, body, headers);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const aiModelId = await post('/api/ai-models', { label: parts.model ?? DEFAULT_MODEL, name: 'Test model' });
  const body: Record<string, unknown> = { name: 'Test session', aiModelId };
  if (parts.systemPrompt !== undefined) {
    body.systemPromptId = await post('/api/system-prompts', { name: 'Prompt', content: parts.systemPrompt });
  }
  if (parts.character !== undefined) {
    body.characterId = await post('/api/characters', { name: 'Character', description: parts.character });
  }
  if (parts.userProfile !== undefined) {
    body.userProfileId = await post('/api/user-profiles', { name: 'Me', description: parts.userProfile });
  }
  if (parts.preSystemPrompt !== undefined) body.preSystemPrompt = parts.preSystemPrompt;
  if (parts.postSystemPrompt !== undefined) body.postSystemPrompt = parts.postSystemPrompt;
  return post('/api/chat-sessions', body);
}

export function send(url: string, sessionId: number, content: string, headers: Record<string, string> = {}) {
  return SseClient.open(`${url}/api/chat-sessions/${sessionId}/send-message`, {
    method: 'POST',
    body: { content },
    headers,
  });
}

export function attach(url: string, sessionId: number, headers: Record<string, string> = {}) {
  return SseClient.open(`${url}/api/chat-sessions/${sessionId}/stream`, { headers });
}

export interface MessageRow {
  id: number;
  role: string;
  content: string;
}

/** The session's messages as the database has them, oldest first. */
export async function messageRows(t: TestApp, sessionId: number): Promise<MessageRow[]> {
  const { DataSource } = await import('typeorm');
  const ds = t.app.get(DataSource);
  return ds.query('SELECT id, role, content FROM messages WHERE chat_session_id = $1 ORDER BY created_at, id', [
    sessionId,
  ]);
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function streamStatus(url: string, sessionId: number, headers: Record<string, string> = {}) {
  const res = await api<{ isStreaming: boolean; streamId: string | null; partialLength: number; connections: number }>(
    url,
    'GET',
    `/api/chat-sessions/${sessionId}/stream-status`,
    undefined,
    headers,
  );
  return res.body;
}
