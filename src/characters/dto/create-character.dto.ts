import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, ValidateIf } from 'class-validator';
import {
  IsLongText,
  IsName,
  NAME_MAX_LENGTH,
  Omittable,
  TEXT_MAX_LENGTH,
  textProblem,
} from '../../resources/field-rules';
import { isJsonObject } from '../card/card-fields';
import { readLorebookInput } from '../card/lorebook-input';
import { CardProblem } from '../card/read-fields';
import { LorebookDto } from './lorebook.dto';

export const MAX_LIST_LENGTH = 1000;

/** One validator per field with one message, like src/resources/field-rules.ts. */
function rule(name: string, problem: (value: unknown) => string | null, withPath = false): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === null,
      defaultMessage: (args) => {
        const why = problem(args?.value) ?? 'is invalid';
        return withPath ? why : `${args?.property ?? 'value'} ${why}`;
      },
    },
  });
}

function textListProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'must be an array of strings';
  if (value.length > MAX_LIST_LENGTH) return `must have at most ${MAX_LIST_LENGTH} items`;
  for (const [i, item] of value.entries()) {
    const problem = textProblem(item, { maxLength: TEXT_MAX_LENGTH });
    if (problem) return `[${i}] ${problem}`;
  }
  return null;
}

function lorebookProblem(value: unknown): string | null {
  try {
    readLorebookInput(value);
    return null;
  } catch (err) {
    if (err instanceof CardProblem) return err.message;
    throw err;
  }
}

const IsTextList = () => rule('isTextList', textListProblem);
const IsJsonObject = () => rule('isJsonObject', (v) => (isJsonObject(v) ? null : 'must be an object'));
/** null clears the lorebook; the message names the bad path ("lorebook.entries[2].keys ..."). */
const IsLorebook = () => rule('isLorebook', lorebookProblem, true);

const text = (description: string) => ApiPropertyOptional({ maxLength: TEXT_MAX_LENGTH, default: '', description });

export class CreateCharacterDto {
  @ApiProperty({ maxLength: NAME_MAX_LENGTH, example: 'Mira' })
  @IsName()
  name: string;

  @text('The first line of the character part of the prompt')
  @Omittable()
  @IsLongText()
  description?: string;

  @text("In the prompt as `{{char}}'s personality: …`")
  @Omittable()
  @IsLongText()
  personality?: string;

  @text('In the prompt as `Scenario: …`')
  @Omittable()
  @IsLongText()
  scenario?: string;

  @text("A new chat session's first assistant message")
  @Omittable()
  @IsLongText()
  firstMessage?: string;

  @ApiPropertyOptional({ type: [String], default: [], maxItems: MAX_LIST_LENGTH })
  @Omittable()
  @IsTextList()
  alternateGreetings?: string[];

  @text('In the prompt as `Example dialogue:\\n…`')
  @Omittable()
  @IsLongText()
  exampleMessages?: string;

  @text("Replaces the session's system prompt; `{{original}}` stands for it")
  @Omittable()
  @IsLongText()
  systemPrompt?: string;

  @text("Replaces the session's postSystemPrompt; `{{original}}` stands for it")
  @Omittable()
  @IsLongText()
  postHistoryInstructions?: string;

  @text('For people, never sent to the model')
  @Omittable()
  @IsLongText()
  creatorNotes?: string;

  @ApiPropertyOptional({ type: [String], default: [], maxItems: MAX_LIST_LENGTH })
  @Omittable()
  @IsTextList()
  tags?: string[];

  @text('')
  @Omittable()
  @IsLongText()
  creator?: string;

  @text('')
  @Omittable()
  @IsLongText()
  characterVersion?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, default: {} })
  @Omittable()
  @IsJsonObject()
  extensions?: Record<string, unknown>;

  @ApiPropertyOptional({ type: LorebookDto, nullable: true, description: 'null (the default) for none' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsLorebook()
  lorebook?: LorebookDto | null;
}
