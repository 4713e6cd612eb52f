import { Agent, ClientRequest, IncomingMessage, request } from 'node:http';
import { REQUEST_STAMP } from './stamp';

/** Monotonic now in ns as a plain number (exact for ~100 days of uptime). */
export function nowNsNumber(): number {
  return Number(process.hrtime.bigint());
}

export interface ReaderOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  agent: Agent;
  /** Called for every stamped chunk: when the stand-in wrote it, and when this reader got it (ns). */
  onSample?(sentNs: number, receivedNs: number): void;
}

export interface ReaderResult {
  status: number;
  /** When the request was handed to the socket layer (ns). */
  startedNs: number;
  /** When the first stamped chunk arrived here, its send stamp, and the stand-in's request-arrival stamp. */
  firstReceivedNs: number | null;
  firstSentNs: number | null;
  requestArrivedNs: number | null;
  /** `done`, `error`, `cancelled` (Hearth), `[DONE]` (direct), or null if the stream just ended. */
  terminal: string | null;
  /** The error text of an `error` event or a failed request. */
  error: string | null;
  endedNs: number;
  /** Heartbeat comments (`: ping`) received. */
  pings: number;
}

const STAMP_RE = /@@(\d{16})@@/g;
const TERMINAL_RE = /"type":"(done|error|cancelled)"/;

/**
 * One SSE response read with the raw http client (cheaper than fetch for thousands of readers):
 * events are cut at blank lines and only scanned for stamps and terminal types, never JSON-parsed,
 * so the client's cost per chunk stays small and the same for Hearth's events and OpenRouter's.
 */
export class SseReader {
  /** Resolves with the status once the response head is in (or 0 if the request failed first). */
  readonly head: Promise<number>;
  readonly done: Promise<ReaderResult>;
  /** Resolves once a terminal event has arrived, or the response is over. */
  readonly terminal: Promise<void>;
  /** Resolves once the first stamped chunk has arrived, or the response is over. */
  readonly first: Promise<void>;
  private resolveFirst!: () => void;
  private resolveHead!: (status: number) => void;
  private resolveTerminal!: () => void;
  private resolveDone!: (r: ReaderResult) => void;
  private response: IncomingMessage | null = null;
  private buffer = '';
  private readonly result: ReaderResult;
  private readonly req: ClientRequest;
  private settled = false;

  constructor(private readonly options: ReaderOptions) {
    this.head = new Promise((resolve) => (this.resolveHead = resolve));
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.terminal = new Promise((resolve) => (this.resolveTerminal = resolve));
    this.first = new Promise((resolve) => (this.resolveFirst = resolve));
    this.result = {
      status: 0,
      startedNs: nowNsNumber(),
      firstReceivedNs: null,
      firstSentNs: null,
      requestArrivedNs: null,
      terminal: null,
      error: null,
      endedNs: 0,
      pings: 0,
    };
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(options.body));
    }
    this.req = request(options.url, { method: options.method ?? 'GET', headers, agent: options.agent }, (res) => {
      this.response = res;
      this.result.status = res.statusCode ?? 0;
      this.resolveHead(this.result.status);
      res.setEncoding('latin1');
      res.on('data', (text: string) => this.onData(text));
      res.on('end', () => this.finish());
      res.on('close', () => this.finish());
      res.on('error', (err) => this.fail(err.message));
    });
    this.req.on('error', (err) => this.fail(err.message));
    this.req.setNoDelay(true);
    this.req.end(options.body);
  }

  /** What has been read so far (the result object, still being filled in). */
  get progress(): Readonly<ReaderResult> {
    return this.result;
  }

  /** Hangs up (a tab closing). */
  close(): void {
    this.req.destroy();
    this.response?.destroy();
    this.finish();
  }

  private onData(text: string): void {
    const received = nowNsNumber();
    this.buffer += text;
    const cut = this.buffer.lastIndexOf('\n\n');
    if (cut < 0) return;
    const events = this.buffer.slice(0, cut);
    this.buffer = this.buffer.slice(cut + 2);
    if (events.startsWith(': ping')) this.result.pings++;
    STAMP_RE.lastIndex = 0;
    for (let m = STAMP_RE.exec(events); m; m = STAMP_RE.exec(events)) {
      const sent = Number(m[1]);
      if (this.result.firstReceivedNs === null) {
        this.result.firstReceivedNs = received;
        this.result.firstSentNs = sent;
        const r = REQUEST_STAMP.exec(events);
        if (r) this.result.requestArrivedNs = Number(r[1]);
        this.resolveFirst();
      }
      this.options.onSample?.(sent, received);
    }
    if (this.result.terminal === null) {
      const t = TERMINAL_RE.exec(events);
      if (t) {
        this.result.terminal = t[1];
        if (t[1] === 'error') this.result.error = /"error":"([^"]*)"/.exec(events)?.[1] ?? 'error';
      } else if (events.includes('data: [DONE]')) this.result.terminal = '[DONE]';
      if (this.result.terminal !== null) this.resolveTerminal();
    }
  }

  private fail(message: string): void {
    if (this.result.error === null) this.result.error = message;
    this.resolveHead(0);
    this.finish();
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    this.result.endedNs = nowNsNumber();
    this.resolveHead(this.result.status);
    this.resolveTerminal();
    this.resolveFirst();
    this.resolveDone(this.result);
  }
}
