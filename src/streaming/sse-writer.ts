import type { ServerResponse } from 'node:http';
import type { Subscription } from 'rxjs';
import type { HubConnection } from './stream-hub';
import { HEARTBEAT_FRAME } from './sse-framing';

/** A client that lets this much pile up unread is gone in all but name: drop it. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx and similar proxies would otherwise hold events back.
  'x-accel-buffering': 'no',
} as const;

export interface SseWriterOptions {
  heartbeatMs: number;
  /** Headers already decided for the response (CORS, security headers). */
  headers?: Record<string, string | number | string[] | undefined>;
}

/**
 * Writes a hub connection's frames to one HTTP response: the frames' pre-serialised text as is,
 * heartbeat comments while idle, writes coalesced per tick and held back while the socket
 * drains. Closing either side closes the other.
 */
export class SseWriter {
  private pending = '';
  private subscription: Subscription | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private finished = false;
  /** The frames ended while output was still waiting for the socket: end once drained. */
  private endRequested = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly connection: HubConnection,
    private readonly options: SseWriterOptions,
  ) {}

  /** Sends the head and starts relaying; resolves when the response has ended. */
  run(): Promise<void> {
    return new Promise<void>((resolve) => {
      const res = this.res;
      const headers: Record<string, string | number | string[]> = {};
      for (const [k, v] of Object.entries(this.options.headers ?? {})) if (v !== undefined) headers[k] = v;
      delete headers['content-length'];
      res.writeHead(200, { ...headers, ...SSE_HEADERS });
      res.flushHeaders();
      res.on('close', () => {
        this.finish();
        resolve();
      });
      res.on('drain', () => this.flushPending());
      this.heartbeat = setInterval(() => this.write(HEARTBEAT_FRAME), this.options.heartbeatMs);
      this.heartbeat.unref();
      this.subscription = this.connection.frames.subscribe({
        next: (frame) => this.write(frame.wire),
        error: () => this.end(),
        complete: () => this.end(),
      });
    });
  }

  private write(text: string): void {
    const res = this.res;
    if (this.finished || res.writableEnded || res.destroyed) return;
    if (res.writableNeedDrain || this.pending) {
      this.pending += text;
      if (this.pending.length > MAX_PENDING_BYTES) res.destroy();
      return;
    }
    // Node corks the socket for the rest of the tick on a response's first write: frames
    // published in the same tick leave in one TCP write.
    res.write(text);
  }

  private flushPending(): void {
    if (!this.pending || this.res.destroyed) return;
    const text = this.pending;
    this.pending = '';
    this.res.write(text);
    if (this.endRequested && !this.pending) this.res.end();
  }

  private end(): void {
    this.endRequested = true;
    if (this.pending) return; // ends once drained
    if (!this.res.writableEnded) this.res.end();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.subscription?.unsubscribe();
    this.connection.close();
  }
}
