import { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from '../../migrations';

/** One set of options for the app, the migration CLI and tests: schema only ever from migrations. */
export function dataSourceOptions(url: string, embedded: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Not 'error': TypeORM would log failed queries with their parameters (message text, tokens).
    logging: ['warn', 'migration'],
    // PGlite is one connection; a real server gets a normal pool.
    extra: { max: embedded ? 1 : 10, connectionTimeoutMillis: 10_000 },
  };
}
