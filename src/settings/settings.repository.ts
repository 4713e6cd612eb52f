import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApplicationSettingEntity } from './application-setting.entity';

/** The application_settings row holding the OpenRouter key, as a Fernet token. */
export const OPENROUTER_API_KEY_SETTING = 'openrouter_api_key';

/**
 * The row holding a provider's key: `<provider>_api_key` (so OpenRouter's is the row it always
 * was). Provider ids are `[a-z0-9-]+`, so no id can reach another row's name.
 */
export function apiKeySettingName(provider: string): string {
  return `${provider}_api_key`;
}

/**
 * The stored token as a scalar subquery, for a statement that needs the key along with other rows
 * (a send reads it with its chat session: one round trip). Hand its value to
 * SettingsService.openrouterApiKeyFromToken().
 */
export const STORED_API_KEY_TOKEN_SQL = `(SELECT value FROM application_settings WHERE key = '${OPENROUTER_API_KEY_SETTING}')`;

/**
 * As STORED_API_KEY_TOKEN_SQL, for the provider named by a SQL expression (e.g. `m.provider`, the
 * model's column): the token of that provider's key, or NULL. Hand its value, with the provider
 * id, to SettingsService.apiKeyFromToken(provider, token). `providerSql` must be trusted SQL (a
 * column name), never user input.
 */
export function storedApiKeyTokenSql(providerSql: string): string {
  return `(SELECT value FROM application_settings WHERE key = ${providerSql} || '_api_key')`;
}

/** The stored settings: the providers' keys, as Fernet tokens. Holds tokens, never a plaintext key. */
@Injectable()
export class SettingsRepository {
  constructor(
    @InjectRepository(ApplicationSettingEntity) private readonly settings: Repository<ApplicationSettingEntity>,
  ) {}

  /** The stored key's Fernet token, or null for none. */
  async findApiKeyToken(provider = 'openrouter'): Promise<string | null> {
    const row = await this.settings.findOneBy({ key: apiKeySettingName(provider) });
    return row?.value ?? null;
  }

  /** Every stored key token by provider id (for the settings view and key rotation). */
  async findAllApiKeyTokens(): Promise<Map<string, string>> {
    const rows = await this.settings.find();
    const tokens = new Map<string, string>();
    for (const row of rows) {
      const match = /^([a-z0-9-]+)_api_key$/.exec(row.key);
      if (match) tokens.set(match[1], row.value);
    }
    return tokens;
  }

  /** Stores the token, replacing any earlier one. */
  async saveApiKeyToken(token: string, provider = 'openrouter'): Promise<void> {
    await this.settings.upsert({ key: apiKeySettingName(provider), value: token }, ['key']);
  }

  /** False when there was nothing to delete. */
  async deleteApiKeyToken(provider = 'openrouter'): Promise<boolean> {
    const { affected } = await this.settings.delete({ key: apiKeySettingName(provider) });
    return !!affected;
  }

  /** Replaces the token only if it is still `expected` (no concurrent write came first); false otherwise. */
  async replaceApiKeyToken(expected: string, token: string, provider = 'openrouter'): Promise<boolean> {
    const { affected } = await this.settings.update(
      { key: apiKeySettingName(provider), value: expected },
      { value: token },
    );
    return !!affected;
  }
}
