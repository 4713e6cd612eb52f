import { readFileSync } from 'node:fs';
import type Axe from 'axe-core';
import type { Page } from 'playwright-core';
import { cardPng, V2_CARD } from '../support/card-fixtures';
import { createSession, GenerationFixture, startGenerationApp } from '../support/generation-fixture';
import { api, TEST_DB } from '../support/test-app';
import {
  Browser,
  DESKTOP,
  Device,
  launchBrowser,
  openChat,
  PHONE,
  sendFromPage,
  waitForReply,
  waitIdle,
} from './browser';

jest.setTimeout(120_000);

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** On a phone, every visible button, select, text box and checkbox row in `scope` is a 44px touch target. */
async function expectTouchTargets(page: Page, scope: string): Promise<void> {
  if (!(await page.isVisible('#menu'))) return;
  const { checked, small } = await page.$$eval(
    `${scope} button, ${scope} select, ${scope} input:not([type="checkbox"]), ${scope} label.check`,
    (els) => {
      const shown = els.filter((el) => (el as HTMLElement).offsetParent !== null);
      return {
        checked: shown.length,
        small: shown
          .filter((el) => el.getBoundingClientRect().height < 44)
          .map((el) => `${el.outerHTML.slice(0, 80)}: ${el.getBoundingClientRect().height}px`),
      };
    },
  );
  expect(checked).toBeGreaterThan(3);
  expect({ scope, small }).toEqual({ scope, small: [] });
}

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page and returns its serious and critical findings. The page's CSP allows
 * only its own scripts; page.evaluate runs outside it, so axe goes in that way.
 */
async function seriousFindings(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof Axe };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
}

async function expectNoSeriousFindings(page: Page, state: string): Promise<void> {
  // Animations (typing dots, the stalled notice) must not leave axe reading half-faded colours.
  await page.waitForTimeout(50);
  const findings = await seriousFindings(page);
  expect({ state, findings }).toEqual({ state, findings: [] });
}

/** Settings and New chat sit in the chat list, which a phone keeps behind the menu button. */
async function showChatList(page: Page): Promise<void> {
  if (await page.isVisible('#menu')) {
    if ((await page.getAttribute('#menu', 'aria-expanded')) !== 'true') await page.click('#menu');
    await page.waitForSelector('#sidebar.open');
  }
}

