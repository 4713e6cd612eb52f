import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { ApiErrorResponse } from '../http/error-body.dto';
import { ApiIdParam, ApiJsonBody, ApiResource } from '../resources/api-docs';
import { MessagesService } from './messages.service';
import { ConversationService } from './conversation.service';
import { MessageDto } from './dto/message.dto';
import { ListMessagesQueryDto } from './dto/list-messages-query.dto';
import { SelectVariantDto, VariantDto } from './dto/variant.dto';
import { DeleteMessageQueryDto, EditMessageDto } from './dto/edit-message.dto';

const MESSAGE_PARAM = ApiParam({ name: 'messageId', type: 'integer', description: 'The message id', example: 2 });
const BUSY = 'A reply is being generated in this session: wait for it to end or cancel it first';
const NOT_FOUND = 'No chat session has this id, or it has no message with this messageId';

@ApiResource('messages')
@Controller('chat-sessions')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly conversation: ConversationService,
  ) {}

  @Get(':id/messages')
  @ApiOperation({
    summary: "A page of the session's messages, oldest first",
    description:
      'Without parameters: the first `limit` (100) messages. Page forward with `afterId` = the last id received, ' +
      'backward with `beforeId` = the first id received; `latest=true` gives the newest `limit` messages. ' +
      'Fewer than `limit` messages means the end (or, with beforeId, the start) was reached.',
  })
  @ApiOkResponse({ type: [MessageDto] })
  @ApiIdParam(
    'chat session',
    ', a bad limit or cursor, a cursor of another session, more than one of afterId/beforeId/latest, ' +
      'or an unknown query parameter',
  )
  list(@Param('id', ParseIdPipe) id: number, @Query() query: ListMessagesQueryDto): Promise<MessageDto[]> {
    return this.messages.list(id, query);
  }

  @Get(':id/messages/:messageId/variants')
  @ApiOperation({
    summary: "A message's variants (swipes), by index",
    description: 'An assistant message has one variant per reply generated for it; a user message is its own one.',
  })
  @ApiOkResponse({ type: [VariantDto] })
  @MESSAGE_PARAM
  @ApiIdParam('chat session', ' (or messageId is not)')
  @ApiErrorResponse(404, NOT_FOUND)
  variants(
    @Param('id', ParseIdPipe) id: number,
    @Param('messageId', ParseIdPipe) messageId: number,
  ): Promise<VariantDto[]> {
    return this.conversation.variants(id, messageId);
  }

  @Put(':id/messages/:messageId/variant')
  @ApiOperation({
    summary: 'Choose the active variant of a message',
    description:
      "The message's content (and every later prompt) becomes that variant's. Other attached tabs get a " +
      '`messages_changed` event.',
  })
  @ApiOkResponse({ type: MessageDto, description: 'The message with its new active variant' })
  @MESSAGE_PARAM
  @ApiIdParam('chat session', ', index is not a whole number of 0 or more, or the message has no such variant')
  @ApiErrorResponse(404, NOT_FOUND)
  @ApiErrorResponse(409, BUSY)
  @ApiJsonBody()
  selectVariant(
    @Param('id', ParseIdPipe) id: number,
    @Param('messageId', ParseIdPipe) messageId: number,
    @Body() body: SelectVariantDto,
  ): Promise<MessageDto> {
    return this.conversation.selectVariant(id, messageId, body.index);
  }

  @Patch(':id/messages/:messageId')
  @ApiOperation({
    summary: 'Edit a message',
    description: 'Replaces the text of a user message, or of the active variant of a reply.',
  })
  @ApiOkResponse({ type: MessageDto })
  @MESSAGE_PARAM
  @ApiIdParam('chat session', ', or content is missing, empty or not a string')
  @ApiErrorResponse(404, NOT_FOUND)
  @ApiErrorResponse(409, BUSY)
  @ApiJsonBody()
  edit(
    @Param('id', ParseIdPipe) id: number,
    @Param('messageId', ParseIdPipe) messageId: number,
    @Body() body: EditMessageDto,
  ): Promise<MessageDto> {
    return this.conversation.edit(id, messageId, body.content);
  }

  @Delete(':id/messages/:messageId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a message, or rewind the conversation to before it',
    description: 'With `after=true`, deletes this message and every later one (with their variants).',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @MESSAGE_PARAM
  @ApiIdParam('chat session', ', or after is not true or false')
  @ApiErrorResponse(404, NOT_FOUND)
  @ApiErrorResponse(409, BUSY)
  async delete(
    @Param('id', ParseIdPipe) id: number,
    @Param('messageId', ParseIdPipe) messageId: number,
    @Query() query: DeleteMessageQueryDto,
  ): Promise<void> {
    await this.conversation.delete(id, messageId, query.after === true);
  }
}
