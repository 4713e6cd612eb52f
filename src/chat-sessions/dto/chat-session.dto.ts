import { ApiProperty } from '@nestjs/swagger';
import { AiModelDto } from '../../ai-models/dto/ai-model.dto';
import { SystemPromptDto } from '../../system-prompts/dto/system-prompt.dto';
import { CharacterDto } from '../../characters/dto/character.dto';
import { UserProfileDto } from '../../user-profiles/dto/user-profile.dto';
import { GenerationParametersDto } from '../../provider/generation-parameters.dto';
import type { GenerationParameters } from '../../provider/generation-parameters';

/** A chat session with the records it refers to embedded (null where unset). */
export class ChatSessionDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ type: String, nullable: true, example: 'The lighthouse' })
  name: string | null;

  @ApiProperty({ example: 1 })
  aiModelId: number;

  @ApiProperty({ type: Number, nullable: true })
  systemPromptId: number | null;

  @ApiProperty({ type: Number, nullable: true })
  characterId: number | null;

  @ApiProperty({ type: Number, nullable: true })
  userProfileId: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'First part of the system prompt' })
  preSystemPrompt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Sent as a system message after the history' })
  postSystemPrompt: string | null;

  @ApiProperty({ description: 'Keep the text of stopped or failed replies (partial: true)' })
  keepPartialOnCancel: boolean;
  @ApiProperty({ type: GenerationParametersDto, nullable: true, description: "Override the model's, key by key" })
  parameters: GenerationParameters | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: AiModelDto })
  aiModel: AiModelDto;

  @ApiProperty({ type: SystemPromptDto, nullable: true })
  systemPrompt: SystemPromptDto | null;

  @ApiProperty({ type: CharacterDto, nullable: true })
  character: CharacterDto | null;

  @ApiProperty({ type: UserProfileDto, nullable: true })
  userProfile: UserProfileDto | null;
}
