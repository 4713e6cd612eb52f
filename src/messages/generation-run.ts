import { Logger } from '@nestjs/common';
import { errorText } from '../errors/domain-error';
import type { Subscription } from 'rxjs';
import type { LLMProvider, GenerationRequest, ProviderUsage } from '../provider/llm-provider';
import type { StreamHub } from '../streaming/stream-hub';
import type {
  CancelReason,
  ErrorEvent,
  GenerationErrorCode,
  SavedReplyRef,
  StartEvent,
  TerminalEvent,
} from '../streaming/stream-event';
import type { GenerationRecord } from '../analytics/generations.repository';
import type { MessageDto } from './dto/message.dto';
import type { GenerationRunMetrics } from '../metrics/hearth-metrics';
import { reportedUsage, type ReplyMeta, type ReplyTarget } from './reply-target';

/** What a run needs from the rest of the app; narrow so the run can be reasoned about alone. */
export interface GenerationRunDeps {
  hub: StreamHub;
  provider: LLMProvider;
  recordAnalytics(row: GenerationRecord): Promise<void>;
  logger: Logger;
  /** Prometheus counters; absent in unit tests that do not look at them. */
  metrics?: GenerationRunMetrics;
}

/** What this generation is: what started it, what its `start` says, and where its text goes. */
export interface GenerationPlan {
  target: ReplyTarget;
  /** The send's user message; null for a regenerate or a continue. */
  userMessage: MessageDto | null;
  /** The session's keepPartialOnCancel: keep the text of a cancelled or failed reply as partial. */
  keepPartial: boolean;
  /** What the context budget made of the prompt, for `start`. */
  budget?: { trimmedMessages: number; promptTokens: number };
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
  private reasoning = '';
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
    private readonly plan: GenerationPlan,
    private readonly deps: GenerationRunDeps,
    private readonly timeouts: GenerationRunTimeouts,
  ) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** The `start` event this run publishes first. */
  get start(): StartEvent {
    return {
      type: 'start',
      streamId: this.streamId,
      kind: this.plan.target.kind,
      userMessage: this.plan.userMessage,
      messageId: this.plan.target.messageId,
      ...this.plan.budget,
    };
  }

  get partialLength(): number {
    return this.text.length;
  }

  /** Runs to the end; never rejects. */
  async execute(): Promise<void> {
    this.deps.metrics?.started();
    try {
      await this.deps.hub.publish(this.chatSessionId, this.streamId, this.start);
      this.armTimers();
      const failure = await this.relayProviderStream();
      if (this.state !== 'streaming') return; // cancelled while streaming
      if (failure) {
        this.state = 'saving';
        await this.end({ type: 'error', ...failure, ...(await this.keepPartial()) });
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
      let saved: SavedReplyRef;
      try {
        saved = await this.plan.target.save(this.text, this.replyMeta(false));
      } catch (err) {
        this.deps.logger.error(`Saving the reply of stream ${this.streamId} failed: ${errorText(err)}`);
        await this.end({
          type: 'error',
          code: 'internal',
          error: 'The reply could not be saved; the session is free to send again',
        });
        return;
      }
      const usage = reportedUsage(this.usage);
      await this.end({ type: 'done', ...saved, ...(usage ? { usage } : {}) });
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
    await this.end({ type: 'cancelled', reason, ...(await this.keepPartial()) });
    return true;
  }

  /** Ends a run that is still streaming with an error the hub already told the connections about. */
  async fail(failure: ErrorEvent): Promise<boolean> {
    if (this.state !== 'streaming') return false;
    this.state = 'saving';
    this.abort.abort();
    await this.end({ ...failure, ...(await this.keepPartial()) });
    return true;
  }

  /**
   * With keepPartialOnCancel, saves the text of a reply that is ending early (cancelled or
   * failed) as partial; nothing when no text came. Called only by whoever moved the run to
   * `saving`, so the text is saved at most once, whatever races.
   */
  private async keepPartial(): Promise<SavedReplyRef | Record<string, never>> {
    if (!this.plan.keepPartial || this.text.length === 0) return {};
    try {
      return await this.plan.target.save(this.text, this.replyMeta(true));
    } catch (err) {
      this.deps.logger.error(`Saving the partial reply of stream ${this.streamId} failed: ${errorText(err)}`);
      return {};
    }
  }

  private replyMeta(partial: boolean): ReplyMeta {
    const reasoning = this.reasoning === '' ? null : this.reasoning;
    return { partial, model: this.request.model, reasoning, usage: reportedUsage(this.usage) };
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
        // append() has handed the frame to this instance's connections when it returns.
        this.deps.hub.append(this.chatSessionId, this.streamId, part.text);
        if (part.readAt !== undefined) this.deps.metrics?.relayed((performance.now() - part.readAt) / 1000);
      } else if (part.type === 'reasoning-delta') {
        // Reasoning after the reply began is not streamed (the offsets count reasoning, then
        // content), so it is not kept either: what is saved is what the tabs were shown.
        if (!part.text || this.text !== '') continue;
        this.reasoning += part.text;
        this.deps.hub.appendReasoning(this.chatSessionId, this.streamId, part.text);
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

  private async end(event: TerminalEvent): Promise<void> {
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
        kind: this.plan.target.kind,
        outcome: event.type,
        cancelReason: event.type === 'cancelled' ? event.reason : null,
        errorCode: event.type === 'error' ? event.code : null,
        partialLength: this.text.length,
        timeToFirstTokenMs: this.firstTokenAt === null ? null : this.firstTokenAt - this.startedAt,
        durationMs: endedAt - this.startedAt,
        promptTokens: this.usage.promptTokens ?? null,
        completionTokens: this.usage.completionTokens ?? null,
        cost: this.usage.cost ?? null,
        assistantMessageId: event.messageId ?? null,
        // What a repeat of this generation's key reports, whichever variant is active by then.
        variantIndex: event.variantIndex ?? null,
        startedAt: new Date(this.startedAt),
        endedAt: new Date(endedAt),
      })
      .catch((err: unknown) =>
        this.deps.logger.warn(`Analytics for stream ${this.streamId} not recorded: ${errorText(err)}`),
      );
    this.deps.metrics?.ended(this.plan.target.kind, event);
    this.deps.logger.log(
      `${this.plan.target.kind} of stream ${this.streamId} ended ${describeEnd(event)} after ${endedAt - this.startedAt} ms` +
        ` (${this.text.length} characters, model ${this.request.model})`,
    );
    try {
      await this.deps.hub.publish(this.chatSessionId, this.streamId, event);
    } finally {
      this.resolveFinished();
    }
  }
}

/** The outcome of a run in a log line's words: `done`, `error upstream_error`, `cancelled timeout`. */
function describeEnd(event: TerminalEvent): string {
  if (event.type === 'error') return `error ${event.code}`;
  if (event.type === 'cancelled') return `cancelled ${event.reason}`;
  return 'done';
}
