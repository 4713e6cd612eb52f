import { EventTracker } from './event-tracker';
import { IdleTimeoutError, readSse } from './sse';
import { toStreamEvent } from './wire';
import {
  type AiModel,
  type AiModelInput,
  type CancelResult,
  type ChatSession,
  type ChatSessionInput,
  type DescribedRecord,
  type DescribedRecordInput,
  type GenerateAndWaitResult,
  type GenerationEvent,
  type Message,
  type SendAndWaitResult,
  type Settings,
  type StreamEvent,
  type StreamStatus,
  type SystemPrompt,
  type SystemPromptInput,
  type Variant,
  isGenerationEvent,
  isTerminal,
} from './types';

export * from './types';
export { EventTracker, parseEventId } from './event-tracker';
export { IdleTimeoutError } from './sse';

/** A non-2xx answer: `message` is the server's explanation, fit to show a user. */
export class HearthError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Nest's short name for the status, e.g. "Conflict". */
    readonly error: string,
  ) {
    super(message);
    this.name = 'HearthError';
  }
}

/**
 * The send-message (regenerate, continue) connection was lost before its `start` event: whether
 * the request was accepted is unknown. Call again with the same `idempotencyKey` to find out
 * safely: the server answers with the first call's generation, or starts it if it never did.
 */
export class ConnectionLostError extends Error {
  constructor(cause: unknown) {
    super("The connection was lost before the reply started; look at the session's messages before sending again", {
      cause,
    });
    this.name = 'ConnectionLostError';
  }
}

/** Reconnected, but the generation had ended long enough ago that the server no longer remembers how. */
export class GenerationLostError extends Error {
  constructor(readonly streamId: string) {
    super(`Generation ${streamId} ended while disconnected; reload the session's messages to see its outcome`);
    this.name = 'GenerationLostError';
  }
}

export interface ReconnectPolicy {
  /** First wait after a lost connection; doubles on each consecutive failure. Default 250. */
  initialDelayMs: number;
  /** Longest wait between attempts. Default 5000. */
  maxDelayMs: number;
  /** Consecutive failed attempts before giving up with the last error. Default 10. */
  maxAttempts: number;
}

export interface ReconnectInfo {
  attempt: number;
  delayMs: number;
  error: unknown;
  lastEventId: string | undefined;
}

export interface HearthClientOptions {
  /** Where Hearth listens, without `/api`: e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** API_TOKEN, when the server sets one. */
  token?: string;
  /** ADMIN_TOKEN for the settings calls; defaults to `token`. */
  adminToken?: string;
  reconnect?: Partial<ReconnectPolicy>;
  /**
   * A connection silent (not even a `: ping`) for this long is treated as lost and reopened.
   * Default 45000: three heartbeats at the server's default HEARTBEAT_MS. 0 turns it off.
   */
  idleTimeoutMs?: number;
  /** Told before each reconnection attempt (logging, a "reconnecting…" badge). */
  onReconnect?: (info: ReconnectInfo) => void;
  fetch?: typeof fetch;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

/** Options of the calls that start a generation and stream it. */
export interface GenerateOptions {
  /** Stops listening (the generation goes on: use `cancel`). */
  signal?: AbortSignal;
  /** Reuse the key of an earlier call to retry it: the server never starts a second generation for one key. */
  idempotencyKey?: string;
}

export interface MessageQuery {
  limit?: number;
  afterId?: number;
  beforeId?: number;
  /** true: the newest `limit` messages (still oldest first). */
  latest?: boolean;
}

/** CRUD for one resource collection under /api. */
export class Resource<T, Create, Update = Partial<Create>> {
  constructor(
    private readonly client: HearthClient,
    private readonly path: string,
  ) {}

