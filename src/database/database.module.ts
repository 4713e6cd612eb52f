import { DynamicModule, Global, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';
import { dataSourceOptions, EntityList } from './data-source-options';
import { databaseStartError } from './database-start-error';
import { StatementRunner } from './prepared-statement';

/** Stands in until the embedded server has started and its port is known; never dialled. */
const EMBEDDED_PLACEHOLDER_URL = 'postgres://postgres@embedded.invalid/postgres';

/**
 * Starts the embedded database (when DATABASE_URL is unset), connects and migrates in
 * onModuleInit rather than in a provider factory: a failure there reaches main() as the one
 * ConfigError line, instead of Nest's and TypeORM's own stack-trace logs.
 */
@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private embedded: EmbeddedPostgres | null = null;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const { databaseUrl, dataDir } = this.config;
    try {
      if (!databaseUrl) {
        new Logger('Database').log(`DATABASE_URL unset: using embedded PostgreSQL (PGlite) in ${dataDir}`);
        this.embedded = await EmbeddedPostgres.start(dataDir);
        this.dataSource.setOptions({ url: this.embedded.url });
      }
      await this.dataSource.initialize();
    } catch (err) {
      // A signal during start-up closes the database under us: that is not a configuration mistake.
      if (this.stopping) throw new Error('stopped by a signal while connecting to the database');
      await this.onApplicationShutdown().catch(() => undefined);
      throw databaseStartError(err, databaseUrl, dataDir);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    const embedded = this.embedded;
    this.embedded = null;
    await embedded?.stop();
  }
}

/**
 * Global so that its onModuleInit runs before any other module's (Nest runs global modules'
 * hooks first): nothing else can reach the database before it is connected and migrated. Also
 * provides the one StatementRunner every repository with hand-written statements injects.
 */
@Global()
@Module({})
export class DatabaseModule {
  /** @param entities every entity of the app, listed at its root */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.databaseUrl ?? EMBEDDED_PLACEHOLDER_URL, !config.databaseUrl, entities),
            manualInitialization: true,
          }),
        }),
      ],
      providers: [DatabaseLifecycle, StatementRunner],
      exports: [StatementRunner],
    };
  }
}
