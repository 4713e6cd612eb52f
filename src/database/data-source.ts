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
  const embedded = config.databaseUrl ? null : await EmbeddedPostgres.start(config.dataDir);
  const options = dataSourceOptions(config.databaseUrl ?? embedded!.url, embedded !== null, entities);
  return new DataSource({ ...options, migrationsRun: false });
}

export default cliDataSource();
