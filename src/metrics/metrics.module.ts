import { Module } from '@nestjs/common';
import { HearthMetrics } from './hearth-metrics';
import { MetricsController } from './metrics.controller';

/** GET /metrics and the one HearthMetrics instance the modules that record into it import. */
@Module({
  controllers: [MetricsController],
  providers: [HearthMetrics],
  exports: [HearthMetrics],
})
export class MetricsModule {}
