import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

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

  /** Null while the first request is still starting (or was refused and is about to be deleted). */
  @Column({ name: 'user_message_id', type: 'int', nullable: true })
  userMessageId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
