// Over ~300 lines: the list and the replies written into it share its bookkeeping (which saved
// message a regenerate rewrites, where a late message goes).
// The message list: saved messages, the reply being generated (a new bubble, or a saved reply
// being regenerated or continued in place), notices, and scrolling that follows new text only
// while the reader is at the bottom. The controls on the messages are message-tools.js's.
import { IncrementalMarkdown, renderMarkdown } from './markdown.js';
import {
  bubble,
  foldThinking,
  markPartial,
  noticeElement,
  showThinking,
  showUsage,
  markUnsaved,
  streamingParts,
  watchForStall,
} from './bubble.js';

/** How close to the bottom (px) still counts as "at the bottom". */
const STICK_PX = 48;

/**
 * @typedef {{ id: number, role: 'user' | 'assistant', content: string, variantIndex?: number,
 *   variantCount?: number, partial?: boolean, reasoning?: string | null, model?: string | null,
 *   usage?: { promptTokens?: number, completionTokens?: number, cost?: number } | null }} Message
 * @typedef {{ message: Message, el: HTMLElement, body: HTMLElement }} Saved a saved message on the page
 * @typedef {{ streamId: string, text: string, reasoning: string, el: HTMLElement, body: HTMLElement,
 *   typing: HTMLElement, md: IncrementalMarkdown, pending: boolean, scheduled?: boolean,
 *   target?: number, kind?: string, base: string,
 *   stallTimer?: ReturnType<typeof setTimeout>, stalled?: HTMLElement }} Reply
 *   `target`: the saved message a regenerate or continue rewrites in place; `base`: the text a
 *   continue adds to.
 * @typedef {{ onCancel: () => void, onSaved?: (saved: Saved) => void, onChange?: () => void }} Hooks
 */

export class ChatView {
  /**
   * @param {HTMLElement} list the scrolling message container
   * @param {HTMLElement} jump the "new text below" button
   * @param {Hooks} hooks onCancel: the "slow to answer" notice's Cancel; onSaved: a saved message was
   *   drawn (its controls go on); onChange: the list changed (the controls of the last reply move)
   */
  constructor(list, jump, hooks) {
    this.list = list;
    this.jump = jump;
    this.hooks = hooks;
    this.stick = true;
    /** @type {Map<number, Saved>} */
    this.messageIds = new Map();
    /** @type {Map<string, Reply>} */
    this.replies = new Map();
    this.names = { user: 'You', assistant: 'AI' };
    this.changeQueued = false;
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
    this.changed();
  }

  /** Tells the controls, once per task however many changes came, that the list changed. */
  changed() {
    if (this.changeQueued) return;
    this.changeQueued = true;
    queueMicrotask(() => {
      this.changeQueued = false;
      this.hooks.onChange?.();
    });
  }

  /** Largest saved message id shown, for fetching only newer ones. */
  get lastMessageId() {
    return this.messageIds.size ? Math.max(...this.messageIds.keys()) : undefined;
  }

  /**
   * Adds a saved message unless it is shown already (then brings it up to date); a new one goes
   * before any reply still being written, or before the first later message shown.
   * @param {Message} message
   */
  addMessage(message) {
    if (this.messageIds.has(message.id)) {
      this.updateMessage(message);
      return;
    }
    this.removePlaceholder();
    const saved = /** @type {Saved} */ ({ message });
    const { el, body } = bubble(message.role, this.names[message.role], () => saved.message.content);
    Object.assign(saved, { el, body });
    el.dataset.messageId = String(message.id);
    // The person's own text goes through the same safe renderer: paragraphs, *actions*.
    renderMarkdown(body, message.content);
    // Ids grow with time: the message goes before the earliest later one shown.
    const later = [...this.messageIds.values()]
      .filter((s) => s.message.id > message.id)
      .reduce((a, b) => (!a || b.message.id < a.message.id ? b : a), /** @type {Saved | undefined} */ (undefined));
    const firstLive = [...this.replies.values()].find((r) => r.pending && r.target === undefined);
    const before = later?.el ?? firstLive?.el;
    if (before) this.list.insertBefore(el, before);
    else this.list.append(el);
    this.register(saved);
    this.followNewText();
  }

  /** @param {Saved} saved */
  register(saved) {
    this.messageIds.set(saved.message.id, saved);
    markPartial(saved.el, !!saved.message.partial);
    if (saved.message.role === 'assistant') {
      showThinking(saved.el, saved.message.reasoning ?? null);
      showUsage(saved.el, saved.message);
    }
    this.hooks.onSaved?.(saved);
    this.changed();
  }

  /**
   * A saved message changed (edited, another variant chosen, text kept): redraw what differs.
   * A message being regenerated or continued is left to its reply.
   * @param {Message} message
   */
  updateMessage(message) {
    const saved = this.messageIds.get(message.id);
    if (!saved || [...this.replies.values()].some((r) => r.pending && r.target === message.id)) return;
    this.show(saved, message);
  }

