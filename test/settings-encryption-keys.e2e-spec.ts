import { expect } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { generateFernetKey } from '../src/crypto/fernet';
import { StoredApiKeyUnreadableError } from '../src/settings/settings.errors';
import { SettingsService } from '../src/settings/settings.service';
import { PythonFernetError, pythonDecrypt, pythonEncrypt } from './support/python-fernet';
import { TEST_DB, TestApp, api, createScratchDatabase, startTestApp } from './support/test-app';

const KEY_A = 'sk-or-v1-' + '1a2b'.repeat(16);
const KEY_B = 'sk-or-v1-' + 'e5f6'.repeat(16);

interface SettingsBody {
  openrouterApiKeySet: boolean;
  openrouterApiKeyHint: string | null;
}
interface ErrorBody {
  statusCode: number;
  message: string;
  error: string;
}

/** One DATA_DIR and one database that survive restarts of the app, as on a real server. */
class Installation {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'hearth-keys-e2e-'));
  private database: { url: string; drop: () => Promise<void> } | undefined;
  app: TestApp | undefined;

  async boot(env: Record<string, string>): Promise<TestApp> {
    await this.app?.close();
    if (TEST_DB === 'postgres' && !this.database) this.database = await createScratchDatabase();
    this.app = await startTestApp({
      ...env,
      DATA_DIR: this.dataDir,
      ...(this.database ? { DATABASE_URL: this.database.url } : {}),
    });
    return this.app;
  }

  async storedToken(): Promise<string | undefined> {
    const rows = await this.app!.app.get(DataSource).query<Array<{ value: string }>>(
      `SELECT value FROM application_settings WHERE key = 'openrouter_api_key'`,
    );
    return rows[0]?.value;
  }

  async writeToken(token: string): Promise<void> {
    await this.app!.app.get(DataSource).query(
      `INSERT INTO application_settings (key, value) VALUES ('openrouter_api_key', $1)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [token],
    );
  }

  async destroy(): Promise<void> {
    await this.app?.close();
    await this.database?.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

describe(`encryption keys across restarts (${TEST_DB})`, () => {
  describe('rotation', () => {
    const site = new Installation();
    const [k1, k2] = [generateFernetKey(), generateFernetKey()];
    afterAll(() => site.destroy());

    it('with ENCRYPTION_KEY=k1, stores the key under k1', async () => {
      const t = await site.boot({ ENCRYPTION_KEY: k1 });
      expect((await api(t.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: KEY_A })).status).toBe(200);
      expect(pythonDecrypt([k1], (await site.storedToken())!)).toBe(KEY_A);
    }, 60_000);

    it('restarted with ENCRYPTION_KEY=k2,k1, still reads it, re-encrypts it under k2, and a new PUT uses k2', async () => {
      const t = await site.boot({ ENCRYPTION_KEY: `${k2},${k1}` });
      const res = await api<SettingsBody>(t.url, 'GET', '/api/settings');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ openrouterApiKeySet: true, openrouterApiKeyHint: 'sk-or-…1a2b' });
      // Re-encrypted at start-up, so k1 can be dropped without re-entering the API key.
      const rotated = (await site.storedToken())!;
      expect(pythonDecrypt([k2], rotated)).toBe(KEY_A);
      expect(() => pythonDecrypt([k1], rotated)).toThrow(PythonFernetError);

      expect((await api(t.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: KEY_B })).status).toBe(200);
      const token = (await site.storedToken())!;
      expect(pythonDecrypt([k2], token)).toBe(KEY_B);
      expect(() => pythonDecrypt([k1], token)).toThrow(PythonFernetError);
    }, 60_000);

    it('restarted with only k2, reads the k2 token', async () => {
      const t = await site.boot({ ENCRYPTION_KEY: k2 });
      const res = await api<SettingsBody>(t.url, 'GET', '/api/settings');
      expect(res.body).toMatchObject({ openrouterApiKeySet: true, openrouterApiKeyHint: 'sk-or-…e5f6' });
    }, 60_000);

    it('restarted with only k2 over an old k1 token, starts, and answers a clear 409 naming ENCRYPTION_KEY', async () => {
      const oldToken = pythonEncrypt([k1], KEY_A);
      await site.writeToken(oldToken);
      const t = await site.boot({ ENCRYPTION_KEY: k2 });

      const res = await api<ErrorBody>(t.url, 'GET', '/api/settings');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        message: expect.stringContaining('ENCRYPTION_KEY'),
        error: 'Conflict',
      });
      for (const secret of [oldToken, k1, k2, KEY_A]) expect(JSON.stringify(res.body)).not.toContain(secret);
      await expect(t.app.get(SettingsService).getOpenrouterApiKey()).rejects.toBeInstanceOf(
        StoredApiKeyUnreadableError,
      );
      // The token is left as it was: putting k1 back would still recover it.
      expect(await site.storedToken()).toBe(oldToken);
    }, 60_000);

    it('a new PUT or DELETE gets out of that state', async () => {
      const t = site.app!;
      const put = await api<SettingsBody>(t.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: KEY_B });
      expect(put.status).toBe(200);
      expect(put.body.openrouterApiKeyHint).toBe('sk-or-…e5f6');

      await site.writeToken(pythonEncrypt([k1], KEY_A));
      const del = await api<SettingsBody>(t.url, 'DELETE', '/api/settings/openrouter-api-key');
      expect(del.status).toBe(200);
      expect(del.body.openrouterApiKeySet).toBe(false);
    });
  });

  describe('without ENCRYPTION_KEY', () => {
    const site = new Installation();
    afterAll(() => site.destroy());
    const keyFile = (): string => join(site.dataDir, 'encryption.key');

    it('generates DATA_DIR/encryption.key with mode 0600 and encrypts with it', async () => {
      const t = await site.boot({ ENCRYPTION_KEY: '' });
      expect(t.config.encryptionKeys).toBeUndefined();
      expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
      const key = readFileSync(keyFile(), 'utf8').trim();
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);

      expect((await api(t.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: KEY_A })).status).toBe(200);
      expect(pythonDecrypt([key], (await site.storedToken())!)).toBe(KEY_A);
    }, 60_000);

    it('reuses the same file on restart', async () => {
      const before = readFileSync(keyFile(), 'utf8');
      const t = await site.boot({ ENCRYPTION_KEY: '' });
      expect(readFileSync(keyFile(), 'utf8')).toBe(before);
      const res = await api<SettingsBody>(t.url, 'GET', '/api/settings');
      expect(res.body).toMatchObject({ openrouterApiKeySet: true, openrouterApiKeyHint: 'sk-or-…1a2b' });
    }, 60_000);
  });
});

/**
 * The real entry point (src/main.ts) in a child process, through ts-node rather than `nest build`:
 * the working tree is shared, and building would replace dist/ under anyone else using it.
 */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = resolve(__dirname, '..');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', join(root, 'src/main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', PORT: '0', LOG_LEVEL: 'log', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the server did not exit within 60 s; stderr: ${stderr}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('a bad encryption key stops start-up', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hearth-badkey-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a malformed ENCRYPTION_KEY: exit 1 with one stderr line naming it, never echoing it', async () => {
    const bad = 'not-a-fernet-key-' + 'x'.repeat(20);
    const run = await runServer({ DATA_DIR: dataDir, ENCRYPTION_KEY: bad });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^Hearth cannot start: ENCRYPTION_KEY: .*not a Fernet key/)]);
    expect(run.stderr + run.stdout).not.toContain(bad);
  }, 70_000);

  it('a second key in the list malformed: the same', async () => {
    const run = await runServer({ DATA_DIR: dataDir, ENCRYPTION_KEY: `${generateFernetKey()},short` });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Hearth cannot start: ENCRYPTION_KEY: key 2 of 2/),
    ]);
  }, 70_000);

  it('unset, with a corrupt DATA_DIR/encryption.key: exit 1, the last line names ENCRYPTION_KEY and the file, no stack', async () => {
    writeFileSync(join(dataDir, 'encryption.key'), 'corrupted-key-material\n', { mode: 0o600 });
    const run = await runServer({ DATA_DIR: dataDir, ENCRYPTION_KEY: '' });
    expect(run.code).toBe(1);
    const last = run.stderr.trim().split('\n').pop();
    expect(last).toBe(
      `Hearth cannot start: ENCRYPTION_KEY: is unset, and ${join(dataDir, 'encryption.key')} does not hold a valid ` +
        'Fernet key: it decodes to 16 bytes, but a Fernet key is 32 bytes (44 characters of url-safe base64) ' +
        '(generate one with `npm run key:generate`)',
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr + run.stdout).not.toContain('corrupted-key-material');
  }, 70_000);
});
