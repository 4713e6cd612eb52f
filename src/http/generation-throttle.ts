import { applyDecorators, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { ApiErrorResponse } from './error-body.dto';

/** The one named throttler Hearth registers; only routes marked {@link GenerationThrottle} use it. */
export const GENERATION_THROTTLER = 'generation';
const WINDOW_MS = 60_000;

/**
 * ThrottlerModule options: GENERATION_RATE_LIMIT requests per client per sliding minute, counted
 * across all generation routes together (send and cancel share one budget, so alternating them
 * gains nothing). A client is its IP address. Counts live in this process: with several
 * instances each keeps its own.
 */
export function generationThrottlerOptions(config: AppConfig): ThrottlerModuleOptions {
  const limit = config.generationRateLimitPerMinute;
  return {
    throttlers: [{ name: GENERATION_THROTTLER, ttl: WINDOW_MS, limit, blockDuration: 0 }],
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    errorMessage: (_context, detail) =>
      `Too many generation requests: at most ${limit} a minute per client (GENERATION_RATE_LIMIT); ` +
      `try again in ${Math.max(1, detail.timeToBlockExpire)} s`,
  };
}

/**
 * ThrottlerGuard that also sends the standard `Retry-After` (the library only names it
 * `Retry-After-generation` for a named throttler, which clients do not look for).
 */
@Injectable()
export class GenerationThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', Math.max(1, detail.timeToBlockExpire));
    await super.throwThrottlingException(context, detail);
  }
}

/**
 * Puts a route under the per-client generation rate limit (429 with Retry-After beyond it);
 * `alsoWhen` documents the route's other causes of a 429.
 */
export function GenerationThrottle(alsoWhen?: string): MethodDecorator & ClassDecorator {
  const limited =
    'More generation requests from this client in the last minute than GENERATION_RATE_LIMIT allows; see Retry-After';
  return applyDecorators(
    UseGuards(GenerationThrottlerGuard),
    ApiErrorResponse(429, alsoWhen ? `${limited}. ${alsoWhen}` : limited, {
      'Retry-After': {
        description: 'Seconds until the rate limit lets this client send again (on the rate limit 429)',
        schema: { type: 'integer', minimum: 1 },
      },
    }),
  );
}
