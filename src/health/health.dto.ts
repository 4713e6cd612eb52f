import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'down'] })
  status: 'ok' | 'down';

  @ApiProperty({ enum: ['ok', 'down'] })
  database: 'ok' | 'down';

  @ApiProperty({ enum: ['ok', 'down', 'not_configured'] })
  redis: 'ok' | 'down' | 'not_configured';

  @ApiProperty({ type: [String] })
  problems: string[];
}
