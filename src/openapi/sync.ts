import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { createApp } from '../bootstrap';
import { buildOpenApiDocument, sortKeys } from './openapi';

/** `npm run openapi`: boots the app without listening and writes openapi/openapi.json. */
async function sync(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-openapi-'));
  const config = loadConfig({ DATA_DIR: dataDir, ENCRYPTION_KEY: 'A'.repeat(43) + '=' });
  const app = await createApp(config, { logger: false });
  const document = sortKeys(buildOpenApiDocument(app));
  writeFileSync(join(__dirname, '../../../openapi/openapi.json'), JSON.stringify(document, null, 2) + '\n');
  await app.close();
}

sync().catch((err) => {
  console.error(err);
  process.exit(1);
});
