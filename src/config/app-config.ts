import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { parseHost } from './host-names';

/** Raised when an environment variable is unusable; its message is the one line start-up prints. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = 'ConfigError';
  }

  /** A configuration mistake is the operator's to fix, not a bug: loggers print the line, not a stack. */
  [inspect.custom](): string {
    return `${this.name}: ${this.message}`;
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
  /** Prefix of every Redis key and channel, so several deployments (or test runs) can share one Redis. */
  readonly redisKeyPrefix: string;
  /** Raw Fernet keys, first encrypts; undefined means "use or create DATA_DIR/encryption.key". */
  readonly encryptionKeys: string[] | undefined;
  readonly openrouterBaseUrl: string;
  readonly openrouterReferer: string | undefined;
  readonly openrouterTitle: string;
  /** OPENAI_BASE_URL, no trailing slash. */
  readonly openaiBaseUrl: string;
  /** ANTHROPIC_BASE_URL, no trailing slash. */
  readonly anthropicBaseUrl: string;
  /** OPENAI_COMPATIBLE_ENDPOINTS: each a provider of its own, speaking the chat-completions dialect. */
  readonly openaiCompatibleEndpoints: Array<{ name: string; url: string }>;
  readonly apiToken: string | undefined;
  readonly adminToken: string | undefined;
  /** Bearer token for GET /metrics alone; unset: /metrics takes API_TOKEN or ADMIN_TOKEN (open if neither). */
  readonly metricsToken: string | undefined;
  /** METRICS_ENABLED=false: no /metrics and nothing recorded (the bench measures the metrics' cost with it). */
  readonly metricsEnabled: boolean;
  readonly streamTimeoutMs: number;
  readonly noClientTimeoutMs: number;
  readonly upstreamIdleTimeoutMs: number;
  readonly upstreamMaxRetries: number;
  readonly heartbeatMs: number;
  readonly maxConnectionsPerSession: number;
  /** Origins browsers may call from (exact scheme://host[:port], or `*` for any); empty: none. */
  readonly corsOrigins: string[];
  /** Host names (lower-case, no port) answered besides loopback: the DNS rebinding defence. */
  readonly allowedHosts: string[];
  /** Longest a client may take to send a whole request (headers and body); slower ones get 408. */
  readonly requestTimeoutMs: number;
  readonly bodyLimitBytes: number;
  /** Generation requests (send, cancel) allowed per client per minute. */
  readonly generationRateLimitPerMinute: number;
  /** Believe X-Forwarded-For (only behind a proxy that sets it): the client IP the rate limit counts. */
  readonly trustProxy: boolean;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** `json`: one JSON object a line (pino); `pretty`: Nest's coloured lines. Default: pretty on a terminal, else json. */
  readonly logFormat: 'json' | 'pretty';

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

/** A Fernet key as Python's Fernet.generate_key() writes it: 32 bytes in url-safe base64 with padding. */
function isFernetKey(key: string): boolean {
  return /^[A-Za-z0-9_-]{43}=$/.test(key) && Buffer.from(key, 'base64url').length === 32;
}

/** `*` or scheme://host[:port] exactly as a browser sends it in the Origin header. */
function corsOrigins(env: Env): string[] {
  const origins = (str(env, 'CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `"${origin}" is not an origin: use scheme://host[:port] with no path or trailing slash, comma-separated, or *`,
      );
    }
  }
  return origins;
}

/** Host names as a browser's address bar shows them, without scheme or port. */
function allowedHosts(env: Env): string[] {
  const entries = (str(env, 'ALLOWED_HOSTS') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    // A bare IPv6 address is accepted as the browser would show it, in brackets.
    const parsed = parseHost(isIP(entry) === 6 ? `[${entry}]` : entry);
    if (!parsed || parsed.port !== undefined) {
      throw new ConfigError(
        'ALLOWED_HOSTS',
        `"${entry}" is not a host name: list names such as chat.example.org or 192.168.1.20, without scheme, port or path, comma-separated`,
      );
    }
    return parsed.name;
  });
}

/** Provider ids Hearth defines itself; an OPENAI_COMPATIBLE_ENDPOINTS name may not take one. */
export const BUILT_IN_PROVIDERS = ['openrouter', 'openai', 'anthropic'] as const;

