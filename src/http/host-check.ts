import { isIP } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * DNS rebinding defence. A web page on `attacker.example` whose name is made to resolve to
 * 127.0.0.1 talks to Hearth as a same-origin page: CORS never applies, and without tokens
 * nothing else stops it. The one thing it cannot forge is the `Host` header, which names the
 * attacker's domain; so only loopback names and the ones listed in ALLOWED_HOSTS are answered.
 */

export interface ParsedHost {
  /** Lower-case, without a trailing dot; an IPv6 address keeps its brackets (`[::1]`). */
  name: string;
  port?: string;
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** `name`, `name:port`, `[v6]` or `[v6]:port`, as in a Host header; null when it is none of these. */
export function parseHost(value: string): ParsedHost | null {
  const text = value.trim().toLowerCase();
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return null;
  const rawName = match[1];
  const port = match.at(2); // undefined when the optional group did not match
  if (port !== undefined && Number(port) > 65535) return null;
  if (rawName.startsWith('[')) {
    return isIP(rawName.slice(1, -1)) === 6 ? { name: rawName, ...(port ? { port } : {}) } : null;
  }
  const name = rawName.endsWith('.') ? rawName.slice(0, -1) : rawName;
  if (name.length === 0 || name.length > 253 || !name.split('.').every((label) => LABEL.test(label))) return null;
  return { name, ...(port ? { port } : {}) };
}

/** localhost, 127.0.0.0/8 and [::1]: names that only ever reach this machine. */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name === '[::1]') return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

/** Whether a request's Host header names this server: loopback (any port) or one of `allowed`. */
export function isAllowedHost(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (hostHeader === undefined) return false;
  const parsed = parseHost(hostHeader);
  if (!parsed) return false;
  return isLoopbackName(parsed.name) || allowed.includes(parsed.name);
}

/**
 * A health probe from a load balancer or Kubernetes often sends the instance's IP as Host, which
 * changes with every pod; the route holds no user data, so it answers whatever the Host.
 */
function isExempt(method: string, url: string): boolean {
  const path = url.split('?', 1)[0];
  return (method === 'GET' || method === 'HEAD') && path === '/api/health';
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
    if (isExempt(request.method, request.url)) return;
    const host = request.headers.host;
    if (isAllowedHost(host, allowedHosts)) return;
    const status = 421;
    return reply
      .code(status)
      .send({ statusCode: status, message: misdirectedMessage(host), error: STATUS_CODES[status] });
  });
}
