import type { ClientRequest, IncomingMessage } from 'node:http';
import { createParser } from 'eventsource-parser';
import type { Dialect, DialectOutput, DialectStreamReader } from './dialect';
import { headerReader, HttpTransport, readLimitedText } from './http-transport';
import type { GenerationRequest, ProviderEvent } from './llm-provider';
import {
  connectionErrorPart,
  droppedConnectionPart,
  httpErrorPart,
  idleTimeoutPart,
  malformedDataPart,
  ProviderErrorPart,
  scrubSecrets,
  unexpectedResponsePart,
  upstreamErrorMessage,
} from './provider-errors';
import { PartQueue } from './part-queue';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy';

/**
 * After the stream said it is over (its end event, an error event), how long the rest of the
 * response (the chunked terminator, normally in the same or the next packet) may take before the
 * connection is closed instead of going back to the keep-alive pool.
 */
const END_OF_BODY_GRACE_MS = 1000;

/**
 * One generation: its calls to the provider, retries included, parsed by the dialect straight
 * into a PartQueue. Errors are parts; exactly one `finish` or `error` ends the parts, and nothing
 * follows an abort.
 */
export class TransportStream {
  readonly parts = new PartQueue<ProviderEvent>({
    start: () => this.start(),
    pause: () => this.setPaused(true),
    resume: () => this.setPaused(false),
    cancel: () => this.stop(),
  });
  /** Retries made so far. */
  private retry = 0;
  private over = false;
  /** The consumer is behind: the response is paused and its silence is not the provider's. */
  private paused = false;
  /** The current call and its response, while the call lasts. */
  private req: ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private reader: DialectStreamReader | undefined;
  private phase: 'headers' | 'error-body' | 'stream' = 'headers';
  /** Armed once per call, refreshed by every read: fires after that long without a byte from the provider. */
  private idleTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Text or reasoning of this call reached the consumer: it must not be repeated. */
  private textSent = false;
  private finishReason: string | null | undefined;
  /** performance.now() at the latest read of the response: every text part it carries starts its relay there. */
  private readAt = 0;
  private readonly onAbort = (): void => this.stop();

  constructor(
    private readonly transport: HttpTransport,
    private readonly dialect: Dialect,
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
    const { path, body: json } = this.dialect.streamRequest(this.request);
    // Encoded once: measuring the string's UTF-8 length and then writing it would walk a long
    // history's prompt (hundreds of KB) twice.
    const body = Buffer.from(JSON.stringify(json));
    const req = this.transport.open(path, 'POST', {
      ...this.dialect.headers(this.request.apiKey),
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'content-length': body.length,
    });
    this.req = req;
    this.res = undefined;
    this.reader = this.dialect.newReader(this.request);
    this.phase = 'headers';
    this.textSent = false;
    this.finishReason = undefined;
    this.idleTimer = setTimeout(this.onIdle, this.transport.config.upstreamIdleTimeoutMs);
    req.on('response', (res) => {
      if (this.req === req) this.onResponse(res);
    });
    req.on('error', (err) => {
      if (this.req !== req) return;
      // Once a response came, its own handlers report how its body broke.
      if (this.res) this.res.destroy();
      // Nothing at all came back, so trying again is safe.
      else this.fail(connectionErrorPart(err, this.dialect.label), true);
    });
    req.end(body);
  }

  private onResponse(res: IncomingMessage): void {
    this.res = res;
    this.idleTimer?.refresh();
    const label = this.dialect.label;
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) {
      this.readErrorBody(res, (body) => {
        const retryAfter = parseRetryAfterMs(headerReader(res));
        this.fail(httpErrorPart(status, upstreamErrorMessage(body), retryAfter, label), isRetryableStatus(status));
      });
      return;
    }
    // What fetch calls a null body.
    if (status === 204 || status === 205) {
      this.fail(unexpectedResponsePart('an empty response', label), true);
      return;
    }

    const contentType = res.headers['content-type'] ?? '';
    if (!contentType.includes('text/event-stream')) {
      this.readErrorBody(res, (body) => {
        // OpenRouter may answer 200 with its error JSON when the failure comes after it accepted the call.
        const part =
          this.dialect.nonStreamError(body) ??
          unexpectedResponsePart(`a response that is not a stream (${contentType || 'no content type'})`, label);
        this.fail(part, part.isRetryable);
      });
      return;
    }

    this.phase = 'stream';
    // Decodes UTF-8 characters split across reads.
    res.setEncoding('utf8');
    // Comments (": OPENROUTER PROCESSING") are keep-alives: no onComment, so they are dropped.
    const parser = createParser({ onEvent: (event) => this.onEvent(event.event, event.data) });
    res.on('data', (text: string) => {
      if (this.res !== res) return;
      this.idleTimer?.refresh();
      this.readAt = performance.now();
      parser.feed(text);
    });
    res.on('end', () => {
      if (this.res === res) parser.reset({ consume: true });
      // The body ended without its end event: complete if a finish reason came, cut off otherwise.
      if (this.res !== res) return;
      if (this.finishReason !== undefined) this.complete(this.finishReason);
      else this.fail(droppedConnectionPart(label), true);
    });
    const dropped = (): void => {
      if (this.res === res) this.fail(droppedConnectionPart(label), true);
    };
    res.on('error', dropped);
    res.on('close', dropped);
    if (this.paused) res.pause();
  }

  /** One SSE event. */
  private onEvent(event: string | undefined, data: string): void {
    // Anything after the event that ended this call, in the same read.
    const { res, reader } = this;
    if (!res || !reader) return;
    for (const out of reader.read({ event, data })) {
      // An earlier output of this event (done, error) ended the call.
      if (this.res !== res) return;
      this.apply(out);
    }
  }

  private apply(out: DialectOutput): void {
    switch (out.kind) {
      case 'text':
      case 'reasoning':
        if (out.text === '') return;
        this.textSent = true;
        this.parts.push(
          out.kind === 'text'
            ? { type: 'text-delta', text: out.text, readAt: this.readAt }
            : { type: 'reasoning-delta', text: out.text },
        );
        return;
      case 'usage':
        this.parts.push({ type: 'usage', ...out.usage });
        return;
      case 'finish-reason':
        this.finishReason = out.reason;
        return;
      case 'done':
        this.complete(this.finishReason ?? null);
        return;
      case 'error':
        this.fail(out.part, true, true);
        return;
      case 'malformed':
        this.fail(malformedDataPart(out.what, this.dialect.label), true);
        return;
    }
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
    // Waiting on the consumer, not on the provider.
    if (this.paused && this.phase === 'stream') return void this.idleTimer?.refresh();
    const ms = this.transport.config.upstreamIdleTimeoutMs;
    if (this.phase === 'headers') this.fail(idleTimeoutPart(ms, this.dialect.label), true);
    // Headers arrived, so the provider accepted the call; a stall after that is not retried.
    else if (this.phase === 'stream') this.fail(idleTimeoutPart(ms, this.dialect.label), false);
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
    const { config, logger, metrics } = this.transport;
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
      `${this.dialect.label} call for ${this.request.model} failed (${part.status ?? part.code}); retry ${this.retry + 1} of ${config.upstreamMaxRetries} in ${delay} ms`,
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
    this.reader = undefined;
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
