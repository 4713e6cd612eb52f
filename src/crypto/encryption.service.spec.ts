import { DecryptionError, EncryptionService } from './encryption.service';
import { Fernet, generateFernetKey } from './fernet';

describe(EncryptionService.name, () => {
  const [k1, k2] = [generateFernetKey(), generateFernetKey()];
  const key = 'sk-or-v1-' + 'ab'.repeat(32);

  it('round-trips an API key through a Fernet token under the first key', () => {
    const sut = new EncryptionService([new Fernet(k2), new Fernet(k1)]);
    const token = sut.encryptApiKey(key);
    expect(token).not.toContain(key);
    expect(sut.decryptApiKey(token)).toBe(key);
    expect(new Fernet(k2).decrypt(token).toString()).toBe(key);
  });

  it('decrypts tokens under an older key and says they need rotating', () => {
    const sut = new EncryptionService([new Fernet(k2), new Fernet(k1)]);
    const old = new Fernet(k1).encrypt(key);
    expect(sut.decryptApiKey(old)).toBe(key);
    expect(sut.needsRotation(old)).toBe(true);
    expect(sut.needsRotation(sut.encryptApiKey(key))).toBe(false);
  });

  it('throws a DecryptionError naming ENCRYPTION_KEY, without the token, when no key fits', () => {
    const sut = new EncryptionService([new Fernet(k2)]);
    const old = new Fernet(k1).encrypt(key);
    const decrypt = (): unknown => sut.decryptApiKey(old);
    expect(decrypt).toThrow(DecryptionError);
    expect(decrypt).toThrow(/ENCRYPTION_KEY/);
    expect(decrypt).not.toThrow(old); // it throws (above), and the message does not carry the secret
    expect(() => sut.decryptApiKey('not a token')).toThrow(DecryptionError);
  });
});
