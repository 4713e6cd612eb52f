import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CardExtras, JsonObject, Lorebook } from './card/card-fields';

@Entity('characters')
export class CharacterEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: '' })
  personality: string;

  @Column({ type: 'text', default: '' })
  scenario: string;

  @Column({ name: 'first_message', type: 'text', default: '' })
  firstMessage: string;

  @Column({ name: 'alternate_greetings', type: 'jsonb', default: () => "'[]'" })
  alternateGreetings: string[];

  @Column({ name: 'example_messages', type: 'text', default: '' })
  exampleMessages: string;

  @Column({ name: 'system_prompt', type: 'text', default: '' })
  systemPrompt: string;

  @Column({ name: 'post_history_instructions', type: 'text', default: '' })
  postHistoryInstructions: string;

  @Column({ name: 'creator_notes', type: 'text', default: '' })
  creatorNotes: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags: string[];

  @Column({ type: 'text', default: '' })
  creator: string;

  @Column({ name: 'character_version', type: 'text', default: '' })
  characterVersion: string;

  /** The card's `data.extensions` (SillyTavern's and other tools' own settings), given back on export. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  extensions: JsonObject;

  @Column({ type: 'jsonb', nullable: true })
  lorebook: Lorebook | null;

  /** Card fields Hearth has no column for, so that an export loses nothing. */
  @Column({ name: 'card_extras', type: 'jsonb', default: () => `'{"top": {}, "data": {}}'` })
  cardExtras: CardExtras;

  /**
   * Whether character_avatars has a row for it; kept here (written in the same transaction) so
   * the list needs no join and never touches the image bytes.
   */
  @Column({ name: 'has_avatar', type: 'boolean', default: false })
  hasAvatar: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
