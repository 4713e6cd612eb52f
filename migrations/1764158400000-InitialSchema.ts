import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764158400000 implements MigrationInterface {
  name = 'InitialSchema1764158400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "application_settings" (
      "key" varchar(100) PRIMARY KEY,
      "value" text NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "ai_models" (
      "id" SERIAL PRIMARY KEY,
      "label" varchar(200) NOT NULL,
      "name" varchar(200),
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "system_prompts" (
      "id" SERIAL PRIMARY KEY,
      "name" varchar(200) NOT NULL,
      "content" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "characters" (
      "id" SERIAL PRIMARY KEY,
      "name" varchar(200) NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "user_profiles" (
      "id" SERIAL PRIMARY KEY,
      "name" varchar(200) NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "chat_sessions" (
      "id" SERIAL PRIMARY KEY,
      "name" varchar(200),
      "ai_model_id" integer NOT NULL REFERENCES "ai_models"("id") ON DELETE RESTRICT,
      "system_prompt_id" integer REFERENCES "system_prompts"("id") ON DELETE SET NULL,
      "character_id" integer REFERENCES "characters"("id") ON DELETE SET NULL,
      "user_profile_id" integer REFERENCES "user_profiles"("id") ON DELETE SET NULL,
      "pre_system_prompt" text,
      "post_system_prompt" text,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "idx_chat_sessions_ai_model" ON "chat_sessions" ("ai_model_id")`);
    await q.query(`CREATE TABLE "messages" (
      "id" SERIAL PRIMARY KEY,
      "chat_session_id" integer NOT NULL REFERENCES "chat_sessions"("id") ON DELETE CASCADE,
      "role" varchar(16) NOT NULL CHECK ("role" IN ('user', 'assistant')),
      "content" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX "idx_messages_session_created" ON "messages" ("chat_session_id", "created_at", "id")`);
    await q.query(`CREATE TABLE "generations" (
      "stream_id" uuid PRIMARY KEY,
      "chat_session_id" integer NOT NULL,
      "model" varchar(200) NOT NULL,
      "outcome" varchar(16) NOT NULL CHECK ("outcome" IN ('done', 'error', 'cancelled')),
      "cancel_reason" varchar(32),
      "error_code" varchar(32),
      "partial_length" integer NOT NULL DEFAULT 0,
      "time_to_first_token_ms" integer,
      "duration_ms" integer NOT NULL,
      "prompt_tokens" integer,
      "completion_tokens" integer,
      "cost" double precision,
      "assistant_message_id" integer,
      "started_at" timestamptz NOT NULL,
      "ended_at" timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX "idx_generations_started" ON "generations" ("started_at")`);
    await q.query(`CREATE INDEX "idx_generations_session" ON "generations" ("chat_session_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'generations',
      'messages',
      'chat_sessions',
      'user_profiles',
      'characters',
      'system_prompts',
      'ai_models',
      'application_settings',
    ]) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  }
}
