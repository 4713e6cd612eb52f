import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PreparedStatement, StatementRunner } from '../database/prepared-statement';
import { unlessParentGone } from '../database/unless-parent-gone';
import { storedApiKeyTokenSql } from '../settings/settings.repository';
import { MessageEntity, MessageRole } from './message.entity';
import { cachedTextTokens } from '../prompt/token-count';
import { SendContext, SendContextRow, toSendContext } from './send-context';
import type { MessagePage } from './dto/list-messages-query.dto';

/** An earlier message as the prompt uses it, with its stored token count (null: not counted yet). */
export type HistoryMessage = Pick<MessageEntity, 'id' | 'role' | 'content' | 'tokenCount'>;

/** The user message a send saved, and the messages before it in prompt order. */
export interface SavedUserMessage {
  message: MessageEntity;
  history: HistoryMessage[];
}

/** What the one-statement send found: the context, and the saved message unless it could not save. */
export interface SendableResult {
  context: SendContext;
  /** Null when the session has no model or the stored token was not the one given. */
  saved: SavedUserMessage | null;
}

// Row types, not interfaces: pg's QueryResultRow needs their implicit index signature.
type SavedRow = { id: number; created_at: Date };
/**
 * Row seq 0 is the saved message (id, created_at); rows 1… are the history (id, role, content,
 * tokenCount: named as HistoryMessage names it, so the rows serve as the history without a copy).
 */
type UserMessageAndHistoryRow = SavedRow & {
  seq: number;
  role: MessageRole;
  content: string;
  tokenCount: number | null;
};
/** As above; row 0 also has the send context, and id null when nothing was saved. */
type SendRow = Omit<UserMessageAndHistoryRow, 'id'> & { id: number | null; context: SendContextRow | null };

/**
 * The session ($1), the parts of its relations the prompt uses, and the stored key's token, in
 * one row (none when there is no such session). Written by hand: TypeORM's relation loading costs
 * more main-thread time than the query itself.
 */
const SEND_CONTEXT_SQL = `
  SELECT m.label AS model, s.pre_system_prompt, s.post_system_prompt, s.keep_partial_on_cancel,
         sp.content AS system_prompt, up.description AS user_profile, up.name AS user_name,
         CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('name', c.name, 'description', c.description,
           'personality', c.personality, 'scenario', c.scenario, 'exampleMessages', c.example_messages,
           'systemPrompt', c.system_prompt, 'postHistoryInstructions', c.post_history_instructions,
           'lorebook', c.lorebook) END AS character,
         m.provider, m.parameters AS model_parameters, s.parameters AS session_parameters,
         m.context_length, ${storedApiKeyTokenSql('m.provider')} AS api_key_token
  FROM chat_sessions s
  LEFT JOIN ai_models m ON m.id = s.ai_model_id
  LEFT JOIN system_prompts sp ON sp.id = s.system_prompt_id
  LEFT JOIN characters c ON c.id = s.character_id
  LEFT JOIN user_profiles up ON up.id = s.user_profile_id
  WHERE s.id = $1`;

const SEND_CONTEXT = new PreparedStatement<SendContextRow>('hearth_send_context', SEND_CONTEXT_SQL);

/** Inserts only while the session exists: no row back means 404, and no failed INSERT in the database log. */
const INSERT_IF_SESSION = new PreparedStatement<SavedRow>(
  'hearth_insert_message',
  `INSERT INTO messages (chat_session_id, role, content, token_count)
   SELECT $1::int, $2::varchar, $3::text, $4::int WHERE EXISTS (SELECT 1 FROM chat_sessions WHERE id = $1::int)
   RETURNING id, created_at`,
);

/**
 * The saved message (seq 0, id, created_at) and the earlier messages numbered in prompt order
 * (seq 1…, role, content). No ORDER BY: sorting all the rows again costs PostgreSQL milliseconds
 * with a long history, and the rows come back in seq order anyway; inSeqOrder() checks that.
 */
const USER_MESSAGE_AND_HISTORY = new PreparedStatement<UserMessageAndHistoryRow>(
  'hearth_user_message_and_history',
  `WITH saved AS (
     INSERT INTO messages (chat_session_id, role, content, token_count) VALUES ($1, 'user', $2, $3)
     RETURNING id, created_at
   )
   SELECT 0 AS seq, id, created_at, NULL::varchar AS role, NULL::text AS content, NULL::int AS "tokenCount" FROM saved
   UNION ALL
   SELECT (row_number() OVER (ORDER BY created_at, id))::int, id, NULL, role, content, token_count
   FROM messages WHERE chat_session_id = $1`,
);

/**
 * The usual send in one statement ($1 session, $2 content, $3 the key tokens SettingsService has
 * already opened): the send context and, when the session has a model and the stored token of
 * its provider is one of $3, the user message saved and the history read as above. No row: no
 * such session.
 */
const SEND_AND_SAVE = new PreparedStatement<SendRow>(
  'hearth_send_and_save',
  `WITH ctx AS (${SEND_CONTEXT_SQL}),
   saved AS (
     INSERT INTO messages (chat_session_id, role, content, token_count)
     SELECT $1::int, 'user', $2::text, $4::int FROM ctx WHERE ctx.model <> '' AND ctx.api_key_token = ANY($3::text[])
     RETURNING id, created_at
   )
   SELECT 0 AS seq, saved.id, saved.created_at, row_to_json(ctx) AS context, NULL::varchar AS role,
          NULL::text AS content, NULL::int AS "tokenCount"
   FROM ctx LEFT JOIN saved ON true
   UNION ALL
   SELECT (row_number() OVER (ORDER BY created_at, id))::int, id, NULL, NULL, role, content, token_count
   FROM messages WHERE chat_session_id = $1 AND EXISTS (SELECT 1 FROM saved)`,
);

