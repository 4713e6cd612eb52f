import { Logger } from '@nestjs/common';
import { ErrorEvent } from '../stream-event';
import { toFrame } from '../sse-framing';
import type { OrphanedGeneration } from '../orphaned-generation-hook';
import { lockToken } from './protocol';
import { SCRIPTS } from './scripts';
import type { GenerationWriter } from './generation-writer';
import type { SessionFeed } from './session-feed';
import type { RedisLink } from './link';
import { errorText } from '../../errors/domain-error';

const ORPHANED: ErrorEvent = {
  type: 'error',
  code: 'internal',
  error: 'The server generating this reply stopped; send the message again',
};

export type ReapResult = 'alive' | 'ended' | 'gone' | 'reaped';

/**
 * The session locks: taken with a lease, renewed by their owner every third of it, and the
 * reaper that ends (once, whoever gets there first) a generation whose owner stopped renewing.
 */
export class Lease {
  private readonly logger = new Logger('RedisStreamHub');

  constructor(
    private readonly link: RedisLink,
    private readonly writer: GenerationWriter,
    private readonly onOrphaned: ((orphan: OrphanedGeneration) => Promise<void>) | undefined,
  ) {}

  async acquire(sessionId: number, streamId: string): Promise<boolean> {
    const keys = this.link.keys(sessionId);
    const token = lockToken(this.link.instanceId, streamId);
    const reply = await this.link.answered(
      'lock',
      SCRIPTS.acquire.run(this.link.cmd, [keys.lock, keys.gen], [token, this.link.settings.leaseMs, streamId]),
    );
    if (!reply.acquired) return false;
    const orphan = reply.orphan;
    if (orphan) {
      // The previous generation's instance died before ending it: end it now, before ours starts.
      await this.reap(sessionId, orphan.streamId, orphan.partialLength).catch((err: unknown) => {
        this.link.failed('reap');
        this.logger.warn(`Could not end orphaned stream ${orphan.streamId}: ${errorText(err)}`);
      });
    }
    this.writer.own(sessionId, streamId, token);
    return true;
  }

  /**
   * Ends an orphaned generation with an `error` frame, once, and records it when this call is
   * the one that ended it. `force` is the lock token of an owner known to be unreachable.
   */
  async reap(sessionId: number, streamId: string, lengthGuess?: number, force = ''): Promise<ReapResult> {
    const { cmd, settings } = this.link;
    const keys = this.link.keys(sessionId);
    let expected = lengthGuess === undefined ? '' : String(lengthGuess);
    for (let attempt = 0; attempt < 3; attempt++) {
      const wire = expected === '' ? '' : toFrame(streamId, Number(expected), ORPHANED).wire;
      const reply = await SCRIPTS.reap.run(
        cmd,
        [keys.lock, keys.gen, keys.text, keys.events, keys.reasoning],
        [streamId, expected, keys.channel, wire, settings.endedRetentionMs, settings.streamMaxLen, force],
      );
      if (reply.kind === 'wrong_length') {
        expected = String(reply.partialLength);
        continue;
      }
      if (reply.kind !== 'reaped') return reply.kind;
      this.logger.warn(`Stream ${streamId} of chat session ${sessionId} was orphaned by its instance; ended it`);
      await this.onOrphaned?.({
        chatSessionId: sessionId,
        streamId,
        // The offset counts the reasoning too; the partial length is the content's.
        partialLength: Number(expected) - reply.reasoningLength,
        startedAt: reply.startedAt,
        firstTokenAt: reply.firstTokenAt,
        endedAt: new Date(),
      }).catch((err: unknown) => this.logger.warn(`Recording orphaned stream ${streamId}: ${errorText(err)}`));
      return 'reaped';
    }
    return 'alive';
  }

  /** Renews the locks owned here (every third of the lease); a lock found taken fails its generation. */
  renewOwned(): Array<Promise<unknown>> {
    const { cmd, settings } = this.link;
    return this.writer.all().map((gen) =>
      SCRIPTS.renew.run(cmd, [gen.feed.keys.lock], [gen.token, settings.leaseMs]).then(
        (renewed) => {
          if (renewed) return;
          this.link.failed('lock');
          this.writer.fail(gen, 'lost its lock');
        },
        // Counted; a lost connection fails the generations when the commands connection closes.
        () => this.link.failed('lock'),
      ),
    );
  }

  /** Ends the generation another instance runs in the feed's session if its owner died; null when none is followed. */
  reapIfOrphaned(feed: SessionFeed): Promise<unknown> | null {
    const live = feed.live;
    if (!live || this.writer.get(feed.sessionId)?.streamId === live) return null;
    return this.reap(feed.sessionId, live).then(
      // Ended or replaced without this instance hearing it: stop watching it.
      (result) => {
        if (result !== 'alive' && feed.live === live) feed.live = null;
      },
      () => this.link.failed('reap'),
    );
  }
}
