// Generations in the open chat. Every tab keeps one GET …/stream open for the open chat, so it
// shows generations started anywhere (another tab, another device, a script) and picks a running
// one up after a reload. Events arrive here from that stream and from this tab's own send.
import { api, ApiError, openStream } from './api.js';
import { $ } from './dom.js';
import { refreshMessages, syncMessages, view } from './messages.js';
import { banner, plainWords, setConnection } from './status.js';
import { store } from './store.js';

/** @typedef {import('./api.js').StreamEvent} StreamEvent */

/** Statuses worth reconnecting after: the server or a proxy in front of it is restarting, or busy. */
const RETRY_STATUSES = new Set([0, 429, 502, 503, 504]);
const CANCEL_WORDS = {
  user_cancelled: 'The reply was cancelled.',
  timeout: 'The reply took longer than the server allows (STREAM_TIMEOUT_MS) and was stopped.',
  no_clients: 'The reply was stopped because nobody was watching it (NO_CLIENT_TIMEOUT_MS).',
  server_shutdown: 'The server restarted while replying; send the message again.',
};

/** The attached stream's controller, while one is kept open. @type {AbortController | null} */
let attach = null;
/** Generations whose end was shown: later copies of their events (another connection) are ignored. */
const finished = new Set();

/**
 * Applies one event, from whichever connection brought it. Offsets make this idempotent: the
 * send-message response and the attached stream both carry the tab's own generation. An offset
 * counts the generation's reasoning and then its content together.
 * @param {number} sessionId
 * @param {StreamEvent} ev
 */
export function onEvent(sessionId, ev) {
  if (sessionId !== store.get('sessionId')) return;
  if (ev.type === 'messages_changed') {
    // Edited, deleted, another variant chosen, one created (here or in another tab): read them again.
    void syncMessages(sessionId);
    return;
  }
  if (finished.has(ev.streamId)) return;
  switch (ev.type) {
    case 'start': {
      if (ev.userMessage) view.addMessage(/** @type {any} */ (ev.userMessage));
      view.reply(ev.streamId, { messageId: ev.messageId ?? null, kind: ev.kind ?? 'send' });
      setLive(ev.streamId);
      noteTrimmed(ev.trimmedMessages ?? 0);
      break;
    }
    case 'reasoning':
    case 'content': {
      const seenBefore = view.replies.has(ev.streamId);
      const reply = view.reply(ev.streamId);
      const data = ev.data ?? '';
      const have = reply.reasoning.length + reply.text.length;
      const begins = ev.offset - data.length;
      if (ev.offset <= have) return;
      if (begins > have) {
        // Text is missing in between (should not happen): start over from the server's copy.
        reply.text = '';
        reply.reasoning = '';
        restartAttach(false);
        return;
      }
      const fresh = data.slice(have - begins);
      if (ev.type === 'reasoning') {
        reply.reasoning += fresh;
        view.renderReasoning(reply);
      } else {
        reply.text += fresh;
        view.render(reply);
      }
      setLive(ev.streamId);
      // Joined mid-generation (a reload, a late tab): its user message may be newer than our list.
      if (!seenBefore) void refreshMessages(sessionId);
      break;
    }
    case 'done':
    case 'error':
    case 'cancelled': {
      finished.add(ev.streamId);
      end(sessionId, ev);
      if (store.get('live') === ev.streamId) setLive(null);
      break;
    }
  }
}

/**
 * A generation's terminal event: its text is saved (done, or kept as partial), or it is not.
 * @param {number} sessionId
 * @param {StreamEvent} ev
 */
