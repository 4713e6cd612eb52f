import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { HEALTH_PROBES, HealthProbe } from '../health/health.service';
import { AnalyticsModule } from '../analytics/analytics.module';
import { STREAM_HUB, StreamHub } from './stream-hub';
import { InMemoryStreamHub } from './in-memory-stream-hub';
import { RedisStreamHub } from './redis-stream-hub';
import { RedisHealthProbe } from './redis-health-probe';
import { RedisOrphanRecorder } from './redis-orphan-recorder';
import { SESSION_DELETION_HOOKS } from '../chat-sessions/session-lifecycle';
import { HubSessionDeletionHook } from './hub-session-deletion-hook';

const deletionHooks = {
  provide: SESSION_DELETION_HOOKS,
  inject: [STREAM_HUB],
  useFactory: (hub: StreamHub) => [new HubSessionDeletionHook(hub)],
};

/** Provides the stream hub: in-process by default, shared through Redis when REDIS_URL is set. */
@Module({})
export class StreamingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const redisUrl = config.redisUrl;
    if (!redisUrl) {
      return {
        module: StreamingModule,
        global: true,
        providers: [{ provide: STREAM_HUB, useClass: InMemoryStreamHub }, deletionHooks],
        exports: [STREAM_HUB, SESSION_DELETION_HOOKS],
      };
    }
    return {
      module: StreamingModule,
      global: true,
      imports: [AnalyticsModule],
      providers: [
        RedisOrphanRecorder,
        {
          provide: RedisStreamHub,
          inject: [RedisOrphanRecorder],
          useFactory: (orphans: RedisOrphanRecorder) =>
            new RedisStreamHub({
              url: redisUrl,
              keyPrefix: config.redisKeyPrefix,
              onOrphaned: (orphan) => orphans.record(orphan),
            }),
        },
        { provide: STREAM_HUB, useExisting: RedisStreamHub },
        {
          provide: HEALTH_PROBES,
          inject: [RedisStreamHub],
          useFactory: (hub: RedisStreamHub): HealthProbe[] => [new RedisHealthProbe(hub)],
        },
        deletionHooks,
      ],
      exports: [STREAM_HUB, RedisStreamHub, HEALTH_PROBES, SESSION_DELETION_HOOKS],
    };
  }
}
