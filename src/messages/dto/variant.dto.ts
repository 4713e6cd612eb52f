import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { UsageDto } from './usage.dto';

export class VariantDto {
  @ApiProperty({ example: 0 })
  index: number;

  @ApiProperty({ example: 'Hello, traveller.' })
  content: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, nullable: true })
  model: string | null;

  @ApiProperty()
  partial: boolean;

  @ApiProperty({ type: String, nullable: true })
  reasoning: string | null;

  @ApiProperty({ type: UsageDto, nullable: true })
  usage: UsageDto | null;
}

export class SelectVariantDto {
  @ApiProperty({ description: 'The variant to make active (0-based)', example: 1 })
  @IsInt({ message: 'index must be an integer' })
  @Min(0, { message: 'index must be 0 or more' })
  index: number;
}
