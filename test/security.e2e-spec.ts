import { startTestApp, TestApp, TEST_DB } from './support/test-app';

const ALLOWED = 'https://chat.example.com';
const REFUSED = 'https://evil.example.net';

describe(`security headers, CORS and rate-limit scope (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: `http://localhost:5173,${ALLOWED}`, GENERATION_RATE_LIMIT: '1' });
  }, 60_000);
  afterAll(() => t.close());

  async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(t.url + path, { headers });
    await res.arrayBuffer();
    return res;
  }

  it.each(['/api/health', '/api/ai-models', '/api/does-not-exist', '/api/docs'])(
    'sets helmet headers on %s',
    async (path) => {
      const res = await get(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src/);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    },
  );

  it('sets them on the JSON error body too', async () => {
    const res = await fetch(`${t.url}/api/characters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets an origin listed in CORS_ORIGINS read responses', async () => {
    const res = await get('/api/ai-models', { origin: ALLOWED });
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('sends HSTS only over HTTPS: never to a plain HTTP client, and X-Forwarded-Proto is not believed untrusted', async () => {
    expect((await get('/api/ai-models')).headers.get('strict-transport-security')).toBeNull();
    const forged = await get('/api/ai-models', { 'x-forwarded-proto': 'https' });
    expect(forged.headers.get('strict-transport-security')).toBeNull();
  });

  it.each([
    ['/', "script-src 'self'; style-src 'self';"],
    ['/js/app.js', "script-src 'self'; style-src 'self';"],
    ['/api/docs', "style-src 'self' 'unsafe-inline'"],
    ['/api/ai-models', "default-src 'none'"],
    ['/api/does-not-exist', "default-src 'none'"],
  ])('sends a Content-Security-Policy header on %s', async (path, expected) => {
    const csp = (await get(path)).headers.get('content-security-policy');
    expect(csp).toContain(expected);
    expect(csp).toMatch(/frame-ancestors/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it.each(['/api/ai-models', '/api/settings', '/api/does-not-exist', '/api/health'])(
    'marks the API answer on %s Cache-Control: no-store',
    async (path) => {
      expect((await get(path)).headers.get('cache-control')).toBe('no-store');
    },
  );

  it('leaves the page and Swagger UI cacheable as before', async () => {
    expect((await get('/')).headers.get('cache-control')).not.toBe('no-store');
    expect((await get('/api/docs/swagger-ui.css')).headers.get('cache-control')).not.toBe('no-store');
  });

  it.each([
    ['PATCH', 'authorization,content-type'],
    ['DELETE', 'authorization'],
    ['PUT', 'authorization,content-type'],
    ['POST', 'authorization,content-type,idempotency-key,last-event-id'],
  ])('answers a %s preflight allowing headers %s', async (method, headers) => {
    const res = await fetch(`${t.url}/api/characters/1`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')?.split(/\s*,\s*/)).toContain(method);
    const allowed =
      res.headers
        .get('access-control-allow-headers')
        ?.toLowerCase()
        .split(/\s*,\s*/) ?? [];
    for (const header of headers.split(',')) expect(allowed).toContain(header);
  });

  it('answers a preflight from an allowed origin, including the Authorization header', async () => {
    const res = await fetch(`${t.url}/api/chat-sessions/1/send-message`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('gives an origin not listed no CORS grant, on requests and preflights', async () => {
    const res = await get('/api/ai-models', { origin: REFUSED });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${t.url}/api/ai-models`, {
      method: 'OPTIONS',
      headers: { origin: REFUSED, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('does not rate-limit ordinary routes (the generation limit is opt-in per route)', async () => {
    for (let i = 0; i < 5; i++) expect((await get('/api/ai-models')).status).toBe(200);
    expect((await get('/api/ai-models')).headers.get('x-ratelimit-limit-generation')).toBeNull();
  });
});

describe(`HSTS behind a trusted proxy (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
  }, 60_000);
  afterAll(() => t.close());

  it('is sent when the proxy says the request came over HTTPS, and only then', async () => {
    const over = async (proto?: string) => {
      const res = await fetch(`${t.url}/api/ai-models`, { headers: proto ? { 'x-forwarded-proto': proto } : {} });
      await res.arrayBuffer();
      return res.headers.get('strict-transport-security');
    };
    expect(await over('https')).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    expect(await over('http')).toBeNull();
    expect(await over()).toBeNull();
  });
});

describe(`CORS without CORS_ORIGINS (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  it('grants no origin', async () => {
    const res = await fetch(`${t.url}/api/ai-models`, { headers: { origin: ALLOWED } });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe(`CORS_ORIGINS=* (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: '*' });
  }, 60_000);
  afterAll(() => t.close());

  it('grants any origin', async () => {
    const res = await fetch(`${t.url}/api/ai-models`, { headers: { origin: REFUSED } });
    await res.arrayBuffer();
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
