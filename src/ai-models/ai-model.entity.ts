import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GenerationParameters } from '../provider/generation-parameters';

@Entity('ai_models')
export class AiModelEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The OpenRouter model id sent upstream, e.g. `openai/gpt-4o-mini`. */
  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  /** A configured provider id (openrouter, openai, anthropic or an OPENAI_COMPATIBLE_ENDPOINTS name). */
  @Column({ type: 'varchar', length: 60, default: 'openrouter' })
  provider: string;

  /** Tokens the model takes in all; the context budget's limit when set. */
  @Column({ name: 'context_length', type: 'int', nullable: true })
  contextLength: number | null;

  @Column({ type: 'jsonb', nullable: true })
  parameters: GenerationParameters | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
