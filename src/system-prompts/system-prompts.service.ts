import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ResourceService } from '../resources/resource.service';
import { SystemPromptEntity } from './system-prompt.entity';
import { SystemPromptDto } from './dto/system-prompt.dto';

@Injectable()
export class SystemPromptsService extends ResourceService<SystemPromptEntity, SystemPromptDto> {
  constructor(@InjectRepository(SystemPromptEntity) repo: Repository<SystemPromptEntity>) {
    super(repo, 'System prompt');
  }

  toDto(e: SystemPromptEntity): SystemPromptDto {
    return { id: e.id, name: e.name, content: e.content, createdAt: e.createdAt.toISOString() };
  }
}
