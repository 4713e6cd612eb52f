import { ApiProperty } from '@nestjs/swagger';
import { GenerationParametersDto } from '../../provider/generation-parameters.dto';
import type { GenerationParameters } from '../../provider/generation-parameters';

export class AiModelDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'openai/gpt-4o-mini', description: 'The OpenRouter model id sent upstream' })
  label: string;

  @ApiProperty({ type: String, nullable: true, example: 'GPT-4o mini', description: 'A display name' })
  name: string | null;

  @ApiProperty({ example: 'openrouter', description: 'The provider the model is called through' })
  provider: string;

  @ApiProperty({ type: Number, nullable: true, example: 128000 })
  contextLength: number | null;

  @ApiProperty({ type: GenerationParametersDto, nullable: true })
  parameters: GenerationParameters | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
