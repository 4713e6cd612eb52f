import type { DataSource } from 'typeorm';

/** Undoes the newest migrations, one at a time, up to and including `name`. */
export async function undoThrough(ds: DataSource, name: string): Promise<void> {
  for (;;) {
    const [newest] = await ds.query<Array<{ name: string }>>(
      `SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`,
    );
    await ds.undoLastMigration({ transaction: 'each' });
    if (newest.name === name) return;
  }
}
