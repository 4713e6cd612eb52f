import { Injectable } from '@nestjs/common';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import { MessageEntity } from './message.entity';
import { RepliesRepository } from './replies.repository';
import { MessagesRepository, SendableResult } from './messages.repository';
import { SendContext } from './send-context';
import { MessageDto } from './dto/message.dto';
import { ListMessagesQueryDto, messagePage } from './dto/list-messages-query.dto';

export type { HistoryMessage } from './messages.repository';

export function toMessageDto(m: MessageEntity): MessageDto {
  return {
    id: m.id,
    chatSessionId: m.chatSessionId,
    role: m.role,
    content: m.content,
    createdAt: m.createdAt.toISOString(),
    variantIndex: m.activeVariant,
    variantCount: m.variantCount,
    partial: m.partial,
    model: m.model,
    reasoning: m.reasoning,
    usage: m.usage,
  };
}

/** A session's conversation: read in pages by clients, in full by the prompt builder; written by generation. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly chatSessions: ChatSessionsService,
    private readonly replies: RepliesRepository,
  ) {}

  toDto(m: MessageEntity): MessageDto {
    return toMessageDto(m);
  }

  /** One page of the conversation, oldest first; 404 for an unknown session, 400 for a foreign cursor. */
  async list(chatSessionId: number, query: ListMessagesQueryDto): Promise<MessageDto[]> {
    const page = messagePage(query);
    await this.chatSessions.assertExists(chatSessionId);
    if ('after' in page || 'before' in page) {
      const [param, cursor] = 'after' in page ? ['afterId', page.after] : ['beforeId', page.before];
      if (!(await this.messages.isMessageOf(cursor, chatSessionId))) {
        throw new ResourceDomainError(
          ResourceErrorCode.BadReference,
          `${param} ${cursor} is not a message of chat session ${chatSessionId}`,
        );
      }
    }
    return (await this.messages.page(chatSessionId, page)).map(toMessageDto);
  }

  find(id: number): Promise<MessageEntity | null> {
    return this.messages.findById(id);
  }

  async findOne(id: number): Promise<MessageEntity> {
    const found = await this.messages.findById(id);
    if (!found) throw new ResourceDomainError(ResourceErrorCode.NotFound, `Message ${id} does not exist`);
    return found;
  }

  /** 404 when the session does not exist, or was deleted meanwhile. */
  createUserMessage(chatSessionId: number, content: string): Promise<MessageEntity> {
    return this.create(chatSessionId, 'user', content);
  }

  /** A reply with its one variant, as a completed generation saves it (without a model). */
  async createAssistantMessage(chatSessionId: number, content: string): Promise<MessageEntity> {
    const meta = { partial: false, model: null, reasoning: null, usage: null };
    const saved = await this.replies.insertReply(chatSessionId, content, meta);
    if (!saved) throw this.chatSessions.notFound(chatSessionId);
    return this.findOne(saved.messageId);
  }

  /** What a send checks and builds its prompt from; undefined when there is no such session. */
  sendContext(chatSessionId: number): Promise<SendContext | undefined> {
    return this.messages.sendContext(chatSessionId);
  }

  /**
   * A send's one round trip in the usual case, under the session's lock (see MessagesRepository):
   * the context and the history, and the user message saved with them. `message` is null when the
   * session has no model, the stored token is not one of `openedTokens`, or the model has a context
   * length: the caller then checks the context (409, 400s) and the budget, and saves with
   * createUserMessage. Undefined when there is no such session.
   */
  createUserMessageIfSendable(
    chatSessionId: number,
    content: string,
    openedTokens: string[],
  ): Promise<SendableResult | undefined> {
    return this.messages.insertUserMessageIfSendable(chatSessionId, content, openedTokens);
  }

  private async create(chatSessionId: number, role: 'user', content: string): Promise<MessageEntity> {
    const saved = await this.messages.insert(chatSessionId, role, content);
    if (!saved) throw this.chatSessions.notFound(chatSessionId);
    return saved;
  }
}
