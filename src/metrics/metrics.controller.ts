import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_CSP } from '../http/security-headers';
import { HearthMetrics } from './hearth-metrics';

/**
 * Prometheus scrape endpoint, outside /api (the global prefix excludes it) and outside the
 * OpenAPI document: it is for the operator's monitoring, not for clients. Access: AuthGuard.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HearthMetrics) {}

  @Get()
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    await reply
      .header('content-type', contentType)
      .header('cache-control', 'no-store')
      // Data, never a document (the path is outside /api, so the hook gave it the page's policy).
      .header('content-security-policy', API_CSP)
      .send(body);
  }
}
