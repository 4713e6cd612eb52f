/** What FakeOpenRouter (./openrouter.ts) can be asked to do, and what it records of each request. */
import type { IncomingHttpHeaders } from 'node:http';

export const DEFAULT_REPLY_CHUNKS: readonly string[] = ['Hello', ' from', ' the fake', ' OpenRouter.'];
export const DEFAULT_REPLY = DEFAULT_REPLY_CHUNKS.join('');
export const DEFAULT_MODEL = 'openai/gpt-4o-mini';

/** A pause point the test opens. `reached` resolves when the server gets to it. */
export interface Hold {
  readonly reached: Promise<void>;
  readonly isReached: boolean;
  readonly isReleased: boolean;
  release(): void;
}

/** One step of a stream. A string is a text delta sent as one `chat.completion.chunk` event. */
export type StreamStep =
  | string
  | Hold
  | { waitMs: number }
  | { comment: string }
  /** A reasoning delta (`delta.reasoning`, as OpenRouter streams a thinking model's reasoning). */
  | { reasoning: string }
  /** Exact bytes, e.g. a malformed line or half an event; not JSON-encoded. */
  | { raw: string | Uint8Array };

export interface StreamScenario {
  /** Default DEFAULT_REPLY_CHUNKS. */
  chunks?: StreamStep[];
  /** Pause between TCP writes, ms. Default 0 (every event is still its own write). */
  delayMs?: number;
  /** Re-cut the bytes between pauses into writes of at most this many bytes. */
  writeBytes?: number;
  /** Send `: OPENROUTER PROCESSING` right after the headers, as OpenRouter does. Default true. */
  processingComment?: boolean;
  /** How the stream stops; see the header comment. Default 'done'. */
  end?: 'done' | 'error' | 'drop' | 'stall' | 'eof';
  /** finish_reason of the final chunk for end 'done'. Default 'stop'. */
  finishReason?: string;
  /** Usage reported in the last chunk; false sends no usage chunk. Default: made-up counts. */
  usage?: { promptTokens?: number; completionTokens?: number; cost?: number } | false;
  /** The error chunk for end 'error'. Default { code: 502, message: 'Provider returned error' }. */
  error?: { code?: number | string; message?: string };
  /** Wait before sending the response headers. */
  beforeHeaders?: Hold | { waitMs: number };
  /** Model reported in chunks. Default: the request's model. */
  model?: string;
  headers?: Record<string, string>;
}

export interface HttpErrorScenario {
  status: number;
  /** error.message in the body. Default: a message like OpenRouter's for that status. */
  message?: string;
  /** Retry-After header: seconds, or a string such as an HTTP date. */
  retryAfter?: number | string;
  /** retry-after-ms header. */
  retryAfterMs?: number;
  /** Replaces the whole JSON body. */
  body?: string;
  headers?: Record<string, string>;
  /** Wait before answering. */
  delayMs?: number;
}

export interface StallScenario {
  stall: 'before-headers';
}

export type FakeScenario = StreamScenario | HttpErrorScenario | StallScenario;
export type ScenarioFn = (request: RecordedRequest) => FakeScenario;

export type KeyScenario =
  | HttpErrorScenario
  | StallScenario
  /** 200 with these fields merged into the default `data`. */
  | { data: Record<string, unknown> };

export interface ChatCompletionBody {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  stream?: boolean;
  usage?: { include?: boolean };
  [field: string]: unknown;
}

export type ExchangeEnd = 'completed' | 'client-hung-up' | 'server-dropped';

export interface RecordedRequest {
  /** Position in fake.requests. */
  index: number;
  method: string;
  /** e.g. /api/v1/chat/completions */
  path: string;
  headers: IncomingHttpHeaders;
  authorization: string | undefined;
  /** The Bearer token, if any. */
  apiKey: string | undefined;
  rawBody: string;
  /** Parsed JSON body (undefined when the body is not JSON). */
  body: ChatCompletionBody | undefined;
  /** Date.now() when the whole request had arrived. */
  receivedAt: number;
  /** Date.now() when the exchange ended (set once `ended` resolves). */
  endedAt: number | undefined;
  /** True once the client closed the connection before the response ended. */
  clientHungUp: boolean;
  /** Resolves once the exchange is over, saying how. Never rejects. */
  ended: Promise<ExchangeEnd>;
}

/** One entry of GET /models, as OpenRouter lists it (OpenAI's list has only id, object, created, owned_by). */
export interface FakeModel {
  id: string;
  name?: string;
  context_length?: number;
  pricing?: { prompt: string; completion: string };
  [field: string]: unknown;
}

export const DEFAULT_MODELS: readonly FakeModel[] = [
  {
    id: 'openai/gpt-4o-mini',
    name: 'OpenAI: GPT-4o-mini',
    context_length: 128000,
    pricing: { prompt: '0.00000015', completion: '0.0000006' },
  },
  {
    id: 'deepseek/deepseek-r1',
    name: 'DeepSeek: R1',
    context_length: 163840,
    pricing: { prompt: '0.0000004', completion: '0.000002' },
  },
];

export interface FakeOpenRouterOptions {
  /** Keys accepted by /chat/completions and /key. Default: any non-empty Bearer token. */
  validKeys?: string[];
  /** Accept calls with no key at all, as a local OpenAI-compatible server does (kept across reset()). */
  keyless?: boolean;
  /** Scenario used when the queue is empty. Default: a short successful stream. */
  defaultScenario?: FakeScenario | ScenarioFn;
}
