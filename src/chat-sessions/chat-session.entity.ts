import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AiModelEntity } from '../ai-models/ai-model.entity';
import { SystemPromptEntity } from '../system-prompts/system-prompt.entity';
import { CharacterEntity } from '../characters/character.entity';
import { UserProfileEntity } from '../user-profiles/user-profile.entity';
import type { GenerationParameters } from '../provider/generation-parameters';

@Entity('chat_sessions')
@Index('idx_chat_sessions_ai_model', ['aiModelId'])
export class ChatSessionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ name: 'ai_model_id', type: 'int' })
  aiModelId: number;

  @ManyToOne(() => AiModelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_model_id', foreignKeyConstraintName: 'chat_sessions_ai_model_id_fkey' })
  aiModel?: AiModelEntity;

  @Column({ name: 'system_prompt_id', type: 'int', nullable: true })
  systemPromptId: number | null;

  @ManyToOne(() => SystemPromptEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'system_prompt_id', foreignKeyConstraintName: 'chat_sessions_system_prompt_id_fkey' })
  systemPrompt?: SystemPromptEntity | null;

  @Column({ name: 'character_id', type: 'int', nullable: true })
  characterId: number | null;

  @ManyToOne(() => CharacterEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'character_id', foreignKeyConstraintName: 'chat_sessions_character_id_fkey' })
  character?: CharacterEntity | null;

  @Column({ name: 'user_profile_id', type: 'int', nullable: true })
  userProfileId: number | null;

  @ManyToOne(() => UserProfileEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_profile_id', foreignKeyConstraintName: 'chat_sessions_user_profile_id_fkey' })
  userProfile?: UserProfileEntity | null;

  @Column({ name: 'pre_system_prompt', type: 'text', nullable: true })
  preSystemPrompt: string | null;

  @Column({ name: 'post_system_prompt', type: 'text', nullable: true })
  postSystemPrompt: string | null;

  /** Keep the text of a stopped or failed reply as a partial message (contract: keepPartialOnCancel). */
  @Column({ name: 'keep_partial_on_cancel', type: 'boolean', default: false })
  keepPartialOnCancel: boolean;
  /** Overrides the model's parameters, key by key (mergeParameters). */
  @Column({ type: 'jsonb', nullable: true })
  parameters: GenerationParameters | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
