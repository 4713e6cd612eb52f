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
 * GET /models: `{"object":"list","data":fake.models}` (DEFAULT_MODELS); fake.modelsFailure scripts an error or a stall.
 * GET /key: 200 {"data":{"label":...,"limit_remaining":...}} for a valid key, 401 otherwise;
 *   fake.enqueueKeyResponse({ status: 500 }) / ({ stall: 'before-headers' }) scripts the next one.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Exchange, FakeHold, runCompletion, runHttpError } from './openrouter-playback';
import {
  ChatCompletionBody,
  DEFAULT_MODELS,
  ExchangeEnd,
  FakeModel,
  FakeOpenRouterOptions,
  FakeScenario,
  Hold,
  HttpErrorScenario,
  KeyScenario,
  RecordedRequest,
  StallScenario,
  ScenarioFn,
} from './openrouter-scenarios';
import { keyData, readBody, sendError, sendJson } from './openrouter-wire';

export * from './openrouter-scenarios';

export class FakeOpenRouter {
  /** Every request, in arrival order (completions and /key alike). */
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Array<FakeScenario | ScenarioFn> = [];
  private readonly keyQueue: KeyScenario[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly requestWaiters: Array<() => void> = [];
  private validKeys: string[] | undefined;
  private readonly keyless: boolean;
  /** GET /models answers with these. */
  models: FakeModel[] = [...DEFAULT_MODELS];
  /** GET /models answers with this error while set (a list that cannot be had). */
  modelsFailure: HttpErrorScenario | StallScenario | undefined;
  private defaultScenario: FakeScenario | ScenarioFn;
  private generation = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    options: FakeOpenRouterOptions,
  ) {
    this.validKeys = options.validKeys;
    this.keyless = options.keyless ?? false;
    this.defaultScenario = options.defaultScenario ?? {};
  }

  static async start(options: FakeOpenRouterOptions = {}): Promise<FakeOpenRouter> {
    // Assigned once listening; a handler running before that finds it undefined.
    // eslint-disable-next-line prefer-const
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
    this.models = [...DEFAULT_MODELS];
    this.modelsFailure = undefined;
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
    let over = false;
    const generation = this.generation;
    const ex: Exchange = {
      record,
      req,
      res,
      isOver: () => over,
      overSignal: new Promise<void>((resolve) => (markOver = resolve)),
      finish: (how) => {
        if (over) return;
        over = true;
        record.endedAt = Date.now();
        record.clientHungUp = how === 'client-hung-up';
        markOver();
        finish(how);
      },
      stale: () => generation !== this.generation,
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
      (this.keyless && bearer === undefined) ||
      (bearer !== undefined && bearer !== '' && (this.validKeys === undefined || this.validKeys.includes(bearer)));
    if (record.path.endsWith('/chat/completions') && record.method === 'POST') {
      if (!keyOk) {
        sendError(res, { status: 401, message: bearer ? undefined : 'No auth credentials found' });
        return;
      }
      const next = this.queue.shift() ?? this.defaultScenario;
      const scenario = typeof next === 'function' ? next(record) : next;
      return runCompletion(ex, scenario, drop);
    }
    if (record.path.endsWith('/key') && record.method === 'GET') {
      const scripted = this.keyQueue.shift();
      if (scripted && 'stall' in scripted) return;
      if (scripted && 'status' in scripted) return runHttpError(ex, scripted);
      if (!keyOk) {
        sendError(res, { status: 401, message: bearer ? undefined : 'No auth credentials found' });
        return;
      }
      sendJson(res, 200, { data: { ...keyData(bearer), ...(scripted?.data ?? {}) } });
      return;
    }
    if (record.path.endsWith('/models') && record.method === 'GET') {
      // OpenRouter's list is public; OpenAI's needs a key. A key given must be a valid one.
      if (this.modelsFailure && 'stall' in this.modelsFailure) return;
      if (this.modelsFailure) return runHttpError(ex, this.modelsFailure);
      if (bearer !== undefined && !keyOk) {
        sendError(res, { status: 401 });
        return;
      }
      sendJson(res, 200, { object: 'list', data: this.models });
      return;
    }
    sendError(res, { status: 404, message: `No route for ${record.method} ${record.path}` });
  }
}
