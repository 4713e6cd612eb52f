import { Injectable, Logger } from '@nestjs/common';
import { createParser, EventSourceMessage } from 'eventsource-parser';
import { AppConfig } from '../config/app-config';
import {
  GenerationRequest,
  KeyCheckResult,
  LLMProvider,
  ProviderEvent,
  ProviderUnavailableError,
} from './llm-provider';
import { interpretStreamData } from './openrouter-chunk';
import {
  connectionErrorPart,
  droppedConnectionPart,
  httpErrorPart,
  idleTimeoutPart,
  midStreamErrorPart,
  networkErrorCode,
  ProviderErrorPart,
  scrubSecrets,
  unexpectedResponsePart,
  upstreamErrorMessage,
} from './openrouter-errors';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy';

/** Error bodies are read up to this size; OpenRouter's are a few hundred bytes. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** How one call to OpenRouter failed, and whether calling again could help. */
interface AttemptFailure {
  error: ProviderErrorPart;
  /** Text reached the caller: the call must not be repeated (the user would see it twice). */
  textSent: boolean;
  /** This failure, had no text been sent, is one to retry. */
  retryable: boolean;
}

/**
 * Aborts a call when nothing arrives from OpenRouter for `ms`. Armed only while waiting on the
 * network (for headers, for the next body bytes), so a slow consumer never counts as upstream silence.
 */
class IdleTimer {
  fired = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ms: number,
    private readonly onFire: () => void,
  ) {}

  async around<T>(work: Promise<T>): Promise<T> {
    this.timer = setTimeout(() => {
      this.fired = true;
      this.onFire();
    }, this.ms);
    try {
      return await work;
    } finally {
      clearTimeout(this.timer);
    }
  }
}

/** The LLMProvider behind LLM_PROVIDER: OpenRouter's OpenAI-compatible chat completions, streamed. */
@Injectable()
export class OpenRouterProvider implements LLMProvider {
  private readonly logger = new Logger(OpenRouterProvider.name);

  constructor(private readonly config: AppConfig) {}

