import { ApiProperty } from '@nestjs/swagger';
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
}
