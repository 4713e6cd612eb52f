import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyticsService } from './analytics.service';
import { GenerationStatsDto, GenerationStatsQueryDto } from './dto/generation-stats.dto';

@ApiTags('analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('generations')
  @ApiOperation({
    summary: 'Counts by outcome and cancel reason, cancellation rate, partial length, time to first token',
  })
  @ApiOkResponse({ type: GenerationStatsDto })
  @ApiBadRequestResponse({ description: 'A filter is malformed' })
  generations(@Query() query: GenerationStatsQueryDto): Promise<GenerationStatsDto> {
    return this.analytics.generationStats(query);
  }
}
