import { Controller } from '@nestjs/common';
import { ApiResource } from '../resources/api-docs';
import { ResourceController } from '../resources/resource.controller';
import { CharactersService } from './characters.service';
import { CharacterDto } from './dto/character.dto';
import { CreateCharacterDto } from './dto/create-character.dto';
import { UpdateCharacterDto } from './dto/update-character.dto';

@ApiResource('characters')
@Controller('characters')
export class CharactersController extends ResourceController({
  noun: 'character',
  listed: 'Characters by id',
  dto: CharacterDto,
  createDto: CreateCharacterDto,
  updateDto: UpdateCharacterDto,
}) {
  constructor(protected readonly service: CharactersService) {
    super();
  }
}