  list(page: PageQuery = {}): Promise<T[]> {
    return this.client.request<T[]>('GET', this.path + query(page));
  }
  get(id: number): Promise<T> {
    return this.client.request<T>('GET', `${this.path}/${id}`);
  }
  create(body: Create): Promise<T> {
    return this.client.request<T>('POST', this.path, body);
  }
  update(id: number, body: Update): Promise<T> {
    return this.client.request<T>('PATCH', `${this.path}/${id}`, body);
  }
  async delete(id: number): Promise<void> {
    await this.client.request<undefined>('DELETE', `${this.path}/${id}`);
  }
}

const DEFAULT_RECONNECT: ReconnectPolicy = { initialDelayMs: 250, maxDelayMs: 5000, maxAttempts: 10 };
/** After reconnecting to a generation that is no longer live, how long its retained end may take to arrive. */
const ENDED_GRACE_MS = 3000;
/** A connection that lasted this long counts as a success, so occasional drops never exhaust maxAttempts. */
const HEALTHY_CONNECTION_MS = 10_000;
/** HTTP statuses worth retrying: too many connections right now, or a proxy/instance restarting. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/**
 * A typed client for Hearth's HTTP API: resources, settings, and replies streamed over SSE with
 * reconnection that resumes by `Last-Event-ID` without repeating text.
 */
export class HearthClient {
  readonly aiModels: Resource<AiModel, AiModelInput>;
  readonly systemPrompts: Resource<SystemPrompt, SystemPromptInput>;
  readonly characters: Resource<DescribedRecord, DescribedRecordInput>;
  readonly userProfiles: Resource<DescribedRecord, DescribedRecordInput>;
  readonly chatSessions: Resource<ChatSession, ChatSessionInput>;
  private readonly baseUrl: string;
  private readonly policy: ReconnectPolicy;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: HearthClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.policy = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.fetchFn = options.fetch ?? fetch;
    this.aiModels = new Resource(this, '/api/ai-models');
    this.systemPrompts = new Resource(this, '/api/system-prompts');
    this.characters = new Resource(this, '/api/characters');
    this.userProfiles = new Resource(this, '/api/user-profiles');
    this.chatSessions = new Resource(this, '/api/chat-sessions');
  }

  /** A session's messages, oldest first. */
  messages(sessionId: number, page: MessageQuery = {}): Promise<Message[]> {
    return this.request('GET', `/api/chat-sessions/${sessionId}/messages${query(page)}`);
  }

  readonly settings = {
    get: (): Promise<Settings> => this.request('GET', '/api/settings', undefined, { admin: true }),
    /** `verify: true` asks OpenRouter first and stores nothing if it refuses the key. */
    setOpenrouterApiKey: (apiKey: string, opts: { verify?: boolean } = {}): Promise<Settings> =>
      this.request(
        'PUT',
        `/api/settings/openrouter-api-key${opts.verify ? '?verify=true' : ''}`,
        { apiKey },
        { admin: true },
      ),
    removeOpenrouterApiKey: (): Promise<Settings> =>
      this.request('DELETE', '/api/settings/openrouter-api-key', undefined, { admin: true }),
  };

  /**
   * Sends a message and waits for the whole reply (`stream: false`); a failed reply is a HearthError (502, 402, 429, 504, …).
   * Calling again with the same `idempotencyKey` (a retry) gets the first call's reply instead of a second one.
   */
  sendMessageAndWait(
    sessionId: number,
    content: string,
    opts: { idempotencyKey?: string } = {},
  ): Promise<SendAndWaitResult> {
    return this.request(
      'POST',
      `/api/chat-sessions/${sessionId}/send-message`,
      { content, stream: false },
      { headers: { 'idempotency-key': opts.idempotencyKey ?? crypto.randomUUID() } },
    );
  }

  /**
   * Regenerates the last reply (a new variant, active once saved), or answers the last user
   * message when its reply failed or was cancelled (a retry), and waits for it. Empty session or
   * busy: HearthError 409; a failed reply: its status, as for sendMessageAndWait.
   */
  regenerateAndWait(sessionId: number, opts: { idempotencyKey?: string } = {}): Promise<GenerateAndWaitResult> {
    return this.generateAndWait(sessionId, 'regenerate', opts.idempotencyKey);
  }

