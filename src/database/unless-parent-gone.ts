import { QueryFailedError } from 'typeorm';

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * A write whose parent row (a chat session, a message) was deleted between its check and the
 * write fails the foreign key: undefined, as for a parent that never existed. The caller says
 * what that means (a 404).
 */
export async function unlessParentGone<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (err) {
    const code = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
    if (code === FOREIGN_KEY_VIOLATION) return undefined;
    throw err;
  }
}
