import { Fernet, FernetKeyError, InvalidTokenError, MultiFernet, generateFernetKey, parseToken } from './fernet';
import generateVectors from './fixtures/generate.json';
import verifyVectors from './fixtures/verify.json';
import invalidVectors from './fixtures/invalid.json';

// Vectors published with the spec (github.com/fernet/spec: generate.json, verify.json, invalid.json).
// Python's decoder skips stray characters, so it accepts the two "trailing characters" and
// "invalid characters in b64" tokens; the spec says base64url, and we hold to it.

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe(Fernet.name, () => {
  describe('published vectors', () => {
    it.each(generateVectors)('generate: $src at $now gives the published token', (v) => {
      const sut = new Fernet(v.secret);
      expect(sut.encrypt(v.src, { now: new Date(v.now), iv: Uint8Array.from(v.iv) })).toBe(v.token);
    });

    it.each(verifyVectors)('verify: the published token opens to $src', (v) => {
      const sut = new Fernet(v.secret);
      expect(sut.decrypt(v.token, { ttl: v.ttl_sec, now: new Date(v.now) }).toString('utf8')).toBe(v.src);
    });

    it.each(invalidVectors)('invalid: rejects "$desc"', (v) => {
      const sut = new Fernet(v.secret);
      expect(() => sut.decrypt(v.token, { ttl: v.ttl_sec, now: new Date(v.now) })).toThrow(InvalidTokenError);
    });
  });

  describe('round trip', () => {
    const key = generateFernetKey();

    it('decrypts what it encrypts, including empty and multi-block UTF-8 text', () => {
      const sut = new Fernet(key);
      for (const text of ['', 'a', 'x'.repeat(16), 'sk-or-v1-' + 'ab'.repeat(32), 'ünïcødé ✓ 🔑'.repeat(5)]) {
        expect(sut.decrypt(sut.encrypt(text)).toString('utf8')).toBe(text);
      }
    });

    it('uses a fresh IV each time, so equal plaintexts give different tokens', () => {
      const sut = new Fernet(key);
      expect(sut.encrypt('same')).not.toBe(sut.encrypt('same'));
    });

    it('writes url-safe base64 with padding and the 0x80 version byte', () => {
      const sut = new Fernet(key);
      for (let i = 0; i < 50; i++) {
        const token = sut.encrypt('x'.repeat(i));
        expect(token).toMatch(/^[A-Za-z0-9_-]+={0,2}$/);
        expect(token.length % 4).toBe(0);
        expect(token.startsWith('gAAAAA')).toBe(true);
      }
    });

    it('records the creation time in seconds, big-endian', () => {
      const sut = new Fernet(key);
      const token = sut.encrypt('t', { now: new Date('2030-01-02T03:04:05.678Z') });
      expect(parseToken(token).timestamp).toBe(BigInt(Date.parse('2030-01-02T03:04:05Z') / 1000));
    });

    it('honours a TTL only when one is given', () => {
      const sut = new Fernet(key);
      const token = sut.encrypt('t', { now: new Date('2000-01-01T00:00:00Z') });
      expect(sut.decrypt(token).toString()).toBe('t');
      expect(() => sut.decrypt(token, { ttl: 60, now: new Date('2000-01-01T00:01:01Z') })).toThrow('expired');
      expect(sut.decrypt(token, { ttl: 60, now: new Date('2000-01-01T00:01:00Z') }).toString()).toBe('t');
    });
  });

  describe('tampering', () => {
    const sut = new Fernet(generateFernetKey());
    const token = sut.encrypt('the secret');
    const bytes = Buffer.from(token, 'base64url');
    const reencode = (b: Buffer): string => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

    it.each([
      ['version', 0],
      ['timestamp', 5],
      ['IV', 12],
      ['ciphertext', 30],
      ['HMAC', bytes.length - 1],
    ])('rejects a token with one bit flipped in the %s', (_field, offset) => {
      const altered = Buffer.from(bytes);
      altered[offset] ^= 0x01;
      expect(() => sut.decrypt(reencode(altered))).toThrow(InvalidTokenError);
    });

    it('rejects a truncated token and one with a block cut off', () => {
      expect(() => sut.decrypt(token.slice(0, 40))).toThrow(InvalidTokenError);
      expect(() => sut.decrypt(reencode(Buffer.concat([bytes.subarray(0, 25), bytes.subarray(41)])))).toThrow(
        InvalidTokenError,
      );
    });

    it('rejects the token under another key', () => {
      expect(() => new Fernet(generateFernetKey()).decrypt(token)).toThrow('signature does not match');
    });
  });

  describe('keys', () => {
    it('generates 44-character padded url-safe keys that it accepts', () => {
      const key = generateFernetKey();
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
      expect(() => new Fernet(key)).not.toThrow();
    });

    it('accepts a key without its padding', () => {
      const key = generateFernetKey();
      const sut = new Fernet(key.slice(0, 43));
      expect(new Fernet(key).decrypt(sut.encrypt('p')).toString()).toBe('p');
    });

    it('refuses an empty key', () => {
      expect(() => new Fernet('')).toThrow(FernetKeyError);
    });

    it.each([
      ['too short', 'c2hvcnQ='],
      ['too long', Buffer.alloc(48, 1).toString('base64url')],
      ['standard base64 alphabet', '+w/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4='],
      ['not base64', 'this is not a key at all, not even close!!!='],
    ])('refuses a key that is %s, without echoing it', (_why, key) => {
      const error = errorOf(() => new Fernet(key));
      expect(error).toBeInstanceOf(FernetKeyError);
      expect(error.message).not.toContain(key);
    });
  });
});

describe(MultiFernet.name, () => {
  const k1 = generateFernetKey();
  const k2 = generateFernetKey();
  const k3 = generateFernetKey();

  it('encrypts with the first key', () => {
    const sut = new MultiFernet([new Fernet(k2), new Fernet(k1)]);
    const token = sut.encrypt('rotated');
    expect(new Fernet(k2).decrypt(token).toString()).toBe('rotated');
    expect(() => new Fernet(k1).decrypt(token)).toThrow(InvalidTokenError);
  });

  it('decrypts with any key and says which one opened it', () => {
    const sut = new MultiFernet([new Fernet(k2), new Fernet(k1)]);
    const old = new Fernet(k1).encrypt('old');
    expect(sut.decryptWithIndex(old)).toEqual({ plaintext: Buffer.from('old'), keyIndex: 1 });
    expect(sut.decryptWithIndex(sut.encrypt('new')).keyIndex).toBe(0);
  });

  it('fails when no key fits, saying so', () => {
    const sut = new MultiFernet([new Fernet(k2), new Fernet(k3)]);
    expect(() => sut.decrypt(new Fernet(k1).encrypt('x'))).toThrow('no configured key matches');
  });

  it('rotates a token to the first key, keeping its timestamp', () => {
    const created = new Date('2001-02-03T04:05:06Z');
    const old = new Fernet(k1).encrypt('keep me', { now: created });
    const sut = new MultiFernet([new Fernet(k2), new Fernet(k1)]);
    const rotated = sut.rotate(old);
    expect(new Fernet(k2).decrypt(rotated).toString()).toBe('keep me');
    expect(parseToken(rotated).timestamp).toBe(parseToken(old).timestamp);
  });

  it('refuses to be built with no keys', () => {
    expect(() => new MultiFernet([])).toThrow(FernetKeyError);
  });
});
