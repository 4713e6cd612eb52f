import type { ProviderUsage } from './llm-provider';

/** What one SSE `data:` payload of an OpenRouter stream means. */
export type StreamData =
  /** `[DONE]`: the stream is complete. */
  | { kind: 'done' }
  /** A chunk carrying `error` (finish_reason "error"): the generation failed mid-stream. */
  | { kind: 'error'; error: { code?: unknown; message?: unknown } }
  /** An ordinary chunk: text (possibly empty), the finish reason once given, usage in the last one. */
  | { kind: 'chunk'; text: string; finishReason: string | null; usage?: ProviderUsage }
  /** Not JSON or not a chunk; skipped rather than failing a reply that is otherwise fine. */
  | { kind: 'ignored' };

interface ChunkJson {
  error?: { code?: unknown; message?: unknown };
  choices?: Array<{ delta?: { content?: unknown }; finish_reason?: unknown }>;
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; cost?: unknown };
}

export function interpretStreamData(data: string): StreamData {
  if (data.trim() === '[DONE]') return { kind: 'done' };
  let json: ChunkJson;
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { kind: 'ignored' };
    json = parsed;
  } catch {
    return { kind: 'ignored' };
  }
  if (json.error && typeof json.error === 'object') return { kind: 'error', error: json.error };

  const choice = Array.isArray(json.choices) ? json.choices[0] : undefined;
  const content = choice?.delta?.content;
  const finish = choice?.finish_reason;
  if (finish === 'error') return { kind: 'error', error: {} };
  const usage = json.usage && typeof json.usage === 'object' ? usageOf(json.usage) : undefined;
  return {
    kind: 'chunk',
    text: typeof content === 'string' ? content : '',
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
