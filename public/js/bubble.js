// The parts of the conversation's elements: a bubble with who wrote it and its Copy button, the
// typing dots and the "slow to answer" note of a reply being written, the "stopped" mark of a
// kept partial reply, the collapsible "Thinking" block of a reply's reasoning, and notices.

/**
 * A message bubble: who wrote it, a Copy button, the body.
 * @param {'user' | 'assistant'} role
 * @param {string} name who wrote it, as the page shows it
 * @param {() => string} text the message's text as written (markdown source), for Copy
 */
export function bubble(role, name, text) {
  const el = document.createElement('article');
  el.className = `msg ${role}`;
  const head = document.createElement('div');
  head.className = 'msg-head';
  const who = document.createElement('div');
  who.className = 'who';
  who.textContent = name;
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'copy tool';
  copy.textContent = 'Copy';
  copy.setAttribute('aria-label', `Copy the message from ${name}`);
  copy.addEventListener('click', () => void copyText(copy, text()));
  head.append(who, copy);
  const body = document.createElement('div');
  body.className = 'body';
  el.append(head, body);
  return { el, head, body };
}

/** One of the typing dots (decoration: its meaning is in the hidden text beside it). */
function dot() {
  const span = document.createElement('span');
  span.className = 'dot';
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/** What a bubble shows while its reply is written: the markdown's root, and the typing dots. */
export function streamingParts() {
  const mdRoot = document.createElement('div');
  mdRoot.className = 'md';
  const typing = document.createElement('div');
  typing.className = 'typing';
  const said = document.createElement('span');
  said.className = 'sr-only';
  said.textContent = 'The AI is writing';
  typing.append(said, dot(), dot(), dot());
  return { mdRoot, typing };
}

/**
 * How long a pending reply may go without new text before the page says the model is slow (ms).
 * `?stallMs=…` in the page address shortens it (the browser tests use that).
 */
const STALL_MS = Number(new URLSearchParams(location.search).get('stallMs')) || 8000;

/**
 * Restarts the wait for the reply's next text; when it runs out while the reply is still pending,
 * the bubble says the model is slow and offers Cancel. New text takes the notice away.
 * @param {import('./chat-view.js').Reply} reply
 * @param {() => void} onCancel
 * @param {() => void} follow keeps the new note in view
 */
export function watchForStall(reply, onCancel, follow) {
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
      reply.text === '' && reply.reasoning === ''
        ? 'The model is slow to answer: nothing has arrived yet. You can wait, or cancel and try again.'
        : 'The model has paused. You can wait, or cancel the reply.';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'danger subtle';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', onCancel);
    note.append(words, cancel);
    reply.el.append(note);
    reply.stalled = note;
    follow();
  }, STALL_MS);
}

/** A reply whose text was not saved: greyed, with a note saying why. @param {HTMLElement} el @param {string} text */
export function markUnsaved(el, text) {
  el.classList.add('unsaved');
  const note = document.createElement('div');
  note.className = 'note';
  note.textContent = text;
  el.append(note);
}

/**
 * A line in the conversation that is not a message, with the button that fixes it, if any.
 * @param {string} text
 * @param {'error' | 'info'} kind
 * @param {{ label: string, run: () => void }} [action]
 */
export function noticeElement(text, kind, action) {
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
  return el;
}

/**
 * Marks a reply whose text was kept from a stopped or failed generation (keepPartialOnCancel).
 * @param {HTMLElement} el the bubble
 * @param {boolean} partial
 */
export function markPartial(el, partial) {
  let badge = el.querySelector('.msg-head .stopped');
  if (!partial) {
    badge?.remove();
    return;
  }
  if (badge) return;
  badge = document.createElement('span');
  badge.className = 'stopped';
  badge.textContent = 'stopped';
  badge.setAttribute('title', 'This reply was stopped before it ended; the text so far was kept.');
  el.querySelector('.msg-head .who')?.after(badge);
}

/**
 * The figures of a saved reply in its head: the model that wrote it, the tokens and the cost the
 * provider reported (each only when known). Replaced when the reply changes (another variant).
 * @param {HTMLElement} el the bubble
 * @param {{ model?: string | null, usage?: { promptTokens?: number, completionTokens?: number, cost?: number } | null }} message
 */
export function showUsage(el, message) {
  el.querySelector('.msg-head .usage')?.remove();
  const { usage, model } = message;
  const parts = [];
  if (model) parts.push(model);
  if (usage?.promptTokens !== undefined || usage?.completionTokens !== undefined) {
    parts.push(`${usage.promptTokens ?? '?'} → ${usage.completionTokens ?? '?'} tokens`);
  }
  if (usage?.cost !== undefined) parts.push(`$${usage.cost.toPrecision(2)}`);
  if (parts.length === 0) return;
  const figures = document.createElement('span');
  figures.className = 'usage';
  figures.textContent = parts.join(' · ');
  figures.setAttribute('title', 'Model · prompt → reply tokens · cost, as the provider reported them');
  el.querySelector('.msg-head .who')?.after(figures);
}

/**
 * The reply's reasoning in a `<details>` above its text: created on first use, its text replaced.
 * Open while the model is still thinking (`open`), closed once the reply itself is written.
 * @param {HTMLElement} el the bubble
 * @param {string | null} reasoning
 * @param {boolean} [open]
 */
export function showThinking(el, reasoning, open = false) {
  let details = /** @type {HTMLDetailsElement | null} */ (el.querySelector(':scope > details.thinking'));
  if (!reasoning) {
    details?.remove();
    return;
  }
  if (!details) {
    details = document.createElement('details');
    details.className = 'thinking';
    const summary = document.createElement('summary');
    summary.textContent = 'Thinking';
    const text = document.createElement('div');
    text.className = 'thinking-text';
    details.append(summary, text);
    details.open = open;
    el.querySelector(':scope > .body')?.before(details);
  }
  const text = /** @type {HTMLElement} */ (details.querySelector('.thinking-text'));
  // Append when it only grew, so a selection in the reasoning survives while it streams.
  const shown = text.textContent ?? '';
  if (reasoning.startsWith(shown)) {
    if (reasoning.length > shown.length) text.append(reasoning.slice(shown.length));
  } else text.textContent = reasoning;
}

/** Closes the thinking block once the reply's own text begins (the reader can open it again). @param {HTMLElement} el */
export function foldThinking(el) {
  const details = /** @type {HTMLDetailsElement | null} */ (el.querySelector(':scope > details.thinking'));
  if (details && !details.dataset.folded) {
    details.open = false;
    details.dataset.folded = 'true';
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
