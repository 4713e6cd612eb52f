import { clientErrorResponse, requestTimeoutOptions } from './request-timeouts';

describe(requestTimeoutOptions.name, () => {
  it('bounds the request and its headers alike, checked often enough to matter', () => {
    const sut = requestTimeoutOptions(30_000);
    expect(sut.requestTimeout).toBe(30_000);
    expect(sut.http).toEqual({ requestTimeout: 30_000, headersTimeout: 30_000, connectionsCheckingInterval: 1000 });
  });

  it('checks a short timeout more often', () => {
    expect(requestTimeoutOptions(400).http.connectionsCheckingInterval).toBe(100);
    expect(requestTimeoutOptions(100).http.connectionsCheckingInterval).toBe(50);
  });
});

describe(clientErrorResponse.name, () => {
  function parse(raw: string): { head: string; body: unknown } {
    const [head, body] = raw.split('\r\n\r\n');
    return { head, body: JSON.parse(body) };
  }

  it('answers a timed-out request with 408 naming REQUEST_TIMEOUT_MS', () => {
    const err = Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    const sut = parse(clientErrorResponse(err, 5000));
    expect(sut.head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(sut.head).toContain('Connection: close');
    expect(sut.body).toEqual({
      statusCode: 408,
      message: 'The request was not received in full within 5000 ms (REQUEST_TIMEOUT_MS)',
      error: 'Request Timeout',
    });
  });

  it('answers oversized headers with 431 and anything else with 400', () => {
    const overflow = Object.assign(new Error('x'), { code: 'HPE_HEADER_OVERFLOW' });
    expect(parse(clientErrorResponse(overflow, 1)).body).toMatchObject({ statusCode: 431 });
    expect(parse(clientErrorResponse(new Error('parse'), 1)).body).toMatchObject({ statusCode: 400 });
  });

  it('gives the body length in bytes', () => {
    const raw = clientErrorResponse(new Error('x'), 1);
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
  });
});
