import { apiKeyFormProblem, apiKeyHint, withoutSecret } from './api-key-form';

const V1_KEY = 'sk-or-v1-' + '0123456789abcdef'.repeat(4);

describe(apiKeyFormProblem.name, () => {
  const sut = apiKeyFormProblem;

  it.each([
    ['an OpenRouter v1 key', V1_KEY],
    ['an upper-case hex v1 key', V1_KEY.toUpperCase().replace('SK-OR-V1-', 'sk-or-v1-')],
    ['another sk-or- form', 'sk-or-v2-' + 'x'.repeat(40)],
    ['a generic sk- key', 'sk-proj-AbC_dEf-123456789xyz'],
    ['a key of exactly 20 characters', 'sk-' + 'a'.repeat(17)],
    ['a key of exactly 512 characters', 'sk-' + 'a'.repeat(509)],
  ])('accepts %s', (_what, key) => {
    expect(sut(key)).toBeUndefined();
  });

  it.each([
    ['a key with a trailing newline', V1_KEY + '\n', 'line breaks'],
    ['a key with a space inside', 'sk-or-v1-abc def' + 'a'.repeat(20), 'spaces'],
    ['a key with non-ASCII letters', 'sk-or-v1-ключ' + 'a'.repeat(20), 'printable ASCII'],
    ['a key with a control character', 'sk-or-v1-\u0000' + 'a'.repeat(20), 'printable ASCII'],
    ['a key without the sk- prefix', 'or-v1-' + 'a'.repeat(64), 'must start with "sk-"'],
    ['a key too short', 'sk-abc', '20 to 512 characters'],
    ['a key too long', 'sk-' + 'a'.repeat(510), '20 to 512 characters'],
    ['a v1 key cut short', V1_KEY.slice(0, -5), 'cut short'],
    ['a v1 key with non-hex digits', 'sk-or-v1-' + 'g'.repeat(64), '64 hex digits'],
  ])('refuses %s, saying why without repeating it', (_what, key, why) => {
    const problem = sut(key);
    expect(problem).toContain(why);
    expect(problem).not.toContain(key.trim());
  });

  it('refuses an empty string', () => {
    expect(sut('')).toBe('apiKey must not be empty');
  });
});

describe(apiKeyHint.name, () => {
  it('shows the sk-or- prefix and the last four characters', () => {
    expect(apiKeyHint('sk-or-v1-' + '0'.repeat(60) + 'abcd')).toBe('sk-or-…abcd');
  });

  it('shows only sk- for other forms', () => {
    expect(apiKeyHint('sk-proj-1234567890wxyz')).toBe('sk-…wxyz');
  });
});

describe(withoutSecret.name, () => {
  it('blanks every occurrence of the secret', () => {
    expect(withoutSecret('key sk-x rejected; sk-x is bad', 'sk-x')).toBe('key [redacted] rejected; [redacted] is bad');
  });

  it('leaves text alone for an empty secret', () => {
    expect(withoutSecret('nothing to hide', '')).toBe('nothing to hide');
  });
});