  /** Continues the last reply where it stopped and waits; the text is appended to its active variant. 409 when the last message is not a reply. */
  continueAndWait(sessionId: number, opts: { idempotencyKey?: string } = {}): Promise<GenerateAndWaitResult> {
    return this.generateAndWait(sessionId, 'continue', opts.idempotencyKey);
  }

  private generateAndWait(
    sessionId: number,
    route: 'regenerate' | 'continue',
    idempotencyKey: string | undefined,
  ): Promise<GenerateAndWaitResult> {
    return this.request(
      'POST',
      `/api/chat-sessions/${sessionId}/${route}`,
      { stream: false },
      { headers: { 'idempotency-key': idempotencyKey ?? crypto.randomUUID() } },
    );
  }

  /** A message's variants (swipes), by index; a user message is its own single variant. */
  variants(sessionId: number, messageId: number): Promise<Variant[]> {
    return this.request('GET', `/api/chat-sessions/${sessionId}/messages/${messageId}/variants`);
  }

  /** Makes variant `index` the active one (its content, and every later prompt's); the message as it now is. */
  selectVariant(sessionId: number, messageId: number, index: number): Promise<Message> {
    return this.request('PUT', `/api/chat-sessions/${sessionId}/messages/${messageId}/variant`, { index });
  }

  /** Replaces the text of a user message, or of the active variant of a reply. */
  editMessage(sessionId: number, messageId: number, content: string): Promise<Message> {
    return this.request('PATCH', `/api/chat-sessions/${sessionId}/messages/${messageId}`, { content });
  }

  /** Deletes a message with its variants; `after: true` also every later one (rewinds the chat to before it). */
  async deleteMessage(sessionId: number, messageId: number, opts: { after?: boolean } = {}): Promise<void> {
    const rewind = opts.after ? '?after=true' : '';
    await this.request<undefined>('DELETE', `/api/chat-sessions/${sessionId}/messages/${messageId}${rewind}`);
  }

  cancel(sessionId: number): Promise<CancelResult> {
    return this.request('POST', `/api/chat-sessions/${sessionId}/cancel-message`);
  }

  status(sessionId: number): Promise<StreamStatus> {
    return this.request('GET', `/api/chat-sessions/${sessionId}/stream-status`);
  }

  /**
   * Sends a message and yields its generation's events, `start` to exactly one terminal event.
   * Refusals (404, 400, 409, …) throw HearthError before any event. If the connection drops
   * after `start`, the same generation is followed over GET /stream from the last event seen,
   * so the text joins up exactly. Aborting `signal` stops listening; it does not stop the
   * generation (use `cancel`). Each call sends a fresh Idempotency-Key (or `idempotencyKey`), so
   * a retry with the same key can never start a second reply.
   */
  sendMessage(sessionId: number, content: string, opts: GenerateOptions = {}): AsyncGenerator<GenerationEvent> {
    return this.generate(sessionId, 'send-message', { content, stream: true }, opts);
  }

  /**
   * Regenerates the last reply as a new variant (active once `done`), or, when the last message
   * is the user's (its reply failed or was cancelled), answers it anew. Events as for
   * sendMessage: `start` has `kind: 'regenerate'`, `userMessage: null` and `messageId` (null for a
   * retry); `done` has `messageId` and `variantIndex`. Same refusals (409 busy or empty session),
   * same reconnection and Idempotency-Key behaviour.
   */
  regenerate(sessionId: number, opts: GenerateOptions = {}): AsyncGenerator<GenerationEvent> {
    return this.generate(sessionId, 'regenerate', { stream: true }, opts);
  }

  /**
   * Continues the last reply where it stopped: the content events are only the new text, which
   * is appended to the reply's active variant on `done`. 409 when the last message is not a reply.
   */
  continue(sessionId: number, opts: GenerateOptions = {}): AsyncGenerator<GenerationEvent> {
    return this.generate(sessionId, 'continue', { stream: true }, opts);
  }

