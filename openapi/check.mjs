// `npm run openapi:check`: openapi/openapi.json is a valid OpenAPI document, clean under Redocly's
// recommended rules and Spectral's spectral:oas, and a client generated from it with
// openapi-typescript types every response (errors included). Everything runs offline: the
// rulesets are the tools' built-in ones (redocly.yaml, .spectral.yaml) and Redocly's telemetry
// and update check are off. `--write` only regenerates the committed types (`npm run openapi` does).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import openapiTS, { astToString } from 'openapi-typescript';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SPEC = join(root, 'openapi', 'openapi.json');
const CLIENT_DIR = join(root, 'openapi', 'typed-client-check');
const TYPES = join(CLIENT_DIR, 'hearth-api.d.ts');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** The client types openapi-typescript makes of the spec, with a header saying where they come from. */
async function generatedTypes() {
  const header = '// Generated from openapi/openapi.json by openapi-typescript: `npm run openapi` rewrites it.\n';
  return header + astToString(await openapiTS(new URL(`file://${SPEC}`)));
}

if (process.argv.includes('--write')) {
  writeFileSync(TYPES, await generatedTypes());
  console.log(`Wrote ${relative(root, TYPES)}`);
  process.exit(0);
}

const failures = [];
function step(name, ok = true, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n${detail}` : ''}`);
  if (!ok) failures.push(name);
}
function run(command, args) {
  return spawnSync(command, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

// 1. Structurally valid OpenAPI 3 (the schema check swagger-parser's users rely on).
try {
  await SwaggerParser.validate(SPEC);
  step('swagger-parser: valid OpenAPI document');
} catch (err) {
  step('swagger-parser: valid OpenAPI document', false, String(err instanceof Error ? err.message : err));
}

// 2. Redocly, recommended rules: it exits 0 on warnings, so its JSON totals decide.
{
  const r = run(bin('redocly'), ['lint', '--format=json', '--config', 'redocly.yaml', relative(root, SPEC)]);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    step('redocly lint (recommended)', false, r.stdout + r.stderr);
  }
  if (report) {
    const { errors, warnings, ignored } = report.totals;
    const list = report.problems
      .map((p) => `  ${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)
      .join('\n');
    const note = ignored ? ` (${ignored} ignored by .redocly.lint-ignore.yaml)` : '';
    step(`redocly lint (recommended): ${errors} errors, ${warnings} warnings${note}`, errors + warnings === 0, list);
  }
}

// 3. Spectral, spectral:oas: any finding, hints included, fails.
{
  const r = run(bin('spectral'), [
    'lint',
    '--ruleset',
    '.spectral.yaml',
    '--fail-severity',
    'hint',
    '--display-only-failures',
    relative(root, SPEC),
  ]);
  step('spectral lint (spectral:oas)', r.status === 0, r.status === 0 ? '' : r.stdout + r.stderr);
}

// 4. The committed types are those of the committed spec.
{
  const text = await generatedTypes();
  let committed = '';
  try {
    committed = readFileSync(TYPES, 'utf8');
  } catch {
    // missing: reported as out of date
  }
  step(
    `openapi-typescript: ${relative(root, TYPES)} is up to date`,
    committed === text,
    committed === text ? '' : '  run `npm run openapi` and commit it',
  );
}

// 5. The typed client compiles against them (every error body typed; see client.ts).
{
  const r = run(bin('tsc'), ['-p', relative(root, CLIENT_DIR)]);
  step('tsc: typed client compiles against the generated types', r.status === 0, r.stdout + r.stderr);
}

console.log(failures.length ? `\nOpenAPI check failed: ${failures.join('; ')}` : '\nOpenAPI check passed');
process.exit(failures.length ? 1 : 0);
