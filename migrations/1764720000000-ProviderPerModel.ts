import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A provider per AI model (existing models stay on OpenRouter), the model's context length, and
 * generation parameters on models and chat sessions (the session's override the model's, key by key).
 */
export class ProviderPerModel1764720000000 implements MigrationInterface {
  name = 'ProviderPerModel1764720000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ai_models"
      ADD COLUMN "provider" varchar(60) NOT NULL DEFAULT 'openrouter',
      ADD COLUMN "context_length" integer NULL,
      ADD COLUMN "parameters" jsonb NULL`);
    await q.query(`ALTER TABLE "chat_sessions" ADD COLUMN "parameters" jsonb NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "chat_sessions" DROP COLUMN IF EXISTS "parameters"`);
    await q.query(`ALTER TABLE "ai_models"
      DROP COLUMN IF EXISTS "parameters",
      DROP COLUMN IF EXISTS "context_length",
      DROP COLUMN IF EXISTS "provider"`);
  }
}
