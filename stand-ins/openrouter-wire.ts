/** OpenRouter's bytes on the wire, as FakeOpenRouter writes them: JSON bodies, errors, SSE chunks, usage. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_MODEL, HttpErrorScenario, RecordedRequest, StreamScenario } from './openrouter-scenarios';

export const PROVIDER_ERROR = 'Provider returned error';

const DEFAULT_ERROR_MESSAGES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'User not found.',
  402: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
  403: 'Your chosen model requires moderation and your input was flagged',
  404: 'Not Found',
  408: 'Request timed out',
  429: 'Rate limit exceeded: free-models-per-min',
  500: 'Internal Server Error',
  502: PROVIDER_ERROR,
  503: 'No available model provider that meets your routing requirements',
};

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendError(res: ServerResponse, s: HttpErrorScenario): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...s.headers };
  if (s.retryAfter !== undefined) headers['retry-after'] = String(s.retryAfter);
  if (s.retryAfterMs !== undefined) headers['retry-after-ms'] = String(s.retryAfterMs);
  if (s.body !== undefined) {
    res.writeHead(s.status, { 'content-type': 'application/json', ...headers });
    res.end(s.body);
    return;
  }
  const message = s.message ?? DEFAULT_ERROR_MESSAGES[s.status] ?? `Error ${s.status}`;
  sendJson(res, s.status, { error: { code: s.status, message } }, headers);
}

export function sse(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

let generationCounter = 0;

/** Builds chat.completion.chunk objects sharing one id, as OpenRouter does within a generation. */
export function chunkFactory(record: RecordedRequest, model: string | undefined) {
  const id = `gen-${Date.now()}-${++generationCounter}`;
  const created = Math.floor(Date.now() / 1000);
  const modelId = model ?? record.body?.model ?? DEFAULT_MODEL;
  return (choice: Record<string, unknown> | null, extra: Record<string, unknown> = {}) => ({
    id,
    provider: 'FakeProvider',
    model: modelId,
    object: 'chat.completion.chunk',
    created,
    choices: choice
      ? [{ index: 0, ...choice, native_finish_reason: choice.finish_reason ?? null, logprobs: null }]
      : [],
    ...extra,
  });
}

export function usageFor(
  record: RecordedRequest,
  chunks: number,
  text: string,
  given: StreamScenario['usage'] | undefined,
): { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost: number } {
  // The body is parsed JSON, never checked: a message's content may be missing or not a string.
  const promptChars = (record.body?.messages ?? []).reduce((n, m) => {
    const content: unknown = m.content;
    if (typeof content === 'string') return n + content.length;
    return n + (content === undefined || content === null ? 0 : JSON.stringify(content).length);
  }, 0);
  const prompt = given ? (given.promptTokens ?? Math.ceil(promptChars / 4)) : Math.ceil(promptChars / 4);
  const completion = given
    ? (given.completionTokens ?? Math.max(chunks, Math.ceil(text.length / 4)))
    : Math.max(chunks, Math.ceil(text.length / 4));
  const cost = given && given.cost !== undefined ? given.cost : Number(((prompt + completion) * 1e-6).toFixed(8));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, cost };
}

export function keyData(key: string | undefined): Record<string, unknown> {
  const k = key ?? '';
  return {
    label: k.length > 15 ? `${k.slice(0, 12)}...${k.slice(-3)}` : 'fake-key',
    limit: null,
    limit_remaining: null,
    limit_reset: null,
    usage: 0,
    usage_daily: 0,
    is_free_tier: false,
    is_provisioning_key: false,
  };
}
