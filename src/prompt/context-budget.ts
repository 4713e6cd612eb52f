import { MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS } from './token-count';

/** The reply's reserve when the parameters set no maxTokens: a quarter of the window, at most this. */
export const DEFAULT_REPLY_RESERVE_TOKENS = 1024;

export function replyReserve(contextLength: number, maxTokens: number | undefined): number {
  return maxTokens ?? Math.min(DEFAULT_REPLY_RESERVE_TOKENS, Math.floor(contextLength / 4));
}

export interface BudgetInput {
  /** Text tokens of the parts never left out: system part, post-system part, the final turn. */
  fixedTextTokens: number[];
  /** Text tokens of each history message, oldest first. */
  historyTextTokens: number[];
  /** The model's window; null when unknown (nothing is left out). */
  contextLength: number | null;
  /** Tokens kept free for the reply. */
  reserve: number;
}

export type BudgetResult =
  | { fits: true; keepFrom: number; trimmedMessages: number; promptTokens: number }
  | { fits: false; untrimmableTokens: number };

/**
 * Leaves out the oldest history messages until the prompt and the reply's reserve fit the window.
 * Returns where the kept history starts, how many messages were left out and the prompt's
 * tokens; or, when even the parts never left out do not fit, how many tokens those need.
 */
export function fitHistory(input: BudgetInput): BudgetResult {
  const fixed = input.fixedTextTokens.reduce((sum, t) => sum + t + MESSAGE_OVERHEAD_TOKENS, 0) + REPLY_PRIMING_TOKENS;
  const history = input.historyTextTokens.map((t) => t + MESSAGE_OVERHEAD_TOKENS);
  const total = history.reduce((sum, t) => sum + t, fixed);
  if (input.contextLength === null) {
    return { fits: true, keepFrom: 0, trimmedMessages: 0, promptTokens: total };
  }
  const room = input.contextLength - input.reserve;
  if (fixed > room) return { fits: false, untrimmableTokens: fixed };
  let promptTokens = total;
  let keepFrom = 0;
  while (promptTokens > room) promptTokens -= history[keepFrom++];
  return { fits: true, keepFrom, trimmedMessages: keepFrom, promptTokens };
}
