import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponse } from '../http/error-body.dto';
import { HealthService } from './health.service';
import { HealthDto } from './health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether the database (and Redis, when REDIS_URL is set) answer',
    description: 'For load balancers and probes: open even when API_TOKEN is set.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrorResponse(503, 'The database or Redis does not answer; the message names which')
  async check(): Promise<HealthDto> {
    const result = await this.health.check();
    if (result.status !== 'ok') throw new ServiceUnavailableException(result.problems.join('; '));
    return result;
  }
}
