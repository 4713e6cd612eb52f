import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { GenerationParameters, REASONING_EFFORTS, ReasoningParameter } from './generation-parameters';

/** Longest stop sequence accepted; providers allow short ones only. */
export const STOP_MAX_LENGTH = 200;
/** Thinking budgets above this are not something any provider accepts today. */
export const REASONING_MAX_TOKENS = 1_000_000;

/** Why `value` is not a `reasoning` parameter, as the end of a sentence starting "reasoning"; null when it is. */
export function reasoningProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return 'must be an object: {"effort": "minimal"|"low"|"medium"|"high"} or {"maxTokens": N}, each with optional "exclude": bool';
  }
  const fields = Object.keys(value);
  const unknown = fields.filter((f) => !['effort', 'maxTokens', 'exclude'].includes(f));
  if (unknown.length > 0) return `has unknown field ${unknown.map((f) => JSON.stringify(f)).join(', ')}`;
  const v = value as Record<string, unknown>;
  if ('effort' in v && 'maxTokens' in v) return 'takes either effort or maxTokens, not both';
  if (!('effort' in v) && !('maxTokens' in v)) return 'needs effort or maxTokens';
  if ('effort' in v && !REASONING_EFFORTS.includes(v.effort as never)) {
    return `effort must be one of ${REASONING_EFFORTS.join(', ')}`;
  }
  if ('maxTokens' in v) {
    const n = v.maxTokens;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > REASONING_MAX_TOKENS) {
      return `maxTokens must be a whole number from 1 to ${REASONING_MAX_TOKENS}`;
    }
  }
  if ('exclude' in v && typeof v.exclude !== 'boolean') return 'exclude must be true or false';
  return null;
}

const Range = (min: number, max: number, description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: min, maximum: max, description }),
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number' }),
    Min(min, { message: `$property must be from ${min} to ${max}` }),
    Max(max, { message: `$property must be from ${min} to ${max}` }),
  );

/**
 * `parameters` on an AI model or a chat session (contract ranges). Unknown fields are refused by
 * the global whitelist; a provider's narrower range (Anthropic's temperature ≤ 1) is clamped
 * when sent, not refused here, so one set of parameters works with any provider.
 */
export class GenerationParametersDto implements GenerationParameters {
  @Range(0, 2, 'Randomness; Anthropic is clamped to 1')
  temperature?: number;

  @Range(0, 1, 'Nucleus sampling')
  topP?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional()
  @IsInt({ message: 'topK must be a whole number ≥ 0' })
  @Min(0, { message: 'topK must be a whole number ≥ 0' })
  topK?: number;

  @Range(0, 1, 'Minimum probability relative to the likeliest token')
  minP?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Longest reply, in tokens' })
  @IsOptional()
  @IsInt({ message: 'maxTokens must be a whole number ≥ 1' })
  @Min(1, { message: 'maxTokens must be a whole number ≥ 1' })
  maxTokens?: number;

  @Range(-2, 2, 'Penalises tokens by how often they appeared')
  frequencyPenalty?: number;

  @Range(-2, 2, 'Penalises tokens that appeared at all')
  presencePenalty?: number;

  @Range(0, 2, 'Multiplicative repetition penalty (1 = none)')
  repetitionPenalty?: number;

  @ApiPropertyOptional({ type: [String], maxItems: 4, description: 'Up to 4 stop sequences' })
  @IsOptional()
  @IsArray({ message: 'stop must be an array of strings' })
  @ArrayMaxSize(4, { message: 'stop takes at most 4 strings' })
  @IsString({ each: true, message: 'stop must be an array of strings' })
  @MaxLength(STOP_MAX_LENGTH, { each: true, message: `each stop string must be at most ${STOP_MAX_LENGTH} characters` })
  stop?: string[];

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: 'seed must be a whole number' })
  @Min(Number.MIN_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  seed?: number;

  @ApiPropertyOptional({
    description: '{"effort": "minimal"|"low"|"medium"|"high", "exclude"?: bool} or {"maxTokens": N, "exclude"?: bool}',
    example: { effort: 'medium' },
  })
  @IsOptional()
  @ValidateBy({
    name: 'reasoning',
    validator: {
      validate: (value) => reasoningProblem(value) === null,
      defaultMessage: (args) => `reasoning ${reasoningProblem(args?.value) ?? 'is invalid'}`,
    },
  })
  reasoning?: ReasoningParameter;
}

/** `parameters` on a create/update DTO: an object validated as GenerationParametersDto, or null to clear. */
export const IsGenerationParameters = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: GenerationParametersDto, nullable: true }),
    IsOptional(),
    IsObject({ message: 'parameters must be an object' }),
    ValidateNested({ message: 'parameters must be an object' }),
    Type(() => GenerationParametersDto),
  );
