// The chat page: sessions and the records they use, settings, and live replies. Every tab keeps
// one GET …/stream open for the open chat, so it shows generations started anywhere (another tab,
// another device, a script) and picks a running one up after a reload.
import { api, ApiError, getToken, openStream, setToken } from './api.js';
import { ChatView } from './chat-view.js';

/** @typedef {import('./api.js').StreamEvent} StreamEvent */

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

const KINDS = /** @type {const} */ ({
  aiModel: { path: '/api/ai-models', optional: false, newLabel: '+ New model…', text: 'label' },
  character: { path: '/api/characters', optional: true, newLabel: '+ New character…', text: 'description' },
  userProfile: { path: '/api/user-profiles', optional: true, newLabel: '+ New profile…', text: 'description' },
  systemPrompt: { path: '/api/system-prompts', optional: true, newLabel: '+ New system prompt…', text: 'content' },
});
/** @typedef {keyof typeof KINDS} Kind */

/** Statuses worth reconnecting after: the server or a proxy in front of it is restarting, or busy. */
const RETRY_STATUSES = new Set([0, 429, 502, 503, 504]);
const CANCEL_WORDS = {
  user_cancelled: 'The reply was cancelled.',
  timeout: 'The reply took longer than the server allows (STREAM_TIMEOUT_MS) and was stopped.',
  no_clients: 'The reply was stopped because nobody was watching it (NO_CLIENT_TIMEOUT_MS).',
  server_shutdown: 'The server restarted while replying; send the message again.',
};

const state = {
  /** @type {any[]} */ sessions: [],
  /** @type {number | null} */ sessionId: null,
  /** @type {any} */ session: null,
  /** @type {Record<Kind, any[]>} */ library: { aiModel: [], character: [], userProfile: [], systemPrompt: [] },
  /** @type {AbortController | null} */ attach: null,
  /** The generation running in the open chat, as far as this tab knows. @type {string | null} */ live: null,
  sending: false,
  /** Generations whose end was shown: later copies of their events (another connection) are ignored. */
  finished: new Set(),
  /** A chat being edited in the dialog, or null for a new one. @type {any} */ editing: null,
};

const view = new ChatView($('messages'), $('jump'));

// ---------------------------------------------------------------- banner and status

/** @param {string} text @param {'error' | 'info'} [kind] */
function banner(text, kind = 'error') {
  $('banner-text').textContent = text;
  $('banner').classList.toggle('info', kind === 'info');
  $('banner').hidden = false;
}
function clearBanner() {
  $('banner').hidden = true;
}
/** @param {unknown} err */
function words(err) {
  return err instanceof Error ? err.message : String(err);
}
/** @param {'live' | 'reconnecting' | 'off'} s */
function setConnection(s) {
  const el = $('connection');
  el.dataset.state = s;
  el.textContent = s === 'live' ? 'Live' : s === 'reconnecting' ? 'Reconnecting…' : '';
}

function updateComposer() {
  const open = state.sessionId !== null;
  const busy = state.sending || state.live !== null;
  $('input').disabled = !open || busy;
  $('send').disabled = !open || busy;
  $('cancel').hidden = state.live === null;
  $('edit-chat').hidden = !open;
}

// ---------------------------------------------------------------- events of generations

/**
 * Applies one event, from whichever connection brought it. Offsets make this idempotent: the
 * send-message response and the attached stream both carry the tab's own generation.
 * @param {number} sessionId
 * @param {StreamEvent} ev
 */
