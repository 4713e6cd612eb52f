import { expect } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createServer } from 'node:net';
import { loadConfig } from '../src/config/app-config';
import { GenerationRequest, ProviderEvent, ProviderUnavailableError } from '../src/provider/llm-provider';
import { OpenRouterProvider } from '../src/provider/openrouter.provider';
import { DEFAULT_REPLY, FakeOpenRouter, FakeScenario } from './support/fake-openrouter';

const KEY = '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';
const REQUEST: GenerationRequest = {
  model: 'openai/gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a bard.' },
    { role: 'user', content: 'Sing.' },
  ],
  apiKey: KEY,
};

type ErrorPart = Extract<ProviderEvent, { type: 'error' }>;

async function collect(
  parts: AsyncIterable<ProviderEvent>,
  onPart?: (part: ProviderEvent) => void,
): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const part of parts) {
    out.push(part);
    onPart?.(part);
  }
  return out;
}

function textOf(parts: ProviderEvent[]): string {
  return parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
}

/** The one `finish` or `error` a stream must end with. */
function terminalOf(parts: ProviderEvent[]): Extract<ProviderEvent, { type: 'finish' | 'error' }> {
  const terminals = parts.filter((p) => p.type === 'finish' || p.type === 'error');
  expect(terminals).toHaveLength(1);
  expect(parts[parts.length - 1]).toBe(terminals[0]);
  return terminals[0];
}

function errorOf(parts: ProviderEvent[]): ErrorPart {
  const terminal = terminalOf(parts);
  if (terminal.type !== 'error') throw new Error(`expected an error part, got ${JSON.stringify(terminal)}`);
  return terminal;
}

