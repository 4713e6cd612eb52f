import { PartialType } from '@nestjs/swagger';
import { CreateCharacterDto } from './create-character.dto';

/** Every field optional; only the lorebook can be null (which removes it). */
export class UpdateCharacterDto extends PartialType(CreateCharacterDto, { skipNullProperties: false }) {}
