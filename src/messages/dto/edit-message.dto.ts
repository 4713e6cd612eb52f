import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsWellFormedText } from '../../http/well-formed-text';

export class EditMessageDto {
  @ApiProperty({ description: 'The new text (of the active variant, for a reply)', maxLength: 100_000 })
  @IsString({ message: 'content must be a string' })
  @IsNotEmpty({ message: 'content must not be empty' })
  @MaxLength(100_000, { message: 'content must be at most 100000 characters' })
  @IsWellFormedText()
  content: string;
}

export class DeleteMessageQueryDto {
  @ApiPropertyOptional({ description: 'true: delete this message and every later one (rewind)', default: false })
  @IsOptional()
  // Query values are strings; only the two spellings of a boolean become one.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'after must be true or false' })
  after?: boolean;
}
