import type { AppConfig } from '../config/app-config';

/** How a provider is spoken to; `openai-compatible` is every OPENAI_COMPATIBLE_ENDPOINTS entry. */
export type ProviderKind = 'openrouter' | 'openai' | 'anthropic' | 'openai-compatible';

export interface ProviderInfo {
  /** What ai_models.provider and the routes name it by. */
  id: string;
  kind: ProviderKind;
  /** Named in messages ("No Anthropic API key is set"). */
  label: string;
  /** From the environment only: never settable through the API (that would be a request forgery hole). */
  baseUrl: string;
  /** A generation refuses to start without a stored key; local OpenAI-compatible servers often need none. */
  keyRequired: boolean;
}

export const DEFAULT_PROVIDER = 'openrouter';

/** Every provider this instance can use, from its configuration: the three built in, then the compatible endpoints. */
export function configuredProviders(config: AppConfig): ProviderInfo[] {
  return [
    { id: 'openrouter', kind: 'openrouter', label: 'OpenRouter', baseUrl: config.openrouterBaseUrl, keyRequired: true },
    { id: 'openai', kind: 'openai', label: 'OpenAI', baseUrl: config.openaiBaseUrl, keyRequired: true },
    { id: 'anthropic', kind: 'anthropic', label: 'Anthropic', baseUrl: config.anthropicBaseUrl, keyRequired: true },
    ...config.openaiCompatibleEndpoints.map(({ name, url }): ProviderInfo => ({
      id: name,
      kind: 'openai-compatible',
      label: name,
      baseUrl: url,
      keyRequired: false,
    })),
  ];
}

/** The provider with this id, or undefined. */
export function findProvider(config: AppConfig, id: string): ProviderInfo | undefined {
  return configuredProviders(config).find((p) => p.id === id);
}

/** "openrouter, openai, anthropic, ollama": for messages that name the known providers. */
export function knownProviderIds(config: AppConfig): string {
  return configuredProviders(config)
    .map((p) => p.id)
    .join(', ');
}
