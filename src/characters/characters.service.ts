import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DescribedRecordService } from '../resources/described-record.service';
import { CharacterEntity } from './character.entity';

@Injectable()
export class CharactersService extends DescribedRecordService<CharacterEntity> {
  constructor(@InjectRepository(CharacterEntity) repo: Repository<CharacterEntity>) {
    super(repo, 'Character');
  }
}
