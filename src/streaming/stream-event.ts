/** Why a generation was cancelled (contract: `cancelled.reason`). */
export type CancelReason = 'user_cancelled' | 'timeout' | 'no_clients' | 'server_shutdown';

/** What went wrong (contract: `error.code`). */
export type GenerationErrorCode =
  'upstream_auth' | 'insufficient_credits' | 'rate_limited' | 'upstream_error' | 'timeout' | 'internal';

/** What started a generation (contract: `kind` on `start` and on each generation row). */
export type GenerationKind = 'send' | 'regenerate' | 'continue';

/**
 * The user's message a `start` event carries, as the streaming layer needs it: the messages
 * module's MessageDto satisfies it, so the wire types depend on nothing above them.
 */
export interface StreamUserMessage {
  id: number;
  chatSessionId: number;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
}

export interface StartEvent {
  type: 'start';
  streamId: string;
  kind: GenerationKind;
  /** The message a send saved; null for a regenerate or a continue. */
  userMessage: StreamUserMessage | null;
  /** The message being regenerated or continued; null for a send and a retry. */
  messageId: number | null;
}
export interface ContentEvent {
  type: 'content';
  data: string;
}
/**
 * The model's reasoning (thinking), apart from its reply. Counted in the offsets together with
 * `content`: a generation's characters are its reasoning, then its content.
 */
export interface ReasoningEvent {
  type: 'reasoning';
  data: string;
}
/** Where a generation's text was saved: the message, and its variant that is now active. */
export interface SavedReplyRef {
  messageId: number;
  variantIndex: number;
}
export interface DoneEvent extends SavedReplyRef {
  type: 'done';
  /** Tokens and cost, when the provider reported them. */
  usage?: { promptTokens?: number; completionTokens?: number; cost?: number };
}
/** With keepPartialOnCancel, a failure or cancel after some text names where that text was kept. */
export interface ErrorEvent extends Partial<SavedReplyRef> {
  type: 'error';
  error: string;
  code: GenerationErrorCode;
}
export interface CancelledEvent extends Partial<SavedReplyRef> {
  type: 'cancelled';
  reason: CancelReason;
}

/** Every event a generation sends to its SSE connections. */
export type StreamEvent = StartEvent | ContentEvent | ReasoningEvent | DoneEvent | ErrorEvent | CancelledEvent;
export type TerminalEvent = DoneEvent | ErrorEvent | CancelledEvent;

/**
 * The session's messages changed outside a generation (edited, deleted, a variant chosen, one
 * created): tabs reload what they show. Not part of any generation.
 */
export interface MessagesChangedEvent {
  type: 'messages_changed';
  change: 'edited' | 'deleted' | 'variant' | 'created';
  messageId: number;
}

/** What StreamHub.notify sends to a session's tabs: never stored, never counted in an offset. */
export type SessionNotice = MessagesChangedEvent;

/** Takes notices too, so a connection's frames can be tested without narrowing them first. */
export function isTerminal(event: StreamEvent | SessionNotice): event is TerminalEvent {
  return event.type === 'done' || event.type === 'error' || event.type === 'cancelled';
}

/** A generation's event as it goes on the wire: serialised once, written to every connection as is. */
export interface StreamFrame {
  readonly streamId: string;
  /** Length of the generation's text sent up to and including this event. */
  readonly offset: number;
  readonly event: StreamEvent;
  readonly wire: string;
}

/**
 * A notice as it goes on the wire: no `id:` line (a client's Last-Event-ID stays that of the
 * generation it read), no stream and no offset, so catch-up, dedupe and ends never see it.
 */
export interface NoticeFrame {
  readonly streamId: null;
  readonly offset: null;
  readonly event: SessionNotice;
  readonly wire: string;
}

/** What a connection emits: its generations' frames, and (tabs only) the session's notices. */
export type ConnectionFrame = StreamFrame | NoticeFrame;

export function isNoticeFrame(frame: ConnectionFrame): frame is NoticeFrame {
  return frame.streamId === null;
}
