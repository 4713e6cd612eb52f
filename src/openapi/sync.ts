import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { createApp } from '../bootstrap';
import { buildOpenApiDocument, canonicalDocument } from './openapi';
import { OPENAPI_FILE, serializeSpec } from './spec-file';

/**
 * `npm run openapi`: boots the app (not listening) on a throwaway embedded database, so it needs
 * nothing running and works from a fresh clone, and writes openapi/openapi.json.
 */
async function sync(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-openapi-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, ENCRYPTION_KEY: 'A'.repeat(43) + '=', LOG_LEVEL: 'error' });
    const app = await createApp(config, { logger: false });
    const document = canonicalDocument(buildOpenApiDocument(app));
    await app.close();
    mkdirSync(dirname(OPENAPI_FILE), { recursive: true });
    writeFileSync(OPENAPI_FILE, serializeSpec(document));
    console.log(`Wrote ${OPENAPI_FILE} (${Object.keys(document.paths).length} paths)`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

sync().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`npm run openapi failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
