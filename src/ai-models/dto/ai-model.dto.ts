import { ApiProperty } from '@nestjs/swagger';

export class AiModelDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'openai/gpt-4o-mini', description: 'The OpenRouter model id sent upstream' })
  label: string;

  @ApiProperty({ type: String, nullable: true, example: 'GPT-4o mini', description: 'A display name' })
  name: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
