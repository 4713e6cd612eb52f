// Talking to Hearth's /api from the page: JSON calls with the optional bearer token, and SSE
// responses read through fetch (EventSource cannot send an Authorization header).
import { createParser } from '/vendor/eventsource-parser.js';

const TOKEN_KEY = 'hearth.token';

/** A refusal from the server; `message` is its explanation in words, shown as is. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export function getToken() {
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

/** @param {string} token */
export function setToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** @returns {Record<string, string>} */
function authHeaders() {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * One JSON call. Non-2xx answers become ApiError with the server's `message`.
 * @template T
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<T>}
 */
export async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: { ...authHeaders(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check that Hearth is running and your network is up.');
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return /** @type {T} */ (undefined);
  return res.json();
}

/** A refusal as an ApiError with the server's words (also for the raw-body calls in card-import.js). @param {Response} res */
export async function errorOf(res) {
  const text = await res.text().catch(() => '');
  let message = text || `${res.status} ${res.statusText}`;
  try {
    const body = JSON.parse(text);
    if (body && body.message) message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
  } catch {
    // not JSON: keep the text
  }
  if (res.status === 401 || res.status === 403) message += ' (set the token under Settings)';
  return new ApiError(res.status, message);
}

/**
 * @typedef {{ type: string, streamId: string, id: string, offset: number, data?: string,
 *   userMessage?: { id: number, role: string, content: string, createdAt: string, chatSessionId: number },
 *   kind?: 'send' | 'regenerate' | 'continue', messageId?: number | null, variantIndex?: number,
 *   change?: 'edited' | 'deleted' | 'variant' | 'created', error?: string, code?: string, reason?: string,
 *   trimmedMessages?: number, promptTokens?: number }} StreamEvent
 *   (`messages_changed` notices have no id: their `id` is '' and `streamId` '')
 */

/**
 * A fresh Idempotency-Key for one user send. randomUUID needs a secure context (HTTPS or
 * localhost); a page served over plain HTTP on a LAN name falls back to getRandomValues.
 * @returns {string}
 */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Opens an SSE response and calls `onEvent` for each event until it ends. Resolves when the
 * server closes it; rejects on a refusal (ApiError) or a lost connection (TypeError).
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, lastEventId?: string, headers?: Record<string, string>, signal?: AbortSignal,
 *   onOpen?: () => void, onEvent: (e: StreamEvent) => void }} options
 */
export async function openStream(method, path, options) {
  const res = await fetch(path, {
    method,
    headers: {
      ...authHeaders(),
      accept: 'text/event-stream',
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    throw await errorOf(res);
  }
  options.onOpen?.();
  const parser = createParser({
    onEvent(message) {
      const id = message.id ?? '';
      const colon = id.lastIndexOf(':');
      const event = JSON.parse(message.data);
      event.id = id;
      event.offset = Number(id.slice(colon + 1)) || 0;
      event.streamId ??= id.slice(0, colon);
      options.onEvent(event);
    },
  });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  } finally {
    reader.releaseLock();
  }
}
