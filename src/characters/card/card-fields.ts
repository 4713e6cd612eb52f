/*
 * A character as Hearth stores it (camelCase), the lorebook shape shared by the API, the
 * database (jsonb) and the prompt builder, and what is kept of a card beyond Hearth's fields.
 */

export type JsonObject = { [key: string]: unknown };

export type LorebookPosition = 'before_char' | 'after_char';

export interface LorebookEntry {
  keys: string[];
  secondaryKeys: string[];
  content: string;
  enabled: boolean;
  insertionOrder: number;
  constant: boolean;
  selective: boolean;
  position: LorebookPosition;
  /** V3 requires it; Hearth matches keys as plain text either way (documented). */
  useRegex: boolean;
  extensions: JsonObject;
  caseSensitive?: boolean;
  name?: string;
  comment?: string;
  id?: number | string;
  priority?: number;
  /** Fields of the card's entry that no spec names, written back on export. */
  extras?: JsonObject;
}

export interface Lorebook {
  name?: string;
  description?: string;
  scanDepth?: number;
  tokenBudget?: number;
  recursiveScanning?: boolean;
  entries: LorebookEntry[];
  extensions: JsonObject;
  /** Fields of the card's book that no spec names, written back on export. */
  extras?: JsonObject;
}

/** What a card holds beyond Hearth's fields: kept so an export loses nothing. */
export interface CardExtras {
  /** Top-level fields beside `spec`, `spec_version` and `data`. */
  top: JsonObject;
  /** Fields of `data` Hearth has no column for (V3 `assets`, `nickname`, `source`, ...). */
  data: JsonObject;
}

export const EMPTY_EXTRAS: CardExtras = { top: {}, data: {} };

/** Every field of a character that a card carries (the record adds id, hasAvatar, createdAt). */
export interface CharacterFields {
  name: string;
  description: string;
  personality: string;
  scenario: string;
  firstMessage: string;
  alternateGreetings: string[];
  exampleMessages: string;
  systemPrompt: string;
  postHistoryInstructions: string;
  creatorNotes: string;
  tags: string[];
  creator: string;
  characterVersion: string;
  extensions: JsonObject;
  lorebook: Lorebook | null;
  cardExtras: CardExtras;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
