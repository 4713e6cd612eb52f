import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLongText, IsName, Omittable, NAME_MAX_LENGTH, TEXT_MAX_LENGTH } from './field-rules';

/*
 * Characters and user profiles are the same kind of record: a name, and a description that goes
 * into the system prompt. Each resource names its own subclasses (and so its own schemas).
 */

export interface DescribedRecord {
  id: number;
  name: string;
  description: string;
  createdAt: Date;
}

export abstract class DescribedRecordDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Mira' })
  name: string;

  @ApiProperty({ description: 'Goes into the system prompt', example: 'A sharp-tongued ship navigator.' })
  description: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export abstract class CreateDescribedRecordDto {
  @ApiProperty({ maxLength: NAME_MAX_LENGTH, example: 'Mira' })
  @IsName()
  name: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX_LENGTH, default: '', description: 'Goes into the system prompt' })
  @Omittable()
  @IsLongText()
  description?: string;
}
