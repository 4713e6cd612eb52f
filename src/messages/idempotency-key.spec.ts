import { GenerationDomainError } from './messages.errors';
import { endedFromOutcome, parseIdempotencyKey, replayFrames, sendStart } from './idempotency-key';
import type { RecordedOutcome } from './idempotency.repository';
import type { MessageDto } from './dto/message.dto';

const STREAM = '0b8f7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b';
const USER: MessageDto = {
  id: 7,
  chatSessionId: 3,
  role: 'user',
  content: 'hi',
  createdAt: '2026-01-01T00:00:00.000Z',
  variantIndex: 0,
  variantCount: 1,
  partial: false,
  model: null,
  reasoning: null,
  usage: null,
};
const START = sendStart(STREAM, USER);
const outcome = (o: Partial<RecordedOutcome>): RecordedOutcome => ({
  kind: 'send',
  partialLength: 0,
  outcome: 'done',
  errorCode: null,
  cancelReason: null,
  assistantMessageId: null,
  assistantContent: null,
  assistantVariantIndex: null,
  assistantReasoning: null,
  ...o,
});

describe('parseIdempotencyKey', () => {
  it('takes an absent header as no key and a key of 1 to 255 characters as is', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('k'.repeat(255))).toBe('k'.repeat(255));
    expect(parseIdempotencyKey(['first', 'second'])).toBe('first');
  });

  it('refuses an empty key and one over 255 characters, saying which', () => {
    expect(() => parseIdempotencyKey('')).toThrow(GenerationDomainError);
    expect(() => parseIdempotencyKey('')).toThrow(/must not be empty/);
    expect(() => parseIdempotencyKey('k'.repeat(256))).toThrow(/256 characters long; it may have at most 255/);
  });
});

describe('endedFromOutcome', () => {
  it('turns each recorded outcome into its terminal event', () => {
    expect(endedFromOutcome(outcome({ assistantMessageId: 9, assistantContent: 'Hello' }))).toEqual({
      terminal: { type: 'done', messageId: 9, variantIndex: 0 },
      text: 'Hello',
    });
    expect(endedFromOutcome(outcome({ outcome: 'error', errorCode: 'rate_limited' }))?.terminal).toMatchObject({
      type: 'error',
      code: 'rate_limited',
    });
    expect(endedFromOutcome(outcome({ outcome: 'cancelled', cancelReason: 'timeout' }))).toEqual({
      terminal: { type: 'cancelled', reason: 'timeout' },
      text: '',
    });
  });

  it('replays what a continue streamed (the end of the message), and a kept partial reply with its message', () => {
    const continued = outcome({
      kind: 'continue',
      partialLength: 7,
      assistantMessageId: 9,
      assistantContent: 'Once upon a time',
    });
    expect(endedFromOutcome(continued)?.text).toBe(' a time');
    const kept = outcome({
      outcome: 'cancelled',
      cancelReason: 'user_cancelled',
      assistantMessageId: 9,
      assistantVariantIndex: 2,
      assistantContent: 'Half',
    });
    expect(endedFromOutcome(kept)).toEqual({
      terminal: { type: 'cancelled', reason: 'user_cancelled', messageId: 9, variantIndex: 2 },
      text: 'Half',
    });
  });

  it('replays a saved reasoning before the text, with offsets counting both, and resumes inside either', () => {
    const ended = { terminal: { type: 'done' as const, messageId: 9, variantIndex: 0 }, text: 'Hi', reasoning: 'Hmm' };
    const all = replayFrames(START, ended, undefined);
    expect(all.map((f) => [f.event.type, f.offset])).toEqual([
      ['start', 0],
      ['reasoning', 3],
      ['content', 5],
      ['done', 5],
    ]);
    const inReasoning = replayFrames(START, ended, { streamId: STREAM, offset: 1 });
    expect(inReasoning.map((f) => f.event)).toEqual([
      { type: 'reasoning', data: 'mm' },
      { type: 'content', data: 'Hi' },
      ended.terminal,
    ]);
    const inText = replayFrames(START, ended, { streamId: STREAM, offset: 4 });
    expect(inText.map((f) => f.event)).toEqual([{ type: 'content', data: 'i' }, ended.terminal]);
  });

  it('gives null for a row that lacks what its outcome needs', () => {
    expect(endedFromOutcome(outcome({}))).toBeNull();
    expect(endedFromOutcome(outcome({ outcome: 'error' }))).toBeNull();
    expect(endedFromOutcome(outcome({ outcome: 'cancelled' }))).toBeNull();
  });
});

describe('replayFrames', () => {
  const done = { terminal: { type: 'done' as const, messageId: 9, variantIndex: 0 }, text: 'Hello' };

  it('replays start, the whole text as one content, and the terminal, with offsets as sent', () => {
    const frames = replayFrames(START, done, undefined);
    expect(frames.map((f) => [f.event.type, f.offset])).toEqual([
      ['start', 0],
      ['content', 5],
      ['done', 5],
    ]);
    expect(frames[0].wire).toBe(
      `id: ${STREAM}:0\ndata: ${JSON.stringify({ type: 'start', streamId: STREAM, kind: 'send', userMessage: USER, messageId: null })}\n\n`,
    );
  });

  it('sends only what follows a Last-Event-ID of the same generation', () => {
    const frames = replayFrames(START, done, { streamId: STREAM, offset: 2 });
    expect(frames.map((f) => f.event)).toEqual([{ type: 'content', data: 'llo' }, done.terminal]);
    expect(replayFrames(START, done, { streamId: STREAM, offset: 5 }).map((f) => f.event.type)).toEqual(['done']);
  });

  it('replays everything for a Last-Event-ID of another generation or past the text', () => {
    const other = replayFrames(START, done, { streamId: 'another', offset: 1 });
    const past = replayFrames(START, done, { streamId: STREAM, offset: 6 });
    for (const frames of [other, past]) expect(frames.map((f) => f.event.type)).toEqual(['start', 'content', 'done']);
  });

  it('replays a failure as start then the terminal, with no content', () => {
    const ended = { terminal: { type: 'cancelled' as const, reason: 'user_cancelled' as const }, text: '' };
    expect(replayFrames(START, ended, undefined).map((f) => [f.event.type, f.offset])).toEqual([
      ['start', 0],
      ['cancelled', 0],
    ]);
  });
});
