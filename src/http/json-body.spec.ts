import { charsetOf, decodeUtf8 } from './json-body';

describe(charsetOf.name, () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['application/json', undefined],
    ['application/json; charset=utf-8', 'utf-8'],
    ['application/json;charset="UTF-8"', 'utf-8'],
    ['application/json; foo=bar; Charset=ISO-8859-1', 'iso-8859-1'],
    ['application/json; charsetx=latin1', undefined],
  ])('%p has charset %p', (contentType, expected) => {
    expect(charsetOf(contentType)).toBe(expected);
  });
});

describe(decodeUtf8.name, () => {
  it('decodes UTF-8, dropping a byte order mark', () => {
    expect(decodeUtf8(Buffer.from('{"a":"é😀"}'))).toBe('{"a":"é😀"}');
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
  });

  it.each([
    ['a lone continuation byte', [0x22, 0x80, 0x22]],
    ['Latin-1 é', [0x22, 0xe9, 0x22]],
    ['an encoded surrogate (CESU-8)', [0x22, 0xed, 0xa0, 0x80, 0x22]],
    ['a truncated sequence', [0x22, 0xe2, 0x82]],
  ])('refuses %s', (_name, bytes) => {
    expect(decodeUtf8(Buffer.from(bytes))).toBeNull();
  });
});
