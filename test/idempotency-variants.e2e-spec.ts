import { describe, expect, it, beforeAll, afterAll, beforeEach } from '@jest/globals';
import { DataSource } from 'typeorm';
import { api, TEST_DB } from './support/test-app';
import { SseClient } from './support/sse-client';
import { createSession, GenerationFixture, send, startGenerationApp } from './support/generation-fixture';

/**
 * A repeat of a finished regenerate or continue (same Idempotency-Key) reports the variant that
 * generation saved its reply as, with that variant's text, even after another one was chosen.
 */
describe(`Idempotency-Key replays and variants (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  const generate = (sessionId: number, kind: 'regenerate' | 'continue', key: string) =>
    SseClient.open(`${f.t.url}/api/chat-sessions/${sessionId}/${kind}`, {
      method: 'POST',
      body: {},
      headers: { 'idempotency-key': key },
    });
  const choose = async (sessionId: number, messageId: number, index: number) => {
    const res = await api(f.t.url, 'PUT', `/api/chat-sessions/${sessionId}/messages/${messageId}/variant`, { index });
    expect(res.status).toBe(200);
  };
  /** The events of a finished stream, in order, as [type, content text or the terminal's variantIndex]. */
  const summary = (c: SseClient) =>
    c.events.map((e) => [e.type, e.type === 'content' ? e.data.data : (e.data.variantIndex ?? null)]);
  const variantIndexes = (sessionId: number) =>
    f.t.app
      .get(DataSource)
      .query<Array<{ kind: string; variant_index: number | null }>>(
        `SELECT kind, variant_index FROM generations WHERE chat_session_id = $1 ORDER BY started_at`,
        [sessionId],
      );

  /** A chat with one exchange; answers the session and the reply's message id. */
  async function chatted(): Promise<{ sessionId: number; replyId: number }> {
    const sessionId = await createSession(f.t.url);
    const sender = await send(f.t.url, sessionId, 'Hi');
    const done = await sender.waitForEnd();
    expect(done.type).toBe('done');
    return { sessionId, replyId: Number(done.data.messageId) };
  }

  it('a finished regenerate, replayed after another variant was chosen, reports the variant it made', async () => {
    const { sessionId, replyId } = await chatted();
    f.fake.enqueue({ chunks: ['Second', ' take'] });
    const first = await generate(sessionId, 'regenerate', 'regen-key');
    await first.closed;
    expect(summary(first)).toEqual([
      ['start', null],
      ['content', 'Second'],
      ['content', ' take'],
      ['done', 1],
    ]);

    await choose(sessionId, replyId, 0);
    const repeat = await generate(sessionId, 'regenerate', 'regen-key');
    await repeat.closed;

    // The same generation, its variant and that variant's text; not variant 0, active now.
    expect(repeat.streamId).toBe(first.streamId);
    expect(summary(repeat)).toEqual([
      ['start', null],
      ['content', 'Second take'],
      ['done', 1],
    ]);
    expect(repeat.events.at(-1)?.data).toMatchObject({ type: 'done', messageId: replyId, variantIndex: 1 });
    expect(f.fake.chatRequests).toHaveLength(2); // the send and the one regenerate
    expect(await variantIndexes(sessionId)).toEqual([
      { kind: 'send', variant_index: 0 },
      { kind: 'regenerate', variant_index: 1 },
    ]);
  });

  it('a finished continue, replayed after another variant was chosen, reports the variant it continued', async () => {
    const { sessionId, replyId } = await chatted();
    f.fake.enqueue({ chunks: ['Other', ' reply'] });
    await (await generate(sessionId, 'regenerate', 'regen-first')).waitForEnd();
    await choose(sessionId, replyId, 0);
    f.fake.enqueue({ chunks: [' And more.'] });
    const first = await generate(sessionId, 'continue', 'continue-key');
    await first.closed;
    expect(first.events.at(-1)?.data).toMatchObject({ type: 'done', messageId: replyId, variantIndex: 0 });

    await choose(sessionId, replyId, 1);
    const repeat = await generate(sessionId, 'continue', 'continue-key');
    await repeat.closed;

    // The text it appended to variant 0, not the end of variant 1 ("Other reply").
    expect(summary(repeat)).toEqual([
      ['start', null],
      ['content', ' And more.'],
      ['done', 0],
    ]);
    expect(await variantIndexes(sessionId)).toEqual([
      { kind: 'send', variant_index: 0 },
      { kind: 'regenerate', variant_index: 1 },
      { kind: 'continue', variant_index: 0 },
    ]);
  });

  it('a cancelled regenerate that kept its text records the variant it kept, and a repeat reports it', async () => {
    const { sessionId, replyId } = await chatted();
    await api(f.t.url, 'PATCH', `/api/chat-sessions/${sessionId}`, { keepPartialOnCancel: true });
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Half', hold, ' never'] });
    const first = await generate(sessionId, 'regenerate', 'regen-cancel');
    await hold.reached;
    await first.waitFor((e) => e.type === 'content');
    expect((await api(f.t.url, 'POST', `/api/chat-sessions/${sessionId}/cancel-message`)).status).toBe(200);
    await first.closed;
    hold.release();
    expect(first.events.at(-1)?.data).toMatchObject({ type: 'cancelled', messageId: replyId, variantIndex: 1 });

    await choose(sessionId, replyId, 0);
    const repeat = await generate(sessionId, 'regenerate', 'regen-cancel');
    await repeat.closed;
    expect(summary(repeat)).toEqual([
      ['start', null],
      ['content', 'Half'],
      ['cancelled', 1],
    ]);
  });

  it('records no variant for a generation that saved nothing', async () => {
    const sessionId = await createSession(f.t.url);
    f.fake.enqueue({ status: 402 });
    expect((await (await send(f.t.url, sessionId, 'Pay')).waitForEnd()).type).toBe('error');
    expect(await variantIndexes(sessionId)).toEqual([{ kind: 'send', variant_index: null }]);
  });
});
