/**
 * A dialect is what differs between provider APIs: the request, the headers, how each SSE event
 * reads, the key check and the model list. Everything else (connections, retries, Retry-After,
 * idle timeout, abort, backpressure, key scrubbing) is the shared transport's (transport-stream.ts),
 * the way the Vercel AI SDK separates providers from its model interface.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { CatalogueModel, GenerationRequest, KeyCheckResult, ProviderUsage } from './llm-provider';
import type { ProviderErrorPart } from './provider-errors';

/** What one SSE event means to the transport. */
export type DialectOutput =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  | { kind: 'usage'; usage: ProviderUsage }
  /** The finish reason is known; the reply is complete once the body ends (or `done` comes). */
  | { kind: 'finish-reason'; reason: string | null }
  /** The stream says it is complete. */
  | { kind: 'done' }
  /** The provider reported an error inside the stream; nothing more of this call is read. */
  | { kind: 'error'; part: ProviderErrorPart }
  /** Data that cannot be read: the reply ends with upstream_error rather than being saved short. */
  | { kind: 'malformed'; what: string };

/** Reads one call's events in order; a new reader per call (retries start afresh). */
export interface DialectStreamReader {
  read(event: { event?: string; data: string }): DialectOutput[];
}

export interface Dialect {
  /** Named in every message a user sees ("Anthropic rejected the API key"). */
  readonly label: string;
  /** Path under the base URL and the JSON body of a streamed generation. */
  streamRequest(request: GenerationRequest): { path: string; body: unknown };
  /** Authentication and fixed headers; an empty key sends no credentials (keyless local servers). */
  headers(apiKey: string): OutgoingHttpHeaders;
  newReader(request: GenerationRequest): DialectStreamReader;
  /**
   * A 2xx answer that is not an event stream (an error JSON sent with 200): the error part if it
   * is one, undefined otherwise.
   */
  nonStreamError(body: string): ProviderErrorPart | undefined;
  /** GET path that answers 2xx for an accepted key and 401/403 for a refused one. */
  readonly keyCheckPath: string;
  /** Details of an accepted key from the key check's body (OpenRouter's label and limit). */
  keyDetails(body: string): Omit<Extract<KeyCheckResult, { valid: true }>, 'valid'>;
  /** GET path of the model list. */
  readonly modelsPath: string;
  /** The model list's body as catalogue entries; throws if it is not the expected shape. */
  parseModels(body: string): CatalogueModel[];
}
