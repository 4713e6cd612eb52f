import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthService } from './health.service';
import { HealthDto } from './health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ description: 'The database or Redis does not answer' })
  async check(): Promise<HealthDto> {
    const result = await this.health.check();
    if (result.status !== 'ok') throw new ServiceUnavailableException(result.problems.join('; '));
    return result;
  }
}
