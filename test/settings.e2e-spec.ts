import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Fernet } from '../src/crypto/fernet';
import { SettingsService } from '../src/settings/settings.service';
import { FakeOpenRouter } from './support/fake-openrouter';
import { pythonDecrypt, pythonEncrypt } from './support/python-fernet';
import { ApiResponse, TEST_DB, TEST_ENCRYPTION_KEY, TestApp, api, startTestApp } from './support/test-app';

// Log at debug level so "the key is in no log line" covers every line the app can write.
process.env.HEARTH_TEST_LOG = 'debug';

const KEY_A = 'sk-or-v1-' + 'a1b2c3d4'.repeat(8);
const KEY_B = 'sk-or-v1-' + '9f8e7d6c'.repeat(7) + '0000beef';
const KEY_FROM_PYTHON = 'sk-or-v1-' + '5a'.repeat(30) + 'f00d';
/** Well-formed, but the stand-in OpenRouter does not accept it. */
const KEY_REVOKED = 'sk-or-v1-' + 'dead'.repeat(15) + 'd00d';
/** Every key this file sends, good or bad, that must never come back out. */
const SECRETS = [
  KEY_A,
  KEY_B,
  KEY_FROM_PYTHON,
  KEY_REVOKED,
  'sk-or-v1-' + '77'.repeat(30),
  'sk-or-v1-0123456789abcdef0123',
];

interface SettingsBody {
  openrouterApiKeySet: boolean;
  openrouterApiKeyHint: string | null;
  openrouterBaseUrl: string;
  streamTimeoutMs: number;
  noClientTimeoutMs: number;
  upstreamIdleTimeoutMs: number;
  upstreamMaxRetries: number;
  heartbeatMs: number;
  maxConnectionsPerSession: number;
}
interface ErrorBody {
  statusCode: number;
  message: string;
  error: string;
}

/** Records everything written to stdout/stderr or the console while the app runs. */
class OutputCapture {
  readonly chunks: string[] = [];
  private readonly restore: Array<() => void> = [];

  start(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write;
      stream.write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        const callback = rest.find((r): r is () => void => typeof r === 'function');
        callback?.();
        return true;
      };
      this.restore.push(() => (stream.write = original));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        this.chunks.push(args.map(String).join(' '));
      });
      this.restore.push(() => spy.mockRestore());
    }
  }

  stop(): void {
    this.restore.splice(0).forEach((undo) => undo());
  }

  get text(): string {
    return this.chunks.join('');
  }
}

