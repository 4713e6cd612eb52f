import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Characters gain the Character Card fields (existing rows keep name and description; every new
 * text is ""), a lorebook, what a card holds beyond them, and an avatar stored in its own table.
 */
export class CharacterCards1764730000000 implements MigrationInterface {
  name = 'CharacterCards1764730000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const column of [
      'personality',
      'scenario',
      'first_message',
      'example_messages',
      'system_prompt',
      'post_history_instructions',
      'creator_notes',
      'creator',
      'character_version',
    ]) {
      await q.query(`ALTER TABLE "characters" ADD "${column}" text NOT NULL DEFAULT ''`);
    }
    await q.query(`ALTER TABLE "characters" ADD "alternate_greetings" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "characters" ADD "tags" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "characters" ADD "extensions" jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "characters" ADD "lorebook" jsonb`);
    await q.query(`ALTER TABLE "characters" ADD "card_extras" jsonb NOT NULL DEFAULT '{"top": {}, "data": {}}'`);
    await q.query(`ALTER TABLE "characters" ADD "has_avatar" boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE "character_avatars" (
      "character_id" integer NOT NULL,
      "content_type" varchar(100) NOT NULL,
      "image" bytea NOT NULL,
      CONSTRAINT "PK_character_avatars" PRIMARY KEY ("character_id"),
      CONSTRAINT "FK_character_avatars_character" FOREIGN KEY ("character_id") REFERENCES "characters"("id") ON DELETE CASCADE)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "character_avatars"`);
    for (const column of [
      'personality',
      'scenario',
      'first_message',
      'example_messages',
      'system_prompt',
      'post_history_instructions',
      'creator_notes',
      'creator',
      'character_version',
      'alternate_greetings',
      'tags',
      'extensions',
      'lorebook',
      'card_extras',
      'has_avatar',
    ]) {
      await q.query(`ALTER TABLE "characters" DROP COLUMN "${column}"`);
    }
  }
}
