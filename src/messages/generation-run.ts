import { Logger } from '@nestjs/common';
import { errorText } from '../errors/domain-error';
import type { Subscription } from 'rxjs';
import type { LLMProvider, GenerationRequest, ProviderUsage } from '../provider/llm-provider';
import type { StreamHub } from '../streaming/stream-hub';
import type { CancelReason, ErrorEvent, GenerationErrorCode, TerminalEvent } from '../streaming/stream-event';
import type { GenerationRecord } from '../analytics/generations.repository';
import type { MessageDto } from './dto/message.dto';
import type { GenerationRunMetrics } from '../metrics/hearth-metrics';

/** What a run needs from the rest of the app; narrow so the run can be reasoned about alone. */
export interface GenerationRunDeps {
  hub: StreamHub;
  provider: LLMProvider;
  saveAssistantMessage(chatSessionId: number, content: string): Promise<{ id: number }>;
  recordAnalytics(row: GenerationRecord): Promise<void>;
  logger: Logger;
  /** Prometheus counters; absent in unit tests that do not look at them. */
  metrics?: GenerationRunMetrics;
}

export interface GenerationRunTimeouts {
  streamTimeoutMs: number;
  noClientTimeoutMs: number;
}

/**
 * `streaming`: text may still arrive and a cancel wins.
 * `saving`: the reply is complete and being stored; a cancel is too late.
 * `ended`: the terminal event is out.
 */
export type RunState = 'streaming' | 'saving' | 'ended';

/**
 * One generation, from `start` to exactly one terminal event. Owns the AbortController of the
 * provider call, so no HTTP connection coming or going can stop it; only cancel, the timeouts
 * and shutdown do.
 */
export class GenerationRun {
  state: RunState = 'streaming';
  private text = '';
  private usage: ProviderUsage = {};
  private readonly abort = new AbortController();
  private readonly startedAt = Date.now();
  private firstTokenAt: number | null = null;
  private streamTimer: NodeJS.Timeout | null = null;
  private noClientTimer: NodeJS.Timeout | null = null;
  private connectionWatch: Subscription | null = null;
  /** Resolves once the terminal event has been published. */
  readonly finished: Promise<void>;
  private resolveFinished!: () => void;

  constructor(
    readonly chatSessionId: number,
    readonly streamId: string,
    private readonly request: GenerationRequest,
    private readonly userMessage: MessageDto,
    private readonly deps: GenerationRunDeps,
    private readonly timeouts: GenerationRunTimeouts,
  ) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  get partialLength(): number {
    return this.text.length;
  }

