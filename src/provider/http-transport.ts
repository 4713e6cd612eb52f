import { Logger } from '@nestjs/common';
import {
  Agent as HttpAgent,
  ClientRequest,
  IncomingMessage,
  OutgoingHttpHeaders,
  request as httpRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { AppConfig } from '../config/app-config';
import { HearthMetrics } from '../metrics/hearth-metrics';

/** Error bodies and small JSON answers are read up to this size. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** A model list is read up to this size (OpenRouter's is a few MB). */
export const MAX_LIST_BODY_BYTES = 32 * 1024 * 1024;

export class IdleTimeout extends Error {}

/**
 * Connections to one provider base URL: a keep-alive agent (no TCP/TLS handshake per call) and
 * requests opened under it. One per configured provider, so a key never travels to another host.
 */
export class HttpTransport {
  private readonly https: boolean;
  private readonly agent: HttpAgent;

  constructor(
    readonly baseUrl: string,
    readonly config: AppConfig,
    readonly logger: Logger,
    readonly metrics: HearthMetrics | undefined,
    private readonly fixedHeaders: OutgoingHttpHeaders = {},
  ) {
    this.https = new URL(baseUrl).protocol === 'https:';
    this.agent = this.https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  open(path: string, method: string, headers: OutgoingHttpHeaders): ClientRequest {
    const url = new URL(`${this.baseUrl}${path}`);
    const options = { method, headers: { ...headers, ...this.fixedHeaders }, agent: this.agent };
    return this.https ? httpsRequest(url, options) : httpRequest(url, options);
  }

  /** A GET whose answer is read whole (up to `maxBytes`) under the idle timeout. */
  getText(
    path: string,
    headers: OutgoingHttpHeaders,
    signal: AbortSignal | undefined,
    maxBytes = MAX_ERROR_BODY_BYTES,
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = this.open(path, 'GET', headers);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy();
      }, this.config.upstreamIdleTimeoutMs);
      const onAbort = (): void => void req.destroy();
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (error: Error | undefined, answer?: { status: number; body: string }): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (answer && !error) resolve(answer);
        else reject(timedOut ? new IdleTimeout() : (error ?? new Error('No answer from the provider.')));
      };
      req.on('error', (err) => settle(err));
      req.on('response', (res) => {
        timer.refresh();
        readLimitedText(
          res,
          () => timer.refresh(),
          (body, error) => settle(error, { status: res.statusCode ?? 0, body }),
          maxBytes,
        );
      });
      req.end();
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}

/**
 * A body as text, at most `maxBytes` (then the connection is closed). `done` is called once,
 * with the text read and the error if the body broke off.
 */
export function readLimitedText(
  res: IncomingMessage,
  onRead: () => void,
  done: (text: string, error?: Error) => void,
  maxBytes = MAX_ERROR_BODY_BYTES,
): void {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let bytes = 0;
  let over = false;
  const finish = (error?: Error): void => {
    if (over) return;
    over = true;
    done(text, error);
  };
  res.on('data', (chunk: Buffer) => {
    if (over) return;
    onRead();
    bytes += chunk.length;
    text += decoder.write(chunk);
    if (bytes >= maxBytes) {
      finish();
      res.destroy();
    }
  });
  res.on('end', () => {
    if (!over) text += decoder.end();
    finish();
  });
  res.on('error', (err) => finish(err));
  res.on('close', () => finish(new Error('The response closed before its end.')));
}

/** Response headers as parseRetryAfterMs reads them. */
export function headerReader(res: IncomingMessage): { get(name: string): string | null } {
  return {
    get: (name) => {
      const value = res.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    },
  };
}
