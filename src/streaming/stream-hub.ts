import type { Observable } from 'rxjs';
import type {
  CancelReason,
  ConnectionFrame,
  ErrorEvent,
  SessionNotice,
  StartEvent,
  TerminalEvent,
} from './stream-event';

/** The seam between one process and several: bind another implementation (Redis) to STREAM_HUB. */
export const STREAM_HUB = Symbol('STREAM_HUB');

export interface StreamStatus {
  isStreaming: boolean;
  streamId: string | null;
  partialLength: number;
  connections: number;
}

export interface ConnectOptions {
  /**
   * `session`: a tab attached with GET …/stream — catch-up, then every generation until closed.
   * `generation`: the send-message response — the generation being started, ending after its
   * terminal event.
   */
  mode: 'session' | 'generation';
  /** A `Last-Event-ID` already parsed: resume after that offset instead of replaying all text. */
  resumeFrom?: { streamId: string; offset: number };
  /** Refuse with TooManyConnectionsError when the session already has this many connections. */
  limit?: number;
}

export interface HubConnection {
  /**
   * Catch-up first, then live frames; completes after the terminal frame in `generation` mode.
   * A `session`-mode connection also gets the session's notices (NoticeFrame, `streamId` null).
   */
  readonly frames: Observable<ConnectionFrame>;
  /** Unregisters the connection; safe to call twice. */
  close(): void;
}

/** What a cancel request found. */
export type CancelOutcome =
  | { status: 'cancelled'; streamId: string; partialLength: number }
  | { status: 'not_running' }
  /** The reply is complete and being saved: too late to cancel. */
  | { status: 'completing'; streamId: string };

/**
 * Called on the owning instance when the hub itself failed under a generation (Redis lost): the
 * hub has told the connections; the run must stop and record the failure.
 */
export type GenerationFailureHandler = (sessionId: number, streamId: string, failure: ErrorEvent) => Promise<void>;

/** Called on the instance that owns the generation to stop it. */
export type CancelHandler = (sessionId: number, streamId: string, reason: CancelReason) => Promise<CancelOutcome>;

// A hub's own errors, where its callers have always imported them from.
export { StreamHubUnavailableError, TooManyConnectionsError } from './streaming.errors';

/**
 * Per-session stream state, lock, fan-out and connection registry. One generation per session
 * at a time; its owner publishes events, everyone else reads them. A method that needs a backing
 * store (Redis) rejects with StreamHubUnavailableError when the store cannot answer.
 */
export interface StreamHub {
  /** Takes the session's lock for a new generation; false when one is already running. */
  acquire(sessionId: number, streamId: string): Promise<boolean>;
  /**
   * Publishes the start or the end of a generation this instance owns to every connection; a
   * terminal event ends the generation and releases the lock (resolves once that is recorded).
   */
  publish(sessionId: number, streamId: string, event: StartEvent | TerminalEvent): Promise<void>;
  /**
   * Publishes the next piece of text as a `content` event and extends the partial text. Returns
   * at once, having delivered to this instance's connections: the relay never waits per chunk
   * (a hub that also copies elsewhere does so in the background and fails the run if it cannot).
   */
  append(sessionId: number, streamId: string, text: string): void;
  /**
   * Like append, for the model's reasoning: a `reasoning` event. The offsets count reasoning and
   * content together; reasoning is expected before the content, and a piece that comes after
   * the content has started is dropped (see docs/streaming-protocol.md).
   */
  appendReasoning(sessionId: number, streamId: string, text: string): void;
  /**
   * Sends a notice to every `session`-mode connection of the session, on every instance, at
   * once: not stored (a tab attaching later does not get it), not counted in any offset, and
   * written without an `id:` line. Tabs on this instance have it when this is called; the
   * promise settles once the other instances were told (StreamHubUnavailableError when Redis
   * cannot take it: callers whose own work is done should not fail because of that).
   */
  notify(sessionId: number, notice: SessionNotice): Promise<void>;
  /** Releases a lock taken by acquire when the generation never started (nothing published). */
  abandon(sessionId: number, streamId: string): Promise<void>;
  /** Attaches a connection (throws TooManyConnectionsError over `limit`). */
  connect(sessionId: number, options: ConnectOptions): Promise<HubConnection>;
  status(sessionId: number): Promise<StreamStatus>;
  /** Live count of a session's connections, for the no-clients auto-cancel. */
  connectionCount(sessionId: number): Observable<number>;
  /** Asks the owner of the session's running generation to stop it. */
  requestCancel(sessionId: number, reason: CancelReason): Promise<CancelOutcome>;
  /** The local runner registers how to stop the generations it owns. */
  setCancelHandler(handler: CancelHandler): void;
  /** The local runner registers how to end a generation the hub failed under. */
  setFailureHandler(handler: GenerationFailureHandler): void;
  /** Ends every `session`-mode connection of a session (it was deleted) or of all (shutdown). */
  closeConnections(sessionId?: number): Promise<void>;
}
