import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StartEvent } from '../streaming/stream-event';

/**
 * The generation a send with an Idempotency-Key started, so a repeat of it (a client retrying
 * after a cut) finds that generation instead of starting another. Not a foreign key to the
 * session, like analytics: a deleted session's rows are swept with the rest after 24 h.
 */
@Entity('idempotency_keys')
@Index('idx_idempotency_keys_created', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'chat_session_id', type: 'int' })
  chatSessionId: number;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ name: 'stream_id', type: 'uuid' })
  streamId: string;

  /** A send's user message, once saved. */
  @Column({ name: 'user_message_id', type: 'int', nullable: true })
  userMessageId: number | null;

  /**
   * The generation's `start` event, once it started: what a repeat is answered with first. Null
   * while the first request is still starting (or was refused and is about to be deleted), and in
   * rows written before it existed, which have their user message instead.
   */
  @Column({ type: 'jsonb', nullable: true })
  start: StartEvent | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
