import type { SessionDeletionHook } from '../chat-sessions/session-lifecycle';
import type { StreamHub } from './stream-hub';

/**
 * A deleted chat session's generation is cancelled (wherever it runs) and its attached tabs are
 * let go. Lives beside the hub, which every instance has, so chat sessions need not know about
 * generation.
 */
export class HubSessionDeletionHook implements SessionDeletionHook {
  constructor(private readonly hub: StreamHub) {}

  async onSessionDeleted(chatSessionId: number): Promise<void> {
    await this.hub.requestCancel(chatSessionId, 'user_cancelled');
    await this.hub.closeConnections(chatSessionId);
  }
}
