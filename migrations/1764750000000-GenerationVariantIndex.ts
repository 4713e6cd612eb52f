import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which variant a generation saved its reply as, beside the message it saved it in, so a repeat
 * of a finished regenerate (Idempotency-Key) reports that variant, not whichever is active now.
 * Null for generations that saved nothing, and for those recorded before: a repeat of one of
 * those falls back to the message's active variant, as it did.
 */
export class GenerationVariantIndex1764750000000 implements MigrationInterface {
  name = 'GenerationVariantIndex1764750000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "generations" ADD "variant_index" integer`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "generations" DROP COLUMN "variant_index"`);
  }
}
