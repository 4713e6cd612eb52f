import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config';
import { Fernet, generateFernetKey } from './fernet';
import { KEY_FILE_NAME, KeyLog, loadEncryptionKeys } from './encryption-keys';

class RecordingLog implements KeyLog {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(`log: ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
}

describe(loadEncryptionKeys.name, () => {
  const sut = loadEncryptionKeys;
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hearth-keys-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses ENCRYPTION_KEY keys in order and touches no file', () => {
    const [k1, k2] = [generateFernetKey(), generateFernetKey()];
    const keys = sut({ encryptionKeys: [k2, k1], dataDir }, new RecordingLog());
    const token = keys[0].encrypt('x');
    expect(new Fernet(k2).decrypt(token).toString()).toBe('x');
    expect(keys).toHaveLength(2);
    expect(() => statSync(join(dataDir, KEY_FILE_NAME))).toThrow();
  });

  it('names ENCRYPTION_KEY and which key is malformed, never echoing it', () => {
    const bad = 'Zm9v' + 'not-a-key-but-secretish';
    const load = (): unknown => sut({ encryptionKeys: [generateFernetKey(), bad], dataDir }, new RecordingLog());
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^ENCRYPTION_KEY: key 2 of 2 is not a valid Fernet key/);
    expect(load).not.toThrow(bad); // it throws (above), and the message does not carry the secret
  });

  it('without ENCRYPTION_KEY generates DATA_DIR/encryption.key once (mode 0600), warning, then reuses it', () => {
    const nested = join(dataDir, 'not', 'yet');
    const firstLog = new RecordingLog();
    const first = sut({ encryptionKeys: undefined, dataDir: nested }, firstLog);
    const path = join(nested, KEY_FILE_NAME);
    const written = readFileSync(path, 'utf8').trim();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(firstLog.lines).toEqual([expect.stringMatching(/^warn: ENCRYPTION_KEY is unset: generated a new key in /)]);
    expect(firstLog.lines.join()).not.toContain(written);

    const secondLog = new RecordingLog();
    const second = sut({ encryptionKeys: undefined, dataDir: nested }, secondLog);
    expect(readFileSync(path, 'utf8').trim()).toBe(written);
    expect(second[0].decrypt(first[0].encrypt('same key')).toString()).toBe('same key');
    expect(secondLog.lines).toEqual([expect.stringMatching(/^log: ENCRYPTION_KEY is unset: using the key in /)]);
  });

  it('warns when the key file is readable by others', () => {
    const path = join(dataDir, KEY_FILE_NAME);
    writeFileSync(path, generateFernetKey());
    chmodSync(path, 0o644);
    const log = new RecordingLog();
    sut({ encryptionKeys: undefined, dataDir }, log);
    expect(log.lines).toContainEqual(expect.stringContaining('chmod 600'));
  });

  it('refuses a key file that holds no valid key, naming ENCRYPTION_KEY and the file', () => {
    writeFileSync(join(dataDir, KEY_FILE_NAME), 'garbage-garbage\n', { mode: 0o600 });
    const load = (): unknown => sut({ encryptionKeys: undefined, dataDir }, new RecordingLog());
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      `ENCRYPTION_KEY: is unset, and ${join(dataDir, KEY_FILE_NAME)} does not hold a valid Fernet key`,
    );
    expect(load).not.toThrow('garbage-garbage'); // it throws (above), and the message does not carry the secret
  });
});
