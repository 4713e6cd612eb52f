import { MigrationInterface, QueryRunner } from 'typeorm';

/** Repeated send-message requests (Idempotency-Key) find the generation the first one started. */
export class IdempotencyKeys1764547200000 implements MigrationInterface {
  name = 'IdempotencyKeys1764547200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idempotency_keys" (
      "chat_session_id" integer NOT NULL,
      "key" varchar(255) NOT NULL,
      "stream_id" uuid NOT NULL,
      "user_message_id" integer,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("chat_session_id", "key"))`);
    await q.query(`CREATE INDEX "idx_idempotency_keys_created" ON "idempotency_keys" ("created_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "idempotency_keys"`);
  }
}
