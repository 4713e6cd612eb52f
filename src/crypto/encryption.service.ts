import { Fernet, InvalidTokenError, MultiFernet } from './fernet';

/**
 * A stored secret that no configured key opens. The message names ENCRYPTION_KEY (the thing to
 * fix) and never carries the token or a key.
 */
export class DecryptionError extends Error {
  constructor(readonly reason: string) {
    super(
      'a stored secret cannot be decrypted with any key in ENCRYPTION_KEY: it was encrypted with a key that is ' +
        'no longer configured (add that key after the current one) or it was altered',
    );
    this.name = 'DecryptionError';
  }
}

/**
 * Encrypts secrets for storage as Fernet tokens; the first configured key encrypts, every key
 * decrypts (rotation). Built by CryptoModule from AppConfig, which is where bad keys stop start-up.
 */
export class EncryptionService {
  private readonly fernet: MultiFernet;

  constructor(keys: readonly Fernet[]) {
    this.fernet = new MultiFernet(keys);
  }

  encryptApiKey(plaintext: string): string {
    return this.fernet.encrypt(plaintext);
  }

  /** @throws DecryptionError when no configured key opens the token. */
  decryptApiKey(token: string): string {
    return this.open(token).plaintext;
  }

  /** True when the token is under an older key, so re-encrypting it would finish a rotation. */
  needsRotation(token: string): boolean {
    return this.open(token).keyIndex > 0;
  }

  private open(token: string): { plaintext: string; keyIndex: number } {
    try {
      const { plaintext, keyIndex } = this.fernet.decryptWithIndex(token);
      return { plaintext: plaintext.toString('utf8'), keyIndex };
    } catch (err) {
      if (err instanceof InvalidTokenError) throw new DecryptionError(err.reason);
      throw err;
    }
  }
}
