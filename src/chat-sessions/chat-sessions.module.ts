import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiModelsModule } from '../ai-models/ai-models.module';
import { SystemPromptsModule } from '../system-prompts/system-prompts.module';
import { CharactersModule } from '../characters/characters.module';
import { UserProfilesModule } from '../user-profiles/user-profiles.module';
import { ChatSessionEntity } from './chat-session.entity';
import { ChatSessionsController } from './chat-sessions.controller';
import { ChatSessionsService } from './chat-sessions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ChatSessionEntity]),
    AiModelsModule,
    SystemPromptsModule,
    CharactersModule,
    UserProfilesModule,
  ],
  controllers: [ChatSessionsController],
  providers: [ChatSessionsService],
  exports: [ChatSessionsService],
})
export class ChatSessionsModule {}
