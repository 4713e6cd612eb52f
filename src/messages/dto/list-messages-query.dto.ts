import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsQueryInt, MAX_ID } from '../../resources/field-rules';

export const DEFAULT_MESSAGE_LIMIT = 100;
export const MAX_MESSAGE_LIMIT = 1000;

/**
 * A page of a session's messages. The answer is always oldest first; these only choose which
 * stretch of the conversation it covers.
 */
export class ListMessagesQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_MESSAGE_LIMIT, default: DEFAULT_MESSAGE_LIMIT })
  @IsQueryInt(1, MAX_MESSAGE_LIMIT)
  limit: number = DEFAULT_MESSAGE_LIMIT;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Cursor: the messages right after this message of the session (the next page forward)',
  })
  @IsQueryInt(1, MAX_ID)
  afterId?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Cursor: the messages right before this message of the session (the previous page)',
  })
  @IsQueryInt(1, MAX_ID)
  beforeId?: number;

  @ApiPropertyOptional({
    description: 'true: the newest `limit` messages (still returned oldest first), e.g. to open a long chat at its end',
    default: false,
  })
  @IsOptional()
  // Query values are strings; only the two spellings of a boolean become one.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'latest must be true or false' })
  latest?: boolean;
}

/** Which stretch of the conversation a query asks for. */
export type MessagePage =
  { limit: number; from: 'start' | 'end' } | { limit: number; after: number } | { limit: number; before: number };

/** Reads a query as one page; combining two starting points is a 400. */
export function messagePage(q: ListMessagesQueryDto): MessagePage {
  const given = [
    q.afterId !== undefined && 'afterId',
    q.beforeId !== undefined && 'beforeId',
    q.latest && 'latest=true',
  ];
  const starts = given.filter((g): g is string => typeof g === 'string');
  if (starts.length > 1) {
    throw new BadRequestException(`Use only one of afterId, beforeId and latest=true; got ${starts.join(' and ')}`);
  }
  if (q.afterId !== undefined) return { limit: q.limit, after: q.afterId };
  if (q.beforeId !== undefined) return { limit: q.limit, before: q.beforeId };
  return { limit: q.limit, from: q.latest ? 'end' : 'start' };
}
