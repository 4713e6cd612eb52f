// Characters' pictures: the avatar route's image, or the name's first letter on a coloured disc
// when there is none. With a token set, an <img src> cannot send it, so the image is fetched with
// the header and shown as a data: URL (the page's CSP allows data: images, not blob:).
import { getToken } from './api.js';

/** id → the image's URL, or null when it could not be loaded. @type {Map<number, Promise<string | null>>} */
const sources = new Map();

/** @param {Blob} blob @returns {Promise<string>} */
function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** @param {number} id @returns {Promise<string | null>} */
function avatarSource(id) {
  let source = sources.get(id);
  if (!source) {
    const path = `/api/characters/${id}/avatar`;
    const token = getToken();
    source = token
      ? fetch(path, { headers: { authorization: `Bearer ${token}` } })
          .then((res) => (res.ok ? res.blob().then(dataUrl) : null))
          .catch(() => null)
      : Promise.resolve(path);
    sources.set(id, source);
  }
  return source;
}

/** Forgets loaded images (a new token, or a character deleted and its id reused in a test). */
export function forgetAvatars() {
  sources.clear();
}

/** @param {string} name */
function initialOf(name) {
  return (Array.from(name.trim())[0] ?? '?').toUpperCase();
}

/**
 * The avatar of a character as an element: an <img> from the avatar route when it has one, its
 * initial otherwise. `alt` is the image's text; pass '' where the name is written beside it.
 * @param {{ id: number, name: string, hasAvatar?: boolean } | null | undefined} character
 * @param {string} alt
 * @param {string} [fallbackName] the name whose initial stands in when there is no character
 * @returns {HTMLElement}
 */
export function avatarElement(character, alt, fallbackName = '') {
  const initial = () => {
    const span = document.createElement('span');
    span.className = 'avatar initial';
    span.textContent = initialOf(character?.name ?? fallbackName);
    // The name is written next to it (or said by the alt of the image it replaces).
    if (alt) {
      span.setAttribute('role', 'img');
      span.setAttribute('aria-label', alt);
    } else span.setAttribute('aria-hidden', 'true');
    return span;
  };
  if (!character?.hasAvatar) return initial();
  const img = document.createElement('img');
  img.className = 'avatar';
  img.alt = alt;
  img.width = 32;
  img.height = 32;
  img.decoding = 'async';
  img.addEventListener('error', () => img.replaceWith(initial()), { once: true });
  void avatarSource(character.id).then((src) => {
    if (src) img.src = src;
    else img.replaceWith(initial());
  });
  return img;
}

/**
 * Puts the character's avatar beside every assistant reply in `list`, including replies added
 * later. It watches the list rather than being called from the message code, so the bubbles'
 * markup stays the message code's own: all it needs is `.msg.assistant` with a `.msg-head`.
 * @param {HTMLElement} list
 * @param {() => { id: number, name: string, hasAvatar?: boolean } | null | undefined} character the open chat's
 */
export function watchReplyAvatars(list, character) {
  /** @param {Element} msg */
  const decorate = (msg) => {
    const head = msg.querySelector(':scope > .msg-head');
    if (!head || head.querySelector(':scope > .avatar')) return;
    const c = character();
    if (!c) return;
    head.prepend(avatarElement(c, `Avatar of ${c.name}`));
  };
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const msg = node.closest('.msg.assistant');
        if (msg) decorate(msg);
        for (const inner of node.querySelectorAll('.msg.assistant')) decorate(inner);
      }
    }
  }).observe(list, { childList: true, subtree: true });
}
