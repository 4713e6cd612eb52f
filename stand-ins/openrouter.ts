/**
 * FakeOpenRouter: a real HTTP server on 127.0.0.1 (random port) that speaks enough of OpenRouter's
 * API for Hearth's tests and benchmark. No jest imports, so plain scripts can use it too.
 *
 *   const fake = await FakeOpenRouter.start();                  // every Bearer key is accepted
 *   const fake = await FakeOpenRouter.start({ validKeys: ['sk-or-v1-good'] });  // others get 401
 *   loadConfig({ OPENROUTER_BASE_URL: fake.url, ... })           // fake.url = http://127.0.0.1:PORT/api/v1
 *
 *   fake.enqueue({ chunks: ['Hel', 'lo'] });                     // next POST /chat/completions streams "Hello"
 *   fake.enqueue({ status: 429, retryAfter: 1 });                // then one 429 with Retry-After: 1
 *   fake.enqueue((req) => ({ chunks: [`echo ${req.body?.model}`] }));  // decided per request
 *   // empty queue: the default scenario, a short successful stream of DEFAULT_REPLY
 *
 *   const hold = fake.hold();
 *   fake.enqueue({ chunks: ['Hel', hold, 'lo'] });               // sends "Hel", then waits
 *   await hold.reached;                                          // the server has sent "Hel"
 *   ...cancel, or test the lock...
 *   hold.release();                                              // or let the client hang up
 *
 *   const req = await fake.waitForRequest(0);                    // RecordedRequest: method, path, headers,
 *   req.apiKey; req.body?.messages;                              //   apiKey, body (parsed JSON), receivedAt
 *   await fake.waitForClientHangup(0);                           // rejects unless the client hung up
 *   await req.ended;                                             // 'completed' | 'client-hung-up' | 'server-dropped'
 *   fake.chatRequests.length;                                    // how many completion calls (retries count)
 *   await fake.close();
 *
 * Scenarios for POST /chat/completions (a request without `stream: true` gets one JSON completion
 * built from the same scenario):
 *   { chunks, delayMs, writeBytes, end, ... }  a stream (StreamScenario); `end` decides how it stops:
 *       'done' (default): finish chunk, usage chunk, `data: [DONE]`;  'error': an error chunk with
 *       finish_reason "error", then the response ends;  'drop': socket.destroy();  'stall': silence,
 *       connection left open;  'eof': the response just ends (no finish chunk, no [DONE]).
 *       `writeBytes: 3` re-cuts the bytes into 3-byte TCP writes (inside UTF-8 characters and `data:`
 *       lines); `delayMs` pauses between writes. Steps in `chunks` may also be a Hold, { waitMs },
 *       { comment } or { raw } (exact bytes).
 *   { status: 402, message?, retryAfter?, retryAfterMs?, headers? }   HTTP error with OpenRouter's
 *       body {"error":{"code":402,"message":"..."}} before any stream.
 *   { stall: 'before-headers' }   the request is read and never answered.
 * GET /key: 200 {"data":{"label":...,"limit_remaining":...}} for a valid key, 401 otherwise;
 *   fake.enqueueKeyResponse({ status: 500 }) / ({ stall: 'before-headers' }) scripts the next one.
 */
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const DEFAULT_REPLY_CHUNKS: readonly string[] = ['Hello', ' from', ' the fake', ' OpenRouter.'];
export const DEFAULT_REPLY = DEFAULT_REPLY_CHUNKS.join('');
export const DEFAULT_MODEL = 'openai/gpt-4o-mini';

/** A pause point the test opens. `reached` resolves when the server gets to it. */
export interface Hold {
  readonly reached: Promise<void>;
  readonly isReached: boolean;
  readonly isReleased: boolean;
  release(): void;
}

