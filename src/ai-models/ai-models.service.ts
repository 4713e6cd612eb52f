import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ResourceService } from '../resources/resource.service';
import { ChatSessionEntity } from '../chat-sessions/chat-session.entity';
import { AiModelEntity } from './ai-model.entity';
import { AiModelDto } from './dto/ai-model.dto';

/** How many of the sessions that block a delete the 409 message names. */
const SESSIONS_NAMED = 10;

@Injectable()
export class AiModelsService extends ResourceService<AiModelEntity, AiModelDto> {
  constructor(@InjectRepository(AiModelEntity) repo: Repository<AiModelEntity>) {
    super(repo, 'AI model');
  }

  toDto(e: AiModelEntity): AiModelDto {
    return { id: e.id, label: e.label, name: e.name, createdAt: e.createdAt.toISOString() };
  }

  /** A model still used by chat sessions stays (409, naming them); the FK would refuse anyway. */
  override async remove(id: number): Promise<void> {
    await this.assertExists(id);
    const users = await this.repo.manager.find(ChatSessionEntity, {
      select: { id: true },
      where: { aiModelId: id },
      order: { id: 'ASC' },
      take: SESSIONS_NAMED + 1,
    });
    if (users.length > 0) {
      throw new ConflictException(
        inUseMessage(
          id,
          users.map((s) => s.id),
        ),
      );
    }
    await super.remove(id);
  }
}

/** "AI model 3 is used by chat sessions 1, 4: …"; at most SESSIONS_NAMED ids, then "and more". */
export function inUseMessage(modelId: number, sessionIds: number[]): string {
  const named = sessionIds.slice(0, SESSIONS_NAMED).join(', ');
  const more = sessionIds.length > SESSIONS_NAMED ? ' and more' : '';
  const which = sessionIds.length === 1 ? `chat session ${named}` : `chat sessions ${named}${more}`;
  return `AI model ${modelId} is used by ${which}: switch them to another model or delete them first`;
}
