import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Browser, launchBrowser } from './browser';

jest.setTimeout(60_000);

const PUBLIC = join(__dirname, '..', '..', 'public');
const ORIGIN = 'http://hearth.test';

/** The store as the page's modules see it (public/js/store.js is a browser module, tested where it runs). */
interface Store<S> {
  get<K extends keyof S>(key: K): S[K];
  set(patch: Partial<S>): void;
  subscribe(keys: (keyof S)[], listener: () => void): () => void;
}
type WithModule = Window & { createStore<S extends object>(initial: S): Store<S> };

describe('store.js in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    // public/ straight from the files, no server: a blank page and the module are all it needs.
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>store</title>' });
      else await route.fulfill({ contentType: 'text/javascript', body: await readFile(join(PUBLIC, path)) });
    });
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({
      type: 'module',
      content: "import { createStore } from '/js/store.js'; window.createStore = createStore;",
    });
    await page.waitForFunction(() => 'createStore' in window);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('get reads what set wrote, over a copy of the initial state', async () => {
    const values = await page.evaluate(() => {
      const initial = { a: 1, b: 'x' };
      const store = (window as unknown as WithModule).createStore(initial);
      const seen: unknown[] = [store.get('a'), store.get('b')];
      store.set({ a: 2 });
      seen.push(store.get('a'), store.get('b'), initial.a);
      return seen;
    });
    expect(values).toEqual([1, 'x', 2, 'x', 1]);
  });

  it('runs a listener once per set that changes one of its keys, after the whole patch is applied', async () => {
    const calls = await page.evaluate(() => {
      const store = (window as unknown as WithModule).createStore({ a: 1, b: 2, c: 3 });
      const seen: string[] = [];
      store.subscribe(['a', 'b'], () => seen.push(`ab:${store.get('a')},${store.get('b')}`));
      store.subscribe(['c'], () => seen.push(`c:${store.get('c')}`));
      store.set({ a: 10, b: 20 });
      store.set({ c: 30 });
      store.set({ b: 21, c: 31 });
      return seen;
    });
    expect(calls).toEqual(['ab:10,20', 'c:30', 'ab:10,21', 'c:31']);
  });

  it('runs nothing when set writes the values already there', async () => {
    const calls = await page.evaluate(() => {
      const shared = new Set<number>();
      const store = (window as unknown as WithModule).createStore<{ a: number; s: Set<number>; n: number | null }>({
        a: 1,
        s: shared,
        n: null,
      });
      const seen: string[] = [];
      store.subscribe(['a', 's', 'n'], () => seen.push(`n=${String(store.get('n'))}`));
      store.set({ a: 1, s: shared, n: null });
      store.set({ n: 0 });
      return seen;
    });
    expect(calls).toEqual(['n=0']);
  });

  it('stops calling a listener once it unsubscribes', async () => {
    const [calls, last] = await page.evaluate(() => {
      const store = (window as unknown as WithModule).createStore({ a: 0 });
      const seen: string[] = [];
      const off = store.subscribe(['a'], () => seen.push(`a=${store.get('a')}`));
      store.set({ a: 1 });
      off();
      store.set({ a: 2 });
      return [seen, store.get('a')] as const;
    });
    expect(calls).toEqual(['a=1']);
    expect(last).toBe(2);
  });
});
