/**
 * FakeAnthropic: a real HTTP server on 127.0.0.1 (random port) speaking enough of Anthropic's
 * Messages API, written from its public reference (docs.anthropic.com: Messages, Streaming
 * Messages, Errors, Models), and checked against @anthropic-ai/sdk (test/anthropic-stand-in.e2e-spec.ts).
 *
 *   const fake = await FakeAnthropic.start({ validKeys: ['sk-ant-good'] });
 *   loadConfig({ ANTHROPIC_BASE_URL: fake.url, ... })           // fake.url = http://127.0.0.1:PORT
 *   fake.enqueue({ steps: [{ thinking: 'Hmm' }, 'Hel', 'lo'] });  // next POST /v1/messages
 *   fake.enqueue({ status: 529 });                              // overloaded_error before the stream
 *   fake.enqueue({ steps: ['a'], end: 'error' });               // mid-stream `event: error` (overloaded_error)
 *   end: 'done' (message_delta + message_stop) | 'error' | 'drop' | 'stall' | 'eof'
 *   steps may also be { raw } (exact bytes), { waitMs } or a Hold (fake.hold()).
 *
 * POST /v1/messages checks what the API checks first: x-api-key or Bearer (401 authentication_error),
 * anthropic-version (400), and a body with model, max_tokens and messages (400 invalid_request_error).
 * GET /v1/models lists fake.models (`{data, has_more, first_id, last_id}`).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeHold } from './openrouter-playback';
import type { Hold, RecordedRequest } from './openrouter-scenarios';
import { readBody, sendJson } from './openrouter-wire';

export type AnthropicStep = string | { thinking: string } | { raw: string } | { waitMs: number } | Hold;

export interface AnthropicStreamScenario {
  steps?: AnthropicStep[];
  end?: 'done' | 'error' | 'drop' | 'stall' | 'eof';
  stopReason?: string;
  /** The mid-stream error for end 'error'. Default overloaded_error. */
  error?: { type: string; message: string };
  usage?: { input_tokens: number; output_tokens: number };
}

export interface AnthropicErrorScenario {
  status: number;
  type?: string;
  message?: string;
  retryAfter?: number;
}

export type AnthropicScenario = AnthropicStreamScenario | AnthropicErrorScenario | { stall: 'before-headers' };

export const ANTHROPIC_DEFAULT_STEPS: readonly string[] = ['Hello', ' from', ' the fake', ' Anthropic.'];

export const ANTHROPIC_DEFAULT_MODELS = [
  // Made-up ids: the SDK warns about real ones it knows to be deprecated.
  { type: 'model', id: 'claude-fake-large', display_name: 'Claude Fake Large', created_at: '2025-09-29T00:00:00Z' },
  { type: 'model', id: 'claude-fake-small', display_name: 'Claude Fake Small', created_at: '2025-10-15T00:00:00Z' },
];

