import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BodyEncodingError } from '../http/json-body';

/*
 * The bodies of POST /api/characters/import: a card PNG (raw bytes) or card JSON, up to
 * CARD_IMPORT_LIMIT_BYTES, a cap of its own (cards with a lorebook and a large image are
 * megabytes) while every other route keeps BODY_LIMIT_BYTES. Fastify cannot give one route its
 * own parsers, so the image/png parser exists everywhere and refuses every other route with 415.
 */

export const CARD_IMPORT_PATH = '/api/characters/import';
export const CARD_IMPORT_LIMIT_BYTES = 20 * 1024 * 1024;

const CARD_MEDIA_TYPES = new Set(['image/png', 'application/json']);

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Call before the routes are registered (the onRoute hook sets the import route's body limit). */
export function registerCardImportBody(fastify: FastifyInstance, bodyLimitBytes: number): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url !== CARD_IMPORT_PATH || route.method !== 'POST') return;
    route.bodyLimit = Math.max(CARD_IMPORT_LIMIT_BYTES, bodyLimitBytes);
    // Before the body is read: the 415 names the two media types this route takes.
    const refuseOtherMedia = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (CARD_MEDIA_TYPES.has(mediaType(request))) {
        done();
        return;
      }
      void reply.status(415).send({
        statusCode: 415,
        message: 'Send the card as image/png (a card PNG) or application/json (a card JSON)',
        error: 'Unsupported Media Type',
      });
    };
    const existing = route.onRequest;
    route.onRequest = existing === undefined ? [refuseOtherMedia] : [...[existing].flat(), refuseOtherMedia];
  });
  fastify.addContentTypeParser('image/png', { parseAs: 'buffer', bodyLimit: bodyLimitBytes }, (request, body, done) => {
    if (request.routeOptions.url !== CARD_IMPORT_PATH) {
      done(new BodyEncodingError(415, 'Send the body as application/json'), undefined);
      return;
    }
    done(null, body);
  });
}
