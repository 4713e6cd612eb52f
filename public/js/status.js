// What the page says about itself outside the conversation: the banner above the messages and
// the live-connection indicator in the header.
import { $ } from './dom.js';

/** @typedef {{ label: string, run: () => void }} Action something the person can do about it, as a button */

/** @type {Action | undefined} */
let bannerAction;

/** @param {string} text @param {'error' | 'info'} [kind] @param {Action} [action] */
export function banner(text, kind = 'error', action) {
  $('banner-text').textContent = text;
  $('banner').classList.toggle('info', kind === 'info');
  bannerAction = action;
  $('banner-action').hidden = !action;
  $('banner-action').textContent = action?.label ?? '';
  $('banner').hidden = false;
}

export function clearBanner() {
  $('banner').hidden = true;
}

export function runBannerAction() {
  bannerAction?.run();
}

/** An error in words for the page. @param {unknown} err */
export function words(err) {
  return err instanceof Error ? err.message : String(err);
}

/** Opens the settings dialog (its button may sit in the closed phone drawer; the click still works). */
export const OPEN_SETTINGS = { label: 'Open Settings', run: () => $('open-settings').click() };
const EDIT_CHAT = { label: 'Edit chat', run: () => $('edit-chat').click() };

/**
 * The server's refusals and the provider's errors put as a sentence for a person, with the button
 * that fixes it where there is one. Anything not recognised keeps the server's own words.
 * @param {string} message the server's message
 * @param {string} [code] the error code of a stream's error event
 * @returns {{ text: string, action?: Action }}
 */
export function plainWords(message, code) {
  const missing = /No (\S+) API key is set/i.exec(message);
  if (missing) {
    // The provider the chat's model is called through names itself ("No Anthropic API key …").
    const article = /^[aeiou]/i.test(missing[1]) ? 'an' : 'a';
    return {
      text: `Add ${article} ${missing[1]} API key in Settings to get replies. Your message was not sent.`,
      action: OPEN_SETTINGS,
    };
  }
  if (code === 'upstream_auth' || /rejected the API key/i.test(message)) {
    return {
      text: `${message.replace(/\s*Check the key in the settings\.?$/, '')} Replace the key in Settings.`,
      action: OPEN_SETTINGS,
    };
  }
  if (/has no AI model/i.test(message)) {
    return { text: 'This chat has no AI model yet: pick one under Edit chat.', action: EDIT_CHAT };
  }
  return { text: message };
}

/** @param {'live' | 'reconnecting' | 'off'} s */
export function setConnection(s) {
  const el = $('connection');
  el.dataset.state = s;
  el.textContent = s === 'live' ? 'Live' : s === 'reconnecting' ? 'Reconnecting…' : '';
}
