import { DynamicModule, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { HEALTH_PROBES, HealthProbe } from '../health/health.service';
import { STREAM_HUB } from './stream-hub';
import { InMemoryStreamHub } from './in-memory-stream-hub';
import { RedisStreamHub } from './redis/redis-stream-hub';
import { RedisHealthProbe } from './redis/health-probe';
import { ORPHANED_GENERATION_HOOK, OrphanedGeneration, OrphanedGenerationHook } from './orphaned-generation-hook';

/**
 * Calls the ORPHANED_GENERATION_HOOK a module above streaming provides (messages). Looked up in
 * the whole app when first needed: this global module cannot import the one that implements it.
 */
function orphanedGenerationHook(moduleRef: ModuleRef): (orphan: OrphanedGeneration) => Promise<void> {
  let hook: OrphanedGenerationHook | null | undefined;
  return async (orphan) => {
    if (hook === undefined) {
      try {
        hook = moduleRef.get<OrphanedGenerationHook>(ORPHANED_GENERATION_HOOK, { strict: false });
      } catch {
        hook = null; // no module records orphans: ending them is all there is to do
      }
    }
    await hook?.onOrphanedGeneration(orphan);
  };
}

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
      providers: [
        {
          provide: RedisStreamHub,
          inject: [ModuleRef],
          useFactory: (moduleRef: ModuleRef) =>
            new RedisStreamHub({
              url: redisUrl,
              keyPrefix: config.redisKeyPrefix,
              onOrphaned: orphanedGenerationHook(moduleRef),
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
