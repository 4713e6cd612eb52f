import 'reflect-metadata';
import dataSource from './data-source';

/** `npm run migration:run`: applies pending migrations (the server also does this at start-up). */
async function migrate(): Promise<void> {
  const ds = await dataSource;
  await ds.initialize();
  const applied = await ds.runMigrations({ transaction: 'each' });
  console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations');
  await ds.destroy();
  process.exit(0);
}

migrate().catch((err: unknown) => {
  console.error(`Migrations failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
