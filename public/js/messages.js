// The open chat's message list: the one ChatView on the page, and fetching saved messages into it.
import { api } from './api.js';
import { ChatView } from './chat-view.js';
import { $ } from './dom.js';
import { banner, words } from './status.js';
import { store } from './store.js';

/** The most messages one request may return (the API's limit). */
const MAX_PAGE = 1000;

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

/** The sync running, and whether another was asked for meanwhile (notices come in bursts). */
let syncing = /** @type {Promise<void> | null} */ (null);
let again = false;

/**
 * Reads the stretch of the conversation the page shows again, in one request, and makes the page
 * agree with it: changed messages redrawn, deleted ones removed, new ones added. Used when a tab
 * is told the messages changed (an edit, a delete or a rewind, another variant) and after a
 * generation's text was saved.
 * @param {number} sessionId
 */
export function syncMessages(sessionId) {
  if (syncing) {
    again = true;
    return syncing;
  }
  syncing = (async () => {
    do {
      again = false;
      await syncOnce(sessionId);
    } while (again && sessionId === store.get('sessionId'));
  })().finally(() => (syncing = null));
  return syncing;
}

/** @param {number} sessionId */
async function syncOnce(sessionId) {
  const limit = Math.min(MAX_PAGE, Math.max(200, view.messageIds.size + 50));
  try {
    /** @type {import('./chat-view.js').Message[]} */
    const messages = await api('GET', `/api/chat-sessions/${sessionId}/messages?latest=true&limit=${limit}`);
    if (sessionId !== store.get('sessionId')) return;
    // Older messages than the page fetched are not its business; within the stretch, absent means deleted.
    const oldest = messages.length === limit ? messages[0].id : 0;
    const present = new Set(messages.map((m) => m.id));
    const gone = [...view.messageIds.keys()].filter((id) => id >= oldest && !present.has(id));
    for (const id of gone) view.removeMessage(id);
    if (gone.length) dropTrailingNotes();
    for (const m of messages) view.addMessage(m);
  } catch (err) {
    if (sessionId === store.get('sessionId')) banner(words(err));
  }
}

/** After a rewind: the notes about replies that came after the last message shown are stale. */
export function dropTrailingNotes() {
  const last = view.lastMessageId === undefined ? null : view.messageIds.get(view.lastMessageId)?.el;
  let node = last ? last.nextElementSibling : view.list.firstElementChild;
  while (node) {
    const next = node.nextElementSibling;
    if (node.matches('.notice:not(.placeholder), .msg.unsaved')) node.remove();
    node = next;
  }
}
