// The small form a picker's Edit button opens, over the chat dialog: the picked AI model, character,
// user profile or system prompt, saved with PATCH. What to do with the saved record (refresh the
// picker, the open chat's header) is the caller's: it passes `onSaved`.
import { api, ApiError } from './api.js';
import { $ } from './dom.js';
import { hideModelFields, modelFieldsBody, openModelFields, wireModelPicker } from './model-picker.js';
import { parameterErrorWords } from './parameters-panel.js';
import { plainWords, words } from './status.js';

/** @typedef {'aiModel' | 'character' | 'userProfile' | 'systemPrompt'} Kind */

/**
 * What each kind's form shows. `text` is the field the textarea edits (none for a model, whose
 * own fields are model-picker.js's); `fields` names the API's fields as the form's captions do,
 * so a refusal such as "name must not be empty" can name the box to fix.
 */
const FORMS = /** @type {const} */ ({
  aiModel: {
    title: 'AI model',
    name: 'Display name',
    text: null,
    fields: { label: 'Model id', name: 'Display name', provider: 'Provider', contextLength: 'Context length' },
  },
  character: {
    title: 'character',
    name: 'Name',
    text: 'description',
    fields: { name: 'Name', description: 'Description' },
  },
  userProfile: {
    title: 'user profile',
    name: 'Name',
    text: 'description',
    fields: { name: 'Name', description: 'Description' },
  },
  systemPrompt: { title: 'system prompt', name: 'Name', text: 'content', fields: { name: 'Name', content: 'Content' } },
});

/**
 * @type {{ kind: Kind, path: string, id: number, onSaved: (record: any) => Promise<void> | void,
 *   onMore?: () => void } | null}
 */
let current = null;

/**
 * Opens the form on one record.
 * @param {Kind} kind
 * @param {string} path the collection, e.g. `/api/characters`
 * @param {any} record the record as listed
 * @param {(record: any) => Promise<void> | void} onSaved
 * @param {() => void} [onMore] opens the record's full editor (a character's); shows the button for it
 */
export function openRecordEditor(kind, path, record, onSaved, onMore) {
  const form = FORMS[kind];
  current = { kind, path, id: record.id, onSaved, onMore };
  $('record-more').hidden = !onMore;
  $('record-dialog-title').textContent = `Edit ${form.title}`;
  $('record-error').hidden = true;
  $('record-label-field').hidden = kind !== 'aiModel';
  $('record-label').value = kind === 'aiModel' ? record.label : '';
  $('record-name-caption').textContent = form.name;
  $('record-name').value = record.name ?? '';
  $('record-text-field').hidden = form.text === null;
  $('record-text-caption').textContent = form.text === null ? '' : form.fields[form.text];
  $('record-text').value = form.text === null ? '' : (record[form.text] ?? '');
  $('record-dialog').showModal();
  if (kind === 'aiModel') void openModelFields(record);
  else hideModelFields();
}

/** A mistake found in the form before anything is sent, already put as a sentence. */
class FormError extends Error {}

/** @param {Kind} kind */
function formBody(kind) {
  const name = $('record-name').value.trim();
  if (kind === 'aiModel') {
    const { body, error } = modelFieldsBody();
    if (error) throw new FormError(error);
    return { label: $('record-label').value.trim(), name: name || null, ...body };
  }
  const text = FORMS[kind].text;
  return { name, [text]: $('record-text').value };
}

/**
 * A refusal put as a sentence that says what to do. Field messages ("name must not be empty")
 * name the box by its caption; a record deleted meanwhile says so; anything else keeps the
 * server's words (through the page's shared wording).
 * @param {unknown} err @param {Kind} kind
 */
export function editErrorWords(err, kind) {
  const form = FORMS[kind];
  if (err instanceof ApiError && err.status === 404) {
    return `This ${form.title} no longer exists (it may have been deleted elsewhere). Close this form and pick another.`;
  }
  if (err instanceof FormError) return err.message;
  const message = words(err);
  const parameter = err instanceof ApiError && err.status === 400 ? parameterErrorWords(message) : null;
  if (parameter) return parameter;
  if (err instanceof ApiError && err.status === 400) {
    const m = /^(\w+) (.*?)\.?$/.exec(message);
    /** @type {Record<string, string>} */
    const fields = form.fields;
    if (m && fields[m[1]]) return `${fields[m[1]]} ${m[2]}: correct it and press Save again. Nothing was changed.`;
  }
  return plainWords(message).text;
}

async function save() {
  if (!current) return;
  const { kind, path, id, onSaved } = current;
  const error = $('record-error');
  error.hidden = true;
  $('record-save').disabled = true;
  let saved;
  try {
    // Read the form inside the try: a mistake it finds is shown like a refusal.
    saved = await api('PATCH', `${path}/${id}`, formBody(kind));
  } catch (err) {
    error.textContent = editErrorWords(err, kind);
    error.hidden = false;
    return;
  } finally {
    $('record-save').disabled = false;
  }
  $('record-dialog').close();
  await onSaved(saved);
}

export function wireRecordEditor() {
  wireModelPicker();
  $('record-save').addEventListener('click', () => void save());
  $('record-more').addEventListener('click', () => {
    const more = current?.onMore;
    $('record-dialog').close();
    more?.();
  });
  // Back to the Edit button that opened it, also in browsers that do not restore focus themselves.
  $('record-dialog').addEventListener('close', () => {
    if (current) $(`edit-${current.kind}`).focus();
  });
}
