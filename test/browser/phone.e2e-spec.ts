import type { Page } from 'playwright-core';
import { api, TEST_DB } from '../support/test-app';
import { createSession, GenerationFixture, startGenerationApp } from '../support/generation-fixture';
import { Browser, launchBrowser, openChat, PHONE, screenshot, sendFromPage, waitIdle } from './browser';

jest.setTimeout(90_000);

/** Visible buttons smaller than a fingertip (44 × 44 CSS px), by their text. */
function smallButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('button'))
      .filter((b) => b.checkVisibility({ visibilityProperty: true }))
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.width < 44 || r.height < 44;
      })
      .map((b) => `${b.id || b.className}: ${b.textContent.trim()}`),
  );
}

describe(`chat page on a phone, 390x844 (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser(PHONE);
    f = await startGenerationApp({ GENERATION_RATE_LIMIT: '1000' });
  }, 90_000);
  afterAll(async () => {
    await browser.close();
    await f.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(async () => {
    for (const p of browser.context.pages()) await p.close();
  });

  it('gives the conversation the screen, keeps the chat list in a drawer, and opens a chat from it', async () => {
    const first = await createSession(f.t.url, {});
    const second = await createSession(f.t.url, {});
    await api(f.t.url, 'PATCH', `/api/chat-sessions/${second}`, { name: 'The harbour' });
    await openChat(page, f.t.url, first);
    await sendFromPage(page, 'A first message on a small screen.');
    await waitIdle(page);

    expect(await page.isVisible('#sidebar')).toBe(false);
    expect(await page.isVisible('#menu')).toBe(true);
    const messages = await page.locator('#messages').boundingBox();
    expect(messages?.height).toBeGreaterThanOrEqual(844 * 0.6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await smallButtons(page)).toEqual([]);
    await screenshot(page, 'phone');

    // The composer grows with the text.
    const oneLine = (await page.locator('#input').boundingBox())?.height ?? 0;
    await page.fill('#input', 'Line one\nLine two\nLine three\nLine four');
    const fourLines = (await page.locator('#input').boundingBox())?.height ?? 0;
    expect(fourLines).toBeGreaterThan(oneLine + 20);
    await page.fill('#input', '');

    await page.tap('#menu');
    await page.waitForSelector('#sidebar.open');
    await page.waitForFunction(
      () => getComputedStyle(document.getElementById('sidebar') as HTMLElement).transform === 'none',
    );
    expect(await page.getAttribute('#menu', 'aria-expanded')).toBe('true');
    expect(await smallButtons(page)).toEqual([]);
    await screenshot(page, 'phone-drawer');

    await page.tap(`#session-list button[data-session-id="${second}"]`);
    await page.waitForSelector('#chat-title:has-text("The harbour")');
    await page.waitForSelector('#sidebar:not(.open)', { state: 'attached' });
    await page.waitForSelector('#sidebar', { state: 'hidden' });
    expect(await page.getAttribute('#menu', 'aria-expanded')).toBe('false');
    await page.waitForSelector('#connection[data-state="live"]');

    // Escape closes the drawer too, and the scrim does.
    await page.tap('#menu');
    await page.waitForSelector('#sidebar.open');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#sidebar', { state: 'hidden' });
    await page.tap('#menu');
    await page.waitForSelector('#sidebar.open');
    await page.mouse.click(380, 400);
    await page.waitForSelector('#sidebar', { state: 'hidden' });
  });
});
