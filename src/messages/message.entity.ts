import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChatSessionEntity } from '../chat-sessions/chat-session.entity';

export type MessageRole = 'user' | 'assistant';

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
}
