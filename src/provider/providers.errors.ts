import { DomainError } from '../errors/domain-error';

export enum ProvidersErrorCode {
  /** The id names no configured provider. */
  UnknownProvider = 'unknown_provider',
  /** The provider needs a key and none is stored. */
  NoApiKey = 'no_api_key',
  /** The provider's model list could not be had (unreachable, 5xx, unreadable). */
  CatalogueUnavailable = 'catalogue_unavailable',
}

export class ProvidersDomainError extends DomainError<ProvidersErrorCode> {}

/** 404 naming the providers this server has. */
export class UnknownProviderError extends ProvidersDomainError {
  constructor(id: string, known: string) {
    super(ProvidersErrorCode.UnknownProvider, `No provider "${id}" is configured; the providers are: ${known}`);
  }
}

/** "No Anthropic API key is set: an admin must PUT /api/settings/providers/anthropic/api-key first". */
export function missingApiKeyMessage(id: string, label: string): string {
  return `No ${label} API key is set: an admin must PUT /api/settings/providers/${id}/api-key first`;
}
