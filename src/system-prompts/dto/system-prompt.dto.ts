import { ApiProperty } from '@nestjs/swagger';

export class SystemPromptDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Narrator' })
  name: string;

  @ApiProperty({ description: 'Goes into the system prompt', example: 'You are the narrator of a slow-burn mystery.' })
  content: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
