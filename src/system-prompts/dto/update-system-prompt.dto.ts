import { PartialType } from '@nestjs/swagger';
import { CreateSystemPromptDto } from './create-system-prompt.dto';

/** Every field optional; neither can be null. */
export class UpdateSystemPromptDto extends PartialType(CreateSystemPromptDto, { skipNullProperties: false }) {}