  /** Runs to the end; never rejects. */
  async execute(): Promise<void> {
    this.deps.metrics?.started();
    try {
      await this.deps.hub.publish(this.chatSessionId, this.streamId, {
        type: 'start',
        streamId: this.streamId,
        userMessage: this.userMessage,
      });
      this.armTimers();
      const failure = await this.relayProviderStream();
      if (this.state !== 'streaming') return; // cancelled while streaming
      if (failure) {
        await this.end({ type: 'error', ...failure });
        return;
      }
      if (this.text.length === 0) {
        await this.end({
          type: 'error',
          code: 'upstream_error',
          error: 'The model finished without writing anything; try again or pick another model',
        });
        return;
      }
      this.state = 'saving';
      let messageId: number;
      try {
        messageId = (await this.deps.saveAssistantMessage(this.chatSessionId, this.text)).id;
      } catch (err) {
        this.deps.logger.error(`Saving the reply of stream ${this.streamId} failed: ${errorText(err)}`);
        await this.end({
          type: 'error',
          code: 'internal',
          error: 'The reply could not be saved; the session is free to send again',
        });
        return;
      }
      await this.end({ type: 'done', messageId }, messageId);
    } catch (err) {
      this.deps.logger.error(
        `Stream ${this.streamId} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      await this.end({ type: 'error', code: 'internal', error: 'The server failed while generating the reply' });
    }
  }

  /** Stops a run that is still streaming; false when it is already saving or ended. */
  async cancel(reason: CancelReason): Promise<boolean> {
    if (this.state !== 'streaming') return false;
    this.state = 'saving'; // claimed by the cancel: nothing else may end it now
    this.abort.abort();
    await this.end({ type: 'cancelled', reason });
    return true;
  }

  /** Ends a run that is still streaming with an error the hub already told the connections about. */
  async fail(failure: ErrorEvent): Promise<boolean> {
    if (this.state !== 'streaming') return false;
    this.state = 'saving';
    this.abort.abort();
    await this.end(failure);
    return true;
  }

  private async relayProviderStream(): Promise<{ code: GenerationErrorCode; error: string } | null> {
    let failure: { code: GenerationErrorCode; error: string } | null = null;
    for await (const part of this.deps.provider.stream(this.request, this.abort.signal)) {
      if (this.state !== 'streaming') break;
      if (part.type === 'text-delta') {
        if (!part.text) continue;
        if (this.firstTokenAt === null) {
          this.firstTokenAt = Date.now();
          this.deps.metrics?.firstToken((this.firstTokenAt - this.startedAt) / 1000);
        }
        this.deps.metrics?.chunk(part.text);
        this.text += part.text;
        this.deps.hub.append(this.chatSessionId, this.streamId, part.text);
      } else if (part.type === 'reasoning-delta') {
        if (part.text) this.deps.hub.appendReasoning(this.chatSessionId, this.streamId, part.text);
      } else if (part.type === 'usage') {
        this.usage = { ...this.usage, ...part };
      } else if (part.type === 'error') {
        failure = { code: part.code, error: part.message };
        break;
      } else {
        break; // finish
      }
    }
    return failure;
  }

  private armTimers(): void {
    this.streamTimer = setTimeout(() => void this.cancel('timeout'), this.timeouts.streamTimeoutMs);
    this.connectionWatch = this.deps.hub.connectionCount(this.chatSessionId).subscribe((count) => {
      if (count > 0) {
        if (this.noClientTimer) clearTimeout(this.noClientTimer);
        this.noClientTimer = null;
      } else if (!this.noClientTimer) {
        this.noClientTimer = setTimeout(() => void this.cancel('no_clients'), this.timeouts.noClientTimeoutMs);
      }
    });
  }

  private async end(event: TerminalEvent, assistantMessageId: number | null = null): Promise<void> {
    if (this.state === 'ended') return;
    this.state = 'ended';
    if (this.streamTimer) clearTimeout(this.streamTimer);
    if (this.noClientTimer) clearTimeout(this.noClientTimer);
    this.connectionWatch?.unsubscribe();
    if (!this.abort.signal.aborted) this.abort.abort();
    const endedAt = Date.now();
    // Recorded before the terminal event goes out, so whoever reads analytics after it sees it.
    await this.deps
      .recordAnalytics({
        streamId: this.streamId,
        chatSessionId: this.chatSessionId,
        model: this.request.model,
        outcome: event.type,
        cancelReason: event.type === 'cancelled' ? event.reason : null,
        errorCode: event.type === 'error' ? event.code : null,
        partialLength: this.text.length,
        timeToFirstTokenMs: this.firstTokenAt === null ? null : this.firstTokenAt - this.startedAt,
        durationMs: endedAt - this.startedAt,
        promptTokens: this.usage.promptTokens ?? null,
        completionTokens: this.usage.completionTokens ?? null,
        cost: this.usage.cost ?? null,
        assistantMessageId,
        startedAt: new Date(this.startedAt),
        endedAt: new Date(endedAt),
      })
      .catch((err: unknown) =>
        this.deps.logger.warn(`Analytics for stream ${this.streamId} not recorded: ${errorText(err)}`),
      );
    this.deps.metrics?.ended('send', event);
    try {
      await this.deps.hub.publish(this.chatSessionId, this.streamId, event);
    } finally {
      this.resolveFinished();
    }
  }
}
