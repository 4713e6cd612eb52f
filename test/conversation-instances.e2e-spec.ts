import { describe, expect, it, beforeAll, afterAll, beforeEach } from '@jest/globals';
import { api } from './support/test-app';
import { SseClient } from './support/sse-client';
import { attach, createSession, messageRows, send, streamStatus, waitUntil } from './support/generation-fixture';
import { Cluster, startCluster } from './support/instances';

interface Message {
  id: number;
  content: string;
  variantIndex: number;
  variantCount: number;
  partial: boolean;
}

/**
 * Conversation control on two instances of one deployment (same PostgreSQL and Redis): a
 * regenerate or continue is a generation like a send wherever its requests land.
 */
describe('conversation control on several instances (postgres, Redis)', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster();
  }, 120_000);
  afterAll(() => (c as Cluster | undefined)?.close());
  beforeEach(() => c.fake.reset());

  const generate = (url: string, sessionId: number, kind: 'regenerate' | 'continue') =>
    SseClient.open(`${url}/api/chat-sessions/${sessionId}/${kind}`, { method: 'POST', body: {} });
  const messages = async (url: string, sessionId: number) =>
    (await api<Message[]>(url, 'GET', `/api/chat-sessions/${sessionId}/messages`)).body;

  async function chatted(): Promise<number> {
    const sessionId = await createSession(c.a.url);
    await (await send(c.a.url, sessionId, 'Hi')).waitForEnd();
    c.fake.reset();
    return sessionId;
  }

  it('a regenerate on A is attached from B, resumed there with Last-Event-ID, and refuses work on B (409)', async () => {
    const sessionId = await chatted();
    const [, reply] = await messages(c.a.url, sessionId);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['New', hold, ' reply'] });
    const running = await generate(c.a.url, sessionId, 'regenerate');
    await hold.reached;
    const first = await running.waitFor((e) => e.type === 'content');

    const tab = await attach(c.b.url, sessionId, { 'last-event-id': String(first.id) });
    const busy = await Promise.all([
      api(c.b.url, 'POST', `/api/chat-sessions/${sessionId}/continue`, {}),
      api(c.b.url, 'PATCH', `/api/chat-sessions/${sessionId}/messages/${reply.id}`, { content: 'x' }),
      api(c.b.url, 'PUT', `/api/chat-sessions/${sessionId}/messages/${reply.id}/variant`, { index: 0 }),
    ]);
    hold.release();
    const done = await tab.waitForType('done');

    expect(busy.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(tab.text).toBe(' reply');
    expect(done.data).toMatchObject({ messageId: reply.id, variantIndex: 1 });
    expect((await messages(c.b.url, sessionId))[1]).toMatchObject({ content: 'New reply', variantCount: 2 });
    tab.close();
  });

  it('a continue on B cancelled from A keeps its text once with keepPartialOnCancel, and frees the session', async () => {
    const sessionId = await chatted();
    await api(c.a.url, 'PATCH', `/api/chat-sessions/${sessionId}`, { keepPartialOnCancel: true });
    const [, reply] = await messages(c.a.url, sessionId);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: [' More', hold, ' never'] });
    const running = await generate(c.b.url, sessionId, 'continue');
    await hold.reached;
    await running.waitFor((e) => e.type === 'content');

    const cancel = await api(c.a.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`);
    const end = await running.waitForEnd();
    hold.release();

    expect(cancel.status).toBe(200);
    expect(end.data).toMatchObject({ type: 'cancelled', messageId: reply.id, variantIndex: 0 });
    const [, kept] = await messages(c.a.url, sessionId);
    expect(kept).toMatchObject({ content: `${reply.content} More`, partial: true });
    await waitUntil(async () => !(await streamStatus(c.a.url, sessionId)).isStreaming, 5000, 'the lock freed');
    expect((await messageRows(c.db, sessionId)).length).toBe(2);
  });

  it('a variant chosen on A reaches a tab on B as a messages_changed notice', async () => {
    const sessionId = await chatted();
    const [, reply] = await messages(c.a.url, sessionId);
    await (await generate(c.a.url, sessionId, 'regenerate')).waitForEnd();
    const tab = await attach(c.b.url, sessionId);
    await waitUntil(async () => (await streamStatus(c.a.url, sessionId)).connections === 1, 5000, 'the tab');

    await api(c.a.url, 'PUT', `/api/chat-sessions/${sessionId}/messages/${reply.id}/variant`, { index: 0 });

    const notice = await tab.waitForType('messages_changed');
    expect(notice.data).toEqual({ type: 'messages_changed', change: 'variant', messageId: reply.id });
    tab.close();
  });
});
