import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PreparedStatement, StatementRunner } from '../database/prepared-statement';
import { unlessParentGone } from '../database/unless-parent-gone';
import type { SavedReplyRef } from '../streaming/stream-event';
import { MessageEntity, MessageRole, MessageUsage } from './message.entity';
import { MessageVariantEntity } from './message-variant.entity';
import { textTokens } from '../prompt/token-count';

/** What is stored with a reply's text, on its variant and (while it is active) its message. */
export interface ReplyMeta {
  partial: boolean;
  model: string | null;
  reasoning: string | null;
  usage: MessageUsage | null;
}

/** A message of the conversation as regenerate and continue read it, oldest first. */
export type ConversationTurn = { id: number; role: MessageRole; content: string; tokenCount: number | null };
type ReplyRow = { id: number; variant_index: number };

/** A new assistant message ($1 session) with its variant 0, in one statement; no row when the session is gone. */
const INSERT_REPLY = new PreparedStatement<ReplyRow>(
  'hearth_insert_reply',
  `WITH m AS (
     INSERT INTO messages (chat_session_id, role, content, partial, model, reasoning, usage, token_count)
     SELECT $1::int, 'assistant', $2::text, $3::bool, $4::varchar, $5::text, $6::jsonb, $7::int
     WHERE EXISTS (SELECT 1 FROM chat_sessions WHERE id = $1::int)
     RETURNING id, created_at)
   INSERT INTO message_variants (message_id, variant_index, content, created_at, model, partial, reasoning, usage,
     token_count)
   SELECT id, 0, $2::text, created_at, $4::varchar, $3::bool, $5::text, $6::jsonb, $7::int FROM m
   RETURNING message_id AS id, variant_index`,
);

/** A new variant of assistant message $1, made the active one; no row when the message is gone. */
const ADD_VARIANT = new PreparedStatement<ReplyRow>(
  'hearth_add_variant',
  `WITH v AS (
     INSERT INTO message_variants (message_id, variant_index, content, model, partial, reasoning, usage, token_count)
     SELECT m.id, m.variant_count, $2::text, $4::varchar, $3::bool, $5::text, $6::jsonb, $7::int
     FROM messages m WHERE m.id = $1::int AND m.role = 'assistant'
     RETURNING variant_index)
   UPDATE messages m SET content = $2::text, partial = $3::bool, model = $4::varchar, reasoning = $5::text,
     usage = $6::jsonb, token_count = $7::int, active_variant = v.variant_index, variant_count = v.variant_index + 1
   FROM v WHERE m.id = $1::int
   RETURNING m.id, m.active_variant AS variant_index`,
);

/** Text $2 appended to the active variant of message $1 (a continue), its other fields replaced ($7: the whole text's tokens). */
const APPEND_TO_ACTIVE = new PreparedStatement<ReplyRow & { content: string }>(
  'hearth_append_to_active_variant',
  `WITH v AS (
     UPDATE message_variants v SET content = v.content || $2::text, partial = $3::bool,
       model = COALESCE(v.model, $4::varchar), reasoning = $5::text, usage = $6::jsonb, token_count = $7::int
     FROM messages m WHERE m.id = $1::int AND v.message_id = m.id AND v.variant_index = m.active_variant
     RETURNING v.variant_index, v.content, v.model)
   UPDATE messages m SET content = v.content, partial = $3::bool, model = v.model, reasoning = $5::text,
     usage = $6::jsonb, token_count = $7::int
   FROM v WHERE m.id = $1::int
   RETURNING m.id, m.active_variant AS variant_index, m.content`,
);

const CONVERSATION = new PreparedStatement<ConversationTurn>(
  'hearth_conversation',
  `SELECT id, role, content, token_count AS "tokenCount" FROM messages WHERE chat_session_id = $1
   ORDER BY created_at, id`,
);

/** The active variant of message $1 (of session $2) becomes variant $3, mirrored on the message. */
const SELECT_VARIANT = new PreparedStatement<{ id: number }>(
  'hearth_select_variant',
  `UPDATE messages m SET active_variant = v.variant_index, content = v.content, partial = v.partial,
     model = v.model, reasoning = v.reasoning, usage = v.usage, token_count = v.token_count
   FROM message_variants v
   WHERE m.id = $1 AND m.chat_session_id = $2 AND v.message_id = m.id AND v.variant_index = $3
   RETURNING m.id`,
);

/** New content for message $1 (of session $2) and, for an assistant message, its active variant. */
const EDIT = new PreparedStatement<{ id: number }>(
  'hearth_edit_message',
  `WITH m AS (
     UPDATE messages SET content = $3, token_count = $4 WHERE id = $1 AND chat_session_id = $2
     RETURNING id, active_variant),
   v AS (
     UPDATE message_variants v SET content = $3, token_count = $4
     FROM m WHERE v.message_id = m.id AND v.variant_index = m.active_variant)
   SELECT id FROM m`,
);

