import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Ids are positive 32-bit integers; anything else is a 400 that says which parameter. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) {
      throw new BadRequestException(`id must be a positive whole number, got "${value}"`);
    }
    return Number(value);
  }
}
