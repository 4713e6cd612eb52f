/**
 * Told when a chat session is gone, e.g. to cancel its running generation. Modules above chat
 * sessions register one with ChatSessionsService.registerDeletionHook at start-up.
 */
export interface SessionDeletionHook {
  onSessionDeleted(chatSessionId: number): Promise<void>;
}
