import type { Page } from 'playwright-core';
import { api, TEST_DB } from '../support/test-app';
import { createSession, GenerationFixture, startGenerationApp } from '../support/generation-fixture';
import { Browser, launchBrowser, openChat } from './browser';

jest.setTimeout(90_000);

interface Character {
  id: number;
  name: string;
  description: string;
}

async function sessionCharacter(url: string, sessionId: number): Promise<Character> {
  const res = await api<{ characterId: number }>(url, 'GET', `/api/chat-sessions/${sessionId}`);
  return (await api<Character>(url, 'GET', `/api/characters/${res.body.characterId}`)).body;
}

/** The text of the option a picker shows. */
function pickedText(page: Page, kind: string): Promise<string | undefined> {
  return page.$eval(`#pick-${kind}`, (s) => (s as HTMLSelectElement).selectedOptions.item(0)?.text);
}

/** Opens the open chat's dialog and the Edit form of its character, from the keyboard. */
async function editCharacter(page: Page): Promise<void> {
  await page.click('#edit-chat');
  await page.waitForSelector('#chat-dialog[open]');
  await page.waitForSelector('#edit-character:not([disabled])');
  await page.focus('#edit-character');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#record-dialog[open]');
}

describe(`editing records from the chat dialog (${TEST_DB})`, () => {
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
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(async () => {
    for (const p of browser.context.pages()) await p.close();
  });

  it("saves a character's new name and description, and the picker and the header show them", async () => {
    const sessionId = await createSession(f.t.url, { character: 'Keeper of the lighthouse.' });
    const before = await sessionCharacter(f.t.url, sessionId);
    await openChat(page, f.t.url, sessionId);
    await editCharacter(page);
    expect(await page.textContent('#record-dialog-title')).toBe('Edit character');
    expect(await page.inputValue('#record-name')).toBe(before.name);
    expect(await page.inputValue('#record-text')).toBe('Keeper of the lighthouse.');

    await page.fill('#record-name', 'Mara');
    await page.fill('#record-text', 'Keeper of the old lighthouse. Speaks softly.');
    await page.click('#record-save');
    await page.waitForSelector('#record-dialog[open]', { state: 'detached' });

    const after = await sessionCharacter(f.t.url, sessionId);
    expect(after).toMatchObject({
      id: before.id,
      name: 'Mara',
      description: 'Keeper of the old lighthouse. Speaks softly.',
    });
    expect(await pickedText(page, 'character')).toBe('Mara');
    expect(await page.textContent('.picker[data-kind="character"] .preview')).toBe(
      'Keeper of the old lighthouse. Speaks softly.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-character');
    expect(await page.textContent('#chat-subtitle')).toContain('Mara');
  });

  it('an empty name is refused in words, and nothing changes', async () => {
    const sessionId = await createSession(f.t.url, { character: 'A quiet sailor.' });
    const before = await sessionCharacter(f.t.url, sessionId);
    await openChat(page, f.t.url, sessionId);
    await editCharacter(page);
    await page.fill('#record-name', '   ');
    await page.fill('#record-text', 'Should not be saved.');
    await page.click('#record-save');
    await page.waitForSelector('#record-error:not([hidden])');
    expect(await page.textContent('#record-error')).toBe(
      'Name must not be empty: correct it and press Save again. Nothing was changed.',
    );
    expect(await page.isVisible('#record-dialog')).toBe(true);
    expect(await sessionCharacter(f.t.url, sessionId)).toEqual(before);

    await page.keyboard.press('Escape');
    await page.waitForSelector('#record-dialog[open]', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-character');
    expect(await page.isVisible('#chat-dialog')).toBe(true);
    expect(await pickedText(page, 'character')).toBe(before.name);
  });

  it('edits the AI model (id and display name) and the system prompt through their own forms', async () => {
    const sessionId = await createSession(f.t.url, { systemPrompt: 'Be brief.' });
    await openChat(page, f.t.url, sessionId);
    await page.click('#edit-chat');
    await page.waitForSelector('#edit-aiModel:not([disabled])');
    await page.click('#edit-aiModel');
    await page.waitForSelector('#record-dialog[open]');
    expect(await page.isVisible('#record-text')).toBe(false);
    await page.fill('#record-label', 'openai/gpt-4o');
    await page.fill('#record-name', 'GPT-4o');
    await page.click('#record-save');
    await page.waitForSelector('#record-dialog[open]', { state: 'detached' });
    await page.waitForSelector('#chat-subtitle:has-text("openai/gpt-4o")');
    expect(await pickedText(page, 'aiModel')).toBe('GPT-4o (openai/gpt-4o)');

    await page.click('#edit-systemPrompt');
    await page.waitForSelector('#record-dialog[open]');
    expect(await page.inputValue('#record-text')).toBe('Be brief.');
    await page.fill('#record-text', 'Be very brief.');
    await page.click('#record-save');
    await page.waitForSelector('#record-dialog[open]', { state: 'detached' });
    const s = await api<{ systemPrompt: { content: string }; aiModel: { label: string; name: string } }>(
      f.t.url,
      'GET',
      `/api/chat-sessions/${sessionId}`,
    );
    expect(s.body.systemPrompt.content).toBe('Be very brief.');
    expect(s.body.aiModel).toMatchObject({ label: 'openai/gpt-4o', name: 'GPT-4o' });
  });
});
