import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, ValidateIf } from 'class-validator';
import { GenerationParametersDto, IsGenerationParameters } from '../../provider/generation-parameters.dto';
import { IsLongText, IsName, IsReferenceId, NAME_MAX_LENGTH, TEXT_MAX_LENGTH } from '../../resources/field-rules';

export class CreateChatSessionDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: NAME_MAX_LENGTH, example: 'The lighthouse' })
  @IsOptional()
  @IsName()
  name?: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'An existing AI model id', example: 1 })
  @IsReferenceId()
  aiModelId: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true, description: 'An existing system prompt id' })
  @IsOptional()
  @IsReferenceId()
  systemPromptId?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true, description: 'An existing character id' })
  @IsOptional()
  @IsReferenceId()
  characterId?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true, description: 'An existing user profile id' })
  @IsOptional()
  @IsReferenceId()
  userProfileId?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT_MAX_LENGTH })
  @IsOptional()
  @IsLongText()
  preSystemPrompt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT_MAX_LENGTH })
  @IsOptional()
  @IsLongText()
  postSystemPrompt?: string | null;

  @ApiPropertyOptional({
    default: false,
    description:
      'Keep the text of a reply that is stopped (any cancel reason) or fails after some text, as a message ' +
      'with partial: true; false: such text is dropped',
  })
  // Not nullable: only undefined may skip the check, so null is a 400 rather than a NOT NULL failure.
  @ValidateIf((_: unknown, value: unknown) => value !== undefined)
  @IsBoolean({ message: 'keepPartialOnCancel must be true or false' })
  keepPartialOnCancel?: boolean;
  /** Overrides the model's parameters, key by key; null clears. */
  @IsGenerationParameters()
  parameters?: GenerationParametersDto | null;
}
