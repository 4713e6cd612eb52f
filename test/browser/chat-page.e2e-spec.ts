import type { Page } from 'playwright-core';
import { api, TEST_DB } from '../support/test-app';
import { DEFAULT_MODEL } from '../support/fake-openrouter';
import {
  createSession,
  GenerationFixture,
  messageRows,
  startGenerationApp,
  streamStatus,
  TEST_API_KEY,
  waitUntil,
} from '../support/generation-fixture';
import {
  Browser,
  lastReply,
  launchBrowser,
  openChat,
  screenshot,
  sendFromPage,
  waitForReply,
  waitIdle,
} from './browser';

jest.setTimeout(90_000);

/** A chat with a named model, character, profile and prompt, as a person would set one up. */
async function storySession(url: string, name: string): Promise<number> {
  const post = async (path: string, body: unknown): Promise<number> => {
    const res = await api<{ id: number }>(url, 'POST', path, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  return post('/api/chat-sessions', {
    name,
    aiModelId: await post('/api/ai-models', { label: DEFAULT_MODEL, name: 'GPT-4o mini' }),
    characterId: await post('/api/characters', {
      name: 'Mara',
      description: 'Keeper of the old lighthouse. Speaks softly, notices everything.',
    }),
    userProfileId: await post('/api/user-profiles', { name: 'Sam', description: 'A traveller caught by the storm.' }),
    systemPromptId: await post('/api/system-prompts', {
      name: 'Second person',
      content: 'Write in the second person, present tense.',
    }),
  });
}

async function assistantRows(f: GenerationFixture, sessionId: number): Promise<string[]> {
  return (await messageRows(f.t, sessionId)).filter((m) => m.role === 'assistant').map((m) => m.content);
}

describe(`chat page in Chromium (${TEST_DB})`, () => {
  let f: GenerationFixture;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    f = await startGenerationApp({ GENERATION_RATE_LIMIT: '1000' });
  }, 90_000);
  afterAll(async () => {
    // Unset if beforeAll failed: close what did start, so that failure stays the one reported.
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

  it('first run: stores the API key from Settings, then sets up a chat with a new model, character, profile and prompt', async () => {
    await api(f.t.url, 'DELETE', '/api/settings/openrouter-api-key');
    await page.goto(f.t.url);
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('#banner-text')).toContain('No OpenRouter API key is set yet');

    await page.click('#open-settings');
    await page.waitForSelector('#key-status:has-text("No key is stored yet")');
    await page.fill('#key-input', 'not-a-key');
    await page.click('#key-save');
    await page.waitForSelector('#settings-error:not([hidden])');
    expect(await page.textContent('#settings-error')).toMatch(/sk-/);
    await page.fill('#key-input', TEST_API_KEY);
    await page.click('#key-save');
    await page.waitForSelector('#key-status:has-text("A key is stored: sk-or-")');
    expect(await page.textContent('#key-status')).toContain(TEST_API_KEY.slice(-4));
    expect(await page.textContent('#key-result')).toBe('Key saved.');
    await screenshot(page, 'settings');
    await page.click('#settings-form button[value="close"]');
    expect(
      (await api<{ openrouterApiKeySet: boolean }>(f.t.url, 'GET', '/api/settings')).body.openrouterApiKeySet,
    ).toBe(true);

    await page.click('#new-chat');
    await page.waitForSelector('#chat-dialog[open]');
    await page.fill('#chat-name', 'The lighthouse');
    await page.selectOption('#pick-aiModel', 'new');
    await page.fill('#new-aiModel-label', DEFAULT_MODEL);
    await page.fill('#new-aiModel-name', 'GPT-4o mini');
    await page.selectOption('#pick-character', 'new');
    await page.fill('#new-character-name', 'Mara');
    await page.fill('#new-character-text', 'Keeper of the old lighthouse.');
    await page.selectOption('#pick-userProfile', 'new');
    await page.fill('#new-userProfile-name', 'Sam');
    await page.fill('#new-userProfile-text', 'A traveller caught by the storm.');
    await page.selectOption('#pick-systemPrompt', 'new');
    await page.fill('#new-systemPrompt-name', 'Second person');
    await page.fill('#new-systemPrompt-text', 'Write in the second person.');
    await page.$eval('#chat-form', (form) => form.scrollTo({ top: 0 }));
    await screenshot(page, 'new-chat');
    await page.click('#chat-save');
    await page.waitForSelector('#chat-dialog[open]', { state: 'detached' });
    await page.waitForSelector('#chat-title:has-text("The lighthouse")');
    await page.waitForSelector('#connection[data-state="live"]');

    const sessions = await api<
      Array<{ id: number; name: string; aiModel: { label: string }; character: { name: string } }>
    >(f.t.url, 'GET', '/api/chat-sessions');
    const created = sessions.body.find((s) => s.name === 'The lighthouse');
    expect(created).toMatchObject({ aiModel: { label: DEFAULT_MODEL }, character: { name: 'Mara' } });
    const full = await api<Record<string, { name?: string; content?: string } | null>>(
      f.t.url,
      'GET',
      `/api/chat-sessions/${created?.id}`,
    );
    expect(full.body.userProfile?.name).toBe('Sam');
    expect(full.body.systemPrompt?.content).toBe('Write in the second person.');
    expect(await page.textContent('#chat-subtitle')).toContain('Mara');
  });

  it('sends a message and shows the reply as it streams: typing dots, input locked, Cancel offered, markdown', async () => {
    const sessionId = await storySession(f.t.url, 'The storm');
    const hold = f.fake.hold();
    f.fake.enqueue({
      chunks: [
        '*She looks up from the lamp.* ',
        '"You made it through **that**',
        hold,
        ' storm?"\n\n- a chair by the fire\n- hot tea',
      ],
      delayMs: 20,
    });
    await openChat(page, f.t.url, sessionId);
    await sendFromPage(page, 'Hello? Is anyone here?');

    await waitForReply(page, 'She looks up from the lamp. "You made it through that');
    expect(await page.locator('.msg.streaming .body strong').textContent()).toBe('that');
    expect(await page.isVisible('.msg.streaming .typing')).toBe(true);
    expect(await page.isDisabled('#input')).toBe(true);
    expect(await page.isDisabled('#send')).toBe(true);
    expect(await page.isVisible('#cancel')).toBe(true);
    expect(await page.textContent('.msg.user .body')).toBe('Hello? Is anyone here?');
    await screenshot(page, 'streaming');

    hold.release();
    await waitIdle(page);
    expect(await lastReply(page)).toBe(
      'She looks up from the lamp. "You made it through that storm?"\n\na chair by the fire\nhot tea',
    );
    expect(await page.locator('.msg.assistant .body em').first().textContent()).toBe('She looks up from the lamp.');
    expect(await page.locator('.msg.assistant .body strong').textContent()).toBe('that');
    expect(await page.locator('.msg.assistant .body li').count()).toBe(2);
    expect(await page.isVisible('#cancel')).toBe(false);
    expect(await page.textContent('.msg.assistant .who')).toBe('Mara');
    await screenshot(page, 'reply-done');
    expect(await assistantRows(f, sessionId)).toEqual([
      '*She looks up from the lamp.* "You made it through **that** storm?"\n\n- a chair by the fire\n- hot tea',
    ]);
    // The page sent a fresh Idempotency-Key, so a retried POST could not have started a second reply.
    const { DataSource } = await import('typeorm');
    const keys: Array<{ key: string }> = await f.t.app
      .get(DataSource)
      .query('SELECT key FROM idempotency_keys WHERE chat_session_id = $1', [sessionId]);
    expect(keys).toHaveLength(1);
    expect(keys[0].key).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('Cancel stops the reply: the partial text is marked unsaved, the reason is shown, the input is free again', async () => {
    const sessionId = await storySession(f.t.url, 'The lamp room');
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['The wind howls against the', hold, ' glass.'] });
    await openChat(page, f.t.url, sessionId);
    await sendFromPage(page, 'Tell me about the storm.');
    await waitForReply(page, 'The wind howls against the');

    await page.click('#cancel');
    await page.waitForSelector('.notice:has-text("The reply was cancelled.")');
    await waitIdle(page);
    expect(await page.textContent('.msg.assistant.unsaved .note')).toContain('Not saved');
    expect(await page.isVisible('#cancel')).toBe(false);
    await screenshot(page, 'cancelled');
    hold.release();
    expect(await assistantRows(f, sessionId)).toEqual([]);

    // The session is free at once.
    await sendFromPage(page, 'Again, please.');
    await waitIdle(page);
    expect(await assistantRows(f, sessionId)).toHaveLength(1);
  });

  it('two tabs on one chat both show a generation live, whichever tab started it', async () => {
    const sessionId = await storySession(f.t.url, 'Two windows');
    const other = await browser.newPage();
    await openChat(page, f.t.url, sessionId);
    await openChat(other, f.t.url, sessionId);
    await waitUntil(async () => (await streamStatus(f.t.url, sessionId)).connections === 2, 5000, 'two tabs attached');

    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Both of you ', 'can see ', hold, 'this.'] });
    await sendFromPage(page, 'Can the other tab see this?');
    await waitForReply(other, 'Both of you can see');
    expect(await other.textContent('.msg.user .body')).toBe('Can the other tab see this?');
    expect(await other.isDisabled('#input')).toBe(true);
    expect(await other.isVisible('#cancel')).toBe(true);
    await screenshot(other, 'second-tab');

    hold.release();
    await waitIdle(page);
    await waitIdle(other);
    expect(await lastReply(page)).toBe('Both of you can see this.');
    expect(await lastReply(other)).toBe('Both of you can see this.');

    // And the other way round, with the second tab sending.
    f.fake.enqueue({ chunks: ['Back ', 'at you.'] });
    await sendFromPage(other, 'And from here?');
    await waitForReply(page, 'Back at you.');
    await waitIdle(page);
    expect(await page.locator('.msg').count()).toBe(4);
    expect(await other.locator('.msg').count()).toBe(4);
  });

  it('a reload in the middle of a reply picks it up where it was, then finishes it', async () => {
    const sessionId = await storySession(f.t.url, 'The long night');
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['Before the reload, ', 'part one.', hold, ' After it, part two.'] });
    await openChat(page, f.t.url, sessionId);
    await sendFromPage(page, 'Keep going even if I reload.');
    await waitForReply(page, 'Before the reload, part one.');

    await page.reload();
    await page.waitForSelector('#connection[data-state="live"]');
    await waitForReply(page, 'Before the reload, part one.');
    expect(await page.textContent('.msg.user .body')).toBe('Keep going even if I reload.');
    expect(await page.isVisible('.msg.streaming .typing')).toBe(true);
    expect(await page.isDisabled('#input')).toBe(true);
    await screenshot(page, 'after-reload');

    hold.release();
    await waitIdle(page);
    expect(await lastReply(page)).toBe('Before the reload, part one. After it, part two.');
    expect(await assistantRows(f, sessionId)).toEqual(['Before the reload, part one. After it, part two.']);
    expect(await page.locator('.msg').count()).toBe(2);
  });

  it('shows failures in words: a provider error event, and a refused send', async () => {
    const sessionId = await storySession(f.t.url, 'Bad weather');
    await openChat(page, f.t.url, sessionId);
    f.fake.enqueue({ status: 402 });
    await sendFromPage(page, 'Will this work?');
    await page.waitForSelector('.notice.error');
    const notice = await page.textContent('.notice.error');
    expect(notice).toMatch(/credit/i);
    await waitIdle(page);
    await screenshot(page, 'provider-error');

    // Mid-stream failure: the partial text stays visible, marked as not saved.
    f.fake.enqueue({ chunks: ['Half a sen'], end: 'error', error: { message: 'Upstream model crashed' } });
    await sendFromPage(page, 'Try again?');
    await page.waitForSelector('.msg.assistant.unsaved');
    await waitIdle(page);
    expect(await page.locator('.notice.error').count()).toBe(2);

    await api(f.t.url, 'DELETE', '/api/settings/openrouter-api-key');
    await sendFromPage(page, 'And now?');
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('#banner-text')).toMatch(/API key/i);
    expect(await page.inputValue('#input')).toBe('And now?');
    await api(f.t.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: TEST_API_KEY });
  });

  it('shows markup in a streamed reply as text: nothing from the model runs or becomes an element', async () => {
    const sessionId = await storySession(f.t.url, 'Strange signals');
    f.fake.enqueue({
      chunks: [
        '<img src=x onerr',
        'or="window.__pwned=1"> ',
        '<script>window.__pwned=2</scr',
        'ipt> ',
        '[tap](javascript:window.__pwned=3)',
      ],
    });
    await openChat(page, f.t.url, sessionId);
    await sendFromPage(page, 'Any strange signals?');
    await waitIdle(page);
    await page.waitForTimeout(200);
    const found = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      elements: Array.from(document.querySelectorAll('.msg.assistant .body *')).map((e) => e.tagName.toLowerCase()),
    }));
    expect(found.pwned).toBeUndefined();
    expect(found.elements).toEqual(['div', 'p']);
    expect(await lastReply(page)).toBe(
      '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [tap](javascript:window.__pwned=3)',
    );
  });

  it('edits the open chat: a new character takes over the header and the reply labels', async () => {
    const sessionId = await storySession(f.t.url, 'A change of keeper');
    await openChat(page, f.t.url, sessionId);
    await page.click('#edit-chat');
    await page.waitForSelector('#chat-dialog[open]');
    expect(await page.inputValue('#chat-name')).toBe('A change of keeper');
    await page.selectOption('#pick-character', 'new');
    await page.fill('#new-character-name', 'Ilse');
    await page.fill('#new-character-text', 'The new keeper, brisk and cheerful.');
    await page.click('#chat-save');
    await page.waitForSelector('#chat-dialog[open]', { state: 'detached' });
    await page.waitForSelector('#chat-subtitle:has-text("Ilse")');

    await sendFromPage(page, 'Who are you?');
    await waitIdle(page);
    expect(await page.locator('.msg.assistant .who').last().textContent()).toBe('Ilse');
    const session = await api<{ character: { name: string; description: string } }>(
      f.t.url,
      'GET',
      `/api/chat-sessions/${sessionId}`,
    );
    expect(session.body.character).toMatchObject({ name: 'Ilse', description: 'The new keeper, brisk and cheerful.' });
    const prompt = (await f.fake.waitForRequest(f.fake.chatRequests.length - 1)).body?.messages?.[0]?.content;
    expect(prompt).toContain('The new keeper, brisk and cheerful.');
  });

  it('a chat deleted elsewhere says so instead of reconnecting for ever', async () => {
    const sessionId = await storySession(f.t.url, 'Soon gone');
    await openChat(page, f.t.url, sessionId);
    expect((await api(f.t.url, 'DELETE', `/api/chat-sessions/${sessionId}`)).status).toBe(204);
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('#banner-text')).toBe(`Chat session ${sessionId} does not exist`);
    await page.waitForSelector('#connection[data-state="off"]', { state: 'attached' });
  });

  it('follows new text at the bottom, and stops following when the reader scrolls up', async () => {
    const sessionId = await storySession(f.t.url, 'The logbook');
    const [h1, h2] = [f.fake.hold(), f.fake.hold()];
    const para = (n: number): string =>
      `Paragraph ${n}: the sea keeps rolling in, grey and patient, under a low sky.\n\n`;
    f.fake.enqueue({
      chunks: [...Array.from({ length: 25 }, (_, i) => para(i + 1)), h1, para(26), h2, 'The end.'],
    });
    await openChat(page, f.t.url, sessionId);
    await sendFromPage(page, 'A long story, please.');
    await page.waitForFunction(() => document.body.innerText.includes('Paragraph 25'));
    const atBottom = (): Promise<boolean> =>
      page.$eval('#messages', (el) => el.scrollHeight - el.scrollTop - el.clientHeight < 48);
    await page.waitForFunction(() => {
      const el = document.getElementById('messages') as HTMLElement;
      return el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    });
    expect(await atBottom()).toBe(true);

    await page.$eval('#messages', (el) => el.scrollTo({ top: 100 }));
    await page.waitForTimeout(100);
    h1.release();
    await page.waitForFunction(() => document.body.innerText.includes('Paragraph 26'));
    await page.waitForTimeout(100);
    expect(await page.$eval('#messages', (el) => el.scrollTop)).toBe(100);
    expect(await page.isVisible('#jump')).toBe(true);

    await page.click('#jump');
    expect(await atBottom()).toBe(true);
    h2.release();
    await waitIdle(page);
    expect(await atBottom()).toBe(true);
  });
});

