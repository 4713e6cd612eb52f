/** When and how long to wait before retrying a provider call that failed before any text. */

/** Longest Retry-After honoured; a longer one is not waited out (the error goes to the user instead). */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Backoff as the OpenAI and Anthropic SDKs do it: 0.5 s doubling, capped, with up to 25 % jitter. */
export const INITIAL_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;

/** Statuses worth another try: timeouts, conflicts, rate limits and server-side failures. Never 400/401/402/403. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The wait a response asks for, in ms: `retry-after-ms` (non-standard, sent by OpenAI-style APIs)
 * first, then `Retry-After` as seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(headers: Pick<Headers, 'get'>, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));

  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // HTTP dates name a month ("Thu, 01 Jan 2026 12:00:05 GMT"); Date.parse alone would read "-1" as a year.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Delay before retry number `retryIndex` (0 for the first retry). `random` is in [0, 1). */
export function backoffDelayMs(retryIndex: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retryIndex, MAX_RETRY_DELAY_MS);
  return Math.round(base * (1 - random() * 0.25));
}

/**
 * How long to wait before retry `retryIndex`: what the server asked for when it asked (up to
 * MAX_RETRY_AFTER_MS), else the backoff. Null when the server asks for more than that: waiting
 * silently for minutes is worse than telling the user when to try again.
 */
export function retryDelayMs(
  retryIndex: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | null {
  if (retryAfterMs === undefined) return backoffDelayMs(retryIndex, random);
  return retryAfterMs <= MAX_RETRY_AFTER_MS ? retryAfterMs : null;
}