function onEvent(sessionId, ev) {
  if (sessionId !== state.sessionId || state.finished.has(ev.streamId)) return;
  switch (ev.type) {
    case 'start': {
      if (ev.userMessage) view.addMessage(/** @type {any} */ (ev.userMessage));
      view.reply(ev.streamId);
      setLive(ev.streamId);
      break;
    }
    case 'content': {
      const seenBefore = view.replies.has(ev.streamId);
      const reply = view.reply(ev.streamId);
      const data = ev.data ?? '';
      const begins = ev.offset - data.length;
      if (ev.offset <= reply.text.length) return;
      if (begins > reply.text.length) {
        // Text is missing in between (should not happen): start over from the server's copy.
        reply.text = '';
        restartAttach(false);
        return;
      }
      reply.text += data.slice(reply.text.length - begins);
      view.render(reply);
      setLive(ev.streamId);
      // Joined mid-generation (a reload, a late tab): its user message may be newer than our list.
      if (!seenBefore) void refreshMessages(sessionId);
      break;
    }
    case 'done':
    case 'error':
    case 'cancelled': {
      state.finished.add(ev.streamId);
      const reply = view.reply(ev.streamId);
      if (ev.type === 'done' && view.messageIds.has(/** @type {number} */ (ev.messageId))) view.discard(reply);
      else if (ev.type === 'done') view.finish(reply, { messageId: ev.messageId });
      else
        view.finish(reply, {
          note: ev.type === 'error' ? 'Not saved: the reply failed.' : 'Not saved: the reply was stopped.',
        });
      if (ev.type === 'error') view.notice(ev.error ?? 'The reply failed.', 'error');
      if (ev.type === 'cancelled')
        view.notice(
          CANCEL_WORDS[/** @type {keyof typeof CANCEL_WORDS} */ (ev.reason)] ?? `Stopped: ${ev.reason}`,
          'info',
        );
      if (state.live === ev.streamId) setLive(null);
      break;
    }
  }
}

/** @param {string | null} streamId */
function setLive(streamId) {
  if (state.live === streamId) return;
  state.live = streamId;
  updateComposer();
  if (streamId === null && !state.sending) $('input').focus();
}

// ---------------------------------------------------------------- the attached stream

/** @param {number} ms @param {AbortSignal} signal */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve(undefined);
    });
  });
}

/**
 * Keeps GET /stream open for a chat, reconnecting with backoff and resuming after the last event
 * seen (Last-Event-ID), until `signal` aborts or the server refuses for good.
 * @param {number} sessionId
 * @param {AbortSignal} signal
 * @param {boolean} resume
 */
async function attachLoop(sessionId, signal, resume) {
  /** @type {string | undefined} */
  let lastEventId = resume ? lastKnownId() : undefined;
  let delay = 500;
  let connectedBefore = false;
  while (!signal.aborted) {
    try {
      await openStream('GET', `/api/chat-sessions/${sessionId}/stream`, {
        lastEventId,
        signal,
        onOpen() {
          setConnection('live');
          delay = 500;
          if (connectedBefore) void afterReconnect(sessionId);
          connectedBefore = true;
        },
        onEvent(ev) {
          lastEventId = ev.id;
          onEvent(sessionId, ev);
        },
      });
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof ApiError && !RETRY_STATUSES.has(err.status)) {
        setConnection('off');
        banner(err.message);
        return;
      }
    }
    if (signal.aborted) return;
    setConnection('reconnecting');
    await sleep(delay, signal);
    delay = Math.min(delay * 2, 10_000);
  }
}

/** The id of the last event shown for the running generation, to resume after it. */
function lastKnownId() {
  const reply = state.live ? view.replies.get(state.live) : undefined;
  return reply ? `${reply.streamId}:${reply.text.length}` : undefined;
}

/** @param {boolean} resume */
function restartAttach(resume) {
  state.attach?.abort();
  if (state.sessionId === null) return;
  state.attach = new AbortController();
  void attachLoop(state.sessionId, state.attach.signal, resume);
}

/**
 * Back after a lost connection: fetch messages saved meanwhile, and if the generation shown as
 * running has ended and its end did not arrive (it ended long ago), stop showing it as running.
 * @param {number} sessionId
 */
async function afterReconnect(sessionId) {
  await refreshMessages(sessionId);
  const live = state.live;
  if (!live) return;
  // Its end, if the server still has it, comes right after connecting; give it a moment.
  await new Promise((r) => setTimeout(r, 1500));
  if (state.live !== live || state.sessionId !== sessionId) return;
  const status = await api('GET', `/api/chat-sessions/${sessionId}/stream-status`).catch(() => null);
  if (status && status.streamId !== live && state.live === live) {
    const reply = view.replies.get(live);
    if (reply) view.discard(reply);
    state.finished.add(live);
    setLive(null);
    await refreshMessages(sessionId);
  }
}

// ---------------------------------------------------------------- sessions

/** @param {number} sessionId */
async function refreshMessages(sessionId) {
  const after = view.lastMessageId;
  const query = after === undefined ? '?latest=true&limit=200' : `?afterId=${after}&limit=1000`;
  try {
    const messages = await api('GET', `/api/chat-sessions/${sessionId}/messages${query}`);
    if (sessionId !== state.sessionId) return;
    for (const m of messages) view.addMessage(m);
  } catch (err) {
    if (sessionId === state.sessionId) banner(words(err));
  }
}

