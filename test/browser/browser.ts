import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Real Chromium for the chat page's tests: Debian's package, driven by playwright-core (which
 * downloads no browser). A missing browser fails the tests with the command that installs it.
 */
export const CHROMIUM_PATH = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';

/** Where screenshots go when HEARTH_SCREENSHOTS=1 (kept out of normal runs so the tree stays clean). */
const SCREENSHOT_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A device to emulate: a viewport, and for a phone, a touch screen and mobile layout. */
export interface Device {
  viewport: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
}

export const DESKTOP: Device = { viewport: { width: 1280, height: 800 } };
export const PHONE: Device = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export async function launchBrowser(device: Device = { viewport: { width: 1100, height: 720 } }): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser tests need it. Install it with ` +
        '`apt-get update && apt-get install -y chromium` (or point HEARTH_CHROMIUM at a Chromium binary).',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'hearth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...device,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    newPage: async () => {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Takes the screenshot in every run (so a broken page fails here too); saves it only on request. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  expect(png.length).toBeGreaterThan(1000);
  if (process.env.HEARTH_SCREENSHOTS === '1') {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
  }
}

/** Text of the last assistant bubble (the markdown-rendered text, as a reader sees it). */
export function lastReply(page: Page): Promise<string> {
  return page.locator('.msg.assistant .body').last().innerText();
}

/** Waits until the last assistant bubble reads exactly `text`; on timeout says what it read instead. */
export async function waitForReply(page: Page, text: string): Promise<void> {
  try {
    await page.waitForFunction((want) => {
      const bodies = document.querySelectorAll('.msg.assistant .body');
      const last = bodies[bodies.length - 1] as HTMLElement | undefined;
      return last?.innerText.trim() === want;
    }, text);
  } catch (err) {
    const shown = await page
      .locator('.msg.assistant .body')
      .last()
      .innerText({ timeout: 1000 })
      .catch(() => '(no reply bubble)');
    throw new Error(
      `expected the reply to read ${JSON.stringify(text)}, it reads ${JSON.stringify(shown)}: ${(err as Error).message}`,
    );
  }
}

/** Waits until no reply is being written and the input can be used again. */
export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const input = document.getElementById('input') as HTMLTextAreaElement | null;
    return !!input && !input.disabled && !document.querySelector('.msg.streaming');
  });
}

/** Opens the page on a chat and waits until its stream is attached. */
export async function openChat(page: Page, baseUrl: string, sessionId: number): Promise<void> {
  await page.goto(`${baseUrl}/#chat=${sessionId}`);
  await page.waitForSelector('#connection[data-state="live"]');
}

/** Types a message and sends it with Enter. */
export async function sendFromPage(page: Page, text: string): Promise<void> {
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
}
