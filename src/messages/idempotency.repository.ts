import { Injectable } from '@nestjs/common';
import { PreparedStatement, StatementRunner } from '../database/prepared-statement';
import type { CancelReason, GenerationErrorCode, GenerationKind, StartEvent } from '../streaming/stream-event';
import { toMessageDto } from './messages.service';
import { sendStart } from './idempotency-key';
import type { GenerationOutcome } from '../analytics/generation.entity';
import { MessageEntity, MessageRole } from './message.entity';

/** How long a key holds; older rows are ignored, then deleted by sweep(). */
const TTL = `interval '24 hours'`;
/**
 * A claim whose user message was never recorded after this long belongs to a request that died
 * while starting (its instance crashed): a repeat may take the key over.
 */
const ABANDONED = `interval '1 minute'`;

type StreamRow = { stream_id: string };
type MessageRow = {
  id: number;
  chat_session_id: number;
  role: MessageRole;
  content: string;
  created_at: Date | string;
};
type KeyRow = { stream_id: string; start: StartEvent | null; user_message: MessageRow | null };
type OutcomeRow = {
  kind: GenerationKind;
  partial_length: number;
  outcome: GenerationOutcome;
  error_code: GenerationErrorCode | null;
  cancel_reason: CancelReason | null;
  assistant_message_id: number | null;
  assistant_content: string | null;
  assistant_variant_index: number | null;
  assistant_reasoning: string | null;
};

/**
 * Takes the key ($1 session, $2 key) for stream $3: inserted, or taken over from a row that is
 * stale. No row back: another request holds it. The primary key settles races between
 * instances, so this needs no lock of its own.
 */
const CLAIM = new PreparedStatement<StreamRow>(
  'hearth_idempotency_claim',
  `INSERT INTO idempotency_keys (chat_session_id, key, stream_id) VALUES ($1, $2, $3)
   ON CONFLICT (chat_session_id, key) DO UPDATE
     SET stream_id = EXCLUDED.stream_id, user_message_id = NULL, start = NULL, created_at = now()
     WHERE idempotency_keys.created_at < now() - ${TTL}
        OR (idempotency_keys.user_message_id IS NULL AND idempotency_keys.start IS NULL
            AND idempotency_keys.created_at < now() - ${ABANDONED})
   RETURNING stream_id`,
);

const FIND = new PreparedStatement<KeyRow>(
  'hearth_idempotency_find',
  `SELECT k.stream_id, k.start,
          CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object('id', m.id, 'chat_session_id', m.chat_session_id,
            'role', m.role, 'content', m.content, 'created_at', m.created_at) END AS user_message
   FROM idempotency_keys k LEFT JOIN messages m ON m.id = k.user_message_id
   WHERE k.chat_session_id = $1 AND k.key = $2 AND k.created_at >= now() - ${TTL}`,
);

const SET_STARTED = new PreparedStatement(
  'hearth_idempotency_set_started',
  `UPDATE idempotency_keys SET user_message_id = $4, start = $5
   WHERE chat_session_id = $1 AND key = $2 AND stream_id = $3`,
);

const RELEASE = new PreparedStatement(
  'hearth_idempotency_release',
  `DELETE FROM idempotency_keys WHERE chat_session_id = $1 AND key = $2 AND stream_id = $3`,
);

const SWEEP = new PreparedStatement(
  'hearth_idempotency_sweep',
  `DELETE FROM idempotency_keys WHERE created_at < now() - ${TTL}`,
);

/**
 * The generation's outcome, with the text and reasoning of the variant it saved (its row says
 * which; a row recorded before it did falls back to the message's active variant).
 */
const OUTCOME = new PreparedStatement<OutcomeRow>(
  'hearth_idempotency_outcome',
  `SELECT g.kind, g.partial_length, g.outcome, g.error_code, g.cancel_reason, g.assistant_message_id,
          COALESCE(g.variant_index, m.active_variant) AS assistant_variant_index,
          v.content AS assistant_content, v.reasoning AS assistant_reasoning
   FROM generations g
   LEFT JOIN messages m ON m.id = g.assistant_message_id
   LEFT JOIN message_variants v ON v.message_id = m.id AND v.variant_index = COALESCE(g.variant_index, m.active_variant)
   WHERE g.stream_id = $1`,
);

