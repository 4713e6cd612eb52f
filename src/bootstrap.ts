import { ArgumentMetadata, Logger, LogLevel, ValidationPipe, BadRequestException } from '@nestjs/common';
import { JsonLogger } from './logging/json-logger';
import { withLogFields } from './logging/log-context';
import type { ValidationError } from 'class-validator';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import type { FastifyReply } from 'fastify';
import { AppConfig } from './config/app-config';
import { AppModule } from './app.module';
import { setupOpenApi } from './openapi/openapi';
import { registerHostCheck } from './http/host-check';
import { registerJsonBodyParser } from './http/json-body';
import { registerCardImportBody } from './characters/card-import-body';
import { clientErrorHandler, requestTimeoutOptions } from './http/request-timeouts';
import { registerSecurityHeaders } from './http/security-headers';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the whole app (not listening): shared by main, the OpenAPI sync script and e2e tests. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    ...requestTimeoutOptions(config.requestTimeoutMs),
    clientErrorHandler: clientErrorHandler(config.requestTimeoutMs),
    // A malformed URL (e.g. a bad %-escape) is the client's mistake, in the contract's shape.
    frameworkErrors: (err: Error, _req: unknown, reply: FastifyReply) => {
      void reply
        .status(400)
        .send({ statusCode: 400, message: `The URL is malformed: ${err.message}`, error: 'Bad Request' });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger:
      options.logger === false
        ? false
        : config.logFormat === 'json'
          ? new JsonLogger(LEVELS[config.logLevel])
          : LEVELS[config.logLevel],
    abortOnError: false,
    // Only JSON bodies: a form or text/plain POST (what another web page can send without a
    // preflight) gets 415 instead of spending the owner's OpenRouter credits.
    bodyParser: false,
    // Held until start-up succeeds: a failed start prints main's one line, not Nest's trace too.
    bufferLogs: true,
    autoFlushLogs: false,
  });
  app.flushLogs();
  await configureApp(app, config);
  return app;
}

/** Everything applied to the app after it is created; e2e tests that swap a provider reuse it. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    // Both depend on the request (which page; whether it came over HTTPS): registerSecurityHeaders.
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Every log line written while handling a request (and by the generation it starts) names it.
  fastify.addHook('onRequest', (req, _reply, done) => withLogFields({ requestId: req.id }, done));
  registerSecurityHeaders(fastify);
  // Before CORS, auth and routing: a rebinding page must learn nothing, not even a 401.
  registerHostCheck(fastify, config.allowedHosts);
  // CORS_ORIGINS: exact origins, or * for any; unset: browsers on other origins get no access.
  const anyOrigin = config.corsOrigins.includes('*');
  app.enableCors({
    origin: anyOrigin ? '*' : config.corsOrigins.length ? config.corsOrigins : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', 'Idempotency-Key'],
    // Lets a page on another origin see when to retry (429 from the generation rate limit).
    exposedHeaders: ['Retry-After'],
  });
  // /metrics sits where Prometheus looks by default; its access rule is in AuthGuard.
  app.setGlobalPrefix('api', { exclude: ['/', 'metrics'] });
  fastify.removeContentTypeParser('text/plain');
  registerJsonBodyParser(fastify);
  // Card PNGs and a 20 MB limit on the import route only; before app.init registers the routes.
  registerCardImportBody(fastify, config.bodyLimitBytes);
  // class-transformer recurses without limit: a deeply nested body must be a 400, not a stack overflow.
  fastify.addHook('preValidation', (request) => {
    if (nestingDepth(request.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
      return Promise.reject(
        new BadRequestException(`The request body is nested more than ${MAX_BODY_DEPTH} levels deep`),
      );
    }
    return Promise.resolve();
  });
  app.useGlobalPipes(
    new BodyAndQueryValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(validationMessages(errors).join('; ')),
    }),
  );
  // Exit 0 after a clean shutdown on SIGTERM/SIGINT (Nest would re-raise the signal: status 143).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  setupOpenApi(app);
  await app.init();
}

export const bootLogger = new Logger('Hearth');

const MAX_BODY_DEPTH = 32;

/**
 * Each failed constraint's message; a nested object's (`parameters`) prefixed with its path, so
 * "parameters.temperature must be from 0 to 2" says where.
 */
export function validationMessages(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((e) => {
    const prefix = path === '' ? '' : `${path}.`;
    if (e.constraints) return Object.values(e.constraints).map((m) => prefix + m);
    if (e.children && e.children.length > 0) return validationMessages(e.children, prefix + e.property);
    return [`${prefix}${e.property} is invalid`];
  });
}

/** Depth of a parsed JSON value, counting no further than `limit + 1`. */
export function nestingDepth(value: unknown, limit: number, depth = 0): number {
  // A Buffer (a card PNG) is bytes, not nesting: walking its 20 million indices would stall the server.
  if (depth > limit || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return depth;
  let max = depth + 1;
  for (const child of Object.values(value)) {
    max = Math.max(max, nestingDepth(child, limit, depth + 1));
    if (max > limit) break;
  }
  return max;
}

/**
 * Route params are ids, parsed strictly by ParseIdPipe: the global pipe must not coerce them
 * first (it would turn "1e0" into 1 and "abc" into NaN).
 */
class BodyAndQueryValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}
