import { Controller } from '@nestjs/common';
import { ApiResource } from '../resources/api-docs';
import { ResourceController } from '../resources/resource.controller';
import { UserProfilesService } from './user-profiles.service';
import { UserProfileDto } from './dto/user-profile.dto';
import { CreateUserProfileDto } from './dto/create-user-profile.dto';
import { UpdateUserProfileDto } from './dto/update-user-profile.dto';

@ApiResource('user-profiles')
@Controller('user-profiles')
export class UserProfilesController extends ResourceController({
  noun: 'user profile',
  listed: 'User profiles by id',
  dto: UserProfileDto,
  createDto: CreateUserProfileDto,
  updateDto: UpdateUserProfileDto,
}) {
  constructor(protected readonly service: UserProfilesService) {
    super();
  }
}
