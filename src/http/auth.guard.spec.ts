import { authorize, bearerToken, Tokens } from './auth.guard';

const API = 'api-secret';
const ADMIN = 'admin-secret';
const bearer = (token: string) => `Bearer ${token}`;

describe(authorize.name, () => {
  describe('no tokens configured', () => {
    const tokens: Tokens = { apiToken: undefined, adminToken: undefined };

    it.each(['/api/ai-models', '/api/settings', '/api/docs-json'])('lets %s through without a header', (route) => {
      expect(authorize(route, undefined, tokens)).toEqual({ allowed: true });
    });
  });

  describe('API_TOKEN only', () => {
    const tokens: Tokens = { apiToken: API, adminToken: undefined };

    it.each([
      '/api/ai-models',
      '/api/chat-sessions/:id/send-message',
      '/api/settings',
      '/api/settings/openrouter-api-key',
      '/api/docs',
    ])('%s needs the API token', (route) => {
      expect(authorize(route, undefined, tokens)).toMatchObject({ allowed: false, status: 401 });
      expect(authorize(route, bearer('wrong'), tokens)).toMatchObject({ allowed: false, status: 401 });
      expect(authorize(route, bearer(API), tokens)).toEqual({ allowed: true });
    });
  });

  describe('ADMIN_TOKEN only', () => {
    const tokens: Tokens = { apiToken: undefined, adminToken: ADMIN };

    it('leaves resources open', () => {
      expect(authorize('/api/ai-models', undefined, tokens)).toEqual({ allowed: true });
    });

    it.each(['/api/settings', '/api/settings/openrouter-api-key'])('%s needs the admin token', (route) => {
      expect(authorize(route, undefined, tokens)).toMatchObject({ allowed: false, status: 401 });
      expect(authorize(route, bearer('wrong'), tokens)).toMatchObject({ allowed: false, status: 401 });
      expect(authorize(route, bearer(ADMIN), tokens)).toEqual({ allowed: true });
    });
  });

  describe('both tokens', () => {
    const tokens: Tokens = { apiToken: API, adminToken: ADMIN };

    it('accepts either token on resources', () => {
      expect(authorize('/api/ai-models', bearer(API), tokens)).toEqual({ allowed: true });
      expect(authorize('/api/ai-models', bearer(ADMIN), tokens)).toEqual({ allowed: true });
      expect(authorize('/api/ai-models', undefined, tokens)).toMatchObject({ allowed: false, status: 401 });
    });

    it('gives the API token a 403 on settings, saying the admin token is needed', () => {
      const decision = authorize('/api/settings', bearer(API), tokens);
      expect(decision).toMatchObject({ allowed: false, status: 403 });
      expect(!decision.allowed && decision.message).toContain('ADMIN_TOKEN');
    });

    it('accepts the admin token on settings only', () => {
      expect(authorize('/api/settings', bearer(ADMIN), tokens)).toEqual({ allowed: true });
      expect(authorize('/api/settings', bearer('wrong'), tokens)).toMatchObject({ allowed: false, status: 401 });
    });
  });

  it('keeps /api/health open whatever is configured', () => {
    expect(authorize('/api/health', undefined, { apiToken: API, adminToken: ADMIN })).toEqual({ allowed: true });
  });

  it('keeps routes outside /api (the chat page) open', () => {
    expect(authorize('/', undefined, { apiToken: API, adminToken: ADMIN })).toEqual({ allowed: true });
  });

  it('does not take /api/settingsX or /apix for guarded prefixes', () => {
    const tokens: Tokens = { apiToken: undefined, adminToken: ADMIN };
    expect(authorize('/api/settings-other', undefined, tokens)).toEqual({ allowed: true });
    expect(authorize('/apix/settings', undefined, { apiToken: API, adminToken: undefined })).toEqual({ allowed: true });
  });

  it('tells a client with no header how to send one, and never echoes a token', () => {
    const tokens: Tokens = { apiToken: API, adminToken: ADMIN };
    for (const header of [undefined, bearer('wrong'), bearer(API)]) {
      const decision = authorize('/api/settings', header, tokens);
      expect(decision.allowed).toBe(false);
      if (decision.allowed) continue;
      expect(decision.message).not.toContain(API);
      expect(decision.message).not.toContain(ADMIN);
      expect(decision.message).not.toContain('wrong');
    }
    const missing = authorize('/api/ai-models', undefined, tokens);
    expect(!missing.allowed && missing.message).toContain('Authorization: Bearer <token>');
  });
});

describe('authorize /metrics', () => {
  const METRICS = 'metrics-secret';

  it('is open when no token is set', () => {
    expect(authorize('/metrics', undefined, { apiToken: undefined, adminToken: undefined })).toEqual({ allowed: true });
  });

  it('takes API_TOKEN or ADMIN_TOKEN when no METRICS_TOKEN is set', () => {
    const tokens: Tokens = { apiToken: API, adminToken: ADMIN };
    expect(authorize('/metrics', bearer(API), tokens)).toEqual({ allowed: true });
    expect(authorize('/metrics', bearer(ADMIN), tokens)).toEqual({ allowed: true });
    expect(authorize('/metrics', undefined, tokens)).toMatchObject({ allowed: false, status: 401 });
    expect(authorize('/metrics', bearer('nope'), tokens)).toMatchObject({ allowed: false, status: 401 });
    expect(authorize('/metrics', bearer(ADMIN), { apiToken: undefined, adminToken: ADMIN })).toEqual({
      allowed: true,
    });
  });

  it('takes only METRICS_TOKEN when it is set, which opens nothing else', () => {
    const tokens: Tokens = { apiToken: API, adminToken: ADMIN, metricsToken: METRICS };
    expect(authorize('/metrics', bearer(METRICS), tokens)).toEqual({ allowed: true });
    const user = authorize('/metrics', bearer(API), tokens);
    expect(user).toMatchObject({ allowed: false, status: 401 });
    expect(!user.allowed && user.message).toContain('METRICS_TOKEN');
    expect(authorize('/metrics', bearer(ADMIN), tokens)).toMatchObject({ allowed: false, status: 401 });
    expect(authorize('/api/ai-models', bearer(METRICS), tokens)).toMatchObject({ allowed: false, status: 401 });
    expect(
      authorize('/metrics', bearer(METRICS), { apiToken: undefined, adminToken: undefined, metricsToken: METRICS }),
    ).toEqual({
      allowed: true,
    });
  });
});

describe(bearerToken.name, () => {
  it.each<[string | undefined, string | undefined]>([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER  abc  ', 'abc'],
    ['Bearer two words', 'two words'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    ['Bearer ', undefined],
    ['abc', undefined],
    [undefined, undefined],
  ])('%p gives %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
