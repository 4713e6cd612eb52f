import { Module } from '@nestjs/common';
import { STREAM_HUB_METRICS } from '../streaming/stream-hub-metrics';
import { HearthMetrics } from './hearth-metrics';
import { MetricsController } from './metrics.controller';

/**
 * GET /metrics and the one HearthMetrics instance the modules that record into it import. The
 * stream hub finds it as STREAM_HUB_METRICS (streaming cannot import this module).
 */
@Module({
  controllers: [MetricsController],
  providers: [HearthMetrics, { provide: STREAM_HUB_METRICS, useExisting: HearthMetrics }],
  exports: [HearthMetrics, STREAM_HUB_METRICS],
})
export class MetricsModule {}
