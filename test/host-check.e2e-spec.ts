import { api, startTestApp, TestApp, TEST_DB } from './support/test-app';
import { rawRequest } from './support/raw-http';

/**
 * DNS rebinding: a page on attacker.example whose name resolves to 127.0.0.1 reaches Hearth as
 * its own origin. Only the Host header gives it away, so every route checks it.
 */
const MISDIRECTED = {
  statusCode: 421,
  message: expect.stringMatching(/attacker\.example.*ALLOWED_HOSTS/) as unknown,
  error: 'Misdirected Request',
};

describe(`Host check with no ALLOWED_HOSTS and no tokens (${TEST_DB})`, () => {
  let t: TestApp;
  let port: string;
  beforeAll(async () => {
    t = await startTestApp();
    port = new URL(t.url).port;
  }, 60_000);
  afterAll(() => t.close());

  it.each([
    ['GET', '/api/settings'],
    ['GET', '/api/ai-models'],
    ['GET', '/api/chat-sessions/1/messages'],
    ['GET', '/api/docs'],
    ['GET', '/api/docs-json'],
    ['GET', '/'],
    ['GET', '/js/app.js'],
    ['GET', '/api/no-such-route'],
    ['OPTIONS', '/api/ai-models'],
  ])('refuses %s %s for attacker.example with 421 in the contract shape', async (method, path) => {
    const res = await rawRequest(t.url, method, path, { host: `attacker.example:${port}` });
    expect(res.status).toBe(421);
    expect(res.body).toEqual(MISDIRECTED);
  });

  it('refuses a write, and it changes nothing', async () => {
    const res = await rawRequest(
      t.url,
      'POST',
      '/api/characters',
      { host: 'attacker.example', 'content-type': 'application/json' },
      JSON.stringify({ name: 'planted' }),
    );
    expect(res.status).toBe(421);
    expect((await api(t.url, 'GET', '/api/characters')).body).toEqual([]);
  });

  it.each(['chat.example.org', '192.168.1.20:3000', 'localhost.attacker.example', '127.0.0.1.nip.io'])(
    'refuses %p, which is not listed',
    async (host) => {
      expect((await rawRequest(t.url, 'GET', '/api/settings', { host })).status).toBe(421);
    },
  );

  it.each(['localhost', 'LOCALHOST:PORT', '127.0.0.1:PORT', '[::1]:PORT', 'localhost.', '127.0.0.2'])(
    'answers loopback host %p',
    async (host) => {
      const res = await rawRequest(t.url, 'GET', '/api/settings', { host: host.replace('PORT', port) });
      expect(res.status).toBe(200);
    },
  );

  it('refuses /api/health too under a foreign Host, as every route (probes send a loopback or listed Host)', async () => {
    for (const host of ['10.1.2.3:3000', 'attacker.example']) {
      expect((await rawRequest(t.url, 'GET', '/api/health', { host })).status).toBe(421);
      expect((await rawRequest(t.url, 'HEAD', '/api/health', { host })).status).toBe(421);
    }
    expect((await rawRequest(t.url, 'GET', '/api/health', { host: 'localhost' })).status).toBe(200);
  });
});

describe(`Host check with ALLOWED_HOSTS (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ALLOWED_HOSTS: 'chat.example.org,192.168.1.20', API_TOKEN: 'user-token' });
  }, 60_000);
  afterAll(() => t.close());

  const auth = { authorization: 'Bearer user-token' };

  it.each(['chat.example.org', 'Chat.Example.Org:443', '192.168.1.20:3000', 'localhost:3000'])(
    'answers %p',
    async (host) => {
      expect((await rawRequest(t.url, 'GET', '/api/ai-models', { host, ...auth })).status).toBe(200);
    },
  );

  it('refuses other names before asking for the token', async () => {
    const res = await rawRequest(t.url, 'GET', '/api/ai-models', { host: 'attacker.example' });
    expect(res.status).toBe(421);
    expect(res.body).toEqual(MISDIRECTED);
    const noToken = await rawRequest(t.url, 'GET', '/api/ai-models', { host: 'chat.example.org' });
    expect(noToken.status).toBe(401);
  });
});
