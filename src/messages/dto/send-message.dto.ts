import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsWellFormedText } from '../../http/well-formed-text';
import { MessageDto } from './message.dto';

export class SendMessageDto {
  @ApiProperty({ description: 'What the user says', example: 'Hello!', maxLength: 100_000 })
  @IsString({ message: 'content must be a string' })
  @IsNotEmpty({ message: 'content must not be empty' })
  @MaxLength(100_000, { message: 'content must be at most 100000 characters' })
  @IsWellFormedText()
  content: string;

  @ApiPropertyOptional({
    description: 'true (default): answer with text/event-stream; false: wait and answer with JSON',
    default: true,
  })
  @IsOptional()
  @IsBoolean({ message: 'stream must be true or false' })
  stream?: boolean;
}

export class SendMessageResultDto {
  @ApiProperty({
    type: MessageDto,
    nullable: true,
    description: 'The saved user message; null for regenerate and continue',
  })
  userMessage: MessageDto | null;

  @ApiProperty({ type: MessageDto })
  assistantMessage: MessageDto;
}

/** The body of regenerate and continue. */
export class GenerateDto {
  @ApiPropertyOptional({
    description: 'true (default): answer with text/event-stream; false: wait and answer with JSON',
    default: true,
  })
  @IsOptional()
  @IsBoolean({ message: 'stream must be true or false' })
  stream?: boolean;
}

export class CancelMessageResultDto {
  @ApiProperty({ enum: [true] })
  cancelled: true;

  @ApiProperty({ format: 'uuid' })
  streamId: string;

  @ApiProperty({ description: 'Length (UTF-16 code units) of the text streamed before the cancel' })
  partialLength: number;
}

export class StreamStatusDto {
  @ApiProperty()
  isStreaming: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  streamId: string | null;

  @ApiProperty({ description: 'Length (UTF-16 code units) of the text streamed so far' })
  partialLength: number;

  @ApiProperty({ description: 'SSE connections attached to the session (send-message responses and tabs)' })
  connections: number;
}
