// The characters dialog (sidebar → Characters): every character with its avatar, importing cards
// (file picker, drop zone, or a drop anywhere on the page), and from each row its editor or a new
// chat with it.
import { api } from './api.js';
import { avatarElement } from './avatars.js';
import { importCardFile, wireCardDrop } from './card-import.js';
import { openCharacterEditor, wireCharacterEditor } from './character-editor.js';
import { openChatDialog } from './chat-dialog.js';
import { loadSessions, showSessionHeader } from './chat-list.js';
import { $ } from './dom.js';
import { banner, words } from './status.js';
import { store } from './store.js';

/** @type {any[]} */
let characters = [];

function renderList() {
  $('character-list').replaceChildren(
    ...characters.map((c) => {
      const li = document.createElement('li');
      li.dataset.characterId = String(c.id);
      const text = document.createElement('div');
      text.className = 'character-text';
      const name = document.createElement('span');
      name.className = 'character-name';
      name.textContent = c.name;
      const sub = document.createElement('span');
      sub.className = 'sub muted';
      sub.textContent = [c.tags?.join(', '), c.lorebook ? `lorebook: ${c.lorebook.entries.length} entries` : '']
        .filter(Boolean)
        .join(' · ');
      text.append(name, sub);
      const edit = document.createElement('button');
      edit.type = 'button';
      edit.className = 'subtle character-edit';
      edit.textContent = 'Edit';
      edit.setAttribute('aria-label', `Edit ${c.name}`);
      edit.addEventListener('click', () => openCharacterEditor(c, afterSave));
      const chat = document.createElement('button');
      chat.type = 'button';
      chat.className = 'subtle character-chat';
      chat.textContent = 'New chat';
      chat.setAttribute('aria-label', `New chat with ${c.name}`);
      chat.addEventListener('click', () => {
        $('characters-dialog').close();
        void openChatDialog(null, { characterId: c.id });
      });
      li.append(avatarElement(c, ''), text, edit, chat);
      return li;
    }),
  );
  if (characters.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = 'No characters yet: import a card or create one.';
    $('character-list').replaceChildren(li);
  }
}

async function loadCharacters() {
  characters = await api('GET', '/api/characters?limit=500');
  renderList();
}

/** @param {string} text */
function showError(text) {
  $('characters-error').textContent = text;
  $('characters-error').hidden = false;
}

async function openPanel() {
  $('characters-status').textContent = '';
  $('characters-error').hidden = true;
  try {
    await loadCharacters();
  } catch (err) {
    banner(words(err));
    return;
  }
  if (!$('characters-dialog').open) $('characters-dialog').showModal();
}

/**
 * A character was saved in the editor: the list, and the chat list and open chat's header
 * (which show its name and avatar) are read again.
 * @param {any} saved
 */
async function afterSave(saved) {
  try {
    await loadCharacters();
    await loadSessions();
    const session = store.get('session');
    if (session && session.characterId === saved.id) {
      const fresh = await api('GET', `/api/chat-sessions/${session.id}`);
      if (store.get('sessionId') === fresh.id) {
        store.set({ session: fresh });
        showSessionHeader();
      }
    }
    $('characters-status').textContent = `Saved ${saved.name}.`;
  } catch (err) {
    showError(`Saved, but the lists could not be refreshed: ${words(err)}`);
  }
  $(`character-list`).querySelector(`[data-character-id="${saved.id}"] .character-edit`)?.focus();
}

/**
 * Imports the files one by one and shows the characters dialog with the result: the new
 * characters in the list (focus on the last one's Edit), and a sentence for each file refused.
 * @param {File[]} files
 */
async function importFiles(files) {
  $('characters-status').textContent = files.length === 1 ? `Importing "${files[0].name}"…` : 'Importing…';
  $('characters-error').hidden = true;
  if (!$('characters-dialog').open) {
    // A drop outside the dialog: close whatever else is open, then show the result in the dialog.
    for (const d of document.querySelectorAll('dialog[open]')) /** @type {HTMLDialogElement} */ (d).close();
    await openPanel();
    if (!$('characters-dialog').open) return;
  }
  /** @type {any[]} */
  const imported = [];
  /** @type {string[]} */
  const refused = [];
  for (const file of files) {
    try {
      imported.push(await importCardFile(file));
    } catch (err) {
      refused.push(words(err));
    }
  }
  $('characters-status').textContent = imported.length ? `Imported ${imported.map((c) => c.name).join(', ')}.` : '';
  if (refused.length) showError(refused.join(' '));
  try {
    await loadCharacters();
  } catch (err) {
    showError(words(err));
  }
  const last = imported.at(-1);
  if (last) $('character-list').querySelector(`[data-character-id="${last.id}"] .character-edit`)?.focus();
}

export function wireCharactersPanel() {
  wireCharacterEditor();
  $('open-characters').addEventListener('click', () => void openPanel());
  $('card-pick').addEventListener('click', () => $('card-file').click());
  $('card-file').addEventListener('change', () => {
    const files = Array.from(/** @type {FileList} */ ($('card-file').files));
    $('card-file').value = '';
    if (files.length) void importFiles(files);
  });
  $('character-new').addEventListener('click', () => openCharacterEditor(null, afterSave));
  $('characters-dialog').addEventListener('close', () => $('open-characters').focus());
  wireCardDrop((files) => void importFiles(files));
}
