import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import type { FastifyReply } from 'fastify';
import { DecryptionError } from '../crypto/encryption.service';
import { DomainError } from '../errors/domain-error';
import { domainErrorStatus } from './domain-error-status';

export interface ErrorBody {
  statusCode: number;
  message: string;
  error: string;
}

/** Postgres errors a client can cause, mapped to what they mean for the client. */
const PG_CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  '23503': { status: HttpStatus.CONFLICT, message: 'a referenced record does not exist or is still in use' },
  '23505': { status: HttpStatus.CONFLICT, message: 'a record with these values already exists' },
  '22P02': { status: HttpStatus.BAD_REQUEST, message: 'a value has the wrong format' },
  '22001': { status: HttpStatus.BAD_REQUEST, message: 'a value is too long' },
  '22003': { status: HttpStatus.BAD_REQUEST, message: 'a number is out of range' },
  '23514': { status: HttpStatus.BAD_REQUEST, message: 'a value is not allowed' },
  // PostgreSQL text cannot hold U+0000, which JSON can carry as "\u0000".
  '22021': {
    status: HttpStatus.BAD_REQUEST,
    message: 'a text contains a character that cannot be stored, such as \\u0000',
  },
};

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const status = domainErrorStatus(exception);
    if (status !== undefined)
      return { statusCode: status, message: exception.message, error: STATUS_CODES[status] ?? 'Error' };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let message: string;
    if (typeof response === 'string') message = response;
    else {
      const m = (response as { message?: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : exception.message;
    }
    // Nest hands Fastify's own errors (bad JSON, body too large, wrong content type) on as plain
    // HttpExceptions with Fastify's message; the bare reason phrase of a 415 does not say what to do.
    if (status === 415 && message === STATUS_CODES[status]) {
      message = fastifyMessage({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    }
    return { statusCode: status, message, error: STATUS_CODES[status] ?? 'Error' };
  }
  if (exception instanceof DecryptionError) {
    // The server's configuration, not the request, is at fault; the message says how to mend it.
    return {
      statusCode: HttpStatus.CONFLICT,
      message: `The stored secret is unreadable: ${exception.message}`,
      error: 'Conflict',
    };
  }
  if (exception instanceof QueryFailedError) {
    const code = (exception.driverError as { code?: string } | undefined)?.code;
    const mapped = code ? PG_CLIENT_ERRORS[code] : undefined;
    if (mapped)
      return { statusCode: mapped.status, message: mapped.message, error: STATUS_CODES[mapped.status] ?? 'Error' };
  }
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
  const fst = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof fst.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
    return { statusCode: fst.statusCode, message: fastifyMessage(fst), error: STATUS_CODES[fst.statusCode] ?? 'Error' };
  }
  return { statusCode: 500, message: 'Internal server error', error: 'Internal Server Error' };
}

function fastifyMessage(err: { code?: unknown; message?: unknown }): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as application/json';
    default:
      return typeof err.message === 'string' ? err.message : 'Bad request';
  }
}

/** An error thrown on purpose with its status (a mapped domain error, an HttpException), not a bug. */
function isDeliberate(exception: unknown): boolean {
  if (exception instanceof DomainError) return domainErrorStatus(exception) !== undefined;
  return exception instanceof HttpException;
}

/** What lay under a deliberate error (e.g. Redis's own words under a 503), for the log only. */
function causeOf(exception: unknown): string {
  const cause = exception instanceof Error ? exception.cause : undefined;
  return cause instanceof Error ? ` (${cause.message})` : '';
}

/** One place that turns every error into the contract's `{statusCode, message, error}`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      // A deliberate 5xx (e.g. 502 when the provider is unreachable) is an event, not a bug.
      if (isDeliberate(exception)) this.logger.warn(`${body.statusCode}: ${body.message}${causeOf(exception)}`);
      else this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    // An SSE response has already started: the stream itself reports errors, never a second head.
    if (reply.sent || reply.raw.headersSent) {
      if (!reply.raw.writableEnded) reply.raw.end();
      return;
    }
    void reply.status(body.statusCode).send(body);
  }
}
