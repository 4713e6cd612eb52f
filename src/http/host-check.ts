import { STATUS_CODES } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { isLoopbackName, parseHost } from '../config/host-names';

/**
 * DNS rebinding defence. A web page on `attacker.example` whose name is made to resolve to
 * 127.0.0.1 talks to Hearth as a same-origin page: CORS never applies, and without tokens
 * nothing else stops it. The one thing it cannot forge is the `Host` header, which names the
 * attacker's domain; so only loopback names and the ones listed in ALLOWED_HOSTS are answered.
 */

export function isAllowedHost(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (hostHeader === undefined) return false;
  const parsed = parseHost(hostHeader);
  if (!parsed) return false;
  return isLoopbackName(parsed.name) || allowed.includes(parsed.name);
}

export function misdirectedMessage(hostHeader: string | undefined): string {
  const shown = hostHeader === undefined ? 'no Host header' : JSON.stringify(hostHeader.slice(0, 100));
  return (
    `This server does not answer to ${hostHeader === undefined ? 'requests with' : 'the host name'} ${shown}: ` +
    'only loopback names and those listed in ALLOWED_HOSTS. If this name is yours, add it to ALLOWED_HOSTS'
  );
}

/** Refuses, before anything else runs, a request whose Host names neither loopback nor ALLOWED_HOSTS. */
export function registerHostCheck(fastify: FastifyInstance, allowedHosts: readonly string[]): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    if (isAllowedHost(host, allowedHosts)) return;
    const status = 421;
    return reply
      .code(status)
      .send({ statusCode: status, message: misdirectedMessage(host), error: STATUS_CODES[status] });
  });
}
