import { ApiProperty } from '@nestjs/swagger';
import { MessageDto } from './message.dto';

/* Schemas of the SSE events, for the OpenAPI document only: the wire types are in streaming/. */

export class StartEventDto {
  @ApiProperty({ enum: ['start'] }) type: 'start';
  @ApiProperty({ format: 'uuid' }) streamId: string;
  @ApiProperty({ type: MessageDto }) userMessage: MessageDto;
}

export class ContentEventDto {
  @ApiProperty({ enum: ['content'] }) type: 'content';
  @ApiProperty({ description: 'Text as it arrives' }) data: string;
  @ApiProperty({ format: 'uuid' }) streamId: string;
}

export class DoneEventDto {
  @ApiProperty({ enum: ['done'] }) type: 'done';
  @ApiProperty({ description: 'The saved assistant message; its content is all content data joined' })
  messageId: number;
  @ApiProperty({ format: 'uuid' }) streamId: string;
}

export class ErrorEventDto {
  @ApiProperty({ enum: ['error'] }) type: 'error';
  @ApiProperty({ description: 'What went wrong, in words' }) error: string;
  @ApiProperty({
    enum: ['upstream_auth', 'insufficient_credits', 'rate_limited', 'upstream_error', 'timeout', 'internal'],
  })
  code: string;
  @ApiProperty({ format: 'uuid' }) streamId: string;
}

export class CancelledEventDto {
  @ApiProperty({ enum: ['cancelled'] }) type: 'cancelled';
  @ApiProperty({ enum: ['user_cancelled', 'timeout', 'no_clients', 'server_shutdown'] }) reason: string;
  @ApiProperty({ format: 'uuid' }) streamId: string;
}

export const STREAM_EVENT_DTOS = [StartEventDto, ContentEventDto, DoneEventDto, ErrorEventDto, CancelledEventDto];
