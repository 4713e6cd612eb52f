import { CreateDescribedRecordDto } from '../../resources/described-record.dto';

export class CreateUserProfileDto extends CreateDescribedRecordDto {}
