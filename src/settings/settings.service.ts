import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DecryptionError, EncryptionService } from '../crypto/encryption.service';
import { KeyCheckResult, LLM_PROVIDER, LLMProvider, ProviderUnavailableError } from '../provider/llm-provider';
import { apiKeyFormProblem, apiKeyHint, withoutSecret } from './api-key-form';
import { SettingsRepository } from './settings.repository';
import { SettingsDto } from './settings.dto';
import {
  ApiKeyRejectedError,
  ApiKeyVerificationUnavailableError,
  SettingsDomainError,
  SettingsErrorCode,
  StoredApiKeyUnreadableError,
} from './settings.errors';

// Where callers (and tests) have always imported the setting's name from.
export { OPENROUTER_API_KEY_SETTING } from './settings.repository';

/** A person is waiting on the settings form: do not make them wait for the full upstream idle timeout. */
const VERIFY_TIMEOUT_CAP_MS = 15_000;

function assertApiKeyForm(apiKey: string): void {
  const problem = apiKeyFormProblem(apiKey);
  if (problem !== undefined) throw new SettingsDomainError(SettingsErrorCode.KeyMalformed, problem);
}

/**
 * Application settings. The OpenRouter API key is stored only as a Fernet token and leaves this
 * service decrypted only through getOpenrouterApiKey(); nothing here logs or returns it.
 */
@Injectable()
export class SettingsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Settings');
  /**
   * The last token decrypted and its plaintext, so a send does not run Fernet each time. Keyed by
   * the token itself, which every send reads from the database: a key another instance stored
   * (a new token) is decrypted afresh at once, with no TTL to wait out. PUT and DELETE clear it.
   */
  private decrypted: { token: string; apiKey: string } | null = null;

  constructor(
    private readonly settings: SettingsRepository,
    private readonly encryption: EncryptionService,
    private readonly config: AppConfig,
    @Inject(LLM_PROVIDER) private readonly provider: LLMProvider,
  ) {}

  /**
   * The decrypted key, or null if none is stored.
   * @throws StoredApiKeyUnreadableError (409, names ENCRYPTION_KEY) if no configured key opens it.
   */
  async getOpenrouterApiKey(): Promise<string | null> {
    return this.openrouterApiKeyFromToken(await this.settings.findApiKeyToken());
  }

  /**
   * The key in a stored token (as SettingsRepository or STORED_API_KEY_TOKEN_SQL reads it), or null for none.
   * @throws StoredApiKeyUnreadableError (409) if no configured key opens it.
   */
  openrouterApiKeyFromToken(token: string | null): string | null {
    if (token === null) return null;
    if (this.decrypted?.token === token) return this.decrypted.apiKey;
    const apiKey = this.decrypt(token);
    this.decrypted = { token, apiKey };
    return apiKey;
  }

  /** The token whose key openrouterApiKeyFromToken() has at hand (a non-empty one), or null. */
  openedApiKeyToken(): string | null {
    return this.decrypted?.apiKey ? this.decrypted.token : null;
  }

  /**
   * Encrypts and stores the key, replacing any earlier one.
   * @throws SettingsDomainError (KeyMalformed, 400) if it does not look like an API key (see api-key-form.ts).
   */
  async setOpenrouterApiKey(apiKey: string): Promise<void> {
    assertApiKeyForm(apiKey);
    this.decrypted = null;
    await this.settings.saveApiKeyToken(this.encryption.encryptApiKey(apiKey));
    this.logger.log('OpenRouter API key stored (encrypted)');
  }

  /** Removes the key; a no-op when none is stored. */
  async deleteOpenrouterApiKey(): Promise<void> {
    this.decrypted = null;
    if (await this.settings.deleteApiKeyToken()) this.logger.log('OpenRouter API key removed');
  }

  async getSettings(): Promise<SettingsDto> {
    const apiKey = await this.getOpenrouterApiKey();
    const c = this.config;
    return {
      openrouterApiKeySet: apiKey !== null,
      openrouterApiKeyHint: apiKey === null ? null : apiKeyHint(apiKey),
      openrouterBaseUrl: c.openrouterBaseUrl,
      streamTimeoutMs: c.streamTimeoutMs,
      noClientTimeoutMs: c.noClientTimeoutMs,
      upstreamIdleTimeoutMs: c.upstreamIdleTimeoutMs,
      upstreamMaxRetries: c.upstreamMaxRetries,
      heartbeatMs: c.heartbeatMs,
      maxConnectionsPerSession: c.maxConnectionsPerSession,
    };
  }

  /** PUT: optionally asks the provider first; stores nothing unless every check passes. */
  async replaceOpenrouterApiKey(apiKey: string, options: { verify: boolean }): Promise<SettingsDto> {
    assertApiKeyForm(apiKey); // before asking the provider about something that cannot be a key
    if (options.verify) await this.verifyWithProvider(apiKey);
    await this.setOpenrouterApiKey(apiKey);
    return this.getSettings();
  }

  async removeOpenrouterApiKey(): Promise<SettingsDto> {
    await this.deleteOpenrouterApiKey();
    return this.getSettings();
  }

  /**
   * Finishes a key rotation: a token still under an older ENCRYPTION_KEY is re-encrypted under
   * the first one, so the old key can later be dropped without re-entering the API key. The
   * update only applies if the row is unchanged, so it cannot undo a concurrent PUT.
   */
  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.settings.findApiKeyToken();
    if (stored === null) return;
    let rotate: boolean;
    try {
      rotate = this.encryption.needsRotation(stored);
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      this.logger.warn(new StoredApiKeyUnreadableError().message);
      return;
    }
    if (!rotate) return;
    const token = this.encryption.encryptApiKey(this.encryption.decryptApiKey(stored));
    if (await this.settings.replaceApiKeyToken(stored, token))
      this.logger.log('Re-encrypted the stored OpenRouter API key under the first ENCRYPTION_KEY');
  }

  private decrypt(token: string): string {
    try {
      return this.encryption.decryptApiKey(token);
    } catch (err) {
      if (err instanceof DecryptionError) throw new StoredApiKeyUnreadableError();
      throw err;
    }
  }

  private async verifyWithProvider(apiKey: string): Promise<void> {
    const timeoutMs = Math.min(this.config.upstreamIdleTimeoutMs, VERIFY_TIMEOUT_CAP_MS);
    const signal = AbortSignal.timeout(timeoutMs);
    let result: KeyCheckResult;
    try {
      result = await this.provider.verifyApiKey(apiKey, signal);
    } catch (err) {
      // Only ProviderUnavailableError promises a message fit to show; anything else stays generic.
      const why =
        err instanceof ProviderUnavailableError
          ? withoutSecret(err.message, apiKey)
          : signal.aborted
            ? `OpenRouter did not answer within ${timeoutMs} ms; the key was not checked`
            : 'OpenRouter could not be asked; the key was not checked';
      throw new ApiKeyVerificationUnavailableError(why);
    }
    if (!result.valid) throw new ApiKeyRejectedError(withoutSecret(result.reason, apiKey));
  }
}
