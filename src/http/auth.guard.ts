import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';

export interface Tokens {
  apiToken: string | undefined;
  adminToken: string | undefined;
  /** Guards /metrics alone when set (the scraper needs no access to chats). */
  metricsToken?: string | undefined;
}

/** What a request may do: pass, or be refused with 401 (no valid token) or 403 (valid but too weak). */
export type AuthDecision = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

const ALLOWED: AuthDecision = { allowed: true };

function sameToken(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive, RFC 9110). */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(.+?)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1];
}

export function isSettingsRoute(route: string): boolean {
  return route === '/api/settings' || route.startsWith('/api/settings/');
}

/**
 * The access rule, on the matched route pattern (not the raw URL, which `%73ettings` would sneak
 * past): API_TOKEN guards every /api route, ADMIN_TOKEN guards /api/settings* and also passes
 * wherever API_TOKEN does; /api/health stays open for load balancers. Routes outside /api (the
 * chat page) are open: they hold no data.
 */
export function authorize(route: string, authorization: string | undefined, tokens: Tokens): AuthDecision {
  if (route === '/metrics') return authorizeMetrics(authorization, tokens);
  if (route === '/api/health' || !(route === '/api' || route.startsWith('/api/'))) return ALLOWED;
  const { apiToken, adminToken } = tokens;
  const token = bearerToken(authorization);
  const isAdmin = !!adminToken && !!token && sameToken(token, adminToken);
  const isUser = !!apiToken && !!token && sameToken(token, apiToken);

  if (isSettingsRoute(route)) {
    if (adminToken) return decide(token, isAdmin, isUser, 'settings need the ADMIN_TOKEN');
    if (apiToken) return decide(token, isUser, false, 'this route needs the API_TOKEN');
    return ALLOWED;
  }
  if (apiToken) return decide(token, isUser || isAdmin, false, 'this route needs the API_TOKEN');
  return ALLOWED;
}

/** METRICS_TOKEN if set; otherwise API_TOKEN or ADMIN_TOKEN, as /api; open when no token is set. */
export function authorizeMetrics(authorization: string | undefined, tokens: Tokens): AuthDecision {
  const token = bearerToken(authorization);
  if (tokens.metricsToken) {
    return decide(token, !!token && sameToken(token, tokens.metricsToken), false, '/metrics needs the METRICS_TOKEN');
  }
  const { apiToken, adminToken } = tokens;
  if (!apiToken && !adminToken) return ALLOWED;
  const ok = !!token && ((!!apiToken && sameToken(token, apiToken)) || (!!adminToken && sameToken(token, adminToken)));
  return decide(token, ok, false, '/metrics needs the API_TOKEN or ADMIN_TOKEN (or set METRICS_TOKEN)');
}

function decide(token: string | undefined, ok: boolean, validButWeaker: boolean, need: string): AuthDecision {
  if (ok) return ALLOWED;
  if (validButWeaker) return { allowed: false, status: 403, message: `The API_TOKEN is not enough here: ${need}` };
  if (!token) return { allowed: false, status: 401, message: `Send "Authorization: Bearer <token>": ${need}` };
  return { allowed: false, status: 401, message: `The bearer token is not valid: ${need}` };
}

/** The route pattern Fastify matched, e.g. `/api/settings/openrouter-api-key`; the decoded path if none matched. */
export function routeOf(req: FastifyRequest): string {
  const pattern = req.routeOptions.url;
  if (pattern) return pattern;
  const path = req.url.split('?')[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Applies {@link authorize} to every Nest route (registered globally in AppModule). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const decision = authorize(routeOf(req), req.headers.authorization, this.config);
    if (decision.allowed) return true;
    if (decision.status === 403) throw new ForbiddenException(decision.message);
    throw new UnauthorizedException(decision.message);
  }
}
