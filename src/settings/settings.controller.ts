import { Body, Controller, Delete, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponse } from '../http/error-body.dto';
import { ApiBadInput, ApiJsonBody } from '../resources/api-docs';
import { SetOpenrouterApiKeyDto, SetOpenrouterApiKeyQueryDto, SettingsDto } from './settings.dto';
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
}
