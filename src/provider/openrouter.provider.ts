// Over ~300 lines: the shared transport (retries, idle timeout, abort, backpressure) and the
// OpenRouter dialect are still one class here; the providers work splits them into a transport
// and one small dialect per API.
import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  Agent as HttpAgent,
  ClientRequest,
  IncomingMessage,
  OutgoingHttpHeaders,
  request as httpRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';
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
import { PartQueue } from './part-queue';
import { HearthMetrics } from '../metrics/hearth-metrics';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy';

/** Error bodies are read up to this size; OpenRouter's are a few hundred bytes. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/**
 * After the stream said it is over ([DONE], an error chunk), how long the rest of the response
 * (the chunked terminator, normally in the same or the next packet) may take before the connection
 * is closed instead of going back to the keep-alive pool.
 */
const END_OF_BODY_GRACE_MS = 1000;

/** What a stream needs from the provider: its settings and a way to open a request to OpenRouter. */
interface Upstream {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly metrics: HearthMetrics | undefined;
  open(path: string, method: string, headers: OutgoingHttpHeaders): ClientRequest;
}

/** The LLMProvider behind LLM_PROVIDER: OpenRouter's OpenAI-compatible chat completions, streamed. */
@Injectable()
export class OpenRouterProvider implements LLMProvider, OnApplicationShutdown {
  private readonly logger = new Logger(OpenRouterProvider.name);
  private readonly https: boolean;
  /** Keeps connections to OpenRouter open between generations (no TCP/TLS handshake per call). */
  private readonly agent: HttpAgent;
  private readonly upstream: Upstream;

  constructor(
    private readonly config: AppConfig,
    // Optional: the provider tests build it by hand without one.
    @Optional() metrics?: HearthMetrics,
  ) {
    this.https = new URL(config.openrouterBaseUrl).protocol === 'https:';
    this.agent = this.https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.upstream = {
      config,
      logger: this.logger,
      metrics,
      open: (path, method, headers) => this.open(path, method, headers),
    };
  }

  stream(request: GenerationRequest, signal: AbortSignal): AsyncIterable<ProviderEvent> {
    return new CompletionStream(this.upstream, request, signal).parts;
  }

  /** Rejects with the signal's reason (an AbortError) when `signal` aborts. */
  async verifyApiKey(apiKey: string, signal?: AbortSignal): Promise<KeyCheckResult> {
    signal?.throwIfAborted();
    let answer: { status: number; body: string };
    try {
      answer = await this.getText('/key', apiKey, signal);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      const reason =
        err instanceof IdleTimeout
          ? `did not answer within ${this.config.upstreamIdleTimeoutMs} ms`
          : `could not be reached${networkErrorCode(err) ? ` (${networkErrorCode(err)})` : ''}`;
      throw new ProviderUnavailableError(`OpenRouter ${reason}; the key was not checked.`);
    }

    const { status, body } = answer;
    const upstream = upstreamErrorMessage(body);
    if (status === 401 || status === 403) {
      const detail = upstream ? `: ${upstream}` : '';
      return { valid: false, reason: scrubSecrets(`OpenRouter rejected the key (${status}${detail})`, [apiKey]) };
    }
    if (status < 200 || status > 299) {
      const detail = upstream ? `: ${upstream}` : '';
      throw new ProviderUnavailableError(
        scrubSecrets(`OpenRouter answered ${status}${detail}; the key was not checked.`, [apiKey]),
        status,
      );
    }
    return { valid: true, ...keyDetails(body) };
  }

  onApplicationShutdown(): void {
    this.agent.destroy();
  }

  private open(path: string, method: string, headers: OutgoingHttpHeaders): ClientRequest {
    const url = new URL(`${this.config.openrouterBaseUrl}${path}`);
    const options = { method, headers: { ...headers, ...this.headers() }, agent: this.agent };
    return this.https ? httpsRequest(url, options) : httpRequest(url, options);
  }

  /** A GET whose answer is read whole (up to MAX_ERROR_BODY_BYTES) under the idle timeout. */
  private getText(
    path: string,
    apiKey: string,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = this.open(path, 'GET', authorization(apiKey));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy();
      }, this.config.upstreamIdleTimeoutMs);
      const onAbort = (): void => void req.destroy();
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (error: Error | undefined, answer?: { status: number; body: string }): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (answer && !error) resolve(answer);
        else reject(timedOut ? new IdleTimeout() : (error ?? new Error('No answer from the provider.')));
      };
      req.on('error', (err) => settle(err));
      req.on('response', (res) => {
        timer.refresh();
        readLimitedText(
          res,
          () => timer.refresh(),
          (body, error) => settle(error, { status: res.statusCode ?? 0, body }),
        );
      });
      req.end();
    });
  }

  /** Attribution headers; OpenRouter ranks apps by them. User-agent as fetch sent it. */
  private headers(): OutgoingHttpHeaders {
    return {
      ...(this.config.openrouterReferer ? { 'HTTP-Referer': this.config.openrouterReferer } : {}),
      'X-Title': this.config.openrouterTitle,
      'user-agent': 'node',
    };
  }
}

