import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { AppConfig } from '../config/app-config';
import { authorize, routeOf, Tokens } from '../http/auth.guard';
import { ErrorBodyDto } from '../http/error-body.dto';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

/** Every tag an operation uses, with what it groups (the lint rules want each one declared). */
const TAGS: Record<string, string> = {
  'ai-models': 'The models a chat session can use: a provider and its model id (e.g. openrouter, openai/gpt-4o-mini)',
  analytics: 'Statistics over the recorded generations',
  characters: 'Who the AI plays; the description goes into the system prompt',
  'chat-sessions': 'Conversations: an AI model and optionally a system prompt, a character and a user profile',
  generation: 'Send a message and stream the reply over SSE; attach more tabs, cancel, ask for the status',
  health: 'Whether the database and Redis answer, for load balancers',
  messages: 'The messages of a chat session, a page at a time',
  providers: "Each configured provider's model list, for a model picker",
  settings: "The providers' API keys (stored encrypted, never shown); needs the ADMIN_TOKEN when one is set",
  'system-prompts': 'Reusable system prompts for chat sessions',
  'user-profiles': 'Who the user plays; the description goes into the system prompt',
};

const BEARER = 'bearer';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Stand-ins for configured tokens, only to ask the access rule what it would answer. */
const PROBE_TOKENS: Tokens = { apiToken: 'probe-api-token', adminToken: 'probe-admin-token' };

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Hearth')
    .setDescription(
      'Self-hosted roleplay chat server: resources, settings and live AI replies over SSE. ' +
        'With API_TOKEN set every /api route but /api/health needs `Authorization: Bearer <token>`; ' +
        'with ADMIN_TOKEN set /api/settings* needs the admin token. Every error is JSON: `{statusCode, message, error}`.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative: the server that serves this document (Swagger UI's "Try it out" calls the same origin).
    .addServer('/', 'The Hearth server this document came from')
    // An opaque shared secret compared as is, not a JWT (so no bearerFormat).
    .addSecurity(BEARER, {
      type: 'http',
      scheme: 'bearer',
      description: 'The API_TOKEN or the ADMIN_TOKEN, as configured on the server: an opaque string, not a JWT',
    });
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorBodyDto] });
  // Tokens are optional (only when configured): no requirement, or the bearer token. Lets
  // Swagger UI's "Authorize" send the token with every call.
  document.security = [{}, { [BEARER]: [] }];
  documentAccessRule(document);
  documentBodyParsing(document);
  return document;
}

/**
 * The 401 and 403 of the tokens, on each operation the access rule (authorize, the one the guard
 * applies) would refuse with both tokens configured; the routes it leaves open (/api/health) get
 * no security requirement. Derived from the rule itself, so the document cannot drift from it.
 */
function documentAccessRule(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    const route = path.replace(/\{(\w+)\}/g, ':$1'); // the Fastify pattern the guard sees
    const withoutToken = authorize(route, undefined, PROBE_TOKENS);
    const withApiToken = authorize(route, `Bearer ${PROBE_TOKENS.apiToken ?? ''}`, PROBE_TOKENS);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (withoutToken.allowed) {
        operation.security = [];
        continue;
      }
      const responses = operation.responses as Record<string, ResponseObject>;
      responses['401'] = errorResponse(
        withApiToken.allowed
          ? 'API_TOKEN is set and no valid bearer token (API_TOKEN or ADMIN_TOKEN) was sent'
          : 'ADMIN_TOKEN is set and no valid bearer token was sent (or, with only API_TOKEN set, not the API_TOKEN)',
      );
      if (!withApiToken.allowed && withApiToken.status === 403) {
        responses['403'] = errorResponse(
          'ADMIN_TOKEN is set and the API_TOKEN was sent: this route needs the ADMIN_TOKEN',
        );
      }
    }
  }
}

/** Methods whose bodies Fastify parses before any route code runs, whether the route takes a body or not. */
const BODY_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/**
 * What Fastify's body parsing answers on every POST, PUT, PATCH and DELETE, including those that
 * take no body (cancel-message, the DELETEs) when a client sends one anyway: 400 for malformed
 * JSON, 413 over BODY_LIMIT_BYTES, 415 for another media type. Added where a route's own
 * decorators do not already describe that status.
 */
function documentBodyParsing(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of BODY_METHODS) {
      const responses = item[method]?.responses as Record<string, ResponseObject> | undefined;
      if (!responses) continue;
      responses['400'] ??= errorResponse('A body was sent and it is not valid JSON');
      responses['413'] ??= errorResponse('A body was sent and it is over BODY_LIMIT_BYTES');
      responses['415'] ??= errorResponse('A body was sent and it is not application/json');
    }
  }
}

function errorResponse(description: string): ResponseObject {
  return { description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } } };
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
