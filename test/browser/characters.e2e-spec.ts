import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { cardPng, V2_CARD, V3_CARD } from '../support/card-fixtures';
import { DEFAULT_MODEL } from '../support/fake-openrouter';
import { createSession, GenerationFixture, startGenerationApp } from '../support/generation-fixture';
import { api, TEST_DB } from '../support/test-app';
import { Browser, launchBrowser, openChat, screenshot } from './browser';

jest.setTimeout(90_000);

interface LorebookEntry {
  keys: string[];
  secondaryKeys: string[];
  content: string;
  enabled: boolean;
  constant: boolean;
  selective: boolean;
  position: string;
  insertionOrder: number;
  id?: number;
  comment?: string;
  extensions: Record<string, unknown>;
}
interface Character {
  id: number;
  name: string;
  alternateGreetings: string[];
  tags: string[];
  hasAvatar: boolean;
  lorebook: { name?: string; scanDepth?: number; entries: LorebookEntry[] } | null;
}

/** Opens the characters dialog from the sidebar. */
async function openCharacters(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#session-list', { state: 'attached' });
  await page.click('#open-characters');
  await page.waitForSelector('#characters-dialog[open]');
}

/** Picks files through the dialog's "Import a card file…" button, as a person does. */
async function pickFiles(page: Page, files: Array<{ name: string; mimeType: string; buffer: Buffer }>) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#card-pick')]);
  await chooser.setFiles(files);
}

/** Drops a file on an element the way a drag from the file manager does. */
async function dropFile(page: Page, selector: string, file: { name: string; mimeType: string; text: string }) {
  const transfer = await page.evaluateHandle((f) => {
    const dt = new DataTransfer();
    dt.items.add(new File([f.text], f.name, { type: f.mimeType }));
    return dt;
  }, file);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent(selector, type, { dataTransfer: transfer });
  }
}

async function importJson(url: string, card: unknown): Promise<Character> {
  const res = await api<Character>(url, 'POST', '/api/characters/import', card);
  expect(res.status).toBe(201);
  return res.body;
}

/** Waits until an avatar <img> (a Playwright selector) shows a real image. */
async function avatarLoaded(page: Page, selector: string): Promise<void> {
  const img = await page.locator(selector).elementHandle();
  await page.waitForFunction((el) => {
    const image = el as HTMLImageElement | null;
    return !!image && image.complete && image.naturalWidth > 0;
  }, img);
}

