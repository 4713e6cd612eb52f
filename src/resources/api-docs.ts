import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponse } from '../http/error-body.dto';
import { DEFAULT_PAGE_LIMIT } from './page-query.dto';

/*
 * The OpenAPI descriptions shared by the routes, so that each controller documents every response
 * (errors included) without repeating the same stack of decorators. The 401/403 of the tokens are
 * added to every operation the access rule guards by buildOpenApiDocument (src/openapi/openapi.ts).
 */

/** "a character", "an AI model" (every noun here starts with its sound's letter). */
const aNoun = (noun: string) => `${/^[aeio]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** On a controller: its tag (described in src/openapi/openapi.ts). */
export const ApiResource = (tag: string): ClassDecorator => ApiTags(tag);

/** A 400 for bad input; `what` names the causes. */
export const ApiBadInput = (what: string) => ApiErrorResponse(400, `${what}; the message says which`);

/** The `{id}` path parameter: a bad one is a 400, an unknown one a 404. */
export const ApiIdParam = (noun: string, extraBadInput = '') =>
  applyDecorators(
    ApiParam({ name: 'id', type: 'integer', description: `The ${noun} id`, example: 1 }),
    extraBadInput
      ? ApiBadInput(`The id is not a positive whole number${extraBadInput}`)
      : ApiErrorResponse(400, 'The id is not a positive whole number'),
    ApiErrorResponse(404, `No ${noun} has this id`),
  );

/** A body that is not JSON, too large or malformed: before any validation. */
export const ApiJsonBody = () =>
  applyDecorators(
    ApiErrorResponse(413, 'The body is over BODY_LIMIT_BYTES'),
    ApiErrorResponse(415, 'The body is not application/json'),
  );

export const ApiListOf = (dto: Type<unknown>, noun: string, order: string) =>
  applyDecorators(
    ApiOperation({
      summary: `List ${noun}s`,
      description: `${order}, a page at a time: \`limit\` (default ${DEFAULT_PAGE_LIMIT}) records from \`offset\` (default 0).`,
    }),
    ApiOkResponse({ type: [dto], description: order }),
    ApiBadInput('limit or offset is out of range or an unknown query parameter was given'),
  );

export const ApiGetOne = (dto: Type<unknown>, noun: string) =>
  applyDecorators(
    ApiOperation({ summary: `Get one ${noun}`, description: `The ${noun} with this id.` }),
    ApiOkResponse({ type: dto }),
    ApiIdParam(noun),
  );

export const ApiCreate = (dto: Type<unknown>, noun: string, what: string) =>
  applyDecorators(
    ApiOperation({
      summary: `Create ${aNoun(noun)}`,
      description: `Stores a new ${noun}; the answer is the stored record with its id. Unknown fields are refused.`,
    }),
    ApiCreatedResponse({ type: dto, description: `The ${noun} as stored` }),
    ApiBadInput(`${what}, or the body is not valid JSON`),
    ApiJsonBody(),
  );

export const ApiUpdate = (dto: Type<unknown>, noun: string, what: string) =>
  applyDecorators(
    ApiOperation({
      summary: `Update ${aNoun(noun)}`,
      description: `Changes the fields given and leaves the others as they are; the answer is the whole ${noun}.`,
    }),
    ApiOkResponse({ type: dto, description: `The ${noun} as stored` }),
    ApiIdParam(noun, `, ${what}, or the body is not valid JSON`),
    ApiJsonBody(),
  );

export const ApiDelete = (noun: string, effect = `The ${noun} is deleted`) =>
  applyDecorators(
    ApiOperation({ summary: `Delete ${aNoun(noun)}`, description: `${effect}.` }),
    ApiNoContentResponse({ description: effect }),
    ApiIdParam(noun),
  );