describe(`chat page with API_TOKEN and ADMIN_TOKEN (${TEST_DB})`, () => {
  const env = { API_TOKEN: 'chat-token', ADMIN_TOKEN: 'admin-token' };
  let f: GenerationFixture;
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    f = await startGenerationApp(env);
  }, 90_000);
  afterAll(async () => {
    // Unset if beforeAll failed: close what did start, so that failure stays the one reported.
    await (browser as Browser | undefined)?.close();
    await (f as GenerationFixture | undefined)?.close();
  });

  it('says a token is needed, then works with the one saved in Settings', async () => {
    const sessionId = await createSession(f.t.url, {}, { authorization: 'Bearer chat-token' });
    const page = await browser.newPage();
    await page.goto(`${f.t.url}/#chat=${sessionId}`);
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('#banner-text')).toMatch(/API_TOKEN.*set the token under Settings/);

    await page.click('#open-settings');
    await page.fill('#token-input', 'chat-token');
    await page.click('#token-save');
    // The chat token is not enough to read the key's status: the page says so in the server's words.
    await page.waitForSelector('#key-status:has-text("ADMIN_TOKEN")');
    await page.click('#settings-form button[value="close"]');
    await page.waitForSelector('#connection[data-state="live"]');
    expect(await page.evaluate(() => localStorage.getItem('hearth.token'))).toBe('chat-token');

    await sendFromPage(page, 'Authorised now?');
    await waitIdle(page);
    expect(await lastReply(page)).toBe('Hello from the fake OpenRouter.');
    await page.close();
  });
});
