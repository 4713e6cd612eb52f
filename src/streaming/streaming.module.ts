import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { HEALTH_PROBES, HealthProbe } from '../health/health.service';
import { AnalyticsModule } from '../analytics/analytics.module';
import { STREAM_HUB } from './stream-hub';
import { InMemoryStreamHub } from './in-memory-stream-hub';
import { RedisStreamHub } from './redis-stream-hub';
import { RedisHealthProbe } from './redis-health-probe';
import { RedisOrphanRecorder } from './redis-orphan-recorder';

/** Provides the stream hub: in-process by default, shared through Redis when REDIS_URL is set. */
@Module({})
export class StreamingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const redisUrl = config.redisUrl;
    if (!redisUrl) {
      return {
        module: StreamingModule,
        global: true,
        providers: [{ provide: STREAM_HUB, useClass: InMemoryStreamHub }],
        exports: [STREAM_HUB],
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
      ],
      exports: [STREAM_HUB, RedisStreamHub, HEALTH_PROBES],
    };
  }
}
