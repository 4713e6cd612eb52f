import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CataloguePricingDto {
  @ApiPropertyOptional({ example: '0.00000015', description: 'USD per prompt token, as the provider states it' })
  prompt?: string;

  @ApiPropertyOptional({ example: '0.0000006', description: 'USD per completion token' })
  completion?: string;
}

export class CatalogueModelDto {
  @ApiProperty({ example: 'openai/gpt-4o-mini', description: "The model id to use as an AI model's label" })
  id: string;

  @ApiProperty({ example: 'OpenAI: GPT-4o-mini' })
  name: string;

  @ApiPropertyOptional({ example: 128000 })
  contextLength?: number;

  @ApiPropertyOptional({ type: CataloguePricingDto })
  pricing?: CataloguePricingDto;
}
