/** How FakeOpenRouter plays a scenario out on one exchange: holds, waits, writes and how it ends. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DEFAULT_REPLY_CHUNKS,
  ExchangeEnd,
  FakeScenario,
  Hold,
  HttpErrorScenario,
  RecordedRequest,
  StreamScenario,
} from './openrouter-scenarios';
import { PROVIDER_ERROR, chunkFactory, sendError, sendJson, sse, usageFor } from './openrouter-wire';

export class FakeHold implements Hold {
  isReached = false;
  isReleased = false;
  readonly reached: Promise<void>;
  readonly released: Promise<void>;
  private markReached!: () => void;
  private markReleased!: () => void;

  constructor() {
    this.reached = new Promise((resolve) => (this.markReached = resolve));
    this.released = new Promise((resolve) => (this.markReleased = resolve));
  }

  arrive(): void {
    this.isReached = true;
    this.markReached();
  }

  release(): void {
    this.isReleased = true;
    this.markReleased();
  }
}

/** Per-exchange state the scenario runner checks between steps. */
export interface Exchange {
  record: RecordedRequest;
  req: IncomingMessage;
  res: ServerResponse;
  /** True once the exchange is over (it changes while playback awaits, hence a method). */
  isOver(): boolean;
  /** Resolves when the exchange is over for any reason; lets waits end at once. */
  overSignal: Promise<void>;
  finish(how: ExchangeEnd): void;
  /** True once the fake was closed after this exchange began: its playback stops. */
  stale(): boolean;
}

type Action = { write: Buffer } | { waitMs: number } | { hold: FakeHold };

/** Plays `scenario` out as the answer to a POST /chat/completions. */
export async function runCompletion(ex: Exchange, scenario: FakeScenario, drop: () => void): Promise<void> {
  if ('stall' in scenario) return;
  if ('status' in scenario) return runHttpError(ex, scenario);
  // As OpenAI-style APIs do, only an explicit `stream: true` streams.
  if (ex.record.body?.stream !== true) return runJsonCompletion(ex, scenario, drop);
  return runStream(ex, scenario, drop);
}

export async function runHttpError(ex: Exchange, scenario: HttpErrorScenario): Promise<void> {
  if (scenario.delayMs) await pause(ex, { waitMs: scenario.delayMs });
  if (!ex.isOver()) sendError(ex.res, scenario);
}

async function runStream(ex: Exchange, s: StreamScenario, drop: () => void): Promise<void> {
  if (s.beforeHeaders) await pause(ex, s.beforeHeaders);
  if (ex.isOver() || ex.stale()) return;
  ex.res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    ...s.headers,
  });
  ex.res.flushHeaders();

  const chunk = chunkFactory(ex.record, s.model);
  const events: Action[] = [];
  const writeText = (text: string | Uint8Array): void => {
    events.push({ write: Buffer.from(text) });
  };
  if (s.processingComment !== false) writeText(': OPENROUTER PROCESSING\n\n');
  let completionChunks = 0;
  let text = '';
  for (const step of s.chunks ?? DEFAULT_REPLY_CHUNKS) {
    if (typeof step === 'string') {
      completionChunks++;
      text += step;
      writeText(sse(chunk({ delta: { role: 'assistant', content: step }, finish_reason: null })));
    } else if (step instanceof FakeHold) events.push({ hold: step });
    else if ('waitMs' in step) events.push({ waitMs: step.waitMs });
    else if ('comment' in step) writeText(`: ${step.comment}\n\n`);
    else if ('reasoning' in step) {
      writeText(
        sse(chunk({ delta: { role: 'assistant', content: '', reasoning: step.reasoning }, finish_reason: null })),
      );
    } else if ('raw' in step) writeText(step.raw);
  }
  const end = s.end ?? 'done';
  if (end === 'done') {
    const finishReason = s.finishReason ?? 'stop';
    writeText(sse(chunk({ delta: { role: 'assistant', content: '' }, finish_reason: finishReason })));
    if (s.usage !== false) writeText(sse(chunk(null, { usage: usageFor(ex.record, completionChunks, text, s.usage) })));
    writeText('data: [DONE]\n\n');
  } else if (end === 'error') {
    const error = { code: s.error?.code ?? 502, message: s.error?.message ?? PROVIDER_ERROR };
    writeText(sse(chunk({ delta: { content: '' }, finish_reason: 'error' }, { error })));
  }

  const actions = s.writeBytes ? recut(events, s.writeBytes) : events;
  let first = true;
  let flushed = Promise.resolve();
  for (const action of actions) {
    if (ex.isOver() || ex.stale()) return;
    if ('write' in action) {
      if (!first && s.delayMs) await pause(ex, { waitMs: s.delayMs });
      if (ex.isOver()) return;
      flushed = new Promise((resolve) => ex.res.write(action.write, () => resolve()));
      first = false;
    } else await pause(ex, 'hold' in action ? action.hold : action);
  }
  if (ex.isOver()) return;
  // What was written reaches the client before the socket goes, as with a real dropped connection.
  if (end === 'drop') await flushed;
  if (end === 'drop') drop();
  else if (end !== 'stall') ex.res.end();
}

/** Not streaming: the same script, answered as one JSON completion once it has played out. */
async function runJsonCompletion(ex: Exchange, s: StreamScenario, drop: () => void): Promise<void> {
  if (s.beforeHeaders) await pause(ex, s.beforeHeaders);
  let text = '';
  for (const step of s.chunks ?? DEFAULT_REPLY_CHUNKS) {
    if (ex.isOver()) return;
    if (typeof step === 'string') text += step;
    else if (step instanceof FakeHold || 'waitMs' in step) await pause(ex, step);
  }
  if (ex.isOver()) return;
  const end = s.end ?? 'done';
  if (end === 'drop') {
    drop();
    return;
  }
  if (end === 'stall') return;
  if (end === 'error') {
    const code = typeof s.error?.code === 'number' && s.error.code >= 400 ? s.error.code : 502;
    sendError(ex.res, { status: code, message: s.error?.message });
    return;
  }
  const make = chunkFactory(ex.record, s.model);
  const base = make(null);
  sendJson(ex.res, 200, {
    ...base,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        logprobs: null,
        finish_reason: end === 'eof' ? null : (s.finishReason ?? 'stop'),
        native_finish_reason: end === 'eof' ? null : (s.finishReason ?? 'stop'),
        message: { role: 'assistant', content: text, refusal: null, reasoning: null },
      },
    ],
    ...(s.usage !== false ? { usage: usageFor(ex.record, text.length > 0 ? 1 : 0, text, s.usage) } : {}),
  });
}

/** Waits for a hold or a delay, ending early if the exchange or the fake is closed. */
async function pause(ex: Exchange, what: Hold | { waitMs: number }): Promise<void> {
  if (what instanceof FakeHold) {
    what.arrive();
    await Promise.race([what.released, ex.overSignal]);
    return;
  }
  const ms = 'waitMs' in what ? what.waitMs : 0;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), ex.overSignal]);
  clearTimeout(timer);
}

/** Concatenates the writes between pauses and cuts them into pieces of at most `size` bytes. */
function recut(actions: Action[], size: number): Action[] {
  const out: Action[] = [];
  let pending: Buffer[] = [];
  const flush = (): void => {
    const all = Buffer.concat(pending);
    for (let i = 0; i < all.length; i += size) out.push({ write: all.subarray(i, i + size) });
    pending = [];
  };
  for (const action of actions) {
    if ('write' in action) pending.push(action.write);
    else {
      flush();
      out.push(action);
    }
  }
  flush();
  return out;
}
