// The API key of each configured provider in the settings dialog: set, replace or remove it, its
// hint (never the key), "no key needed" for an endpoint that answers without one, and a link to
// where keys are made. OpenRouter's fieldset is in index.html (its ids predate the others); every
// other provider the server lists gets one built here with ids suffixed by its id
// (`key-input-anthropic`). Base URLs are only shown: they are set in the server's environment.
import { api } from './api.js';
import { $ } from './dom.js';
import { words } from './status.js';

/** Where each known provider's keys are made. */
const KEY_PAGES = /** @type {Record<string, string>} */ ({
  openrouter: 'https://openrouter.ai/keys',
  openai: 'https://platform.openai.com/api-keys',
  anthropic: 'https://console.anthropic.com/settings/keys',
});
const NAMES = /** @type {Record<string, string>} */ ({
  openrouter: 'OpenRouter',
  openai: 'OpenAI',
  anthropic: 'Anthropic',
});

/** @typedef {{ id: string, kind: string, baseUrl: string, apiKeySet: boolean, apiKeyHint: string | null, apiKeyRequired: boolean }} Provider */

/** A provider's name as people know it. @param {string} id */
export const providerName = (id) => NAMES[id] ?? id;

/** The id suffix of a provider's controls: none for OpenRouter's, whose fieldset is static. @param {string} id */
const suffix = (id) => (id === 'openrouter' ? '' : `-${id}`);

/** @param {string} tag @param {Record<string, string>} attrs @param {(Node | string)[]} children */
function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** The "keys are made at …" line, with a link that opens in a new tab. @param {string} id */
function keyPageLine(id) {
  const page = KEY_PAGES[id];
  if (!page) return null;
  const link = el('a', { href: page, target: '_blank', rel: 'noopener noreferrer' }, [page.replace(/^https:\/\//, '')]);
  return el('p', { class: 'help' }, [`${providerName(id)} keys are made at `, link, ' (opens in a new tab).']);
}

/** One provider's fieldset, built once and reused. @param {Provider} p */
function fieldsetFor(p) {
  const s = suffix(p.id);
  const name = providerName(p.id);
  const fieldset = el('fieldset', { 'data-provider': p.id }, [
    el('legend', {}, [`${name} API key`]),
    el('p', { class: 'help' }, [`Server: ${p.baseUrl}`]),
    el('p', { id: `key-status${s}`, class: 'help' }),
    ...[keyPageLine(p.id)].filter((x) => x !== null),
    el('label', {}, [
      'New key ',
      el('input', { type: 'password', id: `key-input${s}`, autocomplete: 'off', spellcheck: 'false' }),
    ]),
    el('label', { class: 'check' }, [
      el('input', { type: 'checkbox', id: `key-verify${s}` }),
      ` Ask ${name} whether it accepts the key before saving`,
    ]),
    el('div', { class: 'row' }, [
      el('button', { type: 'button', id: `key-save${s}`, class: 'primary' }, ['Save key']),
      el('button', { type: 'button', id: `key-remove${s}`, class: 'danger subtle' }, ['Remove key']),
      el('span', { id: `key-result${s}`, class: 'muted', role: 'status' }),
    ]),
  ]);
  wireKeyControls(p.id, fieldset);
  return fieldset;
}

/** What the status line says about one provider's key. @param {Provider} p */
function statusWords(p) {
  if (p.apiKeySet) return `A key is stored: ${p.apiKeyHint}. Saving a new one replaces it.`;
  if (!p.apiKeyRequired) return 'No key needed: this server answers without one. Set one only if it asks for it.';
  return `No key is stored yet. Replies from ${providerName(p.id)} models need one.`;
}

/** @type {(() => Promise<void>) | null} */
let afterChange = null;

/** @param {string} id @param {ParentNode} root where its controls are */
function wireKeyControls(id, root) {
  const s = suffix(id);
  /** @param {() => Promise<unknown>} action @param {string} done */
  const run = async (action, done) => {
    $('settings-error').hidden = true;
    $(`key-result${s}`).textContent = '';
    try {
      const settings = await action();
      showProviderKeys(/** @type {any} */ (settings));
      $(`key-input${s}`).value = '';
      $(`key-result${s}`).textContent = done;
      await afterChange?.();
    } catch (err) {
      $('settings-error').textContent = words(err);
      $('settings-error').hidden = false;
    }
  };
  const path = `/api/settings/providers/${encodeURIComponent(id)}/api-key`;
  const button = (/** @type {string} */ part) => /** @type {HTMLElement} */ (root.querySelector(`#${part}${s}`));
  button('key-save').addEventListener('click', () => {
    const verify = $(`key-verify${s}`).checked ? '?verify=true' : '';
    void run(() => api('PUT', `${path}${verify}`, { apiKey: $(`key-input${s}`).value.trim() }), 'Key saved.');
  });
  button('key-remove').addEventListener('click', () => void run(() => api('DELETE', path), 'Key removed.'));
}

/**
 * Shows every provider's key state from a settings answer (GET or a key PUT/DELETE).
 * @param {{ openrouterApiKeySet: boolean, openrouterApiKeyHint: string | null, providers?: Provider[] }} settings
 */
export function showProviderKeys(settings) {
  const providers = settings.providers ?? [];
  const others = $('provider-keys');
  const kept = new Map([...others.children].map((f) => [/** @type {HTMLElement} */ (f).dataset.provider, f]));
  const fieldsets = [];
  for (const p of providers) {
    if (p.id === 'openrouter') continue;
    fieldsets.push(kept.get(p.id) ?? fieldsetFor(p));
  }
  others.replaceChildren(...fieldsets);
  const openrouter = providers.find((p) => p.id === 'openrouter') ?? {
    id: 'openrouter',
    apiKeySet: settings.openrouterApiKeySet,
    apiKeyHint: settings.openrouterApiKeyHint,
    apiKeyRequired: true,
  };
  if ('baseUrl' in openrouter) {
    $('key-server').textContent = `Server: ${openrouter.baseUrl}`;
    $('key-server').hidden = false;
  }
  for (const p of [/** @type {Provider} */ (openrouter), ...providers.filter((x) => x.id !== 'openrouter')]) {
    const status = document.getElementById(`key-status${suffix(p.id)}`);
    if (status) status.textContent = statusWords(p);
    // Nothing to remove without a key (disabled rather than hidden, so the row keeps its shape).
    const remove = /** @type {HTMLButtonElement | null} */ (document.getElementById(`key-remove${suffix(p.id)}`));
    if (remove) remove.disabled = !p.apiKeySet;
  }
}

/** Wires OpenRouter's static controls; `onChange` runs after any key is saved or removed. @param {() => Promise<void>} onChange */
export function wireProviderKeys(onChange) {
  afterChange = onChange;
  wireKeyControls('openrouter', document);
  const line = keyPageLine('openrouter');
  if (line) $('key-status').after(line);
}

/** Whether some provider can answer: a key stored, or an endpoint that needs none. @param {any} settings */
export function anyProviderUsable(settings) {
  const providers = /** @type {Provider[]} */ (settings.providers ?? []);
  return settings.openrouterApiKeySet || providers.some((p) => p.apiKeySet || !p.apiKeyRequired);
}
