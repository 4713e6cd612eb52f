import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateIf } from 'class-validator';
import { hasLoneSurrogate, LONE_SURROGATE_PROBLEM } from '../http/well-formed-text';

export const NAME_MAX_LENGTH = 200;
export const TEXT_MAX_LENGTH = 100_000;
/** Ids are PostgreSQL `integer`s. */
export const MAX_ID = 2_147_483_647;

export interface TextRules {
  maxLength: number;
  /** Refuse "" and whitespace-only text. */
  nonBlank?: boolean;
  /** Refuse any whitespace at all (identifiers such as model ids). */
  noWhitespace?: boolean;
}

/** Why `value` is not acceptable text, as the end of a sentence that starts with the field name; null when it is. */
export function textProblem(value: unknown, rules: TextRules): string | null {
  if (value === undefined) return 'is required';
  if (value === null) return 'must not be null';
  if (typeof value !== 'string') return `must be a string, got ${describeType(value)}`;
  // PostgreSQL text cannot hold it; JSON can carry it as "\u0000".
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  // Stored as U+FFFD by PostgreSQL: what was sent and what is read back would differ.
  if (hasLoneSurrogate(value)) return LONE_SURROGATE_PROBLEM;
  if (rules.nonBlank && !/\S/.test(value)) return 'must not be empty';
  if (rules.noWhitespace && /\s/.test(value)) return 'must not contain spaces or other whitespace';
  if (value.length > rules.maxLength) {
    return `must be at most ${rules.maxLength} characters long, got ${value.length}`;
  }
  return null;
}

/** Why `value` is not a whole number from `min` to `max`; null when it is. */
export function intProblem(value: unknown, min: number, max: number): string | null {
  if (value === undefined) return 'is required';
  if (value === null) return 'must not be null';
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const got =
      typeof value === 'number'
        ? String(value)
        : typeof value === 'string'
          ? JSON.stringify(value)
          : describeType(value);
    return `must be a whole number from ${min} to ${max}, got ${got}`;
  }
  return null;
}

/** Why `value` is not a record id; null when it is. */
export const idProblem = (value: unknown): string | null => intProblem(value, 1, MAX_ID);

/** A query parameter's digits as a number; anything else stays as it came, for the message. */
export function queryInt(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** One validator per field, so a bad field yields one message ("name must not be empty"), not a list. */
function fieldRule(name: string, problem: (value: unknown) => string | null): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === null,
      defaultMessage: (args) => `${args?.property ?? 'value'} ${problem(args?.value) ?? 'is invalid'}`,
    },
  });
}

/** A display name: non-blank, at most 200 characters. */
export const IsName = (): PropertyDecorator =>
  fieldRule('isName', (v) => textProblem(v, { maxLength: NAME_MAX_LENGTH, nonBlank: true }));

/** Free text such as a prompt or a description: may be empty, at most 100,000 characters. */
export const IsLongText = (): PropertyDecorator =>
  fieldRule('isLongText', (v) => textProblem(v, { maxLength: TEXT_MAX_LENGTH }));

/** An OpenRouter model id such as `openai/gpt-4o-mini`. */
export const IsModelLabel = (): PropertyDecorator =>
  fieldRule('isModelLabel', (v) => textProblem(v, { maxLength: NAME_MAX_LENGTH, nonBlank: true, noWhitespace: true }));

/** The id of another record (its existence is checked by the service). */
export const IsReferenceId = (): PropertyDecorator => fieldRule('isReferenceId', idProblem);

/** An optional whole-number query parameter, e.g. `?limit=20`; one message when it is not one. */
export const IsQueryInt = (min: number, max: number): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => queryInt(value)),
    fieldRule('isQueryInt', (v) => intProblem(v, min, max)),
  );

/** The field may be left out (the column has a default) but not sent as null (the column is NOT NULL). */
export const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
