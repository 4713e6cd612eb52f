// The open chat's generation parameters, in their own dialog opened from the header's
// "Parameters" button. A chat's parameters override its AI model's key by key; the model's show
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

/** @param {string} text */
function showError(text) {
  $('chat-parameters-error').textContent = text;
  $('chat-parameters-error').hidden = false;
}

/** Opens the dialog on the open chat, read afresh so the model's parameters are current. */
export async function openChatParameters() {
  const id = store.get('sessionId');
  if (id === null) return;
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
  $('chat-parameters').addEventListener('click', () => void openChatParameters());
  $('chat-parameters-save').addEventListener('click', () => void save());
  $('chat-parameters-clear').addEventListener('click', () => {
    setParameters(PREFIX, null, inherited);
    $('chat-parameters-error').hidden = true;
  });
  $('chat-parameters-dialog').addEventListener('close', () => $('chat-parameters').focus());
  // Shown only while a chat is open, like "Edit chat".
  store.subscribe(['sessionId'], () => ($('chat-parameters').hidden = store.get('sessionId') === null));
}
