// The message list: saved messages, the reply being generated, notices, and scrolling that
// follows new text only while the reader is at the bottom.
import { IncrementalMarkdown, renderMarkdown } from './markdown.js';

/** How close to the bottom (px) still counts as "at the bottom". */
const STICK_PX = 48;
/**
 * How long a pending reply may go without new text before the page says the model is slow (ms).
 * `?stallMs=…` in the page address shortens it (the browser tests use that).
 */
const STALL_MS = Number(new URLSearchParams(location.search).get('stallMs')) || 8000;

/**
 * @typedef {{ id: number, role: 'user' | 'assistant', content: string }} Message
 * @typedef {{ streamId: string, text: string, el: HTMLElement, body: HTMLElement,
 *   typing: HTMLElement, md: IncrementalMarkdown, pending: boolean, scheduled?: boolean,
 *   stallTimer?: ReturnType<typeof setTimeout>, stalled?: HTMLElement }} Reply
 */

/** One of the typing dots (decoration: its meaning is in the hidden text beside it). */
function dot() {
  const span = document.createElement('span');
  span.className = 'dot';
  span.setAttribute('aria-hidden', 'true');
  return span;
}

export class ChatView {
  /**
   * @param {HTMLElement} list the scrolling message container
   * @param {HTMLElement} jump the "new text below" button
   * @param {{ onCancel: () => void }} hooks what the Cancel button in the "slow to answer" notice does
   */
  constructor(list, jump, hooks) {
    this.list = list;
    this.jump = jump;
    this.hooks = hooks;
    this.stick = true;
    /** @type {Set<number>} */
    this.messageIds = new Set();
    /** @type {Map<string, Reply>} */
    this.replies = new Map();
    this.names = { user: 'You', assistant: 'AI' };
    list.addEventListener('scroll', () => {
      this.stick = list.scrollHeight - list.scrollTop - list.clientHeight < STICK_PX;
      if (this.stick) this.jump.hidden = true;
    });
    jump.addEventListener('click', () => {
      this.stick = true;
      this.scrollToEnd();
    });
  }

  /** Empties the list for another session. */
  clear() {
    for (const reply of this.replies.values()) clearTimeout(reply.stallTimer);
    this.list.replaceChildren();
    this.messageIds.clear();
    this.replies.clear();
    this.stick = true;
    this.jump.hidden = true;
  }

  /** Largest saved message id shown, for fetching only newer ones. */
  get lastMessageId() {
    return this.messageIds.size ? Math.max(...this.messageIds) : undefined;
  }

  /**
   * Adds a saved message unless it is shown already; it goes before any reply still being written.
   * @param {Message} message
   */
  addMessage(message) {
    if (this.messageIds.has(message.id)) return;
    this.removePlaceholder();
    this.messageIds.add(message.id);
    const { el, body } = this.bubble(message.role, () => message.content);
    el.dataset.messageId = String(message.id);
    // The person's own text goes through the same safe renderer: paragraphs, *actions*.
    renderMarkdown(body, message.content);
    const firstLive = [...this.replies.values()].find((r) => r.pending);
    if (firstLive) this.list.insertBefore(el, firstLive.el);
    else this.list.append(el);
    this.followNewText();
  }

  /**
   * The bubble for a generation, created at the end of the list on first sight.
   * @param {string} streamId
   * @returns {Reply}
   */
  reply(streamId) {
    let reply = this.replies.get(streamId);
    if (reply) return reply;
    this.removePlaceholder();
    const { el, body } = this.bubble('assistant', () => this.replies.get(streamId)?.text ?? '');
    el.classList.add('streaming');
    el.dataset.streamId = streamId;
    const mdRoot = document.createElement('div');
    mdRoot.className = 'md';
    body.append(mdRoot);
    const typing = document.createElement('div');
    typing.className = 'typing';
    const said = document.createElement('span');
    said.className = 'sr-only';
    said.textContent = 'The AI is writing';
    typing.append(said, dot(), dot(), dot());
    el.append(typing);
    this.list.append(el);
    reply = { streamId, text: '', el, body: mdRoot, typing, md: new IncrementalMarkdown(mdRoot), pending: true };
    this.replies.set(streamId, reply);
    this.watchForStall(reply);
    this.followNewText();
    return reply;
  }

  /**
   * Shows the reply's text so far (already de-duplicated by the caller), at most once a frame.
   * @param {Reply} reply
   */
  render(reply) {
    if (reply.scheduled) return;
    reply.scheduled = true;
    this.watchForStall(reply);
    const run = () => {
      reply.scheduled = false;
      reply.md.update(reply.text);
      this.followNewText();
    };
    // Hidden tabs get no animation frames; they still keep their text current.
    if (document.hidden) setTimeout(run, 50);
    else requestAnimationFrame(run);
  }

