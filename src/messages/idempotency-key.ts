import type { CancelReason, GenerationErrorCode, StreamFrame, TerminalEvent } from '../streaming/stream-event';
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

/** An ended generation as a repeat replays it: its terminal event and the text it saved. */
export interface EndedGeneration {
  terminal: TerminalEvent;
  text: string;
}

/** The terminal event analytics recorded; null when the row is inconsistent (it never is when written by a run). */
export function endedFromOutcome(o: RecordedOutcome): EndedGeneration | null {
  switch (o.outcome) {
    case 'done':
      return o.assistantMessageId === null
        ? null
        : {
            terminal: { type: 'done', messageId: o.assistantMessageId, variantIndex: o.assistantVariantIndex ?? 0 },
            text: o.assistantContent ?? '',
          };
    case 'error':
      return o.errorCode === null
        ? null
        : { terminal: { type: 'error', code: o.errorCode, error: replayedErrorText(o.errorCode) }, text: '' };
    case 'cancelled':
      return o.cancelReason === null
        ? null
        : { terminal: { type: 'cancelled', reason: o.cancelReason satisfies CancelReason }, text: '' };
  }
}

/**
 * The frames a repeat of an ended generation gets: `start`, the saved text as one `content`, the
 * terminal event. With a `Last-Event-ID` of that generation (and an offset within its text), only
 * what follows the offset, as a catching-up connection gets it.
 */
export function replayFrames(
  streamId: string,
  userMessage: MessageDto,
  ended: EndedGeneration,
  resumeFrom: { streamId: string; offset: number } | undefined,
): StreamFrame[] {
  const { text, terminal } = ended;
  const resumed = resumeFrom?.streamId === streamId && resumeFrom.offset <= text.length;
  const rest = resumed ? text.slice(resumeFrom.offset) : text;
  const frames: StreamFrame[] = [];
  if (!resumed) frames.push(startFrame(streamId, userMessage));
  if (rest) frames.push(toFrame(streamId, text.length, { type: 'content', data: rest }));
  frames.push(toFrame(streamId, text.length, terminal));
  return frames;
}

/** The `start` frame a repeat gets first when it attaches to a running generation from its beginning. */
export function startFrame(streamId: string, userMessage: MessageDto): StreamFrame {
  return toFrame(streamId, 0, { type: 'start', streamId, kind: 'send', userMessage, messageId: null });
}