/** `name=url,…` (e.g. `ollama=http://127.0.0.1:11434/v1`); names `[a-z0-9-]+`, unique, not a built-in id. */
function compatibleEndpoints(env: Env): Array<{ name: string; url: string }> {
  const variable = 'OPENAI_COMPATIBLE_ENDPOINTS';
  const entries = (str(env, variable) ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? '' : entry.slice(0, eq).trim();
    const raw = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (!/^[a-z0-9-]{1,60}$/.test(name)) {
      throw new ConfigError(
        variable,
        `"${entry}" is not name=url: names are 1 to 60 lower-case letters, digits and "-", e.g. ollama=http://127.0.0.1:11434/v1`,
      );
    }
    if ((BUILT_IN_PROVIDERS as readonly string[]).includes(name)) {
      throw new ConfigError(variable, `"${name}" is a built-in provider; give the endpoint another name`);
    }
    if (seen.has(name)) throw new ConfigError(variable, `"${name}" is listed twice`);
    seen.add(name);
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
      throw new ConfigError(variable, `the URL of "${name}" is not an http:// or https:// URL`);
    }
    return { name, url: raw.replace(/\/+$/, '') };
  });
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

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
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

export function loadConfig(env: Env, stdoutIsTerminal = false): AppConfig {
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
  const hosts = allowedHosts(env);
  if (!isLoopback(host) && hosts.length === 0) {
    throw new ConfigError(
      'ALLOWED_HOSTS',
      `is required when HOST is ${host} (reachable from other machines): list the host names clients use to reach Hearth, e.g. ALLOWED_HOSTS=chat.example.org`,
    );
  }
  const keysRaw = str(env, 'ENCRYPTION_KEY');
  const listedKeys = (keysRaw ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  // "," alone lists no key: the same as unset, so the production check below still applies.
  const encryptionKeys = listedKeys.length > 0 ? listedKeys : undefined;
  encryptionKeys?.forEach((key, i) => {
    // Never echo the value: it is the secret that protects the stored API key.
    if (!isFernetKey(key)) {
      const which = encryptionKeys.length > 1 ? `key ${i + 1} of ${encryptionKeys.length}` : 'the key';
      throw new ConfigError(
        'ENCRYPTION_KEY',
        `${which} is not a Fernet key (44 characters of url-safe base64 encoding 32 bytes; generate one with \`npm run key:generate\`)`,
      );
    }
  });
  if (encryptionKeys === undefined && nodeEnv === 'production') {
    throw new ConfigError(
      'ENCRYPTION_KEY',
      'is required when NODE_ENV=production (generate one with `npm run key:generate`)',
    );
  }
  const logFormat = (str(env, 'LOG_FORMAT') ?? (stdoutIsTerminal ? 'pretty' : 'json')) as AppConfig['logFormat'];
  if (!['json', 'pretty'].includes(logFormat)) throw new ConfigError('LOG_FORMAT', 'must be json or pretty');
  const logLevel = (str(env, 'LOG_LEVEL') ?? 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', 'must be one of error, warn, log, debug');
  }
  const openrouterBaseUrl = (
    url(env, 'OPENROUTER_BASE_URL', ['http:', 'https:']) ?? 'https://openrouter.ai/api/v1'
  ).replace(/\/+$/, '');

  return new AppConfig({
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(str(env, 'DATA_DIR') ?? './data'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: str(env, 'REDIS_KEY_PREFIX') ?? 'hearth:',
    encryptionKeys,
    openrouterBaseUrl,
    openrouterReferer: url(env, 'OPENROUTER_REFERER', ['http:', 'https:']),
    openrouterTitle: str(env, 'OPENROUTER_TITLE') ?? 'Hearth',
    openaiBaseUrl: (url(env, 'OPENAI_BASE_URL', ['http:', 'https:']) ?? 'https://api.openai.com/v1').replace(
      /\/+$/,
      '',
    ),
    anthropicBaseUrl: (url(env, 'ANTHROPIC_BASE_URL', ['http:', 'https:']) ?? 'https://api.anthropic.com').replace(
      /\/+$/,
      '',
    ),
    openaiCompatibleEndpoints: compatibleEndpoints(env),
    apiToken,
    adminToken,
    metricsToken: str(env, 'METRICS_TOKEN'),
    metricsEnabled: bool(env, 'METRICS_ENABLED', true),
    streamTimeoutMs: int(env, 'STREAM_TIMEOUT_MS', 300_000, 1),
    noClientTimeoutMs: int(env, 'NO_CLIENT_TIMEOUT_MS', 300_000, 0),
    upstreamIdleTimeoutMs: int(env, 'UPSTREAM_IDLE_TIMEOUT_MS', 60_000, 1),
    upstreamMaxRetries: int(env, 'UPSTREAM_MAX_RETRIES', 2, 0, 10),
    heartbeatMs: int(env, 'HEARTBEAT_MS', 15_000, 1),
    maxConnectionsPerSession: int(env, 'MAX_CONNECTIONS_PER_SESSION', 10, 1),
    corsOrigins: corsOrigins(env),
    allowedHosts: hosts,
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024),
    generationRateLimitPerMinute: int(env, 'GENERATION_RATE_LIMIT', 60, 1),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    logLevel,
    logFormat,
  });
}
