/** Every TypeORM entity of the app: listed at the root, which knows all modules, and handed to the database module. */
import { ApplicationSettingEntity } from './settings/application-setting.entity';
import { AiModelEntity } from './ai-models/ai-model.entity';
import { SystemPromptEntity } from './system-prompts/system-prompt.entity';
import { CharacterEntity } from './characters/character.entity';
import { CharacterAvatarEntity } from './characters/character-avatar.entity';
import { UserProfileEntity } from './user-profiles/user-profile.entity';
import { ChatSessionEntity } from './chat-sessions/chat-session.entity';
import { MessageEntity } from './messages/message.entity';
import { MessageVariantEntity } from './messages/message-variant.entity';
import { GenerationEntity } from './analytics/generation.entity';
import { IdempotencyKeyEntity } from './messages/idempotency-key.entity';

export const entities = [
  ApplicationSettingEntity,
  AiModelEntity,
  SystemPromptEntity,
  CharacterEntity,
  CharacterAvatarEntity,
  UserProfileEntity,
  ChatSessionEntity,
  MessageEntity,
  MessageVariantEntity,
  GenerationEntity,
  IdempotencyKeyEntity,
];
