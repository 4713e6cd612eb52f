import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import type { SessionDeletionHook } from '../chat-sessions/session-lifecycle';
import { STREAM_HUB, StreamHub } from '../streaming/stream-hub';

/**
 * A deleted chat session's generation is cancelled (wherever it runs) and its attached tabs are
 * let go. Lives on the messages side, which knows both chat sessions and the hub, so neither of
 * those two needs to know the other.
 */
@Injectable()
export class HubSessionDeletionHook implements SessionDeletionHook, OnModuleInit {
  constructor(
    @Inject(STREAM_HUB) private readonly hub: StreamHub,
    private readonly chatSessions: ChatSessionsService,
  ) {}

  onModuleInit(): void {
    this.chatSessions.registerDeletionHook(this);
  }

  async onSessionDeleted(chatSessionId: number): Promise<void> {
    await this.hub.requestCancel(chatSessionId, 'user_cancelled');
    await this.hub.closeConnections(chatSessionId);
  }
}
