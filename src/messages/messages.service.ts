import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import { MessageEntity, MessageRole } from './message.entity';
import { MessageDto } from './dto/message.dto';
import { ListMessagesQueryDto, messagePage } from './dto/list-messages-query.dto';

const FOREIGN_KEY_VIOLATION = '23503';

export type HistoryMessage = Pick<MessageEntity, 'id' | 'role' | 'content'>;

/** A session's conversation: read in pages by clients, in full by the prompt builder; written by generation. */
@Injectable()
export class MessagesService {
  constructor(
    @InjectRepository(MessageEntity) private readonly repo: Repository<MessageEntity>,
    private readonly chatSessions: ChatSessionsService,
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
      qb.andWhere(
        `(m.created_at, m.id) ${op} (SELECT c.created_at, c.id FROM messages c WHERE c.id = :cursor)`,
        { cursor },
      );
      newestFirst = 'before' in page;
    }
    const direction = newestFirst ? 'DESC' : 'ASC';
    const rows = await qb.orderBy('m.createdAt', direction).addOrderBy('m.id', direction).limit(page.limit).getMany();
    if (newestFirst) rows.reverse();
    return rows.map((m) => this.toDto(m));
  }

  /**
   * Every message of the session, oldest first, for the prompt: plain rows of the three columns
   * it needs (hydrating a thousand entities and parsing their dates costs milliseconds per send).
   */
  history(chatSessionId: number): Promise<HistoryMessage[]> {
    return this.repo
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .addSelect('m.role', 'role')
      .addSelect('m.content', 'content')
      .where('m.chatSessionId = :chatSessionId', { chatSessionId })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getRawMany<HistoryMessage>();
  }

  async findOne(id: number): Promise<MessageEntity> {
    const found = await this.repo.findOneBy({ id });
    if (!found) throw new NotFoundException(`Message ${id} does not exist`);
    return found;
  }

  /** `sessionChecked`: the caller loaded the session a moment ago; a racing delete is still a 404. */
  createUserMessage(chatSessionId: number, content: string, options: { sessionChecked?: boolean } = {}): Promise<MessageEntity> {
    return this.create(chatSessionId, 'user', content, options.sessionChecked ?? false);
  }

  createAssistantMessage(chatSessionId: number, content: string): Promise<MessageEntity> {
    return this.create(chatSessionId, 'assistant', content, false);
  }

  /** 404 when the session does not exist, or was deleted meanwhile (then from the foreign key). */
  private async create(
    chatSessionId: number,
    role: MessageRole,
    content: string,
    sessionChecked: boolean,
  ): Promise<MessageEntity> {
    // Checked first so that the usual case is not a failed INSERT, which the database log would show with its content.
    if (!sessionChecked) await this.chatSessions.assertExists(chatSessionId);
    try {
      // insert, not save: one INSERT … RETURNING instead of BEGIN / INSERT / COMMIT.
      const { generatedMaps } = await this.repo.insert({ chatSessionId, role, content });
      const generated = generatedMaps[0] as Pick<MessageEntity, 'id' | 'createdAt'>;
      return Object.assign(new MessageEntity(), { chatSessionId, role, content, ...generated });
    } catch (err) {
      const code = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
      if (code === FOREIGN_KEY_VIOLATION) throw new NotFoundException(`Chat session ${chatSessionId} does not exist`);
      throw err;
    }
  }
}
