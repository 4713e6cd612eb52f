import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import { PreparedStatement, StatementRunner } from '../database/prepared-statement';
import { MessageEntity, MessageRole } from './message.entity';
import { SEND_CONTEXT_SQL, SendContext, SendContextRow, toSendContext } from './send-context';
import { MessageDto } from './dto/message.dto';
import { ListMessagesQueryDto, messagePage } from './dto/list-messages-query.dto';

const FOREIGN_KEY_VIOLATION = '23503';

/** An earlier message as the prompt uses it. */
export type HistoryMessage = Pick<MessageEntity, 'role' | 'content'>;

/** The user message a send saved, and the messages before it in prompt order. */
export interface SavedUserMessage {
  message: MessageEntity;
  history: HistoryMessage[];
}

// Row types, not interfaces: pg's QueryResultRow needs their implicit index signature.
type SavedRow = { id: number; created_at: Date };
/** Row seq 0 is the saved message (id, created_at); rows 1… are the history (role, content). */
type UserMessageAndHistoryRow = SavedRow & { seq: number; role: MessageRole; content: string };
/** As above; row 0 also has the send context, and id null when nothing was saved. */
type SendRow = Omit<UserMessageAndHistoryRow, 'id'> & { id: number | null; context: SendContextRow | null };

/** Inserts only while the session exists: no row back means 404, and no failed INSERT in the database log. */
const INSERT_IF_SESSION = new PreparedStatement<SavedRow>(
  'hearth_insert_message',
  `INSERT INTO messages (chat_session_id, role, content)
   SELECT $1::int, $2::varchar, $3::text WHERE EXISTS (SELECT 1 FROM chat_sessions WHERE id = $1::int)
   RETURNING id, created_at`,
);

/**
 * The saved message (seq 0, id, created_at) and the earlier messages numbered in prompt order
 * (seq 1…, role, content). No ORDER BY: sorting all the rows again costs PostgreSQL milliseconds
 * with a long history, and the rows come back in seq order anyway; the caller checks that.
 */
const USER_MESSAGE_AND_HISTORY = new PreparedStatement<UserMessageAndHistoryRow>(
  'hearth_user_message_and_history',
  `WITH saved AS (
     INSERT INTO messages (chat_session_id, role, content) VALUES ($1, 'user', $2) RETURNING id, created_at
   )
   SELECT 0 AS seq, id, created_at, NULL::varchar AS role, NULL::text AS content FROM saved
   UNION ALL
   SELECT (row_number() OVER (ORDER BY created_at, id))::int, NULL, NULL, role, content
   FROM messages WHERE chat_session_id = $1`,
);

/**
 * The usual send in one statement ($1 session, $2 content, $3 the key token SettingsService has
 * already opened): the send context and, when the session has a model and the stored token is
 * still $3, the user message saved and the history read as above. No row: no such session.
 */
const SEND_AND_SAVE = new PreparedStatement<SendRow>(
  'hearth_send_and_save',
  `WITH ctx AS (${SEND_CONTEXT_SQL}),
   saved AS (
     INSERT INTO messages (chat_session_id, role, content)
     SELECT $1::int, 'user', $2::text FROM ctx WHERE ctx.model <> '' AND ctx.api_key_token = $3::text
     RETURNING id, created_at
   )
   SELECT 0 AS seq, saved.id, saved.created_at, row_to_json(ctx) AS context, NULL::varchar AS role, NULL::text AS content
   FROM ctx LEFT JOIN saved ON true
   UNION ALL
   SELECT (row_number() OVER (ORDER BY created_at, id))::int, NULL, NULL, NULL, role, content
   FROM messages WHERE chat_session_id = $1 AND EXISTS (SELECT 1 FROM saved)`,
);

/** A session's conversation: read in pages by clients, in full by the prompt builder; written by generation. */
@Injectable()
export class MessagesService {
  constructor(
    @InjectRepository(MessageEntity) private readonly repo: Repository<MessageEntity>,
    private readonly chatSessions: ChatSessionsService,
    private readonly sql: StatementRunner,
  ) {}

  toDto(m: MessageEntity): MessageDto {
    return {
      id: m.id,
      chatSessionId: m.chatSessionId,
      role: m.role,
      content: m.content,
      createdAt: m.createdAt.toISOString(),
    };
  }

