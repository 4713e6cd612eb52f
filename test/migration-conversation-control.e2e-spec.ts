import { expect } from '@jest/globals';
import { DataSource, MigrationInterface } from 'typeorm';
import { InitialSchema1764158400000 } from '../migrations/1764158400000-InitialSchema';
import { IdempotencyKeys1764547200000 } from '../migrations/1764547200000-IdempotencyKeys';
import { migrations } from '../migrations';
import { createScratchDatabase } from './support/test-app';

/** On the machine's PostgreSQL: replies saved before variants existed become one variant each, losing nothing. */
describe('migration ConversationControl1764710000000', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(() => scratch.drop());

  const connect = (list: Array<new () => MigrationInterface>): Promise<DataSource> =>
    new DataSource({ type: 'postgres', url: scratch.url, migrations: list, logging: false }).initialize();

  it('makes each reply its variant 0 with the model and usage its generation recorded, and goes back down', async () => {
    const before = await connect([InitialSchema1764158400000, IdempotencyKeys1764547200000]);
    await before.runMigrations();
    await before.query(`INSERT INTO ai_models (label) VALUES ('openai/gpt-4o-mini')`);
    await before.query(`INSERT INTO chat_sessions (ai_model_id) SELECT id FROM ai_models`);
    const [user, reply, unrecorded] = await before.query<Array<{ id: number }>>(
      `INSERT INTO messages (chat_session_id, role, content)
       SELECT s.id, m.role, m.content FROM chat_sessions s,
         (VALUES (1, 'user', 'Hi'), (2, 'assistant', 'Hello!'), (3, 'assistant', 'Again.')) AS m(n, role, content)
       ORDER BY m.n RETURNING id`,
    );
    await before.query(
      `INSERT INTO generations (stream_id, chat_session_id, model, outcome, partial_length, duration_ms,
         prompt_tokens, completion_tokens, cost, assistant_message_id, started_at, ended_at)
       SELECT gen_random_uuid(), s.id, 'anthropic/claude-3.5-sonnet', 'done', 6, 100, 12, 3, 0.001, $1, now(), now()
       FROM chat_sessions s`,
      [reply.id],
    );
    await before.destroy();

    const upTo = migrations.findIndex((m) => m.name === 'ConversationControl1764710000000');
    const after = await connect(migrations.slice(0, upTo + 1));
    await after.runMigrations();

    expect(
      await after.query(
        `SELECT id, content, active_variant, variant_count, partial, model, usage FROM messages ORDER BY id`,
      ),
    ).toEqual([
      { id: user.id, content: 'Hi', active_variant: 0, variant_count: 1, partial: false, model: null, usage: null },
      {
        id: reply.id,
        content: 'Hello!',
        active_variant: 0,
        variant_count: 1,
        partial: false,
        model: 'anthropic/claude-3.5-sonnet',
        usage: { promptTokens: 12, completionTokens: 3, cost: 0.001 },
      },
      {
        id: unrecorded.id,
        content: 'Again.',
        active_variant: 0,
        variant_count: 1,
        partial: false,
        model: null,
        usage: null,
      },
    ]);
    expect(
      await after.query(`SELECT message_id, variant_index, content, model FROM message_variants ORDER BY message_id`),
    ).toEqual([
      { message_id: reply.id, variant_index: 0, content: 'Hello!', model: 'anthropic/claude-3.5-sonnet' },
      { message_id: unrecorded.id, variant_index: 0, content: 'Again.', model: null },
    ]);
    expect(await after.query(`SELECT kind FROM generations`)).toEqual([{ kind: 'send' }]);

    await after.undoLastMigration();
    const tables = await after.query<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_name = 'message_variants'`,
    );
    expect(tables).toEqual([]);
    expect(await after.query(`SELECT content FROM messages ORDER BY id`)).toEqual([
      { content: 'Hi' },
      { content: 'Hello!' },
      { content: 'Again.' },
    ]);
    await after.destroy();
  });
});
