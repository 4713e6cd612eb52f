import type { ProviderUsage } from './llm-provider';

/** What one SSE `data:` payload of a chat-completions stream (OpenRouter, OpenAI, compatible servers) means. */
export type StreamData =
  /** `[DONE]`: the stream is complete. */
  | { kind: 'done' }
  /** A chunk carrying `error` (finish_reason "error"): the generation failed mid-stream. */
  | { kind: 'error'; error: { code?: unknown; message?: unknown } }
  /**
   * An ordinary chunk: text and reasoning (possibly empty; `reasoning` only when present), the
   * finish reason once given, usage in the last one.
   */
  | { kind: 'chunk'; text: string; reasoning?: string; finishReason: string | null; usage?: ProviderUsage }
  /**
   * Not JSON, or JSON that is not a chunk: the stream is broken. Skipping it could save a reply
   * silently missing a piece, so the generation ends with upstream_error (as the OpenAI SDK throws).
   */
  | { kind: 'malformed'; what: string };

interface ChunkJson {
  error?: { code?: unknown; message?: unknown };
  choices?: Array<{
    delta?: { content?: unknown; reasoning?: unknown; reasoning_content?: unknown };
    finish_reason?: unknown;
  }>;
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; cost?: unknown };
}

export function interpretStreamData(data: string): StreamData {
  if (data.trim() === '[DONE]') return { kind: 'done' };
  let json: ChunkJson;
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { kind: 'malformed', what: 'an event that is not a JSON object' };
    }
    json = parsed;
  } catch {
    return { kind: 'malformed', what: 'an event that is not valid JSON' };
  }
  if (json.error && typeof json.error === 'object') return { kind: 'error', error: json.error };
  const hasUsage = !!json.usage && typeof json.usage === 'object';
  if (!Array.isArray(json.choices) && !hasUsage) {
    return { kind: 'malformed', what: 'an event of an unknown shape (no choices, usage or error)' };
  }

  const choice = Array.isArray(json.choices) ? json.choices[0] : undefined;
  const delta = choice?.delta;
  const content = delta?.content;
  // OpenRouter names it `reasoning`; DeepSeek, vLLM and llama.cpp `reasoning_content`.
  const reasoning = typeof delta?.reasoning === 'string' ? delta.reasoning : delta?.reasoning_content;
  const finish = choice?.finish_reason;
  if (finish === 'error') return { kind: 'error', error: {} };
  const usage = hasUsage ? usageOf(json.usage as NonNullable<ChunkJson['usage']>) : undefined;
  return {
    kind: 'chunk',
    text: typeof content === 'string' ? content : '',
    ...(typeof reasoning === 'string' && reasoning !== '' ? { reasoning } : {}),
    finishReason: typeof finish === 'string' ? finish : null,
    ...(usage ? { usage } : {}),
  };
}

function usageOf(raw: NonNullable<ChunkJson['usage']>): ProviderUsage {
  const usage: ProviderUsage = {};
  if (typeof raw.prompt_tokens === 'number') usage.promptTokens = raw.prompt_tokens;
  if (typeof raw.completion_tokens === 'number') usage.completionTokens = raw.completion_tokens;
  if (typeof raw.cost === 'number') usage.cost = raw.cost;
  return usage;
}
