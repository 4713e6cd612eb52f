import { validateSync } from 'class-validator';
import { hasLoneSurrogate, IsWellFormedText } from './well-formed-text';

describe(hasLoneSurrogate.name, () => {
  it.each(['', 'plain', 'é', '\ud83d\ude00 emoji (a proper pair)', '\uffff'])('accepts %p', (text) => {
    expect(hasLoneSurrogate(text)).toBe(false);
  });

  it.each(['a\ud800b', '\udfff', 'end \ud83d', '\ude00 start', '\ude00\ud83d'])('finds one in %p', (text) => {
    expect(hasLoneSurrogate(text)).toBe(true);
  });
});

class Sample {
  @IsWellFormedText()
  text: unknown;
}

function messagesFor(text: unknown): string[] {
  const sample = Object.assign(new Sample(), { text });
  return validateSync(sample).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe(IsWellFormedText.name, () => {
  it('refuses a lone surrogate, naming the field', () => {
    expect(messagesFor('a\ud800b')).toEqual([expect.stringMatching(/^text must be well-formed Unicode text/)]);
  });

  it('accepts well-formed text and leaves other types to other rules', () => {
    expect(messagesFor('a\ud83d\ude00b')).toEqual([]);
    expect(messagesFor(42)).toEqual([]);
  });
});