/** One step of a stream. A string is a text delta sent as one `chat.completion.chunk` event. */
export type StreamStep =
  | string
  | Hold
  | { waitMs: number }
  | { comment: string }
  /** Exact bytes, e.g. a malformed line or half an event; not JSON-encoded. */
  | { raw: string | Uint8Array };

export interface StreamScenario {
  /** Default DEFAULT_REPLY_CHUNKS. */
  chunks?: StreamStep[];
  /** Pause between TCP writes, ms. Default 0 (every event is still its own write). */
  delayMs?: number;
  /** Re-cut the bytes between pauses into writes of at most this many bytes. */
  writeBytes?: number;
  /** Send `: OPENROUTER PROCESSING` right after the headers, as OpenRouter does. Default true. */
  processingComment?: boolean;
  /** How the stream stops; see the header comment. Default 'done'. */
  end?: 'done' | 'error' | 'drop' | 'stall' | 'eof';
  /** finish_reason of the final chunk for end 'done'. Default 'stop'. */
  finishReason?: string;
  /** Usage reported in the last chunk; false sends no usage chunk. Default: made-up counts. */
  usage?: { promptTokens?: number; completionTokens?: number; cost?: number } | false;
  /** The error chunk for end 'error'. Default { code: 502, message: 'Provider returned error' }. */
  error?: { code?: number | string; message?: string };
  /** Wait before sending the response headers. */
  beforeHeaders?: Hold | { waitMs: number };
  /** Model reported in chunks. Default: the request's model. */
  model?: string;
  headers?: Record<string, string>;
}

export interface HttpErrorScenario {
  status: number;
  /** error.message in the body. Default: a message like OpenRouter's for that status. */
  message?: string;
  /** Retry-After header: seconds, or a string such as an HTTP date. */
  retryAfter?: number | string;
  /** retry-after-ms header. */
  retryAfterMs?: number;
  /** Replaces the whole JSON body. */
  body?: string;
  headers?: Record<string, string>;
  /** Wait before answering. */
  delayMs?: number;
}

export interface StallScenario {
  stall: 'before-headers';
}

export type FakeScenario = StreamScenario | HttpErrorScenario | StallScenario;
export type ScenarioFn = (request: RecordedRequest) => FakeScenario;

export type KeyScenario =
  | HttpErrorScenario
  | StallScenario
  /** 200 with these fields merged into the default `data`. */
  | { data: Record<string, unknown> };

export interface ChatCompletionBody {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  stream?: boolean;
  usage?: { include?: boolean };
  [field: string]: unknown;
}

export type ExchangeEnd = 'completed' | 'client-hung-up' | 'server-dropped';

export interface RecordedRequest {
  /** Position in fake.requests. */
  index: number;
  method: string;
  /** e.g. /api/v1/chat/completions */
  path: string;
  headers: IncomingHttpHeaders;
  authorization: string | undefined;
  /** The Bearer token, if any. */
  apiKey: string | undefined;
  rawBody: string;
  /** Parsed JSON body (undefined when the body is not JSON). */
  body: ChatCompletionBody | undefined;
  /** Date.now() when the whole request had arrived. */
  receivedAt: number;
  /** Date.now() when the exchange ended (set once `ended` resolves). */
  endedAt: number | undefined;
  /** True once the client closed the connection before the response ended. */
  clientHungUp: boolean;
  /** Resolves once the exchange is over, saying how. Never rejects. */
  ended: Promise<ExchangeEnd>;
}

export interface FakeOpenRouterOptions {
  /** Keys accepted by /chat/completions and /key. Default: any non-empty Bearer token. */
  validKeys?: string[];
  /** Scenario used when the queue is empty. Default: a short successful stream. */
  defaultScenario?: FakeScenario | ScenarioFn;
}

class FakeHold implements Hold {
  isReached = false;
  isReleased = false;
  readonly reached: Promise<void>;
  readonly released: Promise<void>;
  private markReached!: () => void;
  private markReleased!: () => void;

