import { ApiProperty } from '@nestjs/swagger';
import { UsageDto } from './usage.dto';
import type { MessageRole } from '../message.entity';

export class MessageDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 1 })
  chatSessionId: number;

  @ApiProperty({ enum: ['user', 'assistant'] })
  role: MessageRole;

  @ApiProperty({ example: 'Hello!' })
  content: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'Index of the active variant (0 for a user message)', example: 0 })
  variantIndex: number;

  @ApiProperty({ description: 'How many variants the message has (1 for a user message)', example: 1 })
  variantCount: number;

  @ApiProperty({ description: 'The text was kept from a reply that was stopped or failed (keepPartialOnCancel)' })
  partial: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Model label that wrote the reply (null for a user message)',
  })
  model: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The model's reasoning, when it streamed any" })
  reasoning: string | null;

  @ApiProperty({ type: UsageDto, nullable: true, description: 'Tokens and cost the provider reported' })
  usage: UsageDto | null;
}
