import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Key/value application settings; secret values are stored as Fernet tokens. */
@Entity('application_settings')
export class ApplicationSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'text' })
  value: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