async function loadSessions() {
  state.sessions = await api('GET', '/api/chat-sessions?limit=500');
  renderSessionList();
}

function renderSessionList() {
  const list = $('session-list');
  list.replaceChildren(
    ...[...state.sessions].reverse().map((s) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.sessionId = String(s.id);
      if (s.id === state.sessionId) b.setAttribute('aria-current', 'true');
      const name = document.createElement('span');
      name.textContent = s.name || `Chat ${s.id}`;
      const sub = document.createElement('span');
      sub.className = 'sub';
      sub.textContent = [s.character?.name, s.aiModel?.label].filter(Boolean).join(' · ');
      b.append(name, sub);
      b.addEventListener('click', () => void openSession(s.id));
      li.append(b);
      return li;
    }),
  );
}

/** @param {number} sessionId */
async function openSession(sessionId) {
  state.attach?.abort();
  state.attach = null;
  state.sessionId = sessionId;
  state.session = null;
  state.live = null;
  state.finished.clear();
  view.clear();
  clearBanner();
  setConnection('off');
  updateComposer();
  history.replaceState(null, '', `#chat=${sessionId}`);
  localStorage.setItem('hearth.session', String(sessionId));
  renderSessionList();
  try {
    state.session = await api('GET', `/api/chat-sessions/${sessionId}`);
  } catch (err) {
    if (state.sessionId === sessionId) {
      banner(words(err));
      if (err instanceof ApiError && err.status === 404) {
        state.sessionId = null;
        updateComposer();
      }
    }
    return;
  }
  if (state.sessionId !== sessionId) return;
  showSessionHeader();
  await refreshMessages(sessionId);
  if (state.sessionId !== sessionId) return;
  if (view.messageIds.size === 0 && view.replies.size === 0) view.placeholder('No messages yet. Say hello!');
  restartAttach(false);
  $('input').focus();
}

function showSessionHeader() {
  const s = state.session;
  $('chat-title').textContent = s ? s.name || `Chat ${s.id}` : 'No chat open';
  $('chat-subtitle').textContent = s
    ? [s.character?.name ?? 'No character', s.userProfile ? `you: ${s.userProfile.name}` : null, s.aiModel?.label]
        .filter(Boolean)
        .join(' · ')
    : '';
  view.names = { user: s?.userProfile?.name ?? 'You', assistant: s?.character?.name ?? 'AI' };
}

// ---------------------------------------------------------------- sending and cancelling

async function send() {
  const input = $('input');
  const content = input.value;
  const sessionId = state.sessionId;
  if (sessionId === null || content.trim() === '' || state.sending || state.live) return;
  state.sending = true;
  input.value = '';
  autosize();
  updateComposer();
  clearBanner();
  let started = false;
  try {
    await openStream('POST', `/api/chat-sessions/${sessionId}/send-message`, {
      body: { content, stream: true },
      onEvent(ev) {
        started = true;
        onEvent(sessionId, ev);
      },
    });
  } catch (err) {
    if (err instanceof ApiError) {
      // Refused before anything was saved: give the text back.
      if (state.sessionId === sessionId && input.value === '') input.value = content;
      banner(err.message);
    } else if (!started) {
      banner('The connection was lost while sending. If your message does not appear, send it again.');
    }
    // Lost after the start: the attached stream carries the rest of the reply.
  } finally {
    state.sending = false;
    updateComposer();
    if (!state.live) input.focus();
  }
}

async function cancel() {
  if (state.sessionId === null) return;
  $('cancel').disabled = true;
  try {
    await api('POST', `/api/chat-sessions/${state.sessionId}/cancel-message`);
  } catch (err) {
    banner(words(err));
  } finally {
    $('cancel').disabled = false;
  }
}

