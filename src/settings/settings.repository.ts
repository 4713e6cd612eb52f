import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApplicationSettingEntity } from './application-setting.entity';

/** The application_settings row holding the OpenRouter key, as a Fernet token. */
export const OPENROUTER_API_KEY_SETTING = 'openrouter_api_key';

/**
 * The stored token as a scalar subquery, for a statement that needs the key along with other rows
 * (a send reads it with its chat session: one round trip). Hand its value to
 * SettingsService.openrouterApiKeyFromToken().
 */
export const STORED_API_KEY_TOKEN_SQL = `(SELECT value FROM application_settings WHERE key = '${OPENROUTER_API_KEY_SETTING}')`;

/** The stored settings; today only the OpenRouter key's token. Holds tokens, never a plaintext key. */
@Injectable()
export class SettingsRepository {
  constructor(
    @InjectRepository(ApplicationSettingEntity) private readonly settings: Repository<ApplicationSettingEntity>,
  ) {}

  /** The stored key's Fernet token, or null for none. */
  async findApiKeyToken(): Promise<string | null> {
    const row = await this.settings.findOneBy({ key: OPENROUTER_API_KEY_SETTING });
    return row?.value ?? null;
  }

  /** Stores the token, replacing any earlier one. */
  async saveApiKeyToken(token: string): Promise<void> {
    await this.settings.upsert({ key: OPENROUTER_API_KEY_SETTING, value: token }, ['key']);
  }

  /** False when there was nothing to delete. */
  async deleteApiKeyToken(): Promise<boolean> {
    const { affected } = await this.settings.delete({ key: OPENROUTER_API_KEY_SETTING });
    return !!affected;
  }

  /** Replaces the token only if it is still `expected` (no concurrent write came first); false otherwise. */
  async replaceApiKeyToken(expected: string, token: string): Promise<boolean> {
    const { affected } = await this.settings.update(
      { key: OPENROUTER_API_KEY_SETTING, value: expected },
      { value: token },
    );
    return !!affected;
  }
}