  constructor() {
    this.reached = new Promise((resolve) => (this.markReached = resolve));
    this.released = new Promise((resolve) => (this.markReleased = resolve));
  }

  arrive(): void {
    this.isReached = true;
    this.markReached();
  }

  release(): void {
    this.isReleased = true;
    this.markReleased();
  }
}

/** Per-exchange state the scenario runner checks between steps. */
interface Exchange {
  record: RecordedRequest;
  req: IncomingMessage;
  res: ServerResponse;
  over: boolean;
  /** Resolves when the exchange is over for any reason; lets waits end at once. */
  overSignal: Promise<void>;
  finish(how: ExchangeEnd): void;
}

type Action = { write: Buffer } | { waitMs: number } | { hold: FakeHold };

const DEFAULT_ERROR_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'User not found.',
  402: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
  403: 'Your chosen model requires moderation and your input was flagged',
  404: 'Not Found',
  408: 'Request timed out',
  429: 'Rate limit exceeded: free-models-per-min',
  500: 'Internal Server Error',
  502: 'Provider returned error',
  503: 'No available model provider that meets your routing requirements',
};

export class FakeOpenRouter {
  /** Every request, in arrival order (completions and /key alike). */
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Array<FakeScenario | ScenarioFn> = [];
  private readonly keyQueue: KeyScenario[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly requestWaiters: Array<() => void> = [];
  private validKeys: string[] | undefined;
  private defaultScenario: FakeScenario | ScenarioFn;
  private generation = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    options: FakeOpenRouterOptions,
  ) {
    this.validKeys = options.validKeys;
    this.defaultScenario = options.defaultScenario ?? {};
  }