  /** @param {Saved} saved @param {Message} message @param {boolean} [redraw] even if the text is the same */
  show(saved, message, redraw = false) {
    const was = saved.message;
    saved.message = message;
    if (redraw || was.content !== message.content) renderMarkdown(saved.body, message.content);
    markPartial(saved.el, !!message.partial);
    if (message.role === 'assistant') {
      showThinking(saved.el, message.reasoning ?? null);
      showUsage(saved.el, message);
    }
    this.changed();
  }

  /** @param {number} id */
  removeMessage(id) {
    const saved = this.messageIds.get(id);
    if (!saved) return;
    saved.el.remove();
    this.messageIds.delete(id);
    this.changed();
  }

  /**
   * The bubble for a generation, made on first sight: a new one at the end of the list, or, for
   * a regenerate or continue of a message shown here, that message's own bubble.
   * @param {string} streamId
   * @param {{ messageId: number | null, kind: string }} [start] the generation's start event
   * @returns {Reply}
   */
  reply(streamId, start) {
    let reply = this.replies.get(streamId);
    if (reply) return reply;
    this.removePlaceholder();
    const target = start?.messageId != null ? this.messageIds.get(start.messageId) : undefined;
    let el;
    let body;
    if (target) {
      el = target.el;
      body = target.body;
      if (start?.kind !== 'continue') showThinking(el, null);
    } else {
      ({ el, body } = bubble('assistant', this.names.assistant, () => this.replies.get(streamId)?.text ?? ''));
      this.list.append(el);
    }
    el.classList.add('streaming');
    el.dataset.streamId = streamId;
    const { mdRoot, typing } = streamingParts();
    body.replaceChildren(mdRoot);
    el.append(typing);
    reply = {
      streamId,
      text: '',
      reasoning: '',
      el,
      body: mdRoot,
      typing,
      md: new IncrementalMarkdown(mdRoot),
      pending: true,
      target: target?.message.id,
      kind: start?.kind,
      base: target && start?.kind === 'continue' ? target.message.content : '',
    };
    if (reply.base) reply.md.update(reply.base);
    this.replies.set(streamId, reply);
    watchForStall(reply, this.hooks.onCancel, () => this.followNewText());
    this.changed();
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
    watchForStall(reply, this.hooks.onCancel, () => this.followNewText());
    const run = () => {
      reply.scheduled = false;
      if (reply.text !== '') foldThinking(reply.el);
      reply.md.update(reply.base + reply.text);
      this.followNewText();
    };
    // Hidden tabs get no animation frames; they still keep their text current.
    if (document.hidden) setTimeout(run, 50);
    else requestAnimationFrame(run);
  }

  /**
   * Shows the reasoning so far, open while the model is still thinking.
   * @param {Reply} reply
   */
  renderReasoning(reply) {
    watchForStall(reply, this.hooks.onCancel, () => this.followNewText());
    showThinking(reply.el, reply.reasoning, reply.text === '');
    this.followNewText();
  }

  /**
   * The generation ended. `saved` is the message its text was saved in (now the page's copy of
   * it), if it was saved; otherwise a message it was rewriting shows its saved text again, and a
   * new bubble keeps the text with a note.
   * @param {Reply} reply
   * @param {{ saved?: Message, note?: string }} outcome
   */
  finish(reply, outcome) {
    reply.pending = false;
    watchForStall(reply, this.hooks.onCancel, () => this.followNewText());
    reply.md.update(reply.base + reply.text);
    reply.typing.remove();
    reply.el.classList.remove('streaming');
    const target = reply.target !== undefined ? this.messageIds.get(reply.target) : undefined;
    if (target) {
      // What the bubble shows now is the streamed text; the saved copy is drawn if it differs.
      const original = target.message;
      target.message = { ...original, content: reply.base + reply.text };
      this.show(target, outcome.saved ?? original);
    } else if (outcome.saved) {
      reply.el.dataset.messageId = String(outcome.saved.id);
      this.register({
        message: outcome.saved,
        el: reply.el,
        body: /** @type {HTMLElement} */ (reply.body.parentElement),
      });
    } else if (reply.text === '') {
      reply.el.remove();
    } else {
      markUnsaved(reply.el, outcome.note ?? 'Not saved.');
    }
    this.changed();
    this.followNewText();
  }

  /**
   * Drops a reply bubble whose outcome is unknown (the saved messages are fetched instead); a
   * message it was rewriting shows its saved text again.
   * @param {Reply} reply
   */
  discard(reply) {
    clearTimeout(reply.stallTimer);
    reply.pending = false;
    this.replies.delete(reply.streamId);
    const target = reply.target !== undefined ? this.messageIds.get(reply.target) : undefined;
    if (target) {
      reply.typing.remove();
      target.el.classList.remove('streaming');
      this.show(target, target.message, true);
    } else reply.el.remove();
    this.changed();
  }

  /**
   * A line in the conversation that is not a message: an error, a cancellation; with the button
   * that fixes it, if there is one.
   * @param {string} text
   * @param {'error' | 'info'} kind
   * @param {{ label: string, run: () => void }} [action]
   */
  notice(text, kind, action) {
    const el = noticeElement(text, kind, action);
    this.list.append(el);
    this.changed();
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
