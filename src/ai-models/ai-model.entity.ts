import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('ai_models')
export class AiModelEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The OpenRouter model id sent upstream, e.g. `openai/gpt-4o-mini`. */
  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
