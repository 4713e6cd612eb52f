import { expect } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../src/config/app-config';
import { GenerationRequest, ProviderEvent } from '../src/provider/llm-provider';
import { ProviderRouter } from '../src/provider/provider-router';
import { AnthropicScenario, FakeAnthropic } from '../stand-ins/anthropic';
import { FakeOpenRouter, FakeScenario } from './support/fake-openrouter';

const OR_KEY = 'sk-or-v1-' + 'a'.repeat(64);
const OPENAI_KEY = 'sk-proj-openai-key-000000000001';
const ANTHROPIC_KEY = 'sk-ant-api03-anthropic-key-0001';

type ErrorPart = Extract<ProviderEvent, { type: 'error' }>;

async function collect(parts: AsyncIterable<ProviderEvent>): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

const textOf = (parts: ProviderEvent[], type: 'text-delta' | 'reasoning-delta' = 'text-delta'): string =>
  parts.map((p) => (p.type === type ? p.text : '')).join('');

function terminal(parts: ProviderEvent[]): Extract<ProviderEvent, { type: 'finish' | 'error' }> {
  const ends = parts.filter((p) => p.type === 'finish' || p.type === 'error');
  expect(ends).toHaveLength(1);
  expect(parts.at(-1)).toBe(ends[0]);
  return ends[0];
}

function errorOf(parts: ProviderEvent[]): ErrorPart {
  const end = terminal(parts);
  if (end.type !== 'error') throw new Error(`expected an error, got ${JSON.stringify(end)}`);
  return end;
}

