import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { ApiIdParam, ApiResource } from '../resources/api-docs';
import { MessagesService } from './messages.service';
import { MessageDto } from './dto/message.dto';
import { ListMessagesQueryDto } from './dto/list-messages-query.dto';

@ApiResource('messages')
@Controller('chat-sessions')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

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
}
