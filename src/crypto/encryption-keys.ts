import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError } from '../config/app-config';
import { Fernet, FernetKeyError, generateFernetKey } from './fernet';
import { errorText } from '../errors/domain-error';

export const KEY_FILE_NAME = 'encryption.key';

/** Where start-up says what it did with the key; never given the key itself. */
export interface KeyLog {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * The Fernet keys to use, first one encrypting: ENCRYPTION_KEY if set, else the key in
 * DATA_DIR/encryption.key, created (mode 0600) on first start. Throws ConfigError naming
 * ENCRYPTION_KEY for anything unusable, so start-up stops with one clear line.
 */
export function loadEncryptionKeys(config: Pick<AppConfig, 'encryptionKeys' | 'dataDir'>, log: KeyLog): Fernet[] {
  if (config.encryptionKeys !== undefined) {
    const total = config.encryptionKeys.length;
    return config.encryptionKeys.map((key, i) =>
      parseKey(key, total === 1 ? 'is not a valid Fernet key' : `key ${i + 1} of ${total} is not a valid Fernet key`),
    );
  }
  const path = join(config.dataDir, KEY_FILE_NAME);
  const created = createKeyFileIfMissing(config.dataDir, path);
  if (created) {
    log.warn(
      `ENCRYPTION_KEY is unset: generated a new key in ${path} (mode 0600). Back that file up (stored secrets ` +
        `cannot be read without it) or set ENCRYPTION_KEY; production refuses to start without it.`,
    );
  } else {
    log.log(`ENCRYPTION_KEY is unset: using the key in ${path}`);
  }
  let contents: string;
  try {
    contents = readFileSync(path, 'utf8');
    if (!created && (statSync(path).mode & 0o077) !== 0) {
      log.warn(`${path} is readable by other users; restrict it with: chmod 600 ${path}`);
    }
  } catch (err) {
    throw new ConfigError('ENCRYPTION_KEY', `is unset, and ${path} cannot be read: ${errorText(err)}`);
  }
  return [parseKey(contents, `is unset, and ${path} does not hold a valid Fernet key`)];
}

/** Writes a fresh key unless the file exists (`wx`, so two starting instances cannot both write). */
function createKeyFileIfMissing(dataDir: string, path: string): boolean {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(path, generateFernetKey() + '\n', { flag: 'wx', mode: 0o600 });
    chmodSync(path, 0o600); // in case a umask widened or narrowed it
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new ConfigError('ENCRYPTION_KEY', `is unset, and ${path} cannot be created: ${errorText(err)}`);
  }
}

function parseKey(key: string, what: string): Fernet {
  try {
    return new Fernet(key.trim());
  } catch (err) {
    if (!(err instanceof FernetKeyError)) throw err;
    throw new ConfigError('ENCRYPTION_KEY', `${what}: it ${err.message} (generate one with \`npm run key:generate\`)`);
  }
}
