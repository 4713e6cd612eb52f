// The AI model editor's own fields: the provider the model is called through, a searchable list
// of that provider's models (GET /api/providers/:provider/models) that fills the id, name and
// context length, the context length itself and the model's generation parameters. The id box
// stays editable: a model missing from the list (or a list that cannot be had) is typed by hand.
import { api } from './api.js';
import { $ } from './dom.js';
import { buildParametersFields, readParameters, setParameters } from './parameters-panel.js';
import { providerName } from './provider-keys.js';
import { words } from './status.js';

/** Prefix of the model editor's parameter fields (`model-param-temperature`). */
const PREFIX = 'model-param';
/** How many matches the list shows at once: enough to pick from, few enough to read on a phone. */
const SHOWN = 12;

/** @typedef {{ id: string, name: string, contextLength?: number, pricing?: { prompt: string, completion: string } }} CatalogueModel */

/** The catalogues loaded while the page is open, by provider (the server keeps them 10 minutes too). */
const catalogues = /** @type {Map<string, CatalogueModel[]>} */ (new Map());
/** The catalogue the list shows, or null while loading or when it could not be had. @type {CatalogueModel[] | null} */
let shownCatalogue = null;

/** Shows and fills the model fields for `record`. @param {any} record */
export async function openModelFields(record) {
  $('record-model-fields').hidden = false;
  $('record-model-more').hidden = false;
  buildParametersFields($('record-parameters'), PREFIX);
  setParameters(PREFIX, record.parameters);
  $('record-parameters-details').open = !!record.parameters;
  $('record-context').value = record.contextLength ?? '';
  $('catalogue-search').value = '';
  const provider = record.provider ?? 'openrouter';
  // The model's own provider at once (a Save pressed before the list below arrives keeps it)...
  const select = $('record-provider');
  select.replaceChildren(new Option(providerName(provider), provider));
  const catalogue = loadCatalogue(provider);
  try {
    // ...then every provider the server is configured for.
    const settings = await api('GET', '/api/settings');
    const ids = [...new Set([...settings.providers.map((/** @type {{ id: string }} */ p) => p.id), provider])];
    const chosen = select.value;
    select.replaceChildren(...ids.map((id) => new Option(providerName(id), id)));
    select.value = chosen;
  } catch {
    // A chat-only token cannot read settings: the model's own provider is still offered.
  }
  await catalogue;
}

/** Hides the model fields (the editor is on another kind of record). */
export function hideModelFields() {
  $('record-model-fields').hidden = true;
  $('record-model-more').hidden = true;
}

/** @param {string} provider */
async function loadCatalogue(provider) {
  const status = $('catalogue-status');
  shownCatalogue = null;
  $('catalogue-list').replaceChildren();
  const cached = catalogues.get(provider);
  if (!cached) status.textContent = `Loading ${providerName(provider)}'s models…`;
  try {
    const models = cached ?? /** @type {CatalogueModel[]} */ (await api('GET', `/api/providers/${provider}/models`));
    catalogues.set(provider, models);
    if ($('record-provider').value !== provider) return;
    shownCatalogue = models;
    showMatches();
    checkTypedId();
  } catch (err) {
    if ($('record-provider').value !== provider) return;
    status.textContent = `${providerName(provider)}'s model list cannot be had right now (${words(err).replace(/\.$/, '')}). Type the model id by hand below.`;
  }
}

/** "$0.15 / $0.60 per million tokens" from per-token prices. @param {CatalogueModel['pricing']} pricing */
function priceWords(pricing) {
  if (!pricing) return '';
  const perMillion = (/** @type {string} */ p) => `$${Number((Number(p) * 1e6).toPrecision(3))}`;
  return `${perMillion(pricing.prompt)} in / ${perMillion(pricing.completion)} out per million tokens`;
}

/** The catalogue's entries matching every word typed in the search box, as buttons. */
function showMatches() {
  if (!shownCatalogue) return;
  const terms = $('catalogue-search').value.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = shownCatalogue.filter((m) => {
    const text = `${m.id} ${m.name}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
  const picked = $('record-label').value.trim();
  $('catalogue-list').replaceChildren(
    ...matches.slice(0, SHOWN).map((m) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'catalogue-model';
      button.dataset.modelId = m.id;
      button.setAttribute('aria-pressed', String(m.id === picked));
      const facts = [
        m.id,
        m.contextLength ? `${m.contextLength.toLocaleString('en')} tokens` : '',
        priceWords(m.pricing),
      ];
      const name = document.createElement('strong');
      name.textContent = m.name || m.id;
      const small = document.createElement('span');
      small.className = 'muted';
      small.textContent = facts.filter(Boolean).join(' · ');
      button.append(name, small);
      button.addEventListener('click', () => pick(m));
      const li = document.createElement('li');
      li.append(button);
      return li;
    }),
  );
  const total = shownCatalogue.length;
  $('catalogue-status').textContent =
    total === 0
      ? 'The provider lists no models. Type the model id by hand below.'
      : matches.length === 0
        ? `None of the ${total} models matches. Type the model id by hand below if you know it.`
        : matches.length > SHOWN
          ? `Showing ${SHOWN} of ${matches.length} matching models; type to narrow the list.`
          : `${matches.length} of ${total} models shown.`;
}

/**
 * Says whether the provider knows the model id in the box, once its list is loaded: a typo in a
 * typed id is found here, not by the first reply failing.
 */
function checkTypedId() {
  const id = $('record-label').value.trim();
  const check = $('record-label-check');
  const hidden = $('record-label-field').hidden;
  if (hidden || !id || !shownCatalogue || shownCatalogue.length === 0) {
    check.textContent = '';
    return;
  }
  const provider = providerName($('record-provider').value);
  check.textContent = shownCatalogue.some((m) => m.id === id)
    ? `${provider} knows this model.`
    : `${provider}'s list has no model "${id}": check the spelling (it is still saved as typed).`;
}

/** Fills the form from a catalogue entry. @param {CatalogueModel} m */
function pick(m) {
  $('record-label').value = m.id;
  if (!$('record-name').value.trim()) $('record-name').value = m.name || '';
  if (m.contextLength) $('record-context').value = String(m.contextLength);
  for (const b of $('catalogue-list').querySelectorAll('button')) {
    b.setAttribute('aria-pressed', String(b.dataset.modelId === m.id));
  }
  $('catalogue-status').textContent = `Picked ${m.name || m.id}. Press Save to keep it.`;
  checkTypedId();
}

/**
 * The model fields as a PATCH body, or a sentence saying which field to correct.
 * @returns {{ body: Record<string, unknown>, error: string | null }}
 */
export function modelFieldsBody() {
  const { parameters, error } = readParameters(PREFIX);
  if (error) return { body: {}, error: `${error} Nothing was changed.` };
  const context = $('record-context').value.trim();
  const n = Number(context);
  if (context && (!Number.isInteger(n) || n < 1)) {
    return { body: {}, error: 'Context length must be a whole number of tokens of at least 1. Nothing was changed.' };
  }
  return {
    body: { provider: $('record-provider').value, contextLength: context ? n : null, parameters },
    error: null,
  };
}

export function wireModelPicker() {
  $('record-provider').addEventListener('change', () => void loadCatalogue($('record-provider').value));
  $('catalogue-search').addEventListener('input', showMatches);
  $('record-label').addEventListener('input', checkTypedId);
}
