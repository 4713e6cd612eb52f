// The settings dialog: the access token kept in this browser, and each provider's API key kept by
// the server (provider-keys.js); and the banner that says no provider can answer yet.
import { api, ApiError, getToken, setToken } from './api.js';
import { $ } from './dom.js';
import { anyProviderUsable, showProviderKeys, wireProviderKeys } from './provider-keys.js';
import { banner, clearBanner, OPEN_SETTINGS, words } from './status.js';

async function openSettings() {
  $('token-input').value = getToken();
  $('token-status').textContent = getToken() ? 'A token is saved in this browser.' : '';
  $('settings-error').hidden = true;
  for (const result of document.querySelectorAll('[id^="key-result"]')) result.textContent = '';
  $('settings-dialog').showModal();
  await showKeyStatus();
}

async function showKeyStatus() {
  try {
    const s = await api('GET', '/api/settings');
    showProviderKeys(s);
    return s;
  } catch (err) {
    $('key-status').textContent = words(err);
    return null;
  }
}

/** Says in the banner when no API key is set (and takes that back once one is). */
export async function checkKeyBanner() {
  try {
    const s = await api('GET', '/api/settings');
    if (!anyProviderUsable(s))
      banner('No OpenRouter API key is set yet: add one in Settings to get replies.', 'info', OPEN_SETTINGS);
    else if (/^(No|Add an?) \S+ API key/.test($('banner-text').textContent)) clearBanner();
  } catch (err) {
    // With ADMIN_TOKEN set, a chat-only token may not read settings: that is fine.
    if (!(err instanceof ApiError && (err.status === 401 || err.status === 403))) banner(words(err));
  }
}

/** @param {{ onTokenSaved: () => void }} hooks what to do once a new token is saved (load the page again) */
export function wireSettings({ onTokenSaved }) {
  $('open-settings').addEventListener('click', () => void openSettings());
  $('token-save').addEventListener('click', () => {
    setToken($('token-input').value.trim());
    $('settings-error').hidden = true;
    $('token-status').textContent = getToken() ? 'Token saved in this browser.' : 'Token removed.';
    onTokenSaved();
  });
  wireProviderKeys(checkKeyBanner);
}
