import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponse } from '../http/error-body.dto';
import { ApiBadInput, ApiJsonBody } from '../resources/api-docs';
import {
  ProviderParamDto,
  SetOpenrouterApiKeyDto,
  SetOpenrouterApiKeyQueryDto,
  SetProviderApiKeyDto,
  SettingsDto,
} from './settings.dto';
import { SettingsService } from './settings.service';

const UNREADABLE = 'A key is stored but no key in ENCRYPTION_KEY decrypts it; the message says how to fix that';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether an OpenRouter API key is stored (never the key), and the read-only streaming settings',
    description:
      'The key itself is never shown: only whether one is stored and a hint of its first and last characters.',
  })
  @ApiOkResponse({ type: SettingsDto })
  @ApiErrorResponse(409, UNREADABLE)
  get(): Promise<SettingsDto> {
    return this.settings.getSettings();
  }

  @Put('openrouter-api-key')
  @ApiOperation({
    summary: 'Store the OpenRouter API key, encrypted (a Fernet token under the first ENCRYPTION_KEY)',
    description:
      'Replaces any stored key. With `?verify=true` OpenRouter is asked first (GET /key) and nothing is stored unless it accepts the key.',
  })
  @ApiOkResponse({ type: SettingsDto, description: 'Stored; the settings as GET returns them' })
  @ApiBadInput(
    'The body is not valid JSON, apiKey is missing or malformed, verify is not true/false, a field is unknown, ' +
      'or (with verify) OpenRouter rejected the key; nothing was stored',
  )
  @ApiJsonBody()
  @ApiErrorResponse(502, 'With verify: OpenRouter could not be reached; nothing was stored')
  put(@Body() body: SetOpenrouterApiKeyDto, @Query() query: SetOpenrouterApiKeyQueryDto): Promise<SettingsDto> {
    return this.settings.replaceOpenrouterApiKey(body.apiKey, { verify: query.verify === 'true' });
  }

  @Delete('openrouter-api-key')
  @ApiOperation({
    summary: 'Remove the stored OpenRouter API key (200 even if none was stored)',
    description: 'Generations fail with a 400 until a key is stored again.',
  })
  @ApiOkResponse({ type: SettingsDto, description: 'Removed; the settings as GET returns them' })
  remove(): Promise<SettingsDto> {
    return this.settings.removeOpenrouterApiKey();
  }

  @Put('providers/:provider/api-key')
  @ApiOperation({
    summary: "Store a provider's API key, encrypted (a Fernet token under the first ENCRYPTION_KEY)",
    description:
      'Replaces any stored key for that provider; `openrouter` is the same key as PUT /api/settings/openrouter-api-key. ' +
      'With `?verify=true` the provider is asked first (OpenRouter GET /key, others their model list) and nothing is stored unless it accepts the key.',
  })
  @ApiOkResponse({ type: SettingsDto, description: 'Stored; the settings as GET returns them' })
  @ApiBadInput('apiKey is missing or malformed, or (with verify) the provider rejected the key; nothing was stored')
  @ApiJsonBody()
  @ApiErrorResponse(404, 'No such provider is configured (the message names the known ones)')
  @ApiErrorResponse(502, 'With verify: the provider could not be reached; nothing was stored')
  putProviderKey(
    @Param() params: ProviderParamDto,
    @Body() body: SetProviderApiKeyDto,
    @Query() query: SetOpenrouterApiKeyQueryDto,
  ): Promise<SettingsDto> {
    return this.settings.replaceApiKey(params.provider, body.apiKey, { verify: query.verify === 'true' });
  }

  @Delete('providers/:provider/api-key')
  @ApiOperation({
    summary: "Remove a provider's stored API key (200 even if none was stored)",
    description:
      'Generations with models of that provider are refused until a key is stored again (unless the provider needs none).',
  })
  @ApiOkResponse({ type: SettingsDto, description: 'Removed; the settings as GET returns them' })
  @ApiErrorResponse(404, 'No such provider is configured')
  removeProviderKey(@Param() params: ProviderParamDto): Promise<SettingsDto> {
    return this.settings.removeApiKey(params.provider);
  }
}
