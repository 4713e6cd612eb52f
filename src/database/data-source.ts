import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';
import { dataSourceOptions } from './data-source-options';
import { entities } from '../entities';

/**
 * The TypeORM CLI's data source (`npm run migration:generate -- migrations/Name`): the database
 * the server would use, embedded or DATABASE_URL, with the same entities and migrations.
 */
async function cliDataSource(): Promise<DataSource> {
  const config = loadConfig(process.env);
  const options = config.databaseUrl
    ? dataSourceOptions(config.databaseUrl, false, entities)
    : dataSourceOptions((await EmbeddedPostgres.start(config.dataDir)).url, true, entities);
  return new DataSource({ ...options, migrationsRun: false });
}

export default cliDataSource();
