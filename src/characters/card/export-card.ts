import { CharacterFields, JsonObject, Lorebook, LorebookEntry } from './card-fields';
import { SPEC_V2, SPEC_V3 } from './parse-card';
import { placeholderPng, withCardChunks } from './png';

/*
 * Hearth's fields back into a card. Whatever the import kept (unknown fields, `extensions`) is
 * written back first and Hearth's own fields over it, so an edit wins and nothing is lost:
 * parseCardJson(toV3Card(c)) gives c again.
 */

function entryToCard(e: LorebookEntry): JsonObject {
  return omitUndefined({
    ...e.extras,
    keys: e.keys,
    content: e.content,
    extensions: e.extensions,
    enabled: e.enabled,
    insertion_order: e.insertionOrder,
    case_sensitive: e.caseSensitive,
    use_regex: e.useRegex,
    constant: e.constant,
    name: e.name,
    priority: e.priority,
    id: e.id,
    comment: e.comment,
    selective: e.selective,
    secondary_keys: e.secondaryKeys,
    position: e.position,
  });
}

function lorebookToCard(book: Lorebook): JsonObject {
  return omitUndefined({
    ...book.extras,
    name: book.name,
    description: book.description,
    scan_depth: book.scanDepth,
    token_budget: book.tokenBudget,
    recursive_scanning: book.recursiveScanning,
    extensions: book.extensions,
    entries: book.entries.map(entryToCard),
  });
}

function cardData(c: CharacterFields): JsonObject {
  return omitUndefined({
    ...c.cardExtras.data,
    name: c.name,
    description: c.description,
    personality: c.personality,
    scenario: c.scenario,
    first_mes: c.firstMessage,
    mes_example: c.exampleMessages,
    creator_notes: c.creatorNotes,
    system_prompt: c.systemPrompt,
    post_history_instructions: c.postHistoryInstructions,
    alternate_greetings: c.alternateGreetings,
    character_book: c.lorebook ? lorebookToCard(c.lorebook) : undefined,
    tags: c.tags,
    creator: c.creator,
    character_version: c.characterVersion,
    extensions: c.extensions,
  });
}

/** The V3 card (JSON export and the PNG's `ccv3` chunk). */
export function toV3Card(c: CharacterFields): JsonObject {
  return { ...c.cardExtras.top, spec: SPEC_V3, spec_version: '3.0', data: cardData(c) };
}

/**
 * The V2 card for the PNG's `chara` chunk, read by tools that predate V3. Like SillyTavern's,
 * it repeats the V1 fields at the top level for readers older still.
 */
export function toV2Card(c: CharacterFields): JsonObject {
  return {
    ...c.cardExtras.top,
    name: c.name,
    description: c.description,
    personality: c.personality,
    scenario: c.scenario,
    first_mes: c.firstMessage,
    mes_example: c.exampleMessages,
    spec: SPEC_V2,
    spec_version: '2.0',
    data: cardData(c),
  };
}

const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** The avatar (or a placeholder) with a `ccv3` chunk and a V2 `chara` chunk. */
export function toCardPng(c: CharacterFields, avatar: Buffer | null): Buffer {
  return withCardChunks(avatar ?? placeholderPng(), [
    ['chara', base64Json(toV2Card(c))],
    ['ccv3', base64Json(toV3Card(c))],
  ]);
}

/** A file name safe in a Content-Disposition header and on any file system. */
export function cardFileName(name: string, extension: 'png' | 'json'): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ._-]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 80);
  return `${base || 'character'}.${extension}`;
}

/** `attachment` with an ASCII name and the exact name for clients that read RFC 5987. */
export function contentDisposition(name: string, extension: 'png' | 'json'): string {
  const exact = encodeURIComponent(`${Array.from(name).slice(0, 80).join('')}.${extension}`).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${cardFileName(name, extension)}"; filename*=UTF-8''${exact}`;
}

function omitUndefined(value: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
