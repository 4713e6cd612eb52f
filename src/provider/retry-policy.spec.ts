import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy';

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe(isRetryableStatus.name, () => {
  const sut = isRetryableStatus;

  it.each([408, 409, 429, 500, 502, 503, 504, 529])('retries %i', (status) => {
    expect(sut(status)).toBe(true);
  });

  it.each([400, 401, 402, 403, 404, 413, 422])('never retries %i', (status) => {
    expect(sut(status)).toBe(false);
  });
});

describe(parseRetryAfterMs.name, () => {
  const sut = parseRetryAfterMs;
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('reads Retry-After in seconds', () => {
    expect(sut(headers({ 'retry-after': '3' }), now)).toBe(3000);
  });

  it('reads fractional seconds', () => {
    expect(sut(headers({ 'retry-after': '0.25' }), now)).toBe(250);
  });

  it('reads Retry-After as an HTTP date, relative to now', () => {
    expect(sut(headers({ 'retry-after': 'Thu, 01 Jan 2026 12:00:05 GMT' }), now)).toBe(5000);
  });

  it('treats a date in the past as no wait', () => {
    expect(sut(headers({ 'retry-after': 'Thu, 01 Jan 2026 11:00:00 GMT' }), now)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(sut(headers({ 'retry-after-ms': '120', 'retry-after': '9' }), now)).toBe(120);
  });

  it('falls back to Retry-After when retry-after-ms is unreadable', () => {
    expect(sut(headers({ 'retry-after-ms': 'soon', 'retry-after': '1' }), now)).toBe(1000);
  });

  it.each<Record<string, string>>([{}, { 'retry-after': 'later' }, { 'retry-after': '-1' }, { 'retry-after': '' }])(
    'gives undefined for %j',
    (values) => {
      expect(sut(headers(values), now)).toBeUndefined();
    },
  );
});

describe(backoffDelayMs.name, () => {
  const sut = backoffDelayMs;

  it('doubles from 0.5 s without jitter', () => {
    expect([0, 1, 2, 3].map((n) => sut(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
  });

  it('caps at 8 s', () => {
    expect(sut(10, () => 0)).toBe(8000);
  });

  it('takes off at most a quarter as jitter', () => {
    expect(sut(1, () => 0.999999)).toBe(750);
    expect(sut(1, () => 0.5)).toBe(875);
  });
});

describe(retryDelayMs.name, () => {
  const sut = retryDelayMs;

  it('uses the backoff when the server gave no Retry-After', () => {
    expect(sut(1, undefined, () => 0)).toBe(1000);
  });

  it('waits what the server asked for, up to 60 s', () => {
    expect(sut(0, 0)).toBe(0);
    expect(sut(0, 1500)).toBe(1500);
    expect(sut(3, 60_000)).toBe(60_000);
  });

  it('gives up when the server asks for more than 60 s', () => {
    expect(sut(0, 60_001)).toBeNull();
  });
});
