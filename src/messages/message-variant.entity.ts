import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MessageEntity, MessageUsage } from './message.entity';

/** One alternative reply ("swipe") of an assistant message; the message row mirrors the active one. */
@Entity('message_variants')
export class MessageVariantEntity {
  @PrimaryColumn({ name: 'message_id', type: 'int', primaryKeyConstraintName: 'message_variants_pkey' })
  messageId: number;

  @PrimaryColumn({ name: 'variant_index', type: 'int', primaryKeyConstraintName: 'message_variants_pkey' })
  variantIndex: number;

  @ManyToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'message_variants_message_id_fkey' })
  message?: MessageEntity;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  model: string | null;

  @Column({ type: 'boolean', default: false })
  partial: boolean;

  @Column({ type: 'text', nullable: true })
  reasoning: string | null;

  @Column({ type: 'jsonb', nullable: true })
  usage: MessageUsage | null;

  /** Tokens of the text (prompt/token-count.ts), taken as it was saved; null for rows saved before counting. */
  @Column({ name: 'token_count', type: 'int', nullable: true })
  tokenCount: number | null;
}
