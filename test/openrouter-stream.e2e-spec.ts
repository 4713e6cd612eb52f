import { expect } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/app-config';
import { GenerationRequest, ProviderEvent } from '../src/provider/llm-provider';
import { OpenRouterProvider } from '../src/provider/openrouter.provider';
import { FakeOpenRouter } from './support/fake-openrouter';

/** How OpenRouterProvider reads the stream over node:http: the parts of it that provider.e2e-spec leaves out. */

const REQUEST: GenerationRequest = {
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user', content: 'Sing.' }],
  apiKey: 'sk-or-v1-stream-test',
};

function textOf(parts: ProviderEvent[]): string {
  return parts.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe(`${OpenRouterProvider.name} reading the stream`, () => {
  let fake: FakeOpenRouter;
  const providers: OpenRouterProvider[] = [];

  function providerWith(env: Record<string, string> = {}, baseUrl = fake.url): OpenRouterProvider {
    const provider = new OpenRouterProvider(
      loadConfig({ OPENROUTER_BASE_URL: baseUrl, UPSTREAM_IDLE_TIMEOUT_MS: '2000', UPSTREAM_MAX_RETRIES: '2', ...env }),
    );
    providers.push(provider);
    return provider;
  }

  async function collect(parts: AsyncIterable<ProviderEvent>): Promise<ProviderEvent[]> {
    const out: ProviderEvent[] = [];
    for await (const part of parts) out.push(part);
    return out;
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    fake = await FakeOpenRouter.start();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fake.reset();
    for (const provider of providers.splice(0)) provider.onApplicationShutdown();
  });
  afterAll(() => fake.close());

  it('joins a character whose UTF-8 bytes arrive in two network reads', async () => {
    const event = Buffer.from(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'a🌍b' } }] })}\n\n`);
    const cut = event.indexOf(Buffer.from('🌍')) + 2; // inside the emoji's four bytes
    fake.enqueue({
      chunks: [{ raw: event.subarray(0, cut) }, { waitMs: 30 }, { raw: event.subarray(cut) }],
      usage: false,
    });

    const parts = await collect(providerWith().stream(REQUEST, new AbortController().signal));

    expect(textOf(parts)).toBe('a🌍b');
    expect(parts[parts.length - 1]).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it('pauses the response while the consumer is far behind, and does not take that for upstream silence', async () => {
    const pause = jest.spyOn(IncomingMessage.prototype, 'pause');
    const resume = jest.spyOn(IncomingMessage.prototype, 'resume');
    const burst = Array.from({ length: 200 }, (_, i) => `${i},`);
    const hold = fake.hold();
    fake.enqueue({ chunks: [...burst, hold, 'end'] });
    const sut = providerWith({ UPSTREAM_IDLE_TIMEOUT_MS: '200' });

    const parts: ProviderEvent[] = [];
    for await (const part of sut.stream(REQUEST, new AbortController().signal)) {
      parts.push(part);
      if (parts.length === 1) {
        // Behind by far more than the queue holds, for longer than the idle timeout.
        await hold.reached;
        await sleep(600);
        // The burst's last reads may still be on their way on a loaded machine: the queue fills, then pauses.
        for (const deadline = Date.now() + 5000; pause.mock.calls.length === 0 && Date.now() < deadline;)
          await sleep(20);
        expect(pause).toHaveBeenCalled();
        hold.release();
      }
    }

    expect(textOf(parts)).toBe(`${burst.join('')}end`);
    expect(parts[parts.length - 1]).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(resume.mock.calls.length).toBeGreaterThan(0);
  });

  it('closes the connection when the consumer stops while waiting for headers', async () => {
    fake.enqueue({ stall: 'before-headers' });
    const parts = providerWith().stream(REQUEST, new AbortController().signal)[Symbol.asyncIterator]();

    const first = parts.next();
    await fake.waitForRequest(0);
    await parts.return?.();

    await expect(first).resolves.toEqual({ value: undefined, done: true });
    await fake.waitForClientHangup(0);
  });

  it('makes no further call when the consumer stops during a retry wait', async () => {
    fake.enqueue({ status: 503, retryAfterMs: 150 });
    const parts = providerWith().stream(REQUEST, new AbortController().signal)[Symbol.asyncIterator]();

    const first = parts.next();
    await (
      await fake.waitForRequest(0)
    ).ended;
    await parts.return?.();
    await sleep(300);

    await expect(first).resolves.toEqual({ value: undefined, done: true });
    expect(fake.chatRequests).toHaveLength(1);
  });

  it('hangs up an open stream when the application shuts down', async () => {
    const hold = fake.hold();
    fake.enqueue({ chunks: ['Hel', hold, 'lo'] });
    const sut = providerWith();

    const parts: ProviderEvent[] = [];
    for await (const part of sut.stream(REQUEST, new AbortController().signal)) {
      parts.push(part);
      if (part.type === 'text-delta') sut.onApplicationShutdown();
    }

    await fake.waitForClientHangup(0);
    expect(parts).toEqual([
      { type: 'text-delta', text: 'Hel', readAt: expect.any(Number) },
      expect.objectContaining({
        type: 'error',
        message: 'The connection to OpenRouter closed before the reply was complete.',
      }),
    ]);
  });

  describe('keep-alive', () => {
    let server: Server;
    let connections = 0;
    /** What the server does after writing [DONE]: end the response at once, or a little later. */
    let endDelayMs = 0;

    beforeAll(async () => {
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(
            `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] })}\n\n`,
          );
          res.write('data: [DONE]\n\n');
          setTimeout(() => res.end(), endDelayMs);
        });
      });
      server.on('connection', (socket) => {
        connections++;
        socket.setNoDelay(true);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    beforeEach(() => {
      connections = 0;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const baseUrl = (): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

    it.each([0, 50])(
      'uses one connection for consecutive generations (response ends %i ms after [DONE])',
      async (delay) => {
        endDelayMs = delay;
        const sut = providerWith({}, baseUrl());

        for (let i = 0; i < 3; i++) {
          const parts = await collect(sut.stream(REQUEST, new AbortController().signal));
          expect(parts).toEqual([
            { type: 'text-delta', text: 'hi', readAt: expect.any(Number) },
            { type: 'finish', finishReason: 'stop' },
          ]);
          await sleep(delay + 20); // the response's end comes back, and its socket to the pool
        }

        expect(connections).toBe(1);
      },
    );
  });
});
