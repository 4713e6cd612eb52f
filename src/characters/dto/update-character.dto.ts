import { PartialType } from '@nestjs/swagger';
import { CreateCharacterDto } from './create-character.dto';

/** Every field optional; neither can be null (the description can be set to ""). */
export class UpdateCharacterDto extends PartialType(CreateCharacterDto, { skipNullProperties: false }) {}