  static async start(options: FakeOpenRouterOptions = {}): Promise<FakeOpenRouter> {
    let fake: FakeOpenRouter | undefined;
    const server = createServer((req, res) => {
      // A bug in a scenario must not crash the test run: drop that exchange instead.
      fake?.handle(req, res).catch(() => req.socket.destroy());
    });
    server.on('connection', (socket) => {
      // Every write goes out as its own TCP segment, so split chunks really arrive split.
      socket.setNoDelay(true);
      fake?.sockets.add(socket);
      socket.on('close', () => fake?.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake = new FakeOpenRouter(server, (server.address() as AddressInfo).port, options);
    return fake;
  }

  /** Base URL to use as OPENROUTER_BASE_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/v1`;
  }

  /** The POST /chat/completions requests only. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  /** Scenarios enqueued and not yet used. */
  get queued(): number {
    return this.queue.length;
  }

  /** Scripts the next POST /chat/completions requests, in order. */
  enqueue(...scenarios: Array<FakeScenario | ScenarioFn>): void {
    this.queue.push(...scenarios);
  }

  /** Scripts the next GET /key answers, in order. */
  enqueueKeyResponse(...scenarios: KeyScenario[]): void {
    this.keyQueue.push(...scenarios);
  }

  setDefaultScenario(scenario: FakeScenario | ScenarioFn): void {
    this.defaultScenario = scenario;
  }

  /** undefined: accept any non-empty Bearer token. */
  setValidKeys(keys: string[] | undefined): void {
    this.validKeys = keys;
  }

  /** A pause point to put in a scenario's `chunks` (or `beforeHeaders`). */
  hold(): Hold {
    return new FakeHold();
  }

  /** Forgets requests and queued scenarios; restores the default scenario and key policy. */
  reset(options: FakeOpenRouterOptions = {}): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.keyQueue.length = 0;
    this.validKeys = options.validKeys;
    this.defaultScenario = options.defaultScenario ?? {};
  }

  /** Resolves with requests[index] once it has fully arrived. */
  async waitForRequest(index: number, timeoutMs = 5000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length <= index) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `FakeOpenRouter: request #${index} did not arrive within ${timeoutMs} ms (${this.requests.length} so far)`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.requestWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.requests[index];
  }

  /**
   * Resolves with the time (Date.now()) the client closed request #index's connection before its
   * response ended; rejects if the exchange ended another way or nothing happened in time.
   */
  async waitForClientHangup(index: number, timeoutMs = 5000): Promise<number> {
    const started = Date.now();
    const record = await this.waitForRequest(index, timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, timeoutMs - (Date.now() - started)));
    });
    const how = await Promise.race([record.ended, timeout]);
    clearTimeout(timer);
    if (how !== 'client-hung-up') {
      throw new Error(`FakeOpenRouter: request #${index} ended as "${how}", not by the client hanging up`);
    }
    return record.endedAt ?? Date.now();
  }

  /** Ends every open exchange (stalls and holds included) and stops listening. */
  async close(): Promise<void> {
    this.generation++;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const authorization = req.headers.authorization;
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    let body: ChatCompletionBody | undefined;
    try {
      const parsed: unknown = rawBody ? JSON.parse(rawBody) : undefined;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as ChatCompletionBody;
    } catch {
      body = undefined;
    }

    let finish!: (how: ExchangeEnd) => void;
    const record: RecordedRequest = {
      index: this.requests.length,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      headers: req.headers,
      authorization,
      apiKey: bearer,
      rawBody,
      body,
      receivedAt: Date.now(),
      endedAt: undefined,
      clientHungUp: false,
      ended: new Promise<ExchangeEnd>((resolve) => (finish = resolve)),
    };
    let markOver!: () => void;
    const ex: Exchange = {
      record,
      req,
      res,
      over: false,
      overSignal: new Promise<void>((resolve) => (markOver = resolve)),
      finish: (how) => {
        if (ex.over) return;
        ex.over = true;
        record.endedAt = Date.now();
        record.clientHungUp = how === 'client-hung-up';
        markOver();
        finish(how);
      },
    };
    let serverDropped = false;
    res.on('finish', () => ex.finish('completed'));
    res.on('close', () =>
      ex.finish(serverDropped ? 'server-dropped' : res.writableEnded ? 'completed' : 'client-hung-up'),
    );
    const drop = (): void => {
      serverDropped = true;
      req.socket.destroy();
    };

    this.requests.push(record);
    for (const wake of this.requestWaiters.splice(0)) wake();

    const keyOk =
      bearer !== undefined && bearer !== '' && (this.validKeys === undefined || this.validKeys.includes(bearer));
    if (record.path.endsWith('/chat/completions') && record.method === 'POST') {
      if (!keyOk) return sendError(res, { status: 401, message: bearer ? undefined : 'No auth credentials found' });
      const next = this.queue.shift() ?? this.defaultScenario;
      const scenario = typeof next === 'function' ? next(record) : next;
      return this.runCompletion(ex, scenario, drop);
    }
    if (record.path.endsWith('/key') && record.method === 'GET') {
      const scripted = this.keyQueue.shift();
      if (scripted && 'stall' in scripted) return;
      if (scripted && 'status' in scripted) return this.runHttpError(ex, scripted);
      if (!keyOk) return sendError(res, { status: 401, message: bearer ? undefined : 'No auth credentials found' });
      return sendJson(res, 200, { data: { ...keyData(bearer), ...(scripted?.data ?? {}) } });
    }
    sendError(res, { status: 404, message: `No route for ${record.method} ${record.path}` });
  }

  private async runCompletion(ex: Exchange, scenario: FakeScenario, drop: () => void): Promise<void> {
    if ('stall' in scenario) return;
    if ('status' in scenario) return this.runHttpError(ex, scenario);
    // As OpenAI-style APIs do, only an explicit `stream: true` streams.
    if (ex.record.body?.stream !== true) return this.runJsonCompletion(ex, scenario, drop);
    return this.runStream(ex, scenario, drop);
  }

  private async runHttpError(ex: Exchange, scenario: HttpErrorScenario): Promise<void> {
    if (scenario.delayMs) await this.pause(ex, { waitMs: scenario.delayMs });
    if (!ex.over) sendError(ex.res, scenario);
  }

  private async runStream(ex: Exchange, s: StreamScenario, drop: () => void): Promise<void> {
    const generation = this.generation;
    if (s.beforeHeaders) await this.pause(ex, s.beforeHeaders);
    if (ex.over || generation !== this.generation) return;
    ex.res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      ...s.headers,
    });
    ex.res.flushHeaders();

    const chunk = chunkFactory(ex.record, s.model);
    const events: Action[] = [];
    const writeText = (text: string | Uint8Array): void => {
      events.push({ write: Buffer.from(text) });
    };
    if (s.processingComment !== false) writeText(': OPENROUTER PROCESSING\n\n');
    let completionChunks = 0;
    let text = '';
    for (const step of s.chunks ?? DEFAULT_REPLY_CHUNKS) {
      if (typeof step === 'string') {
        completionChunks++;
        text += step;
        writeText(sse(chunk({ delta: { role: 'assistant', content: step }, finish_reason: null })));
      } else if (step instanceof FakeHold) events.push({ hold: step });
      else if ('waitMs' in step) events.push({ waitMs: step.waitMs });
      else if ('comment' in step) writeText(`: ${step.comment}\n\n`);
      else if ('raw' in step) writeText(step.raw);
    }
    const end = s.end ?? 'done';
    if (end === 'done') {
      const finishReason = s.finishReason ?? 'stop';
      writeText(sse(chunk({ delta: { role: 'assistant', content: '' }, finish_reason: finishReason })));
      if (s.usage !== false)
        writeText(sse(chunk(null, { usage: usageFor(ex.record, completionChunks, text, s.usage) })));
      writeText('data: [DONE]\n\n');
    } else if (end === 'error') {
      const error = { code: s.error?.code ?? 502, message: s.error?.message ?? DEFAULT_ERROR_MESSAGES[502] };
      writeText(sse(chunk({ delta: { content: '' }, finish_reason: 'error' }, { error })));
    }

    const actions = s.writeBytes ? recut(events, s.writeBytes) : events;
    let first = true;
    let flushed = Promise.resolve();
    for (const action of actions) {
      if (ex.over || generation !== this.generation) return;
      if ('write' in action) {
        if (!first && s.delayMs) await this.pause(ex, { waitMs: s.delayMs });
        if (ex.over) return;
        flushed = new Promise((resolve) => ex.res.write(action.write, () => resolve()));
        first = false;
      } else await this.pause(ex, 'hold' in action ? action.hold : action);
    }
    if (ex.over) return;
    // What was written reaches the client before the socket goes, as with a real dropped connection.
    if (end === 'drop') await flushed;
    if (end === 'drop') drop();
    else if (end !== 'stall') ex.res.end();
  }

  /** Not streaming: the same script, answered as one JSON completion once it has played out. */
  private async runJsonCompletion(ex: Exchange, s: StreamScenario, drop: () => void): Promise<void> {
    if (s.beforeHeaders) await this.pause(ex, s.beforeHeaders);
    let text = '';
    for (const step of s.chunks ?? DEFAULT_REPLY_CHUNKS) {
      if (ex.over) return;
      if (typeof step === 'string') text += step;
      else if (step instanceof FakeHold || 'waitMs' in step) await this.pause(ex, step);
    }
    if (ex.over) return;
    const end = s.end ?? 'done';
    if (end === 'drop') return drop();
    if (end === 'stall') return;
    if (end === 'error') {
      const code = typeof s.error?.code === 'number' && s.error.code >= 400 ? s.error.code : 502;
      return sendError(ex.res, { status: code, message: s.error?.message });
    }
    const make = chunkFactory(ex.record, s.model);
    const base = make(null);
    sendJson(ex.res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: end === 'eof' ? null : (s.finishReason ?? 'stop'),
          native_finish_reason: end === 'eof' ? null : (s.finishReason ?? 'stop'),
          message: { role: 'assistant', content: text, refusal: null, reasoning: null },
        },
      ],
      ...(s.usage !== false ? { usage: usageFor(ex.record, text.length > 0 ? 1 : 0, text, s.usage) } : {}),
    });
  }

  /** Waits for a hold or a delay, ending early if the exchange or the fake is closed. */
  private async pause(ex: Exchange, what: Hold | { waitMs: number }): Promise<void> {
    if (what instanceof FakeHold) {
      what.arrive();
      await Promise.race([what.released, ex.overSignal]);
      return;
    }
    const ms = 'waitMs' in what ? what.waitMs : 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), ex.overSignal]);
    clearTimeout(timer);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendError(res: ServerResponse, s: HttpErrorScenario): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...s.headers };
  if (s.retryAfter !== undefined) headers['retry-after'] = String(s.retryAfter);
  if (s.retryAfterMs !== undefined) headers['retry-after-ms'] = String(s.retryAfterMs);
  if (s.body !== undefined) {
    res.writeHead(s.status, { 'content-type': 'application/json', ...headers });
    res.end(s.body);
    return;
  }
  const message = s.message ?? DEFAULT_ERROR_MESSAGES[s.status] ?? `Error ${s.status}`;
  sendJson(res, s.status, { error: { code: s.status, message } }, headers);
}

