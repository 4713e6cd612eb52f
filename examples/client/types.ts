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
  createdAt: string;
  aiModel: AiModel;
  systemPrompt: SystemPrompt | null;
  character: DescribedRecord | null;
  userProfile: DescribedRecord | null;
}

export interface Message {
  id: number;
  chatSessionId: number;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
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
  userMessage: Message;
}
/**
 * Text as it arrives. It covers `[offset - data.length, offset)` of the generation's text. A
 * content event for a streamId without a `start` is a catch-up: the generation began before
 * this connection attached.
 */
export interface ContentEvent extends EventBase {
  type: 'content';
  data: string;
}
export interface DoneEvent extends EventBase {
  type: 'done';
  /** The saved assistant message; its content equals every content event's data joined. */
  messageId: number;
}
export interface ErrorEvent extends EventBase {
  type: 'error';
  /** Says what went wrong in words fit for the user. */
  error: string;
  code: ErrorCode;
}
export interface CancelledEvent extends EventBase {
  type: 'cancelled';
  reason: CancelReason;
}

export type StreamEvent = StartEvent | ContentEvent | DoneEvent | ErrorEvent | CancelledEvent;
export type TerminalEvent = DoneEvent | ErrorEvent | CancelledEvent;

export function isTerminal(event: StreamEvent): event is TerminalEvent {
  return event.type === 'done' || event.type === 'error' || event.type === 'cancelled';
}
