import { isJsonObject, Lorebook, LorebookEntry } from './card-fields';
import { DEFAULT_INSERTION_ORDER } from './parse-card';
import { CardProblem, FieldReader } from './read-fields';

/*
 * A lorebook as the API takes it (camelCase, the shape GET returns): checked field by field with
 * one message naming the path, and completed with the same defaults an imported card gets.
 */

const POSITIONS = new Set(['before_char', 'after_char']);

/** The lorebook to store, or a CardProblem naming the first bad field (for a 400). */
export function readLorebookInput(value: unknown, path = 'lorebook'): Lorebook | null {
  if (value === null) return null;
  if (!isJsonObject(value)) throw new CardProblem(`${path} must be an object or null`);
  const r = new FieldReader(value, path, '');
  const book: Lorebook = {
    name: r.optionalText('name'),
    description: r.optionalText('description'),
    scanDepth: r.optionalNumber('scanDepth', 0),
    tokenBudget: r.optionalNumber('tokenBudget', 0),
    recursiveScanning: r.optionalBool('recursiveScanning'),
    entries: r.array('entries').map((e, i) => readEntryInput(e, `${path}.entries[${i}]`)),
    extensions: r.object('extensions'),
    extras: r.optionalObject('extras'),
  };
  refuseUnknown(r, path);
  return dropUndefined(book);
}

function readEntryInput(value: unknown, path: string): LorebookEntry {
  if (!isJsonObject(value)) throw new CardProblem(`${path} must be an object`);
  const r = new FieldReader(value, path, '');
  if (!Array.isArray(value.keys)) throw new CardProblem(`${path}.keys must be an array of strings`);
  const position = value.position ?? 'after_char';
  if (typeof position !== 'string' || !POSITIONS.has(position)) {
    throw new CardProblem(`${path}.position must be before_char or after_char`);
  }
  r.skip('position');
  const entry: LorebookEntry = {
    keys: r.texts('keys'),
    secondaryKeys: r.texts('secondaryKeys'),
    content: r.text('content'),
    enabled: r.bool('enabled', true),
    insertionOrder: r.optionalNumber('insertionOrder') ?? DEFAULT_INSERTION_ORDER,
    constant: r.bool('constant', false),
    selective: r.bool('selective', false),
    position: position as LorebookEntry['position'],
    useRegex: r.bool('useRegex', false),
    extensions: r.object('extensions'),
    caseSensitive: r.optionalBool('caseSensitive'),
    name: r.optionalText('name'),
    comment: r.optionalText('comment'),
    id: r.optionalId('id'),
    priority: r.optionalNumber('priority'),
    extras: r.optionalObject('extras'),
  };
  refuseUnknown(r, path);
  return dropUndefined(entry);
}

function refuseUnknown(r: FieldReader, path: string): void {
  const unknown = Object.keys(r.rest());
  if (unknown.length > 0) throw new CardProblem(`${path}.${unknown[0]} is not a lorebook field`);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
