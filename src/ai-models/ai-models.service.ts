import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { findProvider, knownProviderIds } from '../provider/provider-registry';
import { ResourceService } from '../resources/resource.service';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import { AiModelEntity } from './ai-model.entity';
import { AiModelDto } from './dto/ai-model.dto';
import type { AiModelUsage } from './ai-model-usage';

/** How many of the sessions that block a delete the 409 message names. */
const SESSIONS_NAMED = 10;

@Injectable()
export class AiModelsService extends ResourceService<AiModelEntity, AiModelDto> {
  private readonly usages: AiModelUsage[] = [];

  constructor(
    @InjectRepository(AiModelEntity) repo: Repository<AiModelEntity>,
    private readonly config: AppConfig,
  ) {
    super(repo, 'AI model');
  }

  /** A provider this server does not configure is the client's mistake: 400 naming the known ones. */
  protected override checkReferences(values: DeepPartial<AiModelEntity>): Promise<void> {
    const { provider } = values;
    if (typeof provider === 'string' && !findProvider(this.config, provider)) {
      return Promise.reject(
        new ResourceDomainError(
          ResourceErrorCode.BadReference,
          `provider "${provider}" is not configured on this server; the providers are: ${knownProviderIds(this.config)}`,
        ),
      );
    }
    return Promise.resolve();
  }

  /** Called once at start-up by each module whose records point at AI models. */
  registerUsage(usage: AiModelUsage): void {
    this.usages.push(usage);
  }

  toDto(e: AiModelEntity): AiModelDto {
    return {
      id: e.id,
      label: e.label,
      name: e.name,
      provider: e.provider,
      contextLength: e.contextLength,
      parameters: e.parameters,
      createdAt: e.createdAt.toISOString(),
    };
  }

  /** A model still used by chat sessions stays (409, naming them); the FK would refuse anyway. */
  override async remove(id: number): Promise<void> {
    await this.assertExists(id);
    for (const usage of this.usages) {
      const sessionIds = await usage.sessionsUsing(id, SESSIONS_NAMED + 1);
      if (sessionIds.length > 0) throw new ResourceDomainError(ResourceErrorCode.InUse, inUseMessage(id, sessionIds));
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
