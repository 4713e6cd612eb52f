import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query, Type } from '@nestjs/common';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { ApiCreate, ApiDelete, ApiGetOne, ApiListOf, ApiUpdate } from './api-docs';
import { ApiErrorResponse } from '../http/error-body.dto';
import { PageQueryDto } from './page-query.dto';
import { ResourceService } from './resource.service';

export interface ResourceRoutes<D, C, U> {
  /** How the docs name one record: "character", "AI model". */
  noun: string;
  /** How the docs describe the list: "Characters by id". */
  listed: string;
  dto: Type<D>;
  createDto: Type<C>;
  updateDto: Type<U>;
  /** Extra 400 causes beyond a bad field, e.g. an unknown referenced id. */
  badReference?: string;
  /** What DELETE does beyond deleting the record. */
  deleted?: string;
  /** Why DELETE may answer 409. */
  deleteConflict?: string;
}

/**
 * The five routes every resource has (list, create, get, update, delete), documented with every
 * response; a resource's controller extends the class this returns and hands it its service:
 *
 *     @ApiResource('characters') @Controller('characters')
 *     export class CharactersController extends ResourceController({ noun: 'character', ... }) {
 *       constructor(protected readonly service: CharactersService) { super(); }
 *     }
 */
export function ResourceController<D, C, U>(routes: ResourceRoutes<D, C, U>) {
  const { noun, dto } = routes;
  const invalid = 'A field has the wrong type or is unknown';
  const badReference = routes.badReference ? `, ${routes.badReference}` : '';

  abstract class ResourceControllerBase {
    protected abstract readonly service: ResourceService<{ id: number }, D>;

    @Get()
    @ApiListOf(dto, noun, routes.listed)
    list(@Query() page: PageQueryDto): Promise<D[]> {
      return this.service.list(page);
    }

    @Post()
    @ApiCreate(dto, noun, `A field is missing, has the wrong type or is unknown${badReference}`)
    create(@Body() body: C): Promise<D> {
      return this.service.create(body as object);
    }

    @Get(':id')
    @ApiGetOne(dto, noun)
    get(@Param('id', ParseIdPipe) id: number): Promise<D> {
      return this.service.get(id);
    }

    @Patch(':id')
    @ApiUpdate(dto, noun, `${invalid}${badReference}`)
    update(@Param('id', ParseIdPipe) id: number, @Body() body: U): Promise<D> {
      return this.service.update(id, body as object);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiDelete(noun, routes.deleted)
    @(routes.deleteConflict ? ApiErrorResponse(409, routes.deleteConflict) : () => {})
    remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
      return this.service.remove(id);
    }
  }

  // A type parameter has no runtime type: name the body DTOs where the ValidationPipe and the
  // OpenAPI document look for them, or bodies would pass unvalidated.
  Reflect.defineMetadata('design:paramtypes', [routes.createDto], ResourceControllerBase.prototype, 'create');
  Reflect.defineMetadata('design:paramtypes', [Number, routes.updateDto], ResourceControllerBase.prototype, 'update');
  return ResourceControllerBase;
}
