// The chats: the list in the sidebar, opening one (its header, its messages, its attached
// stream), and closing the open one when it is deleted.
import { api, ApiError } from './api.js';
import { avatarElement } from './avatars.js';
import { $ } from './dom.js';
import { refreshMessages, view } from './messages.js';
import { banner, clearBanner, setConnection, words } from './status.js';
import { store } from './store.js';
import { restartAttach, stopStream } from './stream.js';

export async function loadSessions() {
  store.set({ sessions: await api('GET', '/api/chat-sessions?limit=500') });
  renderSessionList();
}

export function renderSessionList() {
  const list = $('session-list');
  list.replaceChildren(
    ...[...store.get('sessions')].reverse().map((s) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.sessionId = String(s.id);
      if (s.id === store.get('sessionId')) b.setAttribute('aria-current', 'true');
      const name = document.createElement('span');
      name.textContent = s.name || `Chat ${s.id}`;
      const sub = document.createElement('span');
      sub.className = 'sub';
      sub.textContent = [s.character?.name, s.aiModel?.label].filter(Boolean).join(' · ');
      const text = document.createElement('span');
      text.className = 'session-text';
      text.append(name, sub);
      // The character's picture (its initial when it has none); the name is written beside it.
      b.append(avatarElement(s.character, '', s.name || 'Chat'), text);
      b.addEventListener('click', () => void openSession(s.id));
      li.append(b);
      return li;
    }),
  );
}

/** @param {number} sessionId */
export async function openSession(sessionId) {
  stopStream();
  store.set({ sessionId, session: null, live: null });
  view.clear();
  clearBanner();
  setConnection('off');
  history.replaceState(null, '', `#chat=${sessionId}`);
  localStorage.setItem('hearth.session', String(sessionId));
  renderSessionList();
  try {
    store.set({ session: await api('GET', `/api/chat-sessions/${sessionId}`) });
  } catch (err) {
    if (store.get('sessionId') === sessionId) {
      banner(words(err));
      if (err instanceof ApiError && err.status === 404) store.set({ sessionId: null });
    }
    return;
  }
  if (store.get('sessionId') !== sessionId) return;
  showSessionHeader();
  await refreshMessages(sessionId);
  if (store.get('sessionId') !== sessionId) return;
  if (view.messageIds.size === 0 && view.replies.size === 0) view.placeholder('No messages yet. Say hello!');
  restartAttach(false);
  $('input').focus();
}

/** The open chat is gone (deleted from this page): show no chat. */
export function closeSession() {
  stopStream();
  store.set({ sessionId: null, session: null });
  view.clear();
  showSessionHeader();
  setConnection('off');
  history.replaceState(null, '', '#');
  view.placeholder('Pick a chat on the left, or start a new one.');
}

/** The header and the names on the bubbles, from the open chat's record. */
export function showSessionHeader() {
  const s = store.get('session');
  $('chat-title').textContent = s ? s.name || `Chat ${s.id}` : 'No chat open';
  $('chat-subtitle').textContent = s
    ? [s.character?.name ?? 'No character', s.userProfile ? `you: ${s.userProfile.name}` : null, s.aiModel?.label]
        .filter(Boolean)
        .join(' · ')
    : '';
  view.names = { user: s?.userProfile?.name ?? 'You', assistant: s?.character?.name ?? 'AI' };
}
