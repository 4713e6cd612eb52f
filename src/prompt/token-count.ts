import { countTokens } from 'gpt-tokenizer';

/*
 * Token counts for the context budget, with gpt-tokenizer's o200k_base encoding: exact for
 * OpenAI's current models, an estimate for others (Claude, Llama, Mistral tokenizers differ by
 * roughly 10-20 %; docs/context-budget.md says so). Special-token strings in a user's text are
 * counted as the plain text they are, never refused.
 */

const AS_TEXT = { disallowedSpecial: new Set<string>() };

/** What each chat message costs beyond its text (role and separators), as OpenAI counts it. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** What the reply's own start costs. */
export const REPLY_PRIMING_TOKENS = 3;

/** Tokens of a message's text alone: what is stored per message. */
export function textTokens(text: string): number {
  return countTokens(text, AS_TEXT);
}

const CACHE_LIMIT = 256;
const cache = new Map<string, number>();

/**
 * As textTokens, remembered for the texts a send counts again and again (a session's system part,
 * its post-system part): counting 2,000 tokens costs milliseconds, a lookup does not.
 */
export function cachedTextTokens(text: string): number {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const tokens = textTokens(text);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, tokens);
  return tokens;
}
