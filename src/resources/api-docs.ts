import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto';

/*
 * The OpenAPI descriptions shared by the resource routes, so that each controller documents every
 * response (errors included) without repeating the same stack of decorators.
 */

/** On a controller: its tag, and the 401 every /api route gives without the API_TOKEN. */
export const ApiResource = (tag: string): ClassDecorator =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'API_TOKEN is set and was not sent' }),
  );

const badInput = (what: string) =>
  ApiBadRequestResponse({ type: ErrorBodyDto, description: `${what}; the message names the field` });

const idParam = (noun: string) =>
  applyDecorators(
    ApiParam({ name: 'id', type: 'integer', description: `The ${noun} id` }),
    ApiNotFoundResponse({ type: ErrorBodyDto, description: `No ${noun} has this id` }),
  );

const bodyErrors = (what: string) =>
  applyDecorators(
    badInput(what),
    ApiPayloadTooLargeResponse({ type: ErrorBodyDto, description: 'The body is over BODY_LIMIT_BYTES' }),
    ApiUnsupportedMediaTypeResponse({ type: ErrorBodyDto, description: 'The body is not application/json' }),
  );

export const ApiListOf = (dto: Type<unknown>, order: string) =>
  applyDecorators(
    ApiOkResponse({ type: [dto], description: order }),
    badInput('limit or offset is out of range or an unknown query parameter was given'),
  );

export const ApiGetOne = (dto: Type<unknown>, noun: string) =>
  applyDecorators(ApiOkResponse({ type: dto }), idParam(noun), badInput('The id is not a positive whole number'));

export const ApiCreate = (dto: Type<unknown>, what = 'A field is missing, has the wrong type or is unknown') =>
  applyDecorators(ApiCreatedResponse({ type: dto }), bodyErrors(what));

export const ApiUpdate = (dto: Type<unknown>, noun: string, what = 'A field has the wrong type or is unknown') =>
  applyDecorators(ApiOkResponse({ type: dto }), idParam(noun), bodyErrors(what));

export const ApiDelete = (noun: string, effect = `The ${noun} is deleted`) =>
  applyDecorators(
    ApiNoContentResponse({ description: effect }),
    idParam(noun),
    badInput('The id is not a positive whole number'),
  );
