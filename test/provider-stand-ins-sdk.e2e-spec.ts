import { expect } from '@jest/globals';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { FakeAnthropic } from '../stand-ins/anthropic';
import { FakeOpenRouter } from './support/fake-openrouter';

/**
 * The stand-ins against the providers' official SDKs: if a stand-in drifted from the real wire
 * format (event names, chunk shapes, error bodies), the SDK would fail to read it here.
 */
describe('the stand-ins read by the official SDKs', () => {
  describe('the chat-completions stand-in with the openai SDK', () => {
    let fake: FakeOpenRouter;
    let client: OpenAI;
    beforeAll(async () => {
      fake = await FakeOpenRouter.start({ validKeys: ['sk-good-key-0001'] });
      client = new OpenAI({ apiKey: 'sk-good-key-0001', baseURL: fake.url, maxRetries: 0 });
    });
    afterEach(() => fake.reset({ validKeys: ['sk-good-key-0001'] }));
    afterAll(() => fake.close());

    it('streams chunks, reasoning and the usage chunk the SDK parses', async () => {
      fake.enqueue({
        chunks: [{ reasoning: 'Thinking…' }, 'Hel', 'lo'],
        usage: { promptTokens: 3, completionTokens: 2 },
      });

      const stream = await client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let reasoning = '';
      let finish: string | null = null;
      let usage: OpenAI.CompletionUsage | undefined | null;
      for await (const chunk of stream) {
        const choice = chunk.choices[0] as OpenAI.ChatCompletionChunk.Choice | undefined;
        text += choice?.delta.content ?? '';
        reasoning += (choice?.delta as { reasoning?: string } | undefined)?.reasoning ?? '';
        finish = choice?.finish_reason ?? finish;
        usage = chunk.usage ?? usage;
      }

      expect({ text, reasoning, finish }).toEqual({ text: 'Hello', reasoning: 'Thinking…', finish: 'stop' });
      expect(usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 2 });
    });

    it('answers errors in the shape the SDK turns into its error classes', async () => {
      fake.enqueue({ status: 429, retryAfter: 1 });

      const call = client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });

      await expect(call).rejects.toBeInstanceOf(OpenAI.RateLimitError);
      const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.url, maxRetries: 0 });
      await expect(bad.chat.completions.create({ model: 'm', messages: [] })).rejects.toBeInstanceOf(
        OpenAI.AuthenticationError,
      );
    });

    it('lists models as the SDK pages them', async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) ids.push(model.id);
      expect(ids).toEqual(fake.models.map((m) => m.id));
    });
  });

  describe('the Anthropic stand-in with @anthropic-ai/sdk', () => {
    let fake: FakeAnthropic;
    let client: Anthropic;
    beforeAll(async () => {
      fake = await FakeAnthropic.start({ validKeys: ['sk-ant-good'] });
      client = new Anthropic({ apiKey: 'sk-ant-good', baseURL: fake.url, maxRetries: 0 });
    });
    afterEach(() => fake.reset({ validKeys: ['sk-ant-good'] }));
    afterAll(() => fake.close());

    it('streams named events the SDK assembles into a message with thinking, text and usage', async () => {
      fake.enqueue({ steps: [{ thinking: 'Let me see.' }, 'Hel', 'lo'], usage: { input_tokens: 9, output_tokens: 4 } });

      const stream = client.messages.stream({
        model: 'claude-fake-large',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'hi' }],
      });
      let text = '';
      stream.on('text', (delta) => (text += delta));
      const message = await stream.finalMessage();

      expect(text).toBe('Hello');
      expect(message.content.map((b) => b.type)).toEqual(['thinking', 'text']);
      expect(message.content[0]).toMatchObject({ type: 'thinking', thinking: 'Let me see.' });
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage).toMatchObject({ input_tokens: 9, output_tokens: 4 });
      // The SDK sends its own (newer) version; Hearth pins 2023-06-01 (docs/providers/anthropic.md).
      expect(fake.messageRequests[0].headers['anthropic-version']).toEqual(expect.any(String));
    });

    it('sends a mid-stream overloaded_error the SDK raises', async () => {
      fake.enqueue({ steps: ['a'], end: 'error' });

      const stream = client.messages.stream({
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      });

      await expect(stream.finalMessage()).rejects.toThrow(/overloaded/i);
    });

    it('answers a 529 and a bad key in the error shape the SDK reads', async () => {
      fake.enqueue({ status: 529 });
      const call = client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
      await expect(call).rejects.toMatchObject({
        status: 529,
        error: { type: 'error', error: { type: 'overloaded_error' } },
      });

      const bad = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: fake.url, maxRetries: 0 });
      await expect(bad.models.list()).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    });

    it('lists models as the SDK pages them', async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) ids.push(model.id);
      expect(ids).toEqual(['claude-fake-large', 'claude-fake-small']);
    });
  });
});
