import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatSessionsModule } from '../chat-sessions/chat-sessions.module';
import { ProviderModule } from '../provider/provider.module';
import { SettingsModule } from '../settings/settings.module';
import { AnalyticsModule } from '../analytics/analytics.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MessageEntity } from './message.entity';
import { MessageVariantEntity } from './message-variant.entity';
import { RepliesRepository } from './replies.repository';
import { GenerationPlanner } from './generation-planner';
import { ConversationService } from './conversation.service';
import { GreetingWriter } from './greeting-writer';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { MessagesRepository } from './messages.repository';
import { GenerationController } from './generation.controller';
import { GenerationService } from './generation.service';
import { HubSessionDeletionHook } from './hub-session-deletion-hook';
import { OrphanGenerationRecorder } from './orphan-generation-recorder';
import { IdempotencyService } from './idempotency.service';
import { IdempotencyRepository } from './idempotency.repository';
import { ORPHANED_GENERATION_HOOK } from '../streaming/orphaned-generation-hook';

@Module({
  imports: [
    TypeOrmModule.forFeature([MessageEntity, MessageVariantEntity]),
    ChatSessionsModule,
    ProviderModule,
    SettingsModule,
    AnalyticsModule,
    MetricsModule,
  ],
  controllers: [MessagesController, GenerationController],
  providers: [
    MessagesService,
    MessagesRepository,
    RepliesRepository,
    GenerationPlanner,
    GenerationService,
    ConversationService,
    IdempotencyService,
    IdempotencyRepository,
    HubSessionDeletionHook,
    GreetingWriter,
    // The Redis hub records generations it ended for a dead instance through this hook.
    { provide: ORPHANED_GENERATION_HOOK, useClass: OrphanGenerationRecorder },
  ],
  exports: [MessagesService],
})
export class MessagesModule {}
