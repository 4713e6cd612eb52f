// The open chat's message list: the one ChatView on the page, and fetching saved messages into it.
import { api } from './api.js';
import { ChatView } from './chat-view.js';
import { $ } from './dom.js';
import { banner, words } from './status.js';
import { store } from './store.js';

// The "slow to answer" notice's Cancel does what the composer's Cancel does.
export const view = new ChatView($('messages'), $('jump'), { onCancel: () => $('cancel').click() });

/** Fetches the messages saved after the last one shown (or the latest ones, if none is). @param {number} sessionId */
export async function refreshMessages(sessionId) {
  const after = view.lastMessageId;
  const query = after === undefined ? '?latest=true&limit=200' : `?afterId=${after}&limit=1000`;
  try {
    const messages = await api('GET', `/api/chat-sessions/${sessionId}/messages${query}`);
    if (sessionId !== store.get('sessionId')) return;
    for (const m of messages) view.addMessage(m);
  } catch (err) {
    if (sessionId === store.get('sessionId')) banner(words(err));
  }
}
