import {
  connectionErrorPart,
  droppedConnectionPart,
  errorCodeForStatus,
  httpErrorPart,
  idleTimeoutPart,
  midStreamErrorPart,
  networkErrorCode,
  scrubSecrets,
  upstreamErrorMessage,
} from './provider-errors';

describe(errorCodeForStatus.name, () => {
  const sut = errorCodeForStatus;

  it.each([
    [401, 'upstream_auth'],
    [403, 'upstream_auth'],
    [402, 'insufficient_credits'],
    [429, 'rate_limited'],
    [400, 'upstream_error'],
    [404, 'upstream_error'],
    [408, 'upstream_error'],
    [500, 'upstream_error'],
    [502, 'upstream_error'],
    [503, 'upstream_error'],
  ])('maps %i to %s', (status, code) => {
    expect(sut(status)).toBe(code);
  });
});

describe(upstreamErrorMessage.name, () => {
  const sut = upstreamErrorMessage;

  it("reads OpenRouter's error body", () => {
    expect(sut('{"error":{"code":402,"message":"Insufficient credits"}}')).toBe('Insufficient credits');
  });

  it('reads an error given as a string', () => {
    expect(sut('{"error":"bad gateway"}')).toBe('bad gateway');
  });

  it('takes the first line of a plain-text body', () => {
    expect(sut('upstream connect error\nmore detail')).toBe('upstream connect error');
  });

  it.each(['', '<html><body>502</body></html>', '{"detail":"x"}'])('finds nothing in %j', (body) => {
    expect(sut(body)).toBeUndefined();
  });
});

describe(httpErrorPart.name, () => {
  const sut = httpErrorPart;

  it('says what to do about a rejected key, quoting OpenRouter', () => {
    expect(sut(401, 'User not found.')).toEqual({
      type: 'error',
      code: 'upstream_auth',
      message: 'OpenRouter rejected the API key (401: User not found.). Check the key in the settings.',
      isRetryable: false,
      status: 401,
    });
  });

  it('maps 402 to insufficient_credits, not retryable', () => {
    expect(sut(402, 'Add credits')).toMatchObject({ code: 'insufficient_credits', isRetryable: false, status: 402 });
  });

  it('maps 403 to upstream_auth', () => {
    expect(sut(403, undefined)).toMatchObject({
      code: 'upstream_auth',
      message: 'OpenRouter refused the request (403).',
      isRetryable: false,
    });
  });

  it('keeps Retry-After of a 429 and says when to try again', () => {
    const part = sut(429, 'Slow down', 2500);

    expect(part).toMatchObject({ code: 'rate_limited', isRetryable: true, retryAfterMs: 2500 });
    expect(part.message).toBe('OpenRouter is rate limiting requests (429: Slow down). Try again in 3 s.');
  });

  it.each([500, 502, 503, 408])('maps %i to a retryable upstream_error', (status) => {
    expect(sut(status, undefined)).toMatchObject({ code: 'upstream_error', isRetryable: true, status });
  });

  it('cuts a very long upstream message', () => {
    const part = sut(500, 'x'.repeat(5000));

    expect(part.message.length).toBeLessThan(400);
  });
});

describe(midStreamErrorPart.name, () => {
  const sut = midStreamErrorPart;

  it('is an upstream_error quoting code and message', () => {
    expect(sut({ code: 502, message: 'Provider disconnected' })).toEqual({
      type: 'error',
      code: 'upstream_error',
      message: 'OpenRouter reported an error during the reply (502: Provider disconnected).',
      isRetryable: true,
      status: 502,
    });
  });

  it('accepts string codes and no message', () => {
    expect(sut({ code: 'server_error' })).toMatchObject({
      message: 'OpenRouter reported an error during the reply (server_error).',
      isRetryable: true,
    });
  });

  it('reads well with nothing to quote', () => {
    expect(sut({}).message).toBe('OpenRouter reported an error during the reply.');
  });
});

describe('fixed error parts', () => {
  it('times out with code timeout, naming the idle time', () => {
    expect(idleTimeoutPart(60_000)).toEqual({
      type: 'error',
      code: 'timeout',
      message: 'OpenRouter sent nothing for 60 s, so the request was abandoned.',
      isRetryable: true,
    });
    expect(idleTimeoutPart(250).message).toContain('250 ms');
  });

  it('reports a dropped connection as upstream_error', () => {
    expect(droppedConnectionPart()).toMatchObject({ code: 'upstream_error', isRetryable: true });
  });

  it('names the system error of an unreachable server', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });

    expect(connectionErrorPart(error)).toMatchObject({
      code: 'upstream_error',
      message: 'Could not reach OpenRouter (ECONNREFUSED).',
    });
  });
});

describe(networkErrorCode.name, () => {
  const sut = networkErrorCode;

  it('digs the code out of nested causes', () => {
    const inner = Object.assign(new Error('x'), { code: 'ENOTFOUND' });
    expect(sut(new Error('a', { cause: new Error('b', { cause: inner }) }))).toBe('ENOTFOUND');
  });

  it('reads the code node:http puts on the error itself', () => {
    expect(sut(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(
      'ECONNREFUSED',
    );
    expect(sut(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
  });

  it('reads the first error of an AggregateError without a code of its own', () => {
    const refused = (address: string) => Object.assign(new Error(`connect ${address}`), { code: 'ECONNREFUSED' });
    expect(sut(new AggregateError([refused('::1'), refused('127.0.0.1')]))).toBe('ECONNREFUSED');
  });

  it('gives undefined when there is none', () => {
    expect(sut(new Error('plain'))).toBeUndefined();
    expect(sut('string')).toBeUndefined();
  });
});

describe(scrubSecrets.name, () => {
  const sut = scrubSecrets;
  const key = 'sk-or-v1-0123456789abcdef0123456789abcdef';

  it('removes the key wherever it appears', () => {
    expect(sut(`Key ${key} is invalid; ${key}`, [key])).toBe('Key [redacted] is invalid; [redacted]');
  });

  it('removes an unknown key that looks like an OpenRouter key', () => {
    expect(sut('bad key sk-or-v1-deadbeefcafe', [])).toBe('bad key [redacted]');
  });

  it('removes whatever follows Bearer', () => {
    expect(sut('header was "Bearer my-custom-secret"', [])).toBe('header was "Bearer [redacted]"');
  });

  it('removes a key of another shape', () => {
    expect(sut('got custom-key-123456 here', ['custom-key-123456'])).toBe('got [redacted] here');
  });

  it('leaves too-short secrets alone rather than garbling words', () => {
    expect(sut('a normal sentence', ['a'])).toBe('a normal sentence');
  });
});
