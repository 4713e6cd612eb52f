import { DynamicModule, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { HEALTH_PROBES, HealthProbe } from '../health/health.service';
import { STREAM_HUB } from './stream-hub';
import { InMemoryStreamHub } from './in-memory-stream-hub';
import { RedisStreamHub } from './redis/redis-stream-hub';
import { RedisHealthProbe } from './redis/health-probe';
import { ORPHANED_GENERATION_HOOK, OrphanedGeneration, OrphanedGenerationHook } from './orphaned-generation-hook';
import { STREAM_HUB_METRICS, StreamHubMetrics } from './stream-hub-metrics';

/**
 * A provider a module above streaming may offer (messages, metrics), looked up in the whole app
 * when first needed: this global module cannot import the modules that implement it. Null when
 * no module offers it. First needed after start-up, once every provider exists.
 */
function lookedUpOnce<T>(find: () => T): () => T | null {
  let found: T | null | undefined;
  return () => {
    if (found === undefined) {
      try {
        found = find();
      } catch {
        found = null;
      }
    }
    return found;
  };
}

/** Calls the ORPHANED_GENERATION_HOOK; without one, ending an orphan is all there is to do. */
function orphanedGenerationHook(moduleRef: ModuleRef): (orphan: OrphanedGeneration) => Promise<void> {
  const hook = lookedUpOnce(() => moduleRef.get<OrphanedGenerationHook>(ORPHANED_GENERATION_HOOK, { strict: false }));
  return async (orphan) => {
    await hook()?.onOrphanedGeneration(orphan);
  };
}

/** Reports to the STREAM_HUB_METRICS, if a module provides them. */
function streamHubMetrics(moduleRef: ModuleRef): StreamHubMetrics {
  const metrics = lookedUpOnce(() => moduleRef.get<StreamHubMetrics>(STREAM_HUB_METRICS, { strict: false }));
  return {
    redisError: (operation) => metrics()?.redisError(operation),
    redisLag: (seconds) => metrics()?.redisLag(seconds),
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
              metrics: streamHubMetrics(moduleRef),
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
