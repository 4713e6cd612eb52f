import { ApiPropertyOptional } from '@nestjs/swagger';

/** Token counts and cost a provider reported for a reply (each only when it reported it). */
export class UsageDto {
  @ApiPropertyOptional({ example: 812 })
  promptTokens?: number;

  @ApiPropertyOptional({ example: 164 })
  completionTokens?: number;

  @ApiPropertyOptional({ description: 'In US dollars, as the provider bills it', example: 0.00042 })
  cost?: number;
}