function end(sessionId, ev) {
  const reply = view.reply(ev.streamId);
  const messageId = ev.messageId;
  if (messageId !== undefined && messageId !== null) {
    const target = reply.target !== undefined ? view.messageIds.get(reply.target) : undefined;
    if (!target && view.messageIds.has(messageId)) {
      // Already fetched (or a late tab saw a regenerate as a new bubble): the saved copy is read again.
      view.discard(reply);
    } else {
      const partial = ev.type !== 'done';
      const before = target?.message;
      view.finish(reply, {
        saved: {
          id: messageId,
          role: 'assistant',
          content: reply.base + reply.text,
          variantIndex: ev.variantIndex ?? 0,
          // A regenerate adds a variant; a continue extends the active one.
          variantCount: before ? (reply.kind === 'continue' ? before.variantCount : (before.variantCount ?? 1) + 1) : 1,
          partial,
          reasoning: reply.kind === 'continue' ? (before?.reasoning ?? null) : reply.reasoning || null,
        },
      });
    }
    // The page's copy above is its best guess; the server's is read to be sure.
    void syncMessages(sessionId);
  } else {
    view.finish(reply, {
      note: ev.type === 'error' ? 'Not saved: the reply failed.' : 'Not saved: the reply was stopped.',
    });
  }
  if (ev.type === 'error') {
    const said = plainWords(ev.error ?? 'The reply failed.', ev.code);
    view.notice(said.text, 'error', said.action);
  }
  if (ev.type === 'cancelled') {
    const words = CANCEL_WORDS[/** @type {keyof typeof CANCEL_WORDS} */ (ev.reason)] ?? `Stopped: ${ev.reason}`;
    view.notice(messageId != null ? `${words} The text so far was kept.` : words, 'info');
  }
}

/** @param {string | null} streamId */
function setLive(streamId) {
  if (store.get('live') === streamId) return;
  store.set({ live: streamId });
  // Back to the input for the next message, unless the reader has text selected in the reply.
  if (streamId === null && !store.get('sending') && !view.hasSelection()) $('input').focus();
}

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
          // A notice has no id: the generation's Last-Event-ID stays the one to resume from.
          if (ev.id) lastEventId = ev.id;
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
  const live = store.get('live');
  const reply = live ? view.replies.get(live) : undefined;
  return reply ? `${reply.streamId}:${reply.reasoning.length + reply.text.length}` : undefined;
}

/** (Re)opens the attached stream for the open chat, if one is open. @param {boolean} resume */
export function restartAttach(resume) {
  attach?.abort();
  const sessionId = store.get('sessionId');
  if (sessionId === null) return;
  attach = new AbortController();
  void attachLoop(sessionId, attach.signal, resume);
}

/** Closes the attached stream and forgets the generations seen, when the open chat changes or closes. */
export function stopStream() {
  attach?.abort();
  attach = null;
  finished.clear();
}

/**
 * Back after a lost connection: fetch messages saved meanwhile, and if the generation shown as
 * running has ended and its end did not arrive (it ended long ago), stop showing it as running.
 * @param {number} sessionId
 */
async function afterReconnect(sessionId) {
  await refreshMessages(sessionId);
  const live = store.get('live');
  if (!live) return;
  // Its end, if the server still has it, comes right after connecting; give it a moment.
  await new Promise((r) => setTimeout(r, 1500));
  if (store.get('live') !== live || store.get('sessionId') !== sessionId) return;
  const status = await api('GET', `/api/chat-sessions/${sessionId}/stream-status`).catch(() => null);
  if (status && status.streamId !== live && store.get('live') === live) {
    const reply = view.replies.get(live);
    if (reply) view.discard(reply);
    finished.add(live);
    setLive(null);
    await refreshMessages(sessionId);
  }
}

/**
 * Says so when the chat no longer fits the model's window and its oldest messages were left out
 * of this reply's prompt (the server's context budget), so a character "forgetting" is explained.
 * @param {number} trimmed
 */
function noteTrimmed(trimmed) {
  if (trimmed <= 0) return;
  const which = trimmed === 1 ? 'the oldest message was' : `the ${trimmed} oldest messages were`;
  banner(`This chat is longer than the model's context window: ${which} left out of this reply's prompt.`, 'info');
}