  /** One POST that starts a generation, then its events (followed over GET /stream if the response drops). */
  private async *generate(
    sessionId: number,
    route: 'send-message' | 'regenerate' | 'continue',
    body: object,
    opts: GenerateOptions,
  ): AsyncGenerator<GenerationEvent> {
    const res = await this.openSse('POST', `/api/chat-sessions/${sessionId}/${route}`, {
      body,
      signal: opts.signal,
      headers: { 'idempotency-key': opts.idempotencyKey ?? crypto.randomUUID() },
    });
    const tracker = new EventTracker();
    let streamId: string | undefined;
    let lastEventId: string | undefined;
    let lost: unknown = new Error('The server closed the reply before its end');
    try {
      for await (const raw of this.eventsOf(res.body)) {
        // One generation's response: anything else (an event type this client does not know) is not part of it.
        if (!isGenerationEvent(raw)) continue;
        const event = tracker.accept(raw);
        if (!event) continue;
        streamId ??= event.streamId;
        lastEventId = event.id;
        yield event;
        if (isTerminal(event)) return;
      }
    } catch (err) {
      if (!isConnectionLoss(err, opts.signal)) throw err;
      lost = err;
    }
    if (!streamId) throw new ConnectionLostError(lost);
    yield* this.follow(sessionId, streamId, lastEventId, tracker, lost, opts.signal);
  }

  /**
   * Attaches to a session (GET /stream) and yields every event of its generations, across
   * generations, until `signal` aborts or the consumer stops. Reconnects on network loss,
   * resuming after the last event yielded (or `lastEventId`), so no text is repeated. On attach
   * mid-generation the text so far comes as one content event (after one reasoning event, if the
   * model reasoned) without a `start`. The session's notices (`messages_changed`: reload the
   * messages) and events of types this client does not know are yielded too; they end nothing
   * and do not move the resumption point.
   */
  async *attach(
    sessionId: number,
    opts: { lastEventId?: string; signal?: AbortSignal } = {},
  ): AsyncGenerator<StreamEvent> {
    const tracker = EventTracker.after(opts.lastEventId);
    let lastEventId = opts.lastEventId;
    let failures = 0;
    for (;;) {
      const openedAt = Date.now();
      let delivered = false;
      let lost: unknown = new Error('The server closed the stream');
      try {
        const res = await this.openSse('GET', `/api/chat-sessions/${sessionId}/stream`, {
          lastEventId,
          signal: opts.signal,
        });
        for await (const raw of this.eventsOf(res.body)) {
          const event = tracker.accept(raw);
          if (!event) continue;
          if (isGenerationEvent(event)) lastEventId = event.id;
          delivered = true;
          yield event;
        }
      } catch (err) {
        if (!isConnectionLoss(err, opts.signal)) throw err;
        lost = err;
      }
      // A clean end is a lost connection too: an instance shutting down, a proxy timing out.
      failures = delivered || Date.now() - openedAt >= HEALTHY_CONNECTION_MS ? 1 : failures + 1;
      await this.backOff(failures, lost, lastEventId, opts.signal);
    }
  }

