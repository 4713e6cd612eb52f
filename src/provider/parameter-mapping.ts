/**
 * GenerationParameters → each API's request fields. Pure; only the parameters set are sent, a
 * value outside a provider's own range is clamped, a parameter a provider lacks is left out.
 * docs/providers/parameters.md is the table these functions implement.
 */
import type { GenerationParameters, ReasoningEffort } from './generation-parameters';

/** Which chat-completions server: they share the wire format but not every parameter. */
export type ChatCompletionsFlavour = 'openrouter' | 'openai' | 'openai-compatible';

/** Anthropic requires max_tokens; this is sent when no maxTokens is set. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
/** Anthropic's smallest thinking budget. */
export const ANTHROPIC_MIN_THINKING_BUDGET = 1024;
/** Thinking budget per effort level, for Anthropic (which takes only a budget). */
export const ANTHROPIC_EFFORT_BUDGETS: Record<ReasoningEffort, number> = {
  minimal: 1024,
  low: 4096,
  medium: 8192,
  high: 16384,
};
/** With thinking on, Anthropic accepts top_p only from this value up. */
const ANTHROPIC_THINKING_MIN_TOP_P = 0.95;

type Body = Record<string, unknown>;

function put(body: Body, name: string, value: unknown): void {
  if (value !== undefined && value !== null) body[name] = value;
}

/** Fields for POST /chat/completions. */
export function chatCompletionsParameters(p: GenerationParameters, flavour: ChatCompletionsFlavour): Body {
  const body: Body = {};
  put(body, 'temperature', p.temperature);
  put(body, 'top_p', p.topP);
  // OpenAI's own API refuses fields it does not know; OpenRouter and the common local servers
  // (vLLM, llama.cpp, LM Studio) take these sampler settings.
  if (flavour !== 'openai') {
    put(body, 'top_k', p.topK);
    put(body, 'min_p', p.minP);
    put(body, 'repetition_penalty', p.repetitionPenalty);
  }
  // OpenAI deprecated max_tokens (its reasoning models refuse it); other servers still read max_tokens.
  put(body, flavour === 'openai' ? 'max_completion_tokens' : 'max_tokens', p.maxTokens);
  put(body, 'frequency_penalty', p.frequencyPenalty);
  put(body, 'presence_penalty', p.presencePenalty);
  if (p.stop && p.stop.length > 0) body.stop = [...p.stop];
  put(body, 'seed', p.seed);
  const r = p.reasoning;
  if (r) {
    if (flavour === 'openrouter') {
      body.reasoning =
        'effort' in r
          ? { effort: r.effort, ...(r.exclude !== undefined ? { exclude: r.exclude } : {}) }
          : { max_tokens: r.maxTokens, ...(r.exclude !== undefined ? { exclude: r.exclude } : {}) };
    } else if ('effort' in r) {
      // OpenAI's reasoning models take a level only; a token budget has no OpenAI equivalent.
      body.reasoning_effort = r.effort;
    }
  }
  return body;
}

/** Fields for Anthropic's POST /v1/messages (anthropic-version 2023-06-01). */
export function anthropicParameters(p: GenerationParameters): Body {
  const body: Body = {};
  const reply = p.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
  const budget = thinkingBudget(p);
  if (budget !== undefined) {
    // Thinking counts inside max_tokens, which must exceed the budget: the reply keeps its own allowance.
    body.max_tokens = budget + reply;
    body.thinking = { type: 'enabled', budget_tokens: budget };
    // With thinking on, Anthropic refuses temperature and top_k and any top_p under 0.95.
    if (p.topP !== undefined) body.top_p = Math.max(ANTHROPIC_THINKING_MIN_TOP_P, p.topP);
  } else {
    body.max_tokens = reply;
    if (p.temperature !== undefined) body.temperature = Math.min(1, p.temperature);
    put(body, 'top_p', p.topP);
    put(body, 'top_k', p.topK);
  }
  if (p.stop && p.stop.length > 0) body.stop_sequences = [...p.stop];
  return body;
}

/** The budget_tokens to send, or undefined for no thinking. */
export function thinkingBudget(p: GenerationParameters): number | undefined {
  const r = p.reasoning;
  if (!r) return undefined;
  const budget = 'effort' in r ? ANTHROPIC_EFFORT_BUDGETS[r.effort] : r.maxTokens;
  return Math.max(ANTHROPIC_MIN_THINKING_BUDGET, budget);
}

/** True when the thinking must not reach the reply stream (the provider may still produce it). */
export function reasoningExcluded(p: GenerationParameters | undefined): boolean {
  return p?.reasoning?.exclude === true;
}
