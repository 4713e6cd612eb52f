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
    const paths = Object.keys((JSON.parse(text) as OpenAPIObject).paths);
    expect(paths).toEqual([...paths].sort());
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

  /** The documented response of an operation for a status, as the server gives it. */
  function documented(document: OpenAPIObject, path: string, method: string, status: number): unknown {
    const operation = (document.paths[path] as Record<string, { responses: Record<string, unknown> } | undefined>)[
      method
    ];
    return operation?.responses[String(status)];
  }

  it('documents the error statuses the server really gives, each as a JSON ErrorBodyDto', async () => {
    const { document } = await served();
    const errorBody = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } } };
    const probes: { path: string; method: string; url: string; init?: RequestInit }[] = [
      { path: '/api/chat-sessions/{id}/stream', method: 'get', url: '/api/chat-sessions/abc/stream' },
      { path: '/api/chat-sessions/{id}/stream-status', method: 'get', url: '/api/chat-sessions/0/stream-status' },
      {
        path: '/api/chat-sessions/{id}/cancel-message',
        method: 'post',
        url: '/api/chat-sessions/1x/cancel-message',
        init: { method: 'POST' },
      },
      {
        path: '/api/chat-sessions/{id}/cancel-message',
        method: 'post',
        url: '/api/chat-sessions/1/cancel-message',
        init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'stop' },
      },
      { path: '/api/chat-sessions/{id}/stream-status', method: 'get', url: '/api/chat-sessions/999999/stream-status' },
      {
        path: '/api/chat-sessions/{id}/send-message',
        method: 'post',
        url: '/api/chat-sessions/999999/send-message',
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"content":"hi"}' },
      },
      {
        path: '/api/settings/openrouter-api-key',
        method: 'put',
        url: '/api/settings/openrouter-api-key',
        init: { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' },
      },
    ];
    const seen: string[] = [];
    for (const probe of probes) {
      const res = await fetch(`${t.url}${probe.url}`, probe.init);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { statusCode: number; message: string; error: string };
      expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
      expect(body.statusCode).toBe(res.status);
      seen.push(`${probe.method} ${probe.url} ${String(res.status)}`);
      expect({
        probe: probe.url,
        status: res.status,
        content: (documented(document, probe.path, probe.method, res.status) as { content?: unknown } | undefined)
          ?.content,
      }).toEqual({ probe: probe.url, status: res.status, content: errorBody.content });
    }
    // The probes hit the statuses the issue named: bad ids, a body of another type, unknown sessions.
    expect(seen).toEqual([
      'get /api/chat-sessions/abc/stream 400',
      'get /api/chat-sessions/0/stream-status 400',
      'post /api/chat-sessions/1x/cancel-message 400',
      'post /api/chat-sessions/1/cancel-message 415',
      'get /api/chat-sessions/999999/stream-status 404',
      'post /api/chat-sessions/999999/send-message 404',
      'put /api/settings/openrouter-api-key 400',
    ]);
  });

  it('documents the tokens: 401 wherever the access rule guards, 403 only on settings, nothing on health', async () => {
    const { document } = await served();
    const guarded = await startTestApp({ API_TOKEN: 'user-token-for-openapi', ADMIN_TOKEN: 'admin-token-for-openapi' });
    try {
      const noToken = await fetch(`${guarded.url}/api/chat-sessions/1/stream-status`);
      expect(noToken.status).toBe(401);
      expect(documented(document, '/api/chat-sessions/{id}/stream-status', 'get', 401)).toBeDefined();
      const userOnSettings = await fetch(`${guarded.url}/api/settings`, {
        headers: { authorization: 'Bearer user-token-for-openapi' },
      });
      expect(userOnSettings.status).toBe(403);
      expect(documented(document, '/api/settings', 'get', 403)).toBeDefined();
      expect(documented(document, '/api/chat-sessions/{id}/stream-status', 'get', 403)).toBeUndefined();
      expect((await fetch(`${guarded.url}/api/health`)).status).toBe(200);
      expect(documented(document, '/api/health', 'get', 401)).toBeUndefined();
      expect(document.components?.securitySchemes?.bearer).not.toHaveProperty('bearerFormat');
    } finally {
      await guarded.close();
    }
  }, 60_000);
});
