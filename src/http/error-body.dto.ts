import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { HeaderObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ErrorBody } from './all-exceptions.filter';

/** The body of every non-2xx response (the contract's error shape), for the OpenAPI document. */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ type: 'integer', example: 404, description: 'The HTTP status, repeated' })
  statusCode: number;

  @ApiProperty({ example: 'Chat session 42 does not exist', description: 'What is wrong, in words a user can act on' })
  message: string;

  @ApiProperty({ example: 'Not Found', description: 'The HTTP reason phrase of statusCode' })
  error: string;
}

/**
 * An error response with the {@link ErrorBodyDto} body, always as application/json: errors are
 * sent before any stream starts, so a route that otherwise produces text/event-stream (and says
 * so with `@ApiProduces`) still answers its errors in JSON. An explicit `content` keeps Nest from
 * listing the error under every produced media type.
 */
export const ApiErrorResponse = (
  status: number,
  description: string,
  headers?: Record<string, HeaderObject>,
): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiExtraModels(ErrorBodyDto),
    ApiResponse({
      status,
      description,
      headers,
      content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } },
    }),
  );