describe(`${OpenRouterProvider.name} against the stand-in OpenRouter`, () => {
  let fake: FakeOpenRouter;

  function providerWith(env: Record<string, string> = {}): OpenRouterProvider {
    return new OpenRouterProvider(
      loadConfig({
        OPENROUTER_BASE_URL: fake.url,
        OPENROUTER_REFERER: 'https://hearth.example',
        OPENROUTER_TITLE: 'Hearth Test',
        UPSTREAM_IDLE_TIMEOUT_MS: '2000',
        UPSTREAM_MAX_RETRIES: '2',
        ...env,
      }),
    );
  }

  function run(sut: OpenRouterProvider, signal = new AbortController().signal): Promise<ProviderEvent[]> {
    return collect(sut.stream(REQUEST, signal));
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    fake = await FakeOpenRouter.start();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('a normal stream', () => {
    it('joins text split inside multi-byte UTF-8 characters back to the original', async () => {
      const original = 'héllo 🌍 wörld — ça va? 日本語';
      fake.enqueue({ chunks: ['hé', 'llo 🌍', ' wörld — ça va? ', '日本語'], writeBytes: 3, delayMs: 1, usage: false });

      const parts = await run(providerWith());

      expect(textOf(parts)).toBe(original);
      expect(terminalOf(parts)).toEqual({ type: 'finish', finishReason: 'stop' });
    });

    it('sends the model, messages, stream and usage flags with the key and attribution headers', async () => {
      await run(providerWith());

      const [req] = fake.requests;
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/api/v1/chat/completions');
      expect(req.body).toEqual({
        model: REQUEST.model,
        messages: REQUEST.messages,
        stream: true,
        usage: { include: true },
      });
      expect(req.authorization).toBe(`Bearer ${KEY}`);
      expect(req.headers['http-referer']).toBe('https://hearth.example');
      expect(req.headers['x-title']).toBe('Hearth Test');
      expect(req.headers['content-type']).toBe('application/json');
    });

    it('leaves HTTP-Referer out when none is configured', async () => {
      const sut = new OpenRouterProvider(loadConfig({ OPENROUTER_BASE_URL: fake.url }));

      await run(sut);

      expect(fake.requests[0].headers['http-referer']).toBeUndefined();
      expect(fake.requests[0].headers['x-title']).toBe('Hearth');
    });

    it('yields text deltas as they arrive, each with when it was read, then usage, then finish', async () => {
      fake.enqueue({ chunks: ['Hel', 'lo'], usage: { promptTokens: 11, completionTokens: 7, cost: 0.25 } });

      const before = performance.now();
      const parts = await run(providerWith());
      // On performance.now()'s clock, read during the call (the relay latency metric starts there).
      const readAt = parts.flatMap((p) => (p.type === 'text-delta' && p.readAt !== undefined ? [p.readAt] : []));
      expect(readAt).toHaveLength(2);
      expect(readAt[0]).toBeGreaterThan(before);
      expect(readAt[1]).toBeGreaterThanOrEqual(readAt[0]);
      expect(readAt[1]).toBeLessThanOrEqual(performance.now());

      expect(parts).toEqual([
        { type: 'text-delta', text: 'Hel', readAt: expect.any(Number) },
        { type: 'text-delta', text: 'lo', readAt: expect.any(Number) },
        { type: 'usage', promptTokens: 11, completionTokens: 7, cost: 0.25 },
        { type: 'finish', finishReason: 'stop' },
      ]);
    });

    it('ignores SSE comments wherever they come', async () => {
      fake.enqueue({
        chunks: [{ comment: 'OPENROUTER PROCESSING' }, 'a', { comment: 'OPENROUTER PROCESSING' }, 'b'],
        writeBytes: 5,
      });

      const parts = await run(providerWith());

      expect(textOf(parts)).toBe('ab');
      expect(terminalOf(parts).type).toBe('finish');
    });

    it('ends with upstream_error at a data line that is not JSON, never a silently shortened reply', async () => {
      fake.enqueue({ chunks: ['a', { raw: 'data: {not json\n\n' }, 'b'] });

      const parts = await run(providerWith());

      expect(textOf(parts)).toBe('a');
      expect(errorOf(parts)).toMatchObject({
        code: 'upstream_error',
        message: expect.stringContaining('not valid JSON'),
      });
      expect(fake.chatRequests).toHaveLength(1);
    });

    it('retries a garbage line that comes before any text', async () => {
      fake.enqueue({ chunks: [{ raw: 'data: <html>\n\n' }, 'late'] }, { chunks: ['fine'] });

      const parts = await run(providerWith());

      expect(textOf(parts)).toBe('fine');
      expect(fake.chatRequests).toHaveLength(2);
    });

    it('ends at [DONE] even if the connection stays open, and closes it', async () => {
      fake.enqueue({ chunks: ['a', { raw: 'data: [DONE]\n\n' }], end: 'stall' });

      const parts = await run(providerWith());

      expect(parts).toEqual([
        { type: 'text-delta', text: 'a', readAt: expect.any(Number) },
        { type: 'finish', finishReason: null },
      ]);
      await fake.waitForClientHangup(0);
    });

    it('reports the finish reason given', async () => {
      fake.enqueue({ chunks: ['a'], finishReason: 'length' });

      const parts = await run(providerWith());

      expect(terminalOf(parts)).toEqual({ type: 'finish', finishReason: 'length' });
    });

    it('treats a body that ends after a finish reason but without [DONE] as finished', async () => {
      const finishChunk = { choices: [{ index: 0, delta: { content: '' }, finish_reason: 'stop' }] };
      fake.enqueue({ chunks: ['a', { raw: `data: ${JSON.stringify(finishChunk)}\n\n` }], end: 'eof' });

      const parts = await run(providerWith());

      expect(terminalOf(parts)).toEqual({ type: 'finish', finishReason: 'stop' });
    });

    it('keeps streaming while bytes keep coming, however long the whole reply takes', async () => {
      fake.enqueue({ chunks: ['1', '2', '3', '4', '5', '6'], delayMs: 100 });

      const parts = await run(providerWith({ UPSTREAM_IDLE_TIMEOUT_MS: '300' }));

      expect(textOf(parts)).toBe('123456');
      expect(terminalOf(parts).type).toBe('finish');
    });
  });

  describe('HTTP errors before the stream', () => {
    it.each([
      [401, 'upstream_auth'],
      [403, 'upstream_auth'],
      [402, 'insufficient_credits'],
      [429, 'rate_limited'],
      [400, 'upstream_error'],
      [500, 'upstream_error'],
      [502, 'upstream_error'],
      [503, 'upstream_error'],
    ])('maps %i to %s, quoting OpenRouter', async (status, code) => {
      fake.enqueue({ status, message: `Upstream says ${status}` });

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '0' }));

      expect(parts).toHaveLength(1);
      const error = errorOf(parts);
      expect(error).toMatchObject({ code, status });
      expect(error.message).toContain(`Upstream says ${status}`);
    });

    it.each([400, 401, 402, 403])('never retries %i', async (status) => {
      fake.enqueue({ status });

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '3' }));

      expect(errorOf(parts).status).toBe(status);
      expect(fake.chatRequests).toHaveLength(1);
    });

    it('keeps Retry-After on a rate_limited error it does not retry', async () => {
      fake.enqueue({ status: 429, retryAfter: 7 });

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '0' }));

      expect(errorOf(parts)).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000, isRetryable: true });
    });

    /** A 200 whose body is JSON rather than a stream. */
    function jsonAnswer(body: string): FakeScenario {
      return {
        chunks: [{ raw: body }],
        processingComment: false,
        end: 'eof',
        headers: { 'content-type': 'application/json' },
      };
    }

    it.each([
      [500, 'upstream_error'],
      [402, 'insufficient_credits'],
    ])('maps error JSON with code %i in a 200 answer to %s', async (status, code) => {
      fake.enqueue(jsonAnswer(`{"error":{"code":${status},"message":"Internal hiccup"}}`));

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '0' }));

      expect(errorOf(parts)).toMatchObject({ code, status });
      expect(errorOf(parts).message).toContain('Internal hiccup');
    });

    it('reports a 200 answer that is neither a stream nor an error as upstream_error', async () => {
      fake.enqueue(jsonAnswer('{"unexpected":true}'));

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '0' }));

      expect(errorOf(parts)).toMatchObject({ code: 'upstream_error' });
      expect(errorOf(parts).message).toContain('not a stream (application/json)');
    });

    it('reports an unreachable OpenRouter as upstream_error', async () => {
      const closedPort = await freePort();
      const sut = new OpenRouterProvider(
        loadConfig({ OPENROUTER_BASE_URL: `http://127.0.0.1:${closedPort}/api/v1`, UPSTREAM_MAX_RETRIES: '0' }),
      );

      const parts = await collect(sut.stream(REQUEST, new AbortController().signal));

      expect(errorOf(parts)).toMatchObject({
        code: 'upstream_error',
        message: 'Could not reach OpenRouter (ECONNREFUSED).',
      });
    });
  });

  describe('retries', () => {
    it('retries 5xx with backoff, then streams the success', async () => {
      fake.enqueue({ status: 500 }, { status: 503 });

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '2' }));

      expect(parts.filter((p) => p.type === 'error')).toEqual([]);
      expect(textOf(parts)).toBe(DEFAULT_REPLY);
      const times = fake.chatRequests.map((r) => r.receivedAt);
      expect(times).toHaveLength(3);
      // 0.5 s then 1 s, each less up to 25 % jitter.
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(370);
      expect(times[2] - times[1]).toBeGreaterThanOrEqual(745);
    });

    it.each([408, 409, 429, 502])('retries %i', async (status) => {
      fake.enqueue({ status, retryAfterMs: 10 });

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '1' }));

      expect(terminalOf(parts).type).toBe('finish');
      expect(fake.chatRequests).toHaveLength(2);
    });

    it('gives up after UPSTREAM_MAX_RETRIES retries with the last error', async () => {
      fake.enqueue(
        { status: 500, retryAfterMs: 5 },
        { status: 502, retryAfterMs: 5 },
        { status: 503, retryAfterMs: 5, message: 'Last one' },
      );

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '2' }));

      expect(parts).toHaveLength(1);
      expect(errorOf(parts)).toMatchObject({ code: 'upstream_error', status: 503 });
      expect(errorOf(parts).message).toContain('Last one');
      expect(fake.chatRequests).toHaveLength(3);
    });

    it('waits Retry-After given in seconds', async () => {
      fake.enqueue({ status: 429, retryAfter: 1 });

      await run(providerWith());

      const [first, second] = fake.chatRequests;
      expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(990);
    });

    it('waits retry-after-ms instead of the backoff', async () => {
      fake.enqueue({ status: 503, retryAfterMs: 40 });

      await run(providerWith());

      const [first, second] = fake.chatRequests;
      const gap = second.receivedAt - first.receivedAt;
      expect(gap).toBeGreaterThanOrEqual(39);
      expect(gap).toBeLessThan(350); // the backoff would have been at least 375 ms
    });

    it('does not wait out a Retry-After over 60 s: the error says when to try again', async () => {
      fake.enqueue({ status: 429, retryAfter: 120 });

      const parts = await run(providerWith());

      expect(errorOf(parts)).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
      expect(errorOf(parts).message).toContain('120 s');
      expect(fake.chatRequests).toHaveLength(1);
    });

    it('retries a connection dropped before any text', async () => {
      fake.enqueue({ chunks: [], end: 'drop' }, { chunks: ['ok'] });

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '1' }));

      expect(textOf(parts)).toBe('ok');
      expect(fake.chatRequests).toHaveLength(2);
    });

    it('retries a mid-stream error chunk that came before any text', async () => {
      fake.enqueue({ chunks: [], end: 'error' }, { chunks: ['ok'] });

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '1' }));

      expect(textOf(parts)).toBe('ok');
      expect(fake.chatRequests).toHaveLength(2);
    });

    it('retries a call that got no headers within the idle timeout', async () => {
      fake.enqueue({ stall: 'before-headers' }, { chunks: ['ok'] });

      const parts = await run(providerWith({ UPSTREAM_IDLE_TIMEOUT_MS: '200', UPSTREAM_MAX_RETRIES: '1' }));

      expect(textOf(parts)).toBe('ok');
      await fake.waitForClientHangup(0);
    });

    it('never retries once text has been yielded', async () => {
      fake.enqueue({ chunks: ['partial'], end: 'drop' }, { chunks: ['would repeat'] });

      const parts = await run(providerWith({ UPSTREAM_MAX_RETRIES: '3' }));

      expect(textOf(parts)).toBe('partial');
      expect(errorOf(parts).code).toBe('upstream_error');
      expect(fake.chatRequests).toHaveLength(1);
    });
  });

  describe('failures during the stream', () => {
    it('ends with upstream_error on a mid-stream error chunk, keeping the text before it', async () => {
      fake.enqueue({ chunks: ['Once upon'], end: 'error', error: { code: 502, message: 'Provider disconnected' } });

      const parts = await run(providerWith());

      expect(textOf(parts)).toBe('Once upon');
      expect(errorOf(parts)).toMatchObject({ code: 'upstream_error', status: 502 });
      expect(errorOf(parts).message).toContain('Provider disconnected');
      expect(fake.chatRequests).toHaveLength(1);
    });

    it('ends with upstream_error when the socket is destroyed mid-stream', async () => {
      fake.enqueue({ chunks: ['Once', ' upon'], end: 'drop', delayMs: 5 });

      const parts = await run(providerWith());

      expect(textOf(parts)).toBe('Once upon');
      expect(errorOf(parts)).toMatchObject({
        code: 'upstream_error',
        message: 'The connection to OpenRouter closed before the reply was complete.',
      });
    });

    it('ends with upstream_error when the body ends without a finish reason or [DONE]', async () => {
      fake.enqueue({ chunks: ['Once'], end: 'eof' });

      const parts = await run(providerWith());

      expect(textOf(parts)).toBe('Once');
      expect(errorOf(parts).code).toBe('upstream_error');
    });

    it('times out when bytes stop coming, and hangs up', async () => {
      fake.enqueue({ chunks: ['Once'], end: 'stall' });
      const started = Date.now();

      const parts = await run(providerWith({ UPSTREAM_IDLE_TIMEOUT_MS: '250' }));

      expect(textOf(parts)).toBe('Once');
      expect(errorOf(parts)).toMatchObject({ code: 'timeout' });
      expect(errorOf(parts).message).toContain('250 ms');
      expect(Date.now() - started).toBeLessThan(2000);
      await fake.waitForClientHangup(0);
      expect(fake.chatRequests).toHaveLength(1);
    });

    it('times out without retrying when OpenRouter sent headers and then nothing', async () => {
      fake.enqueue({ chunks: [], end: 'stall' });

      const parts = await run(providerWith({ UPSTREAM_IDLE_TIMEOUT_MS: '200', UPSTREAM_MAX_RETRIES: '2' }));

      expect(errorOf(parts).code).toBe('timeout');
      expect(fake.chatRequests).toHaveLength(1);
    });

    it('times out when no headers ever come, after its retries', async () => {
      fake.enqueue({ stall: 'before-headers' }, { stall: 'before-headers' });

      const parts = await run(providerWith({ UPSTREAM_IDLE_TIMEOUT_MS: '150', UPSTREAM_MAX_RETRIES: '1' }));

      expect(errorOf(parts).code).toBe('timeout');
      expect(fake.chatRequests).toHaveLength(2);
      await fake.waitForClientHangup(1);
    });
  });

  describe('cancellation', () => {
    it('closes the upstream connection when the signal aborts mid-stream, and just ends', async () => {
      const hold = fake.hold();
      fake.enqueue({ chunks: ['Hel', hold, 'lo'] });
      const controller = new AbortController();

      const parts = await collect(providerWith().stream(REQUEST, controller.signal), (part) => {
        if (part.type === 'text-delta') controller.abort();
      });

      expect(parts).toEqual([{ type: 'text-delta', text: 'Hel', readAt: expect.any(Number) }]);
      await fake.waitForClientHangup(0);
      expect(hold.isReleased).toBe(false);
    });

    it('closes the connection when aborted while waiting for headers', async () => {
      fake.enqueue({ stall: 'before-headers' });
      const controller = new AbortController();

      const pending = collect(providerWith().stream(REQUEST, controller.signal));
      await fake.waitForRequest(0);
      controller.abort();

      expect(await pending).toEqual([]);
      await fake.waitForClientHangup(0);
    });

    it('closes the connection when the consumer stops iterating', async () => {
      fake.enqueue({ chunks: ['Hel', fake.hold(), 'lo'] });

      for await (const part of providerWith().stream(REQUEST, new AbortController().signal)) {
        if (part.type === 'text-delta') break;
      }

      await fake.waitForClientHangup(0);
    });

    it('ends a retry wait at once when aborted', async () => {
      fake.enqueue({ status: 429, retryAfter: 30 });
      const controller = new AbortController();

      const pending = collect(providerWith().stream(REQUEST, controller.signal));
      await (
        await fake.waitForRequest(0)
      ).ended;
      await new Promise((resolve) => setTimeout(resolve, 50));
      const abortedAt = Date.now();
      controller.abort();
      const parts = await pending;

      expect(Date.now() - abortedAt).toBeLessThan(200); // not the 30 s Retry-After
      expect(parts).toEqual([]);
      expect(fake.chatRequests).toHaveLength(1);
    });

    it('makes no call when the signal has already aborted', async () => {
      const parts = await collect(providerWith().stream(REQUEST, AbortSignal.abort()));

      expect(parts).toEqual([]);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('the API key', () => {
    it('appears in no error message, even when OpenRouter echoes it', async () => {
      const outcomes: ProviderEvent[][] = [];
      const sut = providerWith({ UPSTREAM_MAX_RETRIES: '0', UPSTREAM_IDLE_TIMEOUT_MS: '200' });
      const scenarios = [
        { status: 401, message: `Invalid key ${KEY}` },
        { status: 402, message: `Key ${KEY} has no credits` },
        { status: 403, body: `{"error":{"message":"Authorization: Bearer ${KEY}"}}` },
        { status: 429, message: `slow down ${KEY}` },
        { status: 500, body: `upstream said ${KEY}` },
        { chunks: ['x'], end: 'error' as const, error: { code: 502, message: `bad ${KEY}` } },
        { chunks: ['x'], end: 'drop' as const },
        { chunks: ['x'], end: 'stall' as const },
      ];
      for (const scenario of scenarios) {
        fake.enqueue(scenario);
        outcomes.push(await run(sut));
      }

      const messages = outcomes.map((parts) => errorOf(parts).message);
      expect(messages).toHaveLength(scenarios.length);
      for (const message of messages) {
        expect(message).not.toContain(KEY);
        expect(message).not.toContain(KEY.slice(10, 30));
        expect(message).not.toMatch(/\n\s+at /); // no stack
      }
      expect(messages[0]).toContain('[redacted]');
    });
  });

  describe('verifyApiKey', () => {
    it('says a valid key is valid, with its label and remaining limit', async () => {
      fake.setValidKeys([KEY]);
      fake.enqueueKeyResponse({ data: { label: 'My key', limit_remaining: 12.5 } });

      const result = await providerWith().verifyApiKey(KEY);

      expect(result).toEqual({ valid: true, label: 'My key', limitRemaining: 12.5 });
      expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/key', authorization: `Bearer ${KEY}` });
    });

    it('keeps a null limit (unlimited key) as null', async () => {
      const result = await providerWith().verifyApiKey(KEY);

      expect(result).toEqual({ valid: true, label: expect.any(String), limitRemaining: null });
    });

    it('says a rejected key is invalid, without repeating it', async () => {
      fake.setValidKeys(['sk-or-v1-someone-else']);

      const result = await providerWith().verifyApiKey(KEY);

      expect(result).toEqual({ valid: false, reason: expect.stringContaining('401') });
      expect(JSON.stringify(result)).not.toContain(KEY);
    });

    it('says a 403 key is invalid', async () => {
      fake.enqueueKeyResponse({ status: 403, message: `Key ${KEY} disabled` });

      const result = await providerWith().verifyApiKey(KEY);

      expect(result).toEqual({ valid: false, reason: expect.stringContaining('disabled') });
      expect(JSON.stringify(result)).not.toContain(KEY);
    });

    it.each([500, 503, 429])('throws ProviderUnavailableError on %i', async (status) => {
      fake.enqueueKeyResponse({ status });

      const error = await providerWith()
        .verifyApiKey(KEY)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error).toMatchObject({ status });
    });

    it('throws ProviderUnavailableError when OpenRouter is unreachable', async () => {
      const port = await freePort();
      const sut = new OpenRouterProvider(loadConfig({ OPENROUTER_BASE_URL: `http://127.0.0.1:${port}/api/v1` }));

      await expect(sut.verifyApiKey(KEY)).rejects.toThrow(
        new ProviderUnavailableError('OpenRouter could not be reached (ECONNREFUSED); the key was not checked.'),
      );
    });

    it('throws ProviderUnavailableError when OpenRouter does not answer in time', async () => {
      fake.enqueueKeyResponse({ stall: 'before-headers' });

      await expect(providerWith({ UPSTREAM_IDLE_TIMEOUT_MS: '150' }).verifyApiKey(KEY)).rejects.toBeInstanceOf(
        ProviderUnavailableError,
      );
      await fake.waitForClientHangup(0);
    });

    it('stops and hangs up when its signal aborts', async () => {
      fake.enqueueKeyResponse({ stall: 'before-headers' });
      const controller = new AbortController();

      const pending = providerWith().verifyApiKey(KEY, controller.signal);
      await fake.waitForRequest(0);
      controller.abort();

      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      await fake.waitForClientHangup(0);
    });
  });
});

/** A loopback port with nothing listening on it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
