// The chat dialog: a new chat or the open one's settings, with a picker per record it uses (AI
// model, character, user profile, system prompt) that can also create a new record in place, and
// an Edit button beside it that opens the picked record's form (record-editor.js).
import { api } from './api.js';
import { openCharacterEditor } from './character-editor.js';
import { closeSession, loadSessions, openSession, renderSessionList, showSessionHeader } from './chat-list.js';
import { $ } from './dom.js';
import { openRecordEditor, wireRecordEditor } from './record-editor.js';
import { banner, words } from './status.js';
import { store } from './store.js';

const KINDS = /** @type {const} */ ({
  aiModel: { path: '/api/ai-models', optional: false, newLabel: '+ New model…', text: 'label' },
  character: { path: '/api/characters', optional: true, newLabel: '+ New character…', text: 'description' },
  userProfile: { path: '/api/user-profiles', optional: true, newLabel: '+ New profile…', text: 'description' },
  systemPrompt: { path: '/api/system-prompts', optional: true, newLabel: '+ New system prompt…', text: 'content' },
});
/** @typedef {keyof typeof KINDS} Kind */
const KIND_NAMES = /** @type {Kind[]} */ (Object.keys(KINDS));

/** The records the pickers offer, loaded each time the dialog opens. @type {Record<Kind, any[]>} */
const library = { aiModel: [], character: [], userProfile: [], systemPrompt: [] };
/** The chat being edited in the dialog, or null for a new one. @type {any} */
let editing = null;

async function loadLibrary() {
  const lists = await Promise.all(KIND_NAMES.map((k) => api('GET', `${KINDS[k].path}?limit=500`)));
  KIND_NAMES.forEach((k, i) => (library[k] = lists[i]));
}

/**
 * @param {any} session the chat to edit, or null for a new one
 * @param {{ characterId?: number }} [preset] a new chat's character (from the characters dialog's "New chat")
 */
export async function openChatDialog(session, preset = {}) {
  editing = session;
  $('chat-dialog-title').textContent = session ? 'Edit chat' : 'New chat';
  $('chat-error').hidden = true;
  $('chat-delete').hidden = !session;
  $('chat-name').value = session?.name ?? '';
  $('chat-pre').value = session?.preSystemPrompt ?? '';
  $('chat-post').value = session?.postSystemPrompt ?? '';
  $('chat-keep-partial').checked = session?.keepPartialOnCancel ?? false;
  try {
    await loadLibrary();
  } catch (err) {
    banner(words(err));
    return;
  }
  for (const kind of KIND_NAMES) {
    const current = session ? session[`${kind}Id`] : library[kind].at(-1)?.id;
    fillPicker(kind, kind === 'aiModel' || session ? current : kind === 'character' ? preset.characterId : null);
  }
  $('chat-dialog').showModal();
}

/** @param {Kind} kind @param {number | null | undefined} selected */
function fillPicker(kind, selected) {
  const select = $(`pick-${kind}`);
  const spec = KINDS[kind];
  const options = [];
  if (spec.optional) options.push(new Option('— none —', ''));
  for (const item of library[kind]) {
    options.push(
      new Option(
        kind === 'aiModel' ? (item.name ? `${item.name} (${item.label})` : item.label) : item.name,
        String(item.id),
      ),
    );
  }
  options.push(new Option(spec.newLabel, 'new'));
  select.replaceChildren(...options);
  select.value = selected != null ? String(selected) : spec.optional ? '' : 'new';
  showPicker(kind);
}

/** @param {Kind} kind */
function pickedRecord(kind) {
  const value = $(`pick-${kind}`).value;
  return library[kind].find((x) => String(x.id) === value);
}

/** @param {Kind} kind */
function showPicker(kind) {
  const select = $(`pick-${kind}`);
  const picker = select.closest('.picker');
  picker.querySelector('.new-fields').hidden = select.value !== 'new';
  const item = pickedRecord(kind);
  // Nothing to edit on "none" or "+ New…"; disabled rather than hidden, so the row keeps its shape.
  $(`edit-${kind}`).disabled = !item;
  const preview = picker.querySelector('.preview');
  if (preview) preview.textContent = item ? item[KINDS[kind].text] : '';
}

