import { CreateDescribedRecordDto } from '../../resources/described-record.dto';

export class CreateCharacterDto extends CreateDescribedRecordDto {}
