import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ApiErrorResponse } from '../http/error-body.dto';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { ApiBadInput, ApiIdParam, ApiResource } from '../resources/api-docs';
import { ResourceController } from '../resources/resource.controller';
import { CARD_IMPORT_LIMIT_BYTES } from './card-import-body';
import { CharactersService } from './characters.service';
import { CharacterDto } from './dto/character.dto';
import { CreateCharacterDto } from './dto/create-character.dto';
import { ExportQueryDto } from './dto/export-query.dto';
import { UpdateCharacterDto } from './dto/update-character.dto';

const MB = CARD_IMPORT_LIMIT_BYTES / (1024 * 1024);

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

  @Post('import')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Import a Character Card',
    description:
      'A Character Card V1, V2 (`chara_card_v2`) or V3 (`chara_card_v3`) as a PNG (`ccv3` tEXt chunk preferred over `chara`) ' +
      `or as JSON, up to ${MB} MB. Its \`character_book\` becomes the lorebook, a PNG becomes the avatar, and fields Hearth ` +
      'does not use are kept for export. Nothing is stored when the card is refused.',
  })
  @ApiConsumes('image/png', 'application/json')
  @ApiBody({ description: 'The card PNG (bytes), or the card JSON', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: CharacterDto, description: 'The character as stored' })
  @ApiBadInput(
    'The body is not a character card (not a PNG, a bad chunk, no card chunk, not base64, not JSON, not a card, a bad field)',
  )
  @ApiErrorResponse(413, `The body is over ${MB} MB`)
  @ApiErrorResponse(415, 'The body is neither image/png nor application/json')
  importCard(@Body() body: unknown): Promise<CharacterDto> {
    // The image/png parser hands over bytes; JSON arrives parsed (see card-import-body.ts).
    if (Buffer.isBuffer(body)) return this.service.importCard({ kind: 'png', bytes: body });
    return this.service.importCard({ kind: 'json', card: body });
  }

  @Get(':id/avatar')
  @ApiOperation({ summary: "A character's avatar", description: 'The image imported with its card.' })
  @ApiProduces('image/png')
  @ApiOkResponse({
    description: 'The image',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiIdParam('character')
  @ApiErrorResponse(404, 'No character has this id, or it has no avatar')
  async avatar(@Param('id', ParseIdPipe) id: number): Promise<StreamableFile> {
    const { contentType, image } = await this.service.avatar(id);
    return new StreamableFile(image, { type: contentType, length: image.length });
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'Export a character as a Character Card',
    description:
      '`format=json`: the V3 card. `format=png` (default): the avatar (or a plain placeholder image) with a `ccv3` chunk ' +
      'and a V2 `chara` chunk for older readers. Either imports back to the same character.',
  })
  @ApiProduces('image/png', 'application/json')
  @ApiOkResponse({
    description: 'The card, as an attachment',
    content: {
      'image/png': { schema: { type: 'string', format: 'binary' } },
      'application/json': { schema: { type: 'object', additionalProperties: true } },
    },
  })
  @ApiIdParam('character', ', or format is not png or json')
  async exportCard(@Param('id', ParseIdPipe) id: number, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    const card = await this.service.exportCard(id, query.format);
    const bytes = Buffer.isBuffer(card.body) ? card.body : Buffer.from(card.body, 'utf8');
    return new StreamableFile(bytes, {
      type: card.contentType === 'application/json' ? 'application/json; charset=utf-8' : card.contentType,
      disposition: card.disposition,
      length: bytes.length,
    });
  }
}