describe(`characters on the chat page (${TEST_DB})`, () => {
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

  it('imports a PNG card from the file picker, lists it with its avatar, and a new chat with it opens with the greeting', async () => {
    await api(f.t.url, 'POST', '/api/ai-models', { label: DEFAULT_MODEL, name: 'Test model' });
    await openCharacters(page, f.t.url);
    await pickFiles(page, [{ name: 'mira.png', mimeType: 'image/png', buffer: cardPng({ chara: V2_CARD }) }]);

    await page.waitForSelector('#characters-status:has-text("Imported Mira.")');
    const row = '#character-list li:has(.character-name:text-is("Mira"))';
    await avatarLoaded(page, `${row} img.avatar`);
    expect(await page.textContent(`${row} .sub`)).toContain('sea, adventure');
    await screenshot(page, 'characters');
    // Focus goes to the new character, ready for the keyboard.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit Mira');

    await page.click(`${row} .character-chat`);
    await page.waitForSelector('#chat-dialog[open]');
    expect(await page.$eval('#pick-character', (s) => (s as HTMLSelectElement).selectedOptions[0].text)).toBe('Mira');
    await page.click('#chat-save');
    await page.waitForSelector('#chat-dialog[open]', { state: 'detached' });

    await page.waitForSelector('.msg.assistant .body:has-text("Welcome aboard, User.")');
    await avatarLoaded(page, '.msg.assistant .msg-head img.avatar');
    expect(await page.getAttribute('.msg.assistant .msg-head img.avatar', 'alt')).toBe('Avatar of Mira');
    await avatarLoaded(page, '#session-list button[aria-current="true"] img.avatar');
    await screenshot(page, 'character-greeting');
  });

  it('imports a card dropped on the page, and says in a sentence why a file is refused', async () => {
    await openCharacters(page, f.t.url);
    await pickFiles(page, [
      { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') },
    ]);
    await page.waitForSelector('#characters-error:not([hidden])');
    const error = await page.textContent('#characters-error');
    expect(error).toMatch(/^"notes\.json" could not be read as a character card: .+\. Nothing was imported\.$/);
    expect(error).toContain('card: the JSON is not a character card');

    await pickFiles(page, [{ name: 'story.txt', mimeType: 'text/plain', buffer: Buffer.from('Once upon a time') }]);
    await page.waitForSelector('#characters-error:has-text("story.txt")');
    expect(await page.textContent('#characters-error')).toBe(
      '"story.txt" is not a character card: pick a PNG card image or a JSON card file.',
    );
    await page.keyboard.press('Escape');
    await page.waitForSelector('#characters-dialog[open]', { state: 'detached' });

    // A drop anywhere on the page opens the dialog with the result.
    await dropFile(page, 'main', { name: 'vex.json', mimeType: 'application/json', text: JSON.stringify(V3_CARD) });
    await page.waitForSelector('#characters-dialog[open]');
    await page.waitForSelector('#characters-status:has-text("Imported Vex.")');
    expect(await page.isVisible('#characters-error')).toBe(false);
    // No avatar in a JSON card: the initial stands in.
    expect(await page.textContent('#character-list li:has(.character-name:text-is("Vex")) .avatar.initial')).toBe('V');
  });

  it('edits every kind of field and a lorebook entry, adds and removes entries and greetings, and saves', async () => {
    const mira = await importJson(f.t.url, { ...V2_CARD, data: { ...V2_CARD.data, name: 'Mira Two' } });
    await openCharacters(page, f.t.url);
    await page.focus(`#character-list li[data-character-id="${mira.id}"] .character-edit`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#character-dialog[open]');
    expect(await page.inputValue('#ch-firstMessage')).toBe('Welcome aboard, {{user}}.');
    expect(await page.inputValue('#ch-tags')).toBe('sea, adventure');
    expect(await page.locator('#greetings-list textarea').count()).toBe(2);
    const entries = page.locator('#lorebook-entries .lore-entry');
    expect(await entries.count()).toBe(2);
    expect(await entries.nth(0).locator('[data-field="keys"]').inputValue()).toBe('kestrel');
    expect(await entries.nth(0).locator('[data-field="position"]').inputValue()).toBe('before_char');
    expect(await entries.nth(1).locator('[data-field="secondaryKeys"]').inputValue()).toBe('north');
    expect(await entries.nth(1).locator('[data-field="selective"]').isChecked()).toBe(true);
    await page.locator('#lorebook > legend').evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'character-lorebook');

    const first = entries.nth(0);
    await first.locator('[data-field="keys"]').fill('kestrel, brig');
    await first.locator('[data-field="content"]').fill('The Kestrel is a fast brig with red sails.');
    await first.locator('[data-field="constant"]').check();
    await first.locator('[data-field="position"]').selectOption('after_char');
    await first.locator('[data-field="insertionOrder"]').fill('7');
    await page.click('button[aria-label="Remove entry 2"]');
    expect(await entries.count()).toBe(1);
    await page.click('#lorebook-add');
    const added = entries.nth(1);
    await added.locator('[data-field="keys"]').fill('harbour');
    await added.locator('[data-field="content"]').fill('The harbour is at Saltmere.');
    await added.locator('[data-field="enabled"]').uncheck();

    await page.click('button[aria-label="Remove greeting 2"]');
    await page.click('#greeting-add');
    await page.locator('#greetings-list textarea').last().fill('Fair winds, {{user}}.');
    await page.fill('#ch-tags', 'sea, ships ,');
    await page.fill('#ch-personality', 'warm');
    await page.click('#character-save');
    await page.waitForSelector('#character-dialog[open]', { state: 'detached' });
    await page.waitForSelector('#characters-status:has-text("Saved Mira Two.")');

    const saved = (await api<Character>(f.t.url, 'GET', `/api/characters/${mira.id}`)).body;
    expect(saved).toMatchObject({
      personality: 'warm',
      tags: ['sea', 'ships'],
      alternateGreetings: ['Back again?', 'Fair winds, {{user}}.'],
    });
    expect(saved.lorebook?.name).toBe('Kestrel lore');
    expect(saved.lorebook?.scanDepth).toBe(3);
    expect(saved.lorebook?.entries).toEqual([
      expect.objectContaining({
        keys: ['kestrel', 'brig'],
        content: 'The Kestrel is a fast brig with red sails.',
        constant: true,
        enabled: true,
        position: 'after_char',
        insertionOrder: 7,
        // What the form does not show is kept.
        id: 1,
        comment: 'ship',
        extensions: { probability: 100 },
      }),
      expect.objectContaining({
        keys: ['harbour'],
        secondaryKeys: [],
        content: 'The harbour is at Saltmere.',
        enabled: false,
        constant: false,
        selective: false,
        position: 'after_char',
        insertionOrder: 100,
      }),
    ]);
  });

  it('a refused save names the box in a sentence and changes nothing', async () => {
    const vex = await importJson(f.t.url, V3_CARD);
    await openCharacters(page, f.t.url);
    await page.click(`#character-list li[data-character-id="${vex.id}"] .character-edit`);
    await page.waitForSelector('#character-dialog[open]');
    await page.fill('#ch-name', '  ');
    await page.click('#character-save');
    await page.waitForSelector('#character-error:not([hidden])');
    expect(await page.textContent('#character-error')).toBe(
      'Name must not be empty: correct it and press Save again. Nothing was changed.',
    );
    expect((await api<Character>(f.t.url, 'GET', `/api/characters/${vex.id}`)).body.name).toBe('Vex');
  });

  it('exports the character as a PNG card and as a JSON card', async () => {
    const res = await fetch(`${f.t.url}/api/characters/import`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(cardPng({ chara: V2_CARD })),
    });
    expect(res.status).toBe(201);
    const character = (await res.json()) as Character;
    await openCharacters(page, f.t.url);
    await page.click(`#character-list li[data-character-id="${character.id}"] .character-edit`);
    await page.waitForSelector('#character-dialog[open]');
    await avatarLoaded(page, '#character-avatar img.avatar');

    const [download, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().includes(`/api/characters/${character.id}/export?format=png`)),
      page.click('#export-png'),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    // The file the browser saved is the card.
    const png = readFileSync(await download.path());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(download.suggestedFilename()).toBe('Mira.png');
    // What was downloaded imports back as the same character.
    const again = await fetch(`${f.t.url}/api/characters/import`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ name: 'Mira', firstMessage: 'Welcome aboard, {{user}}.' });

    const [jsonDownload, jsonResponse] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().includes('export?format=json')),
      page.click('#export-json'),
    ]);
    expect(jsonResponse.status()).toBe(200);
    const json = readFileSync(await jsonDownload.path(), 'utf8');
    expect(JSON.parse(json)).toMatchObject({ spec: 'chara_card_v3', data: { name: 'Mira' } });
    expect(jsonDownload.suggestedFilename()).toBe('Mira.json');
  });

  it("the chat dialog's character form leads to the full editor, and a lorebook made there is saved", async () => {
    const sessionId = await createSession(f.t.url, { character: 'Keeper of the lighthouse.' });
    const { characterId } = (await api<{ characterId: number }>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}`))
      .body;
    await openChat(page, f.t.url, sessionId);
    await page.click('#edit-chat');
    await page.waitForSelector('#edit-character:not([disabled])');
    await page.click('#edit-character');
    await page.waitForSelector('#record-dialog[open]');
    await page.click('#record-more');
    await page.waitForSelector('#character-dialog[open]');
    expect(await page.inputValue('#ch-description')).toBe('Keeper of the lighthouse.');
    expect(await page.isVisible('#lorebook-empty')).toBe(true);

    await page.fill('#ch-scenario', 'A storm is coming.');
    await page.click('#lorebook-add');
    const entry = page.locator('#lorebook-entries .lore-entry').first();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('keys');
    await entry.locator('[data-field="keys"]').fill('lamp');
    await entry.locator('[data-field="content"]').fill('The lamp burns whale oil.');
    await page.click('#character-save');
    await page.waitForSelector('#character-dialog[open]', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-character');
    expect(await page.isVisible('#chat-dialog')).toBe(true);

    const saved = (await api<Character & { scenario: string }>(f.t.url, 'GET', `/api/characters/${characterId}`)).body;
    expect(saved.scenario).toBe('A storm is coming.');
    expect(saved.lorebook?.entries).toEqual([
      expect.objectContaining({ keys: ['lamp'], content: 'The lamp burns whale oil.', enabled: true }),
    ]);
  });
});
