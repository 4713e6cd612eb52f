import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HearthMetrics } from '../metrics/hearth-metrics';
import type { Dialect } from './dialect';
import { HttpTransport, IdleTimeout, MAX_LIST_BODY_BYTES } from './http-transport';
import {
  CatalogueModel,
  GenerationRequest,
  KeyCheckResult,
  LLMProvider,
  ProviderEvent,
  ProviderUnavailableError,
} from './llm-provider';
import { networkErrorCode, scrubSecrets, upstreamErrorMessage } from './provider-errors';
import { TransportStream } from './transport-stream';

/** One configured provider: its dialect over its own transport (base URL and connection pool). */
export class DialectProvider implements LLMProvider {
  protected readonly transport: HttpTransport;

  constructor(
    protected readonly config: AppConfig,
    baseUrl: string,
    readonly dialect: Dialect,
    metrics?: HearthMetrics,
    fixedHeaders = {},
  ) {
    this.transport = new HttpTransport(baseUrl, config, new Logger(`Provider ${dialect.label}`), metrics, fixedHeaders);
  }

  stream(request: GenerationRequest, signal: AbortSignal): AsyncIterable<ProviderEvent> {
    return new TransportStream(this.transport, this.dialect, request, signal).parts;
  }

  /** Rejects with the signal's reason (an AbortError) when `signal` aborts. */
  async verifyApiKey(apiKey: string, signal?: AbortSignal): Promise<KeyCheckResult> {
    const label = this.dialect.label;
    const { status, body } = await this.get(this.dialect.keyCheckPath, apiKey, signal, 'the key was not checked');
    const upstream = upstreamErrorMessage(body);
    const detail = upstream ? `: ${upstream}` : '';
    if (status === 401 || status === 403) {
      return { valid: false, reason: scrubSecrets(`${label} rejected the key (${status}${detail})`, [apiKey]) };
    }
    if (status < 200 || status > 299) {
      throw new ProviderUnavailableError(
        scrubSecrets(`${label} answered ${status}${detail}; the key was not checked.`, [apiKey]),
        status,
      );
    }
    return { valid: true, ...this.dialect.keyDetails(body) };
  }

  /**
   * The provider's model list.
   * @throws ProviderUnavailableError (message safe to show) when it cannot be had.
   */
  async listModels(apiKey: string, signal?: AbortSignal): Promise<CatalogueModel[]> {
    const label = this.dialect.label;
    const { status, body } = await this.get(
      this.dialect.modelsPath,
      apiKey,
      signal,
      'no model list',
      MAX_LIST_BODY_BYTES,
    );
    if (status < 200 || status > 299) {
      const upstream = upstreamErrorMessage(body);
      throw new ProviderUnavailableError(
        scrubSecrets(`${label} answered ${status}${upstream ? `: ${upstream}` : ''} to the model list request.`, [
          apiKey,
        ]),
        status,
      );
    }
    try {
      return this.dialect.parseModels(body);
    } catch {
      throw new ProviderUnavailableError(`${label} sent a model list Hearth cannot read.`);
    }
  }

  onApplicationShutdown(): void {
    this.transport.destroy();
  }

  private async get(
    path: string,
    apiKey: string,
    signal: AbortSignal | undefined,
    consequence: string,
    maxBytes?: number,
  ): Promise<{ status: number; body: string }> {
    signal?.throwIfAborted();
    try {
      return await this.transport.getText(path, this.dialect.headers(apiKey), signal, maxBytes);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      const code = networkErrorCode(err);
      const reason =
        err instanceof IdleTimeout
          ? `did not answer within ${this.config.upstreamIdleTimeoutMs} ms`
          : `could not be reached${code ? ` (${code})` : ''}`;
      throw new ProviderUnavailableError(`${this.dialect.label} ${reason}; ${consequence}.`);
    }
  }
}
