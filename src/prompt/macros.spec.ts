import { describe, expect, it } from '@jest/globals';
import { applyMacros, replaceOriginal } from './macros';

describe('applyMacros', () => {
  it('replaces {{char}} and {{user}} in any case, every time', () => {
    expect(applyMacros('{{char}} greets {{user}}. {{CHAR}}/{{User}}/{{uSeR}}', { char: 'Mira', user: 'Sam' })).toBe(
      'Mira greets Sam. Mira/Sam/Sam',
    );
  });

  it('names the user "User" without a profile name', () => {
    expect(applyMacros('Hi {{user}}', { char: 'Mira' })).toBe('Hi User');
    expect(applyMacros('Hi {{user}}', { char: 'Mira', user: null })).toBe('Hi User');
    expect(applyMacros('Hi {{user}}', { char: 'Mira', user: '  ' })).toBe('Hi User');
  });

  it('leaves other braces, partial macros and the replacement text alone', () => {
    expect(applyMacros('{{original}} {char} {{ char }} {{random}}', { char: 'M' })).toBe(
      '{{original}} {char} {{ char }} {{random}}',
    );
    expect(applyMacros('{{char}}', { char: '$& {{user}}' })).toBe('$& {{user}}');
  });
});

describe('replaceOriginal', () => {
  it('puts the session text where {{original}} is (any case, every time)', () => {
    expect(replaceOriginal('Card. {{original}} / {{ORIGINAL}}', 'Session.')).toBe('Card. Session. / Session.');
  });

  it('replaces the session text entirely when the card text has no {{original}}', () => {
    expect(replaceOriginal('Card only.', 'Session.')).toBe('Card only.');
  });

  it('keeps the session text when the card text is empty or blank', () => {
    expect(replaceOriginal('', 'Session.')).toBe('Session.');
    expect(replaceOriginal('  \n', 'Session.')).toBe('Session.');
    expect(replaceOriginal(null, null)).toBeNull();
  });

  it('reads {{original}} as "" when the session had no text, and never re-reads the inserted text', () => {
    expect(replaceOriginal('A {{original}}B', null)).toBe('A B');
    expect(replaceOriginal('{{original}}', '$& {{original}}')).toBe('$& {{original}}');
  });
});
