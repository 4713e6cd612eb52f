import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written on behalf of a request (and the generation it starts) carries. */
export interface LogFields {
  requestId?: string;
  chatSessionId?: number;
  streamId?: string;
}

const storage = new AsyncLocalStorage<LogFields>();

/** Runs `next` (the rest of a request's handling) with its own fields, inherited by whatever it starts. */
export function withLogFields<T>(fields: LogFields, next: () => T): T {
  return storage.run({ ...fields }, next);
}

/**
 * Adds fields to the current request's (a generation's ids, once known). A run started from the
 * request keeps the same fields, so its lines name the request, the session and the stream.
 */
export function addLogFields(fields: LogFields): void {
  const current = storage.getStore();
  if (current) Object.assign(current, fields);
}

export function currentLogFields(): LogFields {
  return storage.getStore() ?? {};
}
