import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { API_KEY_MAX_LENGTH, API_KEY_MIN_LENGTH, apiKeyFormProblem } from './api-key-form';

/** A read-only value that comes from an environment variable. */
const FromEnv = (variable: string, example: string | number): PropertyDecorator =>
  ApiProperty({ example, description: `${variable} (read-only; set in the environment)` });

/** One configured provider as the admin sees it: never its key. */
export class ProviderSettingsDto {
  @ApiProperty({ example: 'anthropic', description: "What an AI model's `provider` names" })
  id: string;

  @ApiProperty({ enum: ['openrouter', 'openai', 'anthropic', 'openai-compatible'] })
  kind: 'openrouter' | 'openai' | 'anthropic' | 'openai-compatible';

  @ApiProperty({
    example: 'https://api.anthropic.com',
    description:
      'From the environment (OPENROUTER_BASE_URL, OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OPENAI_COMPATIBLE_ENDPOINTS); read-only',
  })
  baseUrl: string;

  @ApiProperty({ example: true })
  apiKeySet: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'sk-ant-…abcd' })
  apiKeyHint: string | null;

  @ApiProperty({ example: true, description: 'false for OpenAI-compatible endpoints, which may need no key' })
  apiKeyRequired: boolean;
}

/** What the admin sees: whether a key is stored and how to recognise it, never the key. */
export class SettingsDto {
  @ApiProperty({ example: true })
  openrouterApiKeySet: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'sk-or-…abcd',
    description: 'Prefix and last four characters of the stored key; null when none is stored',
  })
  openrouterApiKeyHint: string | null;

  @FromEnv('OPENROUTER_BASE_URL', 'https://openrouter.ai/api/v1')
  openrouterBaseUrl: string;

  @ApiProperty({ type: [ProviderSettingsDto], description: 'Every configured provider, OpenRouter first' })
  providers: ProviderSettingsDto[];

  @FromEnv('STREAM_TIMEOUT_MS', 300000)
  streamTimeoutMs: number;

  @FromEnv('NO_CLIENT_TIMEOUT_MS', 300000)
  noClientTimeoutMs: number;

  @FromEnv('UPSTREAM_IDLE_TIMEOUT_MS', 60000)
  upstreamIdleTimeoutMs: number;

  @FromEnv('UPSTREAM_MAX_RETRIES', 2)
  upstreamMaxRetries: number;

  @FromEnv('HEARTBEAT_MS', 15000)
  heartbeatMs: number;

  @FromEnv('MAX_CONNECTIONS_PER_SESSION', 10)
  maxConnectionsPerSession: number;
}

@ValidatorConstraint({ name: 'apiKeyForm' })
class ApiKeyForm implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === undefined || value === null) return true; // @IsDefined says so, once
    return typeof value === 'string' && apiKeyFormProblem(value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return typeof args.value === 'string'
      ? (apiKeyFormProblem(args.value) ?? 'apiKey is invalid')
      : 'apiKey must be a string';
  }
}

export class SetOpenrouterApiKeyDto {
  @ApiProperty({
    example: 'sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    description:
      'An OpenRouter key: `sk-or-v1-` + 64 hex digits, or another `sk-` form of printable ASCII without whitespace',
    minLength: API_KEY_MIN_LENGTH,
    maxLength: API_KEY_MAX_LENGTH,
    pattern: '^sk-[\\x21-\\x7e]+$',
  })
  @IsDefined({ message: 'apiKey is required' })
  @Validate(ApiKeyForm)
  apiKey: string;
}

export class SetOpenrouterApiKeyQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: ask OpenRouter whether it accepts the key first, and store nothing if it does not',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'verify must be true or false' })
  verify?: 'true' | 'false';
}

/** `{apiKey}` for PUT /api/settings/providers/:provider/api-key; the provider's own form is checked by the service. */
export class SetProviderApiKeyDto {
  @ApiProperty({
    example: 'sk-ant-api03-…',
    description:
      "The provider's key: printable ASCII without whitespace, at most 512 characters (OpenRouter keys as for the openrouter route)",
    maxLength: API_KEY_MAX_LENGTH,
  })
  @IsDefined({ message: 'apiKey is required' })
  @IsString({ message: 'apiKey must be a string' })
  apiKey: string;
}

/** `:provider` in the settings and catalogue routes. */
export class ProviderParamDto {
  @ApiProperty({ example: 'anthropic', pattern: '^[a-z0-9-]+$' })
  @IsString()
  provider: string;
}
