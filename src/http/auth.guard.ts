import { CanActivate, ExecutionContext, Injectable, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';

function sameToken(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * API_TOKEN guards every /api route; ADMIN_TOKEN guards /api/settings and also passes wherever
 * API_TOKEN does. /api/health stays open for load balancers.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const path = req.url.split('?')[0];
    if (path === '/api/health') return true;
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const { apiToken, adminToken } = this.config;
    const isAdmin = !!adminToken && !!token && sameToken(token, adminToken);
    const isUser = !!apiToken && !!token && sameToken(token, apiToken);

    if (path === '/api/settings' || path.startsWith('/api/settings/')) {
      if (adminToken) return this.check(token, isAdmin, isUser, 'settings need the ADMIN_TOKEN');
      if (apiToken) return this.check(token, isUser, false, 'this route needs the API_TOKEN');
      return true;
    }
    if (apiToken) return this.check(token, isUser || isAdmin, false, 'this route needs the API_TOKEN');
    return true;
  }

  /** 401 when no valid token was given; 403 when a valid but insufficient one was. */
  private check(token: string | undefined, ok: boolean, validButWeaker: boolean, need: string): boolean {
    if (ok) return true;
    if (validButWeaker) throw new ForbiddenException(`The API_TOKEN is not enough here: ${need}`);
    if (!token) throw new UnauthorizedException(`Send "Authorization: Bearer <token>": ${need}`);
    throw new UnauthorizedException(`The bearer token is not valid: ${need}`);
  }
}
