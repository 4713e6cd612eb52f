import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { GenerationParametersDto, IsGenerationParameters } from '../../provider/generation-parameters.dto';
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

  @ApiPropertyOptional({
    example: 'openrouter',
    default: 'openrouter',
    description: 'A configured provider id: openrouter, openai, anthropic or an OPENAI_COMPATIBLE_ENDPOINTS name',
    pattern: '^[a-z0-9-]+$',
  })
  // Not IsOptional: null must be refused (a model always has a provider), not skipped.
  @ValidateIf((o: CreateAiModelDto) => o.provider !== undefined)
  @IsString({ message: 'provider must be a provider id such as openrouter or anthropic' })
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'provider must be a provider id such as openrouter or anthropic' })
  provider?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    nullable: true,
    example: 128000,
    description: 'Tokens the model takes in all',
  })
  @IsOptional()
  @IsInt({ message: 'contextLength must be a whole number from 1 to 100000000' })
  @Min(1, { message: 'contextLength must be a whole number from 1 to 100000000' })
  @Max(100_000_000, { message: 'contextLength must be a whole number from 1 to 100000000' })
  contextLength?: number | null;

  @IsGenerationParameters()
  parameters?: GenerationParametersDto | null;
}