  /** The rest of one generation after its send-message connection dropped. */
  private async *follow(
    sessionId: number,
    streamId: string,
    lastEventId: string | undefined,
    tracker: EventTracker,
    lost: unknown,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<GenerationEvent> {
    let failures = 1;
    for (;;) {
      await this.backOff(failures, lost, lastEventId, signal);
      const connection = new AbortController();
      const abort = (): void => connection.abort(signal?.reason);
      signal?.addEventListener('abort', abort, { once: true });
      // An object, not a `let`: set from a timer callback, which TypeScript's narrowing cannot see.
      const generation = { gone: false };
      try {
        const res = await this.openSse('GET', `/api/chat-sessions/${sessionId}/stream`, {
          lastEventId,
          signal: connection.signal,
        });
        failures = 0;
        // If it is no longer live, its end (kept by the server for a while) arrives at once or never.
        const ended = setTimeout(() => {
          generation.gone = true;
          connection.abort();
        }, ENDED_GRACE_MS);
        void this.status(sessionId).then(
          (s) => s.streamId === streamId && clearTimeout(ended),
          () => undefined,
        );
        try {
          for await (const raw of this.eventsOf(res.body)) {
            // Notices and other generations are not this call's business.
            if (!isGenerationEvent(raw) || raw.streamId !== streamId) continue;
            const event = tracker.accept(raw);
            if (!event) continue;
            lastEventId = event.id;
            yield event;
            if (isTerminal(event)) return;
          }
        } finally {
          clearTimeout(ended);
        }
        lost = new Error('The server closed the stream');
      } catch (err) {
        if (generation.gone) throw new GenerationLostError(streamId);
        if (!isConnectionLoss(err, signal)) throw err;
        lost = err;
      } finally {
        signal?.removeEventListener('abort', abort);
        connection.abort();
      }
      failures++;
    }
  }

  private async backOff(
    failures: number,
    error: unknown,
    lastEventId: string | undefined,
    signal?: AbortSignal,
  ): Promise<void> {
    if (failures > this.policy.maxAttempts) throw error;
    const delayMs = Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** (failures - 1));
    this.options.onReconnect?.({ attempt: failures, delayMs, error, lastEventId });
    await sleep(delayMs, signal);
  }

  /** Typed events out of an SSE body (see toStreamEvent). */
  private async *eventsOf(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent> {
    for await (const message of readSse(body, { idleTimeoutMs: this.options.idleTimeoutMs ?? 45_000 })) {
      yield toStreamEvent(message);
    }
  }

  /** Opens an SSE response; anything else (a JSON error) becomes a HearthError. */
  private async openSse(
    method: string,
    path: string,
    init: { body?: unknown; lastEventId?: string; signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<Response & { body: ReadableStream<Uint8Array> }> {
    const res = await this.fetchFn(this.baseUrl + path, {
      method,
      headers: {
        ...this.authHeader(false),
        accept: 'text/event-stream',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.lastEventId ? { 'last-event-id': init.lastEventId } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
    if (!res.ok || !res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
      throw await toError(res);
    }
    return res as Response & { body: ReadableStream<Uint8Array> };
  }

  /** One JSON call. Public for the Resource helpers; prefer the named methods. */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    opts: { admin?: boolean; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const res = await this.fetchFn(this.baseUrl + path, {
      method,
      headers: {
        ...this.authHeader(opts.admin ?? false),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw await toError(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  private authHeader(admin: boolean): Record<string, string> {
    const token = admin ? (this.options.adminToken ?? this.options.token) : this.options.token;
    return token ? { authorization: `Bearer ${token}` } : {};
  }
}

async function toError(res: Response): Promise<HearthError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('; ') : textOf(body.message, res.statusText);
    return new HearthError(res.status, message, textOf(body.error, res.statusText));
  } catch {
    return new HearthError(res.status, text || res.statusText || `HTTP ${res.status}`, res.statusText);
  }
}

/** A JSON field as text: strings as they are, anything else as JSON, absent ones as the fallback. */
function textOf(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** True for failures a reconnection can fix; false for the caller's own abort and for refusals. */
function isConnectionLoss(err: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return false;
  if (err instanceof HearthError) return RETRY_STATUSES.has(err.status);
  if (err instanceof IdleTimeoutError) return true;
  // fetch reports refused, reset and cut connections as TypeError ("fetch failed", "terminated");
  // anything else (unparsable JSON, a bug) is not fixed by reconnecting. Checked by name: the
  // error may come from another realm (Node's fetch inside a test sandbox) where instanceof fails.
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'TypeError';
}

function query(params: object): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  return entries.length ? '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString() : '';
}

/** Why the signal aborted, as an Error: a DOMException AbortError unless abort() was given a reason. */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason), { cause: reason });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      if (signal) reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
