// The character editor: every field of a character (the card's fields), its alternate greetings
// as a list, its tags, its lorebook (lorebook-editor.js) and the export buttons. A new character
// is created with POST, an existing one saved with PATCH; the caller decides what to refresh.
import { api, ApiError, errorOf, getToken } from './api.js';
import { avatarElement } from './avatars.js';
import { $ } from './dom.js';
import { lorebookValue, showLorebook, wireLorebookEditor } from './lorebook-editor.js';
import { words } from './status.js';

/** The text fields, by API name, with the caption a refusal names them by. */
const TEXT_FIELDS = /** @type {const} */ ({
  name: 'Name',
  description: 'Description',
  personality: 'Personality',
  scenario: 'Scenario',
  firstMessage: 'First message',
  exampleMessages: 'Example dialogue',
  systemPrompt: 'System prompt',
  postHistoryInstructions: 'Post-history instructions',
  creatorNotes: "Creator's notes",
  creator: 'Creator',
  characterVersion: 'Version',
});
const CAPTIONS = { ...TEXT_FIELDS, tags: 'Tags', alternateGreetings: 'Alternate greetings', lorebook: 'Lorebook' };

/** @type {{ character: any | null, onSaved: (c: any) => Promise<void> | void, returnTo: HTMLElement | null } | null} */
let current = null;

/** Numbers the greetings' captions and Remove buttons again. */
function renumberGreetings() {
  const items = $('greetings-list').querySelectorAll(':scope > li');
  items.forEach((/** @type {Element} */ li, /** @type {number} */ i) => {
    li.querySelector('.greeting-caption').textContent = `Greeting ${i + 2}`;
    li.querySelector('button').setAttribute('aria-label', `Remove greeting ${i + 2}`);
  });
  $('greetings-empty').hidden = items.length > 0;
}

/** @param {string} text */
function greetingItem(text) {
  const li = document.createElement('li');
  const label = document.createElement('label');
  const caption = document.createElement('span');
  caption.className = 'greeting-caption';
  const area = document.createElement('textarea');
  area.rows = 2;
  area.value = text;
  label.append(caption, ' ', area);
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'danger subtle';
  remove.textContent = 'Remove';
  remove.addEventListener('click', () => {
    const next = li.nextElementSibling ?? li.previousElementSibling;
    li.remove();
    renumberGreetings();
    /** @type {HTMLElement} */ (next?.querySelector('textarea') ?? $('greeting-add')).focus();
  });
  li.append(label, remove);
  return li;
}

/**
 * Opens the editor on a character, or on a new one (null).
 * @param {any | null} character the character as the API returns it
 * @param {(saved: any) => Promise<void> | void} onSaved
 * @param {HTMLElement | null} [returnTo] where focus goes when it closes (default: what has focus now)
 */
export function openCharacterEditor(character, onSaved, returnTo) {
  current = {
    character,
    onSaved,
    returnTo: returnTo ?? /** @type {HTMLElement | null} */ (document.activeElement),
  };
  $('character-dialog-title').textContent = character ? `Edit ${character.name}` : 'New character';
  $('character-error').hidden = true;
  for (const field of Object.keys(TEXT_FIELDS)) $(`ch-${field}`).value = character?.[field] ?? '';
  $('ch-tags').value = (character?.tags ?? []).join(', ');
  $('greetings-list').replaceChildren(...(character?.alternateGreetings ?? []).map(greetingItem));
  renumberGreetings();
  showLorebook(character?.lorebook ?? null);
  $('character-export').hidden = !character;
  $('character-avatar').replaceChildren(
    character ? avatarElement(character, `Avatar of ${character.name}`) : document.createTextNode(''),
  );
  $('character-dialog').showModal();
}

function formBody() {
  /** @type {Record<string, unknown>} */
  const body = {};
  for (const field of Object.keys(TEXT_FIELDS)) body[field] = $(`ch-${field}`).value;
  body.name = String(body.name).trim();
  body.tags = $('ch-tags')
    .value.split(',')
    .map((/** @type {string} */ t) => t.trim())
    .filter(Boolean);
  body.alternateGreetings = Array.from($('greetings-list').querySelectorAll('textarea'), (t) => t.value).filter(
    (g) => g.trim() !== '',
  );
  body.lorebook = lorebookValue();
  return body;
}

/**
 * A refusal as a sentence: a field's message ("name must not be empty",
 * "lorebook.entries[0].position must be …") names the box, with entries counted from 1.
 * @param {unknown} err
 */
export function characterErrorWords(err) {
  if (err instanceof ApiError && err.status === 404) {
    return 'This character no longer exists (it may have been deleted elsewhere). Close this form.';
  }
  const message = words(err);
  if (!(err instanceof ApiError) || err.status !== 400) return message;
  const m = /^(\w+)((?:\.\w+|\[\d+\])*) (.*?)\.?$/.exec(message);
  /** @type {Record<string, string>} */
  const captions = CAPTIONS;
  if (!m || !captions[m[1]]) return message;
  const where = m[2]
    .replace(/^\.entries\[(\d+)\]/, (_, i) => ` entry ${Number(i) + 1}`)
    .replace(/^\[(\d+)\]/, (_, i) => ` ${Number(i) + 2}`)
    .replace(/\./g, ' ');
  return `${captions[m[1]]}${where} ${m[3]}: correct it and press Save again. Nothing was changed.`;
}

async function save() {
  if (!current) return;
  const error = $('character-error');
  error.hidden = true;
  $('character-save').disabled = true;
  let saved;
  try {
    const id = current.character?.id;
    saved = id
      ? await api('PATCH', `/api/characters/${id}`, formBody())
      : await api('POST', '/api/characters', formBody());
  } catch (err) {
    error.textContent = characterErrorWords(err);
    error.hidden = false;
    return;
  } finally {
    $('character-save').disabled = false;
  }
  const { onSaved } = current;
  current.character = saved;
  $('character-dialog').close();
  await onSaved(saved);
}

/**
 * Downloads the card through fetch (so a token is sent) and saves it under the server's name.
 * @param {'png' | 'json'} format
 */
async function exportCard(format) {
  const character = current?.character;
  if (!character) return;
  const error = $('character-error');
  error.hidden = true;
  try {
    const token = getToken();
    const res = await fetch(`/api/characters/${character.id}/export?format=${format}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) throw await errorOf(res);
    const disposition = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const filename = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? `${character.name}.${format}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    error.textContent = `The card could not be exported: ${words(err)}`;
    error.hidden = false;
  }
}

export function wireCharacterEditor() {
  wireLorebookEditor();
  $('greeting-add').addEventListener('click', () => {
    const li = greetingItem('');
    $('greetings-list').append(li);
    renumberGreetings();
    li.querySelector('textarea')?.focus();
  });
  $('character-save').addEventListener('click', () => void save());
  $('export-png').addEventListener('click', () => void exportCard('png'));
  $('export-json').addEventListener('click', () => void exportCard('json'));
  // Back to what opened it, also in browsers that do not restore focus themselves.
  $('character-dialog').addEventListener('close', () => {
    const to = current?.returnTo;
    if (to && to.isConnected) to.focus();
  });
}
