import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBadInput } from '../resources/api-docs';
import { AnalyticsService } from './analytics.service';
import { GenerationStatsDto, GenerationStatsQueryDto } from './dto/generation-stats.dto';

@ApiTags('analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('generations')
  @ApiOperation({
    summary: 'Counts by outcome and cancel reason, cancellation rate, partial length, time to first token',
    description: 'Over the recorded generations, optionally filtered by chat session and time range.',
  })
  @ApiOkResponse({ type: GenerationStatsDto })
  @ApiBadInput('A filter is malformed or unknown')
  generations(@Query() query: GenerationStatsQueryDto): Promise<GenerationStatsDto> {
    return this.analytics.generationStats(query);
  }
}
