import { execFileSync } from 'node:child_process';
import { Fernet, MultiFernet, generateFernetKey, parseToken } from './fernet';
import {
  PythonFernetError,
  pythonDecrypt,
  pythonEncrypt,
  pythonGenerateKey,
  pythonRotate,
} from '../../test/support/python-fernet';

// Python's cryptography.fernet is the implementation the contract names; these run it for real.
describe(`${Fernet.name} with Python's cryptography.fernet`, () => {
  const k1 = generateFernetKey();
  const k2 = generateFernetKey();
  const secret = 'sk-or-v1-' + 'c0ffee'.repeat(10) + 'abcd';

  it('decrypts in Python what we encrypt', () => {
    const sut = new Fernet(k1);
    expect(pythonDecrypt([k1], sut.encrypt(secret))).toBe(secret);
    expect(pythonDecrypt([k1], sut.encrypt('ünïcødé ✓'))).toBe('ünïcødé ✓');
  });

  it('decrypts what Python encrypts', () => {
    const sut = new Fernet(k1);
    expect(sut.decrypt(pythonEncrypt([k1], secret)).toString('utf8')).toBe(secret);
  });

  it('accepts keys Python generates, and Python accepts ours', () => {
    const pyKey = pythonGenerateKey();
    const sut = new Fernet(pyKey);
    expect(pythonDecrypt([pyKey], sut.encrypt('x'))).toBe('x');
    expect(pythonDecrypt([k2], new Fernet(k2).encrypt('y'))).toBe('y');
  });

  it('`npm run key:generate` prints a key that both accept', () => {
    const key = execFileSync('npm', ['run', '--silent', 'key:generate'], { encoding: 'utf8' }).trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(pythonDecrypt([key], new Fernet(key).encrypt('k'))).toBe('k');
  });

  it('rejects in Python a token for another key, as we do', () => {
    const token = new Fernet(k1).encrypt(secret);
    expect(() => pythonDecrypt([k2], token)).toThrow(PythonFernetError);
    expect(() => pythonDecrypt([k2], token)).toThrow(/InvalidToken/);
  });

  describe('rotation', () => {
    it('a token our MultiFernet writes is under its first key, for Python too', () => {
      const sut = new MultiFernet([new Fernet(k2), new Fernet(k1)]);
      const token = sut.encrypt(secret);
      expect(pythonDecrypt([k2], token)).toBe(secret);
      expect(() => pythonDecrypt([k1], token)).toThrow(PythonFernetError);
    });

    it('our MultiFernet reads an old-key token Python wrote, and Python reads our rotated one', () => {
      const old = pythonEncrypt([k1], secret);
      const sut = new MultiFernet([new Fernet(k2), new Fernet(k1)]);
      expect(sut.decryptWithIndex(old)).toEqual({ plaintext: Buffer.from(secret), keyIndex: 1 });
      const rotated = sut.rotate(old);
      expect(pythonDecrypt([k2], rotated)).toBe(secret);
      expect(parseToken(rotated).timestamp).toBe(parseToken(old).timestamp);
    });

    it("Python's MultiFernet.rotate re-encrypts our old-key token to a token we read with the new key alone", () => {
      const old = new Fernet(k1).encrypt(secret, { now: new Date('2020-05-05T05:05:05Z') });
      const rotated = pythonRotate([k2, k1], old);
      expect(new Fernet(k2).decrypt(rotated).toString('utf8')).toBe(secret);
      expect(parseToken(rotated).timestamp).toBe(parseToken(old).timestamp);
    });
  });
});
