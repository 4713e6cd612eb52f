import { describe, expect, it, beforeAll, afterAll, beforeEach } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { api, createScratchDatabase, startTestApp, TEST_DB } from './support/test-app';
import { DEFAULT_REPLY, FakeOpenRouter } from './support/fake-openrouter';
import { SseClient } from './support/sse-client';
import {
  attach,
  createSession,
  GenerationFixture,
  messageRows,
  send,
  startGenerationApp,
  streamStatus,
  TEST_API_KEY,
} from './support/generation-fixture';

interface Message {
  id: number;
  role: string;
  content: string;
  variantIndex: number;
  variantCount: number;
  partial: boolean;
  model: string | null;
  usage: Record<string, number> | null;
}

function generate(url: string, sessionId: number, kind: 'regenerate' | 'continue', body: unknown = {}) {
  return SseClient.open(`${url}/api/chat-sessions/${sessionId}/${kind}`, { method: 'POST', body });
}

describe(`conversation control (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  const messages = async (sessionId: number) =>
    (await api<Message[]>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}/messages`)).body;

  /** A session with one exchange: "Hi" and the stand-in's DEFAULT_REPLY. */
  async function chatted(parts: Parameters<typeof createSession>[1] = {}): Promise<number> {
    const sessionId = await createSession(f.t.url, parts);
    const sender = await send(f.t.url, sessionId, 'Hi');
    expect((await sender.waitForEnd()).type).toBe('done');
    f.fake.reset();
    return sessionId;
  }

  it('regenerate adds a variant from the history before the reply, and makes it active on done', async () => {
    const sessionId = await chatted({ preSystemPrompt: 'PRE', postSystemPrompt: 'POST' });
    const [, reply] = await messages(sessionId);
    f.fake.enqueue({ chunks: ['Another', ' answer'] });

    const client = await generate(f.t.url, sessionId, 'regenerate');
    const done = await client.waitForEnd();

    const start = client.events[0].data;
    expect(start).toMatchObject({ type: 'start', kind: 'regenerate', userMessage: null, messageId: reply.id });
    expect(done.data).toMatchObject({ type: 'done', messageId: reply.id, variantIndex: 1 });
    expect(done.id).toBe(`${String(start.streamId)}:14`);
    expect((await f.fake.waitForRequest(0)).body?.messages).toEqual([
      { role: 'system', content: 'PRE' },
      { role: 'system', content: 'POST' },
      { role: 'user', content: 'Hi' },
    ]);
    const [, after] = await messages(sessionId);
    expect(after).toMatchObject({ id: reply.id, content: 'Another answer', variantIndex: 1, variantCount: 2 });
    expect(after.model).toBe('openai/gpt-4o-mini');
    const variants = await api<Array<{ index: number; content: string; partial: boolean }>>(
      f.t.url,
      'GET',
      `/api/chat-sessions/${sessionId}/messages/${reply.id}/variants`,
    );
    expect(variants.body.map((v) => [v.index, v.content, v.partial])).toEqual([
      [0, DEFAULT_REPLY, false],
      [1, 'Another answer', false],
    ]);
    const kinds = await kindsOf(sessionId);
    expect(kinds).toEqual(['send', 'regenerate']);
  });

  async function kindsOf(sessionId: number): Promise<string[]> {
    const rows = await f.t.app
      .get(DataSource)
      .query<Array<{ kind: string }>>('SELECT kind FROM generations WHERE chat_session_id = $1 ORDER BY started_at', [
        sessionId,
      ]);
    return rows.map((r) => r.kind);
  }

  it('retries a failed reply: regenerate with the user message last adds a new reply to it', async () => {
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ status: 500 });
    const failed = await send(f.t.url, sessionId, 'Are you there?');
    expect((await failed.waitForEnd()).type).toBe('error');

    const retry = await generate(f.t.url, sessionId, 'regenerate');
    const done = await retry.waitForEnd();

    expect(retry.events[0].data).toMatchObject({ kind: 'regenerate', userMessage: null, messageId: null });
    const rows = await messages(sessionId);
    expect(rows.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Are you there?'],
      ['assistant', DEFAULT_REPLY],
    ]);
    expect(done.data).toMatchObject({ type: 'done', messageId: rows[1].id, variantIndex: 0 });
  });

  it('continue sends the reply as the final assistant turn after the post-system part, and appends', async () => {
    const sessionId = await chatted({ postSystemPrompt: 'POST' });
    const [, reply] = await messages(sessionId);
    f.fake.enqueue({ chunks: [' And more.'] });

    const client = await generate(f.t.url, sessionId, 'continue');
    const done = await client.waitForEnd();

    expect(client.events[0].data).toMatchObject({ kind: 'continue', userMessage: null, messageId: reply.id });
    expect(done.data).toMatchObject({ type: 'done', messageId: reply.id, variantIndex: 0 });
    expect((await f.fake.waitForRequest(0)).body?.messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'system', content: 'POST' },
      { role: 'assistant', content: DEFAULT_REPLY },
    ]);
    const [, after] = await messages(sessionId);
    expect(after.content).toBe(`${DEFAULT_REPLY} And more.`);
    expect(after.variantCount).toBe(1);
    expect(await kindsOf(sessionId)).toEqual(['send', 'continue']);
  });

  it('refuses what cannot run, saving nothing: empty session, continue after a user message, unknown session', async () => {
    const empty = await createSession(f.t.url);
    const regenerate = await api<{ message: string }>(f.t.url, 'POST', `/api/chat-sessions/${empty}/regenerate`, {});
    expect(regenerate.status).toBe(409);
    expect(regenerate.body.message).toMatch(/no messages yet/);
    const cont = await api<{ message: string }>(f.t.url, 'POST', `/api/chat-sessions/${empty}/continue`, {});
    expect(cont.status).toBe(409);

    f.fake.enqueue({ status: 500 });
    const failed = await send(f.t.url, empty, 'Hello?');
    await failed.waitForEnd();
    const afterUser = await api<{ message: string }>(f.t.url, 'POST', `/api/chat-sessions/${empty}/continue`, {});
    expect(afterUser.status).toBe(409);
    expect(afterUser.body.message).toMatch(/is the user's/);

    expect((await api(f.t.url, 'POST', '/api/chat-sessions/999999/regenerate', {})).status).toBe(404);
    expect((await api(f.t.url, 'POST', '/api/chat-sessions/999999/continue', {})).status).toBe(404);
    const badBody = await api(f.t.url, 'POST', `/api/chat-sessions/${empty}/regenerate`, { stream: 'yes' });
    expect(badBody.status).toBe(400);
    const unknownField = await api(f.t.url, 'POST', `/api/chat-sessions/${empty}/regenerate`, { content: 'x' });
    expect(unknownField.status).toBe(400);
    expect((await messageRows(f.t, empty)).map((r) => r.role)).toEqual(['user']);
    expect(await streamStatus(f.t.url, empty)).toMatchObject({ isStreaming: false });
  });

  it('takes no body at all as the defaults', async () => {
    const sessionId = await chatted();
    const res = await fetch(`${f.t.url}/api/chat-sessions/${sessionId}/regenerate`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"type":"done"');
  });

  it('stream: false answers {userMessage: null, assistantMessage}', async () => {
    const sessionId = await chatted();
    f.fake.enqueue({ chunks: ['Plain'] });
    const res = await api<{ userMessage: null; assistantMessage: Message }>(
      f.t.url,
      'POST',
      `/api/chat-sessions/${sessionId}/regenerate`,
      { stream: false },
    );
    expect(res.status).toBe(200);
    expect(res.body.userMessage).toBeNull();
    expect(res.body.assistantMessage).toMatchObject({ role: 'assistant', content: 'Plain', variantIndex: 1 });
  });

  it('a variant chosen is the content and what later prompts send', async () => {
    const sessionId = await chatted();
    const [, reply] = await messages(sessionId);
    f.fake.enqueue({ chunks: ['Second'] });
    await (await generate(f.t.url, sessionId, 'regenerate')).waitForEnd();
    const tab = await attach(f.t.url, sessionId);

    const chosen = await api<Message>(f.t.url, 'PUT', `/api/chat-sessions/${sessionId}/messages/${reply.id}/variant`, {
      index: 0,
    });

    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ content: DEFAULT_REPLY, variantIndex: 0, variantCount: 2 });
    const notice = await tab.waitForType('messages_changed');
    expect(notice.data).toEqual({ type: 'messages_changed', change: 'variant', messageId: reply.id });
    expect(notice.id).toBeUndefined();
    tab.close();
    const next = await send(f.t.url, sessionId, 'Go on');
    await next.waitForEnd();
    expect((await f.fake.waitForRequest(1)).body?.messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: DEFAULT_REPLY },
      { role: 'user', content: 'Go on' },
    ]);
    const path = `/api/chat-sessions/${sessionId}/messages/${reply.id}/variant`;
    const outOfRange = await api<{ message: string }>(f.t.url, 'PUT', path, { index: 2 });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.message).toMatch(/has 2 variants/);
    expect((await api(f.t.url, 'PUT', path, { index: -1 })).status).toBe(400);
    expect((await api(f.t.url, 'PUT', path, { index: 'one' })).status).toBe(400);
    expect((await api(f.t.url, 'PUT', path, {})).status).toBe(400);
  });

  it('edits a reply (its active variant) and a user message', async () => {
    const sessionId = await chatted();
    const [user, reply] = await messages(sessionId);
    const base = `/api/chat-sessions/${sessionId}/messages`;

    const edited = await api<Message>(f.t.url, 'PATCH', `${base}/${reply.id}`, { content: 'Fixed by hand' });
    const editedUser = await api<Message>(f.t.url, 'PATCH', `${base}/${user.id}`, { content: 'Hello' });

    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: reply.id, content: 'Fixed by hand' });
    expect(editedUser.body).toMatchObject({ id: user.id, content: 'Hello', role: 'user' });
    const variants = await api<Array<{ content: string }>>(f.t.url, 'GET', `${base}/${reply.id}/variants`);
    expect(variants.body.map((v) => v.content)).toEqual(['Fixed by hand']);
    expect((await api(f.t.url, 'PATCH', `${base}/${reply.id}`, { content: '' })).status).toBe(400);
    expect((await api(f.t.url, 'PATCH', `${base}/${reply.id}`, { content: '  \n ' })).status).toBe(400);
    // A user message is its own one variant: choosing it changes nothing, any other index is refused.
    const own = await api<Message>(f.t.url, 'PUT', `${base}/${user.id}/variant`, { index: 0 });
    expect([own.status, own.body.content, own.body.variantCount]).toEqual([200, 'Hello', 1]);
    expect((await api(f.t.url, 'PUT', `${base}/${user.id}/variant`, { index: 1 })).status).toBe(400);
    expect((await api(f.t.url, 'PATCH', `${base}/${reply.id}`, { content: 'x', role: 'user' })).status).toBe(400);
    expect((await api(f.t.url, 'PATCH', `${base}/999999`, { content: 'x' })).status).toBe(404);
    expect((await messageRows(f.t, sessionId)).map((r) => r.content)).toEqual(['Hello', 'Fixed by hand']);
  });

  it('deletes one message, or rewinds from it; a message of another session is a 404', async () => {
    const sessionId = await chatted();
    for (const text of ['Two', 'Three']) await (await send(f.t.url, sessionId, text)).waitForEnd();
    const rows = await messages(sessionId);
    expect(rows).toHaveLength(6);
    const base = `/api/chat-sessions/${sessionId}/messages`;
    const other = await chatted();
    const [foreign] = await messages(other);

    expect((await api(f.t.url, 'DELETE', `${base}/${rows[5].id}`)).status).toBe(204);
    expect((await api(f.t.url, 'DELETE', `${base}/${rows[2].id}?after=true`)).status).toBe(204);
    expect((await api(f.t.url, 'DELETE', `${base}/${foreign.id}`)).status).toBe(404);
    expect((await api(f.t.url, 'DELETE', `${base}/${rows[0].id}?after=maybe`)).status).toBe(400);

    expect((await messageRows(f.t, sessionId)).map((r) => r.id)).toEqual([rows[0].id, rows[1].id]);
    expect(await messages(other)).toHaveLength(2);
  });

  it('one generation at a time across send, regenerate and continue; edits wait for it too (409)', async () => {
    const sessionId = await chatted();
    const [user, reply] = await messages(sessionId);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Part', hold, 'ial'] });
    const running = await generate(f.t.url, sessionId, 'regenerate');
    await hold.reached;
    const base = `/api/chat-sessions/${sessionId}`;

    const refused = await Promise.all([
      api(f.t.url, 'POST', `${base}/send-message`, { content: 'x' }),
      api(f.t.url, 'POST', `${base}/regenerate`, {}),
      api(f.t.url, 'POST', `${base}/continue`, {}),
      api(f.t.url, 'PATCH', `${base}/messages/${user.id}`, { content: 'x' }),
      api(f.t.url, 'DELETE', `${base}/messages/${reply.id}`),
      api(f.t.url, 'PUT', `${base}/messages/${reply.id}/variant`, { index: 0 }),
    ]);

    expect(refused.map((r) => r.status)).toEqual([409, 409, 409, 409, 409, 409]);
    expect((await streamStatus(f.t.url, sessionId)).streamId).toBe(running.streamId);
    hold.release();
    expect((await running.waitForEnd()).type).toBe('done');
    expect((await api(f.t.url, 'DELETE', `${base}/messages/${reply.id}`)).status).toBe(204);
  });

  it('a tab attached sees a regenerate start and end like any generation', async () => {
    const sessionId = await chatted();
    const [, reply] = await messages(sessionId);
    const tab = await attach(f.t.url, sessionId);
    f.fake.enqueue({ chunks: ['Seen'] });

    await (await generate(f.t.url, sessionId, 'regenerate')).waitForEnd();

    const done = await tab.waitForType('done');
    expect(done.data).toMatchObject({ type: 'done', messageId: reply.id, variantIndex: 1 });
    expect(tab.events.find((e) => e.type === 'start')?.data).toMatchObject({ kind: 'regenerate' });
    tab.close();
  });
});

