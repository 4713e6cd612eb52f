import type {
  CancelReason,
  GenerationErrorCode,
  StartEvent,
  StreamFrame,
  TerminalEvent,
} from '../streaming/stream-event';
import { toFrame } from '../streaming/sse-framing';
import type { RecordedOutcome } from './idempotency.repository';
import type { MessageDto } from './dto/message.dto';
import { GenerationDomainError, GenerationRefusalCode } from './messages.errors';

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** The `Idempotency-Key` header: absent is undefined; present, it must be 1..255 characters. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  if (raw.length === 0) {
    throw new GenerationDomainError(
      GenerationRefusalCode.BadIdempotencyKey,
      'Idempotency-Key must not be empty: send a fresh string (a UUID) per message',
    );
  }
  if (raw.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw new GenerationDomainError(
      GenerationRefusalCode.BadIdempotencyKey,
      `Idempotency-Key is ${raw.length} characters long; it may have at most ${IDEMPOTENCY_KEY_MAX_LENGTH}`,
    );
  }
  return raw;
}

/** What the `error` event of a replayed failure says: the original text is not stored, its code is. */
export function replayedErrorText(code: GenerationErrorCode): string {
  return `The first request with this Idempotency-Key failed (${code}); send the message again with a new key to retry`;
}

/** An ended generation as a repeat replays it: its terminal event and the reasoning and text it saved. */
export interface EndedGeneration {
  terminal: TerminalEvent;
  text: string;
  /** Replayed before the text, as it streamed; empty when none was kept. */
  reasoning?: string;
}

/** The terminal event analytics recorded; null when the row is inconsistent (it never is when written by a run). */
export function endedFromOutcome(o: RecordedOutcome): EndedGeneration | null {
  const saved =
    o.assistantMessageId === null
      ? {}
      : { messageId: o.assistantMessageId, variantIndex: o.assistantVariantIndex ?? 0 };
  const text = savedText(o);
  // A continue's reasoning is kept joined to the reply's earlier one: not replayed.
  const reasoning = o.kind === 'continue' ? null : o.assistantReasoning;
  const kept = { text, ...(reasoning ? { reasoning } : {}) };
  switch (o.outcome) {
    case 'done':
      return o.assistantMessageId === null
        ? null
        : {
            terminal: { type: 'done', messageId: o.assistantMessageId, variantIndex: o.assistantVariantIndex ?? 0 },
            text,
          };
    case 'error':
      return o.errorCode === null
        ? null
        : {
            terminal: { type: 'error', code: o.errorCode, error: replayedErrorText(o.errorCode), ...saved },
            ...kept,
          };
    case 'cancelled':
      return o.cancelReason === null
        ? null
        : { terminal: { type: 'cancelled', reason: o.cancelReason satisfies CancelReason, ...saved }, ...kept };
  }
}

/**
 * The text the generation streamed, as saved: a whole reply or variant, or for a continue the
 * end of the message it appended to. Empty when nothing was saved.
 */
function savedText(o: RecordedOutcome): string {
  const content = o.assistantContent ?? '';
  return o.kind === 'continue' ? content.slice(Math.max(0, content.length - o.partialLength)) : content;
}

/**
 * The frames a repeat of an ended generation gets: `start`, the saved text as one `content`, the
 * terminal event. With a `Last-Event-ID` of that generation (and an offset within its text), only
 * what follows the offset, as a catching-up connection gets it.
 */
export function replayFrames(
  start: StartEvent,
  ended: EndedGeneration,
  resumeFrom: { streamId: string; offset: number } | undefined,
): StreamFrame[] {
  const { streamId } = start;
  const { text, terminal } = ended;
  const reasoning = ended.reasoning ?? '';
  // Offsets count the reasoning, then the text, as they streamed.
  const total = reasoning.length + text.length;
  const resumed = resumeFrom?.streamId === streamId && resumeFrom.offset <= total;
  const from = resumed ? resumeFrom.offset : 0;
  const restOfReasoning = reasoning.slice(Math.min(from, reasoning.length));
  const restOfText = text.slice(Math.max(0, from - reasoning.length));
  const frames: StreamFrame[] = [];
  if (!resumed) frames.push(toFrame(streamId, 0, start));
  if (restOfReasoning) frames.push(toFrame(streamId, reasoning.length, { type: 'reasoning', data: restOfReasoning }));
  if (restOfText) frames.push(toFrame(streamId, total, { type: 'content', data: restOfText }));
  frames.push(toFrame(streamId, total, terminal));
  return frames;
}

/** The `start` event of a send. */
export function sendStart(streamId: string, userMessage: MessageDto): StartEvent {
  return { type: 'start', streamId, kind: 'send', userMessage, messageId: null };
}
