/*
 * Which lorebook entries enter the prompt (contract, "Characters and cards"): an enabled entry
 * when one of its keys occurs, case-insensitively, in the new message or the last `scanDepth`
 * history messages, or always when `constant`; a `selective` entry with secondary keys needs one
 * of those too. Keys are plain text (a card's `useRegex` and `caseSensitive` are kept, not used).
 */

/** What matching reads of an entry; a stored character's lorebook entry fits as it is. */
export interface PromptLorebookEntry {
  keys: readonly string[];
  secondaryKeys: readonly string[];
  content: string;
  enabled: boolean;
  insertionOrder: number;
  constant: boolean;
  selective: boolean;
  position: 'before_char' | 'after_char';
}

export interface PromptLorebook<E extends PromptLorebookEntry = PromptLorebookEntry> {
  scanDepth?: number;
  entries: readonly E[];
}

/** The book's `scanDepth` when it gives none (SillyTavern's default too). */
export const DEFAULT_SCAN_DEPTH = 2;

export interface ActiveLorebookEntries<E extends PromptLorebookEntry = PromptLorebookEntry> {
  /** For a part just before the character part, by insertionOrder. */
  beforeChar: E[];
  /** For a part just after the character part, by insertionOrder. */
  afterChar: E[];
}

function occursIn(haystack: string, keys: readonly string[]): boolean {
  return keys.some((key) => key.trim() !== '' && haystack.includes(key.toLowerCase()));
}

/**
 * @param history the session's message contents, oldest first (only the last scanDepth are read)
 * @param newMessage the message being sent; null for a regenerate or continue, which send none
 */
export function activeLorebookEntries<E extends PromptLorebookEntry>(
  book: PromptLorebook<E> | null | undefined,
  history: readonly string[],
  newMessage: string | null,
): ActiveLorebookEntries<E> {
  const active: ActiveLorebookEntries<E> = { beforeChar: [], afterChar: [] };
  if (!book) return active;
  const depth = Math.max(0, Math.floor(book.scanDepth ?? DEFAULT_SCAN_DEPTH));
  const scanned = [...(depth > 0 ? history.slice(-depth) : []), ...(newMessage === null ? [] : [newMessage])];
  // "\n" between texts: a key never matches across the end of one message and the start of the next.
  const haystack = scanned.join('\n').toLowerCase();
  const chosen = book.entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => {
      if (!entry.enabled) return false;
      if (entry.constant) return true;
      if (!occursIn(haystack, entry.keys)) return false;
      const needsSecondary = entry.selective && entry.secondaryKeys.some((k) => k.trim() !== '');
      return !needsSecondary || occursIn(haystack, entry.secondaryKeys);
    })
    // Stable: entries with the same insertionOrder keep the book's order.
    .sort((a, b) => a.entry.insertionOrder - b.entry.insertionOrder || a.index - b.index);
  for (const { entry } of chosen) (entry.position === 'before_char' ? active.beforeChar : active.afterChar).push(entry);
  return active;
}

/** The entries' non-empty contents joined by "\n": one prompt part, "" when there are none. */
export function lorebookPart(entries: readonly Pick<PromptLorebookEntry, 'content'>[]): string {
  return entries
    .map((e) => e.content)
    .filter((c) => c.trim() !== '')
    .join('\n');
}