  /** One page of the conversation, oldest first; 404 for an unknown session, 400 for a foreign cursor. */
  async list(chatSessionId: number, query: ListMessagesQueryDto): Promise<MessageDto[]> {
    const page = messagePage(query);
    await this.chatSessions.assertExists(chatSessionId);
    const qb = this.repo.createQueryBuilder('m').where('m.chatSessionId = :chatSessionId', { chatSessionId });
    let newestFirst = 'from' in page && page.from === 'end';
    if ('after' in page || 'before' in page) {
      const [param, cursor, op] = 'after' in page ? ['afterId', page.after, '>'] : ['beforeId', page.before, '<'];
      if (!(await this.repo.existsBy({ id: cursor, chatSessionId }))) {
        throw new BadRequestException(`${param} ${cursor} is not a message of chat session ${chatSessionId}`);
      }
      // Compared in SQL: a JS Date would drop the microseconds of created_at.
      qb.andWhere(`(m.created_at, m.id) ${op} (SELECT c.created_at, c.id FROM messages c WHERE c.id = :cursor)`, {
        cursor,
      });
      newestFirst = 'before' in page;
    }
    const direction = newestFirst ? 'DESC' : 'ASC';
    const rows = await qb.orderBy('m.createdAt', direction).addOrderBy('m.id', direction).limit(page.limit).getMany();
    if (newestFirst) rows.reverse();
    return rows.map((m) => this.toDto(m));
  }

  async findOne(id: number): Promise<MessageEntity> {
    const found = await this.repo.findOneBy({ id });
    if (!found) throw new NotFoundException(`Message ${id} does not exist`);
    return found;
  }

  /** 404 when the session does not exist, or was deleted meanwhile. */
  createUserMessage(chatSessionId: number, content: string): Promise<MessageEntity> {
    return this.create(chatSessionId, 'user', content);
  }

  createAssistantMessage(chatSessionId: number, content: string): Promise<MessageEntity> {
    return this.create(chatSessionId, 'assistant', content);
  }

  /**
   * A send's second round trip: saves the user message and reads the earlier messages (oldest
   * first, without the new one: a statement's sub-statements share one snapshot) in one statement.
   * 404 when the session was deleted since it was read (the foreign key).
   */
  async createUserMessageAfterHistory(chatSessionId: number, content: string): Promise<SavedUserMessage> {
    const rows = await this.mapMissingSession(chatSessionId, () =>
      this.sql.run(USER_MESSAGE_AND_HISTORY, [chatSessionId, content]),
    );
    return savedUserMessage(chatSessionId, content, inSeqOrder(rows));
  }

  /**
   * A send's one round trip in the usual case, under the session's lock: see SEND_AND_SAVE.
   * `saved` is null when the session has no model or the stored token is not `apiKeyToken`: the
   * caller then checks the context (409, 400s) and saves with createUserMessageAfterHistory.
   * Undefined when there is no such session.
   */
  async createUserMessageIfSendable(
    chatSessionId: number,
    content: string,
    apiKeyToken: string | null,
  ): Promise<{ context: SendContext; saved: SavedUserMessage | null } | undefined> {
    const rows = await this.mapMissingSession(chatSessionId, () =>
      this.sql.run(SEND_AND_SAVE, [chatSessionId, content, apiKeyToken]),
    );
    const [first] = inSeqOrder(rows);
    if (!first?.context) return undefined;
    const context = toSendContext(first.context);
    if (first.id === null) return { context, saved: null };
    return { context, saved: savedUserMessage(chatSessionId, content, rows as UserMessageAndHistoryRow[]) };
  }

  private async create(chatSessionId: number, role: MessageRole, content: string): Promise<MessageEntity> {
    const [saved] = await this.mapMissingSession(chatSessionId, () =>
      this.sql.run(INSERT_IF_SESSION, [chatSessionId, role, content]),
    );
    if (!saved) throw this.chatSessions.notFound(chatSessionId);
    return Object.assign(new MessageEntity(), {
      id: saved.id,
      chatSessionId,
      role,
      content,
      createdAt: saved.created_at,
    });
  }

  /** A session deleted between the check and the insert fails the foreign key: still a 404. */
  private async mapMissingSession<T>(chatSessionId: number, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      const code = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
      if (code === FOREIGN_KEY_VIOLATION) throw this.chatSessions.notFound(chatSessionId);
      throw err;
    }
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

function savedUserMessage(chatSessionId: number, content: string, rows: UserMessageAndHistoryRow[]): SavedUserMessage {
  const [saved] = rows;
  const message = Object.assign(new MessageEntity(), {
    id: saved.id,
    chatSessionId,
    role: 'user',
    content,
    createdAt: saved.created_at,
  });
  // The rows after the first are the history; they carry role and content (and seq, unused).
  return { message, history: rows.slice(1) };
}