function autosize() {
  const input = $('input');
  if (input.value === '') {
    input.style.height = '';
    return;
  }
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight + 2, window.innerHeight * 0.4)}px`;
}

// ---------------------------------------------------------------- settings

async function openSettings() {
  $('token-input').value = getToken();
  $('token-status').textContent = getToken() ? 'A token is saved in this browser.' : '';
  $('settings-error').hidden = true;
  $('key-result').textContent = '';
  $('settings-dialog').showModal();
  await showKeyStatus();
}

async function showKeyStatus() {
  const status = $('key-status');
  try {
    const s = await api('GET', '/api/settings');
    status.textContent = s.openrouterApiKeySet
      ? `A key is stored: ${s.openrouterApiKeyHint}. Saving a new one replaces it.`
      : 'No key is stored yet. Replies need one: create it at openrouter.ai/keys.';
    return s;
  } catch (err) {
    status.textContent = words(err);
    return null;
  }
}

/** @param {() => Promise<unknown>} action @param {string} done */
async function settingsAction(action, done) {
  const error = $('settings-error');
  error.hidden = true;
  try {
    await action();
    await showKeyStatus();
    $('key-input').value = '';
    $('key-result').textContent = done;
    await checkKeyBanner();
  } catch (err) {
    error.textContent = words(err);
    error.hidden = false;
  }
}

async function checkKeyBanner() {
  try {
    const s = await api('GET', '/api/settings');
    if (!s.openrouterApiKeySet) banner('No OpenRouter API key is set yet: open ⚙ Settings to add one.', 'info');
    else if ($('banner-text').textContent.startsWith('No OpenRouter API key')) clearBanner();
  } catch (err) {
    // With ADMIN_TOKEN set, a chat-only token may not read settings: that is fine.
    if (!(err instanceof ApiError && (err.status === 401 || err.status === 403))) banner(words(err));
  }
}

// ---------------------------------------------------------------- the chat dialog

async function loadLibrary() {
  const kinds = /** @type {Kind[]} */ (Object.keys(KINDS));
  const lists = await Promise.all(kinds.map((k) => api('GET', `${KINDS[k].path}?limit=500`)));
  kinds.forEach((k, i) => (state.library[k] = lists[i]));
}

/** @param {any} session the chat to edit, or null for a new one */
async function openChatDialog(session) {
  state.editing = session;
  $('chat-dialog-title').textContent = session ? 'Edit chat' : 'New chat';
  $('chat-error').hidden = true;
  $('chat-delete').hidden = !session;
  $('chat-name').value = session?.name ?? '';
  $('chat-pre').value = session?.preSystemPrompt ?? '';
  $('chat-post').value = session?.postSystemPrompt ?? '';
  try {
    await loadLibrary();
  } catch (err) {
    banner(words(err));
    return;
  }
  for (const kind of /** @type {Kind[]} */ (Object.keys(KINDS))) {
    const current = session ? session[`${kind}Id`] : state.library[kind].at(-1)?.id;
    fillPicker(kind, kind === 'aiModel' || session ? current : null);
  }
  $('chat-dialog').showModal();
}

/** @param {Kind} kind @param {number | null | undefined} selected */
function fillPicker(kind, selected) {
  const select = $(`pick-${kind}`);
  const spec = KINDS[kind];
  const options = [];
  if (spec.optional) options.push(new Option('— none —', ''));
  for (const item of state.library[kind]) {
    options.push(
      new Option(
        kind === 'aiModel' ? (item.name ? `${item.name} (${item.label})` : item.label) : item.name,
        String(item.id),
      ),
    );
  }
  options.push(new Option(spec.newLabel, 'new'));
  select.replaceChildren(...options);
  select.value = selected != null ? String(selected) : spec.optional ? '' : 'new';
  showPicker(kind);
}

/** @param {Kind} kind */
function showPicker(kind) {
  const select = $(`pick-${kind}`);
  const picker = select.closest('.picker');
  picker.querySelector('.new-fields').hidden = select.value !== 'new';
  const preview = picker.querySelector('.preview');
  if (preview) {
    const item = state.library[kind].find((x) => String(x.id) === select.value);
    preview.textContent = item ? item[KINDS[kind].text] : '';
  }
}

/** Creates the record a picker asks for, if it says "new"; returns the id to use. @param {Kind} kind */
async function pickedId(kind) {
  const select = $(`pick-${kind}`);
  if (select.value === '') return null;
  if (select.value !== 'new') return Number(select.value);
  const body =
    kind === 'aiModel'
      ? { label: $('new-aiModel-label').value.trim(), name: $('new-aiModel-name').value.trim() || null }
      : kind === 'systemPrompt'
        ? { name: $('new-systemPrompt-name').value.trim(), content: $('new-systemPrompt-text').value }
        : { name: $(`new-${kind}-name`).value.trim(), description: $(`new-${kind}-text`).value };
  const created = await api('POST', KINDS[kind].path, body);
  // Point the picker at it, so saving again after another field's error does not create it twice.
  state.library[kind].push(created);
  fillPicker(kind, created.id);
  return created.id;
}

async function saveChat() {
  const error = $('chat-error');
  error.hidden = true;
  $('chat-save').disabled = true;
  try {
    const body = {
      name: $('chat-name').value.trim() || null,
      aiModelId: await pickedId('aiModel'),
      characterId: await pickedId('character'),
      userProfileId: await pickedId('userProfile'),
      systemPromptId: await pickedId('systemPrompt'),
      preSystemPrompt: $('chat-pre').value.trim() ? $('chat-pre').value : null,
      postSystemPrompt: $('chat-post').value.trim() ? $('chat-post').value : null,
    };
    const saved = state.editing
      ? await api('PATCH', `/api/chat-sessions/${state.editing.id}`, body)
      : await api('POST', '/api/chat-sessions', body);
    $('chat-dialog').close();
    await loadSessions();
    if (state.editing && state.sessionId === saved.id) {
      state.session = saved;
      showSessionHeader();
      renderSessionList();
    } else {
      await openSession(saved.id);
    }
  } catch (err) {
    error.textContent = words(err);
    error.hidden = false;
  } finally {
    $('chat-save').disabled = false;
  }
}

async function deleteChat() {
  const session = state.editing;
  if (!session || !confirm(`Delete "${session.name || `Chat ${session.id}`}" and all its messages?`)) return;
  try {
    await api('DELETE', `/api/chat-sessions/${session.id}`);
    $('chat-dialog').close();
    if (state.sessionId === session.id) {
      state.attach?.abort();
      state.sessionId = null;
      state.session = null;
      view.clear();
      showSessionHeader();
      setConnection('off');
      updateComposer();
      history.replaceState(null, '', '#');
      view.placeholder('Pick a chat on the left, or start a new one.');
    }
    await loadSessions();
  } catch (err) {
    $('chat-error').textContent = words(err);
    $('chat-error').hidden = false;
  }
}

// ---------------------------------------------------------------- start-up

function wire() {
  $('composer').addEventListener('submit', (/** @type {Event} */ e) => {
    e.preventDefault();
    void send();
  });
  $('input').addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void send();
    }
  });
  $('input').addEventListener('input', autosize);
  $('cancel').addEventListener('click', () => void cancel());
  $('banner-close').addEventListener('click', clearBanner);
  $('new-chat').addEventListener('click', () => void openChatDialog(null));
  $('edit-chat').addEventListener('click', () => void openChatDialog(state.session));
  $('chat-save').addEventListener('click', () => void saveChat());
  $('chat-delete').addEventListener('click', () => void deleteChat());
  for (const kind of Object.keys(KINDS)) {
    $(`pick-${kind}`).addEventListener('change', () => showPicker(/** @type {Kind} */ (kind)));
  }
  $('open-settings').addEventListener('click', () => void openSettings());
  $('token-save').addEventListener('click', () => {
    setToken($('token-input').value.trim());
    $('settings-error').hidden = true;
    $('token-status').textContent = getToken() ? 'Token saved in this browser.' : 'Token removed.';
    void start();
  });
  $('key-save').addEventListener(
    'click',
    () =>
      void settingsAction(
        () =>
          api('PUT', `/api/settings/openrouter-api-key${$('key-verify').checked ? '?verify=true' : ''}`, {
            apiKey: $('key-input').value.trim(),
          }),
        'Key saved.',
      ),
  );
  $('key-remove').addEventListener(
    'click',
    () => void settingsAction(() => api('DELETE', '/api/settings/openrouter-api-key'), 'Key removed.'),
  );
  window.addEventListener('hashchange', () => {
    const id = sessionFromHash();
    if (id !== null && id !== state.sessionId) void openSession(id);
  });
}

function sessionFromHash() {
  const m = /chat=(\d+)/.exec(location.hash);
  return m ? Number(m[1]) : null;
}

async function start() {
  clearBanner();
  try {
    await loadSessions();
  } catch (err) {
    banner(words(err));
    return;
  }
  await checkKeyBanner();
  const wanted = sessionFromHash() ?? Number(localStorage.getItem('hearth.session') ?? NaN);
  const target = state.sessions.find((s) => s.id === wanted) ?? state.sessions.at(-1);
  if (target) await openSession(target.id);
  else {
    updateComposer();
    $('empty')?.replaceChildren(
      Object.assign(document.createElement('p'), { textContent: 'No chats yet: press "+ New chat" to start one.' }),
    );
  }
}

wire();
void start();
