import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
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
    if (!this.metrics.enabled) {
      throw new ResourceDomainError(
        ResourceErrorCode.NotFound,
        'Metrics are turned off on this instance (METRICS_ENABLED=false); unset it to scrape /metrics',
      );
    }
    const { contentType, body } = await this.metrics.render();
    // CSP and no-store come from the security-headers hook, which treats /metrics as data.
    await reply.header('content-type', contentType).send(body);
  }
}
