import { Module } from '@nestjs/common';
import { LLM_PROVIDER } from './llm-provider';
import { OpenRouterProvider } from './openrouter.provider';
import { MetricsModule } from '../metrics/metrics.module';

/**
 * Binds LLM_PROVIDER to OpenRouter. Consumers inject `@Inject(LLM_PROVIDER) provider: LLMProvider`;
 * tests or another backend replace it with overrideProvider(LLM_PROVIDER).
 */
@Module({
  imports: [MetricsModule],
  providers: [{ provide: LLM_PROVIDER, useClass: OpenRouterProvider }],
  exports: [LLM_PROVIDER],
})
export class ProviderModule {}
