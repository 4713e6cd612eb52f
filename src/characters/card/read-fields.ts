import { NAME_MAX_LENGTH, TEXT_MAX_LENGTH, textProblem } from '../../resources/field-rules';
import { isJsonObject, JsonObject } from './card-fields';

/** Why an upload is not a card Hearth can import; the message names the field, for a 400. */
export class CardProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CardProblem';
  }
}

/**
 * Typed reads of one JSON object of a card, each naming its path in the problem it reports
 * ("data.first_mes must be a string, got a number"). `null` counts as absent: card editors
 * write it for fields they leave empty.
 */
export class FieldReader {
  private readonly used = new Set<string>();

  constructor(
    private readonly obj: JsonObject,
    private readonly path: string,
    /** Starts every problem: "The card's " for an upload, "" for an API body. */
    private readonly prefix = "The card's ",
  ) {}

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  private take(key: string): unknown {
    this.used.add(key);
    const value = this.obj[key];
    return value === null ? undefined : value;
  }

  private fail(key: string, problem: string): never {
    throw new CardProblem(`${this.prefix}${this.at(key)} ${problem}`);
  }

  /** A text field, "" when absent. */
  text(key: string, maxLength = TEXT_MAX_LENGTH): string {
    const value = this.take(key);
    if (value === undefined) return '';
    const problem = textProblem(value, { maxLength });
    return problem ? this.fail(key, problem) : (value as string);
  }

  /** The character's name: required and non-blank. */
  name(key: string): string {
    const problem = textProblem(this.take(key), { maxLength: NAME_MAX_LENGTH, nonBlank: true });
    return problem ? this.fail(key, problem) : (this.obj[key] as string);
  }

  optionalText(key: string): string | undefined {
    return this.take(key) === undefined ? undefined : this.text(key);
  }

  /** A list of strings, [] when absent. */
  texts(key: string): string[] {
    const value = this.take(key);
    if (value === undefined) return [];
    if (!Array.isArray(value)) return this.fail(key, 'must be an array of strings');
    return value.map((item, i) => {
      const problem = textProblem(item, { maxLength: TEXT_MAX_LENGTH });
      return problem ? this.fail(`${key}[${i}]`, problem) : (item as string);
    });
  }

  bool(key: string, fallback: boolean): boolean {
    return this.optionalBool(key) ?? fallback;
  }

  optionalBool(key: string): boolean | undefined {
    const value = this.take(key);
    if (value === undefined || typeof value === 'boolean') return value;
    return this.fail(key, 'must be true or false');
  }

  optionalNumber(key: string, min = -Infinity): number | undefined {
    const value = this.take(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      return this.fail(key, min === -Infinity ? 'must be a number' : `must be a number of at least ${min}`);
    }
    return value;
  }

  optionalId(key: string): number | string | undefined {
    const value = this.take(key);
    if (value === undefined || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      return value;
    }
    return this.fail(key, 'must be a number or a string');
  }

  object(key: string): JsonObject {
    const value = this.take(key);
    if (value === undefined) return {};
    return isJsonObject(value) ? value : this.fail(key, 'must be an object');
  }

  optionalObject(key: string): JsonObject | undefined {
    return this.take(key) === undefined ? undefined : this.object(key);
  }

  array(key: string): unknown[] {
    const value = this.take(key);
    if (value === undefined) return [];
    return Array.isArray(value) ? value : this.fail(key, 'must be an array');
  }

  /** Marks keys as known without reading them (e.g. `spec`). */
  skip(...keys: string[]): void {
    for (const k of keys) this.used.add(k);
  }

  /** The fields nothing read: kept so that an export writes them back. */
  rest(): JsonObject {
    return Object.fromEntries(Object.entries(this.obj).filter(([k]) => !this.used.has(k)));
  }
}
