import { existsSync, readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { startTestApp, TestApp, TEST_DB } from './support/test-app';
import { buildOpenApiDocument, canonicalDocument, sortKeys } from '../src/openapi/openapi';
import { OPENAPI_FILE, serializeSpec } from '../src/openapi/spec-file';

/** Names in a or b whose values differ: what a person needs to see to understand the drift. */
function changedKeys(a: Record<string, unknown> = {}, b: Record<string, unknown> = {}): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => {
    if (!(k in a)) return [`+ ${k}`];
    if (!(k in b)) return [`- ${k}`];
    // By text: fetch's JSON objects come from another realm than the test's, so deep-equal would differ.
    return JSON.stringify(sortKeys(a[k])) === JSON.stringify(sortKeys(b[k])) ? [] : [`~ ${k}`];
  });
}

function driftReport(committed: OpenAPIObject, served: OpenAPIObject): string {
  const paths = changedKeys(committed.paths, served.paths).map((l) => `  path ${l}`);
  const schemas = changedKeys(committed.components?.schemas, served.components?.schemas).map((l) => `  schema ${l}`);
  const rest = changedKeys(
    { ...committed, paths: undefined, components: { ...committed.components, schemas: undefined } },
    { ...served, paths: undefined, components: { ...served.components, schemas: undefined } },
  ).map((l) => `  ${l}`);
  const differences = [...paths, ...schemas, ...rest];
  return [
    'openapi/openapi.json does not match what the server serves at /api/docs-json.',
    'Run `npm run openapi` and commit openapi/openapi.json. Differences (+ served only, - committed only, ~ changed):',
    ...(differences.length ? differences : ['  only formatting (key order, indentation or the final newline)']),
  ].join('\n');
}

describe(`OpenAPI spec (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  async function served(): Promise<{ text: string; document: OpenAPIObject }> {
    const res = await fetch(`${t.url}/api/docs-json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as OpenAPIObject;
    return { text: serializeSpec(document), document };
  }

  it('the committed openapi/openapi.json is exactly what /api/docs-json serves', async () => {
    if (!existsSync(OPENAPI_FILE)) throw new Error(`${OPENAPI_FILE} is missing: run \`npm run openapi\` and commit it`);
    const committedText = readFileSync(OPENAPI_FILE, 'utf8');
    const { text, document } = await served();
    if (committedText !== text) throw new Error(driftReport(JSON.parse(committedText) as OpenAPIObject, document));
  });

  it('is deterministic: building it again gives the same document, keys in order', async () => {
    const { text } = await served();
    expect(serializeSpec(canonicalDocument(buildOpenApiDocument(t.app)))).toBe(text);
    expect(Object.keys(JSON.parse(text).paths)).toEqual(Object.keys(JSON.parse(text).paths).sort());
  });

  it('serves Swagger UI at /api/docs', async () => {
    const res = await fetch(`${t.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('swagger-ui');
    expect(html).toContain('<title>Swagger UI</title>');
  });

  it('documents the bearer token and every /api route of the contract', async () => {
    const { document } = await served();
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of [
      '/api/health',
      '/api/settings',
      '/api/ai-models',
      '/api/ai-models/{id}',
      '/api/chat-sessions/{id}/messages',
    ]) {
      expect({ path, documented: path in document.paths }).toEqual({ path, documented: true });
    }
  });
});
