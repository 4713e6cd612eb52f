import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponse } from '../http/error-body.dto';
import { CatalogueModel } from '../provider/llm-provider';
import { CatalogueModelDto } from './catalogue-model.dto';
import { CATALOGUE_TTL_MS, ProvidersCatalogueService } from './providers-catalogue.service';

@ApiTags('providers')
@Controller('providers')
export class ProvidersCatalogueController {
  constructor(private readonly catalogue: ProvidersCatalogueService) {}

  @Get(':provider/models')
  @ApiOperation({
    summary: "The provider's model list (for a model picker)",
    description: `From the provider's own list (OpenRouter /models with context length and pricing, OpenAI /models, Anthropic /v1/models), kept ${CATALOGUE_TTL_MS / 60000} minutes.`,
  })
  @ApiOkResponse({ type: [CatalogueModelDto] })
  @ApiErrorResponse(400, 'The provider needs an API key for its list and none is stored')
  @ApiErrorResponse(404, 'No such provider is configured (the message names the known ones)')
  @ApiErrorResponse(502, 'The provider could not be reached or sent a list that cannot be read')
  models(@Param('provider') provider: string): Promise<CatalogueModel[]> {
    return this.catalogue.models(provider);
  }
}
