import { expect } from '@jest/globals';
import { DataSource, MigrationInterface } from 'typeorm';
import { InitialSchema1764158400000 } from '../migrations/1764158400000-InitialSchema';
import { IdempotencyKeys1764547200000 } from '../migrations/1764547200000-IdempotencyKeys';
import { migrations } from '../migrations';
import { createScratchDatabase } from './support/test-app';

/** On the machine's PostgreSQL: rows written before ProviderPerModel come out of it on OpenRouter. */
describe('migration ProviderPerModel1764720000000', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(() => scratch.drop());

  const connect = (list: Array<new () => MigrationInterface>): Promise<DataSource> =>
    new DataSource({ type: 'postgres', url: scratch.url, migrations: list, logging: false }).initialize();

  it('keeps existing models (on openrouter, no context length or parameters) and sessions, and goes back down', async () => {
    const before = await connect([InitialSchema1764158400000, IdempotencyKeys1764547200000]);
    await before.runMigrations();
    await before.query(`INSERT INTO ai_models (label, name) VALUES ('openai/gpt-4o-mini', 'Mini')`);
    await before.query(`INSERT INTO chat_sessions (ai_model_id, name) SELECT id, 'old' FROM ai_models`);
    await before.destroy();

    // Up to ProviderPerModel, so that undoing the last migration undoes it.
    const upTo = migrations.findIndex((m) => m.name === 'ProviderPerModel1764720000000');
    const after = await connect(migrations.slice(0, upTo + 1));
    await after.runMigrations();
    expect(await after.query(`SELECT label, name, provider, context_length, parameters FROM ai_models`)).toEqual([
      { label: 'openai/gpt-4o-mini', name: 'Mini', provider: 'openrouter', context_length: null, parameters: null },
    ]);
    expect(await after.query(`SELECT name, parameters FROM chat_sessions`)).toEqual([
      { name: 'old', parameters: null },
    ]);

    await after.undoLastMigration();
    const columns = await after.query<Array<{ column_name: string }>>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ai_models' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('provider');
    expect(await after.query(`SELECT label FROM ai_models`)).toEqual([{ label: 'openai/gpt-4o-mini' }]);
    await after.destroy();
  });
});
