import { Injectable } from '@nestjs/common';
import { CatalogueModel, ProviderUnavailableError } from '../provider/llm-provider';
import { ProviderRouter } from '../provider/provider-router';
import { ProvidersDomainError, ProvidersErrorCode } from '../provider/providers.errors';
import { SettingsService } from '../settings/settings.service';
import { TtlCache } from './catalogue-cache';

/**
 * How long a provider's model list is kept: lists change a few times a week, and a picker that
 * asks on every keystroke must not cost a round trip (OpenRouter's list is megabytes).
 */
export const CATALOGUE_TTL_MS = 10 * 60 * 1000;

/** GET /api/providers/:provider/models: the provider's own list, cached per provider and key. */
@Injectable()
export class ProvidersCatalogueService {
  private readonly cache = new TtlCache<CatalogueModel[]>(CATALOGUE_TTL_MS);

  constructor(
    private readonly router: ProviderRouter,
    private readonly settings: SettingsService,
  ) {}

  /**
   * @throws UnknownProviderError (404), ProvidersDomainError NoApiKey (400) when the provider needs
   *   a key for its list and none is stored, CatalogueUnavailable (502) when the list cannot be had.
   */
  async models(provider: string): Promise<CatalogueModel[]> {
    const info = this.settings.providerInfo(provider);
    const apiKey = (await this.settings.getApiKey(provider)) ?? '';
    // OpenRouter's list is public; OpenAI's and Anthropic's need the key.
    if (apiKey === '' && info.keyRequired && info.kind !== 'openrouter') {
      throw new ProvidersDomainError(ProvidersErrorCode.NoApiKey, this.settings.missingApiKeyMessage(provider));
    }
    // Keyed by the key too: a list fetched with one account's key is not another's.
    const cacheKey = `${provider}\u0000${apiKey}`;
    try {
      return await this.cache.get(cacheKey, () => this.router.listModels(provider, apiKey));
    } catch (err) {
      if (err instanceof ProviderUnavailableError) {
        throw new ProvidersDomainError(
          ProvidersErrorCode.CatalogueUnavailable,
          `The ${info.label} model list could not be fetched: ${err.message}`,
        );
      }
      throw err;
    }
  }
}
