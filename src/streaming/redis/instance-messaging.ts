import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CancelReason } from '../stream-event';
import type { CancelOutcome } from '../stream-hub';
import { InstanceRequest, decodeInstanceMessage, encodeInstanceMessage, parseLockToken } from './protocol';
import type { LockOwner } from './script-replies';
import type { GenerationWriter, RunHandlers } from './generation-writer';
import type { Lease } from './lease';
import type { RedisLink } from './link';
import { errorText } from '../../errors/domain-error';

/** How long a joining connection waits for the owner's flush before reading Redis as it is. */
const FLUSH_REQUEST_TIMEOUT_MS = 500;

/** What another instance answers a request with. */
type InstanceAnswer = CancelOutcome | 'flushed';

/**
 * Requests between instances, routed to the generation's owner on its instance channel: cancel
 * it, or send what it holds back for Redis; and answering the same from others.
 */
export class InstanceMessaging {
  private readonly logger = new Logger('RedisStreamHub');
  private readonly requests = new Map<string, { resolve: (answer: InstanceAnswer) => void; timer: NodeJS.Timeout }>();

  constructor(
    private readonly link: RedisLink,
    private readonly writer: GenerationWriter,
    private readonly lease: Lease,
    private readonly handlers: RunHandlers,
  ) {}

  async requestCancel(sessionId: number, reason: CancelReason): Promise<CancelOutcome> {
    const lockValue = await this.link.answered('request', this.link.cmd.get(this.link.keys(sessionId).lock));
    const lock = lockValue ? parseLockToken(lockValue) : undefined;
    const cancel = this.handlers.cancel;
    if (!lock || !cancel) return { status: 'not_running' };
    if (lock.instanceId === this.link.instanceId) return cancel(sessionId, lock.streamId, reason);

    const request = {
      t: 'cancel',
      id: randomUUID(),
      from: this.link.instanceId,
      sessionId,
      streamId: lock.streamId,
      reason,
    } as const;
    // The owner's silence is as much "cannot answer" as Redis's own.
    const answer = await this.link.answered(
      'request',
      this.ask(lock.instanceId, request, this.link.settings.requestTimeoutMs, 'cancel'),
    );
    if (answer !== 'gone') return answer === 'flushed' ? { status: 'not_running' } : answer;
    // Nobody listens for that instance: it is gone. End its generation now rather than at lease expiry.
    await this.link.answered('reap', this.lease.reap(sessionId, lock.streamId, undefined, lockValue ?? ''));
    return { status: 'not_running' };
  }

  /**
   * Asks the instance running a session's generation to send what it holds back for Redis, so a
   * snapshot read after this is exact. Best effort: an owner that is gone or slow leaves Redis as it is.
   */
  async syncWithOwner(sessionId: number, lock: LockOwner): Promise<void> {
    if (lock.instanceId === this.link.instanceId) return;
    const request = {
      t: 'flush',
      id: randomUUID(),
      from: this.link.instanceId,
      sessionId,
      streamId: lock.streamId,
    } as const;
    await this.ask(lock.instanceId, request, FLUSH_REQUEST_TIMEOUT_MS, 'flush').catch((err: unknown) => {
      this.link.failed('request');
      this.logger.debug(`Chat session ${sessionId}: ${errorText(err)}`);
    });
  }

  /** Sends a request to another instance and waits for its answer; 'gone' when nobody listens there. */
  private async ask(
    instanceId: string,
    request: InstanceRequest,
    timeoutMs: number,
    what: string,
  ): Promise<InstanceAnswer | 'gone'> {
    const answered = new Promise<InstanceAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.requests.delete(request.id);
        reject(new Error(`The instance running chat session ${request.sessionId}'s reply did not answer the ${what}`));
      }, timeoutMs);
      this.requests.set(request.id, { resolve, timer });
    });
    const receivers = await this.link.cmd
      .publish(this.link.channelOf(instanceId), encodeInstanceMessage(request))
      .catch((err: unknown) => {
        this.settle(request.id);
        throw err;
      });
    if (receivers > 0) return answered;
    this.settle(request.id);
    return 'gone';
  }

  private settle(id: string, answer?: InstanceAnswer): void {
    const req = this.requests.get(id);
    if (!req) return;
    this.requests.delete(id);
    clearTimeout(req.timer);
    if (answer) req.resolve(answer);
  }

  /** A message on this instance's channel: a request to answer, or an answer to a request. */
  onMessage(text: string): void {
    const m = decodeInstanceMessage(text);
    if (!m) return;
    if (m.t === 'reply' || m.t === 'flushed') {
      this.settle(m.id, m.t === 'reply' ? m.outcome : 'flushed');
      return;
    }
    const { cmd } = this.link;
    const replyTo = this.link.channelOf(m.from);
    if (m.t === 'flush') {
      const own = this.writer.get(m.sessionId);
      const flushed = own?.streamId === m.streamId ? this.writer.flush(own) : Promise.resolve();
      void flushed
        .then(() => cmd.publish(replyTo, encodeInstanceMessage({ t: 'flushed', id: m.id })))
        .catch((err: unknown) => {
          this.link.failed('request');
          this.logger.warn(`Answering a flush for chat session ${m.sessionId}: ${errorText(err)}`);
        });
      return;
    }
    void (async () => {
      const own = this.writer.get(m.sessionId);
      const cancel = this.handlers.cancel;
      const outcome: CancelOutcome =
        cancel && own?.streamId === m.streamId
          ? await cancel(m.sessionId, m.streamId, m.reason).catch(() => ({ status: 'not_running' as const }))
          : { status: 'not_running' };
      await cmd.publish(replyTo, encodeInstanceMessage({ t: 'reply', id: m.id, outcome }));
    })().catch((err: unknown) => {
      this.link.failed('request');
      this.logger.warn(`Answering a cancel for chat session ${m.sessionId}: ${errorText(err)}`);
    });
  }

  /** Shutdown: no answer is awaited any more. */
  stop(): void {
    for (const req of this.requests.values()) clearTimeout(req.timer);
  }
}
