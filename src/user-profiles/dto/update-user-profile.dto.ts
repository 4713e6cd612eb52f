import { PartialType } from '@nestjs/swagger';
import { CreateUserProfileDto } from './create-user-profile.dto';

/** Every field optional; neither can be null (the description can be set to ""). */
export class UpdateUserProfileDto extends PartialType(CreateUserProfileDto, { skipNullProperties: false }) {}
