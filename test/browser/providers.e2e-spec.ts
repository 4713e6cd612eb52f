import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FakeAnthropic } from '../../stand-ins/anthropic';
import { FakeOpenRouter } from '../support/fake-openrouter';
import { createSession, GenerationFixture, startGenerationApp, TEST_API_KEY } from '../support/generation-fixture';
import { api, TEST_DB } from '../support/test-app';
import { Browser, launchBrowser, openChat, screenshot, sendFromPage, waitForReply, waitIdle } from './browser';

jest.setTimeout(120_000);

const ANTHROPIC_KEY = 'sk-ant-api03-page-test-key-0000042';

interface AiModel {
  id: number;
  label: string;
  name: string | null;
  provider: string;
  contextLength: number | null;
  parameters: Record<string, unknown> | null;
}

/** Opens the AI model editor from the chat dialog of the open chat. */
async function openModelEditor(page: Page): Promise<void> {
  await page.click('#edit-chat');
  await page.waitForSelector('#chat-dialog[open]');
  await page.click('#edit-aiModel:not([disabled])');
  await page.waitForSelector('#record-dialog[open]');
}

describe(`providers on the chat page (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let anthropic: FakeAnthropic;
  let local: FakeOpenRouter;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    anthropic = await FakeAnthropic.start({ validKeys: [ANTHROPIC_KEY] });
    local = await FakeOpenRouter.start({ keyless: true });
    f = await startGenerationApp({
      ANTHROPIC_BASE_URL: anthropic.url,
      OPENAI_COMPATIBLE_ENDPOINTS: `local-llm=${local.url}`,
    });
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser.close();
    await f.close();
    await anthropic.close();
    await local.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(async () => {
    for (const p of browser.context.pages()) await p.close();
  });

  it('keys for two providers in Settings, a model from each catalogue, and a chat temperature that reaches the provider', async () => {
    await api(f.t.url, 'DELETE', '/api/settings/openrouter-api-key');
    const sessionId = await createSession(f.t.url);
    await openChat(page, f.t.url, sessionId);

    // Settings: a key per provider, each with its own status line and link to where keys are made.
    await page.click('#open-settings');
    await page.waitForSelector('#key-status-anthropic:has-text("No key is stored yet")');
    expect(await page.getAttribute('fieldset[data-provider="anthropic"] a', 'href')).toBe(
      'https://console.anthropic.com/settings/keys',
    );
    expect(await page.textContent('#key-status-openai')).toContain('No key is stored yet');
    expect(await page.textContent('#key-status-local-llm')).toContain('No key needed');
    expect(await page.isDisabled('#key-remove-anthropic')).toBe(true);
    expect(await page.locator('fieldset[data-provider="local-llm"] a').count()).toBe(0);
    expect(await page.textContent('#key-server')).toContain(f.fake.url);
    await page.fill('#key-input', TEST_API_KEY);
    await page.click('#key-save');
    await page.waitForSelector('#key-status:has-text("A key is stored: sk-or-")');
    await page.fill('#key-input-anthropic', ANTHROPIC_KEY);
    await page.check('#key-verify-anthropic');
    await page.click('#key-save-anthropic');
    await page.waitForSelector('#key-status-anthropic:has-text("A key is stored: sk-ant-")');
    expect(await page.textContent('#key-status-anthropic')).toContain(ANTHROPIC_KEY.slice(-4));
    expect(await page.textContent('#key-result-anthropic')).toBe('Key saved.');
    expect(await page.isDisabled('#key-remove-anthropic')).toBe(false);
    expect(await page.textContent('#key-status')).toContain(TEST_API_KEY.slice(-4));
    await screenshot(page, 'provider-keys');
    await page.keyboard.press('Escape');

    // The model editor: the OpenRouter catalogue, searched; picking fills the id and context length.
    await openModelEditor(page);
    await page.waitForSelector('#catalogue-list button[data-model-id="openai/gpt-4o-mini"]');
    await page.fill('#catalogue-search', 'deepseek');
    await page.waitForSelector('#catalogue-list button[data-model-id="openai/gpt-4o-mini"]', { state: 'detached' });
    await page.click('#catalogue-list button[data-model-id="deepseek/deepseek-r1"]');
    expect(await page.inputValue('#record-label')).toBe('deepseek/deepseek-r1');
    expect(await page.inputValue('#record-context')).toBe('163840');
    expect(await page.textContent('#record-label-check')).toBe('OpenRouter knows this model.');
    // A typed id is checked against the list as it is typed.
    await page.fill('#record-label', 'deepseek/deepseek-r2');
    await page.waitForSelector('#record-label-check:has-text("has no model")');
    expect(await page.textContent('#record-label-check')).toContain('"deepseek/deepseek-r2": check the spelling');
    await page.fill('#record-label', 'deepseek/deepseek-r1');
    await page.waitForSelector('#record-label-check:has-text("OpenRouter knows this model.")');
    await screenshot(page, 'model-picker');
    await page.click('#record-save');
    await page.waitForSelector('#record-dialog[open]', { state: 'detached' });
    const session = (await api<{ aiModelId: number }>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}`)).body;
    const modelPath = `/api/ai-models/${session.aiModelId}`;
    expect((await api<AiModel>(f.t.url, 'GET', modelPath)).body).toMatchObject({
      label: 'deepseek/deepseek-r1',
      provider: 'openrouter',
      contextLength: 163840,
      parameters: null,
    });

    // A provider whose list cannot be had says so in a sentence; the id can still be typed.
    await page.click('#edit-aiModel');
    await page.waitForSelector('#record-dialog[open]');
    await page.selectOption('#record-provider', 'openai');
    await page.waitForSelector('#catalogue-status:has-text("OpenAI\'s model list cannot be had right now")');
    expect(await page.textContent('#catalogue-status')).toContain('Type the model id by hand below.');

    // Then Anthropic's catalogue, and the model's own max tokens in its parameters panel.
    await page.selectOption('#record-provider', 'anthropic');
    await page.click('#catalogue-list button[data-model-id="claude-fake-small"]');
    expect(await page.getAttribute('#catalogue-list button[data-model-id="claude-fake-small"]', 'aria-pressed')).toBe(
      'true',
    );
    await page.click('#record-parameters-details summary');
    await page.fill('#model-param-maxTokens', '0');
    await page.click('#record-save');
    await page.waitForSelector('#record-error:has-text("Max tokens must be a whole number of at least 1")');
    await page.fill('#model-param-maxTokens', '300');
    await page.click('#record-save');
    await page.waitForSelector('#record-dialog[open]', { state: 'detached' });
    expect((await api<AiModel>(f.t.url, 'GET', modelPath)).body).toMatchObject({
      label: 'claude-fake-small',
      provider: 'anthropic',
      parameters: { maxTokens: 300 },
    });
    expect(await page.isVisible('#chat-parameters-more')).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#chat-dialog[open]', { state: 'detached' });
    // A new chat has no parameters of its own yet: the chat dialog offers them only when editing one.
    await page.click('#new-chat');
    await page.waitForSelector('#chat-dialog[open]');
    expect(await page.isHidden('#chat-parameters-more')).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#chat-dialog[open]', { state: 'detached' });

    // The chat's parameters: the model's show under the empty fields; a value out of range is refused by name.
    await page.click('#chat-parameters');
    await page.waitForSelector('#chat-parameters-dialog[open]');
    expect(await page.getAttribute('#chat-param-maxTokens', 'placeholder')).toBe('model: 300');
    await page.fill('#chat-param-temperature', '2.5');
    await page.click('#chat-parameters-save');
    await page.waitForSelector('#chat-parameters-error:has-text("Temperature must be a number from 0 to 2")');
    await screenshot(page, 'chat-parameters');
    // A refusal only the server makes (a thinking budget above its ceiling) is put the same way.
    await page.fill('#chat-param-temperature', '0.7');
    await page.selectOption('#chat-param-reasoning', 'budget');
    await page.fill('#chat-param-reasoning-tokens', '2000000');
    await page.click('#chat-parameters-save');
    await page.waitForSelector('#chat-parameters-error:has-text("Reasoning maxTokens must be a whole number")');
    expect(await page.textContent('#chat-parameters-error')).toContain('correct it and press Save again');
    await page.selectOption('#chat-param-reasoning', '');
    // Stop sequences one per line; \n written in a line is a line break in the sequence.
    await page.fill('#chat-param-stop', 'THE END\n\\nYou:');
    await page.click('#chat-parameters-save');
    await page.waitForSelector('#chat-parameters-dialog[open]', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat-parameters');
    const saved = await api<{ parameters: unknown }>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}`);
    expect(saved.body.parameters).toEqual({ temperature: 0.7, stop: ['THE END', '\nYou:'] });
    await page.click('#chat-parameters');
    await page.waitForSelector('#chat-parameters-dialog[open]');
    expect(await page.inputValue('#chat-param-temperature')).toBe('0.7');
    expect(await page.inputValue('#chat-param-stop')).toBe('THE END\n\\nYou:');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#chat-parameters-dialog[open]', { state: 'detached' });

    // A send goes to Anthropic with the chat's temperature and the model's max tokens.
    const before = f.fake.chatRequests.length;
    await sendFromPage(page, 'Hello, Claude.');
    await waitForReply(page, 'Hello from the fake Anthropic.');
    await waitIdle(page);
    const sent = anthropic.messageRequests.at(-1);
    expect(sent?.body).toMatchObject({
      model: 'claude-fake-small',
      temperature: 0.7,
      max_tokens: 300,
      stop_sequences: ['THE END', '\nYou:'],
    });
    expect(sent?.headers['x-api-key'] ?? sent?.apiKey).toBe(ANTHROPIC_KEY);
    expect(f.fake.chatRequests.length).toBe(before);
  });
});
