import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsQueryInt } from './field-rules';

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;
/** PostgreSQL would reject a larger OFFSET with an error the client did not cause. */
const MAX_OFFSET = 2_147_483_647;

/** `?limit=&offset=` of the resource lists, which are ordered by id. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsQueryInt(1, MAX_PAGE_LIMIT)
  limit: number = DEFAULT_PAGE_LIMIT;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'How many records to skip' })
  @IsQueryInt(0, MAX_OFFSET)
  offset: number = 0;
}
