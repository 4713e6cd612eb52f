import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DescribedRecordService } from '../resources/described-record.service';
import { UserProfileEntity } from './user-profile.entity';

@Injectable()
export class UserProfilesService extends DescribedRecordService<UserProfileEntity> {
  constructor(@InjectRepository(UserProfileEntity) repo: Repository<UserProfileEntity>) {
    super(repo, 'User profile');
  }
}