/**
 * The messages table, and the send's reads around it. Every method that writes answers
 * `undefined` when the chat session does not exist, including one deleted meanwhile (the
 * foreign key): the caller decides what that means (a 404).
 */
@Injectable()
export class MessagesRepository {
  constructor(
    @InjectRepository(MessageEntity) private readonly repo: Repository<MessageEntity>,
    private readonly sql: StatementRunner,
  ) {}

  findById(id: number): Promise<MessageEntity | null> {
    return this.repo.findOneBy({ id });
  }

  isMessageOf(id: number, chatSessionId: number): Promise<boolean> {
    return this.repo.existsBy({ id, chatSessionId });
  }

  /** One page of a session's conversation (created_at, then id), oldest first whichever end it starts from. */
  async page(chatSessionId: number, page: MessagePage): Promise<MessageEntity[]> {
    const qb = this.repo.createQueryBuilder('m').where('m.chatSessionId = :chatSessionId', { chatSessionId });
    let newestFirst = 'from' in page && page.from === 'end';
    if ('after' in page || 'before' in page) {
      const [cursor, op] = 'after' in page ? [page.after, '>'] : [page.before, '<'];
      // Compared in SQL: a JS Date would drop the microseconds of created_at.
      qb.andWhere(`(m.created_at, m.id) ${op} (SELECT c.created_at, c.id FROM messages c WHERE c.id = :cursor)`, {
        cursor,
      });
      newestFirst = 'before' in page;
    }
    const direction = newestFirst ? 'DESC' : 'ASC';
    const rows = await qb.orderBy('m.createdAt', direction).addOrderBy('m.id', direction).limit(page.limit).getMany();
    if (newestFirst) rows.reverse();
    return rows;
  }

  async insert(chatSessionId: number, role: MessageRole, content: string): Promise<MessageEntity | undefined> {
    // Cached: the budget counts the new message again as one of the parts never left out.
    const tokenCount = cachedTextTokens(content);
    const rows = await unlessParentGone(this.sql.run(INSERT_IF_SESSION, [chatSessionId, role, content, tokenCount]));
    const saved = rows?.at(0);
    return saved && messageEntity(chatSessionId, role, content, tokenCount, saved);
  }

  /** The send context of a chat session, or undefined when there is no such session. */
  async sendContext(chatSessionId: number): Promise<SendContext | undefined> {
    const row = (await this.sql.run(SEND_CONTEXT, [chatSessionId])).at(0);
    return row && toSendContext(row);
  }

  /**
   * Saves the user message and reads the earlier messages (oldest first, without the new one: a
   * statement's sub-statements share one snapshot) in one statement.
   */
  async insertUserMessageAfterHistory(chatSessionId: number, content: string): Promise<SavedUserMessage | undefined> {
    // Cached: the budget counts the new message again as one of the parts never left out.
    const tokenCount = cachedTextTokens(content);
    const rows = await unlessParentGone(this.sql.run(USER_MESSAGE_AND_HISTORY, [chatSessionId, content, tokenCount]));
    return rows && savedUserMessage(chatSessionId, content, tokenCount, inSeqOrder(rows));
  }

  /** SEND_AND_SAVE: the context, and the message saved with its history when the stored token is one of `openedTokens`. */
  async insertUserMessageIfSendable(
    chatSessionId: number,
    content: string,
    openedTokens: string[],
  ): Promise<SendableResult | undefined> {
    // Cached: the budget counts the new message again as one of the parts never left out.
    const tokenCount = cachedTextTokens(content);
    const rows = await unlessParentGone(
      this.sql.run(SEND_AND_SAVE, [chatSessionId, content, openedTokens, tokenCount]),
    );
    if (!rows) return undefined;
    const ordered = inSeqOrder(rows);
    const first = ordered.at(0);
    if (!first?.context) return undefined;
    const context = toSendContext(first.context);
    if (first.id === null) return { context, saved: null };
    return {
      context,
      saved: savedUserMessage(chatSessionId, content, tokenCount, ordered as UserMessageAndHistoryRow[]),
    };
  }
}

/** SQL promises no order without ORDER BY: sorts in the (never seen) case that rows are not in seq order. */
function inSeqOrder<R extends { seq: number }>(rows: R[]): R[] {
  // A plain loop: this runs over every history row of every send.
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].seq !== i) return rows.sort((a, b) => a.seq - b.seq);
  }
  return rows;
}

function messageEntity(
  chatSessionId: number,
  role: MessageRole,
  content: string,
  tokenCount: number,
  saved: SavedRow,
): MessageEntity {
  return Object.assign(new MessageEntity(), {
    id: saved.id,
    chatSessionId,
    role,
    content,
    tokenCount,
    createdAt: saved.created_at,
  });
}

function savedUserMessage(
  chatSessionId: number,
  content: string,
  tokenCount: number,
  rows: UserMessageAndHistoryRow[],
): SavedUserMessage {
  const [saved] = rows;
  // The rows after the first are the history; they carry id, role, content and tokenCount (and seq, unused).
  const history = rows.slice(1);
  return { message: messageEntity(chatSessionId, 'user', content, tokenCount, saved), history };
}
