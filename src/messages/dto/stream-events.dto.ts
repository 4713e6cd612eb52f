import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageDto } from './message.dto';
import { UsageDto } from './usage.dto';

/* Schemas of the SSE events, for the OpenAPI document only: the wire types are in streaming/. */

export class StartEventDto {
  @ApiProperty({ enum: ['start'] }) type: 'start';
  @ApiProperty({ format: 'uuid' }) streamId: string;
  @ApiProperty({ enum: ['send', 'regenerate', 'continue'], description: 'What started the generation' })
  kind: 'send' | 'regenerate' | 'continue';
  @ApiProperty({ type: MessageDto, nullable: true, description: 'The user message a send saved; null otherwise' })
  userMessage: MessageDto | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The message being regenerated or continued; null for a send and a retry',
  })
  messageId: number | null;
}

export class ReasoningEventDto {
  @ApiProperty({ enum: ['reasoning'] }) type: 'reasoning';
  @ApiProperty({ description: "The model's reasoning as it arrives, before the content; counted in the offset" })
  data: string;
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
  @ApiProperty({ description: 'The variant the text was saved as (now the active one)' })
  variantIndex: number;
  @ApiPropertyOptional({ type: UsageDto, description: 'Tokens and cost, when the provider reported them' })
  usage?: UsageDto;
  @ApiProperty({ format: 'uuid' }) streamId: string;
}

/** With keepPartialOnCancel, where the text of a failed or cancelled reply was kept. */
const KEPT = 'With keepPartialOnCancel and some text streamed: the message the text was kept in';

export class ErrorEventDto {
  @ApiProperty({ enum: ['error'] }) type: 'error';
  @ApiProperty({ description: 'What went wrong, in words' }) error: string;
  @ApiProperty({
    enum: ['upstream_auth', 'insufficient_credits', 'rate_limited', 'upstream_error', 'timeout', 'internal'],
  })
  code: string;
  @ApiPropertyOptional({ description: KEPT }) messageId?: number;
  @ApiPropertyOptional({ description: 'With messageId: the variant the text was kept as' }) variantIndex?: number;
  @ApiProperty({ format: 'uuid' }) streamId: string;
}

export class CancelledEventDto {
  @ApiProperty({ enum: ['cancelled'] }) type: 'cancelled';
  @ApiProperty({ enum: ['user_cancelled', 'timeout', 'no_clients', 'server_shutdown'] }) reason: string;
  @ApiPropertyOptional({ description: KEPT }) messageId?: number;
  @ApiPropertyOptional({ description: 'With messageId: the variant the text was kept as' }) variantIndex?: number;
  @ApiProperty({ format: 'uuid' }) streamId: string;
}

/** Sent to attached tabs (GET …/stream) only, without an `id:` line: reload what changed. */
export class MessagesChangedEventDto {
  @ApiProperty({ enum: ['messages_changed'] }) type: 'messages_changed';
  @ApiProperty({ enum: ['edited', 'deleted', 'variant', 'created'] }) change: string;
  @ApiProperty({ description: 'The message edited, deleted (the first, for a rewind) or given another variant' })
  messageId: number;
}

export const STREAM_EVENT_DTOS = [
  StartEventDto,
  ContentEventDto,
  ReasoningEventDto,
  DoneEventDto,
  ErrorEventDto,
  CancelledEventDto,
  MessagesChangedEventDto,
];
