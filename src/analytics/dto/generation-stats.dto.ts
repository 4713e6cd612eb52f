import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Min } from 'class-validator';

export class GenerationStatsQueryDto {
  @ApiPropertyOptional({ description: 'Only generations started at or after this time (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  from?: Date;

  @ApiPropertyOptional({ description: 'Only generations started before this time (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  to?: Date;

  @ApiPropertyOptional({ description: 'Only this chat session' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'chatSessionId must be a whole number' })
  @Min(1, { message: 'chatSessionId must be positive' })
  chatSessionId?: number;
}

export class OutcomeCountsDto {
  @ApiProperty() done: number;
  @ApiProperty() error: number;
  @ApiProperty() cancelled: number;
}

export class KindCountsDto {
  @ApiProperty() send: number;
  @ApiProperty() regenerate: number;
  @ApiProperty() continue: number;
}

/** Tokens and cost of the generations of one model, or of one day. */
export class UsageTotalsDto {
  @ApiProperty({ description: 'The model label, or the day (UTC, YYYY-MM-DD)', example: 'openai/gpt-4o-mini' })
  key: string;
  @ApiProperty() generations: number;
  @ApiProperty({ description: 'Sum of prompt tokens reported by the provider' }) promptTokens: number;
  @ApiProperty({ description: 'Sum of completion tokens reported by the provider' }) completionTokens: number;
  @ApiProperty({ description: 'Sum of cost reported by the provider' }) cost: number;
}

export class GenerationStatsDto {
  @ApiProperty({ description: 'All generations in the window' })
  total: number;

  @ApiProperty({ type: OutcomeCountsDto })
  byOutcome: OutcomeCountsDto;

  @ApiProperty({
    description: 'Cancelled generations by reason',
    example: { user_cancelled: 3, timeout: 0, no_clients: 1, server_shutdown: 0 },
  })
  cancelReasons: Record<string, number>;

  @ApiProperty({ description: 'Failed generations by error code', example: { upstream_error: 1 } })
  errorCodes: Record<string, number>;

  @ApiProperty({ description: 'cancelled / total (0 when there are none)' })
  cancellationRate: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Mean text length (UTF-16 units) when cancelled' })
  meanPartialLengthAtCancel: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Mean time from request to first text, ms' })
  meanTimeToFirstTokenMs: number | null;

  @ApiProperty({ nullable: true, type: Number })
  p50TimeToFirstTokenMs: number | null;

  @ApiProperty({ nullable: true, type: Number })
  p95TimeToFirstTokenMs: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Mean duration of completed generations, ms' })
  meanDurationMs: number | null;

  @ApiProperty({ description: 'Sum of completion tokens reported by the provider' })
  completionTokens: number;

  @ApiProperty({ description: 'Sum of cost reported by the provider (credits)' })
  cost: number;

  @ApiProperty({ type: KindCountsDto, description: 'Generations by what started them' })
  byKind: KindCountsDto;

  @ApiProperty({ type: [UsageTotalsDto], description: 'Tokens and cost per model, most costly first' })
  usageByModel: UsageTotalsDto[];

  @ApiProperty({ type: [UsageTotalsDto], description: 'Tokens and cost per day (UTC), oldest first' })
  usageByDay: UsageTotalsDto[];
}