describe(`keepPartialOnCancel (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  const messages = async (sessionId: number) =>
    (await api<Message[]>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}/messages`)).body;

  async function keeping(): Promise<number> {
    const sessionId = await createSession(f.t.url);
    const patched = await api<{ keepPartialOnCancel: boolean }>(f.t.url, 'PATCH', `/api/chat-sessions/${sessionId}`, {
      keepPartialOnCancel: true,
    });
    expect(patched.body.keepPartialOnCancel).toBe(true);
    return sessionId;
  }

  /** Starts `open` with the stand-in holding after "Half", then cancels it. */
  async function cancelledAfterHalf(sessionId: number, open: () => Promise<SseClient>) {
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Half', hold, ' more'] });
    const client = await open();
    await hold.reached;
    await client.waitFor((e) => e.type === 'content');
    const cancel = await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
    expect(cancel.status).toBe(200);
    const end = await client.waitForEnd();
    hold.release();
    return end;
  }

  it('is false by default, and null is refused', async () => {
    const sessionId = await createSession(f.t.url);
    const session = await api<{ keepPartialOnCancel: boolean }>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}`);
    expect(session.body.keepPartialOnCancel).toBe(false);
    const bad = await api(f.t.url, 'PATCH', `/api/chat-sessions/${sessionId}`, { keepPartialOnCancel: null });
    expect(bad.status).toBe(400);
  });

  it('off: a cancelled send keeps nothing (the seed behaviour)', async () => {
    const sessionId = await createSession(f.t.url);
    const end = await cancelledAfterHalf(sessionId, () => send(f.t.url, sessionId, 'Tell me'));
    expect(end.data).not.toHaveProperty('messageId');
    expect((await messageRows(f.t, sessionId)).map((r) => r.role)).toEqual(['user']);
  });

  it('on: a cancelled send saves its text as a partial reply, named by the cancelled event', async () => {
    const sessionId = await keeping();
    const end = await cancelledAfterHalf(sessionId, () => send(f.t.url, sessionId, 'Tell me'));

    const [, kept] = await messages(sessionId);
    expect(kept).toMatchObject({ role: 'assistant', content: 'Half', partial: true, variantIndex: 0 });
    expect(end.data).toMatchObject({
      type: 'cancelled',
      reason: 'user_cancelled',
      messageId: kept.id,
      variantIndex: 0,
    });
  });

  it('on: a cancelled regenerate keeps a partial variant, active; a cancelled continue appends its text', async () => {
    const sessionId = await keeping();
    await (await send(f.t.url, sessionId, 'Tell me')).waitForEnd();
    const [, reply] = await messages(sessionId);

    const regenerated = await cancelledAfterHalf(sessionId, () => generate(f.t.url, sessionId, 'regenerate'));
    expect(regenerated.data).toMatchObject({ type: 'cancelled', messageId: reply.id, variantIndex: 1 });
    expect((await messages(sessionId))[1]).toMatchObject({ content: 'Half', partial: true, variantIndex: 1 });

    const continued = await cancelledAfterHalf(sessionId, () => generate(f.t.url, sessionId, 'continue'));
    expect(continued.data).toMatchObject({ type: 'cancelled', messageId: reply.id, variantIndex: 1 });
    expect((await messages(sessionId))[1]).toMatchObject({ content: 'HalfHalf', partial: true, variantCount: 2 });

    f.fake.enqueue({ chunks: ['!'] });
    await (await generate(f.t.url, sessionId, 'continue')).waitForEnd();
    expect((await messages(sessionId))[1]).toMatchObject({ content: 'HalfHalf!', partial: false });
  });

  it('on: a reply that fails after some text keeps it; nothing is kept when no text came', async () => {
    const sessionId = await keeping();
    f.fake.enqueue({ chunks: ['Broken'], end: 'drop' });
    const dropped = await send(f.t.url, sessionId, 'One');
    const end = await dropped.waitForEnd();
    expect(end.type).toBe('error');

    f.fake.enqueue({ status: 500 });
    const refused = await send(f.t.url, sessionId, 'Two');
    const secondEnd = await refused.waitForEnd();

    const rows = await messages(sessionId);
    expect(rows.map((m) => [m.role, m.content, m.partial])).toEqual([
      ['user', 'One', false],
      ['assistant', 'Broken', true],
      ['user', 'Two', false],
    ]);
    expect(end.data).toMatchObject({ messageId: rows[1].id });
    expect(secondEnd.data).not.toHaveProperty('messageId');
  });

  it.each(['regenerate', 'continue'] as const)(
    '%s: 200 randomised cancel/complete races each save exactly one outcome, and the session is never left locked',
    async (kind) => {
      const sessionId = await keeping();
      await (await send(f.t.url, sessionId, 'Start')).waitForEnd();
      const [, reply] = await messages(sessionId);
      const rounds = 200;
      const outcomes: string[] = [];
      let expected = (await messages(sessionId))[1];
      for (let i = 0; i < rounds; i++) {
        f.fake.enqueue({ chunks: ['r', 'a', 'c', 'e'], delayMs: Math.floor(Math.random() * 3) });
        const client = await generate(f.t.url, sessionId, kind);
        await new Promise((r) => setTimeout(r, Math.random() * 12));
        const cancel = await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
        const end = await client.waitForEnd();
        await client.closed;
        expect(client.terminalEvents).toHaveLength(1);
        expect(cancel.status === 200 ? 'cancelled' : 'done').toBe(end.type);
        const streamed = client.text;
        const now = (await messages(sessionId))[1];
        if (streamed === '') {
          // Cancelled before any text: nothing saved, nothing named.
          expect(end.data).not.toHaveProperty('messageId');
          expect(now).toEqual(expected);
        } else {
          expect(end.data).toMatchObject({ messageId: reply.id, variantIndex: now.variantIndex });
          expect(now.partial).toBe(end.type === 'cancelled');
          if (kind === 'continue') expect(now.content).toBe(expected.content + streamed);
          else expect([now.content, now.variantCount]).toEqual([streamed, expected.variantCount + 1]);
        }
        expected = now;
        outcomes.push(end.type);
      }
      expect(await streamStatus(f.t.url, sessionId)).toMatchObject({ isStreaming: false });
      expect(new Set(outcomes)).toEqual(new Set(['done', 'cancelled']));
      expect(await messageRows(f.t, sessionId)).toHaveLength(2);
    },
    180_000,
  );
});

describe(`variants across a restart (${TEST_DB})`, () => {
  it('keeps every variant and the active one when the server starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-variants-e2e-'));
    const database = TEST_DB === 'postgres' ? await createScratchDatabase() : undefined;
    const fake = await FakeOpenRouter.start();
    const env = {
      DATA_DIR: dataDir,
      OPENROUTER_BASE_URL: fake.url,
      UPSTREAM_MAX_RETRIES: '0',
      ...(database ? { DATABASE_URL: database.url } : {}),
    };
    try {
      const first = await startTestApp(env);
      await api(first.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: TEST_API_KEY });
      const sessionId = await createSession(first.url);
      await (await send(first.url, sessionId, 'Hi')).waitForEnd();
      fake.enqueue({ chunks: ['Second'] });
      await api(first.url, 'POST', `/api/chat-sessions/${sessionId}/regenerate`, { stream: false });
      const before = await api<Message[]>(first.url, 'GET', `/api/chat-sessions/${sessionId}/messages`);
      const path = `/api/chat-sessions/${sessionId}/messages/${before.body[1].id}/variants`;
      const variantsBefore = (await api(first.url, 'GET', path)).body;
      await first.close();

      const second = await startTestApp(env);
      try {
        expect((await api(second.url, 'GET', `/api/chat-sessions/${sessionId}/messages`)).body).toEqual(before.body);
        expect((await api(second.url, 'GET', path)).body).toEqual(variantsBefore);
        expect(before.body[1]).toMatchObject({ content: 'Second', variantIndex: 1, variantCount: 2 });
      } finally {
        await second.close();
      }
    } finally {
      await fake.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