describe('provider dialects behind the router, against the stand-ins', () => {
  let openrouter: FakeOpenRouter;
  let openai: FakeOpenRouter;
  let local: FakeOpenRouter;
  let anthropic: FakeAnthropic;
  let sut: ProviderRouter;

  const run = (request: Partial<GenerationRequest> & { provider: string }): Promise<ProviderEvent[]> =>
    collect(
      sut.stream(
        { model: 'm', messages: [{ role: 'user', content: 'Hi' }], apiKey: '', ...request },
        new AbortController().signal,
      ),
    );

  beforeAll(async () => {
    Logger.overrideLogger(false);
    [openrouter, openai, local, anthropic] = await Promise.all([
      FakeOpenRouter.start(),
      FakeOpenRouter.start(),
      FakeOpenRouter.start({ keyless: true }),
      FakeAnthropic.start({ validKeys: [ANTHROPIC_KEY] }),
    ]);
    sut = new ProviderRouter(
      loadConfig({
        OPENROUTER_BASE_URL: openrouter.url,
        OPENAI_BASE_URL: openai.url,
        ANTHROPIC_BASE_URL: anthropic.url,
        OPENAI_COMPATIBLE_ENDPOINTS: `local=${local.url}`,
        UPSTREAM_IDLE_TIMEOUT_MS: '800',
        UPSTREAM_MAX_RETRIES: '1',
      }),
    );
  });
  afterEach(() => {
    openrouter.reset();
    openai.reset();
    local.reset();
    anthropic.reset({ validKeys: [ANTHROPIC_KEY] });
  });
  afterAll(async () => {
    sut.onApplicationShutdown();
    await Promise.all([openrouter.close(), openai.close(), local.close(), anthropic.close()]);
  });

  describe('OpenAI chat-completions dialect', () => {
    it('sends OpenAI its own parameter names, stream_options and the Bearer key; streams reasoning apart', async () => {
      openai.enqueue({
        chunks: [{ reasoning: 'ponder' }, 'Hel', 'lo'],
        usage: { promptTokens: 4, completionTokens: 2 },
      });

      const parts = await run({
        provider: 'openai',
        apiKey: OPENAI_KEY,
        parameters: { temperature: 0.5, topK: 3, maxTokens: 99, reasoning: { effort: 'low' } },
      });

      expect(textOf(parts)).toBe('Hello');
      expect(textOf(parts, 'reasoning-delta')).toBe('ponder');
      expect(parts).toContainEqual(expect.objectContaining({ type: 'usage', promptTokens: 4, completionTokens: 2 }));
      expect(terminal(parts)).toEqual({ type: 'finish', finishReason: 'stop' });
      const [req] = openai.chatRequests;
      expect(req.authorization).toBe(`Bearer ${OPENAI_KEY}`);
      expect(req.body).toEqual({
        model: 'm',
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.5,
        max_completion_tokens: 99,
        reasoning_effort: 'low',
        stream: true,
        stream_options: { include_usage: true },
      });
    });

    it('calls a keyless OpenAI-compatible endpoint without any Authorization header', async () => {
      const parts = await run({ provider: 'local', parameters: { minP: 0.1, maxTokens: 5 } });

      expect(terminal(parts).type).toBe('finish');
      const [req] = local.chatRequests;
      expect(req.authorization).toBeUndefined();
      expect(req.body).toMatchObject({ min_p: 0.1, max_tokens: 5 });
    });

    it.each([
      [401, 'upstream_auth', 1],
      [429, 'rate_limited', 2],
      [500, 'upstream_error', 2],
    ] as const)(
      'HTTP %i from OpenAI before the stream: %s after %i call(s), naming OpenAI',
      async (status, code, calls) => {
        openai.enqueue({ status, retryAfter: 0 }, { status, retryAfter: 0 });

        const error = errorOf(await run({ provider: 'openai', apiKey: OPENAI_KEY }));

        expect(error).toMatchObject({ code, status, message: expect.stringContaining('OpenAI') });
        expect(error.message).not.toContain(OPENAI_KEY);
        expect(openai.chatRequests).toHaveLength(calls);
      },
    );

    it.each<[string, FakeScenario, string]>([
      ['error chunk', { chunks: ['a'], end: 'error' }, 'upstream_error'],
      ['drop', { chunks: ['a'], end: 'drop' }, 'upstream_error'],
      ['stall', { chunks: ['a'], end: 'stall' }, 'timeout'],
      ['garbage line', { chunks: ['a', { raw: 'data: <html>oops</html>\n\n' }, 'b'] }, 'upstream_error'],
    ])(
      'a mid-stream %s from OpenAI ends the reply with an error after the text so far',
      async (_what, scenario, code) => {
        openai.enqueue(scenario);

        const parts = await run({ provider: 'openai', apiKey: OPENAI_KEY });

        expect(textOf(parts)).toBe('a');
        expect(errorOf(parts).code).toBe(code);
        expect(openai.chatRequests).toHaveLength(1);
      },
    );

    it("maps OpenRouter's reasoning object and leaves excluded reasoning out of the parts", async () => {
      openrouter.enqueue({ chunks: [{ reasoning: 'hidden' }, 'ok'] });

      const parts = await run({
        apiKey: OR_KEY,
        provider: 'openrouter',
        parameters: { reasoning: { maxTokens: 500, exclude: true } },
      });

      expect(textOf(parts, 'reasoning-delta')).toBe('');
      expect(openrouter.chatRequests[0].body).toMatchObject({
        reasoning: { max_tokens: 500, exclude: true },
        usage: { include: true },
      });
    });
  });

  describe('Anthropic Messages dialect', () => {
    it('sends the 2023-06-01 body and headers and reads thinking, text, usage and the stop reason', async () => {
      anthropic.enqueue({
        steps: [{ thinking: 'Let me think.' }, 'Hel', 'lo'],
        usage: { input_tokens: 20, output_tokens: 6 },
      });

      const parts = await run({
        provider: 'anthropic',
        apiKey: ANTHROPIC_KEY,
        messages: [
          { role: 'system', content: 'Be a bard.' },
          { role: 'assistant', content: 'Greetings!' },
          { role: 'user', content: 'Sing' },
          { role: 'system', content: 'Stay brief.' },
          { role: 'user', content: 'now' },
        ],
        parameters: { temperature: 1.8, maxTokens: 300, reasoning: { effort: 'minimal' }, stop: ['END'], seed: 3 },
      });

      expect(textOf(parts, 'reasoning-delta')).toBe('Let me think.');
      expect(textOf(parts)).toBe('Hello');
      expect(parts).toContainEqual({ type: 'usage', promptTokens: 20, completionTokens: 6 });
      expect(terminal(parts)).toEqual({ type: 'finish', finishReason: 'end_turn' });
      const [req] = anthropic.messageRequests;
      expect(req.headers['x-api-key']).toBe(ANTHROPIC_KEY);
      expect(req.headers['anthropic-version']).toBe('2023-06-01');
      expect(req.headers.authorization).toBeUndefined();
      expect(req.body).toEqual({
        model: 'm',
        system: 'Be a bard.\n\nStay brief.',
        messages: [
          { role: 'user', content: '[Start a new chat]' },
          { role: 'assistant', content: 'Greetings!' },
          { role: 'user', content: 'Sing\n\nnow' },
        ],
        max_tokens: 1024 + 300,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        stop_sequences: ['END'],
        stream: true,
      });
    });

    it('clamps temperature to 1 without thinking (the stand-in refuses more, as Anthropic does)', async () => {
      const parts = await run({ provider: 'anthropic', apiKey: ANTHROPIC_KEY, parameters: { temperature: 2 } });

      expect(terminal(parts).type).toBe('finish');
      expect(anthropic.messageRequests[0].body).toMatchObject({ temperature: 1, max_tokens: 4096 });
    });

    it.each([
      [401, 'upstream_auth', 1],
      [429, 'rate_limited', 2],
      [529, 'upstream_error', 2],
      [500, 'upstream_error', 2],
    ] as const)('HTTP %i before the stream: %s after %i call(s)', async (status, code, calls) => {
      anthropic.enqueue({ status, retryAfter: 0 }, { status, retryAfter: 0 });

      const error = errorOf(await run({ provider: 'anthropic', apiKey: ANTHROPIC_KEY }));

      expect(error).toMatchObject({ code, status });
      expect(error.message).toContain('Anthropic');
      expect(anthropic.messageRequests).toHaveLength(calls);
    });

    it('ends with upstream_error at a mid-stream overloaded_error after text, without retrying', async () => {
      anthropic.enqueue({ steps: ['partial'], end: 'error' });

      const parts = await run({ provider: 'anthropic', apiKey: ANTHROPIC_KEY });

      expect(textOf(parts)).toBe('partial');
      expect(errorOf(parts)).toMatchObject({ code: 'upstream_error', message: expect.stringContaining('overloaded') });
      expect(anthropic.messageRequests).toHaveLength(1);
    });

    it.each<[string, AnthropicScenario, string]>([
      ['drop', { steps: ['a'], end: 'drop' }, 'upstream_error'],
      ['eof without message_stop', { steps: ['a'], end: 'eof' }, 'upstream_error'],
      ['stall', { steps: ['a'], end: 'stall' }, 'timeout'],
      ['garbage', { steps: ['a', { raw: 'event: content_block_delta\ndata: {oops\n\n' }, 'b'] }, 'upstream_error'],
    ])('a %s mid-stream ends the reply with an error after the text so far', async (_what, scenario, code) => {
      anthropic.enqueue(scenario);

      const parts = await run({ provider: 'anthropic', apiKey: ANTHROPIC_KEY });

      expect(textOf(parts)).toBe('a');
      expect(errorOf(parts).code).toBe(code);
    });
  });

  it('sends each key only to the provider the request names', async () => {
    await run({ provider: 'anthropic', apiKey: ANTHROPIC_KEY });
    await run({ provider: 'openai', apiKey: OPENAI_KEY });
    await run({ provider: 'openrouter', apiKey: OR_KEY });
    await run({ provider: 'local' });

    const seen = (fake: FakeOpenRouter | FakeAnthropic): string =>
      fake.requests.map((r) => JSON.stringify(r.headers) + r.rawBody).join('\n');
    expect(seen(anthropic)).toContain(ANTHROPIC_KEY);
    for (const [fake, own] of [
      [anthropic, ANTHROPIC_KEY],
      [openai, OPENAI_KEY],
      [openrouter, OR_KEY],
      [local, undefined],
    ] as const) {
      for (const key of [ANTHROPIC_KEY, OPENAI_KEY, OR_KEY].filter((k) => k !== own))
        expect(seen(fake)).not.toContain(key);
    }
  });

  it('answers a provider no configuration defines with one upstream_error part', async () => {
    expect(errorOf(await run({ provider: 'gone' })).message).toContain('No provider "gone"');
  });
});
