import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
