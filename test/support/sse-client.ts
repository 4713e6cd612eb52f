import { createParser, EventSourceMessage } from 'eventsource-parser';

export interface ReceivedEvent {
  id: string | undefined;
  type: string;
  data: Record<string, unknown> & { type: string };
}

const TERMINAL = new Set(['done', 'error', 'cancelled']);

/**
 * A test SSE client over fetch: opens a POST send-message or a GET stream, parses with
 * eventsource-parser, and keeps every event and comment it receives.
 */
export class SseClient {
  readonly events: ReceivedEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  headers: Headers | undefined;
  /** Body of a non-SSE answer (an error), parsed. */
  errorBody: unknown;
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];
  /** Resolves when the server ends the response (or the client aborts). */
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private ended = false;

  private constructor() {
    this.closed = new Promise((r) => (this.resolveClosed = r));
  }

  static async open(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const client = new SseClient();
    await client.start(url, init);
    return client;
  }

  private async start(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> }) {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'text/event-stream',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: this.controller.signal,
    });
    this.status = res.status;
    this.headers = res.headers;
    if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
      const text = await res.text();
      try {
        this.errorBody = JSON.parse(text);
      } catch {
        this.errorBody = text;
      }
      this.finish();
      return;
    }
    const parser = createParser({
      onEvent: (msg: EventSourceMessage) => {
        const data = JSON.parse(msg.data) as ReceivedEvent['data'];
        this.events.push({ id: msg.id, type: data.type, data });
        this.wake();
      },
      onComment: (c) => {
        this.comments.push(c.trim());
        this.wake();
      },
    });
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          parser.feed(decoder.decode(chunk, { stream: true }));
        }
      } catch {
        /* aborted by the test or the server went away */
      }
      this.finish();
    })();
  }

  private finish(): void {
    this.ended = true;
    this.resolveClosed();
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** Waits for an event matching `predicate` (searching from event `from`). */
  async waitFor(predicate: (e: ReceivedEvent) => boolean, timeoutMs = 10_000, from = 0): Promise<ReceivedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(predicate);
      if (found) return found;
      if (this.ended) throw new Error(`stream closed without the awaited event; got ${this.describe()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for an event; got ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  waitForType(type: string, timeoutMs?: number): Promise<ReceivedEvent> {
    return this.waitFor((e) => e.type === type, timeoutMs);
  }

  /** Waits for the first done/error/cancelled. */
  waitForEnd(timeoutMs?: number): Promise<ReceivedEvent> {
    return this.waitFor((e) => TERMINAL.has(e.type), timeoutMs);
  }

  /** Text of every content event, joined. */
  get text(): string {
    return this.events
      .filter((e) => e.type === 'content')
      .map((e) => e.data.data as string)
      .join('');
  }

  /** The streamId the first event (the stream's `start`) announced. */
  get streamId(): string {
    const id = this.events.at(0)?.data.streamId;
    if (typeof id !== 'string') throw new Error(`the first event carries no streamId: ${this.describe()}`);
    return id;
  }

  get terminalEvents(): ReceivedEvent[] {
    return this.events.filter((e) => TERMINAL.has(e.type));
  }

  describe(): string {
    return JSON.stringify(this.events.map((e) => e.data));
  }

  close(): void {
    this.controller.abort();
  }
}