/** @param {Kind} kind */
function editPicked(kind) {
  const item = pickedRecord(kind);
  if (!item) return;
  /** @param {any} saved */
  const onSaved = (saved) => afterEdit(kind, saved);
  // A character has many more fields than the quick form shows: its full editor is one press away.
  const more = kind === 'character' ? () => openCharacterEditor(item, onSaved, $('edit-character')) : undefined;
  openRecordEditor(kind, KINDS[kind].path, item, onSaved, more);
}

/**
 * A record was edited: the picker shows its new name, and the chat list and the open chat's
 * header (which embed it) are read again if they use it.
 * @param {Kind} kind @param {any} saved
 */
async function afterEdit(kind, saved) {
  library[kind] = library[kind].map((x) => (x.id === saved.id ? saved : x));
  fillPicker(kind, saved.id);
  try {
    await loadSessions();
    const session = store.get('session');
    if (session && session[`${kind}Id`] === saved.id) {
      const fresh = await api('GET', `/api/chat-sessions/${session.id}`);
      if (store.get('sessionId') === fresh.id) {
        store.set({ session: fresh });
        showSessionHeader();
      }
    }
  } catch (err) {
    $('chat-error').textContent = `Saved, but the chat list could not be refreshed: ${words(err)}`;
    $('chat-error').hidden = false;
  }
}

/** Creates the record a picker asks for, if it says "new"; returns the id to use. @param {Kind} kind */
async function pickedId(kind) {
  const select = $(`pick-${kind}`);
  if (select.value === '') return null;
  if (select.value !== 'new') return Number(select.value);
  const body =
    kind === 'aiModel'
      ? { label: $('new-aiModel-label').value.trim(), name: $('new-aiModel-name').value.trim() || null }
      : kind === 'systemPrompt'
        ? { name: $('new-systemPrompt-name').value.trim(), content: $('new-systemPrompt-text').value }
        : { name: $(`new-${kind}-name`).value.trim(), description: $(`new-${kind}-text`).value };
  const created = await api('POST', KINDS[kind].path, body);
  // Point the picker at it, so saving again after another field's error does not create it twice.
  library[kind].push(created);
  fillPicker(kind, created.id);
  return created.id;
}

async function saveChat() {
  const error = $('chat-error');
  error.hidden = true;
  $('chat-save').disabled = true;
  try {
    const body = {
      name: $('chat-name').value.trim() || null,
      aiModelId: await pickedId('aiModel'),
      characterId: await pickedId('character'),
      userProfileId: await pickedId('userProfile'),
      systemPromptId: await pickedId('systemPrompt'),
      preSystemPrompt: $('chat-pre').value.trim() ? $('chat-pre').value : null,
      postSystemPrompt: $('chat-post').value.trim() ? $('chat-post').value : null,
      keepPartialOnCancel: $('chat-keep-partial').checked,
    };
    const saved = editing
      ? await api('PATCH', `/api/chat-sessions/${editing.id}`, body)
      : await api('POST', '/api/chat-sessions', body);
    $('chat-dialog').close();
    await loadSessions();
    if (editing && store.get('sessionId') === saved.id) {
      store.set({ session: saved });
      showSessionHeader();
      renderSessionList();
    } else {
      await openSession(saved.id);
    }
  } catch (err) {
    error.textContent = words(err);
    error.hidden = false;
  } finally {
    $('chat-save').disabled = false;
  }
}

async function deleteChat() {
  const session = editing;
  if (!session || !confirm(`Delete "${session.name || `Chat ${session.id}`}" and all its messages?`)) return;
  try {
    await api('DELETE', `/api/chat-sessions/${session.id}`);
    $('chat-dialog').close();
    if (store.get('sessionId') === session.id) closeSession();
    await loadSessions();
  } catch (err) {
    $('chat-error').textContent = words(err);
    $('chat-error').hidden = false;
  }
}

export function wireChatDialog() {
  $('new-chat').addEventListener('click', () => void openChatDialog(null));
  $('edit-chat').addEventListener('click', () => void openChatDialog(store.get('session')));
  $('chat-save').addEventListener('click', () => void saveChat());
  $('chat-delete').addEventListener('click', () => void deleteChat());
  for (const kind of KIND_NAMES) {
    $(`pick-${kind}`).addEventListener('change', () => showPicker(kind));
    $(`edit-${kind}`).addEventListener('click', () => editPicked(kind));
  }
  wireRecordEditor();
}
