// The message list: saved messages, the reply being generated, notices, and scrolling that
// follows new text only while the reader is at the bottom.
import { IncrementalMarkdown, renderMarkdown } from './markdown.js';

/** How close to the bottom (px) still counts as "at the bottom". */
const STICK_PX = 48;

/**
 * @typedef {{ id: number, role: 'user' | 'assistant', content: string }} Message
 * @typedef {{ streamId: string, text: string, el: HTMLElement, body: HTMLElement,
 *   typing: HTMLElement, md: IncrementalMarkdown, pending: boolean, scheduled?: boolean }} Reply
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
   */
  constructor(list, jump) {
    this.list = list;
    this.jump = jump;
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
    const { el, body } = this.bubble(message.role);
    el.dataset.messageId = String(message.id);
    if (message.role === 'assistant') renderMarkdown(body, message.content);
    else body.textContent = message.content;
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
    const { el, body } = this.bubble('assistant');
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
    reply.el.remove();
    this.replies.delete(reply.streamId);
  }

  /**
   * A line in the conversation that is not a message: an error, a cancellation.
   * @param {string} text
   * @param {'error' | 'info'} kind
   */
  notice(text, kind) {
    const el = document.createElement('div');
    el.className = `notice ${kind}`;
    el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    el.textContent = text;
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

  /** @param {'user' | 'assistant'} role */
  bubble(role) {
    const el = document.createElement('article');
    el.className = `msg ${role}`;
    const who = document.createElement('div');
    who.className = 'who';
    who.textContent = this.names[role];
    const body = document.createElement('div');
    body.className = 'body';
    el.append(who, body);
    return { el, body };
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
