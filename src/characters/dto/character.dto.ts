import { DescribedRecordDto } from '../../resources/described-record.dto';

export class CharacterDto extends DescribedRecordDto {}