class IdleTimeout extends Error {}

function authorization(apiKey: string): OutgoingHttpHeaders {
  return { authorization: `Bearer ${apiKey}` };
}

/**
 * One generation: its calls to OpenRouter, retries included, parsed straight into a PartQueue.
 * Errors are parts; exactly one `finish` or `error` ends the parts, and nothing follows an abort.
 */
class CompletionStream {
  readonly parts = new PartQueue<ProviderEvent>({
    start: () => this.start(),
    pause: () => this.setPaused(true),
    resume: () => this.setPaused(false),
    cancel: () => this.stop(),
  });
  /** Retries made so far. */
  private retry = 0;
  private over = false;
  /** The consumer is behind: the response is paused and its silence is not OpenRouter's. */
  private paused = false;
  /** The current call and its response, while the call lasts. */
  private req: ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private phase: 'headers' | 'error-body' | 'stream' = 'headers';
  /** Armed once per call, refreshed by every read: fires after that long without a byte from OpenRouter. */
  private idleTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Text of this call reached the consumer: it must not be repeated (the user would see it twice). */
  private textSent = false;
  private finishReason: string | null | undefined;
  private readonly onAbort = (): void => this.stop();

  constructor(
    private readonly upstream: Upstream,
    private readonly request: GenerationRequest,
    private readonly signal: AbortSignal,
  ) {}

  private start(): void {
    if (this.signal.aborted) {
      this.end();
      return;
    }
    this.signal.addEventListener('abort', this.onAbort, { once: true });
    this.call();
  }

  private call(): void {
    const { model, messages, apiKey } = this.request;
    // Encoded once: measuring the string's UTF-8 length and then writing it would walk a long
    // history's prompt (hundreds of KB) twice.
    const body = Buffer.from(JSON.stringify({ model, messages, stream: true, usage: { include: true } }));
    const req = this.upstream.open('/chat/completions', 'POST', {
      ...authorization(apiKey),
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'content-length': body.length,
    });
    this.req = req;
    this.res = undefined;
    this.phase = 'headers';
    this.textSent = false;
    this.finishReason = undefined;
    this.idleTimer = setTimeout(this.onIdle, this.upstream.config.upstreamIdleTimeoutMs);
    req.on('response', (res) => {
      if (this.req === req) this.onResponse(res);
    });
    req.on('error', (err) => {
      if (this.req !== req) return;
      // Once a response came, its own handlers report how its body broke.
      if (this.res) this.res.destroy();
      // Nothing at all came back, so trying again is safe.
      else this.fail(connectionErrorPart(err), true);
    });
    req.end(body);
  }

  private onResponse(res: IncomingMessage): void {
    this.res = res;
    this.idleTimer?.refresh();
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) {
      this.readErrorBody(res, (body) => {
        const part = httpErrorPart(status, upstreamErrorMessage(body), parseRetryAfterMs(headerReader(res)));
        this.fail(part, isRetryableStatus(status));
      });
      return;
    }
    // What fetch calls a null body.
    if (status === 204 || status === 205) {
      this.fail(unexpectedResponsePart('an empty response'), true);
      return;
    }

    const contentType = res.headers['content-type'] ?? '';
    if (!contentType.includes('text/event-stream')) {
      this.readErrorBody(res, (body) => {
        // OpenRouter may answer 200 with its error JSON when the failure comes after it accepted the call.
        const data = interpretStreamData(body);
        if (data.kind !== 'error') {
          this.fail(
            unexpectedResponsePart(`a response that is not a stream (${contentType || 'no content type'})`),
            true,
          );
          return;
        }
        const code = data.error.code;
        const part =
          typeof code === 'number' && code >= 400 && code < 600
            ? httpErrorPart(code, upstreamErrorMessage(body))
            : midStreamErrorPart(data.error);
        this.fail(part, part.isRetryable);
      });
      return;
    }

