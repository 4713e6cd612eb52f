import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { AppConfig } from '../config/app-config';
import { authorize, routeOf } from '../http/auth.guard';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Hearth')
    .setDescription(
      'Self-hosted roleplay chat server: resources, settings and live AI replies over SSE. ' +
        'With API_TOKEN set every /api route but /api/health needs `Authorization: Bearer <token>`; ' +
        'with ADMIN_TOKEN set /api/settings* needs the admin token.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Tokens are optional (only when configured): no requirement, or the bearer token. Lets
  // Swagger UI's "Authorize" send the token with every call.
  document.security = [{}, { bearer: [] }];
  return document;
}

/**
 * The spec in a form that diffs stably: object keys sorted recursively (so paths and schemas
 * are in name order) and the top-level tags by name; arrays inside keep their meaning-bearing
 * order (enum values, required fields, parameters). Nothing time- or machine-dependent is in it.
 */
export function canonicalDocument(document: OpenAPIObject): OpenAPIObject {
  const sorted = sortKeys(document);
  if (sorted.tags) sorted.tags = [...sorted.tags].sort((a, b) => a.name.localeCompare(b.name));
  return sorted;
}

/** Sorts object keys recursively so the committed spec diffs stably. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    ) as T;
  }
  return value;
}

function isDocsRoute(route: string): boolean {
  return route.startsWith(`/${DOCS_PATH}`);
}

/**
 * Serves Swagger UI at /api/docs and the spec at /api/docs-json. Swagger's routes are plain
 * Fastify routes that Nest guards never see, so the same access rule is applied here: with
 * API_TOKEN set the docs are an /api route like any other (the contract's "every /api route").
 */
export function setupOpenApi(app: INestApplication): void {
  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', async (req, reply) => {
    const route = routeOf(req);
    if (!isDocsRoute(route)) return;
    const decision = authorize(route, req.headers.authorization, config);
    if (decision.allowed) return;
    await reply
      .code(decision.status)
      .send({ statusCode: decision.status, message: decision.message, error: STATUS_CODES[decision.status] });
  });
  SwaggerModule.setup(DOCS_PATH, app, canonicalDocument(buildOpenApiDocument(app)), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
  });
}
