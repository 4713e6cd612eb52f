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
  if (/reply is (already )?being generated/i.test(message)) {
    return {
      text: 'A reply is being written in this chat right now. Wait for it to end, or cancel it, then try again.',
    };
  }
  if (/there is no reply to continue/i.test(message)) {
    return { text: 'There is no reply to continue: the last message is yours. Press Retry to get a reply.' };
  }
  if (/there is no reply to regenerate/i.test(message)) {
    return { text: 'This chat has no messages yet: send one first.' };
  }
  if (/has no message \d+/i.test(message)) {
    return { text: 'That message no longer exists: it was deleted, perhaps in another tab.' };
  }
  if (/there is no variant/i.test(message)) {
    return { text: 'That version of the reply no longer exists: the chat was changed in another tab.' };
  }
  if (/content must not be empty/i.test(message)) {
    return { text: 'A message cannot be empty: write something, or press Cancel to keep it as it was.' };
  }
  if (/content must be at most/i.test(message)) {
    return { text: 'That message is too long to save (at most 100,000 characters): shorten it and save again.' };
  }
  return { text: message };
}

/** @param {'live' | 'reconnecting' | 'off'} s */
export function setConnection(s) {
  const el = $('connection');
  el.dataset.state = s;
  el.textContent = s === 'live' ? 'Live' : s === 'reconnecting' ? 'Reconnecting…' : '';
}
