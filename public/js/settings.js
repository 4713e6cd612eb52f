// The settings dialog: the access token kept in this browser, and the OpenRouter API key kept by
// the server; and the banner that says no key is set yet.
import { api, ApiError, getToken, setToken } from './api.js';
import { $ } from './dom.js';
import { banner, clearBanner, OPEN_SETTINGS, words } from './status.js';

async function openSettings() {
  $('token-input').value = getToken();
  $('token-status').textContent = getToken() ? 'A token is saved in this browser.' : '';
  $('settings-error').hidden = true;
  $('key-result').textContent = '';
  $('settings-dialog').showModal();
  await showKeyStatus();
}

async function showKeyStatus() {
  const status = $('key-status');
  try {
    const s = await api('GET', '/api/settings');
    status.textContent = s.openrouterApiKeySet
      ? `A key is stored: ${s.openrouterApiKeyHint}. Saving a new one replaces it.`
      : 'No key is stored yet. Replies need one: create it at openrouter.ai/keys.';
    return s;
  } catch (err) {
    status.textContent = words(err);
    return null;
  }
}

/** @param {() => Promise<unknown>} action @param {string} done */
async function settingsAction(action, done) {
  const error = $('settings-error');
  error.hidden = true;
  try {
    await action();
    await showKeyStatus();
    $('key-input').value = '';
    $('key-result').textContent = done;
    await checkKeyBanner();
  } catch (err) {
    error.textContent = words(err);
    error.hidden = false;
  }
}

/** Says in the banner when no API key is set (and takes that back once one is). */
export async function checkKeyBanner() {
  try {
    const s = await api('GET', '/api/settings');
    if (!s.openrouterApiKeySet)
      banner('No OpenRouter API key is set yet: add one in Settings to get replies.', 'info', OPEN_SETTINGS);
    else if (/^(No|Add an) OpenRouter API key/.test($('banner-text').textContent)) clearBanner();
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
  $('key-save').addEventListener(
    'click',
    () =>
      void settingsAction(
        () =>
          api('PUT', `/api/settings/openrouter-api-key${$('key-verify').checked ? '?verify=true' : ''}`, {
            apiKey: $('key-input').value.trim(),
          }),
        'Key saved.',
      ),
  );
  $('key-remove').addEventListener(
    'click',
    () => void settingsAction(() => api('DELETE', '/api/settings/openrouter-api-key'), 'Key removed.'),
  );
}