  async *stream(request: GenerationRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent, void, undefined> {
    for (let retry = 0; ; retry++) {
      if (signal.aborted) return;
      const failure = yield* this.attempt(request, signal);
      if (!failure || signal.aborted) return;

      const error = { ...failure.error, message: scrubSecrets(failure.error.message, [request.apiKey]) };
      const delay =
        failure.retryable && !failure.textSent && retry < this.config.upstreamMaxRetries
          ? retryDelayMs(retry, error.retryAfterMs)
          : null;
      if (delay === null) {
        yield error;
        return;
      }
      this.logger.warn(
        `OpenRouter call for ${request.model} failed (${error.status ?? error.code}); retry ${retry + 1} of ${this.config.upstreamMaxRetries} in ${delay} ms`,
      );
      await abortableSleep(delay, signal);
    }
  }

  /** Rejects with the signal's reason (an AbortError) when `signal` aborts. */
  async verifyApiKey(apiKey: string, signal?: AbortSignal): Promise<KeyCheckResult> {
    signal?.throwIfAborted();
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const idle = new IdleTimer(this.config.upstreamIdleTimeoutMs, onAbort);
    try {
      let response: Response;
      let body: string;
      try {
        response = await idle.around(
          fetch(`${this.config.openrouterBaseUrl}/key`, { headers: this.headers(apiKey), signal: controller.signal }),
        );
        body = await readLimitedText(response, idle);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        const reason = idle.fired
          ? `did not answer within ${this.config.upstreamIdleTimeoutMs} ms`
          : `could not be reached${networkErrorCode(err) ? ` (${networkErrorCode(err)})` : ''}`;
        throw new ProviderUnavailableError(`OpenRouter ${reason}; the key was not checked.`);
      }

      const upstream = upstreamErrorMessage(body);
      if (response.status === 401 || response.status === 403) {
        const detail = upstream ? `: ${upstream}` : '';
        return { valid: false, reason: scrubSecrets(`OpenRouter rejected the key (${response.status}${detail})`, [apiKey]) };
      }
      if (!response.ok) {
        const detail = upstream ? `: ${upstream}` : '';
        throw new ProviderUnavailableError(
          scrubSecrets(`OpenRouter answered ${response.status}${detail}; the key was not checked.`, [apiKey]),
          response.status,
        );
      }
      return { valid: true, ...keyDetails(body) };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * One call to OpenRouter. Yields text, usage and finish as they arrive; returns the failure, if
   * any, for stream() to retry or report; returns nothing when done or when `signal` aborted.
   */
  private async *attempt(
    request: GenerationRequest,
    signal: AbortSignal,
  ): AsyncGenerator<ProviderEvent, AttemptFailure | undefined, undefined> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const idle = new IdleTimer(this.config.upstreamIdleTimeoutMs, onAbort);
    let textSent = false;
    const failed = (error: ProviderErrorPart, retryable: boolean): AttemptFailure => ({ error, textSent, retryable });

    try {
      let response: Response;
      try {
        response = await idle.around(
          fetch(`${this.config.openrouterBaseUrl}/chat/completions`, {
            method: 'POST',
            headers: { ...this.headers(request.apiKey), 'content-type': 'application/json', accept: 'text/event-stream' },
            body: JSON.stringify({ model: request.model, messages: request.messages, stream: true, usage: { include: true } }),
            signal: controller.signal,
          }),
        );
      } catch (err) {
        if (signal.aborted) return undefined;
        // Nothing at all came back, so trying again is safe.
        return failed(idle.fired ? idleTimeoutPart(this.config.upstreamIdleTimeoutMs) : connectionErrorPart(err), true);
      }

      if (!response.ok) {
        const body = await readLimitedText(response, idle).catch(() => '');
        if (signal.aborted) return undefined;
        const part = httpErrorPart(response.status, upstreamErrorMessage(body), parseRetryAfterMs(response.headers));
        return failed(part, isRetryableStatus(response.status));
      }
      if (!response.body) return failed(unexpectedResponsePart('an empty response'), true);

      const contentType = response.headers.get('content-type') ?? '';
      if (!contentType.includes('text/event-stream')) {
        const body = await readLimitedText(response, idle).catch(() => '');
        if (signal.aborted) return undefined;
        // OpenRouter may answer 200 with its error JSON when the failure comes after it accepted the call.
        const data = interpretStreamData(body);
        if (data.kind !== 'error') {
          return failed(unexpectedResponsePart(`a response that is not a stream (${contentType || 'no content type'})`), true);
        }
        const status = data.error.code;
        const part =
          typeof status === 'number' && status >= 400 && status < 600
            ? httpErrorPart(status, upstreamErrorMessage(body))
            : midStreamErrorPart(data.error);
        return failed(part, part.isRetryable);
      }

      const events: EventSourceMessage[] = [];
      // Comments (": OPENROUTER PROCESSING") are keep-alives: no onComment, so they are dropped.
      const parser = createParser({ onEvent: (event) => events.push(event) });
      const decoder = new TextDecoder('utf-8');
      const reader = response.body.getReader();
      let finishReason: string | null | undefined;

      for (let ended = false; !ended; ) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await idle.around(reader.read());
        } catch {
          if (signal.aborted) return undefined;
          // Headers arrived, so OpenRouter accepted the call; a stall after that is not retried.
          if (idle.fired) return failed(idleTimeoutPart(this.config.upstreamIdleTimeoutMs), false);
          return failed(droppedConnectionPart(), true);
        }
        if (read.done) {
          parser.feed(decoder.decode());
          parser.reset({ consume: true });
          ended = true;
        } else {
          parser.feed(decoder.decode(read.value, { stream: true }));
        }

        while (events.length > 0) {
          const data = interpretStreamData(events.shift()!.data);
          if (data.kind === 'done') {
            yield { type: 'finish', finishReason: finishReason ?? null };
            return undefined;
          }
          if (data.kind === 'error') return failed(midStreamErrorPart(data.error), true);
          if (data.kind !== 'chunk') continue;
          if (data.text !== '') {
            textSent = true;
            yield { type: 'text-delta', text: data.text };
          }
          if (data.usage) yield { type: 'usage', ...data.usage };
          if (data.finishReason !== null) finishReason = data.finishReason;
        }
      }

      // The body ended without [DONE]: complete if a finish reason came, cut off otherwise.
      if (finishReason !== undefined) {
        yield { type: 'finish', finishReason };
        return undefined;
      }
      return failed(droppedConnectionPart(), true);
    } finally {
      signal.removeEventListener('abort', onAbort);
      // Closes the connection if the body is still open: an early return, or the consumer stopped.
      controller.abort();
    }
  }

  private headers(apiKey: string): Record<string, string> {
    return {
      authorization: `Bearer ${apiKey}`,
      ...(this.config.openrouterReferer ? { 'HTTP-Referer': this.config.openrouterReferer } : {}),
      'X-Title': this.config.openrouterTitle,
    };
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** A response body as text, at most MAX_ERROR_BODY_BYTES, each read under the idle timer. */
async function readLimitedText(response: Response, idle: IdleTimer): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let bytes = 0;
  for (;;) {
    const read = await idle.around(reader.read());
    if (read.done) return text + decoder.decode();
    bytes += read.value.byteLength;
    text += decoder.decode(read.value, { stream: true });
    if (bytes >= MAX_ERROR_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return text;
    }
  }
}

/** label and limit_remaining from GET /key's `{"data":{…}}`; absent fields stay absent. */
function keyDetails(body: string): { label?: string; limitRemaining?: number | null } {
  let data: unknown;
  try {
    data = (JSON.parse(body) as { data?: unknown }).data;
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object') return {};
  const details: { label?: string; limitRemaining?: number | null } = {};
  if ('label' in data && typeof data.label === 'string') details.label = data.label;
  if ('limit_remaining' in data && (typeof data.limit_remaining === 'number' || data.limit_remaining === null)) {
    details.limitRemaining = data.limit_remaining;
  }
  return details;
}
