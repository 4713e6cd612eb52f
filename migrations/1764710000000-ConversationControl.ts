import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Variants ("swipes") of assistant messages, partial replies kept on cancel, and the kind of
 * each generation. Every existing assistant message becomes its own single variant, with the
 * model and token usage its generation row recorded, so nothing is lost.
 */
export class ConversationControl1764710000000 implements MigrationInterface {
  name = 'ConversationControl1764710000000';

  public async up(q: QueryRunner): Promise<void> {
    // The message row mirrors its active variant, so the list and the prompt history never join.
    await q.query(`ALTER TABLE "messages"
      ADD "active_variant" integer NOT NULL DEFAULT 0,
      ADD "variant_count" integer NOT NULL DEFAULT 1,
      ADD "partial" boolean NOT NULL DEFAULT false,
      ADD "model" varchar(200),
      ADD "reasoning" text,
      ADD "usage" jsonb`);
    await q.query(`CREATE TABLE "message_variants" (
      "message_id" integer NOT NULL,
      "variant_index" integer NOT NULL,
      "content" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "model" varchar(200),
      "partial" boolean NOT NULL DEFAULT false,
      "reasoning" text,
      "usage" jsonb,
      CONSTRAINT "message_variants_pkey" PRIMARY KEY ("message_id", "variant_index"),
      CONSTRAINT "message_variants_message_id_fkey" FOREIGN KEY ("message_id")
        REFERENCES "messages"("id") ON DELETE CASCADE)`);
    await q.query(`UPDATE "messages" m SET "model" = g."model",
        "usage" = CASE WHEN g."prompt_tokens" IS NULL AND g."completion_tokens" IS NULL AND g."cost" IS NULL THEN NULL
          ELSE jsonb_strip_nulls(jsonb_build_object('promptTokens', g."prompt_tokens",
            'completionTokens', g."completion_tokens", 'cost', g."cost")) END
      FROM "generations" g WHERE g."assistant_message_id" = m."id" AND m."role" = 'assistant'`);
    await q.query(`INSERT INTO "message_variants" ("message_id", "variant_index", "content", "created_at", "model", "usage")
      SELECT "id", 0, "content", "created_at", "model", "usage" FROM "messages" WHERE "role" = 'assistant'`);
    await q.query(`ALTER TABLE "chat_sessions" ADD "keep_partial_on_cancel" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "generations" ADD "kind" varchar(16) NOT NULL DEFAULT 'send'`);
    await q.query(`ALTER TABLE "generations" ADD CONSTRAINT "generations_kind_check"
      CHECK ("kind" IN ('send', 'regenerate', 'continue'))`);
    // A regenerate or continue has no user message to mark its key started: its start event does.
    await q.query(`ALTER TABLE "idempotency_keys" ADD "start" jsonb`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "start"`);
    await q.query(`ALTER TABLE "generations" DROP CONSTRAINT "generations_kind_check"`);
    await q.query(`ALTER TABLE "generations" DROP COLUMN "kind"`);
    await q.query(`ALTER TABLE "chat_sessions" DROP COLUMN "keep_partial_on_cancel"`);
    await q.query(`DROP TABLE "message_variants"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "active_variant", DROP COLUMN "variant_count",
      DROP COLUMN "partial", DROP COLUMN "model", DROP COLUMN "reasoning", DROP COLUMN "usage"`);
  }
}