function sse(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

let generationCounter = 0;

/** Builds chat.completion.chunk objects sharing one id, as OpenRouter does within a generation. */
function chunkFactory(record: RecordedRequest, model: string | undefined) {
  const id = `gen-${Date.now()}-${++generationCounter}`;
  const created = Math.floor(Date.now() / 1000);
  const modelId = model ?? record.body?.model ?? DEFAULT_MODEL;
  return (choice: Record<string, unknown> | null, extra: Record<string, unknown> = {}) => ({
    id,
    provider: 'FakeProvider',
    model: modelId,
    object: 'chat.completion.chunk',
    created,
    choices: choice
      ? [{ index: 0, ...choice, native_finish_reason: choice.finish_reason ?? null, logprobs: null }]
      : [],
    ...extra,
  });
}

function usageFor(
  record: RecordedRequest,
  chunks: number,
  text: string,
  given: StreamScenario['usage'] | undefined,
): { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost: number } {
  const promptChars = (record.body?.messages ?? []).reduce((n, m) => n + String(m.content ?? '').length, 0);
  const prompt = given ? (given.promptTokens ?? Math.ceil(promptChars / 4)) : Math.ceil(promptChars / 4);
  const completion = given
    ? (given.completionTokens ?? Math.max(chunks, Math.ceil(text.length / 4)))
    : Math.max(chunks, Math.ceil(text.length / 4));
  const cost = given && given.cost !== undefined ? given.cost : Number(((prompt + completion) * 1e-6).toFixed(8));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, cost };
}

function keyData(key: string | undefined): Record<string, unknown> {
  const k = key ?? '';
  return {
    label: k.length > 15 ? `${k.slice(0, 12)}...${k.slice(-3)}` : 'fake-key',
    limit: null,
    limit_remaining: null,
    limit_reset: null,
    usage: 0,
    usage_daily: 0,
    is_free_tier: false,
    is_provisioning_key: false,
  };
}

/** Concatenates the writes between pauses and cuts them into pieces of at most `size` bytes. */
function recut(actions: Action[], size: number): Action[] {
  const out: Action[] = [];
  let pending: Buffer[] = [];
  const flush = (): void => {
    const all = Buffer.concat(pending);
    for (let i = 0; i < all.length; i += size) out.push({ write: all.subarray(i, i + size) });
    pending = [];
  };
  for (const action of actions) {
    if ('write' in action) pending.push(action.write);
    else {
      flush();
      out.push(action);
    }
  }
  flush();
  return out;
}
