import { ApiProperty } from '@nestjs/swagger';
import { LorebookDto } from './lorebook.dto';

export class CharacterDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Mira' })
  name: string;

  @ApiProperty({
    description: 'The first line of the character part of the prompt',
    example: 'A sharp-tongued ship navigator.',
  })
  description: string;

  @ApiProperty({ description: "In the prompt as `{{char}}'s personality: …`" })
  personality: string;

  @ApiProperty({ description: 'In the prompt as `Scenario: …`' })
  scenario: string;

  @ApiProperty({ description: "A new chat session's first assistant message" })
  firstMessage: string;

  @ApiProperty({ type: [String], description: "Further greetings: the first message's variants" })
  alternateGreetings: string[];

  @ApiProperty({ description: 'In the prompt as `Example dialogue:\\n…`' })
  exampleMessages: string;

  @ApiProperty({ description: "Replaces the session's system prompt; `{{original}}` stands for it" })
  systemPrompt: string;

  @ApiProperty({ description: "Replaces the session's postSystemPrompt; `{{original}}` stands for it" })
  postHistoryInstructions: string;

  @ApiProperty({ description: 'For people, never sent to the model' })
  creatorNotes: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty()
  creator: string;

  @ApiProperty()
  characterVersion: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "The card's `extensions`, kept for export" })
  extensions: Record<string, unknown>;

  @ApiProperty({ description: 'Whether GET /api/characters/{id}/avatar has an image' })
  hasAvatar: boolean;

  @ApiProperty({ type: LorebookDto, nullable: true })
  lorebook: LorebookDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
