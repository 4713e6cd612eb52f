import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GenerationEntity } from './generation.entity';

export type GenerationRecord = Omit<GenerationEntity, never>;

/** Writes one analytics row per finished generation. */
@Injectable()
export class GenerationsRecorder {
  constructor(@InjectRepository(GenerationEntity) private readonly repo: Repository<GenerationEntity>) {}

  async record(row: GenerationRecord): Promise<void> {
    await this.repo.insert(row);
  }
}
