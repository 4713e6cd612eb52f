import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * JSON can carry half of a UTF-16 surrogate pair ("\ud800"), which is no character: it would be
 * echoed as typed in the stream but stored by PostgreSQL (UTF-8) as U+FFFD, so what was streamed
 * and what was saved would differ. Such text is refused instead.
 */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** True when `text` has a surrogate without its partner (in `u` mode a proper pair is one code point). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Ends a sentence that starts with the field name. */
export const LONE_SURROGATE_PROBLEM =
  'must be well-formed Unicode text: it contains half of a surrogate pair (\\ud800-\\udfff) with no partner';

/** For any string field; leaves type checks to the field's other rules (a non-string passes here). */
export function IsWellFormedText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWellFormedText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasLoneSurrogate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} ${LONE_SURROGATE_PROBLEM}`,
      },
    },
    options,
  );
}
