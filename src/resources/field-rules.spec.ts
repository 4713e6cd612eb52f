import { intProblem, idProblem, queryInt, textProblem } from './field-rules';

describe(textProblem.name, () => {
  const sut = textProblem;
  const name = { maxLength: 5, nonBlank: true };

  it('accepts text within the rules', () => {
    expect(sut('Mira', name)).toBeNull();
    expect(sut('', { maxLength: 5 })).toBeNull();
    expect(sut('a b', { maxLength: 5 })).toBeNull();
  });

  it('says when the value is missing, null or not a string', () => {
    expect(sut(undefined, name)).toBe('is required');
    expect(sut(null, name)).toBe('must not be null');
    expect(sut(5, name)).toBe('must be a string, got a number');
    expect(sut(['a'], name)).toBe('must be a string, got an array');
    expect(sut({}, name)).toBe('must be a string, got an object');
  });

  it('refuses blank text where it must not be blank', () => {
    expect(sut('', name)).toBe('must not be empty');
    expect(sut(' \n\t', name)).toBe('must not be empty');
  });

  it('refuses whitespace anywhere in an identifier', () => {
    expect(sut('a/b c', { maxLength: 50, noWhitespace: true })).toBe('must not contain spaces or other whitespace');
    expect(sut('openai/gpt-4o-mini', { maxLength: 50, noWhitespace: true })).toBeNull();
  });

  it('refuses the NUL character, which PostgreSQL text cannot hold', () => {
    expect(sut('a\u0000b', { maxLength: 5 })).toBe('must not contain the NUL character (\\u0000)');
  });

  it('gives the limit and the actual length of text that is too long', () => {
    expect(sut('abcdef', name)).toBe('must be at most 5 characters long, got 6');
    expect(sut('abcde', name)).toBeNull();
  });
});

describe(intProblem.name, () => {
  const sut = intProblem;

  it('accepts whole numbers within the bounds, both included', () => {
    expect(sut(1, 1, 10)).toBeNull();
    expect(sut(10, 1, 10)).toBeNull();
  });

  it('refuses fractions, numbers out of range and other types, showing what it got', () => {
    expect(sut(0, 1, 10)).toBe('must be a whole number from 1 to 10, got 0');
    expect(sut(11, 1, 10)).toBe('must be a whole number from 1 to 10, got 11');
    expect(sut(1.5, 1, 10)).toBe('must be a whole number from 1 to 10, got 1.5');
    expect(sut(NaN, 1, 10)).toBe('must be a whole number from 1 to 10, got NaN');
    expect(sut('3', 1, 10)).toBe('must be a whole number from 1 to 10, got "3"');
    expect(sut(true, 1, 10)).toBe('must be a whole number from 1 to 10, got a boolean');
    expect(sut(undefined, 1, 10)).toBe('is required');
    expect(sut(null, 1, 10)).toBe('must not be null');
  });
});

describe('idProblem', () => {
  const sut = idProblem;

  it('accepts the ids PostgreSQL integer columns hold', () => {
    expect(sut(1)).toBeNull();
    expect(sut(2_147_483_647)).toBeNull();
  });

  it('refuses zero, negatives and overflowing ids', () => {
    expect(sut(0)).toMatch(/^must be a whole number from 1 to 2147483647/);
    expect(sut(-3)).toMatch(/got -3$/);
    expect(sut(2_147_483_648)).toMatch(/got 2147483648$/);
  });
});

describe(queryInt.name, () => {
  const sut = queryInt;

  it('turns digits into a number', () => {
    expect(sut('20')).toBe(20);
    expect(sut('0')).toBe(0);
  });

  it('leaves anything else as it came, so the message can quote it', () => {
    expect(sut('abc')).toBe('abc');
    expect(sut('1e3')).toBe('1e3');
    expect(sut('-1')).toBe('-1');
    expect(sut('')).toBe('');
    expect(sut(['1', '2'])).toEqual(['1', '2']);
    expect(sut('1'.repeat(16))).toBe('1'.repeat(16));
  });
});
