import { describe, expect, it } from '@jest/globals';
import type { LorebookEntry } from '../characters/card/card-fields';
import { activeLorebookEntries, lorebookPart } from './lorebook';

function entry(content: string, over: Partial<LorebookEntry> = {}): LorebookEntry {
  return {
    keys: [content.toLowerCase()],
    secondaryKeys: [],
    content,
    enabled: true,
    insertionOrder: 100,
    constant: false,
    selective: false,
    position: 'after_char',
    useRegex: false,
    extensions: {},
    ...over,
  };
}

const contents = (entries: LorebookEntry[]) => entries.map((e) => e.content);
const active = (entries: LorebookEntry[], history: string[], newMessage: string | null, scanDepth?: number) => {
  const r = activeLorebookEntries({ entries, scanDepth }, history, newMessage);
  return { before: contents(r.beforeChar), after: contents(r.afterChar) };
};

describe('activeLorebookEntries', () => {
  it('takes an entry whose key occurs in the new message, case-insensitively, as a substring', () => {
    const book = [entry('Kestrel', { keys: ['KESTREL'] }), entry('Moon')];
    expect(active(book, [], 'Is the kestrel here?').after).toEqual(['Kestrel']);
    expect(active(book, [], 'The Kestrels sail.').after).toEqual(['Kestrel']);
    expect(active(book, [], 'Nothing here.').after).toEqual([]);
  });

  it('scans the last 2 history messages by default, and the book scanDepth when set', () => {
    const book = [entry('Moon')];
    const history = ['moon', 'a', 'b'];
    expect(active(book, history, 'c').after).toEqual([]); // "moon" is 3 messages back
    expect(active(book, history.slice(1).concat('moon', 'x'), 'c').after).toEqual(['Moon']);
    expect(active(book, history, 'c', 3).after).toEqual(['Moon']);
    expect(active(book, ['moon'], 'c', 0).after).toEqual([]);
    expect(active(book, ['x', 'moon'], null).after).toEqual(['Moon']); // regenerate: no new message
  });

  it('does not match a key across two messages', () => {
    expect(active([entry('x', { keys: ['sun moon'] })], ['sun'], 'moon').after).toEqual([]);
  });

  it('always takes a constant entry, and never a disabled one', () => {
    const book = [entry('Always', { constant: true, keys: [] }), entry('Off', { enabled: false, constant: true })];
    expect(active(book, [], 'off always').after).toEqual(['Always']);
  });

  it('a selective entry needs one of its secondary keys too; without any it is an ordinary entry', () => {
    const sel = entry('Storm', { keys: ['storm'], secondaryKeys: ['north', 'NORTHERN'], selective: true });
    expect(active([sel], [], 'a storm').after).toEqual([]);
    expect(active([sel], ['from the Northern sea'], 'a storm').after).toEqual(['Storm']);
    const bare = entry('Bare', { keys: ['bare'], selective: true, secondaryKeys: [' '] });
    expect(active([bare], [], 'bare').after).toEqual(['Bare']);
    const notSelective = entry('Plain', { keys: ['plain'], secondaryKeys: ['zzz'] });
    expect(active([notSelective], [], 'plain').after).toEqual(['Plain']);
  });

  it('ignores blank keys', () => {
    expect(active([entry('Blank', { keys: ['', '  '] })], [], 'anything').after).toEqual([]);
  });

  it('sorts by insertionOrder (ties keep the book order) and splits by position', () => {
    const book = [
      entry('C', { insertionOrder: 30, constant: true }),
      entry('A', { insertionOrder: 10, constant: true, position: 'before_char' }),
      entry('B1', { insertionOrder: 20, constant: true }),
      entry('B2', { insertionOrder: 20, constant: true }),
      entry('Z', { insertionOrder: 5, constant: true, position: 'before_char' }),
    ];
    expect(active(book, [], 'x')).toEqual({ before: ['Z', 'A'], after: ['B1', 'B2', 'C'] });
  });

  it('gives nothing without a book', () => {
    expect(activeLorebookEntries(null, ['x'], 'y')).toEqual({ beforeChar: [], afterChar: [] });
  });
});

describe('lorebookPart', () => {
  it('joins the non-empty contents by "\\n"', () => {
    expect(lorebookPart([entry('One'), entry(' '), entry('Two')])).toBe('One\nTwo');
    expect(lorebookPart([])).toBe('');
  });
});
