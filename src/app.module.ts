import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { entities } from './entities';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { AuthGuard } from './http/auth.guard';
import { HealthModule } from './health/health.module';
import { CryptoModule } from './crypto/crypto.module';
import { SettingsModule } from './settings/settings.module';
import { AiModelsModule } from './ai-models/ai-models.module';
import { SystemPromptsModule } from './system-prompts/system-prompts.module';
import { CharactersModule } from './characters/characters.module';
import { UserProfilesModule } from './user-profiles/user-profiles.module';
import { ChatSessionsModule } from './chat-sessions/chat-sessions.module';
import { MessagesModule } from './messages/messages.module';
import { ProviderModule } from './provider/provider.module';
import { ProvidersCatalogueModule } from './providers-catalogue/providers-catalogue.module';
import { StreamingModule } from './streaming/streaming.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { WebModule } from './web/web.module';
import { MetricsModule } from './metrics/metrics.module';
import { ThrottlerModule } from '@nestjs/throttler';
import { generationThrottlerOptions } from './http/generation-throttle';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(entities),
        HealthModule,
        CryptoModule,
        SettingsModule,
        AiModelsModule,
        SystemPromptsModule,
        CharactersModule,
        UserProfilesModule,
        ChatSessionsModule,
        ProviderModule,
        ProvidersCatalogueModule,
        StreamingModule.forRoot(config),
        MessagesModule,
        AnalyticsModule,
        MetricsModule,
        WebModule,
        // Only routes marked @GenerationThrottle() are limited: no global ThrottlerGuard.
        ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: generationThrottlerOptions }),
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
