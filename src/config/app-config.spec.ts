import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { AppConfig, ConfigError, loadConfig } from './app-config';

const KEY_A = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
const KEY_B = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The ConfigError loadConfig throws for env (fails the test if it does not throw one). */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe(loadConfig.name, () => {
  describe('defaults (the contract table)', () => {
    const sut = loadConfig({});

    it.each<[keyof AppConfig, unknown]>([
      ['port', 3000],
      ['host', '127.0.0.1'],
      ['databaseUrl', undefined],
      ['dataDir', resolve('./data')],
      ['redisUrl', undefined],
      ['encryptionKeys', undefined],
      ['openrouterBaseUrl', 'https://openrouter.ai/api/v1'],
      ['apiToken', undefined],
      ['adminToken', undefined],
      ['streamTimeoutMs', 300_000],
      ['noClientTimeoutMs', 300_000],
      ['upstreamIdleTimeoutMs', 60_000],
      ['upstreamMaxRetries', 2],
      ['heartbeatMs', 15_000],
      ['maxConnectionsPerSession', 10],
      ['corsOrigins', []],
      ['allowedHosts', []],
      ['requestTimeoutMs', 30_000],
      ['bodyLimitBytes', 1_048_576],
      ['generationRateLimitPerMinute', 60],
      ['logLevel', 'log'],
      ['nodeEnv', 'development'],
      ['openrouterTitle', 'Hearth'],
      ['openrouterReferer', undefined],
    ])('%s defaults to %p', (field, expected) => {
      expect(sut[field]).toEqual(expected);
    });

    it('binds to loopback and is not production', () => {
      expect(sut.isLoopbackHost).toBe(true);
      expect(sut.isProduction).toBe(false);
    });
  });

  describe('reads every variable', () => {
    const sut = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://hearth:pw@db:5432/hearth',
      DATA_DIR: '/var/lib/hearth',
      REDIS_URL: 'redis://redis:6379/0',
      ENCRYPTION_KEY: ` ${KEY_A} , ${KEY_B} `,
      OPENROUTER_BASE_URL: 'http://mock:9000/v1/',
      OPENROUTER_REFERER: 'https://chat.example.com',
      OPENROUTER_TITLE: 'My Hearth',
      API_TOKEN: 'user-token',
      ADMIN_TOKEN: 'admin-token',
      STREAM_TIMEOUT_MS: '1000',
      NO_CLIENT_TIMEOUT_MS: '0',
      UPSTREAM_IDLE_TIMEOUT_MS: '500',
      UPSTREAM_MAX_RETRIES: '0',
      HEARTBEAT_MS: '250',
      MAX_CONNECTIONS_PER_SESSION: '3',
      CORS_ORIGINS: 'http://localhost:5173, https://chat.example.com',
      ALLOWED_HOSTS: 'chat.example.com, 192.168.1.20',
      REQUEST_TIMEOUT_MS: '5000',
      BODY_LIMIT_BYTES: '2048',
      GENERATION_RATE_LIMIT: '5',
      LOG_LEVEL: 'debug',
    });

    it.each<[keyof AppConfig, unknown]>([
      ['nodeEnv', 'production'],
      ['port', 8080],
      ['host', '0.0.0.0'],
      ['databaseUrl', 'postgres://hearth:pw@db:5432/hearth'],
      ['dataDir', '/var/lib/hearth'],
      ['redisUrl', 'redis://redis:6379/0'],
      ['encryptionKeys', [KEY_A, KEY_B]],
      ['openrouterBaseUrl', 'http://mock:9000/v1'],
      ['openrouterReferer', 'https://chat.example.com'],
      ['openrouterTitle', 'My Hearth'],
      ['apiToken', 'user-token'],
      ['adminToken', 'admin-token'],
      ['streamTimeoutMs', 1000],
      ['noClientTimeoutMs', 0],
      ['upstreamIdleTimeoutMs', 500],
      ['upstreamMaxRetries', 0],
      ['heartbeatMs', 250],
      ['maxConnectionsPerSession', 3],
      ['corsOrigins', ['http://localhost:5173', 'https://chat.example.com']],
      ['allowedHosts', ['chat.example.com', '192.168.1.20']],
      ['requestTimeoutMs', 5000],
      ['bodyLimitBytes', 2048],
      ['generationRateLimitPerMinute', 5],
      ['logLevel', 'debug'],
    ])('%s is %p', (field, expected) => {
      expect(sut[field]).toEqual(expected);
    });

    it('knows it is production on a non-loopback host', () => {
      expect(sut.isProduction).toBe(true);
      expect(sut.isLoopbackHost).toBe(false);
    });
  });

  it('treats blank values as unset', () => {
    const sut = loadConfig({ PORT: '  ', API_TOKEN: '', DATABASE_URL: ' ', ENCRYPTION_KEY: ' , ' });
    expect(sut.port).toBe(3000);
    expect(sut.apiToken).toBeUndefined();
    expect(sut.databaseUrl).toBeUndefined();
    expect(sut.encryptionKeys).toBeUndefined();
  });

  it('reads the provider base URLs and OpenAI-compatible endpoints, without trailing slashes', () => {
    expect(loadConfig({})).toMatchObject({
      openaiBaseUrl: 'https://api.openai.com/v1',
      anthropicBaseUrl: 'https://api.anthropic.com',
      openaiCompatibleEndpoints: [],
    });
    const sut = loadConfig({
      OPENAI_BASE_URL: 'http://proxy:8080/v1/',
      ANTHROPIC_BASE_URL: 'http://proxy:8081/',
      OPENAI_COMPATIBLE_ENDPOINTS: ' ollama=http://127.0.0.1:11434/v1/ , vllm-2=https://gpu.lan/v1',
    });
    expect(sut.openaiBaseUrl).toBe('http://proxy:8080/v1');
    expect(sut.anthropicBaseUrl).toBe('http://proxy:8081');
    expect(sut.openaiCompatibleEndpoints).toEqual([
      { name: 'ollama', url: 'http://127.0.0.1:11434/v1' },
      { name: 'vllm-2', url: 'https://gpu.lan/v1' },
    ]);
  });

  it('reads METRICS_ENABLED, on by default', () => {
    expect(loadConfig({}).metricsEnabled).toBe(true);
    expect(loadConfig({ METRICS_ENABLED: 'false' }).metricsEnabled).toBe(false);
    expect(() => loadConfig({ METRICS_ENABLED: 'sometimes' })).toThrow(/METRICS_ENABLED/);
  });

  it('reads METRICS_TOKEN trimmed, blank as unset', () => {
    expect(loadConfig({ METRICS_TOKEN: ' scrape ' }).metricsToken).toBe('scrape');
    expect(loadConfig({ METRICS_TOKEN: '  ' }).metricsToken).toBeUndefined();
  });

  it('accepts postgresql:// and rediss:// URLs', () => {
    const sut = loadConfig({ DATABASE_URL: 'postgresql://db/x', REDIS_URL: 'rediss://cache:6380' });
    expect(sut.databaseUrl).toBe('postgresql://db/x');
    expect(sut.redisUrl).toBe('rediss://cache:6380');
  });

  it('allows any origin with CORS_ORIGINS=*', () => {
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });

  describe('refuses bad values with a ConfigError naming the variable', () => {
    it.each<[string, Record<string, string>]>([
      ['PORT', { PORT: 'abc' }],
      ['PORT', { PORT: '70000' }],
      ['PORT', { PORT: '-1' }],
      ['PORT', { PORT: '80.5' }],
      ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
      ['DATABASE_URL', { DATABASE_URL: 'mysql://db/x' }],
      ['REDIS_URL', { REDIS_URL: 'http://cache:6379' }],
      ['ENCRYPTION_KEY', { ENCRYPTION_KEY: 'too-short' }],
      ['ENCRYPTION_KEY', { ENCRYPTION_KEY: `${KEY_A},${KEY_A.slice(1)}` }],
      ['ENCRYPTION_KEY', { ENCRYPTION_KEY: KEY_A.replace(/=$/, '') }],
      ['ENCRYPTION_KEY', { ENCRYPTION_KEY: KEY_A.replace('_', '/') }],
      ['OPENROUTER_BASE_URL', { OPENROUTER_BASE_URL: 'ftp://openrouter.ai' }],
      ['OPENROUTER_REFERER', { OPENROUTER_REFERER: 'nope' }],
      ['OPENAI_BASE_URL', { OPENAI_BASE_URL: 'file:///etc' }],
      ['ANTHROPIC_BASE_URL', { ANTHROPIC_BASE_URL: 'not a url' }],
      ['OPENAI_COMPATIBLE_ENDPOINTS', { OPENAI_COMPATIBLE_ENDPOINTS: 'http://127.0.0.1:11434/v1' }],
      ['OPENAI_COMPATIBLE_ENDPOINTS', { OPENAI_COMPATIBLE_ENDPOINTS: 'Ollama=http://127.0.0.1:11434/v1' }],
      ['OPENAI_COMPATIBLE_ENDPOINTS', { OPENAI_COMPATIBLE_ENDPOINTS: 'openai=http://127.0.0.1:8000/v1' }],
      ['OPENAI_COMPATIBLE_ENDPOINTS', { OPENAI_COMPATIBLE_ENDPOINTS: 'a=http://x/v1,a=http://y/v1' }],
      ['OPENAI_COMPATIBLE_ENDPOINTS', { OPENAI_COMPATIBLE_ENDPOINTS: 'vllm=ftp://x' }],
      ['STREAM_TIMEOUT_MS', { STREAM_TIMEOUT_MS: '0' }],
      ['NO_CLIENT_TIMEOUT_MS', { NO_CLIENT_TIMEOUT_MS: 'soon' }],
      ['UPSTREAM_IDLE_TIMEOUT_MS', { UPSTREAM_IDLE_TIMEOUT_MS: '0' }],
      ['UPSTREAM_MAX_RETRIES', { UPSTREAM_MAX_RETRIES: '11' }],
      ['HEARTBEAT_MS', { HEARTBEAT_MS: '1s' }],
      ['MAX_CONNECTIONS_PER_SESSION', { MAX_CONNECTIONS_PER_SESSION: '0' }],
      ['CORS_ORIGINS', { CORS_ORIGINS: 'example.com' }],
      ['CORS_ORIGINS', { CORS_ORIGINS: 'https://example.com/' }],
      ['CORS_ORIGINS', { CORS_ORIGINS: 'https://ok.example.com,https://example.com/app' }],
      ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '10' }],
      ['GENERATION_RATE_LIMIT', { GENERATION_RATE_LIMIT: '0' }],
      ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ])('%s (%j)', (variable, env) => {
      const sut = configErrorOf(env);
      expect(sut.variable).toBe(variable);
      expect(sut.message.startsWith(`${variable}: `)).toBe(true);
      expect(sut.message).not.toContain('\n');
    });
  });

  it('never echoes an encryption key or database password in the error', () => {
    const badKey = KEY_A.slice(0, 40);
    expect(configErrorOf({ ENCRYPTION_KEY: badKey }).message).not.toContain(badKey);
    expect(configErrorOf({ DATABASE_URL: 'postgres://u:s3cret@' }).message).not.toContain('s3cret');
  });

  describe('binding beyond loopback', () => {
    it.each(['0.0.0.0', '::', '192.168.1.10', 'hearth.example.com'])(
      'refuses HOST=%s without tokens, naming both',
      (host) => {
        const sut = configErrorOf({ HOST: host });
        expect(sut.variable).toBe('HOST');
        expect(sut.message).toContain('API_TOKEN');
        expect(sut.message).toContain('ADMIN_TOKEN');
        expect(sut.message).not.toContain('\n');
      },
    );

    it.each([{ API_TOKEN: 't' }, { ADMIN_TOKEN: 't' }])('starts with %j and ALLOWED_HOSTS', (tokens) => {
      expect(loadConfig({ HOST: '0.0.0.0', ALLOWED_HOSTS: 'chat.example.com', ...tokens }).host).toBe('0.0.0.0');
    });

    it.each(['0.0.0.0', '::', '192.168.1.10'])('refuses HOST=%s with tokens but no ALLOWED_HOSTS', (host) => {
      const sut = configErrorOf({ HOST: host, API_TOKEN: 't', ADMIN_TOKEN: 'a' });
      expect(sut.variable).toBe('ALLOWED_HOSTS');
      expect(sut.message).toContain(`HOST is ${host}`);
      expect(sut.message).not.toContain('\n');
    });

    it.each(['127.0.0.1', '127.0.1.1', 'localhost', '::1'])('needs no token on loopback %s', (host) => {
      expect(loadConfig({ HOST: host }).isLoopbackHost).toBe(true);
    });
  });

  describe('ENCRYPTION_KEY in production', () => {
    it('is required', () => {
      const sut = configErrorOf({ NODE_ENV: 'production' });
      expect(sut.variable).toBe('ENCRYPTION_KEY');
      expect(sut.message).toContain('NODE_ENV=production');
    });

    it('is required even when only separators are given', () => {
      expect(configErrorOf({ NODE_ENV: 'production', ENCRYPTION_KEY: ',' }).variable).toBe('ENCRYPTION_KEY');
    });

    it('is accepted when set', () => {
      expect(loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY_A }).encryptionKeys).toEqual([KEY_A]);
    });

    it('may be left unset outside production (a key file is generated)', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).encryptionKeys).toBeUndefined();
    });
  });
});

