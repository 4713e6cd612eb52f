import type { Page } from 'playwright-core';
import { api, TEST_DB } from '../support/test-app';
import {
  createSession,
  GenerationFixture,
  messageRows,
  startGenerationApp,
  streamStatus,
  waitUntil,
} from '../support/generation-fixture';
import { STREAM_HUB, StreamHub } from '../../src/streaming/stream-hub';
import { Browser, launchBrowser, openChat, screenshot, sendFromPage, waitForReply, waitIdle } from './browser';

jest.setTimeout(120_000);

interface Variant {
  index: number;
  content: string;
  partial: boolean;
}

/** The ‹ n/m › counter under the last reply, as shown. */
function counter(page: Page): Promise<string> {
  return page.locator('.msg-foot .variant-count').innerText();
}

async function waitForCounter(page: Page, text: string): Promise<void> {
  await page.waitForSelector(`.msg-foot .variant-count:text-is("${text}")`);
}

/** Waits for the reply and for its controls (they come back once the generation has ended). */
async function settled(page: Page, reply: string): Promise<void> {
  await waitForReply(page, reply);
  await waitIdle(page);
  await page.waitForSelector('.msg-foot .regenerate');
}

describe(`conversation control on the chat page in Chromium (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    f = await startGenerationApp({ GENERATION_RATE_LIMIT: '1000' });
  }, 90_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (f as GenerationFixture | undefined)?.close();
  });
  beforeEach(async () => {
    f.fake.reset();
    page = await browser.newPage();
  });
  afterEach(async () => {
    for (const p of browser.context.pages()) await p.close();
  });

  const variants = async (sessionId: number, messageId: number): Promise<Variant[]> =>
    (await api<Variant[]>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}/messages/${messageId}/variants`)).body;

  it('regenerates three times, picks the second with the arrows, continues it, and keeps a stopped continue across a reload', async () => {
    const sessionId = await createSession(f.t.url, { character: 'Keeper of the lighthouse.' });
    await openChat(page, f.t.url, sessionId);

    // "Keep stopped replies" is the chat's own setting, in its dialog.
    await page.click('#edit-chat');
    await page.waitForSelector('#chat-dialog[open]');
    expect(await page.isChecked('#chat-keep-partial')).toBe(false);
    await page.check('#chat-keep-partial');
    await page.click('#chat-save');
    await page.waitForSelector('#chat-dialog[open]', { state: 'detached' });
    const session = await api<{ keepPartialOnCancel: boolean }>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}`);
    expect(session.body.keepPartialOnCancel).toBe(true);

    f.fake.enqueue({ chunks: ['First ', 'answer.'] });
    await sendFromPage(page, 'Tell me about the light.');
    await settled(page, 'First answer.');
    // One variant: no arrows yet, only Regenerate and Continue.
    expect(await page.isVisible('.msg-foot .variant-count')).toBe(false);

    for (const [i, text] of ['Second answer.', 'Third answer.', 'Fourth answer.'].entries()) {
      f.fake.enqueue({ chunks: [text] });
      await page.click('.msg-foot .regenerate');
      await settled(page, text);
      await waitForCounter(page, `${i + 2}/${i + 2}`);
    }
    // Regenerated in place: still one reply bubble.
    expect(await page.locator('.msg.assistant').count()).toBe(1);
    const replyId = Number(await page.getAttribute('.msg.assistant', 'data-message-id'));
    expect((await variants(sessionId, replyId)).map((v) => v.content)).toEqual([
      'First answer.',
      'Second answer.',
      'Third answer.',
      'Fourth answer.',
    ]);

    await page.click('.msg-foot .prev');
    await waitForCounter(page, '3/4');
    await page.click('.msg-foot .prev');
    await waitForCounter(page, '2/4');
    await waitForReply(page, 'Second answer.');
    // The keyboard reaches the arrows too.
    await page.focus('.msg-foot .next');
    await page.keyboard.press('Enter');
    await waitForCounter(page, '3/4');
    await page.focus('.msg-foot .prev');
    await page.keyboard.press('Enter');
    await waitForCounter(page, '2/4');
    let rows = await messageRows(f.t, sessionId);
    expect(rows.at(-1)?.content).toBe('Second answer.');

    f.fake.enqueue({ chunks: [' And ', 'more.'] });
    await page.click('.msg-foot .continue');
    await settled(page, 'Second answer. And more.');
    expect(await counter(page)).toBe('2/4');
    await screenshot(page, 'variants');
    // The continue sent the reply as the final assistant turn (the prefill).
    expect(f.fake.requests.at(-1)?.body?.messages?.at(-1)).toEqual({
      role: 'assistant',
      content: 'Second answer.',
    });

    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: [' Then', hold, ' never this.'] });
    await page.click('.msg-foot .continue');
    await waitForReply(page, 'Second answer. And more. Then');
    await hold.reached;
    await page.click('#cancel');
    await page.waitForSelector('.notice:has-text("The text so far was kept.")');
    await waitIdle(page);
    hold.release();
    await page.waitForSelector('.msg.assistant .stopped');
    await waitForReply(page, 'Second answer. And more. Then');
    await screenshot(page, 'stopped-kept');
    rows = await messageRows(f.t, sessionId);
    expect(rows.at(-1)?.content).toBe('Second answer. And more. Then');
    expect((await variants(sessionId, replyId))[1]).toMatchObject({ partial: true });

    await page.reload();
    await page.waitForSelector('#connection[data-state="live"]');
    await waitForReply(page, 'Second answer. And more. Then');
    await page.waitForSelector('.msg.assistant .stopped');
    await waitForCounter(page, '2/4');
    // The arrow past the last variant writes a new one (as in SillyTavern).
    await page.click('.msg-foot .next');
    await waitForCounter(page, '3/4');
    await page.click('.msg-foot .next');
    await waitForCounter(page, '4/4');
    expect(await page.getAttribute('.msg-foot .next', 'aria-label')).toMatch(/^Regenerate/);
    f.fake.enqueue({ chunks: ['Fifth answer.'] });
    await page.click('.msg-foot .next');
    await settled(page, 'Fifth answer.');
    await waitForCounter(page, '5/5');
    expect(await page.isVisible('.msg.assistant .stopped')).toBe(false);
  });

  it('two tabs: a regenerate streams in place in both, and a swipe in one shows in the other', async () => {
    const sessionId = await createSession(f.t.url);
    await openChat(page, f.t.url, sessionId);
    f.fake.enqueue({ chunks: ['Version one.'] });
    await sendFromPage(page, 'Hello.');
    await settled(page, 'Version one.');

    const other = await browser.newPage();
    await openChat(other, f.t.url, sessionId);
    await waitForReply(other, 'Version one.');

    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Version ', hold, 'two.'] });
    await page.click('.msg-foot .regenerate');
    // The other tab rewrites the same bubble as the text arrives, and hides the controls meanwhile.
    await waitForReply(other, 'Version');
    expect(await other.locator('.msg.assistant').count()).toBe(1);
    expect(await other.isVisible('.msg-foot')).toBe(false);
    hold.release();
    await settled(other, 'Version two.');
    await waitForCounter(other, '2/2');
    await waitForCounter(page, '2/2');

    await page.click('.msg-foot .prev');
    await waitForCounter(page, '1/2');
    await waitForCounter(other, '1/2');
    await waitForReply(other, 'Version one.');
    await other.click('.msg-foot .next');
    await waitForCounter(page, '2/2');
    await waitForReply(page, 'Version two.');
    expect(await page.locator('.msg.assistant').count()).toBe(1);
  });

  it('edits in place, by button and with Up in an empty composer; another tab shows the edit', async () => {
    const sessionId = await createSession(f.t.url);
    await openChat(page, f.t.url, sessionId);
    f.fake.enqueue({ chunks: ['A reply with a typo: teh end.'] });
    await sendFromPage(page, 'I open teh door.');
    await settled(page, 'A reply with a typo: teh end.');
    const other = await browser.newPage();
    await openChat(other, f.t.url, sessionId);

    // Up in the empty composer opens the last message of yours for editing; Escape leaves it as it was.
    await page.focus('#input');
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector('.msg.user .editor textarea:focus');
    expect(await page.inputValue('.msg.user .editor textarea')).toBe('I open teh door.');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.msg.user .editor', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('edit'))).toBe(true);

    await page.focus('#input');
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector('.msg.user .editor textarea:focus');
    await screenshot(page, 'edit-in-place');
    await page.fill('.msg.user .editor textarea', '');
    await page.click('.msg.user .editor button[type="submit"]');
    await page.waitForSelector('.msg.user .editor .error-text:has-text("cannot be empty")');
    await page.fill('.msg.user .editor textarea', '*I open the door.*\n\nIt creaks.');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('.msg.user .editor', { state: 'detached' });
    expect(await page.innerText('.msg.user .body')).toBe('I open the door.\n\nIt creaks.');
    expect(await page.locator('.msg.user .body em').count()).toBe(1);

    await page.click('.msg.assistant .edit');
    await page.fill('.msg.assistant .editor textarea', 'A reply without a typo: the end.');
    await page.click('.msg.assistant .editor button[type="submit"]');
    await waitForReply(page, 'A reply without a typo: the end.');

    expect((await messageRows(f.t, sessionId)).map((m) => m.content)).toEqual([
      '*I open the door.*\n\nIt creaks.',
      'A reply without a typo: the end.',
    ]);
    await waitForReply(other, 'A reply without a typo: the end.');
    await other.waitForFunction(
      () => document.querySelector<HTMLElement>('.msg.user .body')?.innerText === 'I open the door.\n\nIt creaks.',
    );
  });

  it('deletes one message and rewinds to a message, each after a confirmation', async () => {
    const sessionId = await createSession(f.t.url);
    await openChat(page, f.t.url, sessionId);
    for (const n of [1, 2, 3]) {
      f.fake.enqueue({ chunks: [`Reply ${n}.`] });
      await sendFromPage(page, `Message ${n}.`);
      await settled(page, `Reply ${n}.`);
    }
    const contents = async () => (await messageRows(f.t, sessionId)).map((m) => m.content);

    // Cancel in the dialog deletes nothing.
    await page.locator('.msg.assistant .delete').nth(0).click();
    await page.waitForSelector('#delete-dialog[open]');
    expect(await page.textContent('#delete-text')).toContain('4 later messages');
    await page.click('#delete-dialog button[value="close"]');
    await page.waitForSelector('#delete-dialog[open]', { state: 'detached' });
    expect(await contents()).toHaveLength(6);

    await page.locator('.msg.assistant .delete').nth(0).click();
    await page.click('#delete-one');
    await page.waitForSelector('#delete-dialog[open]', { state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('.msg').length === 5);
    expect(await contents()).toEqual(['Message 1.', 'Message 2.', 'Reply 2.', 'Message 3.', 'Reply 3.']);

    // Rewind to "Message 2.": it and everything after it go, here and in another tab.
    const other = await browser.newPage();
    await openChat(other, f.t.url, sessionId);
    await other.waitForFunction(() => document.querySelectorAll('.msg').length === 5);
    await page.locator('.msg.user .delete').nth(1).click();
    await page.waitForSelector('#delete-after:not([hidden])');
    expect(await page.textContent('#delete-after')).toBe('Rewind: delete it and the 3 after it');
    await screenshot(page, 'delete-dialog');
    await page.click('#delete-after');
    await page.waitForFunction(() => document.querySelectorAll('.msg').length === 1);
    expect(await contents()).toEqual(['Message 1.']);
    // The last message is now the person's, with no reply: Retry is offered.
    await page.waitForSelector('.retry-bar .retry');
    await other.waitForFunction(() => document.querySelectorAll('.msg').length === 1);
    await other.waitForSelector('.retry-bar .retry');
    expect(await other.innerText('.msg .body')).toBe('Message 1.');

    // The last message offers no rewind (there is nothing after it).
    await page.click('.msg.user .delete');
    await page.waitForSelector('#delete-dialog[open]');
    expect(await page.isVisible('#delete-after')).toBe(false);
    await page.click('#delete-one');
    await page.waitForFunction(() => document.querySelectorAll('.msg').length === 0);
    expect(await contents()).toEqual([]);
    expect(await page.isVisible('.retry-bar')).toBe(false);
  });

  it('offers Retry after a failed reply, and again after a reload', async () => {
    const sessionId = await createSession(f.t.url);
    await openChat(page, f.t.url, sessionId);
    f.fake.enqueue({ status: 502, message: 'Provider returned error' });
    await sendFromPage(page, 'Are you there?');
    await page.waitForSelector('.notice.error');
    await waitIdle(page);
    await page.waitForSelector('.retry-bar .retry');

    f.fake.enqueue({ status: 502, message: 'Provider returned error' });
    await page.click('.retry-bar .retry');
    await page.waitForFunction(() => document.querySelectorAll('.notice.error').length === 2);
    await waitIdle(page);
    await page.reload();
    await page.waitForSelector('#connection[data-state="live"]');
    await page.waitForSelector('.retry-bar .retry');
    expect(await page.locator('.msg').count()).toBe(1);
    await screenshot(page, 'retry');

    f.fake.enqueue({ chunks: ['Here ', 'I am.'] });
    await page.focus('.retry-bar .retry');
    await page.keyboard.press('Enter');
    await settled(page, 'Here I am.');
    expect(await page.isVisible('.retry-bar')).toBe(false);
    expect((await messageRows(f.t, sessionId)).map((m) => [m.role, m.content])).toEqual([
      ['user', 'Are you there?'],
      ['assistant', 'Here I am.'],
    ]);
    // The retry was a regenerate: it sent the user's message once, as the last turn.
    const sent = f.fake.requests.at(-1)?.body?.messages ?? [];
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'Are you there?' });
    expect(sent.filter((m) => m.content === 'Are you there?')).toHaveLength(1);
  });

  it('shows reasoning in a Thinking block: open while the model thinks, folded once the reply begins, in a late tab, after a reload', async () => {
    const sessionId = await createSession(f.t.url);
    await openChat(page, f.t.url, sessionId);
    const thought = 'The user greets me. I should answer warmly.';
    const thinking = f.fake.hold();
    const writing = f.fake.hold();
    f.fake.enqueue({
      chunks: [
        { reasoning: 'The user greets me. ' },
        thinking,
        { reasoning: 'I should answer warmly.' },
        'Welcome, ',
        writing,
        'traveller.',
      ],
    });
    await sendFromPage(page, 'Hello.');
    await page.waitForSelector('.msg.assistant details.thinking[open]');
    await thinking.reached;
    await screenshot(page, 'thinking');
    thinking.release();
    await writing.reached;
    await waitForReply(page, 'Welcome,');
    expect(await page.textContent('.msg.assistant .thinking-text')).toBe(thought);
    expect(await page.isVisible('.msg.assistant details.thinking[open]')).toBe(false);

    // A tab that joins now gets the reasoning, then the text, counted in one offset: no loop, no repeat.
    const late = await browser.newPage();
    await openChat(late, f.t.url, sessionId);
    await waitForReply(late, 'Welcome,');
    expect(await late.textContent('.thinking-text')).toBe(thought);

    // A notice (no id line) mid-generation, then the server drops the attached tabs: they come back
    // with the generation's Last-Event-ID (reasoning and text counted together), not without one.
    const resumedWith: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/stream')) resumedWith.push(r.headers()['last-event-id'] ?? '(none)');
    });
    const hub = f.t.app.get<symbol, StreamHub>(STREAM_HUB);
    const { streamId } = await streamStatus(f.t.url, sessionId);
    await hub.notify(sessionId, { type: 'messages_changed', change: 'edited', messageId: 1 });
    await hub.closeConnections(sessionId);
    await waitUntil(async () => resumedWith.length > 0, 10_000, 'the page to reconnect');
    expect(resumedWith[0]).toBe(`${streamId}:${thought.length + 'Welcome, '.length}`);
    await page.waitForSelector('#connection[data-state="live"]');

    writing.release();
    await settled(page, 'Welcome, traveller.');
    await waitForReply(late, 'Welcome, traveller.');
    expect(await late.locator('.msg.assistant').count()).toBe(1);
    expect(await late.textContent('.thinking-text')).toBe(thought);
    await late.close();

    // The saved reply keeps its reasoning: folded after a reload, there to open.
    await page.reload();
    await waitForReply(page, 'Welcome, traveller.');
    const block = page.locator('.msg.assistant details.thinking');
    expect(await block.getAttribute('open')).toBeNull();
    await block.locator('summary').click();
    expect(await block.locator('.thinking-text').innerText()).toBe(thought);
  });
});
