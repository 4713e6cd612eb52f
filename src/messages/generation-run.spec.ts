import { Logger } from '@nestjs/common';
import type { GenerationRecord } from '../analytics/generations.repository';
import { InMemoryStreamHub } from '../streaming/in-memory-stream-hub';
import type { CancelReason } from '../streaming/stream-event';
import { MessageDto } from './dto/message.dto';
import { GenerationRun, GenerationRunTimeouts } from './generation-run';
import { recordFrames, ScriptedProvider, until } from './generation-fakes';
import type { ReplyMeta } from './reply-target';

const SESSION = 7;
const STREAM = '3f1c2d4e-0000-4000-8000-000000000001';
const USER_MESSAGE = Object.assign(new MessageDto(), {
  id: 1,
  chatSessionId: SESSION,
  role: 'user',
  content: 'Hello',
  createdAt: '2026-01-01T00:00:00.000Z',
});
const REQUEST = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }], apiKey: 'k' };
const NO_TIMEOUTS: GenerationRunTimeouts = { streamTimeoutMs: 60_000, noClientTimeoutMs: 60_000 };

/** A run as GenerationService starts one: lock taken, the sender's connection registered first. */
async function setup(timeouts = NO_TIMEOUTS, save?: (content: string) => Promise<{ id: number }>, keepPartial = false) {
  const hub = new InMemoryStreamHub();
  const provider = new ScriptedProvider();
  const saved: string[] = [];
  const metas: ReplyMeta[] = [];
  const analytics: GenerationRecord[] = [];
  const logger = new Logger('GenerationRunSpec');
  jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  jest.spyOn(logger, 'log').mockImplementation(() => undefined);
  expect(await hub.acquire(SESSION, STREAM)).toBe(true);
  const connection = await hub.connect(SESSION, { mode: 'generation' });
  const sut = new GenerationRun(
    SESSION,
    STREAM,
    REQUEST,
    {
      target: {
        kind: 'send',
        messageId: null,
        save: async (content, meta) => {
          saved.push(content);
          metas.push(meta);
          return { messageId: save ? (await save(content)).id : 42, variantIndex: 0 };
        },
      },
      userMessage: USER_MESSAGE,
      keepPartial,
    },
    {
      hub,
      provider,
      recordAnalytics: (row) => {
        analytics.push(row);
        return Promise.resolve();
      },
      logger,
    },
    timeouts,
  );
  const frames = recordFrames(connection.frames);
  const executed = sut.execute();
  return { sut, hub, provider, saved, metas, analytics, logger, connection, frames, executed };
}

