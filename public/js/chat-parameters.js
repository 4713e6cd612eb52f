// The open chat's generation parameters, in their own dialog opened from the header's
// "Parameters" button or the chat dialog's "Generation parameters…". A chat's parameters override its AI model's key by key; the model's show
// as the empty fields' placeholders. Saved with PATCH /api/chat-sessions/:id {parameters}.
import { api, ApiError } from './api.js';
import { showSessionHeader } from './chat-list.js';
import { $ } from './dom.js';
import { buildParametersFields, parameterErrorWords, readParameters, setParameters } from './parameters-panel.js';
import { words } from './status.js';
import { store } from './store.js';

/** Prefix of the chat dialog's parameter fields (`chat-param-temperature`). */
const PREFIX = 'chat-param';
/** The chat the dialog edits. @type {number | null} */
let editingId = null;
/** The chat's AI model's parameters, shown under the empty fields. @type {any} */
let inherited = null;
/** The button that opened the dialog, given focus back when it closes. @type {HTMLElement | null} */
let opener = null;

/** @param {string} text */
function showError(text) {
  $('chat-parameters-error').textContent = text;
  $('chat-parameters-error').hidden = false;
}

/**
 * Opens the dialog on the open chat, read afresh so the model's parameters are current.
 * @param {HTMLElement} from the button pressed
 */
export async function openChatParameters(from) {
  const id = store.get('sessionId');
  if (id === null) return;
  opener = from;
  editingId = id;
  buildParametersFields($('chat-parameters-fields'), PREFIX);
  $('chat-parameters-error').hidden = true;
  let session = store.get('session');
  try {
    session = await api('GET', `/api/chat-sessions/${id}`);
  } catch (err) {
    showError(`The chat could not be read again: ${words(err)}`);
  }
  inherited = session?.aiModel?.parameters ?? null;
  setParameters(PREFIX, session?.parameters, inherited);
  $('chat-parameters-dialog').showModal();
}

async function save() {
  if (editingId === null) return;
  $('chat-parameters-error').hidden = true;
  const { parameters, error } = readParameters(PREFIX);
  if (error) return showError(`${error} Nothing was changed.`);
  $('chat-parameters-save').disabled = true;
  try {
    const saved = await api('PATCH', `/api/chat-sessions/${editingId}`, { parameters });
    $('chat-parameters-dialog').close();
    if (store.get('sessionId') === saved.id) {
      // The PATCH answer does not embed the records the header names: keep the loaded ones.
      store.set({ session: { ...store.get('session'), ...saved, parameters: saved.parameters } });
      showSessionHeader();
    }
  } catch (err) {
    const message = words(err);
    showError((err instanceof ApiError && err.status === 400 && parameterErrorWords(message)) || message);
  } finally {
    $('chat-parameters-save').disabled = false;
  }
}

export function wireChatParameters() {
  $('chat-parameters').addEventListener('click', () => void openChatParameters($('chat-parameters')));
  $('chat-parameters-more').addEventListener('click', () => void openChatParameters($('chat-parameters-more')));
  $('chat-parameters-save').addEventListener('click', () => void save());
  $('chat-parameters-clear').addEventListener('click', () => {
    setParameters(PREFIX, null, inherited);
    $('chat-parameters-error').hidden = true;
  });
  $('chat-parameters-dialog').addEventListener('close', () => opener?.focus());
  // The header's button: shown only while a chat is open, like "Edit chat" (phones, short of room,
  // reach the dialog through Edit chat instead).
  store.subscribe(['sessionId'], () => ($('chat-parameters').hidden = store.get('sessionId') === null));
  // The chat dialog's button: only when it edits the open chat, which is exactly when it offers
  // Delete chat (chat-dialog.js sets that on every opening).
  new MutationObserver(() => ($('chat-parameters-more').hidden = $('chat-delete').hidden)).observe($('chat-delete'), {
    attributes: true,
    attributeFilter: ['hidden'],
  });
}
