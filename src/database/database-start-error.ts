import { ConfigError } from '../config/app-config';

/** The reason a connection attempt failed, in one line; Node's AggregateError (several addresses) has no message of its own. */
function reasonOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return [...new Set(err.errors.map(reasonOf))].join('; ');
  }
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return err.message || (typeof code === 'string' ? code : err.name);
  }
  return String(err);
}

/** host:port/database of a connection string: enough to see which server was meant, without credentials. */
function targetOf(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return 'the configured server';
  }
}

function passwordsOf(databaseUrl: string | undefined): string[] {
  let written = '';
  try {
    written = databaseUrl ? new URL(databaseUrl).password : '';
  } catch {
    return [];
  }
  let decoded = written;
  try {
    decoded = decodeURIComponent(written);
  } catch {
    /* malformed escape: only the written form can appear */
  }
  return [...new Set([written, decoded])].filter(Boolean);
}

/** Removes the password (as written and decoded) and any credentials in URLs from a driver message. */
function redact(text: string, databaseUrl: string | undefined): string {
  let out = text.replace(/\b(postgres(?:ql)?:\/\/)[^@\s/]*@/gi, '$1***@');
  for (const secret of passwordsOf(databaseUrl)) out = out.split(secret).join('***');
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The one start-up line for a database that cannot be reached or migrated: it names DATABASE_URL
 * (or DATA_DIR for the embedded database), the server meant and the driver's reason, never a password.
 */
export function databaseStartError(err: unknown, databaseUrl: string | undefined, dataDir: string): ConfigError {
  const reason = redact(reasonOf(err), databaseUrl);
  if (!databaseUrl) {
    return new ConfigError('DATA_DIR', `the embedded database in ${dataDir} cannot start or migrate: ${reason}`);
  }
  return new ConfigError(
    'DATABASE_URL',
    `cannot connect to or migrate the database at ${targetOf(databaseUrl)}: ${reason}`,
  );
}
