/**
 * The shapes Hearth's API sends and accepts (see /api/docs for the full schema). Kept separate
 * from the server's source on purpose: this is what a client author would write from the contract.
 */

export interface AiModel {
  id: number;
  /** The OpenRouter model id, e.g. `openai/gpt-4o-mini`. */
  label: string;
  name: string | null;
}
export interface AiModelInput {
  label: string;
  name?: string | null;
}

export interface SystemPrompt {
  id: number;
  name: string;
  content: string;
}
export interface SystemPromptInput {
  name: string;
  content: string;
}

/** A character or a user profile. */
export interface DescribedRecord {
  id: number;
  name: string;
  description: string;
}
export interface DescribedRecordInput {
  name: string;
  /** Goes into the system prompt; default empty. */
  description?: string;
}

export interface ChatSessionInput {
  name?: string | null;
  aiModelId: number;
  systemPromptId?: number | null;
  characterId?: number | null;
  userProfileId?: number | null;
  preSystemPrompt?: string | null;
  postSystemPrompt?: string | null;
  /** Keep the text of a cancelled or failed reply as a `partial` message or variant. Default false. */
  keepPartialOnCancel?: boolean;
}
export interface ChatSession {
  id: number;
  name: string | null;
  aiModelId: number;
  systemPromptId: number | null;
  characterId: number | null;
  userProfileId: number | null;
  preSystemPrompt: string | null;
  postSystemPrompt: string | null;
  keepPartialOnCancel: boolean;
  createdAt: string;
  aiModel: AiModel;
  systemPrompt: SystemPrompt | null;
  character: DescribedRecord | null;
  userProfile: DescribedRecord | null;
}

/** Tokens and cost a provider reported for a reply; each only when it reported it. */
export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  /** US dollars, as the provider bills it. */
  cost?: number;
}

export interface Message {
  id: number;
  chatSessionId: number;
  role: 'user' | 'assistant';
  /** For a reply, the text of its active variant. */
  content: string;
  createdAt: string;
  /** The active variant (swipe); 0 for a user message. */
  variantIndex: number;
  /** How many variants the message has; 1 for a user message. */
  variantCount: number;
  /** The text was kept from a reply that was cancelled or failed (the session's keepPartialOnCancel). */
  partial: boolean;
  /** The model label that wrote the reply; null for a user message. */
  model: string | null;
  /** The model's reasoning, when it streamed any. */
  reasoning: string | null;
  usage: Usage | null;
}

/** One variant (swipe) of a message, as GET …/messages/:mid/variants lists them. */
export interface Variant {
  index: number;
  content: string;
  createdAt: string;
  model: string | null;
  partial: boolean;
  reasoning: string | null;
  usage: Usage | null;
}

export interface Settings {
  openrouterApiKeySet: boolean;
  /** e.g. `sk-or-…abcd`; null when no key is stored. */
  openrouterApiKeyHint: string | null;
}

export interface StreamStatus {
  isStreaming: boolean;
  streamId: string | null;
  partialLength: number;
  connections: number;
}

export interface CancelResult {
  cancelled: true;
  streamId: string;
  partialLength: number;
}

export interface SendAndWaitResult {
  userMessage: Message;
  assistantMessage: Message;
}

/** What regenerate and continue answer with `stream: false`: no user message was saved. */
export interface GenerateAndWaitResult {
  userMessage: null;
  /** The regenerated or continued message, with its new active variant. */
  assistantMessage: Message;
}

/** What started a generation. */
export type GenerationKind = 'send' | 'regenerate' | 'continue';

export type CancelReason = 'user_cancelled' | 'timeout' | 'no_clients' | 'server_shutdown';
export type ErrorCode =
  'upstream_auth' | 'insufficient_credits' | 'rate_limited' | 'upstream_error' | 'timeout' | 'internal';

/** What every event carries besides its type. */
export interface EventBase {
  /** The generation this event belongs to. */
  streamId: string;
  /** The SSE `id:` line, `<streamId>:<offset>`: send it back as `Last-Event-ID` to resume after it. */
  id: string;
  /** Length, in UTF-16 code units (JS string length), of the generation's text up to and including this event. */
  offset: number;
}

export interface StartEvent extends EventBase {
  type: 'start';
  kind: GenerationKind;
  /** The message a send saved; null for a regenerate or a continue. */
  userMessage: Message | null;
  /** The message being regenerated or continued; null for a send and for a retry (a regenerate after a user message). */
  messageId: number | null;
}
/**
 * Text as it arrives. It covers `[offset - data.length, offset)` of the generation's characters
 * (its reasoning, then its content). A content event for a streamId without a `start` is a
 * catch-up: the generation began before this connection attached.
 */
export interface ContentEvent extends EventBase {
  type: 'content';
  data: string;
}
/**
 * The model's reasoning (thinking), apart from the reply, before any content. Counted in the
 * offset like content: it covers `[offset - data.length, offset)` too.
 */
export interface ReasoningEvent extends EventBase {
  type: 'reasoning';
  data: string;
}
export interface DoneEvent extends EventBase {
  type: 'done';
  /**
   * The saved assistant message. For a send or regenerate, the saved variant's content equals
   * every content event's data joined; for a continue, that text was appended to it.
   */
  messageId: number;
  /** The variant the text was saved as; it is now the active one. */
  variantIndex: number;
}
/** With the session's keepPartialOnCancel and some text streamed: where that text was kept (`partial: true`). */
export interface KeptPartial {
  messageId?: number;
  variantIndex?: number;
}
export interface ErrorEvent extends EventBase, KeptPartial {
  type: 'error';
  /** Says what went wrong in words fit for the user. */
  error: string;
  code: ErrorCode;
}
export interface CancelledEvent extends EventBase, KeptPartial {
  type: 'cancelled';
  reason: CancelReason;
}

export type GenerationEvent = StartEvent | ReasoningEvent | ContentEvent | DoneEvent | ErrorEvent | CancelledEvent;
export type TerminalEvent = DoneEvent | ErrorEvent | CancelledEvent;

/**
 * The session's messages changed outside a generation (edited, deleted, another variant chosen,
 * one created): reload them. Only attached connections (`attach`) get it. It belongs to no
 * generation: no SSE id, no streamId, no offset, and it never ends anything.
 */
export interface MessagesChangedEvent {
  type: 'messages_changed';
  change: 'edited' | 'deleted' | 'variant' | 'created';
  /** The message changed; for a rewind (delete with `after`), the first one deleted. */
  messageId: number;
}

/**
 * An event of a type this client does not know (a newer server). Passed on untouched so a
 * caller may log it; never treated as the end of anything.
 */
export interface UnknownEvent {
  type: `unknown:${string}`;
  /** The JSON as it arrived. */
  raw: Record<string, unknown>;
  /** The SSE id line, if it had one. */
  id: string | undefined;
}

/** A session-wide event that is not part of a generation. */
export type SessionNotice = MessagesChangedEvent | UnknownEvent;

export type StreamEvent = GenerationEvent | SessionNotice;

export function isTerminal(event: StreamEvent): event is TerminalEvent {
  return event.type === 'done' || event.type === 'error' || event.type === 'cancelled';
}

/** True for the events of a generation (they have a streamId and an offset); false for notices. */
export function isGenerationEvent(event: StreamEvent): event is GenerationEvent {
  return GENERATION_TYPES.has(event.type);
}

const GENERATION_TYPES = new Set<string>(['start', 'reasoning', 'content', 'done', 'error', 'cancelled']);
