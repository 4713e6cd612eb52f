// The chat list as a drawer on a phone: the ☰ button in the header opens it over the
// conversation; picking a chat, the scrim or Escape closes it. On a wide screen the list is
// always shown and none of this applies (the button is not displayed).
import { $ } from './dom.js';
import { store } from './store.js';

/** @param {boolean} open */
export function setDrawer(open) {
  $('sidebar').classList.toggle('open', open);
  $('scrim').hidden = !open;
  $('menu').setAttribute('aria-expanded', String(open));
  if (open) {
    /** @type {HTMLElement | null} */
    const current = $('session-list').querySelector('[aria-current="true"]');
    (current ?? $('new-chat')).focus();
  } else if ($('sidebar').contains(document.activeElement) && !document.querySelector('dialog[open]')) {
    $('menu').focus();
  }
}

function isOpen() {
  return $('sidebar').classList.contains('open');
}

export function wireDrawer() {
  $('menu').addEventListener('click', () => setDrawer(!isOpen()));
  $('scrim').addEventListener('click', () => setDrawer(false));
  $('session-list').addEventListener('click', (/** @type {MouseEvent} */ e) => {
    if (/** @type {HTMLElement} */ (e.target).closest('button')) setDrawer(false);
  });
  document.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Escape' && isOpen() && !document.querySelector('dialog[open]')) setDrawer(false);
  });
  // A chat opened some other way (a new one saved from the dialog) also closes the list.
  store.subscribe(['sessionId'], () => {
    if (isOpen()) setDrawer(false);
  });
}
