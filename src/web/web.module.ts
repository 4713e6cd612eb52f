import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { publicDir } from './public-dir';

/**
 * Serves the chat page (public/) at `/`. The files are registered on Fastify directly: Nest's
 * global prefix would put a controller under /api, and the page is not part of the API (it holds
 * no data; every call it makes goes through /api and its guard).
 */
@Module({})
export class WebModule implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onApplicationBootstrap(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await fastify.register(fastifyStatic, {
      root: publicDir(),
      prefix: '/',
      // One route per file found at start-up instead of a catch-all, so unknown paths keep
      // Nest's JSON 404 and nothing outside public/ can be reached.
      wildcard: false,
      // Swagger UI registers the same plugin; only one may decorate the reply.
      decorateReply: false,
      index: ['index.html'],
    });
    // The page reads SSE with the same parser as the server and the example client: the
    // package's browser (ESM) build, served from node_modules rather than copied.
    const parser = readFileSync(join(dirname(require.resolve('eventsource-parser')), 'index.js'), 'utf8').replace(
      /\n\/\/# sourceMappingURL=.*\s*$/,
      '\n',
    );
    fastify.get('/vendor/eventsource-parser.js', (_req, reply) => {
      void reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(parser);
    });
  }
}
