import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { toErrorBody } from './all-exceptions.filter';

function pgError(code: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error('pg says no'), { code }));
}

describe(toErrorBody.name, () => {
  const sut = toErrorBody;

  it('turns text PostgreSQL cannot store (a NUL character) into a 400, not a 500', () => {
    expect(sut(pgError('22021'))).toEqual({
      statusCode: 400,
      message: 'a text contains a character that cannot be stored, such as \\u0000',
      error: 'Bad Request',
    });
  });

  it("replaces Fastify's bare 415 reason phrase with what to send instead", () => {
    expect(sut(new HttpException('Unsupported Media Type', HttpStatus.UNSUPPORTED_MEDIA_TYPE))).toEqual({
      statusCode: 415,
      message: 'Send the body as application/json',
      error: 'Unsupported Media Type',
    });
    expect(sut(new HttpException('Send a PNG', HttpStatus.UNSUPPORTED_MEDIA_TYPE)).message).toBe('Send a PNG');
  });

  it('keeps unknown database errors a 500 that reveals nothing', () => {
    expect(sut(pgError('XX000'))).toEqual({
      statusCode: 500,
      message: 'Internal server error',
      error: 'Internal Server Error',
    });
  });
});
