// What the page says about itself outside the conversation: the banner above the messages and
// the live-connection indicator in the header.
import { $ } from './dom.js';

/** @param {string} text @param {'error' | 'info'} [kind] */
export function banner(text, kind = 'error') {
  $('banner-text').textContent = text;
  $('banner').classList.toggle('info', kind === 'info');
  $('banner').hidden = false;
}

export function clearBanner() {
  $('banner').hidden = true;
}

/** An error in words for the page. @param {unknown} err */
export function words(err) {
  return err instanceof Error ? err.message : String(err);
}

/** @param {'live' | 'reconnecting' | 'off'} s */
export function setConnection(s) {
  const el = $('connection');
  el.dataset.state = s;
  el.textContent = s === 'live' ? 'Live' : s === 'reconnecting' ? 'Reconnecting…' : '';
}
