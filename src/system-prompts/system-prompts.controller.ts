import { Controller } from '@nestjs/common';
import { ApiResource } from '../resources/api-docs';
import { ResourceController } from '../resources/resource.controller';
import { SystemPromptsService } from './system-prompts.service';
import { SystemPromptDto } from './dto/system-prompt.dto';
import { CreateSystemPromptDto } from './dto/create-system-prompt.dto';
import { UpdateSystemPromptDto } from './dto/update-system-prompt.dto';

@ApiResource('system-prompts')
@Controller('system-prompts')
export class SystemPromptsController extends ResourceController({
  noun: 'system prompt',
  listed: 'System prompts by id',
  dto: SystemPromptDto,
  createDto: CreateSystemPromptDto,
  updateDto: UpdateSystemPromptDto,
}) {
  constructor(protected readonly service: SystemPromptsService) {
    super();
  }
}
