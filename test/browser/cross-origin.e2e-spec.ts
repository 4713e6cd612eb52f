import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { Browser, CHROMIUM_PATH, launchBrowser } from './browser';

jest.setTimeout(60_000);

const TOKEN = 'browser-token';

/** A second site on loopback: the page another origin's client would be. */
async function serveBlankSite(): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other site</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

interface FetchOutcome {
  status?: number;
  retryAfter?: string | null;
  body?: unknown;
  /** Set when the browser refused the response to the page (CORS), as fetch's TypeError. */
  blocked?: string;
}

/** Runs fetch in the page, as a client on that page's origin would. */
function pageFetch(page: Page, url: string, init: { method: string; headers?: Record<string, string>; body?: string }) {
  return page.evaluate(
    async ({ url, init }): Promise<FetchOutcome> => {
      try {
        const res = await fetch(url, { ...init, mode: 'cors' });
        const text = await res.text();
        return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? JSON.parse(text) : null };
      } catch (err) {
        return { blocked: String(err) };
      }
    },
    { url, init },
  );
}

describe('a client page on another origin (CORS_ORIGINS) in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let site: { port: number; server: Server };
  let t: TestApp;
  const auth = { authorization: `Bearer ${TOKEN}` };
  const json = { ...auth, 'content-type': 'application/json' };

  beforeAll(async () => {
    site = await serveBlankSite();
    t = await startTestApp({
      CORS_ORIGINS: `http://localhost:${site.port}`,
      API_TOKEN: TOKEN,
      GENERATION_RATE_LIMIT: '1',
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`http://localhost:${site.port}/`);
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await t.close();
    site.server.close();
  });

  it('creates, edits and deletes with the token: POST, PATCH and DELETE pass the preflight', async () => {
    const created = await pageFetch(page, `${t.url}/api/characters`, {
      method: 'POST',
      headers: { ...json, 'idempotency-key': 'create-1' },
      body: JSON.stringify({ name: 'Ann' }),
    });
    expect(created).toMatchObject({ status: 201, body: { name: 'Ann' } });
    const id = (created.body as { id: number }).id;

    const patched = await pageFetch(page, `${t.url}/api/characters/${id}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ description: 'edited from another site' }),
    });
    expect(patched).toMatchObject({ status: 200, body: { id, description: 'edited from another site' } });

    const deleted = await pageFetch(page, `${t.url}/api/characters/${id}`, { method: 'DELETE', headers: auth });
    expect(deleted).toEqual({ status: 204, retryAfter: null, body: null });
    expect((await pageFetch(page, `${t.url}/api/characters/${id}`, { method: 'GET', headers: auth })).status).toBe(404);
  });

  it('sends Last-Event-ID, and reads Retry-After from a 429', async () => {
    const listed = await pageFetch(page, `${t.url}/api/characters`, {
      method: 'GET',
      headers: { ...auth, 'last-event-id': 'abc:0' },
    });
    expect(listed.status).toBe(200);
    const cancel = () =>
      pageFetch(page, `${t.url}/api/chat-sessions/999/cancel-message`, { method: 'POST', headers: auth });
    expect((await cancel()).status).toBe(404);
    const limited = await cancel();
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toMatch(/^\d+$/);
  });

  it('gives a page on an origin not listed nothing', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(`http://127.0.0.1:${site.port}/`);
      const res = await pageFetch(other, `${t.url}/api/characters`, { method: 'GET', headers: auth });
      expect(res.blocked).toMatch(/TypeError/);
    } finally {
      await other.close();
    }
  });
});

describe('DNS rebinding in Chromium: attacker.example resolving to 127.0.0.1', () => {
  let t: TestApp;
  let port: string;
  let context: Awaited<ReturnType<typeof chromium.launch>>;

  beforeAll(async () => {
    t = await startTestApp();
    port = new URL(t.url).port;
    // The browser's resolver does what the attacker's DNS would: the name now points at this machine.
    context = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP attacker.example 127.0.0.1'],
    });
  }, 60_000);
  afterAll(async () => {
    await context.close();
    await t.close();
  });

  it('the attacker page gets 421 for the page and for the settings, and nothing about the data', async () => {
    const page = await context.newPage();
    const res = await page.goto(`http://attacker.example:${port}/`);
    expect(res?.status()).toBe(421);
    expect(await page.textContent('body')).toContain('ALLOWED_HOSTS');
    const settings = await pageFetch(page, `/api/settings`, { method: 'GET' });
    expect(settings).toMatchObject({ status: 421, body: { statusCode: 421, error: 'Misdirected Request' } });
    expect(JSON.stringify(settings.body)).not.toMatch(/openrouterApiKey/);
  });

  it('while the same browser on localhost gets the chat page', async () => {
    const page = await context.newPage();
    const res = await page.goto(`http://localhost:${port}/`);
    expect(res?.status()).toBe(200);
    await page.waitForSelector('#new-chat');
  });
});

describe('Content-Security-Policy headers in Chromium', () => {
  let browser: Browser;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  /** Opens `path` collecting every CSP violation the page reports. */
  async function openWatching(path: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) console.push(m.text());
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(`${t.url}${path}`);
    expect(res?.headers()['content-security-policy']).toBeTruthy();
    return {
      page,
      violations: async () => [
        ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
        ...console,
      ],
    };
  }

  it('Swagger UI at /api/docs renders its operations with no violation', async () => {
    const { page, violations } = await openWatching('/api/docs');
    await page.waitForSelector('.swagger-ui .info .title');
    expect(await page.textContent('.swagger-ui .info .title')).toContain('Hearth');
    await page.waitForSelector('.opblock');
    expect(await page.locator('.opblock').count()).toBeGreaterThan(5);
    await page.click('.opblock-summary');
    await page.waitForSelector('.opblock-body');
    expect(await violations()).toEqual([]);
  });

  it('the chat page renders with no violation', async () => {
    const { page, violations } = await openWatching('/');
    await page.click('#new-chat');
    // The module script ran and fetched the library: the dialog says New chat.
    await page.waitForSelector('#chat-dialog[open]');
    expect(await page.textContent('#chat-dialog-title')).toBe('New chat');
    expect(await violations()).toEqual([]);
  });
});
