import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthDto } from './health.dto';

/** Anything else that must answer for the server to be healthy (Redis registers one). */
export interface HealthProbe {
  /** Reported under this name in the health answer's problems (`redis`: also its own field). */
  readonly name: string;
  ping(): Promise<boolean>;
}
export const HEALTH_PROBES = Symbol('HEALTH_PROBES');

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(HEALTH_PROBES) private readonly probes: HealthProbe[] = [],
  ) {}

  async check(): Promise<HealthDto> {
    const problems: string[] = [];
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => 'ok' as const)
      .catch(() => 'down' as const);
    if (database === 'down') problems.push('the database does not answer');
    let redis: HealthDto['redis'] = 'not_configured';
    for (const probe of this.probes) {
      const ok = await probe.ping().catch(() => false);
      if (probe.name === 'redis') redis = ok ? 'ok' : 'down';
      if (!ok) problems.push(`${probe.name} does not answer`);
    }
    return { status: problems.length ? 'down' : 'ok', database, redis, problems };
  }
}
