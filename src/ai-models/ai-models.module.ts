import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiModelEntity } from './ai-model.entity';
import { AiModelsController } from './ai-models.controller';
import { AiModelsService } from './ai-models.service';

@Module({
  imports: [TypeOrmModule.forFeature([AiModelEntity])],
  controllers: [AiModelsController],
  providers: [AiModelsService],
  exports: [AiModelsService],
})
export class AiModelsModule {}
