import type { Page } from 'playwright-core';
import { api, TEST_DB } from '../support/test-app';
import { DEFAULT_MODEL } from '../support/fake-openrouter';
import { GenerationFixture, send, startGenerationApp } from '../support/generation-fixture';
import { Browser, launchBrowser, openChat, sendFromPage, waitForReply, waitIdle } from './browser';

jest.setTimeout(120_000);

/** What the server measured of a reply reaches the page: a chat longer than its window says so; a reply shows its figures. */
describe(`the context budget on the chat page in Chromium (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    f = await startGenerationApp();
  }, 90_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (f as GenerationFixture | undefined)?.close();
  });

  it('shows a note when the oldest messages were left out of the prompt', async () => {
    const model = await api<{ id: number }>(f.t.url, 'POST', '/api/ai-models', {
      label: DEFAULT_MODEL,
      contextLength: 300,
      parameters: { maxTokens: 50 },
    });
    const session = await api<{ id: number }>(f.t.url, 'POST', '/api/chat-sessions', { aiModelId: model.body.id });
    for (let i = 0; i < 5; i++)
      await (await send(f.t.url, session.body.id, `Turn ${i}: ${'words '.repeat(40)}`)).waitForEnd();
    page = await browser.newPage();
    await openChat(page, f.t.url, session.body.id);
    await expectNoNote();

    f.fake.enqueue({ chunks: ['Still here.'] });
    await sendFromPage(page, 'Do you remember the start?');
    await waitForReply(page, 'Still here.');
    await waitIdle(page);

    const note = await page.locator('#banner-text').innerText();
    expect(note).toMatch(/longer than the model's context window: the \d+ oldest messages were left out/);
  });

  it('shows the model, tokens and cost the provider reported on each reply', async () => {
    const model = await api<{ id: number }>(f.t.url, 'POST', '/api/ai-models', { label: DEFAULT_MODEL });
    const session = await api<{ id: number }>(f.t.url, 'POST', '/api/chat-sessions', { aiModelId: model.body.id });
    page = await browser.newPage();
    await openChat(page, f.t.url, session.body.id);
    f.fake.enqueue({ chunks: ['Counted.'], usage: { promptTokens: 812, completionTokens: 164, cost: 0.00042 } });

    await sendFromPage(page, 'How much?');
    await waitForReply(page, 'Counted.');
    await waitIdle(page);

    await page.waitForSelector('.msg.assistant .usage');
    expect(await page.locator('.msg.assistant .usage').last().innerText()).toBe(
      `${DEFAULT_MODEL} · 812 → 164 tokens · $0.00042`,
    );
  });

  async function expectNoNote(): Promise<void> {
    expect(await page.locator('#banner').isHidden()).toBe(true);
  }
});
