import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the chat page's files are: `dist/public` when running the build (nest-cli.json copies
 * them there), `public/` when running from source (ts-jest, ts-node). Both are two levels up
 * from this file, but the build must not silently fall back to the source tree.
 */
export function publicDir(from: string = __dirname): string {
  const dir = join(from, '..', '..', 'public');
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(
      `The chat page is missing: no index.html in ${dir} (run \`npm run build\` to copy public/ into dist/)`,
    );
  }
  return dir;
}
