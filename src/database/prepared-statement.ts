import { Injectable } from '@nestjs/common';
import { DatabaseError, Pool, QueryResultRow } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '../config/app-config';

/** A hot statement (one every send runs), written by hand; run it with a StatementRunner. */
export class PreparedStatement<R extends QueryResultRow> {
  /** Type only (no value at run time): the row type a runner returns for this statement. */
  declare readonly rowType?: R;

  /**
   * @param name unique per text: pg refuses a second text under a name it has prepared
   * @param text SQL with `$1`-style parameters
   */
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}
}

/**
 * Runs PreparedStatements on TypeORM's own pg pool, skipping the query runner around query().
 * On a PostgreSQL server they run as named prepared statements, parsed and planned once per
 * connection instead of on every call (about half a millisecond of the server's time for the
 * send's five-table join); TypeORM's query() cannot name a statement. On the embedded PGlite they
 * run unnamed: its one backend outlives the pool's connections, and so would the names, which a
 * new connection would then try to prepare again. Failures are thrown as TypeORM's
 * QueryFailedError, as query() throws them, so the exception filter and callers map database
 * errors (a NUL character, a foreign key) the same way.
 */
@Injectable()
export class StatementRunner {
  private readonly named: boolean;

  constructor(
    private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.named = config.databaseUrl !== undefined;
  }

  async run<R extends QueryResultRow>(statement: PreparedStatement<R>, values: unknown[]): Promise<R[]> {
    const pool = (this.db.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const { name, text } = statement;
      return (await client.query<R>(this.named ? { name, text, values } : { text, values })).rows;
    } catch (err) {
      // An error the server reported leaves the connection usable (TypeORM keeps it too); others may not.
      if (!(err instanceof DatabaseError)) broken = err as Error;
      throw new QueryFailedError(statement.text, values, err as Error);
    } finally {
      client.release(broken);
    }
  }
}
