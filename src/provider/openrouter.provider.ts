import { Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HearthMetrics } from '../metrics/hearth-metrics';
import { ChatCompletionsDialect } from './chat-completions.dialect';
import { DialectProvider } from './dialect.provider';

/** OpenRouter: the chat-completions dialect at OPENROUTER_BASE_URL, with its attribution headers. */
@Injectable()
export class OpenRouterProvider extends DialectProvider implements OnApplicationShutdown {
  constructor(
    config: AppConfig,
    // Optional: the provider tests build it by hand without one.
    @Optional() metrics?: HearthMetrics,
  ) {
    super(config, config.openrouterBaseUrl, new ChatCompletionsDialect('OpenRouter', 'openrouter'), metrics, {
      // OpenRouter ranks apps by these. User-agent as fetch sent it.
      ...(config.openrouterReferer ? { 'HTTP-Referer': config.openrouterReferer } : {}),
      'X-Title': config.openrouterTitle,
      'user-agent': 'node',
    });
  }
}
