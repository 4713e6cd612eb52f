import { Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HearthMetrics } from '../metrics/hearth-metrics';
import { AnthropicDialect } from './anthropic.dialect';
import { ChatCompletionsDialect } from './chat-completions.dialect';
import { DialectProvider } from './dialect.provider';
import {
  CatalogueModel,
  GenerationRequest,
  KeyCheckResult,
  LLMProvider,
  ProviderEvent,
  ProviderUnavailableError,
} from './llm-provider';
import { OpenRouterProvider } from './openrouter.provider';
import { configuredProviders, DEFAULT_PROVIDER, ProviderInfo } from './provider-registry';

/**
 * What LLM_PROVIDER is bound to: one DialectProvider per configured provider, each with its own
 * base URL and connection pool, picked by `GenerationRequest.provider` (default openrouter). A
 * request's key therefore only ever goes to the provider the request names.
 */
@Injectable()
export class ProviderRouter implements LLMProvider, OnApplicationShutdown {
  private readonly providers = new Map<string, DialectProvider>();

  constructor(config: AppConfig, @Optional() metrics?: HearthMetrics) {
    for (const info of configuredProviders(config)) this.providers.set(info.id, build(config, info, metrics));
  }

  stream(request: GenerationRequest, signal: AbortSignal): AsyncIterable<ProviderEvent> {
    const provider = this.providers.get(request.provider ?? DEFAULT_PROVIDER);
    if (!provider) return unknownProviderStream(request.provider ?? DEFAULT_PROVIDER);
    return provider.stream(request, signal);
  }

  verifyApiKey(apiKey: string, signal?: AbortSignal, provider = DEFAULT_PROVIDER): Promise<KeyCheckResult> {
    return this.get(provider).verifyApiKey(apiKey, signal);
  }

  /** @throws ProviderUnavailableError when the list cannot be had. */
  listModels(provider: string, apiKey: string, signal?: AbortSignal): Promise<CatalogueModel[]> {
    return this.get(provider).listModels(apiKey, signal);
  }

  onApplicationShutdown(): void {
    for (const provider of this.providers.values()) provider.onApplicationShutdown();
  }

  private get(id: string): DialectProvider {
    const provider = this.providers.get(id);
    if (!provider) throw new ProviderUnavailableError(`No provider "${id}" is configured.`);
    return provider;
  }
}

function build(config: AppConfig, info: ProviderInfo, metrics: HearthMetrics | undefined): DialectProvider {
  switch (info.kind) {
    case 'openrouter':
      return new OpenRouterProvider(config, metrics);
    case 'anthropic':
      return new DialectProvider(config, info.baseUrl, new AnthropicDialect(), metrics);
    case 'openai':
    case 'openai-compatible':
      return new DialectProvider(config, info.baseUrl, new ChatCompletionsDialect(info.label, info.kind), metrics);
  }
}

/** A provider id no configuration defines (a model saved before its endpoint was removed): one error part. */
// eslint-disable-next-line @typescript-eslint/require-await -- one part known up front; the interface is async
async function* unknownProviderStream(id: string): AsyncIterable<ProviderEvent> {
  yield {
    type: 'error',
    code: 'upstream_error',
    message: `No provider "${id}" is configured on this server (OPENAI_COMPATIBLE_ENDPOINTS may have changed).`,
    isRetryable: false,
  };
}
