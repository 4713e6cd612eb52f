import { describe, expect, it } from '@jest/globals';
import { readLorebookInput } from './lorebook-input';

describe('readLorebookInput', () => {
  it('fills in the defaults an imported entry gets', () => {
    expect(readLorebookInput({ entries: [{ keys: ['moon'], content: 'Red.' }] })).toEqual({
      extensions: {},
      entries: [
        {
          keys: ['moon'],
          secondaryKeys: [],
          content: 'Red.',
          enabled: true,
          insertionOrder: 100,
          constant: false,
          selective: false,
          position: 'after_char',
          useRegex: false,
          extensions: {},
        },
      ],
    });
  });

  it('keeps every optional field it is given, so GET output can be sent back unchanged', () => {
    const book = {
      name: 'B',
      description: 'D',
      scanDepth: 4,
      tokenBudget: 500,
      recursiveScanning: false,
      extensions: { x: 1 },
      extras: { y: 2 },
      entries: [
        {
          keys: ['a'],
          secondaryKeys: ['b'],
          content: 'c',
          enabled: false,
          insertionOrder: 3,
          constant: true,
          selective: true,
          position: 'before_char',
          useRegex: true,
          extensions: { z: 3 },
          caseSensitive: true,
          name: 'n',
          comment: 'm',
          id: 'e1',
          priority: 7,
          extras: { w: 4 },
        },
      ],
    };
    expect(readLorebookInput(book)).toEqual(book);
    expect(readLorebookInput(null)).toBeNull();
  });

  it.each([
    ['not an object', [], 'lorebook must be an object or null'],
    ['entries not a list', { entries: 'x' }, 'lorebook.entries must be an array'],
    ['an entry without keys', { entries: [{ content: 'x' }] }, 'lorebook.entries[0].keys must be an array of strings'],
    [
      'a key that is not text',
      { entries: [{ keys: [1] }] },
      'lorebook.entries[0].keys[0] must be a string, got a number',
    ],
    [
      'a bad position',
      { entries: [{ keys: [], position: 'top' }] },
      'lorebook.entries[0].position must be before_char or after_char',
    ],
    ['a negative scanDepth', { scanDepth: -1, entries: [] }, 'lorebook.scanDepth must be a number of at least 0'],
    [
      'an unknown entry field',
      { entries: [{ keys: [], colour: 1 }] },
      'lorebook.entries[0].colour is not a lorebook field',
    ],
    ['an unknown book field', { entries: [], colour: 1 }, 'lorebook.colour is not a lorebook field'],
    [
      'enabled not a boolean',
      { entries: [{ keys: [], enabled: 'yes' }] },
      'lorebook.entries[0].enabled must be true or false',
    ],
  ])('refuses %s, naming the path', (_what, value, message) => {
    expect(() => readLorebookInput(value)).toThrow(message);
  });
});
