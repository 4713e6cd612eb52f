import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChatSessionEntity } from '../chat-sessions/chat-session.entity';

export type MessageRole = 'user' | 'assistant';

/** Token counts and cost a provider reported for one reply (contract: a message's `usage`). */
export interface MessageUsage {
  promptTokens?: number;
  completionTokens?: number;
  cost?: number;
}

/**
 * One turn of a conversation. An assistant message has one or more variants (message_variants);
 * its row mirrors the active one (content, partial, model, reasoning, usage) so that the list and
 * the prompt history read one table. A user message has no variant rows: it is its own variant 0.
 */
@Entity('messages')
@Check('messages_role_check', `"role" IN ('user', 'assistant')`)
@Index('idx_messages_session_created', ['chatSessionId', 'createdAt', 'id'])
export class MessageEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'chat_session_id', type: 'int' })
  chatSessionId: number;

  @ManyToOne(() => ChatSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chat_session_id', foreignKeyConstraintName: 'messages_chat_session_id_fkey' })
  chatSession?: ChatSessionEntity;

  @Column({ type: 'varchar', length: 16 })
  role: MessageRole;

  @Column({ type: 'text' })
  content: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  // Initialised: a message built in code (a user message just saved) is what the columns default to.
  @Column({ name: 'active_variant', type: 'int', default: 0 })
  activeVariant = 0;

  @Column({ name: 'variant_count', type: 'int', default: 1 })
  variantCount = 1;

  @Column({ type: 'boolean', default: false })
  partial = false;

  @Column({ type: 'varchar', length: 200, nullable: true })
  model: string | null = null;

  @Column({ type: 'text', nullable: true })
  reasoning: string | null = null;

  @Column({ type: 'jsonb', nullable: true })
  usage: MessageUsage | null = null;

  /** Tokens of the text (prompt/token-count.ts), taken as it was saved; null for rows saved before counting. */
  @Column({ name: 'token_count', type: 'int', nullable: true })
  tokenCount: number | null = null;
}
