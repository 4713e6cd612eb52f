import { Injectable, Logger } from '@nestjs/common';
import { errorText } from '../errors/domain-error';
import { GenerationsRepository } from '../analytics/generations.repository';
import { MessagesRepository } from './messages.repository';
import { HearthMetrics } from '../metrics/hearth-metrics';
import type { OrphanedGeneration, OrphanedGenerationHook } from '../streaming/orphaned-generation-hook';

/**
 * Writes the analytics row of a generation whose instance died (ended by the Redis hub of another
 * instance, which calls this through ORPHANED_GENERATION_HOOK): outcome `error`/`internal`, as
 * its tabs were told. The model is the session's current one (the dead instance took the one it
 * used with it); usage and kind are unknown (recorded as a send); a partial reply is not kept.
 */
@Injectable()
export class OrphanGenerationRecorder implements OrphanedGenerationHook {
  private readonly logger = new Logger('OrphanGenerationRecorder');

  constructor(
    private readonly recorder: GenerationsRepository,
    private readonly messages: MessagesRepository,
    private readonly metrics: HearthMetrics,
  ) {}

  async onOrphanedGeneration(orphan: OrphanedGeneration): Promise<void> {
    this.metrics.orphanEnded();
    const session = await this.messages.sendContext(orphan.chatSessionId);
    const startedAt = orphan.startedAt ?? orphan.endedAt;
    await this.recorder
      .record({
        streamId: orphan.streamId,
        chatSessionId: orphan.chatSessionId,
        model: session?.model ?? 'unknown',
        // The dead instance took what started it with it; most generations are sends.
        kind: 'send',
        outcome: 'error',
        cancelReason: null,
        errorCode: 'internal',
        partialLength: orphan.partialLength,
        timeToFirstTokenMs: orphan.firstTokenAt ? orphan.firstTokenAt.getTime() - startedAt.getTime() : null,
        durationMs: orphan.endedAt.getTime() - startedAt.getTime(),
        promptTokens: null,
        completionTokens: null,
        cost: null,
        assistantMessageId: null,
        variantIndex: null,
        startedAt,
        endedAt: orphan.endedAt,
      })
      // The owner may have recorded it after all (it was only cut off from Redis): one row is enough.
      .catch((err: unknown) => this.logger.warn(`Analytics for orphaned stream ${orphan.streamId}: ${errorText(err)}`));
  }
}
