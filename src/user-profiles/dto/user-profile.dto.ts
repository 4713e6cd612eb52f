import { DescribedRecordDto } from '../../resources/described-record.dto';

export class UserProfileDto extends DescribedRecordDto {}