describe('ALLOWED_HOSTS', () => {
  it('keeps names lower-case, without a trailing dot, IPv6 in brackets', () => {
    expect(
      loadConfig({ ALLOWED_HOSTS: ' Chat.Example.COM. ,10.0.0.5,::1,[fe80::1],hearth_app ' }).allowedHosts,
    ).toEqual(['chat.example.com', '10.0.0.5', '[::1]', '[fe80::1]', 'hearth_app']);
  });

  it.each([
    'https://chat.example.com',
    'chat.example.com:8443',
    'chat.example.com/x',
    '*.example.com',
    'a b',
    '[nope]',
  ])('refuses %p, saying what a host name looks like', (entry) => {
    const sut = configErrorOf({ ALLOWED_HOSTS: entry });
    expect(sut.variable).toBe('ALLOWED_HOSTS');
    expect(sut.message).toContain(entry);
    expect(sut.message).toMatch(/without scheme, port or path/);
  });
});

describe('REQUEST_TIMEOUT_MS', () => {
  it('is read, and refused out of range', () => {
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '1500' }).requestTimeoutMs).toBe(1500);
    expect(configErrorOf({ REQUEST_TIMEOUT_MS: '0' }).variable).toBe('REQUEST_TIMEOUT_MS');
  });
});

describe('TRUST_PROXY and REDIS_KEY_PREFIX', () => {
  it('does not trust X-Forwarded-For unless told to', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/^TRUST_PROXY: expected true or false/);
  });

  it('prefixes Redis keys with hearth: unless told otherwise', () => {
    expect(loadConfig({}).redisKeyPrefix).toBe('hearth:');
    expect(loadConfig({ REDIS_KEY_PREFIX: 'blue:' }).redisKeyPrefix).toBe('blue:');
  });
});

describe(ConfigError.name, () => {
  it('prints as one line without a stack trace when logged', () => {
    const sut = new ConfigError('DATABASE_URL', 'cannot connect');
    expect(inspect(sut)).toBe('ConfigError: DATABASE_URL: cannot connect');
  });
});
