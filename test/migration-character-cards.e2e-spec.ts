import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { api, startTestApp, TestApp, TEST_DB } from './support/test-app';
import { undoThrough } from './support/undo-migrations';

describe(`migration CharacterCards (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  it('undoes cleanly, and a character made before it keeps its name and description, with defaults for the rest', async () => {
    const ds = t.app.get(DataSource);
    // Undone back to before CharacterCards, through any migration that came after it.
    await undoThrough(ds, 'CharacterCards1764730000000');
    const columns = await ds.query<Array<{ column_name: string }>>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'characters' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['created_at', 'description', 'id', 'name']);
    const [{ id }] = await ds.query<Array<{ id: number }>>(
      `INSERT INTO characters (name, description) VALUES ('Before', 'Made before cards') RETURNING id`,
    );

    await ds.runMigrations({ transaction: 'each' });
    const got = await api(t.url, 'GET', `/api/characters/${id}`);
    expect(got.body).toMatchObject({
      name: 'Before',
      description: 'Made before cards',
      personality: '',
      firstMessage: '',
      alternateGreetings: [],
      tags: [],
      extensions: {},
      hasAvatar: false,
      lorebook: null,
    });
    const exported = await fetch(`${t.url}/api/characters/${id}/export?format=json`);
    expect(await exported.json()).toMatchObject({ spec: 'chara_card_v3', data: { name: 'Before' } });
  });
});
