import { ApiProperty } from '@nestjs/swagger';
import { IsLongText, IsName, NAME_MAX_LENGTH, TEXT_MAX_LENGTH } from '../../resources/field-rules';

export class CreateSystemPromptDto {
  @ApiProperty({ maxLength: NAME_MAX_LENGTH, example: 'Narrator' })
  @IsName()
  name: string;

  @ApiProperty({ maxLength: TEXT_MAX_LENGTH, example: 'You are the narrator of a slow-burn mystery.' })
  @IsLongText()
  content: string;
}
