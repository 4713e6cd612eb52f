import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, FindOptionsRelations, Repository } from 'typeorm';
import { ResourceService } from '../resources/resource.service';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import { AiModelsService } from '../ai-models/ai-models.service';
import type { AiModelUsage } from '../ai-models/ai-model-usage';
import { SystemPromptsService } from '../system-prompts/system-prompts.service';
import { CharactersService } from '../characters/characters.service';
import { UserProfilesService } from '../user-profiles/user-profiles.service';
import { ChatSessionEntity } from './chat-session.entity';
import { ChatSessionDto } from './dto/chat-session.dto';
import type { SessionCreationHook, SessionDeletionHook } from './session-lifecycle';

type Reference = 'aiModelId' | 'systemPromptId' | 'characterId' | 'userProfileId';

@Injectable()
export class ChatSessionsService
  extends ResourceService<ChatSessionEntity, ChatSessionDto>
  implements AiModelUsage, OnModuleInit
{
  protected override readonly relations: FindOptionsRelations<ChatSessionEntity> = {
    aiModel: true,
    systemPrompt: true,
    character: true,
    userProfile: true,
  };
  private readonly logger = new Logger('ChatSessions');
  private readonly deletionHooks: SessionDeletionHook[] = [];
  private readonly creationHooks: SessionCreationHook[] = [];
  private readonly references: Record<Reference, ResourceService<{ id: number }, unknown>>;

  constructor(
    @InjectRepository(ChatSessionEntity) repo: Repository<ChatSessionEntity>,
    private readonly aiModels: AiModelsService,
    private readonly systemPrompts: SystemPromptsService,
    private readonly characters: CharactersService,
    private readonly userProfiles: UserProfilesService,
  ) {
    super(repo, 'Chat session');
    this.references = {
      aiModelId: aiModels,
      systemPromptId: systemPrompts,
      characterId: characters,
      userProfileId: userProfiles,
    };
  }

  /** Called at start-up by modules above this one, e.g. to cancel a deleted session's generation. */
  registerDeletionHook(hook: SessionDeletionHook): void {
    this.deletionHooks.push(hook);
  }

  /** Called at start-up by modules above this one, e.g. to start a session with its greeting. */
  registerCreationHook(hook: SessionCreationHook): void {
    this.creationHooks.push(hook);
  }

  /** The session and whatever its creation hooks add (a greeting) in one transaction. */
  override async create(values: DeepPartial<ChatSessionEntity>): Promise<ChatSessionDto> {
    await this.checkReferences(values);
    const id = await this.repo.manager.transaction(async (manager) => {
      const saved = await manager.save(manager.create(ChatSessionEntity, values));
      for (const hook of this.creationHooks) await hook.onSessionCreated(saved, manager);
      return saved.id;
    });
    return this.get(id);
  }

  onModuleInit(): void {
    this.aiModels.registerUsage(this);
  }

  async sessionsUsing(modelId: number, limit: number): Promise<number[]> {
    const sessions = await this.repo.find({
      select: { id: true },
      where: { aiModelId: modelId },
      order: { id: 'ASC' },
      take: limit,
    });
    return sessions.map((s) => s.id);
  }

  /** Needs the relations loaded, as every read of this service does. */
  toDto(e: ChatSessionEntity): ChatSessionDto {
    if (!e.aiModel) throw new Error(`Chat session ${e.id} was loaded without its relations`);
    return {
      id: e.id,
      name: e.name,
      aiModelId: e.aiModelId,
      systemPromptId: e.systemPromptId,
      characterId: e.characterId,
      userProfileId: e.userProfileId,
      preSystemPrompt: e.preSystemPrompt,
      postSystemPrompt: e.postSystemPrompt,
      keepPartialOnCancel: e.keepPartialOnCancel,
      parameters: e.parameters,
      createdAt: e.createdAt.toISOString(),
      aiModel: this.aiModels.toDto(e.aiModel),
      systemPrompt: e.systemPrompt ? this.systemPrompts.toDto(e.systemPrompt) : null,
      character: e.character ? this.characters.toDto(e.character) : null,
      userProfile: e.userProfile ? this.userProfiles.toDto(e.userProfile) : null,
    };
  }

  /** Unknown referenced ids are the client's mistake: 400, naming each one. */
  protected override async checkReferences(values: DeepPartial<ChatSessionEntity>): Promise<void> {
    const problems: string[] = [];
    for (const [field, service] of Object.entries(this.references) as [
      Reference,
      ResourceService<{ id: number }, unknown>,
    ][]) {
      const id = values[field];
      if (typeof id === 'number' && !(await service.exists(id))) {
        problems.push(`${field} ${id} does not refer to an existing ${lowerFirst(service.noun)}`);
      }
    }
    if (problems.length > 0) throw new ResourceDomainError(ResourceErrorCode.BadReference, problems.join('; '));
  }

  /** Deletes the session (the database deletes its messages), then tells the hooks, e.g. to cancel its generation. */
  override async remove(id: number): Promise<void> {
    await super.remove(id);
    const results = await Promise.allSettled(this.deletionHooks.map((hook) => hook.onSessionDeleted(id)));
    for (const result of results) {
      // The session is gone either way; a hook that fails must not turn the delete into an error.
      if (result.status === 'rejected') {
        this.logger.error(`After deleting chat session ${id}: ${String(result.reason)}`);
      }
    }
  }
}

/** "AI model" stays "AI model"; "System prompt" becomes "system prompt". */
function lowerFirst(noun: string): string {
  return /^[A-Z][a-z]/.test(noun) ? noun[0].toLowerCase() + noun.slice(1) : noun;
}
