import { Body, Controller, Delete, Get, Put, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../resources/error-body.dto';
import { SetOpenrouterApiKeyDto, SetOpenrouterApiKeyQueryDto, SettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

const UNREADABLE = 'A key is stored but no key in ENCRYPTION_KEY decrypts it; the message says how to fix that';

@ApiTags('settings')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'ADMIN_TOKEN is set and no valid bearer token was sent' })
@ApiForbiddenResponse({ type: ErrorBodyDto, description: 'ADMIN_TOKEN is set and only the API_TOKEN was sent' })
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether an OpenRouter API key is stored (never the key), and the read-only streaming settings',
  })
  @ApiOkResponse({ type: SettingsDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: UNREADABLE })
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
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description: 'The key is malformed, or (with verify) OpenRouter rejected it; nothing was stored',
  })
  @ApiBadGatewayResponse({
    type: ErrorBodyDto,
    description: 'With verify: OpenRouter could not be reached; nothing was stored',
  })
  put(@Body() body: SetOpenrouterApiKeyDto, @Query() query: SetOpenrouterApiKeyQueryDto): Promise<SettingsDto> {
    return this.settings.replaceOpenrouterApiKey(body.apiKey, { verify: query.verify === 'true' });
  }

  @Delete('openrouter-api-key')
  @ApiOperation({ summary: 'Remove the stored OpenRouter API key (200 even if none was stored)' })
  @ApiOkResponse({ type: SettingsDto, description: 'Removed; the settings as GET returns them' })
  remove(): Promise<SettingsDto> {
    return this.settings.removeOpenrouterApiKey();
  }
}
