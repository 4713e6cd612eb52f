/**
 * What a service throws when a request cannot be served: a code from its domain's enum and a
 * message a person can act on. Knows nothing of HTTP; src/http/domain-error-status.ts gives each
 * code its status, in one place.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The message of anything caught, for a log line (`catch` gives `unknown`). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
