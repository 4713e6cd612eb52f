import { Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';
import { dataSourceOptions } from './data-source-options';

const EMBEDDED = Symbol('EMBEDDED_POSTGRES');

/** Starts the embedded database when DATABASE_URL is unset, and stops it after TypeORM lets go. */
@Injectable()
class EmbeddedLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EMBEDDED) private readonly embedded: EmbeddedPostgres | null,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    const dataSource = this.moduleRef.get<DataSource>(getDataSourceToken(), { strict: false });
    if (dataSource?.isInitialized) await dataSource.destroy();
    await this.embedded.stop();
  }
}

@Module({
  providers: [
    {
      provide: EMBEDDED,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        if (config.databaseUrl) return null;
        new Logger('Database').log(`DATABASE_URL unset: using embedded PostgreSQL (PGlite) in ${config.dataDir}`);
        return EmbeddedPostgres.start(config.dataDir);
      },
    },
    EmbeddedLifecycle,
  ],
  exports: [EMBEDDED],
})
class EmbeddedModule {}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [EmbeddedModule],
      inject: [AppConfig, EMBEDDED],
      useFactory: (config: AppConfig, embedded: EmbeddedPostgres | null) => ({
        ...dataSourceOptions(config.databaseUrl ?? embedded!.url, embedded !== null),
        retryAttempts: 0,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = new DataSource(options!);
        try {
          await dataSource.initialize();
        } catch (err) {
          throw new ConfigError('DATABASE_URL', `cannot connect or migrate: ${(err as Error).message}`);
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
