import type { FastifyInstance } from 'fastify';

/**
 * The JSON body parser, reading bytes rather than text: Fastify's own decodes the body as UTF-8
 * before parsing, so invalid bytes became U+FFFD and the request was refused for a Content-Length
 * mismatch, which blamed the wrong thing. Here the bytes are checked first, and a body declared
 * in another charset is refused, since it would be read as UTF-8 regardless.
 */

const UTF8_NAMES = new Set(['utf-8', 'utf8']);

/** The `charset` parameter of a Content-Type, lower-case and unquoted; undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return undefined;
}

/** The body as text, or null when its bytes are not UTF-8 (a leading byte order mark is dropped). */
export function decodeUtf8(body: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

/** A client error Fastify hands on with its status; the message is the one the client reads. */
export class BodyEncodingError extends Error {
  constructor(
    readonly statusCode: 400 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyEncodingError';
  }
}

export function registerJsonBodyParser(fastify: FastifyInstance): void {
  // Fastify's defaults: a body with __proto__ or constructor.prototype keys is refused.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && !UTF8_NAMES.has(charset)) {
      done(
        new BodyEncodingError(
          415,
          `The body is declared as ${charset}: send JSON as UTF-8 (Content-Type: application/json or application/json; charset=utf-8)`,
        ),
        undefined,
      );
      return;
    }
    const text = decodeUtf8(body as Buffer);
    if (text === null) {
      done(
        new BodyEncodingError(400, 'The request body is not valid UTF-8: send JSON text encoded as UTF-8'),
        undefined,
      );
      return;
    }
    void parseJson(request, text, done);
  });
}
