import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { firstValueFrom, filter } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { LLM_PROVIDER, LLMProvider } from '../provider/llm-provider';
import { STREAM_HUB, StreamHub, HubConnection, StreamStatus, CancelOutcome } from '../streaming/stream-hub';
import { CancelReason, isTerminal, StartEvent, TerminalEvent } from '../streaming/stream-event';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import { GenerationsRepository } from '../analytics/generations.repository';
import { MessagesService } from './messages.service';
import { GenerationPlanner, PreparedGeneration } from './generation-planner';
import { addLogFields } from '../logging/log-context';
import type { StartedSend } from './idempotency.service';
import { MessageDto } from './dto/message.dto';
import { GenerationRun } from './generation-run';
import { HearthMetrics } from '../metrics/hearth-metrics';
import {
  GenerationCancelledError,
  GenerationDomainError,
  GenerationFailedError,
  GenerationRefusalCode,
} from './messages.errors';

export interface StartedGeneration {
  streamId: string;
  /** The generation's `start` event, as published. */
  start: StartEvent;
  /** The send's user message; null for a regenerate or a continue. */
  userMessage: MessageDto | null;
  /** The sender's own connection, registered before `start` was published. */
  connection: HubConnection;
}

export interface CompletedGeneration {
  userMessage: MessageDto | null;
  assistantMessage: MessageDto;
}

export interface CancelResult {
  cancelled: true;
  streamId: string;
  partialLength: number;
}

