// The composer: writing and sending a message, cancelling the reply, and which controls are open
// while a chat is open, a send is in flight, or a reply is running.
import { api, ApiError, newIdempotencyKey, openStream } from './api.js';
import { $ } from './dom.js';
import { view } from './messages.js';
import { banner, clearBanner, plainWords, words } from './status.js';
import { store } from './store.js';
import { onEvent } from './stream.js';
import { editLastUserMessage } from './message-tools.js';

/** Unsent text is kept per chat in this browser, so switching chats or reloading loses nothing. */
const DRAFT_KEY = 'hearth.draft.';

function saveDraft() {
  const sessionId = store.get('sessionId');
  if (sessionId === null) return;
  const text = $('input').value;
  if (text === '') localStorage.removeItem(DRAFT_KEY + sessionId);
  else localStorage.setItem(DRAFT_KEY + sessionId, text);
}

function restoreDraft() {
  const sessionId = store.get('sessionId');
  $('input').value = sessionId === null ? '' : (localStorage.getItem(DRAFT_KEY + sessionId) ?? '');
  autosize();
}

function updateComposer() {
  const open = store.get('sessionId') !== null;
  const live = store.get('live');
  const busy = store.get('sending') || live !== null;
  $('input').disabled = !open || busy;
  $('send').disabled = !open || busy;
  $('cancel').hidden = live === null;
  $('edit-chat').hidden = !open;
}

async function send() {
  const input = $('input');
  const content = input.value;
  const sessionId = store.get('sessionId');
  if (sessionId === null || content.trim() === '' || store.get('sending') || store.get('live')) return;
  input.value = '';
  autosize();
  saveDraft();
  store.set({ sending: true });
  clearBanner();
  let started = false;
  try {
    await openStream('POST', `/api/chat-sessions/${sessionId}/send-message`, {
      body: { content, stream: true },
      // One key per user send: a retried POST can never start a second reply.
      headers: { 'idempotency-key': newIdempotencyKey() },
      onEvent(ev) {
        started = true;
        onEvent(sessionId, ev);
      },
    });
  } catch (err) {
    if (err instanceof ApiError) {
      // Refused before anything was saved: give the text back.
      if (store.get('sessionId') === sessionId && input.value === '') {
        input.value = content;
        saveDraft();
      }
      const said = plainWords(err.message);
      banner(said.text, 'error', said.action);
    } else if (!started) {
      banner('The connection was lost while sending. If your message does not appear, send it again.');
    }
    // Lost after the start: the attached stream carries the rest of the reply.
  } finally {
    store.set({ sending: false });
    if (!store.get('live') && !view.hasSelection()) input.focus();
  }
}

async function cancel() {
  const sessionId = store.get('sessionId');
  if (sessionId === null) return;
  $('cancel').disabled = true;
  try {
    await api('POST', `/api/chat-sessions/${sessionId}/cancel-message`);
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

export function wireComposer() {
  store.subscribe(['sessionId', 'sending', 'live'], updateComposer);
  updateComposer();
  $('composer').addEventListener('submit', (/** @type {Event} */ e) => {
    e.preventDefault();
    void send();
  });
  $('input').addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void send();
    } else if (e.key === 'ArrowUp' && !e.isComposing && $('input').value === '' && editLastUserMessage()) {
      // As in Slack or Discord: Up in an empty composer edits the last message you wrote.
      e.preventDefault();
    }
  });
  $('input').addEventListener('input', () => {
    autosize();
    saveDraft();
  });
  store.subscribe(['sessionId'], restoreDraft);
  $('cancel').addEventListener('click', () => void cancel());
}
