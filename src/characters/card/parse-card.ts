import { CharacterFields, isJsonObject, JsonObject, Lorebook, LorebookEntry } from './card-fields';
import { PngError, readPngChunks, readTextChunks, encodePng, withoutCardChunks } from './png';
import { CardProblem, FieldReader } from './read-fields';

/*
 * Character Card V1 (plain fields), V2 (`chara_card_v2`) and V3 (`chara_card_v3`) into Hearth's
 * fields. Only the fields Hearth uses are interpreted; everything else is kept (CardExtras,
 * `extensions`, a lorebook entry's `extras`) so that an export gives it back.
 */

export const SPEC_V2 = 'chara_card_v2';
export const SPEC_V3 = 'chara_card_v3';

/** The V1 fields that V2/V3 writers repeat at the top level for old readers: derived, so not kept. */
const V1_FIELDS = ['name', 'description', 'personality', 'scenario', 'first_mes', 'mes_example'];

/** SillyTavern's default "order" for a lorebook entry that gives none. */
export const DEFAULT_INSERTION_ORDER = 100;

export function parseCardJson(card: unknown): CharacterFields {
  if (!isJsonObject(card)) throw new CardProblem('The card is not a JSON object');
  const spec = card.spec;
  if (spec === SPEC_V2 || spec === SPEC_V3) {
    if (!isJsonObject(card.data)) throw new CardProblem(`The card says it is ${spec} but has no "data" object`);
    const top = new FieldReader(card, '');
    top.skip('spec', 'spec_version', 'data', ...V1_FIELDS);
    return readData(new FieldReader(card.data, 'data'), top.rest());
  }
  if (spec !== undefined) {
    throw new CardProblem(
      `The card's spec ${JSON.stringify(spec)} is not one Hearth reads (chara_card_v2 or chara_card_v3)`,
    );
  }
  // V1 has no marker: a name and at least one of its other fields.
  if (typeof card.name !== 'string' || !V1_FIELDS.slice(1).some((k) => typeof card[k] === 'string')) {
    throw new CardProblem(
      'The JSON is not a character card: it has no "spec" (chara_card_v2 or chara_card_v3) and is not a V1 card (name and description, personality, scenario, first_mes or mes_example)',
    );
  }
  const v1 = new FieldReader(card, '');
  return readData(v1, {}, true);
}

/** The fields of a V2/V3 `data` object, or of a V1 card (which has fewer). */
function readData(r: FieldReader, top: JsonObject, v1 = false): CharacterFields {
  const fields: CharacterFields = {
    name: r.name('name'),
    description: r.text('description'),
    personality: r.text('personality'),
    scenario: r.text('scenario'),
    firstMessage: r.text('first_mes'),
    exampleMessages: r.text('mes_example'),
    alternateGreetings: v1 ? [] : r.texts('alternate_greetings'),
    systemPrompt: v1 ? '' : r.text('system_prompt'),
    postHistoryInstructions: v1 ? '' : r.text('post_history_instructions'),
    creatorNotes: v1 ? '' : r.text('creator_notes'),
    tags: r.texts('tags'),
    creator: v1 ? '' : r.text('creator'),
    characterVersion: v1 ? '' : r.text('character_version'),
    extensions: v1 ? {} : r.object('extensions'),
    lorebook: v1 ? null : readLorebook(r.optionalObject('character_book')),
    cardExtras: { top, data: {} },
  };
  const rest = r.rest();
  if (v1) fields.cardExtras.top = rest;
  else fields.cardExtras.data = rest;
  return fields;
}

function readLorebook(book: JsonObject | undefined): Lorebook | null {
  if (book === undefined) return null;
  const r = new FieldReader(book, 'data.character_book');
  const lorebook: Lorebook = {
    name: r.optionalText('name'),
    description: r.optionalText('description'),
    scanDepth: r.optionalNumber('scan_depth', 0),
    tokenBudget: r.optionalNumber('token_budget', 0),
    recursiveScanning: r.optionalBool('recursive_scanning'),
    entries: r.array('entries').map((e, i) => readEntry(e, `data.character_book.entries[${i}]`)),
    extensions: r.object('extensions'),
  };
  return withExtras(dropUndefined(lorebook), r.rest());
}

function readEntry(entry: unknown, path: string): LorebookEntry {
  if (!isJsonObject(entry)) throw new CardProblem(`The card's ${path} is not an object`);
  const r = new FieldReader(entry, path);
  if (entry.keys === undefined || entry.keys === null) throw new CardProblem(`The card's ${path}.keys is missing`);
  const parsed: LorebookEntry = {
    keys: r.texts('keys'),
    secondaryKeys: r.texts('secondary_keys'),
    content: r.text('content'),
    enabled: r.bool('enabled', true),
    insertionOrder: r.optionalNumber('insertion_order') ?? DEFAULT_INSERTION_ORDER,
    constant: r.bool('constant', false),
    selective: r.bool('selective', false),
    // SillyTavern reads anything but before_char as after_char; so does the prompt builder.
    position: entry.position === 'before_char' ? 'before_char' : 'after_char',
    useRegex: r.bool('use_regex', false),
    extensions: r.object('extensions'),
    caseSensitive: r.optionalBool('case_sensitive'),
    name: r.optionalText('name'),
    comment: r.optionalText('comment'),
    id: r.optionalId('id'),
    priority: r.optionalNumber('priority'),
  };
  r.skip('position');
  return withExtras(dropUndefined(parsed), r.rest());
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function withExtras<T extends { extras?: JsonObject }>(value: T, extras: JsonObject): T {
  return Object.keys(extras).length > 0 ? { ...value, extras } : value;
}

/** The card's JSON out of base64 tEXt (UTF-8 inside, per both specs). */
export function decodeCardText(keyword: string, text: string): unknown {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new CardProblem(`The PNG's "${keyword}" chunk is not base64`);
  }
  const json = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.from(compact, 'base64'));
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new CardProblem(`The PNG's "${keyword}" chunk is base64 but not JSON`);
  }
}

export interface PngCard {
  fields: CharacterFields;
  /** The image without its card chunks: stored as the avatar. */
  avatar: Buffer;
}

/**
 * A card PNG: the `ccv3` chunk when it reads as a card, else `chara` (a V2/V1 card, or the
 * fallback some writers leave beside a broken V3). With neither readable, the preferred
 * chunk's problem is reported.
 */
export function parseCardPng(bytes: Buffer): PngCard {
  let chunks;
  try {
    chunks = readPngChunks(bytes);
  } catch (err) {
    if (err instanceof PngError) throw new CardProblem(err.message);
    throw err;
  }
  const texts = new Map([...readTextChunks(chunks)].map(([k, v]) => [k.toLowerCase(), v] as const));
  const candidates = (['ccv3', 'chara'] as const).filter((k) => texts.has(k));
  if (candidates.length === 0)
    throw new CardProblem('The PNG has no character card in it (no "ccv3" or "chara" tEXt chunk)');
  let firstProblem: CardProblem | undefined;
  for (const keyword of candidates) {
    try {
      const fields = parseCardJson(decodeCardText(keyword, texts.get(keyword) ?? ''));
      return { fields, avatar: encodePng(withoutCardChunks(chunks)) };
    } catch (err) {
      if (!(err instanceof CardProblem)) throw err;
      firstProblem ??= err;
    }
  }
  throw firstProblem ?? new CardProblem('The PNG has no readable character card');
}
