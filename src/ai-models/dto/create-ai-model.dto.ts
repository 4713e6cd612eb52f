import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsModelLabel, IsName, NAME_MAX_LENGTH } from '../../resources/field-rules';

export class CreateAiModelDto {
  @ApiProperty({
    example: 'openai/gpt-4o-mini',
    description: 'The OpenRouter model id, without whitespace',
    maxLength: NAME_MAX_LENGTH,
    pattern: '^\\S+$',
  })
  @IsModelLabel()
  label: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: NAME_MAX_LENGTH, example: 'GPT-4o mini' })
  @IsOptional()
  @IsName()
  name?: string | null;
}
