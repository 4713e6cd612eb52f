import { STATUS_CODES, type ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Slow clients: a body trickled in at one byte a second used to hold its socket for as long as
 * the client liked (Fastify turns Node's request timeout off). REQUEST_TIMEOUT_MS now bounds the
 * time to *receive* a request, headers and body; Node stops counting once the request is in, so
 * a long response (an SSE stream) is never cut by it.
 */
export interface RequestTimeoutOptions {
  requestTimeout: number;
  http: ServerOptions;
}

export function requestTimeoutOptions(requestTimeoutMs: number): RequestTimeoutOptions {
  return {
    requestTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      // Node requires headersTimeout <= requestTimeout; slow headers get the same budget.
      headersTimeout: requestTimeoutMs,
      // Node checks for expired requests on this interval (30 s by default, which would let a
      // 30 s timeout run to a minute); a check walks only the connections still sending.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 4))),
    },
  };
}

interface ClientError extends Error {
  code?: string;
}

/** What a client whose request never finished arriving reads: the contract's error shape. */
export function clientErrorResponse(err: ClientError, requestTimeoutMs: number): string {
  let status: number;
  let message: string;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    message = `The request was not received in full within ${requestTimeoutMs} ms (REQUEST_TIMEOUT_MS)`;
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    message = 'The request headers are too large';
  } else {
    status = 400;
    message = 'The request is not valid HTTP';
  }
  const body = JSON.stringify({ statusCode: status, message, error: STATUS_CODES[status] });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** Fastify's `clientErrorHandler`: answers in JSON when the socket can still take it, then closes it. */
export function clientErrorHandler(requestTimeoutMs: number): (err: ClientError, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    // As Node does: never a second head on a response that has begun (e.g. a stream).
    const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !response?.headersSent) socket.write(clientErrorResponse(err, requestTimeoutMs));
    socket.destroy();
  };
}
