import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Fernet (https://github.com/fernet/spec), version 0x80, on node:crypto alone:
 * token = base64url(0x80 ‖ 64-bit BE seconds ‖ IV ‖ AES-128-CBC/PKCS7 ciphertext ‖ HMAC-SHA256),
 * key = base64url(16-byte signing key ‖ 16-byte encryption key). Behaves like Python's
 * `cryptography.fernet` so tokens pass both ways.
 */

const VERSION = 0x80;
const HEADER_LENGTH = 1 + 8 + 16;
const HMAC_LENGTH = 32;
const BLOCK = 16;
/** Python's `_MAX_CLOCK_SKEW`: with a TTL, a token may be at most this far from the future. */
const MAX_CLOCK_SKEW_SECONDS = 60;

/** A key that is not 32 bytes of url-safe base64. The message never contains the key. */
export class FernetKeyError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'FernetKeyError';
  }
}

/** Like Python's `InvalidToken`: the token is malformed, altered, expired or for another key. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid Fernet token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

export interface EncryptOptions {
  /** Creation time written into the token; defaults to now. */
  now?: Date;
  /** 16 bytes; defaults to random. Only tests should fix it: an IV must never repeat. */
  iv?: Uint8Array;
}

export interface DecryptOptions {
  /** Maximum age in seconds; omitted means tokens never expire (Python's default). */
  ttl?: number;
  /** The time to check the TTL against; defaults to now. */
  now?: Date;
}

/** A fresh random key in the spec's format (44 characters, url-safe base64 with padding). */
export function generateFernetKey(): string {
  return randomBytes(32).toString('base64url') + '=';
}

/**
 * Strict url-safe base64 as the spec defines it: no `+` or `/`, no stray characters, padding
 * either complete or absent. (Python's decoder skips unknown characters; we refuse them.)
 */
function decodeBase64Url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return undefined;
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  if (text.length !== body.length && text.length % 4 !== 0) return undefined;
  return Buffer.from(body, 'base64url');
}

function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export class Fernet {
  private readonly signingKey: Buffer;
  private readonly encryptionKey: Buffer;

  /** @throws FernetKeyError if `key` is not 32 bytes of url-safe base64. */
  constructor(key: string) {
    const bytes = decodeBase64Url(key.trim());
    if (bytes === undefined) {
      throw new FernetKeyError('is not url-safe base64 (only A-Z a-z 0-9 - _ and "=" padding are allowed)');
    }
    if (bytes.length !== 32) {
      throw new FernetKeyError(
        `decodes to ${bytes.length} bytes, but a Fernet key is 32 bytes (44 characters of url-safe base64)`,
      );
    }
    this.signingKey = bytes.subarray(0, 16);
    this.encryptionKey = bytes.subarray(16);
  }

  encrypt(plaintext: string | Uint8Array, options: EncryptOptions = {}): string {
    const iv = options.iv ?? randomBytes(16);
    if (iv.length !== 16) throw new RangeError('a Fernet IV is 16 bytes');
    return this.encryptFromParts(
      typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext,
      BigInt(toSeconds(options.now ?? new Date())),
      iv,
    );
  }

  /** @throws InvalidTokenError */
  decrypt(token: string, options: DecryptOptions = {}): Buffer {
    const { data, timestamp } = parseToken(token);
    if (options.ttl !== undefined) {
      const now = BigInt(toSeconds(options.now ?? new Date()));
      if (timestamp + BigInt(options.ttl) < now) throw new InvalidTokenError('expired');
      if (now + BigInt(MAX_CLOCK_SKEW_SECONDS) < timestamp) throw new InvalidTokenError('created in the future');
    }
    return this.decryptData(data);
  }

  /** Signature check then AES decryption of an already parsed token. */
  decryptData(data: Buffer): Buffer {
    const signed = data.subarray(0, data.length - HMAC_LENGTH);
    const mac = data.subarray(data.length - HMAC_LENGTH);
    const expected = createHmac('sha256', this.signingKey).update(signed).digest();
    if (!timingSafeEqual(mac, expected)) throw new InvalidTokenError('signature does not match');
    const iv = data.subarray(9, HEADER_LENGTH);
    const ciphertext = data.subarray(HEADER_LENGTH, data.length - HMAC_LENGTH);
    try {
      const decipher = createDecipheriv('aes-128-cbc', this.encryptionKey, iv);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new InvalidTokenError('padding is invalid');
    }
  }

  encryptFromParts(plaintext: Uint8Array, timestamp: bigint, iv: Uint8Array): string {
    const cipher = createCipheriv('aes-128-cbc', this.encryptionKey, iv); // PKCS7 padding by default
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const header = Buffer.alloc(9);
    header.writeUInt8(VERSION, 0);
    header.writeBigUInt64BE(timestamp, 1);
    const signed = Buffer.concat([header, iv, ciphertext]);
    const mac = createHmac('sha256', this.signingKey).update(signed).digest();
    // url-safe alphabet with padding, as Python's urlsafe_b64encode writes it and requires it back.
    return Buffer.concat([signed, mac]).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
}

/** Decodes a token and checks its framing, without any key. */
export function parseToken(token: string): { data: Buffer; timestamp: bigint } {
  const data = decodeBase64Url(token);
  if (data === undefined) throw new InvalidTokenError('not url-safe base64');
  if (data.length < HEADER_LENGTH + BLOCK + HMAC_LENGTH) throw new InvalidTokenError('too short');
  if (data[0] !== VERSION) throw new InvalidTokenError('unknown version');
  if ((data.length - HEADER_LENGTH - HMAC_LENGTH) % BLOCK !== 0) {
    throw new InvalidTokenError('ciphertext is not a whole number of blocks');
  }
  return { data, timestamp: data.readBigUInt64BE(1) };
}

/**
 * Key rotation like Python's `MultiFernet`: the first key encrypts, every key is tried to
 * decrypt, and `rotate` re-encrypts a token under the first key keeping its timestamp.
 */
export class MultiFernet {
  constructor(private readonly fernets: readonly Fernet[]) {
    if (fernets.length === 0) throw new FernetKeyError('MultiFernet needs at least one key');
  }

  encrypt(plaintext: string | Uint8Array, options: EncryptOptions = {}): string {
    return this.fernets[0].encrypt(plaintext, options);
  }

  /** @throws InvalidTokenError when no key decrypts the token. */
  decrypt(token: string, options: DecryptOptions = {}): Buffer {
    return this.decryptWithIndex(token, options).plaintext;
  }

  /** Also says which key (0 = the current one) opened the token, so callers can re-encrypt old ones. */
  decryptWithIndex(token: string, options: DecryptOptions = {}): { plaintext: Buffer; keyIndex: number } {
    let lastError: InvalidTokenError | undefined;
    for (const [keyIndex, fernet] of this.fernets.entries()) {
      try {
        return { plaintext: fernet.decrypt(token, options), keyIndex };
      } catch (err) {
        if (!(err instanceof InvalidTokenError)) throw err;
        lastError = err;
      }
    }
    // Framing errors are the same for every key; otherwise say plainly that no key fits.
    if (!lastError || lastError.reason === 'signature does not match') {
      throw new InvalidTokenError('no configured key matches its signature');
    }
    throw lastError;
  }

  rotate(token: string): string {
    const { timestamp } = parseToken(token);
    const plaintext = this.decrypt(token);
    return this.fernets[0].encryptFromParts(plaintext, timestamp, randomBytes(16));
  }
}
