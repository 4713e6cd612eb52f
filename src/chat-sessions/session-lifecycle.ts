/** Told when a chat session is gone, e.g. to cancel its running generation. */
export interface SessionDeletionHook {
  onSessionDeleted(chatSessionId: number): Promise<void>;
}

/** Injection token for `SessionDeletionHook[]`; optional: without it a delete only deletes. */
export const SESSION_DELETION_HOOKS = Symbol('SESSION_DELETION_HOOKS');
