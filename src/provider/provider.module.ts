import { Module } from '@nestjs/common';
import { LLM_PROVIDER } from './llm-provider';
import { ProviderRouter } from './provider-router';
import { MetricsModule } from '../metrics/metrics.module';

/**
 * Binds LLM_PROVIDER to the ProviderRouter (one dialect per configured provider). Consumers inject
 * `@Inject(LLM_PROVIDER) provider: LLMProvider`; tests replace it with overrideProvider(LLM_PROVIDER).
 * ProviderRouter itself is exported too, for what only it does (the model catalogue).
 */
@Module({
  imports: [MetricsModule],
  providers: [ProviderRouter, { provide: LLM_PROVIDER, useExisting: ProviderRouter }],
  exports: [LLM_PROVIDER, ProviderRouter],
})
export class ProviderModule {}