for (const [name, device] of [
  ['desktop 1280x800', DESKTOP],
  ['phone 390x844', PHONE],
] as Array<[string, Device]>) {
  describe(`accessibility on ${name} (${TEST_DB})`, () => {
    let f: GenerationFixture;
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await launchBrowser(device);
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

    it('has no serious findings with no chats, and dialogs take focus in and give it back', async () => {
      await page.goto(f.t.url);
      await page.waitForSelector('#empty:has-text("No chats yet")');
      await expectNoSeriousFindings(page, 'empty page');

      await showChatList(page);
      await page.focus('#open-settings');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#settings-dialog[open]');
      await page.waitForSelector('#key-status:has-text("A key is stored")');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#settings-dialog'))).toBe(true);
      await expectNoSeriousFindings(page, 'settings dialog');
      await page.waitForSelector('#key-status-anthropic:has-text("No key is stored yet")');
      await expectTouchTargets(page, '#settings-dialog');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#settings-dialog[open]', { state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('open-settings');

      await showChatList(page);
      await page.focus('#new-chat');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#chat-dialog[open]');
      await page.waitForSelector('#pick-aiModel option', { state: 'attached' });
      expect(await page.evaluate(() => !!document.activeElement?.closest('#chat-dialog'))).toBe(true);
      await expectNoSeriousFindings(page, 'new-chat dialog');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#chat-dialog[open]', { state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-chat');
    });

    it('has no serious findings in a chat: a finished reply, while streaming, after a provider error, editing a record', async () => {
      const sessionId = await createSession(f.t.url, { character: 'Keeper of the lighthouse.' });
      await openChat(page, f.t.url, sessionId);
      f.fake.enqueue({ chunks: ['*She looks up.* ', 'Welcome, **traveller**.\n\nSit by the fire.'] });
      await sendFromPage(page, 'Hello there.\n\n*I shake off the rain.*');
      await waitIdle(page);
      await waitForReply(page, 'She looks up. Welcome, traveller.\n\nSit by the fire.');
      await expectNoSeriousFindings(page, 'finished reply');

      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: ['The fire ', 'crackles.', hold, ' Done.'] });
      await sendFromPage(page, 'Tell me more.');
      await waitForReply(page, 'The fire crackles.');
      await page.waitForSelector('#cancel:not([hidden])');
      await expectNoSeriousFindings(page, 'streaming');
      hold.release();
      await waitIdle(page);

      f.fake.enqueue({ status: 402 });
      await sendFromPage(page, 'And then?');
      await page.waitForSelector('.notice.error');
      await waitIdle(page);
      await expectNoSeriousFindings(page, 'provider error');

      await page.click('#edit-chat');
      await page.waitForSelector('#edit-character:not([disabled])');
      await page.focus('#edit-character');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#record-dialog[open]');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#record-dialog'))).toBe(true);
      await expectNoSeriousFindings(page, 'edit-character dialog');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#record-dialog[open]', { state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-character');
      if (await page.isVisible('#menu')) {
        // Phones: the Edit button is a 44px touch target like every other control.
        const box = await page.locator('#edit-character').boundingBox();
        expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(44);
      }
    });

    it('has no serious findings in the model editor (catalogue, parameters, an unreachable list) and the chat parameters dialog', async () => {
      const sessionId = await createSession(f.t.url);
      await openChat(page, f.t.url, sessionId);
      await page.click('#edit-chat');
      await page.waitForSelector('#edit-aiModel:not([disabled])');
      await page.focus('#edit-aiModel');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#catalogue-list button[data-model-id="openai/gpt-4o-mini"]');
      await page.focus('#catalogue-search');
      await page.keyboard.type('r1');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await page.inputValue('#record-label')).toBe('deepseek/deepseek-r1');
      await page.click('#record-parameters-details summary');
      await page.selectOption('#model-param-reasoning', 'budget');
      await expectNoSeriousFindings(page, 'model editor with the catalogue and parameters');
      await expectTouchTargets(page, '#record-dialog');
      await page.selectOption('#record-provider', 'openai');
      await page.waitForSelector('#catalogue-status:has-text("cannot be had")');
      await expectNoSeriousFindings(page, 'model editor, catalogue unreachable');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#record-dialog[open]', { state: 'detached' });
      // Phones reach a chat's parameters through Edit chat; wider screens also from the header.
      const opener = (await page.isVisible('#menu')) ? '#chat-parameters-more' : '#chat-parameters';
      if (opener === '#chat-parameters') {
        await page.keyboard.press('Escape');
        await page.waitForSelector('#chat-dialog[open]', { state: 'detached' });
      }
      await page.focus(opener);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#chat-parameters-dialog[open]');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#chat-parameters-dialog'))).toBe(true);
      await page.fill('#chat-param-topP', '1.5');
      await page.click('#chat-parameters-save');
      await page.waitForSelector('#chat-parameters-error:has-text("Top P must be a number from 0 to 1")');
      await expectNoSeriousFindings(page, 'chat parameters, refused');
      await expectTouchTargets(page, '#chat-parameters-dialog');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#chat-parameters-dialog[open]', { state: 'detached' });
      expect(await page.evaluate(() => `#${document.activeElement?.id}`)).toBe(opener);
    });

    it('has no serious findings in the characters dialog, after a refused import, and in the character editor', async () => {
      const imported = await fetch(`${f.t.url}/api/characters/import`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: new Uint8Array(cardPng({ chara: V2_CARD })),
      });
      expect(imported.status).toBe(201);
      const mira = (await imported.json()) as { id: number };
      await page.goto(f.t.url);
      await page.waitForSelector('#session-list', { state: 'attached' });
      await showChatList(page);
      await page.focus('#open-characters');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#characters-dialog[open]');
      await page.waitForSelector(`#character-list li[data-character-id="${mira.id}"] img.avatar`);
      expect(await page.evaluate(() => !!document.activeElement?.closest('#characters-dialog'))).toBe(true);
      await expectNoSeriousFindings(page, 'characters dialog');
      await expectTouchTargets(page, '#characters-dialog');

      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#card-pick')]);
      await chooser.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2]') });
      await page.waitForSelector('#characters-error:not([hidden])');
      await expectNoSeriousFindings(page, 'import refused');

      await page.focus(`#character-list li[data-character-id="${mira.id}"] .character-edit`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#character-dialog[open]');
      await page.waitForSelector('#lorebook-entries .lore-entry');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#character-dialog'))).toBe(true);
      await expectNoSeriousFindings(page, 'character editor');
      await expectTouchTargets(page, '#character-dialog');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#character-dialog[open]', { state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit Mira');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#characters-dialog[open]', { state: 'detached' });
    });

    it('has no serious findings with the conversation controls: variants, editing, the delete dialog, a stopped reply, thinking', async () => {
      const sessionId = await createSession(f.t.url, { character: 'Keeper of the lighthouse.' });
      await api(f.t.url, 'PATCH', `/api/chat-sessions/${sessionId}`, { keepPartialOnCancel: true });
      await openChat(page, f.t.url, sessionId);
      f.fake.enqueue({ chunks: ['The first answer.'] });
      await sendFromPage(page, 'Hello.');
      await waitForReply(page, 'The first answer.');
      await waitIdle(page);
      f.fake.enqueue({ chunks: ['The second answer.'] });
      await page.click('.msg-foot .regenerate');
      await page.waitForSelector('.msg-foot .variant-count:text-is("2/2")');
      await waitIdle(page);
      await expectNoSeriousFindings(page, 'reply with variants');
      if (await page.isVisible('#menu')) {
        // Phones: every control on a message is a 44px touch target.
        for (const b of await page.locator('.msg button:visible').all()) {
          const box = await b.boundingBox();
          expect({ button: await b.innerText(), size: Math.min(box?.width ?? 0, box?.height ?? 0) >= 44 }).toEqual({
            button: await b.innerText(),
            size: true,
          });
        }
      }

      await page.focus('.msg.assistant .edit');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.msg.assistant .editor textarea:focus');
      await expectNoSeriousFindings(page, 'editing a message');
      await page.keyboard.press('Escape');
      await page.waitForSelector('.msg.assistant .editor', { state: 'detached' });

      await page.focus('.msg.user .delete');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#delete-dialog[open]');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#delete-dialog'))).toBe(true);
      await expectNoSeriousFindings(page, 'delete dialog');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#delete-dialog[open]', { state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.classList.contains('delete'))).toBe(true);

      const hold = f.fake.hold();
      f.fake.enqueue({ chunks: [' And', hold, ' more.'] });
      await page.click('.msg-foot .continue');
      await hold.reached;
      await waitForReply(page, 'The second answer. And');
      await page.click('#cancel');
      await page.waitForSelector('.msg.assistant .stopped');
      await waitIdle(page);
      hold.release();
      await expectNoSeriousFindings(page, 'stopped reply');

      // A reasoning model's reply, held while it thinks.
      const thinking = f.fake.hold();
      f.fake.enqueue({ chunks: [{ reasoning: 'Thinking it over.' }, thinking, 'Done.'] });
      await sendFromPage(page, 'Think first.');
      await page.waitForSelector('details.thinking[open]');
      await thinking.reached;
      await expectNoSeriousFindings(page, 'thinking');
      thinking.release();
      await waitIdle(page);
    });
  });
}
