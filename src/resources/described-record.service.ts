import { DescribedRecord, DescribedRecordDto } from './described-record.dto';
import { ResourceService } from './resource.service';

/** The service of a characters- or user-profiles-like resource: nothing beyond the shared CRUD. */
export abstract class DescribedRecordService<E extends DescribedRecord> extends ResourceService<E, DescribedRecordDto> {
  toDto(e: E): DescribedRecordDto {
    return { id: e.id, name: e.name, description: e.description, createdAt: e.createdAt.toISOString() };
  }
}
