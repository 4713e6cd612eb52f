import { PartialType } from '@nestjs/swagger';
import { CreateAiModelDto } from './create-ai-model.dto';

/** Every field optional; `name: null` clears the name, `label` cannot be cleared. */
export class UpdateAiModelDto extends PartialType(CreateAiModelDto, { skipNullProperties: false }) {}