/** Error types by status, as the API reference lists them. */
const ERROR_TYPES: Partial<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  models: Array<Record<string, unknown>> = [...ANTHROPIC_DEFAULT_MODELS];
  private readonly queue: AnthropicScenario[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private validKeys: string[] | undefined,
  ) {}

  static async start(options: { validKeys?: string[] } = {}): Promise<FakeAnthropic> {
    // eslint-disable-next-line prefer-const
    let fake: FakeAnthropic | undefined;
    const server = createServer((req, res) => {
      fake?.handle(req, res).catch(() => req.socket.destroy());
    });
    server.on('connection', (socket) => {
      socket.setNoDelay(true);
      fake?.sockets.add(socket);
      socket.on('close', () => fake?.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake = new FakeAnthropic(server, (server.address() as AddressInfo).port, options.validKeys);
    return fake;
  }

  /** Base URL to use as ANTHROPIC_BASE_URL (the API's paths start with /v1). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/messages');
  }

  enqueue(...scenarios: AnthropicScenario[]): void {
    this.queue.push(...scenarios);
  }

  hold(): Hold {
    return new FakeHold();
  }

  reset(options: { validKeys?: string[] } = {}): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.validKeys = options.validKeys;
    this.models = [...ANTHROPIC_DEFAULT_MODELS];
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = rawBody ? JSON.parse(rawBody) : undefined;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    // The API takes x-api-key (what Hearth sends under 2023-06-01) or, as newer SDKs send it, a Bearer token.
    const key = req.headers['x-api-key'];
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const apiKey = typeof key === 'string' ? key : bearer;
    let finish!: (how: 'completed' | 'client-hung-up' | 'server-dropped') => void;
    const record: RecordedRequest = {
      index: this.requests.length,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      headers: req.headers,
      authorization: req.headers.authorization,
      apiKey,
      rawBody,
      body,
      receivedAt: Date.now(),
      endedAt: undefined,
      clientHungUp: false,
      ended: new Promise((resolve) => (finish = resolve)),
    };
    res.on('close', () => {
      record.endedAt = Date.now();
      record.clientHungUp = !res.writableEnded;
      finish(res.writableEnded ? 'completed' : 'client-hung-up');
    });
    this.requests.push(record);

    if (!apiKey || (this.validKeys && !this.validKeys.includes(apiKey))) {
      sendAnthropicError(res, { status: 401, message: 'invalid x-api-key' });
      return;
    }
    if (record.method === 'GET' && record.path === '/v1/models') {
      const data = this.models;
      sendJson(res, 200, {
        data,
        has_more: false,
        first_id: data[0]?.id ?? null,
        last_id: data[data.length - 1]?.id ?? null,
      });
      return;
    }
    if (record.method !== 'POST' || record.path !== '/v1/messages') {
      sendAnthropicError(res, { status: 404, message: `No route for ${record.method} ${record.path}` });
      return;
    }
    if (req.headers['anthropic-version'] === undefined) {
      sendAnthropicError(res, { status: 400, message: 'anthropic-version: header is required' });
      return;
    }
    const problem = requestProblem(body);
    if (problem) {
      sendAnthropicError(res, { status: 400, message: problem });
      return;
    }
    const scenario = this.queue.shift() ?? {};
    if ('stall' in scenario) return;
    if ('status' in scenario) {
      sendAnthropicError(res, scenario);
      return;
    }
    await this.stream(req, res, body ?? {}, scenario);
  }

  private async stream(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
    s: AnthropicStreamScenario,
  ): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const over = (): boolean => res.destroyed || res.writableEnded;
    const send = (event: string, data: unknown): void => {
      if (!over()) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const usage = s.usage ?? { input_tokens: 12, output_tokens: 1 };
    send('message_start', {
      type: 'message_start',
      message: {
        id: `msg_fake_${Date.now()}`,
        type: 'message',
        role: 'assistant',
        content: [],
        model: body.model,
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
      },
    });
    send('ping', { type: 'ping' });
    let index = -1;
    let open: 'text' | 'thinking' | undefined;
    const block = (kind: 'text' | 'thinking'): void => {
      if (open === kind) return;
      if (open) send('content_block_stop', { type: 'content_block_stop', index });
      index++;
      open = kind;
      const content_block = kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '' };
      send('content_block_start', { type: 'content_block_start', index, content_block });
    };
    for (const step of s.steps ?? ANTHROPIC_DEFAULT_STEPS) {
      if (over()) return;
      if (typeof step === 'string') {
        block('text');
        send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: step } });
      } else if (step instanceof FakeHold) {
        step.arrive();
        await Promise.race([step.released, new Promise((resolve) => res.once('close', resolve))]);
      } else if ('waitMs' in step) await new Promise((resolve) => setTimeout(resolve, step.waitMs));
      else if ('raw' in step) res.write(step.raw);
      else if ('thinking' in step) {
        block('thinking');
        const delta = { type: 'thinking_delta', thinking: step.thinking };
        send('content_block_delta', { type: 'content_block_delta', index, delta });
      }
    }
    const end = s.end ?? 'done';
    if (end === 'error') {
      send('error', { type: 'error', error: s.error ?? { type: 'overloaded_error', message: 'Overloaded' } });
      res.end();
    } else if (end === 'drop') {
      // What was written reaches the client before the socket goes, as with a real dropped connection.
      await new Promise<void>((resolve) => res.write('', () => resolve()));
      req.socket.destroy();
    } else if (end === 'eof') res.end();
    else if (end === 'done') {
      if (open) send('content_block_stop', { type: 'content_block_stop', index });
      const delta = { stop_reason: s.stopReason ?? 'end_turn', stop_sequence: null };
      send('message_delta', { type: 'message_delta', delta, usage: { output_tokens: usage.output_tokens } });
      send('message_stop', { type: 'message_stop' });
      res.end();
    }
  }
}

/** What the Messages API refuses in a body before streaming anything. */
function requestProblem(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return 'The request body is not valid JSON.';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  const messages = body.messages as Array<{ role?: unknown }>;
  if (messages.some((m) => m.role !== 'user' && m.role !== 'assistant')) {
    return 'messages: Unexpected role. Allowed roles are "user" or "assistant"';
  }
  if (messages[0]?.role !== 'user') return 'messages: first message must use the "user" role';
  for (let i = 1; i < messages.length; i++) {
    if (messages[i].role === messages[i - 1].role)
      return 'messages: roles must alternate between "user" and "assistant"';
  }
  if (typeof body.temperature === 'number' && (body.temperature < 0 || body.temperature > 1)) {
    return 'temperature: Input should be less than or equal to 1';
  }
  return undefined;
}

export function sendAnthropicError(res: ServerResponse, s: AnthropicErrorScenario): void {
  const type = s.type ?? ERROR_TYPES[s.status] ?? 'api_error';
  const headers: Record<string, string> = { 'request-id': 'req_fake' };
  if (s.retryAfter !== undefined) headers['retry-after'] = String(s.retryAfter);
  sendJson(res, s.status, { type: 'error', error: { type, message: s.message ?? type } }, headers);
}
