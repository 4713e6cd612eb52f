import { ApiProperty } from '@nestjs/swagger';
import type { ErrorBody } from '../http/all-exceptions.filter';

/** The body of every non-2xx response (the contract's error shape), for the OpenAPI document. */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ example: 'Chat session 42 does not exist', description: 'What is wrong, in words a user can act on' })
  message: string;

  @ApiProperty({ example: 'Not Found', description: 'The HTTP reason phrase of statusCode' })
  error: string;
}
