import type { FastifyInstance } from 'fastify';

/**
 * Headers helmet cannot decide alone: which Content-Security-Policy fits the response (the
 * page, Swagger UI or data), HSTS only where the browser actually used HTTPS, and no caching of
 * API responses (the user's chats and settings) or metrics.
 */

/** The chat page: its own files only; model text can never run as script even if it became markup. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/** Swagger UI loads only its own scripts, but writes inline styles (its page template and React's `style`). */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/** JSON and SSE are data, never a document: a response opened directly in a tab may load nothing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Helmet's previous default, now sent only over HTTPS (over plain HTTP browsers ignore it anyway). */
export const HSTS = 'max-age=31536000; includeSubDomains';

function pathOf(url: string): string {
  return url.split('?', 1)[0];
}

export function isDocsPath(path: string): boolean {
  return path === '/api/docs' || path.startsWith('/api/docs/');
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Responses that are data, not a document: the API and the Prometheus scrape at /metrics. */
export function isDataPath(path: string): boolean {
  return (isApiPath(path) && !isDocsPath(path)) || path === '/metrics';
}

export function contentSecurityPolicy(url: string): string {
  const path = pathOf(url);
  if (isDocsPath(path)) return DOCS_CSP;
  return isDataPath(path) ? API_CSP : PAGE_CSP;
}

/** Set first thing, so every answer carries them: routes, 404s, refusals by later hooks, SSE heads. */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    void reply.header('content-security-policy', contentSecurityPolicy(path));
    // `protocol` reads X-Forwarded-Proto only when TRUST_PROXY trusts the proxy that sent it.
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    // A route may still set its own (the SSE stream sends no-cache, no-transform).
    if (isDataPath(path)) void reply.header('cache-control', 'no-store');
  });
}
