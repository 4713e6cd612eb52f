import type { ProviderErrorCode, ProviderEvent } from './llm-provider';
import { isRetryableStatus } from './retry-policy';

/** The error part a provider stream ends with. */
export type ProviderErrorPart = Extract<ProviderEvent, { type: 'error' }>;

/** Upstream text quoted in a user-facing message is cut to this length. */
const MAX_QUOTED_LENGTH = 300;
const REDACTED = '[redacted]';

/** Named in messages when no provider is given (the functions were OpenRouter's first). */
const DEFAULT_PROVIDER = 'OpenRouter';

/** HTTP status of a failed provider call → the contract's error code (Anthropic's 529 "overloaded" is upstream_error). */
export function errorCodeForStatus(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return 'upstream_auth';
  if (status === 402) return 'insufficient_credits';
  if (status === 429) return 'rate_limited';
  return 'upstream_error';
}

/**
 * Pulls `error.message` out of OpenRouter's error body `{"error":{"code":N,"message":"…"}}`;
 * for a body that is not that shape, its first line of text (proxies answer with HTML or plain text).
 */
export function upstreamErrorMessage(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const text = body.trim();
    return text === '' || text.startsWith('<') ? undefined : text.split('\n')[0];
  }
  if (parsed && typeof parsed === 'object' && 'error' in parsed) {
    const error = parsed.error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string')
      return error.message;
  }
  return undefined;
}

/** A failed response (non-2xx) as the error part the user sees. */
export function httpErrorPart(
  status: number,
  upstreamMessage: string | undefined,
  retryAfterMs?: number,
  provider = DEFAULT_PROVIDER,
): ProviderErrorPart {
  const code = errorCodeForStatus(status);
  const detail = quote(status, upstreamMessage);
  let message: string;
  if (status === 401) message = `${provider} rejected the API key${detail}. Check the key in the settings.`;
  else if (status === 403) message = `${provider} refused the request${detail}.`;
  else if (status === 402) message = `The ${provider} account has too few credits for this request${detail}.`;
  else if (status === 429) {
    const wait =
      retryAfterMs !== undefined
        ? ` Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`
        : ' Try again shortly.';
    message = `${provider} is rate limiting requests${detail}.${wait}`;
  } else if (status === 529) message = `${provider} is overloaded${detail}. Try again shortly.`;
  else message = `${provider} returned an error${detail}.`;
  return {
    type: 'error',
    code,
    message,
    isRetryable: isRetryableStatus(status),
    status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** An error chunk inside a stream: `{"error":{"code":…,"message":…},"choices":[{"finish_reason":"error"}]}`. */
export function midStreamErrorPart(
  error: { code?: unknown; message?: unknown },
  provider = DEFAULT_PROVIDER,
): ProviderErrorPart {
  const status = typeof error.code === 'number' ? error.code : undefined;
  const label = status ?? (typeof error.code === 'string' ? error.code : undefined);
  const text = typeof error.message === 'string' ? error.message : undefined;
  return {
    type: 'error',
    code: 'upstream_error',
    message: `${provider} reported an error during the reply${quote(label, text)}.`,
    isRetryable: status === undefined || isRetryableStatus(status),
    ...(status !== undefined ? { status } : {}),
  };
}

export function idleTimeoutPart(idleTimeoutMs: number, provider = DEFAULT_PROVIDER): ProviderErrorPart {
  return {
    type: 'error',
    code: 'timeout',
    message: `${provider} sent nothing for ${formatDuration(idleTimeoutMs)}, so the request was abandoned.`,
    isRetryable: true,
  };
}

export function droppedConnectionPart(provider = DEFAULT_PROVIDER): ProviderErrorPart {
  return {
    type: 'error',
    code: 'upstream_error',
    message: `The connection to ${provider} closed before the reply was complete.`,
    isRetryable: true,
  };
}

/** The request failed before any response: refused, reset, DNS, TLS. `cause` is the request's error. */
export function connectionErrorPart(cause: unknown, provider = DEFAULT_PROVIDER): ProviderErrorPart {
  const reason = networkErrorCode(cause);
  return {
    type: 'error',
    code: 'upstream_error',
    message: `Could not reach ${provider}${reason ? ` (${reason})` : ''}.`,
    isRetryable: true,
  };
}

export function unexpectedResponsePart(what: string, provider = DEFAULT_PROVIDER): ProviderErrorPart {
  return { type: 'error', code: 'upstream_error', message: `${provider} sent ${what}.`, isRetryable: true };
}

/**
 * The stream carried data Hearth cannot read (not JSON, an unknown shape): the reply may be
 * missing a piece, so it ends here. Retryable only while no text has gone out (the transport decides).
 */
export function malformedDataPart(what: string, provider = DEFAULT_PROVIDER): ProviderErrorPart {
  return {
    type: 'error',
    code: 'upstream_error',
    message: `${provider} sent ${what} in the reply stream, so the reply was stopped rather than saved incomplete.`,
    isRetryable: true,
  };
}

/**
 * The system error code (ECONNREFUSED, ENOTFOUND…), if any: on a node:http error itself, in the
 * `cause` chain (fetch/undici), or in the first of an AggregateError's errors (every address failed).
 */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if ('code' in current && typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
    current = current instanceof AggregateError ? current.errors[0] : 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/**
 * Removes secrets from text shown to users or logged: the key itself (an upstream may echo it),
 * anything after "Bearer", and anything shaped like an OpenRouter or Anthropic key.
 */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    // Too short to be a real key: replacing it would garble ordinary words.
    if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out.replace(/Bearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`).replace(/sk-(or|ant)-[A-Za-z0-9_-]{6,}/g, REDACTED);
}

/** " (402: message)", " (402)", " (message)" or nothing. */
function quote(label: number | string | undefined, upstreamMessage: string | undefined): string {
  const text = upstreamMessage?.replace(/\s+/g, ' ').trim();
  const cut = text && text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
  if (label === undefined) return cut ? ` (${cut})` : '';
  return cut ? ` (${label}: ${cut})` : ` (${label})`;
}

function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
