/*
 * SillyTavern-style macros, applied to every part of the prompt built from a character (its
 * lines, greeting, example dialogue, card system prompt and post-history instructions, lorebook
 * entries). Only the two the contract names; anything else in braces is left as written.
 */

export interface MacroNames {
  /** The character's name. */
  char: string;
  /** The user profile's name; "User" when there is no profile or its name is blank. */
  user?: string | null;
}

export const DEFAULT_USER_NAME = 'User';

const MACRO = /\{\{(char|user)\}\}/gi;
const ORIGINAL = /\{\{original\}\}/gi;

/** `{{char}}` and `{{user}}` (any case) replaced by the names; a replacement is never re-read. */
export function applyMacros(text: string, names: MacroNames): string {
  const user = names.user?.trim() ? names.user : DEFAULT_USER_NAME;
  // A function, not a replacement string: a name with "$&" in it must come out as written.
  return text.replace(MACRO, (_m, which: string) => (which.toLowerCase() === 'char' ? names.char : user));
}

/**
 * What a card's `systemPrompt` or `postHistoryInstructions` makes of the session's own text:
 * when the card text is set (not blank) it takes the place of `original`, with `{{original}}`
 * (any case) standing for it ("" when there was none); when it is blank, `original` stays.
 */
export function replaceOriginal(
  cardText: string | null | undefined,
  original: string | null | undefined,
): string | null {
  if (!cardText?.trim()) return original ?? null;
  return cardText.replace(ORIGINAL, () => original ?? '');
}
