import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** Raised when an environment variable is unusable; its message is the one line start-up prints. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/**
 * Everything Hearth reads from its environment, validated once at start-up.
 * Injected by class; nothing else in the code reads process.env.
 */
export class AppConfig {
  readonly nodeEnv: string;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  /** Raw Fernet keys, first encrypts; undefined means "use or create DATA_DIR/encryption.key". */
  readonly encryptionKeys: string[] | undefined;
  readonly openrouterBaseUrl: string;
  readonly openrouterReferer: string | undefined;
  readonly openrouterTitle: string;
  readonly apiToken: string | undefined;
  readonly adminToken: string | undefined;
  readonly streamTimeoutMs: number;
  readonly noClientTimeoutMs: number;
  readonly upstreamIdleTimeoutMs: number;
  readonly upstreamMaxRetries: number;
  readonly heartbeatMs: number;
  readonly maxConnectionsPerSession: number;
  readonly corsOrigins: string[];
  readonly bodyLimitBytes: number;
  /** Generation requests (send, cancel) allowed per client per minute. */
  readonly generationRateLimitPerMinute: number;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug';

  constructor(values: Omit<AppConfig, 'isProduction' | 'isLoopbackHost'>) {
    Object.assign(this, values);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  get isLoopbackHost(): boolean {
    return isLoopback(this.host);
  }
}

type Env = Record<string, string | undefined>;

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}`);
  }
  return raw;
}

export function loadConfig(env: Env): AppConfig {
  const nodeEnv = str(env, 'NODE_ENV') ?? 'development';
  const host = str(env, 'HOST') ?? '127.0.0.1';
  const apiToken = str(env, 'API_TOKEN');
  const adminToken = str(env, 'ADMIN_TOKEN');
  if (!isLoopback(host) && !apiToken && !adminToken) {
    throw new ConfigError(
      'HOST',
      `is ${host}, which is reachable from other machines: set API_TOKEN (and ADMIN_TOKEN for settings) before binding to it`,
    );
  }
  const keysRaw = str(env, 'ENCRYPTION_KEY');
  const encryptionKeys = keysRaw
    ?.split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  if (encryptionKeys === undefined && nodeEnv === 'production') {
    throw new ConfigError(
      'ENCRYPTION_KEY',
      'is required when NODE_ENV=production (generate one with `npm run key:generate`)',
    );
  }
  const logLevel = (str(env, 'LOG_LEVEL') ?? 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', 'must be one of error, warn, log, debug');
  }
  const openrouterBaseUrl = (url(env, 'OPENROUTER_BASE_URL', ['http:', 'https:']) ?? 'https://openrouter.ai/api/v1').replace(
    /\/+$/,
    '',
  );

  return new AppConfig({
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(str(env, 'DATA_DIR') ?? './data'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    encryptionKeys: encryptionKeys && encryptionKeys.length > 0 ? encryptionKeys : undefined,
    openrouterBaseUrl,
    openrouterReferer: url(env, 'OPENROUTER_REFERER', ['http:', 'https:']),
    openrouterTitle: str(env, 'OPENROUTER_TITLE') ?? 'Hearth',
    apiToken,
    adminToken,
    streamTimeoutMs: int(env, 'STREAM_TIMEOUT_MS', 300_000, 1),
    noClientTimeoutMs: int(env, 'NO_CLIENT_TIMEOUT_MS', 300_000, 0),
    upstreamIdleTimeoutMs: int(env, 'UPSTREAM_IDLE_TIMEOUT_MS', 60_000, 1),
    upstreamMaxRetries: int(env, 'UPSTREAM_MAX_RETRIES', 2, 0, 10),
    heartbeatMs: int(env, 'HEARTBEAT_MS', 15_000, 1),
    maxConnectionsPerSession: int(env, 'MAX_CONNECTIONS_PER_SESSION', 10, 1),
    corsOrigins: (str(env, 'CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024),
    generationRateLimitPerMinute: int(env, 'GENERATION_RATE_LIMIT', 60, 1),
    logLevel,
  });
}
