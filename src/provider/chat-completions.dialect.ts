import type { OutgoingHttpHeaders } from 'node:http';
import { interpretStreamData } from './chat-completions-chunk';
import type { Dialect, DialectOutput, DialectStreamReader } from './dialect';
import type { CatalogueModel, GenerationRequest } from './llm-provider';
import { ChatCompletionsFlavour, chatCompletionsParameters, reasoningExcluded } from './parameter-mapping';
import { httpErrorPart, midStreamErrorPart, upstreamErrorMessage } from './provider-errors';

/**
 * The OpenAI chat-completions API, streamed: OpenRouter, OpenAI and every OpenAI-compatible
 * server (Ollama, llama.cpp's server, vLLM, LM Studio). The flavour decides the few parameters
 * that differ (parameter-mapping.ts) and OpenRouter's extras (usage accounting, attribution).
 */
export class ChatCompletionsDialect implements Dialect {
  readonly keyCheckPath: string;
  readonly modelsPath = '/models';

  constructor(
    readonly label: string,
    private readonly flavour: ChatCompletionsFlavour,
  ) {
    // OpenRouter's /key says whose key it is; elsewhere the model list is the cheapest authenticated GET.
    this.keyCheckPath = flavour === 'openrouter' ? '/key' : '/models';
  }

  streamRequest(request: GenerationRequest): { path: string; body: unknown } {
    const { model, messages } = request;
    const body: Record<string, unknown> = {
      model,
      messages,
      ...chatCompletionsParameters(request.parameters ?? {}, this.flavour),
      stream: true,
    };
    // OpenRouter reports tokens and cost with `usage.include`; OpenAI and most compatible servers with stream_options.
    if (this.flavour === 'openrouter') body.usage = { include: true };
    else body.stream_options = { include_usage: true };
    return { path: '/chat/completions', body };
  }

  headers(apiKey: string): OutgoingHttpHeaders {
    return apiKey === '' ? {} : { authorization: `Bearer ${apiKey}` };
  }

  newReader(request: GenerationRequest): DialectStreamReader {
    const exclude = reasoningExcluded(request.parameters);
    const label = this.label;
    return {
      read({ data }): DialectOutput[] {
        const parsed = interpretStreamData(data);
        if (parsed.kind === 'done') return [{ kind: 'done' }];
        if (parsed.kind === 'error') return [{ kind: 'error', part: midStreamErrorPart(parsed.error, label) }];
        if (parsed.kind === 'malformed') return [parsed];
        const out: DialectOutput[] = [];
        if (parsed.reasoning !== undefined && !exclude) out.push({ kind: 'reasoning', text: parsed.reasoning });
        if (parsed.text !== '') out.push({ kind: 'text', text: parsed.text });
        if (parsed.usage) out.push({ kind: 'usage', usage: parsed.usage });
        if (parsed.finishReason !== null) out.push({ kind: 'finish-reason', reason: parsed.finishReason });
        return out;
      },
    };
  }

  nonStreamError(body: string): ReturnType<Dialect['nonStreamError']> {
    const data = interpretStreamData(body);
    if (data.kind !== 'error') return undefined;
    const code = data.error.code;
    return typeof code === 'number' && code >= 400 && code < 600
      ? httpErrorPart(code, upstreamErrorMessage(body), undefined, this.label)
      : midStreamErrorPart(data.error, this.label);
  }

  keyDetails(body: string): { label?: string; limitRemaining?: number | null } {
    return this.flavour === 'openrouter' ? openRouterKeyDetails(body) : {};
  }

  parseModels(body: string): CatalogueModel[] {
    const data = (JSON.parse(body) as { data?: unknown }).data;
    if (!Array.isArray(data)) throw new Error('no data array');
    return data.flatMap((raw: unknown): CatalogueModel[] => {
      if (!raw || typeof raw !== 'object') return [];
      const m = raw as Record<string, unknown>;
      if (typeof m.id !== 'string') return [];
      const model: CatalogueModel = { id: m.id, name: typeof m.name === 'string' ? m.name : m.id };
      if (typeof m.context_length === 'number') model.contextLength = m.context_length;
      const pricing = m.pricing as Record<string, unknown> | undefined;
      if (pricing && typeof pricing === 'object') {
        const p: NonNullable<CatalogueModel['pricing']> = {};
        if (typeof pricing.prompt === 'string') p.prompt = pricing.prompt;
        if (typeof pricing.completion === 'string') p.completion = pricing.completion;
        if (p.prompt !== undefined || p.completion !== undefined) model.pricing = p;
      }
      return [model];
    });
  }
}

/** label and limit_remaining from OpenRouter's GET /key `{"data":{…}}`; absent fields stay absent. */
function openRouterKeyDetails(body: string): { label?: string; limitRemaining?: number | null } {
  let data: unknown;
  try {
    data = (JSON.parse(body) as { data?: unknown }).data;
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object') return {};
  const details: { label?: string; limitRemaining?: number | null } = {};
  if ('label' in data && typeof data.label === 'string') details.label = data.label;
  if ('limit_remaining' in data && (typeof data.limit_remaining === 'number' || data.limit_remaining === null)) {
    details.limitRemaining = data.limit_remaining;
  }
  return details;
}