const LAST_USER_MESSAGE = new PreparedStatement<MessageRow>(
  'hearth_idempotency_last_user_message',
  `SELECT id, chat_session_id, role, content, created_at FROM messages
   WHERE chat_session_id = $1 AND role = 'user' ORDER BY created_at DESC, id DESC LIMIT 1`,
);

/** A key another request holds: its generation, and that generation's `start` once it started. */
export interface HeldKey {
  streamId: string;
  start: StartEvent | null;
}

/** How a generation ended, as analytics recorded it. */
export interface RecordedOutcome {
  kind: GenerationKind;
  /** The length of the text the generation streamed (UTF-16 code units). */
  partialLength: number;
  outcome: GenerationOutcome;
  errorCode: GenerationErrorCode | null;
  cancelReason: CancelReason | null;
  assistantMessageId: number | null;
  /** The saved variant's text (null when it was not saved or has been deleted since). */
  assistantContent: string | null;
  /**
   * The variant the generation saved its reply as, whichever is active now (for a row recorded
   * before generations kept it: the message's active variant).
   */
  assistantVariantIndex: number | null;
  /** The saved variant's reasoning, if it streamed any. */
  assistantReasoning: string | null;
}

function toEntity(row: MessageRow): MessageEntity {
  const m = new MessageEntity();
  m.id = row.id;
  m.chatSessionId = row.chat_session_id;
  m.role = row.role;
  m.content = row.content;
  // json_build_object gives the timestamp as a string; a plain SELECT gives a Date.
  m.createdAt = new Date(row.created_at);
  return m;
}

/** The idempotency_keys table, and the reads a repeated request makes of messages and generations. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly sql: StatementRunner) {}

  async claim(chatSessionId: number, key: string, streamId: string): Promise<boolean> {
    return (await this.sql.run(CLAIM, [chatSessionId, key, streamId])).length > 0;
  }

  async find(chatSessionId: number, key: string): Promise<HeldKey | undefined> {
    const row = (await this.sql.run(FIND, [chatSessionId, key])).at(0);
    if (!row) return undefined;
    // A row written before `start` existed: a send, started once its user message was recorded.
    const legacy = row.user_message && sendStart(row.stream_id, toMessageDto(toEntity(row.user_message)));
    return { streamId: row.stream_id, start: row.start ?? legacy };
  }

  async setStarted(chatSessionId: number, key: string, start: StartEvent): Promise<void> {
    await this.sql.run(SET_STARTED, [chatSessionId, key, start.streamId, start.userMessage?.id ?? null, start]);
  }

  async release(chatSessionId: number, key: string, streamId: string): Promise<void> {
    await this.sql.run(RELEASE, [chatSessionId, key, streamId]);
  }

  async sweep(): Promise<void> {
    await this.sql.run(SWEEP, []);
  }

  async outcome(streamId: string): Promise<RecordedOutcome | undefined> {
    const row = (await this.sql.run(OUTCOME, [streamId])).at(0);
    if (!row) return undefined;
    return {
      kind: row.kind,
      partialLength: row.partial_length,
      outcome: row.outcome,
      errorCode: row.error_code,
      cancelReason: row.cancel_reason,
      assistantMessageId: row.assistant_message_id,
      assistantContent: row.assistant_content,
      assistantVariantIndex: row.assistant_variant_index,
      assistantReasoning: row.assistant_reasoning,
    };
  }

  async lastUserMessage(chatSessionId: number): Promise<MessageEntity | undefined> {
    const row = (await this.sql.run(LAST_USER_MESSAGE, [chatSessionId])).at(0);
    return row ? toEntity(row) : undefined;
  }
}
