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

/**
 * What the one-statement send found: the context, the earlier messages, and the user message when
 * the statement could save it.
 */
export interface SendableResult {
  context: SendContext;
  /**
   * The session's messages before the new one, in prompt order (oldest first): read in the same
   * snapshot as the save, so without the new message. Empty, unread, when the session has no model.
   */
  history: HistoryMessage[];
  /**
   * Null when the statement did not save: the session has no model, its stored token was not one
   * of those given, or its model has a context length (the budget may refuse, and must do so
   * before anything is saved).
   */
  message: MessageEntity | null;
}

// Row types, not interfaces: pg's QueryResultRow needs their implicit index signature.
type SavedRow = { id: number; created_at: Date };
/**
 * Row seq 0 has the send context, and the saved message's id and created_at (null when nothing
 * was saved); rows 1… are the history (id, role, content, tokenCount: named as HistoryMessage names
 * it, so the rows serve as the history without a copy).
 */
type SendRow = {
  seq: number;
  id: number | null;
  created_at: Date | null;
  context: SendContextRow | null;
  role: MessageRole;
  content: string;
  tokenCount: number | null;
};

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
 * The usual send in one statement ($1 session, $2 content, $3 the key tokens SettingsService has
 * already opened, $4 the content's tokens): the send context, the earlier messages numbered in
 * prompt order (seq 1…; none when the session has no model), and the user message saved when
 * the session has a model, the stored token of its provider is one of $3, and the model has no
 * context length. With a context length the budget may refuse the send, which must then leave
 * nothing saved, so the caller saves once it has passed (one more round trip). No row: no such
 * session.
 *
 * No ORDER BY: sorting all the rows again costs PostgreSQL milliseconds with a long history, and
 * the rows come back in seq order anyway; inSeqOrder() checks that. The history is read in the
 * statement's one snapshot, so without the new message.
 */
const SEND_AND_SAVE = new PreparedStatement<SendRow>(
  'hearth_send_and_save',
  `WITH ctx AS (${SEND_CONTEXT_SQL}),
   saved AS (
     INSERT INTO messages (chat_session_id, role, content, token_count)
     SELECT $1::int, 'user', $2::text, $4::int FROM ctx
     WHERE ctx.model <> '' AND ctx.context_length IS NULL AND ctx.api_key_token = ANY($3::text[])
     RETURNING id, created_at
   )
   SELECT 0 AS seq, saved.id, saved.created_at, row_to_json(ctx) AS context, NULL::varchar AS role,
          NULL::text AS content, NULL::int AS "tokenCount"
   FROM ctx LEFT JOIN saved ON true
   UNION ALL
   SELECT (row_number() OVER (ORDER BY created_at, id))::int, id, NULL, NULL, role, content, token_count
   FROM messages WHERE chat_session_id = $1 AND EXISTS (SELECT 1 FROM ctx WHERE ctx.model <> '')`,
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
   * SEND_AND_SAVE: the context and the history, and the message saved with them when the stored
   * token is one of `openedTokens` and no budget can refuse the send.
   */
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
    // The rows after the first are the history; they carry id, role, content and tokenCount (and seq, unused).
    const history = ordered.slice(1) as HistoryMessage[];
    const saved =
      first.id === null || first.created_at === null ? null : { id: first.id, created_at: first.created_at };
    return {
      context: toSendContext(first.context),
      history,
      message: saved && messageEntity(chatSessionId, 'user', content, tokenCount, saved),
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
