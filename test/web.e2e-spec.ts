import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, startTestApp, TestApp, TEST_DB } from './support/test-app';
import { publicDir } from '../src/web/public-dir';

describe(`chat page at / (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_TOKEN: 'user-token' });
  }, 60_000);
  afterAll(() => t.close());

  it('serves the page at / without a token, with its scripts and styles', async () => {
    const page = await fetch(`${t.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/js/app.js">');
    for (const [path, type] of [
      ['/js/app.js', /javascript/],
      ['/js/markdown.js', /javascript/],
      ['/css/chat.css', /^text\/css/],
      ['/favicon.svg', /^image\/svg\+xml/],
      ['/vendor/eventsource-parser.js', /javascript/],
    ] as const) {
      const res = await fetch(t.url + path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-type')).toMatch(type);
    }
    expect(await (await fetch(`${t.url}/vendor/eventsource-parser.js`)).text()).toContain('export {');
  });

  it('leaves /api to the API: its guard still applies and unknown paths get the JSON 404', async () => {
    const res = await api<{ statusCode: number; message: string }>(t.url, 'GET', '/api/characters');
    expect(res.status).toBe(401);
    const missing = await api<{ statusCode: number; message: string }>(t.url, 'GET', '/api/no-such-thing', undefined, {
      authorization: 'Bearer user-token',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.statusCode).toBe(404);
    const outside = await fetch(`${t.url}/../package.json`);
    expect(outside.status).toBe(404);
    const notAFile = await fetch(`${t.url}/js/nope.js`);
    expect(notAFile.status).toBe(404);
  });
});

describe(publicDir.name, () => {
  it('finds public/ two levels above the module, as in src/web and dist/src/web', () => {
    const root = mkdtempSync(join(tmpdir(), 'hearth-public-'));
    try {
      mkdirSync(join(root, 'public'));
      writeFileSync(join(root, 'public', 'index.html'), '<!doctype html>');
      const sut = publicDir(join(root, 'src', 'web'));
      expect(sut).toBe(join(root, 'public'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('says how to fix a build without the page', () => {
    const root = mkdtempSync(join(tmpdir(), 'hearth-public-'));
    try {
      expect(() => publicDir(join(root, 'dist', 'src', 'web'))).toThrow(/no index\.html in .*npm run build/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
