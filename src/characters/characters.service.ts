import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, DeepPartial, Repository } from 'typeorm';
import { ResourceService } from '../resources/resource.service';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import { CharacterFields } from './card/card-fields';
import { contentDisposition, toCardPng, toV3Card } from './card/export-card';
import { readLorebookInput } from './card/lorebook-input';
import { parseCardJson, parseCardPng } from './card/parse-card';
import { CardProblem } from './card/read-fields';
import { CharacterAvatarEntity } from './character-avatar.entity';
import { CharacterEntity } from './character.entity';
import { CharacterDomainError, CharacterErrorCode } from './characters.errors';
import { CharacterDto } from './dto/character.dto';

/** A card upload, as the import route's body parsers leave it. */
export type CardUpload = { kind: 'png'; bytes: Buffer } | { kind: 'json'; card: unknown };

export interface ExportedCard {
  contentType: 'image/png' | 'application/json';
  disposition: string;
  body: Buffer | string;
}

@Injectable()
export class CharactersService extends ResourceService<CharacterEntity, CharacterDto> {
  constructor(
    @InjectRepository(CharacterEntity) repo: Repository<CharacterEntity>,
    @InjectRepository(CharacterAvatarEntity) private readonly avatars: Repository<CharacterAvatarEntity>,
    private readonly dataSource: DataSource,
  ) {
    super(repo, 'Character');
  }

  toDto(e: CharacterEntity): CharacterDto {
    return {
      id: e.id,
      name: e.name,
      description: e.description,
      personality: e.personality,
      scenario: e.scenario,
      firstMessage: e.firstMessage,
      alternateGreetings: e.alternateGreetings,
      exampleMessages: e.exampleMessages,
      systemPrompt: e.systemPrompt,
      postHistoryInstructions: e.postHistoryInstructions,
      creatorNotes: e.creatorNotes,
      tags: e.tags,
      creator: e.creator,
      characterVersion: e.characterVersion,
      extensions: e.extensions,
      hasAvatar: e.hasAvatar,
      lorebook: e.lorebook,
      createdAt: e.createdAt.toISOString(),
    };
  }

  override create(values: DeepPartial<CharacterEntity>): Promise<CharacterDto> {
    return super.create(withStoredLorebook(values));
  }

  override update(id: number, changes: DeepPartial<CharacterEntity>): Promise<CharacterDto> {
    return super.update(id, withStoredLorebook(changes));
  }

  /** A new character from a card; the PNG (without its card chunks) becomes its avatar. All or nothing. */
  async importCard(upload: CardUpload): Promise<CharacterDto> {
    let fields: CharacterFields;
    let avatar: Buffer | null = null;
    try {
      if (upload.kind === 'png') ({ fields, avatar } = parseCardPng(upload.bytes));
      else fields = parseCardJson(upload.card);
    } catch (err) {
      if (err instanceof CardProblem) throw new CharacterDomainError(CharacterErrorCode.NotACard, err.message);
      throw err;
    }
    const id = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        CharacterEntity,
        em.create(CharacterEntity, { ...fields, hasAvatar: avatar !== null }),
      );
      if (avatar)
        await em.insert(CharacterAvatarEntity, { characterId: saved.id, contentType: 'image/png', image: avatar });
      return saved.id;
    });
    return this.get(id);
  }

  async avatar(id: number): Promise<{ contentType: string; image: Buffer }> {
    const found = await this.avatars.findOneBy({ characterId: id });
    if (found) return { contentType: found.contentType, image: found.image };
    await this.assertExists(id);
    throw new ResourceDomainError(ResourceErrorCode.NotFound, `Character ${id} has no avatar`);
  }

  async exportCard(id: number, format: 'png' | 'json'): Promise<ExportedCard> {
    const c = await this.load(id);
    if (format === 'json') {
      return {
        contentType: 'application/json',
        disposition: contentDisposition(c.name, 'json'),
        body: JSON.stringify(toV3Card(c)),
      };
    }
    const avatar = c.hasAvatar ? ((await this.avatars.findOneBy({ characterId: id }))?.image ?? null) : null;
    return { contentType: 'image/png', disposition: contentDisposition(c.name, 'png'), body: toCardPng(c, avatar) };
  }
}

/** The lorebook with the defaults every stored entry has (the DTO has already checked it). */
function withStoredLorebook(values: DeepPartial<CharacterEntity>): DeepPartial<CharacterEntity> {
  if (values.lorebook === undefined) return values;
  return Object.assign({}, values, { lorebook: readLorebookInput(values.lorebook) });
}
