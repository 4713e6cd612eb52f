import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { createApp } from '../bootstrap';
import { buildOpenApiDocument, canonicalDocument } from './openapi';

/** The nearest folder up from here holding package.json: the repository root, from src/ or dist/src/. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The committed spec, openapi/openapi.json at the repository root. */
export const OPENAPI_FILE = join(projectRoot(__dirname), 'openapi', 'openapi.json');

/** The committed spec's exact text: canonical key order, two-space indent, final newline. */
export function serializeSpec(document: object): string {
  return JSON.stringify(document, null, 2) + '\n';
}

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

if (require.main === module) {
  sync().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`npm run openapi failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
