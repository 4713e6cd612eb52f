import type { OutgoingHttpHeaders } from 'node:http';
import { toAnthropicPrompt } from './anthropic-messages';
import type { Dialect, DialectOutput, DialectStreamReader } from './dialect';
import type { CatalogueModel, GenerationRequest, ProviderErrorCode, ProviderUsage } from './llm-provider';
import { anthropicParameters, reasoningExcluded } from './parameter-mapping';
import type { ProviderErrorPart } from './provider-errors';

/**
 * Pinned: the only version Anthropic has published for the Messages API (and the one its SDKs
 * send). Its rules are applied in anthropic-messages.ts and parameter-mapping.ts.
 */
export const ANTHROPIC_VERSION = '2023-06-01';

/** Anthropic's mid-stream `error` event types → the contract's codes. overloaded_error is upstream_error. */
const ERROR_CODES: Record<string, ProviderErrorCode> = {
  authentication_error: 'upstream_auth',
  permission_error: 'upstream_auth',
  billing_error: 'insufficient_credits',
  rate_limit_error: 'rate_limited',
};

/** Event types that carry nothing Hearth uses. */
const QUIET_EVENTS = new Set(['ping', 'content_block_start', 'content_block_stop']);

/**
 * Anthropic's native Messages API (POST /v1/messages, stream: true) and its named SSE events:
 * message_start, content_block_start/delta/stop, message_delta, message_stop, ping, error.
 */
export class AnthropicDialect implements Dialect {
  readonly label = 'Anthropic';
  readonly keyCheckPath = '/v1/models';
  readonly modelsPath = '/v1/models?limit=1000';

  streamRequest(request: GenerationRequest): { path: string; body: unknown } {
    const prompt = toAnthropicPrompt(request.messages);
    return {
      path: '/v1/messages',
      body: { model: request.model, ...prompt, ...anthropicParameters(request.parameters ?? {}), stream: true },
    };
  }

  headers(apiKey: string): OutgoingHttpHeaders {
    return { ...(apiKey === '' ? {} : { 'x-api-key': apiKey }), 'anthropic-version': ANTHROPIC_VERSION };
  }

  newReader(request: GenerationRequest): DialectStreamReader {
    return new AnthropicStreamReader(reasoningExcluded(request.parameters));
  }

  nonStreamError(body: string): ProviderErrorPart | undefined {
    const error = errorOf(body);
    return error ? errorPart(error) : undefined;
  }

  keyDetails(): Record<string, never> {
    return {};
  }

  parseModels(body: string): CatalogueModel[] {
    const data = (JSON.parse(body) as { data?: unknown }).data;
    if (!Array.isArray(data)) throw new Error('no data array');
    return data.flatMap((raw: unknown): CatalogueModel[] => {
      if (!raw || typeof raw !== 'object') return [];
      const m = raw as Record<string, unknown>;
      if (typeof m.id !== 'string') return [];
      return [{ id: m.id, name: typeof m.display_name === 'string' ? m.display_name : m.id }];
    });
  }
}

type Json = Record<string, unknown>;

/** One stream's events, in order. Usage comes in message_start (input) and message_delta (output so far). */
export class AnthropicStreamReader implements DialectStreamReader {
  private readonly usage: ProviderUsage = {};

  constructor(private readonly excludeThinking: boolean) {}

  read({ event, data }: { event?: string; data: string }): DialectOutput[] {
    let json: Json;
    try {
      const parsed: unknown = JSON.parse(data);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return [{ kind: 'malformed', what: 'an event that is not a JSON object' }];
      }
      json = parsed as Json;
    } catch {
      return [{ kind: 'malformed', what: 'an event that is not valid JSON' }];
    }
    const type = typeof json.type === 'string' ? json.type : event;
    switch (type) {
      case 'message_start':
        this.addUsage((json.message as Json | undefined)?.usage);
        return [];
      case 'content_block_delta':
        return this.delta(json.delta);
      case 'message_delta': {
        this.addUsage(json.usage);
        const reason = (json.delta as Json | undefined)?.stop_reason;
        return typeof reason === 'string' ? [{ kind: 'finish-reason', reason }] : [];
      }
      case 'message_stop':
        return [
          ...(Object.keys(this.usage).length > 0 ? [{ kind: 'usage' as const, usage: { ...this.usage } }] : []),
          { kind: 'done' },
        ];
      case 'error': {
        const error = json.error as Json | undefined;
        return [{ kind: 'error', part: errorPart(error && typeof error === 'object' ? error : {}) }];
      }
      default:
        if (type !== undefined && QUIET_EVENTS.has(type)) return [];
        // Anthropic may add event types (its versioning policy says to ignore unknown ones) but
        // one with no type at all is not an Anthropic event.
        return type === undefined ? [{ kind: 'malformed', what: 'an event of an unknown shape (no type)' }] : [];
    }
  }

  private delta(raw: unknown): DialectOutput[] {
    if (!raw || typeof raw !== 'object') return [{ kind: 'malformed', what: 'a content_block_delta without a delta' }];
    const delta = raw as Json;
    if (delta.type === 'text_delta') {
      return typeof delta.text === 'string'
        ? [{ kind: 'text', text: delta.text }]
        : [{ kind: 'malformed', what: 'a text_delta without text' }];
    }
    if (delta.type === 'thinking_delta') {
      if (typeof delta.thinking !== 'string') return [{ kind: 'malformed', what: 'a thinking_delta without thinking' }];
      return this.excludeThinking ? [] : [{ kind: 'reasoning', text: delta.thinking }];
    }
    // signature_delta, input_json_delta, citations_delta: nothing to show.
    return [];
  }

  private addUsage(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return;
    const u = raw as Json;
    const input = ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens']
      .map((k) => u[k])
      .filter((v): v is number => typeof v === 'number');
    if (input.length > 0 && typeof u.input_tokens === 'number') {
      this.usage.promptTokens = input.reduce((a, b) => a + b, 0);
    }
    if (typeof u.output_tokens === 'number') this.usage.completionTokens = u.output_tokens;
  }
}

/** `{"type":"error","error":{"type":…,"message":…}}` → its error object, or undefined. */
function errorOf(body: string): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { type, error } = parsed as Json;
    return type === 'error' && error && typeof error === 'object' ? (error as Json) : undefined;
  } catch {
    return undefined;
  }
}

function errorPart(error: Json): ProviderErrorPart {
  const type = typeof error.type === 'string' ? error.type : undefined;
  const text = typeof error.message === 'string' ? error.message.replace(/\s+/g, ' ').slice(0, 300) : undefined;
  const detail = type && text ? ` (${type}: ${text})` : type || text ? ` (${type ?? text})` : '';
  return {
    type: 'error',
    code: (type !== undefined ? ERROR_CODES[type] : undefined) ?? 'upstream_error',
    message:
      type === 'overloaded_error'
        ? `Anthropic is overloaded${detail}. Try again shortly.`
        : `Anthropic reported an error during the reply${detail}.`,
    isRetryable:
      type === undefined || type === 'overloaded_error' || type === 'api_error' || type === 'rate_limit_error',
  };
}
