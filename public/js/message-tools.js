// What a person can do to the conversation: on every message Edit (in place) and Delete… (a
// dialog that also offers to rewind); on the last reply ‹ n/m › to flip between its variants,
// Regenerate and Continue; Retry when the last message has no reply. Regenerate, continue and
// retry stream like a send (stream.js applies their events); the rest are plain calls, and
// every tab follows them through the `messages_changed` notice.
import { api, ApiError, newIdempotencyKey, openStream } from './api.js';
import { $ } from './dom.js';
import { dropTrailingNotes, syncMessages, view } from './messages.js';
import { banner, clearBanner, plainWords } from './status.js';
import { store } from './store.js';
import { onEvent } from './stream.js';

/** @typedef {import('./chat-view.js').Saved} Saved */

/** The message the delete dialog is about. @type {Saved | null} */
let deleting = null;

/** @param {string} text @param {string} className @param {() => void} run */
function button(text, className, run) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', run);
  return b;
}

/** A refusal as a sentence in the banner, with its fix where there is one. @param {unknown} err */
function say(err) {
  const said = plainWords(err instanceof Error ? err.message : String(err));
  banner(said.text, 'error', said.action);
}

/** Edit and Delete… beside Copy on a saved message. @param {Saved} saved */
function addTools(saved) {
  const head = saved.el.querySelector('.msg-head');
  if (!head || head.querySelector('.edit')) return;
  const name = saved.el.querySelector('.who')?.textContent ?? '';
  const edit = button('Edit', 'tool edit', () => startEdit(saved));
  edit.setAttribute('aria-label', `Edit the message from ${name}`);
  const del = button('Delete…', 'tool delete', () => openDelete(saved));
  del.setAttribute('aria-label', `Delete the message from ${name}…`);
  head.append(edit, del);
  const busy = store.get('sending') || store.get('live') !== null;
  edit.disabled = busy;
  del.disabled = busy;
}

/**
 * Starts (generation) regenerate or continue, or a retry (regenerate with the user's message last),
 * streaming its events into the page like a send.
 * @param {'regenerate' | 'continue'} kind
 */
export async function generate(kind) {
  const sessionId = store.get('sessionId');
  if (sessionId === null || store.get('sending') || store.get('live')) return;
  store.set({ sending: true });
  clearBanner();
  let started = false;
  try {
    await openStream('POST', `/api/chat-sessions/${sessionId}/${kind}`, {
      body: { stream: true },
      headers: { 'idempotency-key': newIdempotencyKey() },
      onEvent(ev) {
        started = true;
        onEvent(sessionId, ev);
      },
    });
  } catch (err) {
    if (err instanceof ApiError) say(err);
    else if (!started) banner('The connection was lost before the reply started. If nothing appears, try again.');
  } finally {
    store.set({ sending: false });
    if (!store.get('live') && !view.hasSelection()) $('input').focus();
  }
}

/** Shows another variant of the last reply. @param {Saved} saved @param {number} index */
async function selectVariant(saved, index) {
  const sessionId = store.get('sessionId');
  try {
    const message = await api('PUT', `/api/chat-sessions/${sessionId}/messages/${saved.message.id}/variant`, { index });
    if (store.get('sessionId') === sessionId) view.updateMessage(message);
  } catch (err) {
    say(err);
  }
}

/**
 * The controls under the last reply, made once per message and kept up to date, so the button
 * the reader pressed keeps its focus. The arrow past the last variant generates a new one, as in
 * SillyTavern.
 * @param {Saved} saved
 */
function showFoot(saved) {
  let foot = saved.el.querySelector(':scope > .msg-foot');
  if (!foot) {
    foot = document.createElement('div');
    foot.className = 'msg-foot';
    foot.setAttribute('role', 'group');
    foot.setAttribute('aria-label', 'Reply controls');
    const prev = button('‹', 'swipe prev', () => {
      const i = saved.message.variantIndex ?? 0;
      if (i > 0) void selectVariant(saved, i - 1);
    });
    prev.setAttribute('aria-label', 'Previous version of the reply');
    const count = document.createElement('span');
    count.className = 'variant-count';
    const next = button('›', 'swipe next', () => {
      const i = saved.message.variantIndex ?? 0;
      if (i + 1 < (saved.message.variantCount ?? 1)) void selectVariant(saved, i + 1);
      else void generate('regenerate');
    });
    const regenerate = button('Regenerate', 'subtle regenerate', () => void generate('regenerate'));
    const more = button('Continue', 'subtle continue', () => void generate('continue'));
    foot.append(prev, count, next, regenerate, more);
    saved.el.append(foot);
  }
  const index = saved.message.variantIndex ?? 0;
  const total = saved.message.variantCount ?? 1;
  const [prev, count, next] = /** @type {HTMLElement[]} */ ([...foot.children]);
  /** @type {HTMLButtonElement} */ (prev).disabled = index === 0;
  prev.hidden = total < 2;
  count.hidden = total < 2;
  count.textContent = `${index + 1}/${total}`;
  next.hidden = total < 2;
  next.setAttribute(
    'aria-label',
    index + 1 < total ? 'Next version of the reply' : 'Regenerate: write another version of the reply',
  );
}

