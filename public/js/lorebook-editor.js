// The lorebook part of the character editor: every entry as a group of fields (keys, secondary
// keys, content, enabled, constant, selective, position, insertion order) that can be added and
// removed. Entry fields the form does not show (extensions, id, comment, useRegex, extras…) are
// carried through untouched, so saving here loses nothing an export would write.
import { $ } from './dom.js';

/** The book as loaded (null: none), whose other fields a save keeps. @type {any} */
let book = null;
/** The entries shown, in order; each fieldset's original entry is looked up here. @type {WeakMap<Element, any>} */
const originals = new WeakMap();

/** @param {string} text */
const keyList = (text) =>
  text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);

/**
 * @param {string} caption @param {HTMLElement} control @param {string} field
 * @returns {HTMLLabelElement}
 */
function labelled(caption, control, field) {
  const label = document.createElement('label');
  control.dataset.field = field;
  label.append(caption, ' ', control);
  return label;
}

/** @param {string} caption @param {boolean} checked @param {string} field */
function checkbox(caption, checked, field) {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.checked = checked;
  input.dataset.field = field;
  const label = document.createElement('label');
  label.className = 'check';
  label.append(input, ` ${caption}`);
  return label;
}

/** Numbers the entries' legends and Remove buttons again after one is added or removed. */
function renumber() {
  const entries = $('lorebook-entries').querySelectorAll(':scope > .lore-entry');
  entries.forEach((/** @type {Element} */ fs, /** @type {number} */ i) => {
    fs.querySelector('legend').textContent = `Entry ${i + 1}`;
    fs.querySelector('.lore-remove').setAttribute('aria-label', `Remove entry ${i + 1}`);
  });
  $('lorebook-empty').hidden = entries.length > 0;
}

/** @param {any} entry */
function entryFields(entry) {
  const fs = document.createElement('fieldset');
  fs.className = 'lore-entry';
  originals.set(fs, entry);
  const legend = document.createElement('legend');

  const keys = document.createElement('input');
  keys.value = (entry.keys ?? []).join(', ');
  keys.spellcheck = false;
  const secondary = document.createElement('input');
  secondary.value = (entry.secondaryKeys ?? []).join(', ');
  secondary.spellcheck = false;
  const content = document.createElement('textarea');
  content.rows = 3;
  content.value = entry.content ?? '';
  const position = document.createElement('select');
  position.append(new Option('After the character', 'after_char'), new Option('Before the character', 'before_char'));
  position.value = entry.position === 'before_char' ? 'before_char' : 'after_char';
  const order = document.createElement('input');
  order.type = 'number';
  order.step = '1';
  order.value = String(entry.insertionOrder ?? 100);

  const checks = document.createElement('div');
  checks.className = 'row';
  checks.append(
    checkbox('Enabled', entry.enabled ?? true, 'enabled'),
    checkbox('Constant (always in the prompt)', entry.constant ?? false, 'constant'),
    checkbox('Selective (needs a secondary key too)', entry.selective ?? false, 'selective'),
  );
  const placing = document.createElement('div');
  placing.className = 'row lore-placing';
  placing.append(labelled('Position', position, 'position'), labelled('Insertion order', order, 'insertionOrder'));

  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'danger subtle lore-remove';
  remove.textContent = 'Remove entry';
  remove.addEventListener('click', () => {
    const next = fs.nextElementSibling ?? fs.previousElementSibling;
    fs.remove();
    renumber();
    // Focus stays in the list rather than falling to the page.
    /** @type {HTMLElement | null} */ (next?.querySelector('input') ?? $('lorebook-add')).focus();
  });

  fs.append(
    legend,
    labelled('Keys (comma-separated)', keys, 'keys'),
    labelled('Secondary keys (comma-separated)', secondary, 'secondaryKeys'),
    labelled('Content', content, 'content'),
    checks,
    placing,
    remove,
  );
  return fs;
}

/** Shows a character's lorebook in the editor. @param {any} lorebook the character's, or null */
export function showLorebook(lorebook) {
  book = lorebook;
  $('lorebook-scan-depth').value = lorebook?.scanDepth ?? '';
  $('lorebook-entries').replaceChildren(...(lorebook?.entries ?? []).map(entryFields));
  renumber();
}

function addEntry() {
  const fs = entryFields({ keys: [], content: '' });
  $('lorebook-entries').append(fs);
  renumber();
  fs.querySelector('input')?.focus();
}

/**
 * The lorebook to save, or null when there is none and no entry was added.
 * @returns {any}
 */
export function lorebookValue() {
  const fieldsets = Array.from($('lorebook-entries').querySelectorAll(':scope > .lore-entry'));
  if (!book && fieldsets.length === 0) return null;
  /** @param {Element} fs @param {string} name @returns {any} */
  const field = (fs, name) => fs.querySelector(`[data-field="${name}"]`);
  const entries = fieldsets.map((fs) => ({
    ...originals.get(fs),
    keys: keyList(field(fs, 'keys').value),
    secondaryKeys: keyList(field(fs, 'secondaryKeys').value),
    content: field(fs, 'content').value,
    enabled: field(fs, 'enabled').checked,
    constant: field(fs, 'constant').checked,
    selective: field(fs, 'selective').checked,
    position: field(fs, 'position').value,
    insertionOrder: Number(field(fs, 'insertionOrder').value || 100),
  }));
  const depth = $('lorebook-scan-depth').value.trim();
  const result = { ...(book ?? { extensions: {} }), entries };
  if (depth === '') delete result.scanDepth;
  else result.scanDepth = Number(depth);
  return result;
}

export function wireLorebookEditor() {
  $('lorebook-add').addEventListener('click', addEntry);
}
