import { DataSourceOptions, EntitySchema } from 'typeorm';
import { migrations } from '../../migrations';

/** One set of options for the app, the migration CLI and tests: schema only ever from migrations. */
/** The entity classes (or schemas) the app maps; the app root passes its list. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export type EntityList = (Function | EntitySchema)[];

export function dataSourceOptions(url: string, embedded: boolean, entities: EntityList): DataSourceOptions {
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
