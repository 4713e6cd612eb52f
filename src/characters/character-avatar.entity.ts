import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CharacterEntity } from './character.entity';

/**
 * A character's image, in the database so every instance of a deployment serves it; a table of
 * its own so that no character query reads the bytes by accident.
 */
@Entity('character_avatars')
export class CharacterAvatarEntity {
  @PrimaryColumn({ name: 'character_id', type: 'integer' })
  characterId: number;

  @OneToOne(() => CharacterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'character_id', foreignKeyConstraintName: 'FK_character_avatars_character' })
  character?: CharacterEntity;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'bytea' })
  image: Buffer;
}