const STORE_TOKEN_COUNTS = new PreparedStatement(
  'hearth_store_token_counts',
  `UPDATE messages m SET token_count = c.tokens FROM unnest($1::int[], $2::int[]) AS c(id, tokens)
   WHERE m.id = c.id AND m.token_count IS NULL`,
);

const DELETE_ONE = new PreparedStatement<{ id: number }>(
  'hearth_delete_message',
  `DELETE FROM messages WHERE id = $1 AND chat_session_id = $2 RETURNING id`,
);

/** Message $1 and every later one of session $2 (the conversation's order: created_at, then id). */
const DELETE_FROM = new PreparedStatement<{ id: number }>(
  'hearth_delete_messages_from',
  `DELETE FROM messages WHERE chat_session_id = $2
     AND (created_at, id) >= (SELECT created_at, id FROM messages WHERE id = $1 AND chat_session_id = $2)
   RETURNING id`,
);

/**
 * The conversation-control writes: replies saved as messages, variants or continuations, variant
 * selection, edits and deletes. Each write is one statement, so a message and its active variant
 * never disagree; the session's lock keeps generations and these writes apart.
 */
@Injectable()
export class RepliesRepository {
  constructor(
    @InjectRepository(MessageVariantEntity) private readonly variantRepo: Repository<MessageVariantEntity>,
    private readonly sql: StatementRunner,
  ) {}

  /** A new assistant message; undefined when the session was deleted meanwhile. */
  async insertReply(chatSessionId: number, text: string, meta: ReplyMeta): Promise<SavedReplyRef | undefined> {
    const rows = await unlessParentGone(
      this.sql.run(INSERT_REPLY, [chatSessionId, text, ...metaValues(meta), textTokens(text)]),
    );
    return savedRef(rows?.at(0));
  }

  /** A new active variant; undefined when the message was deleted meanwhile. */
  async addVariant(messageId: number, text: string, meta: ReplyMeta): Promise<SavedReplyRef | undefined> {
    const rows = await unlessParentGone(
      this.sql.run(ADD_VARIANT, [messageId, text, ...metaValues(meta), textTokens(text)]),
    );
    return savedRef(rows?.at(0));
  }

  /**
   * `text` appended to the active variant (`wholeText`: what it then reads, for its token count);
   * undefined when the message was deleted meanwhile.
   */
  async appendToActive(
    messageId: number,
    text: string,
    wholeText: string,
    meta: ReplyMeta,
  ): Promise<SavedReplyRef | undefined> {
    const rows = await this.sql.run(APPEND_TO_ACTIVE, [messageId, text, ...metaValues(meta), textTokens(wholeText)]);
    return savedRef(rows.at(0));
  }

  conversation(chatSessionId: number): Promise<ConversationTurn[]> {
    return this.sql.run(CONVERSATION, [chatSessionId]);
  }

  variants(messageId: number): Promise<MessageVariantEntity[]> {
    return this.variantRepo.find({ where: { messageId }, order: { variantIndex: 'ASC' } });
  }

  /** False when the message is not in the session or has no such variant. */
  async selectVariant(chatSessionId: number, messageId: number, index: number): Promise<boolean> {
    return (await this.sql.run(SELECT_VARIANT, [messageId, chatSessionId, index])).length > 0;
  }

  /** False when the message is not in the session. */
  async edit(chatSessionId: number, messageId: number, content: string): Promise<boolean> {
    return (await this.sql.run(EDIT, [messageId, chatSessionId, content, textTokens(content)])).length > 0;
  }

  /** Stores token counts of messages saved before counting existed, once a send has counted them. */
  async storeTokenCounts(counts: Array<{ id: number; tokenCount: number }>): Promise<void> {
    if (counts.length === 0) return;
    await this.sql.run(STORE_TOKEN_COUNTS, [counts.map((c) => c.id), counts.map((c) => c.tokenCount)]);
  }

  /** The ids deleted: none when the message is not in the session. */
  async delete(chatSessionId: number, messageId: number, andLater: boolean): Promise<number[]> {
    const rows = await this.sql.run(andLater ? DELETE_FROM : DELETE_ONE, [messageId, chatSessionId]);
    return rows.map((r) => r.id);
  }
}

function metaValues(meta: ReplyMeta): unknown[] {
  return [meta.partial, meta.model, meta.reasoning, meta.usage === null ? null : JSON.stringify(meta.usage)];
}

function savedRef(row: ReplyRow | undefined): SavedReplyRef | undefined {
  return row && { messageId: row.id, variantIndex: row.variant_index };
}

/** The message a user message counts as for the variants route: its own single variant. */
export function userMessageAsVariant(m: MessageEntity): MessageVariantEntity {
  return Object.assign(new MessageVariantEntity(), {
    messageId: m.id,
    variantIndex: 0,
    content: m.content,
    createdAt: m.createdAt,
    model: null,
    partial: false,
    reasoning: null,
    usage: null,
  });
}
