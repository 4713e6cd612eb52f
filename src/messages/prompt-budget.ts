import type { ChatMessage } from '../provider/llm-provider';
import type { GenerationParameters } from '../provider/generation-parameters';
import { fitHistory, replyReserve } from '../prompt/context-budget';
import { cachedTextTokens, textTokens } from '../prompt/token-count';
import { GenerationDomainError, GenerationRefusalCode } from './messages.errors';

/** A history message as the budget reads it: its stored token count, or null when not counted yet. */
export interface CountedTurn {
  id: number;
  content: string;
  tokenCount: number | null;
}

export interface PromptBudgetInput {
  model: string;
  contextLength: number | null;
  parameters: GenerationParameters;
  history: readonly CountedTurn[];
  /** How many of the history's first messages may be left out (a retry's last user turn may not). */
  trimmable: number;
  /** The prompt with the history from this index on. */
  build: (keepFrom: number) => ChatMessage[];
  /** What the parts never left out end with, for the refusal: "the new message", … */
  finalTurn: string;
  /** Counts taken of messages saved before counting existed, to be stored. */
  counted: (counts: Array<{ id: number; tokenCount: number }>) => void;
}

export interface FittedPrompt {
  messages: ChatMessage[];
  trimmedMessages: number;
  promptTokens: number;
  /** With a context length, the reply's reserve as maxTokens (contract: "Context budget"). */
  parameters: GenerationParameters;
}

/**
 * Fits a prompt to the model's window: the parts never left out (system, post-system, the final
 * turn) are counted (cached: they repeat from send to send), the history's counts are the stored
 * ones, and the oldest history messages are left out until the prompt and the reply's reserve
 * fit. A 400 when even the parts never left out do not.
 */
export function fitPrompt(input: PromptBudgetInput): FittedPrompt {
  const fixed = input.build(input.trimmable);
  // The fixed prompt holds the history past `trimmable` too: counted with the parts never left out.
  const fixedTextTokens = fixed.map((m) => cachedTextTokens(m.content));
  const late: Array<{ id: number; tokenCount: number }> = [];
  const historyTextTokens = input.history.slice(0, input.trimmable).map((turn) => {
    if (turn.tokenCount !== null) return turn.tokenCount;
    const tokenCount = textTokens(turn.content);
    late.push({ id: turn.id, tokenCount });
    return tokenCount;
  });
  if (late.length > 0) input.counted(late);
  const { contextLength } = input;
  const reserve = contextLength === null ? 0 : replyReserve(contextLength, input.parameters.maxTokens);
  const fit = fitHistory({ fixedTextTokens, historyTextTokens, contextLength, reserve });
  if (!fit.fits) {
    throw new GenerationDomainError(
      GenerationRefusalCode.ContextOverflow,
      `The prompt needs ${fit.untrimmableTokens} tokens without any earlier message (the system part, the ` +
        `post-system part and ${input.finalTurn}), and ${reserve} more are kept for the reply, but model ` +
        `"${input.model}" takes ${contextLength} in all: shorten them, lower maxTokens, or raise the model's contextLength`,
    );
  }
  return {
    messages: fit.keepFrom === input.trimmable ? fixed : input.build(fit.keepFrom),
    trimmedMessages: fit.trimmedMessages,
    promptTokens: fit.promptTokens,
    parameters: contextLength === null ? input.parameters : { ...input.parameters, maxTokens: reserve },
  };
}
