import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
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

  /** Overrides the model's parameters, key by key; null clears. */
  @IsGenerationParameters()
  parameters?: GenerationParametersDto | null;
}
