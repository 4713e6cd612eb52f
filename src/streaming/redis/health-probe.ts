import type { HealthProbe } from '../../health/health.service';
import type { RedisStreamHub } from './redis-stream-hub';

/** Lets GET /api/health report Redis (and answer 503 while it is down). */
export class RedisHealthProbe implements HealthProbe {
  readonly name = 'redis' as const;

  constructor(private readonly hub: RedisStreamHub) {}

  ping(): Promise<boolean> {
    return this.hub.ping();
  }
}
