import { Logger, LogLevel, ValidationPipe, BadRequestException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { AppConfig } from './config/app-config';
import { AppModule } from './app.module';
import { setupOpenApi } from './openapi/openapi';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the whole app (not listening): shared by main, the OpenAPI sync script and e2e tests. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === false ? false : LEVELS[config.logLevel],
    abortOnError: false,
  });
  await configureApp(app, config);
  return app;
}

/** Everything applied to the app after it is created; e2e tests that swap a provider reuse it. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    // Swagger UI and the chat page use inline scripts/styles of their own.
    contentSecurityPolicy: false,
  });
  // CORS_ORIGINS: exact origins, or * for any; unset: browsers on other origins get no access.
  const anyOrigin = config.corsOrigins.includes('*');
  app.enableCors({
    origin: anyOrigin ? '*' : config.corsOrigins.length ? config.corsOrigins : false,
    // Lets a page on another origin see when to retry (429 from the generation rate limit).
    exposedHeaders: ['Retry-After'],
  });
  app.setGlobalPrefix('api', { exclude: ['/'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException(
          errors.flatMap((e) => Object.values(e.constraints ?? { invalid: `${e.property} is invalid` })).join('; '),
        ),
    }),
  );
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
}

export const bootLogger = new Logger('Hearth');