  /**
   * The generation ended; `messageId` is the saved assistant message, if it was saved.
   * @param {Reply} reply
   * @param {{ messageId?: number, note?: string }} outcome
   */
  finish(reply, outcome) {
    reply.pending = false;
    this.watchForStall(reply);
    reply.md.update(reply.text);
    reply.typing.remove();
    reply.el.classList.remove('streaming');
    if (outcome.messageId !== undefined) {
      this.messageIds.add(outcome.messageId);
      reply.el.dataset.messageId = String(outcome.messageId);
    } else if (reply.text === '') {
      reply.el.remove();
    } else {
      reply.el.classList.add('unsaved');
      const note = document.createElement('div');
      note.className = 'note';
      note.textContent = outcome.note ?? 'Not saved.';
      reply.el.append(note);
    }
    this.followNewText();
  }

  /**
   * Drops a reply bubble whose outcome is unknown (the saved messages are fetched instead).
   * @param {Reply} reply
   */
  discard(reply) {
    clearTimeout(reply.stallTimer);
    reply.el.remove();
    this.replies.delete(reply.streamId);
  }

  /**
   * A line in the conversation that is not a message: an error, a cancellation; with the button
   * that fixes it, if there is one.
   * @param {string} text
   * @param {'error' | 'info'} kind
   * @param {{ label: string, run: () => void }} [action]
   */
  notice(text, kind, action) {
    const el = document.createElement('div');
    el.className = `notice ${kind}`;
    el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    el.textContent = text;
    if (action) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'subtle';
      button.textContent = action.label;
      button.addEventListener('click', action.run);
      el.append(' ', button);
    }
    this.list.append(el);
    this.followNewText();
  }

  /**
   * A hint shown while the chat is empty; the first message replaces it.
   * @param {string} text
   */
  placeholder(text) {
    this.notice(text, 'info');
    this.list.lastElementChild?.classList.add('placeholder');
  }

  removePlaceholder() {
    this.list.querySelector('.placeholder')?.remove();
  }

  /**
   * Restarts the wait for the reply's next text; when it runs out while the reply is still pending,
   * the bubble says the model is slow and offers Cancel. New text takes the notice away.
   * @param {Reply} reply
   */
  watchForStall(reply) {
    clearTimeout(reply.stallTimer);
    reply.stalled?.remove();
    reply.stalled = undefined;
    if (!reply.pending) return;
    reply.stallTimer = setTimeout(() => {
      if (!reply.pending || !reply.el.isConnected) return;
      const note = document.createElement('div');
      note.className = 'stalled';
      note.setAttribute('role', 'status');
      const words = document.createElement('span');
      words.textContent =
        reply.text === ''
          ? 'The model is slow to answer: nothing has arrived yet. You can wait, or cancel and try again.'
          : 'The model has paused. You can wait, or cancel the reply.';
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'danger subtle';
      cancel.textContent = 'Cancel';
      cancel.addEventListener('click', () => this.hooks.onCancel());
      note.append(words, cancel);
      reply.el.append(note);
      reply.stalled = note;
      this.followNewText();
    }, STALL_MS);
  }

  /**
   * A message bubble: who wrote it, a Copy button, the body.
   * @param {'user' | 'assistant'} role
   * @param {() => string} text the message's text as written (markdown source), for Copy
   */
  bubble(role, text) {
    const el = document.createElement('article');
    el.className = `msg ${role}`;
    const head = document.createElement('div');
    head.className = 'msg-head';
    const who = document.createElement('div');
    who.className = 'who';
    who.textContent = this.names[role];
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'copy';
    copy.textContent = 'Copy';
    copy.setAttribute('aria-label', `Copy the message from ${this.names[role]}`);
    copy.addEventListener('click', () => void copyText(copy, text()));
    head.append(who, copy);
    const body = document.createElement('div');
    body.className = 'body';
    el.append(head, body);
    return { el, body };
  }

  /** Whether the reader has text selected in the conversation (moving focus would lose it). */
  hasSelection() {
    const selection = getSelection();
    return !!selection && !selection.isCollapsed && this.list.contains(selection.anchorNode);
  }

  followNewText() {
    if (this.stick) this.scrollToEnd();
    else this.jump.hidden = false;
  }

  scrollToEnd() {
    this.list.scrollTop = this.list.scrollHeight;
    this.jump.hidden = true;
  }
}

/**
 * Puts a message's text on the clipboard and says so on the button for a moment.
 * @param {HTMLButtonElement} button
 * @param {string} text
 */
async function copyText(button, text) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // No clipboard access (an insecure origin, a denied permission): say so rather than fail silently.
    button.textContent = 'Copy failed';
  }
  setTimeout(() => (button.textContent = 'Copy'), 1500);
}
