import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token counts per message and variant, taken as each is saved, so a send in a long chat never
 * counts its history again. Null for rows saved before: counted on their first send, then stored.
 */
export class ContextBudget1764740000000 implements MigrationInterface {
  name = 'ContextBudget1764740000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD "token_count" integer`);
    await q.query(`ALTER TABLE "message_variants" ADD "token_count" integer`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "message_variants" DROP COLUMN "token_count"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "token_count"`);
  }
}
