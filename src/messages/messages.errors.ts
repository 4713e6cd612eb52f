import { DomainError } from '../errors/domain-error';
import type { CancelReason, GenerationErrorCode } from '../streaming/stream-event';
import { cancelReasonText } from './generation-errors';

/**
 * Why a send or a cancel is refused. Not named GenerationErrorCode: that is the contract's code
 * of an `error` event (stream-event.ts), which GenerationFailedError carries.
 */
export enum GenerationRefusalCode {
  EmptyContent = 'empty_content',
  SessionBusy = 'session_busy',
  NoModel = 'no_model',
  NoApiKey = 'no_api_key',
  NothingToCancel = 'nothing_to_cancel',
  TooLateToCancel = 'too_late_to_cancel',
  /** An Idempotency-Key header that is empty or too long. */
  BadIdempotencyKey = 'bad_idempotency_key',
  /** A repeat whose first request has not started (or not recorded) its generation yet. */
  RepeatNotSettled = 'repeat_not_settled',
  /** A regenerate in a session with no messages. */
  NothingToRegenerate = 'nothing_to_regenerate',
  /** A continue whose session does not end with an assistant message. */
  NothingToContinue = 'nothing_to_continue',
  /** An edit, a delete or a variant choice while a reply is being generated in the session. */
  ConversationBusy = 'conversation_busy',
  /** The session's model names a provider this server does not configure (any more). */
  UnknownProvider = 'unknown_provider',
  /** A variant index the message does not have. */
  NoSuchVariant = 'no_such_variant',
}

export class GenerationDomainError extends DomainError<GenerationRefusalCode> {}

/** A `stream: false` send whose generation ended with an `error` event; its code is the event's. */
export class GenerationFailedError extends DomainError<GenerationErrorCode> {}

/** A `stream: false` send whose generation was cancelled; its code is the cancel reason. */
export class GenerationCancelledError extends DomainError<CancelReason> {
  constructor(reason: CancelReason) {
    super(reason, cancelReasonText(reason));
  }
}
