import { Controller } from '@nestjs/common';
import { ApiResource } from '../resources/api-docs';
import { ResourceController } from '../resources/resource.controller';
import { ChatSessionsService } from './chat-sessions.service';
import { ChatSessionDto } from './dto/chat-session.dto';
import { CreateChatSessionDto } from './dto/create-chat-session.dto';
import { UpdateChatSessionDto } from './dto/update-chat-session.dto';

/** Every answer embeds the session's aiModel, systemPrompt, character and userProfile (null when unset). */
@ApiResource('chat-sessions')
@Controller('chat-sessions')
export class ChatSessionsController extends ResourceController({
  noun: 'chat session',
  listed: 'Chat sessions by id, each with its AI model, system prompt, character and user profile',
  dto: ChatSessionDto,
  createDto: CreateChatSessionDto,
  updateDto: UpdateChatSessionDto,
  badReference: 'or aiModelId, systemPromptId, characterId or userProfileId refers to no existing record',
  deleted: 'The chat session and its messages are deleted, and its running generation is cancelled',
}) {
  constructor(protected readonly service: ChatSessionsService) {
    super();
  }
}
