import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { EncryptionService } from '../src/crypto/encryption.service';
import { Fernet, generateFernetKey } from '../src/crypto/fernet';
import { OPENROUTER_API_KEY_SETTING } from '../src/settings/settings.service';
import { api, TEST_DB, TEST_ENCRYPTION_KEY } from './support/test-app';
import {
  createSession,
  GenerationFixture,
  messageRows,
  send,
  startGenerationApp,
  TEST_API_KEY,
} from './support/generation-fixture';

const KEY_B = 'sk-or-v1-' + 'b2'.repeat(32);
const KEY_C = 'sk-or-v1-' + 'c3'.repeat(32);
const NO_KEY = 'No OpenRouter API key is set: an admin must PUT /api/settings/providers/openrouter/api-key first';

/**
 * A send decrypts the stored key only when its token changed (SettingsService keeps the last
 * one); the token itself is read with every send's session, so a key stored through this
 * instance or any other sharing the database is the one the very next send uses.
 */
describe(`the OpenRouter key a send uses (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let sessionId: number;
  let db: DataSource;

  beforeAll(async () => {
    f = await startGenerationApp();
    sessionId = await createSession(f.t.url);
    db = f.t.app.get(DataSource);
  }, 60_000);
  afterAll(() => f.close());

  /** Sends, waits for `done`, and returns the key the stand-in OpenRouter was called with. */
  async function keyOfNextSend(): Promise<string | undefined> {
    const before = f.fake.chatRequests.length;
    const client = await send(f.t.url, sessionId, 'Hello');
    expect(client.status).toBe(200);
    expect((await client.waitForEnd()).type).toBe('done');
    const requests = f.fake.chatRequests;
    expect(requests).toHaveLength(before + 1);
    return requests[before].apiKey;
  }

  async function putKey(apiKey: string): Promise<void> {
    expect((await api(f.t.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey })).status).toBe(200);
  }

  /** Writes the row as another instance (or an admin with psql) would: not through this app. */
  async function writeTokenElsewhere(token: string): Promise<void> {
    await db.query(`UPDATE application_settings SET value = $1 WHERE key = $2`, [token, OPENROUTER_API_KEY_SETTING]);
  }

  it('decrypts the stored token once for many sends, not once per send', async () => {
    const decrypt = jest.spyOn(f.t.app.get(EncryptionService), 'decryptApiKey');
    try {
      for (let i = 0; i < 3; i++) expect(await keyOfNextSend()).toBe(TEST_API_KEY);
      expect(decrypt.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      decrypt.mockRestore();
    }
  });

  it('uses a key PUT a moment ago on the very next send, and the earlier one once it is PUT back', async () => {
    expect(await keyOfNextSend()).toBe(TEST_API_KEY);
    await putKey(KEY_B);
    expect(await keyOfNextSend()).toBe(KEY_B);
    await putKey(TEST_API_KEY);
    expect(await keyOfNextSend()).toBe(TEST_API_KEY);
  });

  it('refuses the send right after a DELETE with 400, saving nothing, and sends again after a PUT', async () => {
    expect(await keyOfNextSend()).toBe(TEST_API_KEY);
    expect((await api(f.t.url, 'DELETE', '/api/settings/openrouter-api-key')).status).toBe(200);
    const saved = await messageRows(f.t, sessionId);
    const refused = await send(f.t.url, sessionId, 'Hello');
    expect(refused.status).toBe(400);
    expect(refused.errorBody).toEqual({ statusCode: 400, message: NO_KEY, error: 'Bad Request' });
    expect(await messageRows(f.t, sessionId)).toEqual(saved);
    await putKey(TEST_API_KEY);
    expect(await keyOfNextSend()).toBe(TEST_API_KEY);
  });

  it('uses a key another instance stored in the shared database on the next send, with no wait', async () => {
    await writeTokenElsewhere(new Fernet(TEST_ENCRYPTION_KEY).encrypt(KEY_C));
    expect(await keyOfNextSend()).toBe(KEY_C);
    await db.query(`DELETE FROM application_settings WHERE key = $1`, [OPENROUTER_API_KEY_SETTING]);
    const refused = await send(f.t.url, sessionId, 'Hello');
    expect(refused.status).toBe(400);
    expect(refused.errorBody).toMatchObject({ message: NO_KEY });
    await putKey(TEST_API_KEY);
    expect(await keyOfNextSend()).toBe(TEST_API_KEY);
  });

  it('while a generation runs, a send without a key is still refused for the key (400), and an unknown session with 404', async () => {
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Hel', hold, 'lo'] });
    const first = await send(f.t.url, sessionId, 'one');
    await hold.reached;
    const busy = await send(f.t.url, sessionId, 'two');
    expect(busy.status).toBe(409);
    expect((await api(f.t.url, 'POST', '/api/chat-sessions/987654/send-message', { content: 'x' })).status).toBe(404);
    expect((await api(f.t.url, 'DELETE', '/api/settings/openrouter-api-key')).status).toBe(200);
    const noKey = await send(f.t.url, sessionId, 'three');
    expect(noKey.status).toBe(400);
    expect(noKey.errorBody).toMatchObject({ message: NO_KEY });
    hold.release();
    expect((await first.waitForEnd()).type).toBe('done');
    expect((await messageRows(f.t, sessionId)).slice(-2).map((r) => r.content)).toEqual(['one', 'Hello']);
    await putKey(TEST_API_KEY);
    expect(await keyOfNextSend()).toBe(TEST_API_KEY);
  });

  it('answers 409 naming ENCRYPTION_KEY for a token no configured key opens, saving nothing', async () => {
    expect(await keyOfNextSend()).toBe(TEST_API_KEY);
    const foreign = new Fernet(generateFernetKey()).encrypt(KEY_B);
    await writeTokenElsewhere(foreign);
    const saved = await messageRows(f.t, sessionId);
    const refused = await send(f.t.url, sessionId, 'Hello');
    expect(refused.status).toBe(409);
    expect(refused.errorBody).toMatchObject({
      statusCode: 409,
      message: expect.stringContaining('ENCRYPTION_KEY'),
      error: 'Conflict',
    });
    for (const secret of [foreign, KEY_B, TEST_API_KEY])
      expect(JSON.stringify(refused.errorBody)).not.toContain(secret);
    expect(await messageRows(f.t, sessionId)).toEqual(saved);
    await putKey(TEST_API_KEY);
    expect(await keyOfNextSend()).toBe(TEST_API_KEY);
  });
});
