/* eslint-disable @typescript-eslint/require-await -- the StreamHub methods stay async so that a failure is always a rejection, as with the Redis hub, never a synchronous throw */
import { Injectable } from '@nestjs/common';
import { BehaviorSubject, Observable, Subject, distinctUntilChanged } from 'rxjs';
import {
  CancelReason,
  SessionNotice,
  StartEvent,
  StreamEvent,
  StreamFrame,
  TerminalEvent,
  isTerminal,
} from './stream-event';
import { toFrame, toNoticeFrame } from './sse-framing';
import { LocalConnection } from './local-connection';
import { EndedText, LiveText, catchUpFrames, textOffset } from './catch-up';
import {
  CancelHandler,
  CancelOutcome,
  ConnectOptions,
  GenerationFailureHandler,
  HubConnection,
  StreamHub,
  StreamStatus,
  TooManyConnectionsError,
} from './stream-hub';

/** How long a finished generation's text is kept so a tab that missed the end can catch up. */
const ENDED_RETENTION_MS = 60_000;

interface EndedGeneration extends EndedText {
  expiry: NodeJS.Timeout;
}

interface SessionState {
  live: Required<LiveText> | null;
  ended: EndedGeneration | null;
  /**
   * Every frame of every generation of the session, as published. Each connection subscribes
   * to it directly and filters for itself (a tab takes all, a response one generation).
   */
  frames: Subject<StreamFrame>;
  /** The `session`-mode connections, ended when the session is deleted or at shutdown. */
  tabs: Set<LocalConnection>;
  connections: BehaviorSubject<number>;
}

/** The single-process hub: state in a Map, fan-out through one RxJS Subject per session. */
@Injectable()
export class InMemoryStreamHub implements StreamHub {
  private readonly sessions = new Map<number, SessionState>();
  private cancelHandler: CancelHandler | null = null;

  private state(sessionId: number): SessionState {
    let s = this.sessions.get(sessionId);
    if (!s) {
      s = {
        live: null,
        ended: null,
        frames: new Subject(),
        tabs: new Set(),
        connections: new BehaviorSubject(0),
      };
      this.sessions.set(sessionId, s);
    }
    return s;
  }

  /** Drops a session's state once nothing refers to it, so idle sessions cost no memory. */
  private sweep(sessionId: number): void {
    const s = this.sessions.get(sessionId);
    if (s && !s.live && !s.ended && s.connections.value === 0 && !s.frames.observed) {
      this.sessions.delete(sessionId);
    }
  }

  async acquire(sessionId: number, streamId: string): Promise<boolean> {
    const s = this.state(sessionId);
    if (s.live) return false;
    s.live = { streamId, text: '', reasoning: '' };
    return true;
  }

  async publish(sessionId: number, streamId: string, event: StartEvent | TerminalEvent): Promise<void> {
    this.deliver(sessionId, streamId, event);
  }

  append(sessionId: number, streamId: string, text: string): void {
    this.deliver(sessionId, streamId, { type: 'content', data: text });
  }

  appendReasoning(sessionId: number, streamId: string, text: string): void {
    // Reasoning after the content has started would break "reasoning, then content" offsets.
    if (this.sessions.get(sessionId)?.live?.text) return;
    this.deliver(sessionId, streamId, { type: 'reasoning', data: text });
  }

  async notify(sessionId: number, notice: SessionNotice): Promise<void> {
    const tabs = this.sessions.get(sessionId)?.tabs;
    if (!tabs?.size) return;
    const frame = toNoticeFrame(notice);
    for (const tab of tabs) tab.notify(frame);
  }

  private deliver(sessionId: number, streamId: string, event: StreamEvent): void {
    const s = this.sessions.get(sessionId);
    if (!s?.live || s.live.streamId !== streamId) return;
    if (event.type === 'content') s.live.text += event.data;
    else if (event.type === 'reasoning') s.live.reasoning += event.data;
    const frame = toFrame(streamId, textOffset(s.live), event);
    if (isTerminal(event)) {
      if (s.ended) clearTimeout(s.ended.expiry);
      const expiry = setTimeout(() => {
        if (s.ended?.streamId === streamId) s.ended = null;
        this.sweep(sessionId);
      }, ENDED_RETENTION_MS);
      expiry.unref();
      s.ended = { streamId, text: s.live.text, reasoning: s.live.reasoning, terminal: frame, expiry };
      s.live = null;
    }
    s.frames.next(frame);
  }

  async abandon(sessionId: number, streamId: string): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (s?.live?.streamId === streamId) s.live = null;
    this.sweep(sessionId);
  }

  async connect(sessionId: number, options: ConnectOptions): Promise<HubConnection> {
    const s = this.state(sessionId);
    if (options.limit !== undefined && s.connections.value >= options.limit) {
      this.sweep(sessionId);
      throw new TooManyConnectionsError(options.limit);
    }
    s.connections.next(s.connections.value + 1);

    const tab = options.mode === 'session';
    const connection = new LocalConnection(tab ? null : { generation: s.live?.streamId }, () => {
      live.unsubscribe();
      s.tabs.delete(connection);
      this.sweep(sessionId);
    });
    // Subscription and catch-up in one tick: no frame can fall between them.
    const live = s.frames.subscribe((frame) => connection.deliver(frame));
    if (tab) s.tabs.add(connection);
    for (const frame of catchUpFrames(s.live, tab ? s.ended : null, options.resumeFrom)) connection.deliver(frame);

    let closed = false;
    return {
      frames: connection.frames,
      close: () => {
        if (closed) return;
        closed = true;
        s.connections.next(s.connections.value - 1);
        this.sweep(sessionId);
      },
    };
  }

  async status(sessionId: number): Promise<StreamStatus> {
    const s = this.sessions.get(sessionId);
    return {
      isStreaming: !!s?.live,
      streamId: s?.live?.streamId ?? null,
      // The reply so far, without the reasoning (offsets count both).
      partialLength: s?.live?.text.length ?? 0,
      connections: s?.connections.value ?? 0,
    };
  }

  connectionCount(sessionId: number): Observable<number> {
    return this.state(sessionId).connections.pipe(distinctUntilChanged());
  }

  async requestCancel(sessionId: number, reason: CancelReason): Promise<CancelOutcome> {
    const live = this.sessions.get(sessionId)?.live;
    if (!live || !this.cancelHandler) return { status: 'not_running' };
    return this.cancelHandler(sessionId, live.streamId, reason);
  }

  setCancelHandler(handler: CancelHandler): void {
    this.cancelHandler = handler;
  }

  /** An in-process hub cannot fail under a generation: nothing to register. */
  setFailureHandler(_handler: GenerationFailureHandler): void {}

  async closeConnections(sessionId?: number): Promise<void> {
    const targets = sessionId === undefined ? [...this.sessions.values()] : [this.sessions.get(sessionId)];
    for (const s of targets) for (const tab of s?.tabs ?? []) tab.end();
  }
}
