import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatSessionsModule } from '../chat-sessions/chat-sessions.module';
import { ProviderModule } from '../provider/provider.module';
import { SettingsModule } from '../settings/settings.module';
import { AnalyticsModule } from '../analytics/analytics.module';
import { MessageEntity } from './message.entity';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { MessagesRepository } from './messages.repository';
import { GenerationController } from './generation.controller';
import { GenerationService } from './generation.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([MessageEntity]),
    ChatSessionsModule,
    ProviderModule,
    SettingsModule,
    AnalyticsModule,
  ],
  controllers: [MessagesController, GenerationController],
  providers: [MessagesService, MessagesRepository, GenerationService],
  exports: [MessagesService],
})
export class MessagesModule {}
