import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ExportQueryDto {
  @ApiPropertyOptional({
    enum: ['png', 'json'],
    default: 'png',
    description: 'png: the avatar with `ccv3` and V2 `chara` chunks; json: the V3 card',
  })
  @IsOptional()
  @IsIn(['png', 'json'], { message: 'format must be png or json' })
  format: 'png' | 'json' = 'png';
}
