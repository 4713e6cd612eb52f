import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp, bootLogger } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.stdout.isTTY);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  bootLogger.log(`Hearth listening on http://${config.host}:${config.port} (Swagger UI: /api/docs)`);
}

main().catch((err: unknown) => {
  // One line naming the variable, not a stack trace, for a configuration mistake.
  if (err instanceof ConfigError) console.error(`Hearth cannot start: ${err.message}`);
  else console.error(`Hearth cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
