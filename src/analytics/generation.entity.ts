import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { GenerationKind } from '../streaming/stream-event';

export type GenerationOutcome = 'done' | 'error' | 'cancelled';

/** One row per generation, written at its terminal event: the data behind /api/analytics. */
@Entity('generations')
@Check('generations_outcome_check', `"outcome" IN ('done', 'error', 'cancelled')`)
@Check('generations_kind_check', `"kind" IN ('send', 'regenerate', 'continue')`)
@Index('idx_generations_started', ['startedAt'])
@Index('idx_generations_session', ['chatSessionId'])
export class GenerationEntity {
  @PrimaryColumn({ name: 'stream_id', type: 'uuid' })
  streamId: string;

  /** Not a foreign key: analytics outlive deleted sessions. */
  @Column({ name: 'chat_session_id', type: 'int' })
  chatSessionId: number;

  @Column({ type: 'varchar', length: 200 })
  model: string;

  @Column({ type: 'varchar', length: 16, default: 'send' })
  kind: GenerationKind;

  @Column({ type: 'varchar', length: 16 })
  outcome: GenerationOutcome;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 32, nullable: true })
  cancelReason: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 32, nullable: true })
  errorCode: string | null;

  @Column({ name: 'partial_length', type: 'int', default: 0 })
  partialLength: number;

  @Column({ name: 'time_to_first_token_ms', type: 'int', nullable: true })
  timeToFirstTokenMs: number | null;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs: number;

  @Column({ name: 'prompt_tokens', type: 'int', nullable: true })
  promptTokens: number | null;

  @Column({ name: 'completion_tokens', type: 'int', nullable: true })
  completionTokens: number | null;

  @Column({ type: 'double precision', nullable: true })
  cost: number | null;

  @Column({ name: 'assistant_message_id', type: 'int', nullable: true })
  assistantMessageId: number | null;

  /** The variant of that message the reply was saved as (0 for a send); null when nothing was saved. */
  @Column({ name: 'variant_index', type: 'int', nullable: true })
  variantIndex: number | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt: Date;
}