/** Sending, cancelling and watching generations; the runs this instance owns live here. */
@Injectable()
export class GenerationService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Generation');
  private readonly runs = new Map<number, GenerationRun>();

  constructor(
    private readonly config: AppConfig,
    @Inject(STREAM_HUB) private readonly hub: StreamHub,
    @Inject(LLM_PROVIDER) private readonly provider: LLMProvider,
    private readonly planner: GenerationPlanner,
    private readonly chatSessions: ChatSessionsService,
    private readonly messages: MessagesService,
    private readonly generations: GenerationsRepository,
    // Optional so unit tests that build the service by hand need not pass one.
    @Optional() private readonly metrics?: HearthMetrics,
  ) {}

  onModuleInit(): void {
    this.hub.setCancelHandler((sessionId, streamId, reason) => this.cancelLocal(sessionId, streamId, reason));
    this.hub.setFailureHandler(async (sessionId, streamId, failure) => {
      const run = this.runs.get(sessionId);
      if (run?.streamId === streamId) await run.fail(failure);
    });
  }

  /**
   * A send: checks everything that can be refused, takes the session's lock, saves the user
   * message, then starts the provider call in the background. Nothing is saved when a check fails.
   */
  async start(chatSessionId: number, content: string, streamId: string = randomUUID()): Promise<StartedSend> {
    if (content.trim().length === 0) {
      throw new GenerationDomainError(GenerationRefusalCode.EmptyContent, 'content must not be empty');
    }
    const started = await this.launch(chatSessionId, streamId, () => this.planner.send(chatSessionId, content));
    const { userMessage } = started;
    if (!userMessage) throw new Error('A send started without its user message');
    return { ...started, userMessage };
  }

  /** A new variant of the last reply, or a retry when the last message is the user's. */
  regenerate(chatSessionId: number, streamId: string = randomUUID()): Promise<StartedGeneration> {
    return this.launch(chatSessionId, streamId, () => this.planner.regenerate(chatSessionId));
  }

  /** More text appended to the last reply. */
  continue(chatSessionId: number, streamId: string = randomUUID()): Promise<StartedGeneration> {
    return this.launch(chatSessionId, streamId, () => this.planner.continue(chatSessionId));
  }

  /**
   * Takes the session's lock, prepares the generation under it, and starts the run in the
   * background. The lock is taken first so that a send's checks and saves share one statement;
   * when the lock is taken (409) or the hub cannot answer (503), the checks run first and their
   * 404 or 400 wins, as it did when they ran before the lock.
   */
  private async launch(
    chatSessionId: number,
    streamId: string,
    prepare: () => Promise<PreparedGeneration>,
  ): Promise<StartedGeneration> {
    let acquired: boolean;
    try {
      acquired = await this.hub.acquire(chatSessionId, streamId);
    } catch (err) {
      await this.planner.check(chatSessionId);
      throw err;
    }
    if (!acquired) {
      await this.planner.check(chatSessionId);
      throw new GenerationDomainError(
        GenerationRefusalCode.SessionBusy,
        `A reply is already being generated in chat session ${chatSessionId}: wait for it, or POST /api/chat-sessions/${chatSessionId}/cancel-message`,
      );
    }
    addLogFields({ chatSessionId, streamId });
    let connection: HubConnection | undefined;
    try {
      const { request, plan } = await prepare();
      connection = await this.hub.connect(chatSessionId, { mode: 'generation' });
      const run = new GenerationRun(
        chatSessionId,
        streamId,
        request,
        plan,
        {
          hub: this.hub,
          provider: this.provider,
          recordAnalytics: (row) => this.generations.record(row),
          logger: this.logger,
          metrics: this.metrics,
        },
        { streamTimeoutMs: this.config.streamTimeoutMs, noClientTimeoutMs: this.config.noClientTimeoutMs },
      );
      this.runs.set(chatSessionId, run);
      void run.execute().finally(() => {
        if (this.runs.get(chatSessionId) === run) this.runs.delete(chatSessionId);
      });
      return { streamId, userMessage: plan.userMessage, start: run.start, connection };
    } catch (err) {
      connection?.close();
      await this.hub.abandon(chatSessionId, streamId);
      throw err;
    }
  }

  /** `stream: false`: waits for the end and answers with both messages, or an HTTP error. */
  async sendAndWait(chatSessionId: number, content: string): Promise<CompletedGeneration> {
    return this.waitForOutcome(await this.start(chatSessionId, content));
  }

  /** Waits on a generation's connection (its own, a repeat's, or a replay) for its end. */
  async waitForOutcome(started: Pick<StartedGeneration, 'userMessage' | 'connection'>): Promise<CompletedGeneration> {
    let terminal: TerminalEvent;
    try {
      const frame = await firstValueFrom(started.connection.frames.pipe(filter((f) => isTerminal(f.event))));
      terminal = frame.event as TerminalEvent;
    } finally {
      started.connection.close();
    }
    switch (terminal.type) {
      case 'done': {
        const assistant = await this.messages.findOne(terminal.messageId);
        return { userMessage: started.userMessage, assistantMessage: this.messages.toDto(assistant) };
      }
      case 'error':
        throw new GenerationFailedError(terminal.code, terminal.error);
      case 'cancelled':
        throw new GenerationCancelledError(terminal.reason);
    }
  }

  async cancel(chatSessionId: number, reason: CancelReason = 'user_cancelled'): Promise<CancelResult> {
    await this.chatSessions.assertExists(chatSessionId);
    const outcome = await this.hub.requestCancel(chatSessionId, reason);
    switch (outcome.status) {
      case 'cancelled':
        return { cancelled: true, streamId: outcome.streamId, partialLength: outcome.partialLength };
      case 'not_running':
        throw new GenerationDomainError(
          GenerationRefusalCode.NothingToCancel,
          `No reply is being generated in chat session ${chatSessionId}, so there is nothing to cancel`,
        );
      case 'completing':
        throw new GenerationDomainError(
          GenerationRefusalCode.TooLateToCancel,
          `The reply in chat session ${chatSessionId} is already complete and being saved; it can no longer be cancelled`,
        );
    }
  }

  async attach(
    chatSessionId: number,
    resumeFrom: { streamId: string; offset: number } | undefined,
  ): Promise<HubConnection> {
    await this.chatSessions.assertExists(chatSessionId);
    return this.hub.connect(chatSessionId, {
      mode: 'session',
      resumeFrom,
      limit: this.config.maxConnectionsPerSession,
    });
  }

  async status(chatSessionId: number): Promise<StreamStatus> {
    await this.chatSessions.assertExists(chatSessionId);
    return this.hub.status(chatSessionId);
  }

  private async cancelLocal(chatSessionId: number, streamId: string, reason: CancelReason): Promise<CancelOutcome> {
    const run = this.runs.get(chatSessionId);
    if (!run || run.streamId !== streamId || run.state === 'ended') return { status: 'not_running' };
    const partialLength = run.partialLength;
    if (await run.cancel(reason)) return { status: 'cancelled', streamId, partialLength };
    // Too late: the reply is being saved (or has just been), so the generation ends as done.
    return { status: 'completing', streamId };
  }

  /** Every live generation ends with `server_shutdown` on every connection before the process exits. */
  async beforeApplicationShutdown(): Promise<void> {
    const runs = [...this.runs.values()];
    await Promise.all(runs.map((run) => run.cancel('server_shutdown')));
    await Promise.all(runs.map((run) => run.finished));
    await this.hub.closeConnections();
  }
}
