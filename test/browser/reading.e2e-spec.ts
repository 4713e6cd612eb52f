import type { Page } from 'playwright-core';
import {
  createSession,
  GenerationFixture,
  messageRows,
  startGenerationApp,
  TEST_API_KEY,
} from '../support/generation-fixture';
import { api, TEST_DB } from '../support/test-app';
import { Browser, launchBrowser, openChat, sendFromPage, waitForReply, waitIdle } from './browser';

jest.setTimeout(90_000);

describe(`reading and writing in the chat page (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    f = await startGenerationApp({ GENERATION_RATE_LIMIT: '1000' });
  }, 90_000);
  afterAll(async () => {
    await browser.close();
    await f.close();
  });
  beforeEach(async () => {
    f.fake.reset();
    page = await browser.newPage();
  });
  afterEach(async () => {
    for (const p of browser.context.pages()) await p.close();
  });

  it("renders the person's own message like a reply: paragraphs from Shift+Enter, *actions* in italics", async () => {
    const sessionId = await createSession(f.t.url, { character: 'Keeper of the lighthouse.' });
    await openChat(page, f.t.url, sessionId);
    await page.focus('#input');
    await page.keyboard.type('I step inside.');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('*I shake the rain from my coat.* Hello? <b>Anyone</b>?');
    await page.keyboard.press('Enter');
    await waitIdle(page);

    const paragraphs = await page.locator('.msg.user .body p').allTextContents();
    expect(paragraphs).toEqual(['I step inside.', 'I shake the rain from my coat. Hello? <b>Anyone</b>?']);
    expect(await page.locator('.msg.user .body p >> nth=1 >> em').textContent()).toBe('I shake the rain from my coat.');
    // Markup the person typed stays text, as in a reply.
    expect(await page.locator('.msg.user .body b').count()).toBe(0);
    const saved = await messageRows(f.t, sessionId);
    expect(saved[0]).toMatchObject({
      role: 'user',
      content: 'I step inside.\n\n*I shake the rain from my coat.* Hello? <b>Anyone</b>?',
    });
  });

  it('keeps a selection in the paragraph being written while more text arrives', async () => {
    const sessionId = await createSession(f.t.url, {});
    const [h1, h2] = [f.fake.hold(), f.fake.hold()];
    f.fake.enqueue({ chunks: ['The lamp burns low', h1, ' and the sea', ' keeps rolling.', h2, '\n\nThe end.'] });
    await openChat(page, f.t.url, sessionId);
    await sendFromPage(page, 'Describe the room.');
    await waitForReply(page, 'The lamp burns low');

    await page.evaluate(() => {
      const p = document.querySelector('.msg.streaming .body p') as HTMLElement;
      const text = p.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, 4);
      range.setEnd(text, 8);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    expect(await page.evaluate(() => getSelection()?.toString())).toBe('lamp');

    h1.release();
    await waitForReply(page, 'The lamp burns low and the sea keeps rolling.');
    expect(await page.evaluate(() => getSelection()?.toString())).toBe('lamp');

    h2.release();
    await waitForReply(page, 'The lamp burns low and the sea keeps rolling.\n\nThe end.');
    expect(await page.evaluate(() => getSelection()?.toString())).toBe('lamp');
    await waitIdle(page);
  });

  it('says when the model is slow to answer, with Cancel at hand; text arriving takes the notice away', async () => {
    const sessionId = await createSession(f.t.url, {});
    // The page waits 8 s before saying so; the test shortens that through the address.
    await page.goto(`${f.t.url}/?stallMs=400#chat=${sessionId}`);
    await page.waitForSelector('#connection[data-state="live"]');

    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: [hold, 'Sorry, I was far away.'] });
    await sendFromPage(page, 'Are you there?');
    await page.waitForSelector('.msg.streaming .stalled');
    expect(await page.textContent('.msg.streaming .stalled')).toContain('slow to answer');
    expect(await page.isVisible('.msg.streaming .stalled button:has-text("Cancel")')).toBe(true);
    hold.release();
    await waitIdle(page);
    expect(await page.locator('.stalled').count()).toBe(0);
    expect(await page.locator('.msg.assistant .body').last().innerText()).toBe('Sorry, I was far away.');

    const stuck = f.fake.hold();
    f.fake.enqueue({ chunks: [stuck, 'Never seen.'] });
    await sendFromPage(page, 'Hello again?');
    await page.click('.msg.streaming .stalled button:has-text("Cancel")');
    await page.waitForSelector('.notice:has-text("The reply was cancelled.")');
    await waitIdle(page);
    expect(await page.locator('.stalled').count()).toBe(0);
    stuck.release();
  });

  it('copies a message, as written, with its Copy button', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: f.t.url });
    const sessionId = await createSession(f.t.url, {});
    f.fake.enqueue({ chunks: ['*Nods.* ', 'The **tide** turns at six.'] });
    await openChat(page, f.t.url, sessionId);
    await sendFromPage(page, 'When does the tide turn?');
    await waitIdle(page);

    await page.click('.msg.assistant .copy');
    await page.waitForSelector('.msg.assistant .copy:has-text("Copied")');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('*Nods.* The **tide** turns at six.');
    await page.click('.msg.user .copy');
    await page.waitForSelector('.msg.user .copy:has-text("Copied")');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('When does the tide turn?');
  });

  it('says what to do about a refused send, with the button that does it', async () => {
    const sessionId = await createSession(f.t.url, {});
    await api(f.t.url, 'DELETE', '/api/settings/openrouter-api-key');
    try {
      await openChat(page, f.t.url, sessionId);
      await page.waitForSelector('#banner-text:has-text("No OpenRouter API key is set yet")');
      expect(await page.textContent('#banner-action')).toBe('Open Settings');

      await sendFromPage(page, 'Is anyone there?');
      await page.waitForSelector('#banner-text:has-text("Add an OpenRouter API key in Settings")');
      expect(await page.inputValue('#input')).toBe('Is anyone there?');
      await page.click('#banner-action');
      await page.waitForSelector('#settings-dialog[open]');
      await page.waitForSelector('#key-status:has-text("No key is stored yet")');
      await page.fill('#key-input', TEST_API_KEY);
      await page.click('#key-save');
      await page.waitForSelector('#key-result:has-text("Key saved.")');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#banner', { state: 'hidden' });
    } finally {
      await api(f.t.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: TEST_API_KEY });
    }
    await page.press('#input', 'Enter');
    await waitIdle(page);
    expect(await page.locator('.msg.user .body').textContent()).toBe('Is anyone there?');
  });

  it('keeps an unsent draft per chat, across switching chats and reloading', async () => {
    const first = await createSession(f.t.url, {});
    const second = await createSession(f.t.url, {});
    await openChat(page, f.t.url, first);
    await page.fill('#input', 'Half a thought,\nstill forming');
    await openChat(page, f.t.url, second);
    expect(await page.inputValue('#input')).toBe('');
    await page.fill('#input', 'Something else');
    await openChat(page, f.t.url, first);
    expect(await page.inputValue('#input')).toBe('Half a thought,\nstill forming');
    await page.reload();
    await page.waitForSelector('#connection[data-state="live"]');
    expect(await page.inputValue('#input')).toBe('Half a thought,\nstill forming');

    await page.press('#input', 'Enter');
    await waitIdle(page);
    expect(await page.inputValue('#input')).toBe('');
    expect(await page.evaluate((id) => localStorage.getItem(`hearth.draft.${id}`), first)).toBeNull();
    await openChat(page, f.t.url, second);
    expect(await page.inputValue('#input')).toBe('Something else');
  });
});
