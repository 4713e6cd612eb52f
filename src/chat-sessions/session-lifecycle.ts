import type { EntityManager } from 'typeorm';
import type { ChatSessionEntity } from './chat-session.entity';

/**
 * Told when a chat session is gone, e.g. to cancel its running generation. Modules above chat
 * sessions register one with ChatSessionsService.registerDeletionHook at start-up.
 */
export interface SessionDeletionHook {
  onSessionDeleted(chatSessionId: number): Promise<void>;
}

/**
 * Told of a chat session being created, inside the transaction that creates it (`manager`), e.g.
 * to give it its character's greeting: when the hook fails, no session is created.
 */
export interface SessionCreationHook {
  onSessionCreated(session: ChatSessionEntity, manager: EntityManager): Promise<void>;
}