/** The bar under a last message that has no reply (it failed, or was stopped and not kept). */
function showRetry() {
  let bar = view.list.querySelector(':scope > .retry-bar');
  if (!bar) {
    bar = document.createElement('div');
    bar.className = 'retry-bar';
    const text = document.createElement('span');
    text.textContent = 'Your last message has no reply.';
    bar.append(
      text,
      button('Retry', 'primary retry', () => void generate('regenerate')),
    );
  }
  if (view.list.lastElementChild !== bar) view.list.append(bar);
}

/** Puts the controls where they belong now: the last message's, enabled only while nothing runs. */
export function updateControls() {
  const busy = store.get('sending') || store.get('live') !== null;
  for (const b of view.list.querySelectorAll('.msg-head .edit, .msg-head .delete')) {
    /** @type {HTMLButtonElement} */ (b).disabled = busy;
  }
  const lastId = view.lastMessageId;
  const last = lastId === undefined ? undefined : view.messageIds.get(lastId);
  const pendingAfter = [...view.replies.values()].some((r) => r.pending);
  const footFor = !busy && !pendingAfter && last?.message.role === 'assistant' ? last : undefined;
  for (const foot of view.list.querySelectorAll('.msg-foot')) {
    if (foot.parentElement !== footFor?.el) foot.remove();
  }
  if (footFor) showFoot(footFor);
  const retry = !busy && !pendingAfter && last?.message.role === 'user';
  if (retry) showRetry();
  else view.list.querySelector(':scope > .retry-bar')?.remove();
}

/** Edits a message where it is shown. @param {Saved} saved */
export function startEdit(saved) {
  const open = saved.el.querySelector('.editor textarea');
  if (open) {
    /** @type {HTMLElement} */ (open).focus();
    return;
  }
  const form = document.createElement('form');
  form.className = 'editor';
  const input = document.createElement('textarea');
  input.value = saved.message.content;
  input.rows = Math.min(12, Math.max(3, saved.message.content.split('\n').length + 1));
  input.setAttribute('aria-label', `Edit the message from ${saved.el.querySelector('.who')?.textContent ?? ''}`);
  const error = document.createElement('p');
  error.className = 'error-text';
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const save = document.createElement('button');
  save.type = 'submit';
  save.className = 'primary';
  save.textContent = 'Save';
  const close = () => {
    form.remove();
    saved.body.hidden = false;
    /** @type {HTMLElement | null} */ (saved.el.querySelector('.msg-head .edit'))?.focus();
  };
  const row = document.createElement('div');
  row.className = 'row end';
  row.append(button('Cancel', 'subtle', close), save);
  form.append(input, error, row);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void saveEdit(saved, input.value, error, save, close);
  });
  input.addEventListener('input', () => (error.hidden = true));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  saved.body.hidden = true;
  saved.body.after(form);
  input.focus();
}

/**
 * @param {Saved} saved @param {string} content @param {HTMLElement} error @param {HTMLButtonElement} save
 * @param {() => void} close
 */
async function saveEdit(saved, content, error, save, close) {
  const sessionId = store.get('sessionId');
  save.disabled = true;
  try {
    const message = await api('PATCH', `/api/chat-sessions/${sessionId}/messages/${saved.message.id}`, { content });
    view.updateMessage(message);
    close();
  } catch (err) {
    error.textContent = plainWords(err instanceof Error ? err.message : String(err)).text;
    error.hidden = false;
  } finally {
    save.disabled = false;
  }
}

/** Up-arrow in an empty composer: edit the last message the person wrote. Returns whether there was one. */
export function editLastUserMessage() {
  const mine = [...view.messageIds.values()].filter((s) => s.message.role === 'user');
  const last = mine.reduce((a, b) => (b.message.id > a.message.id ? b : a), mine[0]);
  if (!last || store.get('sending') || store.get('live')) return false;
  last.el.scrollIntoView({ block: 'nearest' });
  startEdit(last);
  return true;
}

/** @param {Saved} saved */
function openDelete(saved) {
  deleting = saved;
  const later = [...view.messageIds.keys()].filter((id) => id > saved.message.id).length;
  const who = saved.el.querySelector('.who')?.textContent ?? '';
  $('delete-text').textContent =
    `The message from ${who} will be gone for good` +
    (later ? `. Rewinding also deletes the ${later} later message${later === 1 ? '' : 's'}.` : '.');
  $('delete-after').hidden = later === 0;
  $('delete-after').textContent = `Rewind: delete it and the ${later} after it`;
  $('delete-error').hidden = true;
  $('delete-dialog').showModal();
}

/** @param {boolean} after */
async function confirmDelete(after) {
  const saved = deleting;
  const sessionId = store.get('sessionId');
  if (!saved || sessionId === null) return;
  try {
    await api('DELETE', `/api/chat-sessions/${sessionId}/messages/${saved.message.id}${after ? '?after=true' : ''}`);
    $('delete-dialog').close();
    for (const id of [...view.messageIds.keys()]) {
      if (id === saved.message.id || (after && id > saved.message.id)) view.removeMessage(id);
    }
    if (after) dropTrailingNotes();
    void syncMessages(sessionId);
    $('input').focus();
  } catch (err) {
    $('delete-error').textContent = plainWords(err instanceof Error ? err.message : String(err)).text;
    $('delete-error').hidden = false;
  }
}

export function wireMessageTools() {
  view.hooks.onSaved = addTools;
  view.hooks.onChange = updateControls;
  store.subscribe(['sending', 'live', 'sessionId'], updateControls);
  $('delete-one').addEventListener('click', () => void confirmDelete(false));
  $('delete-after').addEventListener('click', () => void confirmDelete(true));
}
