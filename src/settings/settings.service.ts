import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DecryptionError, EncryptionService } from '../crypto/encryption.service';
import { KeyCheckResult, LLM_PROVIDER, LLMProvider, ProviderUnavailableError } from '../provider/llm-provider';
import { configuredProviders, findProvider, knownProviderIds, ProviderInfo } from '../provider/provider-registry';
import { missingApiKeyMessage, UnknownProviderError } from '../provider/providers.errors';
import { apiKeyHint, providerApiKeyFormProblem, withoutSecret } from './api-key-form';
import { SettingsRepository } from './settings.repository';
import { ProviderSettingsDto, SettingsDto } from './settings.dto';
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

function assertApiKeyForm(apiKey: string, provider = 'openrouter'): void {
  const problem = providerApiKeyFormProblem(provider, apiKey);
  if (problem !== undefined) throw new SettingsDomainError(SettingsErrorCode.KeyMalformed, problem);
}

/**
 * Application settings: one API key per provider, stored only as a Fernet token. A key leaves this
 * service decrypted only through apiKeyFromToken()/getApiKey(); nothing here logs or returns it.
 * The openrouter-named methods are the same key as provider `openrouter` (the original route).
 */
@Injectable()
export class SettingsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Settings');
  /**
   * Per provider, the last token decrypted and its plaintext, so a send does not run Fernet each
   * time. Keyed by the token itself, which every send reads from the database: a key another
   * instance stored (a new token) is decrypted afresh at once, with no TTL to wait out. PUT and
   * DELETE clear it.
   */
  private readonly decrypted = new Map<string, { token: string; apiKey: string }>();

  constructor(
    private readonly settings: SettingsRepository,
    private readonly encryption: EncryptionService,
    private readonly config: AppConfig,
    @Inject(LLM_PROVIDER) private readonly provider: LLMProvider,
  ) {}

  /**
   * The configured provider with this id.
   * @throws UnknownProviderError (404, naming the known ones) otherwise.
   */
  providerInfo(provider: string): ProviderInfo {
    const info = findProvider(this.config, provider);
    if (!info) throw new UnknownProviderError(provider, knownProviderIds(this.config));
    return info;
  }

  /** Whether `provider` names a provider this server configures. */
  isConfigured(provider: string): boolean {
    return findProvider(this.config, provider) !== undefined;
  }

  /** Whether a generation with this provider needs a stored key (OpenAI-compatible endpoints do not). */
  apiKeyRequired(provider: string): boolean {
    return this.providerInfo(provider).keyRequired;
  }

  /** The refusal when `provider` needs a key and none is stored, naming the provider and the route. */
  missingApiKeyMessage(provider: string): string {
    return missingApiKeyMessage(provider, this.providerInfo(provider).label);
  }

  /**
   * The decrypted key, or null if none is stored.
   * @throws StoredApiKeyUnreadableError (409, names ENCRYPTION_KEY) if no configured key opens it.
   */
  async getApiKey(provider: string): Promise<string | null> {
    return this.apiKeyFromToken(provider, await this.settings.findApiKeyToken(provider));
  }

  async getOpenrouterApiKey(): Promise<string | null> {
    return this.getApiKey('openrouter');
  }

  /**
   * The key in a stored token (as SettingsRepository or storedApiKeyTokenSql() reads it), or null for none.
   * @throws StoredApiKeyUnreadableError (409) if no configured key opens it.
   */
  apiKeyFromToken(provider: string, token: string | null): string | null {
    if (token === null) return null;
    const cached = this.decrypted.get(provider);
    if (cached?.token === token) return cached.apiKey;
    const apiKey = this.decrypt(token, findProvider(this.config, provider)?.label ?? provider);
    this.decrypted.set(provider, { token, apiKey });
    return apiKey;
  }

  openrouterApiKeyFromToken(token: string | null): string | null {
    return this.apiKeyFromToken('openrouter', token);
  }

  /** The token whose key apiKeyFromToken() has at hand for `provider` (a non-empty one), or null. */
  openedApiKeyToken(provider = 'openrouter'): string | null {
    const cached = this.decrypted.get(provider);
    return cached?.apiKey ? cached.token : null;
  }

  /**
   * Every token whose (non-empty) key this instance has at hand, across providers: for a send
   * statement that learns the model's provider in the same round trip (`= ANY($n::text[])`).
   * Fernet tokens carry a random IV, so one provider's token never equals another's.
   */
  openedApiKeyTokens(): string[] {
    return [...this.decrypted.values()].filter((d) => d.apiKey !== '').map((d) => d.token);
  }

  /**
   * Encrypts and stores the key, replacing any earlier one.
   * @throws SettingsDomainError (KeyMalformed, 400) if it does not look like an API key (see api-key-form.ts).
   */
  async setApiKey(provider: string, apiKey: string): Promise<void> {
    const { label } = this.providerInfo(provider);
    assertApiKeyForm(apiKey, provider);
    this.decrypted.delete(provider);
    await this.settings.saveApiKeyToken(this.encryption.encryptApiKey(apiKey), provider);
    this.logger.log(`${label} API key stored (encrypted)`);
  }

  async setOpenrouterApiKey(apiKey: string): Promise<void> {
    return this.setApiKey('openrouter', apiKey);
  }

  /** Removes the key; a no-op when none is stored. */
  async deleteApiKey(provider: string): Promise<void> {
    const { label } = this.providerInfo(provider);
    this.decrypted.delete(provider);
    if (await this.settings.deleteApiKeyToken(provider)) this.logger.log(`${label} API key removed`);
  }

  async deleteOpenrouterApiKey(): Promise<void> {
    return this.deleteApiKey('openrouter');
  }

  async getSettings(): Promise<SettingsDto> {
    const tokens = await this.settings.findAllApiKeyTokens();
    const providers: ProviderSettingsDto[] = configuredProviders(this.config).map((p) => {
      const apiKey = this.apiKeyFromToken(p.id, tokens.get(p.id) ?? null);
      return {
        id: p.id,
        kind: p.kind,
        baseUrl: p.baseUrl,
        apiKeySet: apiKey !== null,
        apiKeyHint: apiKey === null ? null : apiKeyHint(apiKey),
        apiKeyRequired: p.keyRequired,
      };
    });
    const openrouter = providers[0];
    const c = this.config;
    return {
      openrouterApiKeySet: openrouter.apiKeySet,
      openrouterApiKeyHint: openrouter.apiKeyHint,
      openrouterBaseUrl: c.openrouterBaseUrl,
      providers,
      streamTimeoutMs: c.streamTimeoutMs,
      noClientTimeoutMs: c.noClientTimeoutMs,
      upstreamIdleTimeoutMs: c.upstreamIdleTimeoutMs,
      upstreamMaxRetries: c.upstreamMaxRetries,
      heartbeatMs: c.heartbeatMs,
      maxConnectionsPerSession: c.maxConnectionsPerSession,
    };
  }

  /** PUT: optionally asks the provider first; stores nothing unless every check passes. */
  async replaceApiKey(provider: string, apiKey: string, options: { verify: boolean }): Promise<SettingsDto> {
    this.providerInfo(provider); // 404 before anything else
    assertApiKeyForm(apiKey, provider); // before asking the provider about something that cannot be a key
    if (options.verify) await this.verifyWithProvider(provider, apiKey);
    await this.setApiKey(provider, apiKey);
    return this.getSettings();
  }

  async replaceOpenrouterApiKey(apiKey: string, options: { verify: boolean }): Promise<SettingsDto> {
    return this.replaceApiKey('openrouter', apiKey, options);
  }

  async removeApiKey(provider: string): Promise<SettingsDto> {
    await this.deleteApiKey(provider);
    return this.getSettings();
  }

  async removeOpenrouterApiKey(): Promise<SettingsDto> {
    return this.removeApiKey('openrouter');
  }

  /**
   * Finishes a key rotation: a token still under an older ENCRYPTION_KEY is re-encrypted under
   * the first one, so the old key can later be dropped without re-entering the API key. The
   * update only applies if the row is unchanged, so it cannot undo a concurrent PUT.
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const [provider, stored] of await this.settings.findAllApiKeyTokens()) {
      const label = findProvider(this.config, provider)?.label ?? provider;
      let rotate: boolean;
      try {
        rotate = this.encryption.needsRotation(stored);
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
        this.logger.warn(new StoredApiKeyUnreadableError(label).message);
        continue;
      }
      if (!rotate) continue;
      const token = this.encryption.encryptApiKey(this.encryption.decryptApiKey(stored));
      if (await this.settings.replaceApiKeyToken(stored, token, provider))
        this.logger.log(`Re-encrypted the stored ${label} API key under the first ENCRYPTION_KEY`);
    }
  }

  private decrypt(token: string, label: string): string {
    try {
      return this.encryption.decryptApiKey(token);
    } catch (err) {
      if (err instanceof DecryptionError) throw new StoredApiKeyUnreadableError(label);
      throw err;
    }
  }

  private async verifyWithProvider(provider: string, apiKey: string): Promise<void> {
    const { label } = this.providerInfo(provider);
    const timeoutMs = Math.min(this.config.upstreamIdleTimeoutMs, VERIFY_TIMEOUT_CAP_MS);
    const signal = AbortSignal.timeout(timeoutMs);
    let result: KeyCheckResult;
    try {
      result = await this.provider.verifyApiKey(apiKey, signal, provider);
    } catch (err) {
      // Only ProviderUnavailableError promises a message fit to show; anything else stays generic.
      const why =
        err instanceof ProviderUnavailableError
          ? withoutSecret(err.message, apiKey)
          : signal.aborted
            ? `${label} did not answer within ${timeoutMs} ms; the key was not checked`
            : `${label} could not be asked; the key was not checked`;
      throw new ApiKeyVerificationUnavailableError(why);
    }
    if (!result.valid) throw new ApiKeyRejectedError(withoutSecret(result.reason, apiKey));
  }
}