describe(GenerationRun.name, () => {
  it('start, content, done: saves the reply once, records analytics, then releases the lock', async () => {
    const { sut, hub, provider, saved, analytics, frames, executed } = await setup();
    provider.push(
      { type: 'text-delta', text: 'Hi ' },
      { type: 'usage', promptTokens: 12, completionTokens: 2, cost: 0.001 },
      { type: 'text-delta', text: 'there' },
      { type: 'finish', finishReason: 'stop' },
    );
    await executed;
    await frames.ended;

    expect(frames.events).toEqual([
      { type: 'start', streamId: STREAM, kind: 'send', userMessage: USER_MESSAGE, messageId: null },
      { type: 'content', data: 'Hi ' },
      { type: 'content', data: 'there' },
      {
        type: 'done',
        messageId: 42,
        variantIndex: 0,
        usage: { promptTokens: 12, completionTokens: 2, cost: 0.001 },
      },
    ]);
    expect(provider.requests).toEqual([REQUEST]);
    expect(saved).toEqual(['Hi there']);
    expect(analytics).toEqual([
      expect.objectContaining({
        streamId: STREAM,
        chatSessionId: SESSION,
        model: REQUEST.model,
        outcome: 'done',
        cancelReason: null,
        errorCode: null,
        partialLength: 8,
        promptTokens: 12,
        completionTokens: 2,
        cost: 0.001,
        assistantMessageId: 42,
        variantIndex: 0,
      }),
    ]);
    expect(analytics[0].timeToFirstTokenMs).toEqual(expect.any(Number));
    expect(sut.state).toBe('ended');
    expect((await hub.status(SESSION)).isStreaming).toBe(false);
    expect(provider.open).toBe(0);
  });

  it('relays reasoning as reasoning events and saves it beside the reply; reasoning after the reply began is dropped', async () => {
    const { provider, saved, metas, frames, executed } = await setup();
    provider.push(
      { type: 'reasoning-delta', text: 'Hmm.' },
      { type: 'reasoning-delta', text: '' },
      { type: 'text-delta', text: 'Hi' },
      { type: 'reasoning-delta', text: 'late' },
      { type: 'finish', finishReason: 'stop' },
    );
    await executed;
    await frames.ended;
    expect(frames.events.slice(1)).toEqual([
      { type: 'reasoning', data: 'Hmm.' },
      { type: 'content', data: 'Hi' },
      { type: 'done', messageId: 42, variantIndex: 0 },
    ]);
    expect(saved).toEqual(['Hi']);
    expect(metas.map((m) => m.reasoning)).toEqual(['Hmm.']);
  });

  it('a provider error ends with that error event: nothing saved, the lock released', async () => {
    const { hub, provider, saved, analytics, frames, executed } = await setup();
    provider.push(
      { type: 'text-delta', text: 'Half' },
      { type: 'error', code: 'rate_limited', message: 'Slow down', isRetryable: true },
    );
    await executed;
    await frames.ended;

    expect(frames.events.map((e) => e.type)).toEqual(['start', 'content', 'error']);
    expect(frames.events.at(-1)).toEqual({ type: 'error', code: 'rate_limited', error: 'Slow down' });
    expect(saved).toEqual([]);
    expect(analytics).toEqual([
      expect.objectContaining({
        outcome: 'error',
        errorCode: 'rate_limited',
        partialLength: 4,
        assistantMessageId: null,
        variantIndex: null,
      }),
    ]);
    expect((await hub.status(SESSION)).isStreaming).toBe(false);
  });

  it('a reply with no text is an upstream_error, and nothing is saved', async () => {
    const { provider, saved, analytics, frames, executed } = await setup();
    provider.push({ type: 'text-delta', text: '' }, { type: 'finish', finishReason: 'stop' });
    await executed;
    await frames.ended;
    expect(frames.events.map((e) => e.type)).toEqual(['start', 'error']);
    expect(frames.events.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error' });
    expect(saved).toEqual([]);
    expect(analytics.map((a) => [a.outcome, a.errorCode, a.timeToFirstTokenMs])).toEqual([
      ['error', 'upstream_error', null],
    ]);
  });

  it.each<CancelReason>(['user_cancelled', 'timeout', 'no_clients', 'server_shutdown'])(
    'cancel(%s) while streaming ends cancelled: the provider call stopped, nothing saved, the lock released',
    async (reason) => {
      const { sut, hub, provider, saved, analytics, frames, executed } = await setup();
      provider.push({ type: 'text-delta', text: 'Once upon' });
      await until(() => frames.events.length === 2);

      expect(await sut.cancel(reason)).toBe(true);
      await executed;
      await frames.ended;

      expect(frames.events.at(-1)).toEqual({ type: 'cancelled', reason });
      expect(saved).toEqual([]);
      expect(analytics).toEqual([
        expect.objectContaining({ outcome: 'cancelled', cancelReason: reason, partialLength: 9, errorCode: null }),
      ]);
      expect((await hub.status(SESSION)).isStreaming).toBe(false);
      expect(provider.open).toBe(0);
      expect(await sut.cancel(reason)).toBe(false);
    },
  );

  describe('with keepPartialOnCancel', () => {
    it.each<CancelReason>(['user_cancelled', 'timeout', 'no_clients', 'server_shutdown'])(
      'cancel(%s) after some text saves it once as partial and names it in the cancelled event',
      async (reason) => {
        const { sut, provider, saved, metas, analytics, frames, executed } = await setup(NO_TIMEOUTS, undefined, true);
        provider.push({ type: 'text-delta', text: 'Once upon' });
        await until(() => frames.events.length === 2);

        expect(await sut.cancel(reason)).toBe(true);
        await executed;
        await frames.ended;

        expect(saved).toEqual(['Once upon']);
        expect(metas).toEqual([{ partial: true, model: REQUEST.model, reasoning: null, usage: null }]);
        expect(frames.events.at(-1)).toEqual({ type: 'cancelled', reason, messageId: 42, variantIndex: 0 });
        expect(analytics.map((a) => [a.outcome, a.assistantMessageId, a.variantIndex])).toEqual([['cancelled', 42, 0]]);
        expect(await sut.cancel(reason)).toBe(false);
      },
    );

    it('a cancel before any text saves nothing', async () => {
      const { sut, saved, frames, executed } = await setup(NO_TIMEOUTS, undefined, true);
      await until(() => frames.events.length === 1);

      expect(await sut.cancel('user_cancelled')).toBe(true);
      await executed;
      await frames.ended;

      expect(saved).toEqual([]);
      expect(frames.events.at(-1)).toEqual({ type: 'cancelled', reason: 'user_cancelled' });
    });

    it('a provider error after some text keeps that text, with the usage reported so far', async () => {
      const { provider, saved, metas, frames, executed } = await setup(NO_TIMEOUTS, undefined, true);
      provider.push(
        { type: 'text-delta', text: 'Half' },
        { type: 'usage', completionTokens: 1 },
        { type: 'error', code: 'upstream_error', message: 'Dropped', isRetryable: false },
      );
      await executed;
      await frames.ended;

      expect(saved).toEqual(['Half']);
      expect(metas[0]).toMatchObject({ partial: true, usage: { completionTokens: 1 } });
      expect(frames.events.at(-1)).toEqual({
        type: 'error',
        code: 'upstream_error',
        error: 'Dropped',
        messageId: 42,
        variantIndex: 0,
      });
    });

    it('a partial save that fails still ends the run, without naming a message', async () => {
      const { sut, provider, logger, frames, executed } = await setup(
        NO_TIMEOUTS,
        () => Promise.reject(new Error('disk full')),
        true,
      );
      provider.push({ type: 'text-delta', text: 'Lost' });
      await until(() => frames.events.length === 2);

      expect(await sut.cancel('user_cancelled')).toBe(true);
      await executed;
      await frames.ended;

      expect(frames.events.at(-1)).toEqual({ type: 'cancelled', reason: 'user_cancelled' });
      expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('disk full'));
    });
  });

  it('cancels itself with timeout after STREAM_TIMEOUT_MS', async () => {
    const { provider, saved, analytics, frames, executed } = await setup({
      streamTimeoutMs: 5,
      noClientTimeoutMs: 60_000,
    });
    provider.push({ type: 'text-delta', text: 'slow' });
    await executed;
    await frames.ended;
    expect(frames.events.at(-1)).toEqual({ type: 'cancelled', reason: 'timeout' });
    expect(saved).toEqual([]);
    expect(analytics.map((a) => a.cancelReason)).toEqual(['timeout']);
  });

  it('cancels itself with no_clients once no connection is left for NO_CLIENT_TIMEOUT_MS', async () => {
    const { hub, connection, saved, analytics, executed } = await setup({
      streamTimeoutMs: 60_000,
      noClientTimeoutMs: 5,
    });
    connection.close();
    await executed;
    expect(saved).toEqual([]);
    expect(analytics.map((a) => [a.outcome, a.cancelReason])).toEqual([['cancelled', 'no_clients']]);
    expect((await hub.status(SESSION)).isStreaming).toBe(false);
  });

  it('a cancel once the reply is being saved is too late: the run ends done', async () => {
    let finishSave!: (saved: { id: number }) => void;
    const { sut, provider, frames, executed } = await setup(
      NO_TIMEOUTS,
      () => new Promise((resolve) => (finishSave = resolve)),
    );
    provider.push({ type: 'text-delta', text: 'Done' }, { type: 'finish', finishReason: 'stop' });
    await until(() => sut.state === 'saving');

    expect(await sut.cancel('user_cancelled')).toBe(false);
    finishSave({ id: 9 });
    await executed;
    await frames.ended;
    expect(frames.events.at(-1)).toEqual({ type: 'done', messageId: 9, variantIndex: 0 });
  });

  it('a reply that cannot be saved ends with an internal error and releases the lock', async () => {
    const { hub, provider, analytics, logger, frames, executed } = await setup(NO_TIMEOUTS, () =>
      Promise.reject(new Error('disk full')),
    );
    provider.push({ type: 'text-delta', text: 'Lost' }, { type: 'finish', finishReason: 'stop' });
    await executed;
    await frames.ended;
    expect(frames.events.at(-1)).toEqual({
      type: 'error',
      code: 'internal',
      error: 'The reply could not be saved; the session is free to send again',
    });
    expect(analytics.map((a) => [a.outcome, a.errorCode, a.assistantMessageId])).toEqual([['error', 'internal', null]]);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('disk full'));
    expect((await hub.status(SESSION)).isStreaming).toBe(false);
  });

  it('fail() ends a streaming run with the failure the hub reported; a second end is refused', async () => {
    const { sut, provider, saved, analytics, frames, executed } = await setup();
    const failure = { type: 'error' as const, code: 'internal' as const, error: 'Live state lost' };
    expect(await sut.fail(failure)).toBe(true);
    await executed;
    await frames.ended;
    expect(frames.events.at(-1)).toEqual(failure);
    expect(await sut.cancel('user_cancelled')).toBe(false);
    expect(saved).toEqual([]);
    expect(analytics).toHaveLength(1);
    expect(provider.open).toBe(0);
  });
});
