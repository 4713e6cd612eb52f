import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GenerationEntity } from './generation.entity';
import { GenerationsRepository } from './generations.repository';
import { AnalyticsService } from './analytics.service';
import { AnalyticsController } from './analytics.controller';

@Module({
  imports: [TypeOrmModule.forFeature([GenerationEntity])],
  controllers: [AnalyticsController],
  providers: [GenerationsRepository, AnalyticsService],
  exports: [GenerationsRepository],
})
export class AnalyticsModule {}