describe(`settings (${TEST_DB})`, () => {
  const output = new OutputCapture();
  let fake: FakeOpenRouter;
  let t: TestApp;
  let db: DataSource;
  const bodies: string[] = [];

  /** api() that also keeps every response body for the "no key in any response" check. */
  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await api<T>(t.url, method, path, body);
    bodies.push(JSON.stringify(res.body ?? ''));
    return res;
  }

  async function storedToken(): Promise<string | undefined> {
    const rows = await db.query<Array<{ value: string }>>(
      `SELECT value FROM application_settings WHERE key = 'openrouter_api_key'`,
    );
    return rows[0]?.value;
  }

  beforeAll(async () => {
    output.start();
    fake = await FakeOpenRouter.start({ validKeys: [KEY_A, KEY_B] });
    t = await startTestApp({
      OPENROUTER_BASE_URL: fake.url,
      UPSTREAM_IDLE_TIMEOUT_MS: '1500',
      STREAM_TIMEOUT_MS: '123000',
      MAX_CONNECTIONS_PER_SESSION: '7',
    });
    db = t.app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    // Unset if beforeAll failed: close what did start, so that failure stays the one reported.
    await (t as TestApp | undefined)?.close();
    await (fake as FakeOpenRouter | undefined)?.close();
    output.stop();
  });

  it('starts with no key, and shows the streaming settings read-only', async () => {
    const res = await call<SettingsBody>('GET', '/api/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      openrouterApiKeySet: false,
      openrouterApiKeyHint: null,
      openrouterBaseUrl: fake.url,
      providers: [
        {
          id: 'openrouter',
          kind: 'openrouter',
          baseUrl: fake.url,
          apiKeySet: false,
          apiKeyHint: null,
          apiKeyRequired: true,
        },
        {
          id: 'openai',
          kind: 'openai',
          baseUrl: 'https://api.openai.com/v1',
          apiKeySet: false,
          apiKeyHint: null,
          apiKeyRequired: true,
        },
        {
          id: 'anthropic',
          kind: 'anthropic',
          baseUrl: 'https://api.anthropic.com',
          apiKeySet: false,
          apiKeyHint: null,
          apiKeyRequired: true,
        },
      ],
      streamTimeoutMs: 123000,
      noClientTimeoutMs: 300000,
      upstreamIdleTimeoutMs: 1500,
      upstreamMaxRetries: 2,
      heartbeatMs: 15000,
      maxConnectionsPerSession: 7,
    });
    await expect(t.app.get(SettingsService).getOpenrouterApiKey()).resolves.toBeNull();
  });

  it('stores a key as a Fernet token that decrypts, here and in Python, with the configured key', async () => {
    const res = await call<SettingsBody>('PUT', '/api/settings/openrouter-api-key', { apiKey: KEY_A });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ openrouterApiKeySet: true, openrouterApiKeyHint: 'sk-or-…c3d4' });

    const token = (await storedToken())!;
    expect(token).toMatch(/^gAAAAA[A-Za-z0-9_-]+={0,2}$/);
    expect(token).not.toContain(KEY_A);
    expect(token).not.toContain(KEY_A.slice(9));
    expect(new Fernet(TEST_ENCRYPTION_KEY).decrypt(token).toString('utf8')).toBe(KEY_A);
    expect(pythonDecrypt([TEST_ENCRYPTION_KEY], token)).toBe(KEY_A);
    await expect(t.app.get(SettingsService).getOpenrouterApiKey()).resolves.toBe(KEY_A);
  });

  it('GET shows the hint, never the key', async () => {
    const res = await call<SettingsBody>('GET', '/api/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ openrouterApiKeySet: true, openrouterApiKeyHint: 'sk-or-…c3d4' });
  });

  it('a second PUT replaces the key with a fresh token', async () => {
    const before = await storedToken();
    const res = await call<SettingsBody>('PUT', '/api/settings/openrouter-api-key', { apiKey: KEY_B });
    expect(res.status).toBe(200);
    expect(res.body.openrouterApiKeyHint).toBe('sk-or-…beef');
    const after = (await storedToken())!;
    expect(after).not.toBe(before);
    expect(pythonDecrypt([TEST_ENCRYPTION_KEY], after)).toBe(KEY_B);
    const rows = await db.query<unknown[]>(`SELECT 1 FROM application_settings`);
    expect(rows).toHaveLength(1);
  });

  describe('bad input is a 400 that says why and changes nothing', () => {
    it.each<[string, unknown, string]>([
      ['no apiKey', {}, 'apiKey is required'],
      ['apiKey null', { apiKey: null }, 'apiKey is required'],
      ['a number', { apiKey: 12345678901234567000 }, 'apiKey must be a string'],
      ['an empty key', { apiKey: '' }, 'must not be empty'],
      ['a trailing newline', { apiKey: SECRETS[3] + '\n' }, 'line breaks'],
      ['a key cut short', { apiKey: SECRETS[4] }, 'cut short'],
      ['no sk- prefix', { apiKey: 'or-v1-' + 'ab'.repeat(32) }, 'must start with "sk-"'],
      ['too long', { apiKey: 'sk-' + 'x'.repeat(600) }, '20 to 512 characters'],
      ['an unknown field', { apiKey: KEY_A, extra: true }, 'property extra should not exist'],
      ['malformed JSON', `{"apiKey": "${KEY_A}"`, 'not valid JSON'],
    ])('%s', async (_what, body, why) => {
      const before = await storedToken();
      const res = await call<ErrorBody>('PUT', '/api/settings/openrouter-api-key', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringContaining(why), error: 'Bad Request' });
      expect(await storedToken()).toBe(before);
    });

    it('a verify value other than true or false', async () => {
      const before = await storedToken();
      const res = await call<ErrorBody>('PUT', '/api/settings/openrouter-api-key?verify=yes', { apiKey: KEY_A });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('verify must be true or false');
      expect(await storedToken()).toBe(before);
    });

    it('setOpenrouterApiKey() refuses a malformed key too', async () => {
      await expect(t.app.get(SettingsService).setOpenrouterApiKey('not a key')).rejects.toThrow('spaces');
    });
  });

  it('DELETE removes the key and answers with the GET shape, also when none is stored', async () => {
    const res = await call<SettingsBody>('DELETE', '/api/settings/openrouter-api-key');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ openrouterApiKeySet: false, openrouterApiKeyHint: null, heartbeatMs: 15000 });
    expect(await storedToken()).toBeUndefined();
    await expect(t.app.get(SettingsService).getOpenrouterApiKey()).resolves.toBeNull();

    const again = await call<SettingsBody>('DELETE', '/api/settings/openrouter-api-key');
    expect(again.status).toBe(200);
    expect(again.body.openrouterApiKeySet).toBe(false);
  });

  it('reads back a token that Python wrote into the table', async () => {
    const token = pythonEncrypt([TEST_ENCRYPTION_KEY], KEY_FROM_PYTHON);
    await db.query(`INSERT INTO application_settings (key, value) VALUES ('openrouter_api_key', $1)`, [token]);
    const res = await call<SettingsBody>('GET', '/api/settings');
    expect(res.body).toMatchObject({ openrouterApiKeySet: true, openrouterApiKeyHint: 'sk-or-…f00d' });
    await expect(t.app.get(SettingsService).getOpenrouterApiKey()).resolves.toBe(KEY_FROM_PYTHON);
  });

  describe('?verify=true asks OpenRouter (GET /key) first', () => {
    const keyRequests = (): string[] =>
      fake.requests.filter((r) => r.path.endsWith('/key')).map((r) => r.apiKey ?? '(none)');

    it('stores a key OpenRouter accepts, after asking with that key', async () => {
      const asked = keyRequests().length;
      const res = await call<SettingsBody>('PUT', '/api/settings/openrouter-api-key?verify=true', { apiKey: KEY_A });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ openrouterApiKeySet: true, openrouterApiKeyHint: 'sk-or-…c3d4' });
      expect(keyRequests().slice(asked)).toEqual([KEY_A]);
      expect(pythonDecrypt([TEST_ENCRYPTION_KEY], (await storedToken())!)).toBe(KEY_A);
    });

    it('verify=false stores without asking', async () => {
      const asked = keyRequests().length;
      const res = await call<SettingsBody>('PUT', '/api/settings/openrouter-api-key?verify=false', { apiKey: KEY_B });
      expect(res.status).toBe(200);
      expect(keyRequests()).toHaveLength(asked);
      expect(pythonDecrypt([TEST_ENCRYPTION_KEY], (await storedToken())!)).toBe(KEY_B);
    });

    it('a key OpenRouter rejects: 400 saying so, nothing stored', async () => {
      const before = await storedToken();
      const res = await call<ErrorBody>('PUT', '/api/settings/openrouter-api-key?verify=true', { apiKey: KEY_REVOKED });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        message: expect.stringMatching(/^The API key was not stored: OpenRouter rejected the key \(401/),
        error: 'Bad Request',
      });
      expect(await storedToken()).toBe(before);
    });

    it('OpenRouter failing (500): 502 saying the key was not checked, nothing stored', async () => {
      const before = await storedToken();
      fake.enqueueKeyResponse({ status: 500 });
      const res = await call<ErrorBody>('PUT', '/api/settings/openrouter-api-key?verify=true', { apiKey: KEY_A });
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({
        statusCode: 502,
        message: expect.stringContaining('The API key was not stored: OpenRouter answered 500'),
        error: 'Bad Gateway',
      });
      expect(res.body.message).toContain('without ?verify=true');
      expect(await storedToken()).toBe(before);
    });

    it('OpenRouter not answering: 502 after the idle timeout, nothing stored', async () => {
      const before = await storedToken();
      fake.enqueueKeyResponse({ stall: 'before-headers' });
      const started = Date.now();
      const res = await call<ErrorBody>('PUT', '/api/settings/openrouter-api-key?verify=true', { apiKey: KEY_A });
      expect(res.status).toBe(502);
      expect(res.body.message).toContain('did not answer within 1500 ms');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await storedToken()).toBe(before);
    });

    it('a malformed key is refused before OpenRouter is asked', async () => {
      const asked = keyRequests().length;
      const res = await call<ErrorBody>('PUT', '/api/settings/openrouter-api-key?verify=true', { apiKey: 'sk-short' });
      expect(res.status).toBe(400);
      expect(keyRequests()).toHaveLength(asked);
    });

    it('OpenRouter unreachable: 502 saying so, nothing stored', async () => {
      const before = await storedToken();
      await fake.close(); // nothing listens on its port any more
      const res = await call<ErrorBody>('PUT', '/api/settings/openrouter-api-key?verify=true', { apiKey: KEY_A });
      expect(res.status).toBe(502);
      expect(res.body.message).toMatch(/^The API key was not stored: OpenRouter could not be reached/);
      expect(await storedToken()).toBe(before);
    });
  });

  it('never shows any key in a response body or in anything the app logged', () => {
    const logged = output.text;
    // The capture worked: the app's own lines are in it.
    expect(logged).toContain('OpenRouter API key stored (encrypted)');
    expect(logged).toContain('OpenRouter API key removed');
    // Written by the error filter for the 502s of the verify tests, so those ran before this one.
    expect(logged).toContain('502: The API key was not stored');
    for (const secret of SECRETS) {
      const hexPart = secret.slice(9, 40);
      for (const text of [logged, ...bodies]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(hexPart);
      }
    }
  });
});
