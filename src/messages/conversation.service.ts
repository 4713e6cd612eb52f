import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorText } from '../errors/domain-error';
import { randomUUID } from 'node:crypto';
import { STREAM_HUB, StreamHub } from '../streaming/stream-hub';
import type { MessagesChangedEvent } from '../streaming/stream-event';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import { MessagesService, toMessageDto } from './messages.service';
import { RepliesRepository, userMessageAsVariant } from './replies.repository';
import type { MessageVariantEntity } from './message-variant.entity';
import type { MessageEntity } from './message.entity';
import { MessageDto } from './dto/message.dto';
import { VariantDto } from './dto/variant.dto';
import { GenerationDomainError, GenerationRefusalCode } from './messages.errors';

/** What changed, for the other tabs of the session. */
export type ConversationChange = MessagesChangedEvent['change'];

function toVariantDto(v: MessageVariantEntity): VariantDto {
  return {
    index: v.variantIndex,
    content: v.content,
    createdAt: v.createdAt.toISOString(),
    model: v.model,
    partial: v.partial,
    reasoning: v.reasoning,
    usage: v.usage,
  };
}

/**
 * Edits, deletes and variant choices. Each takes the session's generation lock for the length of
 * its write, so none can happen while a reply is being generated (409), on any instance, and a
 * reply never starts from a conversation half changed.
 */
@Injectable()
export class ConversationService {
  private readonly logger = new Logger('Conversation');

  constructor(
    @Inject(STREAM_HUB) private readonly hub: StreamHub,
    private readonly chatSessions: ChatSessionsService,
    private readonly messages: MessagesService,
    private readonly replies: RepliesRepository,
  ) {}

  async variants(chatSessionId: number, messageId: number): Promise<VariantDto[]> {
    const message = await this.messageOf(chatSessionId, messageId);
    if (message.role === 'user') return [toVariantDto(userMessageAsVariant(message))];
    return (await this.replies.variants(messageId)).map(toVariantDto);
  }

  async selectVariant(chatSessionId: number, messageId: number, index: number): Promise<MessageDto> {
    return this.whileIdle(chatSessionId, messageId, async (message) => {
      // A user message is its own variant 0, already active: nothing to change.
      if (message.role === 'user' && index === 0) return toMessageDto(message);
      if (index >= message.variantCount || !(await this.replies.selectVariant(chatSessionId, messageId, index))) {
        throw new GenerationDomainError(
          GenerationRefusalCode.NoSuchVariant,
          `Message ${messageId} has ${message.variantCount} variant${message.variantCount === 1 ? '' : 's'} ` +
            `(index 0 to ${message.variantCount - 1}); there is no variant ${index}`,
        );
      }
      return this.changed(chatSessionId, messageId, 'variant');
    });
  }

  async edit(chatSessionId: number, messageId: number, content: string): Promise<MessageDto> {
    // As for a send: a message of only spaces is empty.
    if (content.trim() === '') {
      throw new GenerationDomainError(GenerationRefusalCode.EmptyContent, 'content must not be empty');
    }
    return this.whileIdle(chatSessionId, messageId, async () => {
      if (!(await this.replies.edit(chatSessionId, messageId, content)))
        throw this.notInSession(chatSessionId, messageId);
      return this.changed(chatSessionId, messageId, 'edited');
    });
  }

  /** Deletes the message, or it and every later one; the ids deleted. */
  async delete(chatSessionId: number, messageId: number, andLater: boolean): Promise<number[]> {
    return this.whileIdle(chatSessionId, messageId, async () => {
      const deleted = await this.replies.delete(chatSessionId, messageId, andLater);
      if (deleted.length === 0) throw this.notInSession(chatSessionId, messageId);
      await this.notify(chatSessionId, messageId, 'deleted');
      return deleted;
    });
  }

  /** Runs `write` holding the session's lock: 409 while a reply is being generated. */
  private async whileIdle<T>(
    chatSessionId: number,
    messageId: number,
    write: (message: MessageEntity) => Promise<T>,
  ): Promise<T> {
    const message = await this.messageOf(chatSessionId, messageId);
    const lockId = randomUUID();
    if (!(await this.hub.acquire(chatSessionId, lockId))) {
      throw new GenerationDomainError(
        GenerationRefusalCode.ConversationBusy,
        `A reply is being generated in chat session ${chatSessionId}: wait for it to end (or cancel it), ` +
          'then change the conversation',
      );
    }
    try {
      return await write(message);
    } finally {
      await this.hub.abandon(chatSessionId, lockId);
    }
  }

  private async changed(chatSessionId: number, messageId: number, change: ConversationChange): Promise<MessageDto> {
    const message = await this.messages.findOne(messageId);
    await this.notify(chatSessionId, messageId, change);
    return toMessageDto(message);
  }

  /**
   * Tells the session's attached tabs, on every instance, so they show the change. The write has
   * happened: a hub that cannot pass the notice on (Redis down) is logged, not answered as a failure.
   */
  private async notify(chatSessionId: number, messageId: number, change: ConversationChange): Promise<void> {
    try {
      await this.hub.notify(chatSessionId, { type: 'messages_changed', change, messageId });
    } catch (err) {
      this.logger.warn(
        `Tabs of chat session ${chatSessionId} not told of ${change} message ${messageId}: ${errorText(err)}`,
      );
    }
  }

  /** The message, when it belongs to the session: 404 for an unknown session or a message of another. */
  private async messageOf(chatSessionId: number, messageId: number): Promise<MessageEntity> {
    await this.chatSessions.assertExists(chatSessionId);
    const message = await this.messages.find(messageId);
    if (message?.chatSessionId !== chatSessionId) throw this.notInSession(chatSessionId, messageId);
    return message;
  }

  private notInSession(chatSessionId: number, messageId: number): ResourceDomainError {
    return new ResourceDomainError(
      ResourceErrorCode.NotFound,
      `Chat session ${chatSessionId} has no message ${messageId}`,
    );
  }
}
