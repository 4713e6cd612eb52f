import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { api, TEST_DB } from './support/test-app';
import { DEFAULT_REPLY } from './support/fake-openrouter';
import { SseClient } from './support/sse-client';
import { createSession, GenerationFixture, send, startGenerationApp } from './support/generation-fixture';
import { undoThrough } from './support/undo-migrations';

describe(`migration GenerationVariantIndex (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());

  const regenerate = (sessionId: number, key: string) =>
    SseClient.open(`${f.t.url}/api/chat-sessions/${sessionId}/regenerate`, {
      method: 'POST',
      body: {},
      headers: { 'idempotency-key': key },
    });
  const generationColumns = async (ds: DataSource) =>
    (
      await ds.query<Array<{ column_name: string }>>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'generations'`,
      )
    ).map((c) => c.column_name);

  it('undoes cleanly, and a regenerate recorded before it replays with the active variant, as it did', async () => {
    const ds = f.t.app.get(DataSource);
    const sessionId = await createSession(f.t.url);
    const replyId = Number((await (await send(f.t.url, sessionId, 'Hi')).waitForEnd()).data.messageId);
    f.fake.enqueue({ chunks: ['Second take'] });
    const first = await regenerate(sessionId, 'before-the-column');
    await first.closed;
    expect(first.events.at(-1)?.data).toMatchObject({ type: 'done', variantIndex: 1 });

    // Undone back to before GenerationVariantIndex, through any migration that came after it.
    await undoThrough(ds, 'GenerationVariantIndex1764750000000');
    expect(await generationColumns(ds)).not.toContain('variant_index');
    await ds.runMigrations({ transaction: 'each' });
    expect(await generationColumns(ds)).toContain('variant_index');
    expect(
      await ds.query(`SELECT kind, variant_index FROM generations WHERE chat_session_id = $1 ORDER BY started_at`, [
        sessionId,
      ]),
    ).toEqual([
      { kind: 'send', variant_index: null },
      { kind: 'regenerate', variant_index: null },
    ]);

    // A row from before does not say which variant it made: its repeat reports the active one.
    const choose = await api(f.t.url, 'PUT', `/api/chat-sessions/${sessionId}/messages/${replyId}/variant`, {
      index: 0,
    });
    expect(choose.status).toBe(200);
    const repeat = await regenerate(sessionId, 'before-the-column');
    await repeat.closed;
    expect(repeat.streamId).toBe(first.streamId);
    expect(repeat.text).toBe(DEFAULT_REPLY);
    expect(repeat.events.at(-1)?.data).toMatchObject({ type: 'done', messageId: replyId, variantIndex: 0 });

    // Generations recorded from now on keep theirs.
    await (await regenerate(sessionId, 'after-the-column')).waitForEnd();
    expect(
      await ds.query(
        `SELECT variant_index FROM generations WHERE chat_session_id = $1 AND kind = 'regenerate'
                      ORDER BY started_at`,
        [sessionId],
      ),
    ).toEqual([{ variant_index: null }, { variant_index: 2 }]);
  });
});
