import { Controller } from '@nestjs/common';
import { ApiResource } from '../resources/api-docs';
import { ResourceController } from '../resources/resource.controller';
import { AiModelsService } from './ai-models.service';
import { AiModelDto } from './dto/ai-model.dto';
import { CreateAiModelDto } from './dto/create-ai-model.dto';
import { UpdateAiModelDto } from './dto/update-ai-model.dto';

@ApiResource('ai-models')
@Controller('ai-models')
export class AiModelsController extends ResourceController({
  noun: 'AI model',
  listed: 'AI models by id',
  dto: AiModelDto,
  createDto: CreateAiModelDto,
  updateDto: UpdateAiModelDto,
  deleteConflict: 'Chat sessions still use this model; the message names them',
}) {
  constructor(protected readonly service: AiModelsService) {
    super();
  }
}
