import type { GenerationParameters } from './generation-parameters';

/**
 * The seam generation calls. Bound to ProviderRouter, which picks the dialect by
 * `GenerationRequest.provider`; tests bind their own fake.
 */
export const LLM_PROVIDER = Symbol('LLM_PROVIDER');

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface GenerationRequest {
  /** Configured provider id (`openrouter`, `openai`, `anthropic` or an OPENAI_COMPATIBLE_ENDPOINTS name); default `openrouter`. */
  provider?: string;
  /** Provider model id, e.g. `openai/gpt-4o-mini`. */
  model: string;
  messages: ChatMessage[];
  /**
   * Credentials travel with the request so a provider holds no secret state of its own. Empty for
   * an OpenAI-compatible endpoint that needs no key: then no Authorization header is sent.
   */
  apiKey: string;
  /** Sampling and reasoning settings (already merged model ← session); only those set are sent. */
  parameters?: GenerationParameters;
}

/** The contract's error codes a provider can produce (`internal` is the server's own). */
export type ProviderErrorCode =
  'upstream_auth' | 'insufficient_credits' | 'rate_limited' | 'upstream_error' | 'timeout';

export interface ProviderUsage {
  promptTokens?: number;
  completionTokens?: number;
  cost?: number;
}

/**
 * What a provider stream yields. Errors are parts, not exceptions; a stream ends after exactly
 * one `finish` or `error`, or silently when its AbortSignal fires.
 */
export type ProviderEvent =
  | {
      type: 'text-delta';
      text: string;
      /**
       * performance.now() when the bytes carrying this text were read off the provider's socket
       * (the relay latency metric starts there); absent from providers that do not measure it.
       */
      readAt?: number;
    }
  /** The model's thinking, apart from the reply (OpenRouter `delta.reasoning`, Anthropic `thinking_delta`). */
  | { type: 'reasoning-delta'; text: string }
  | ({ type: 'usage' } & ProviderUsage)
  | { type: 'finish'; finishReason: string | null }
  | {
      type: 'error';
      code: ProviderErrorCode;
      /** Safe to show a user: never contains the API key. */
      message: string;
      isRetryable: boolean;
      status?: number;
      retryAfterMs?: number;
    };

export interface CompletionResult {
  text: string;
  usage?: ProviderUsage;
}

export type KeyCheckResult =
  { valid: true; label?: string; limitRemaining?: number | null } | { valid: false; reason: string };

export interface LLMProvider {
  /** Streams one generation; retries failures that happen before any text, never after. */
  stream(request: GenerationRequest, signal: AbortSignal): AsyncIterable<ProviderEvent>;
  /**
   * Asks the provider whether a key is accepted (the settings `?verify=true` check). Throws
   * ProviderUnavailableError when the provider gives no answer about the key (unreachable, 5xx).
   * `provider` defaults to `openrouter`.
   */
  verifyApiKey(apiKey: string, signal?: AbortSignal, provider?: string): Promise<KeyCheckResult>;
}

/** One entry of a provider's model list (GET /api/providers/:provider/models). */
export interface CatalogueModel {
  id: string;
  name: string;
  contextLength?: number;
  /** USD per token, as the provider states it (OpenRouter: strings such as "0.00000015"). */
  pricing?: { prompt?: string; completion?: string };
}

/**
 * verifyApiKey could not get an answer about the key: the provider is unreachable, timed out or
 * failed (5xx). Distinct from `{ valid: false }`, which means the provider said no.
 * The message is safe to show a user.
 */
export class ProviderUnavailableError extends Error {
  constructor(
    message: string,
    /** HTTP status the provider answered with, if it answered at all. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}