    this.phase = 'stream';
    // Decodes UTF-8 characters split across reads.
    res.setEncoding('utf8');
    // Comments (": OPENROUTER PROCESSING") are keep-alives: no onComment, so they are dropped.
    const parser = createParser({ onEvent: (event) => this.onData(event.data) });
    res.on('data', (text: string) => {
      if (this.res !== res) return;
      this.idleTimer?.refresh();
      parser.feed(text);
    });
    res.on('end', () => {
      if (this.res === res) parser.reset({ consume: true });
      // The body ended without [DONE]: complete if a finish reason came, cut off otherwise.
      if (this.res !== res) return;
      if (this.finishReason !== undefined) this.complete(this.finishReason);
      else this.fail(droppedConnectionPart(), true);
    });
    const dropped = (): void => {
      if (this.res === res) this.fail(droppedConnectionPart(), true);
    };
    res.on('error', dropped);
    res.on('close', dropped);
    if (this.paused) res.pause();
  }

  /** One SSE `data:` payload. */
  private onData(data: string): void {
    // Anything after the event that ended this call, in the same read.
    if (!this.res) return;
    const parsed = interpretStreamData(data);
    if (parsed.kind === 'done') {
      this.complete(this.finishReason ?? null);
      return;
    }
    if (parsed.kind === 'error') {
      this.fail(midStreamErrorPart(parsed.error), true, true);
      return;
    }
    if (parsed.kind !== 'chunk') return;
    if (parsed.text !== '') {
      this.textSent = true;
      this.parts.push({ type: 'text-delta', text: parsed.text });
    }
    if (parsed.usage) this.parts.push({ type: 'usage', ...parsed.usage });
    if (parsed.finishReason !== null) this.finishReason = parsed.finishReason;
  }

  /** Reads a failed answer's body; a body that breaks off counts as empty. */
  private readErrorBody(res: IncomingMessage, then: (body: string) => void): void {
    this.phase = 'error-body';
    readLimitedText(
      res,
      () => this.idleTimer?.refresh(),
      (body, error) => {
        if (this.res === res) then(error ? '' : body);
      },
    );
  }

  private readonly onIdle = (): void => {
    // Waiting on the consumer, not on OpenRouter.
    if (this.paused && this.phase === 'stream') return void this.idleTimer?.refresh();
    const ms = this.upstream.config.upstreamIdleTimeoutMs;
    if (this.phase === 'headers') this.fail(idleTimeoutPart(ms), true);
    // Headers arrived, so OpenRouter accepted the call; a stall after that is not retried.
    else if (this.phase === 'stream') this.fail(idleTimeoutPart(ms), false);
    // A stalled error body is read as empty (readErrorBody).
    else this.res?.destroy();
  };

  private setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.res?.pause();
    else this.res?.resume();
  }

  private complete(finishReason: string | null): void {
    this.closeCall(true);
    this.parts.push({ type: 'finish', finishReason });
    this.end();
  }

  /** Retries the call if nothing was sent and the failure allows it; otherwise ends with the error. */
  private fail(error: ProviderErrorPart, retryable: boolean, bodyIsOver = false): void {
    const textSent = this.textSent;
    this.closeCall(bodyIsOver);
    const { config, logger, metrics } = this.upstream;
    const part = { ...error, message: scrubSecrets(error.message, [this.request.apiKey]) };
    const delay =
      retryable && !textSent && this.retry < config.upstreamMaxRetries
        ? retryDelayMs(this.retry, part.retryAfterMs)
        : null;
    if (delay === null) {
      this.parts.push(part);
      this.end();
      return;
    }
    logger.warn(
      `OpenRouter call for ${this.request.model} failed (${part.status ?? part.code}); retry ${this.retry + 1} of ${config.upstreamMaxRetries} in ${delay} ms`,
    );
    this.retry++;
    metrics?.providerRetried(String(part.status ?? part.code));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.call();
    }, delay);
  }

  /**
   * Ends the current call. Its connection is closed unless the response is complete, or `bodyIsOver`
   * (the stream said it ended) and the rest of it comes within END_OF_BODY_GRACE_MS: then the socket
   * goes back to the keep-alive pool.
   */
  private closeCall(bodyIsOver: boolean): void {
    clearTimeout(this.idleTimer);
    const { req, res } = this;
    this.req = this.res = undefined;
    if (!req) return;
    if (res && (res.complete || bodyIsOver)) {
      if (!res.readableEnded) closeUnlessEnded(req, res);
      return;
    }
    req.destroy();
  }

  /** The signal aborted or the consumer stopped: close everything, send nothing more. */
  private stop(): void {
    if (this.over) return;
    clearTimeout(this.retryTimer);
    this.closeCall(false);
    this.parts.discard();
    this.end();
  }

  private end(): void {
    this.over = true;
    this.signal.removeEventListener('abort', this.onAbort);
    this.parts.end();
  }
}

/** Reads `res` to its end (so its socket can be reused), closing the connection if that takes too long. */
function closeUnlessEnded(req: ClientRequest, res: IncomingMessage): void {
  const timer = setTimeout(() => req.destroy(), END_OF_BODY_GRACE_MS).unref();
  const ended = (): void => clearTimeout(timer);
  res.once('end', ended);
  res.once('close', ended);
  res.resume();
}

/**
 * A body as text, at most MAX_ERROR_BODY_BYTES (then the connection is closed). `done` is called
 * once, with the text read and the error if the body broke off.
 */
function readLimitedText(res: IncomingMessage, onRead: () => void, done: (text: string, error?: Error) => void): void {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let bytes = 0;
  let over = false;
  const finish = (error?: Error): void => {
    if (over) return;
    over = true;
    done(text, error);
  };
  res.on('data', (chunk: Buffer) => {
    if (over) return;
    onRead();
    bytes += chunk.length;
    text += decoder.write(chunk);
    if (bytes >= MAX_ERROR_BODY_BYTES) {
      finish();
      res.destroy();
    }
  });
  res.on('end', () => {
    if (!over) text += decoder.end();
    finish();
  });
  res.on('error', (err) => finish(err));
  res.on('close', () => finish(new Error('The response closed before its end.')));
}

/** Response headers as parseRetryAfterMs reads them. */
function headerReader(res: IncomingMessage): { get(name: string): string | null } {
  return {
    get: (name) => {
      const value = res.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    },
  };
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
