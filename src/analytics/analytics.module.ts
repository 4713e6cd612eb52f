import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StatementRunner } from '../database/prepared-statement';
import { GenerationEntity } from './generation.entity';
import { GenerationsRecorder } from './generations-recorder';
import { AnalyticsService } from './analytics.service';
import { AnalyticsController } from './analytics.controller';

@Module({
  imports: [TypeOrmModule.forFeature([GenerationEntity])],
  controllers: [AnalyticsController],
  providers: [GenerationsRecorder, AnalyticsService, StatementRunner],
  exports: [GenerationsRecorder],
})
export class AnalyticsModule {}
