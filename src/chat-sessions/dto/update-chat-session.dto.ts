import { PartialType } from '@nestjs/swagger';
import { CreateChatSessionDto } from './create-chat-session.dto';

/** Every field optional; null clears any of them but `aiModelId`, which a session always has. */
export class UpdateChatSessionDto extends PartialType(CreateChatSessionDto, { skipNullProperties: false }) {}
