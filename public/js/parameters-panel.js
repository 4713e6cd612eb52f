// The generation parameters as form fields, for an AI model (in its editor) and for a chat (in
// its own dialog). An empty field is "not set": only the fields filled in are sent, and saving
// with none filled sends null. The ranges are the contract's (docs/providers/parameters.md); they
// are checked here first so a mistake is put as a sentence naming the field before any request.

/**
 * @typedef {{ key: string, caption: string, kind: 'number' | 'int', min?: number, max?: number }} NumberSpec
 */

/** @type {NumberSpec[]} */
const NUMBERS = [
  { key: 'temperature', caption: 'Temperature', kind: 'number', min: 0, max: 2 },
  { key: 'topP', caption: 'Top P', kind: 'number', min: 0, max: 1 },
  { key: 'topK', caption: 'Top K', kind: 'int', min: 0 },
  { key: 'minP', caption: 'Min P', kind: 'number', min: 0, max: 1 },
  { key: 'maxTokens', caption: 'Max tokens', kind: 'int', min: 1 },
  { key: 'frequencyPenalty', caption: 'Frequency penalty', kind: 'number', min: -2, max: 2 },
  { key: 'presencePenalty', caption: 'Presence penalty', kind: 'number', min: -2, max: 2 },
  { key: 'repetitionPenalty', caption: 'Repetition penalty', kind: 'number', min: 0, max: 2 },
  { key: 'seed', caption: 'Seed', kind: 'int' },
];
const EFFORTS = ['minimal', 'low', 'medium', 'high'];

/** Captions by API field, so a server refusal ("parameters.topP must be …") names the box. */
const CAPTIONS = /** @type {Record<string, string>} */ ({
  ...Object.fromEntries(NUMBERS.map((n) => [n.key, n.caption])),
  stop: 'Stop sequences',
  reasoning: 'Reasoning',
});

/** @param {string} tag @param {Record<string, string>} attrs @param {(Node | string)[]} children */
function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** @param {string} prefix @param {string} key */
const fieldId = (prefix, key) => `${prefix}-${key}`;

/**
 * Puts the fields into `container` (once). Ids are `<prefix>-<key>`, e.g. `chat-param-temperature`.
 * @param {HTMLElement} container @param {string} prefix
 */
export function buildParametersFields(container, prefix) {
  if (container.childElementCount > 0) return;
  const grid = el('div', { class: 'param-grid' });
  for (const n of NUMBERS) {
    const range = n.max !== undefined ? `${n.min} to ${n.max}` : n.min !== undefined ? `≥ ${n.min}` : 'whole number';
    grid.append(
      el('label', {}, [
        // Caption and range on one line (a dialog's label stacks its children).
        el('span', {}, [`${n.caption} `, el('span', { class: 'range' }, [`(${range})`])]),
        el('input', {
          id: fieldId(prefix, n.key),
          type: 'number',
          step: n.kind === 'int' ? '1' : 'any',
          inputmode: n.kind === 'int' ? 'numeric' : 'decimal',
          autocomplete: 'off',
        }),
      ]),
    );
  }
  const reasoning = el('select', { id: fieldId(prefix, 'reasoning') }, [
    new Option('not set', ''),
    ...EFFORTS.map((e) => new Option(`effort: ${e}`, e)),
    new Option('a token budget', 'budget'),
  ]);
  const budget = el('label', { id: fieldId(prefix, 'reasoning-budget-field') }, [
    'Thinking budget (tokens) ',
    el('input', { id: fieldId(prefix, 'reasoning-tokens'), type: 'number', step: '1', inputmode: 'numeric' }),
  ]);
  const exclude = el('label', { class: 'check', id: fieldId(prefix, 'reasoning-exclude-field') }, [
    el('input', { id: fieldId(prefix, 'reasoning-exclude'), type: 'checkbox' }),
    ' Think, but leave the thinking out of the reply (exclude)',
  ]);
  container.append(
    grid,
    el('label', {}, [
      'Stop sequences (one per line, up to 4; write \\n for a line break) ',
      el('textarea', { id: fieldId(prefix, 'stop'), rows: '2', spellcheck: 'false' }),
    ]),
    el('label', {}, ['Reasoning ', reasoning]),
    budget,
    exclude,
  );
  reasoning.addEventListener('change', () => showReasoning(prefix));
  showReasoning(prefix);
}

/** @param {string} prefix */
function showReasoning(prefix) {
  const mode = /** @type {HTMLSelectElement} */ (document.getElementById(fieldId(prefix, 'reasoning'))).value;
  /** @type {HTMLElement} */ (document.getElementById(fieldId(prefix, 'reasoning-budget-field'))).hidden =
    mode !== 'budget';
  /** @type {HTMLElement} */ (document.getElementById(fieldId(prefix, 'reasoning-exclude-field'))).hidden = mode === '';
}

/** @param {string} prefix @param {string} key @returns {any} */
const field = (prefix, key) => document.getElementById(fieldId(prefix, key));

/** @param {unknown} value @returns {string} */
function shown(value) {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((s) => String(s).replace(/\n/g, '\\n')).join(', ');
  if (typeof value === 'object') {
    const r = /** @type {any} */ (value);
    return r.effort ? `effort ${r.effort}` : `${r.maxTokens} tokens`;
  }
  return String(value);
}

/**
 * Fills the fields with `parameters`; `inherited` (the model's, under a chat) shows as each
 * empty field's placeholder, so the person sees what applies when they leave it empty.
 * @param {string} prefix @param {any} parameters @param {any} [inherited]
 */
export function setParameters(prefix, parameters, inherited) {
  const p = parameters ?? {};
  const from = inherited ?? {};
  for (const n of NUMBERS) {
    const input = field(prefix, n.key);
    input.value = p[n.key] ?? '';
    input.placeholder = from[n.key] !== undefined ? `model: ${shown(from[n.key])}` : 'not set';
  }
  field(prefix, 'stop').value = (p.stop ?? []).map((/** @type {string} */ s) => s.replace(/\n/g, '\\n')).join('\n');
  field(prefix, 'stop').placeholder = from.stop ? `model: ${shown(from.stop)}` : '';
  const r = p.reasoning;
  field(prefix, 'reasoning').value = !r ? '' : r.effort ? r.effort : 'budget';
  field(prefix, 'reasoning').options[0].text = from.reasoning ? `not set (model: ${shown(from.reasoning)})` : 'not set';
  field(prefix, 'reasoning-tokens').value = r?.maxTokens ?? '';
  field(prefix, 'reasoning-exclude').checked = !!r?.exclude;
  showReasoning(prefix);
}

/** @param {NumberSpec} n */
function rangeWords(n) {
  const whole = n.kind === 'int' ? 'a whole number' : 'a number';
  if (n.max !== undefined) return `${whole} from ${n.min} to ${n.max}`;
  if (n.min !== undefined) return `${whole} of at least ${n.min}`;
  return whole;
}

/**
 * The parameters the fields hold: only those filled in; null when none is.
 * @param {string} prefix
 * @returns {{ parameters: Record<string, unknown> | null, error: string | null }}
 */
export function readParameters(prefix) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const n of NUMBERS) {
    const input = field(prefix, n.key);
    if (input.validity.badInput) return { parameters: null, error: `${n.caption} must be ${rangeWords(n)}.` };
    if (input.value.trim() === '') continue;
    const v = Number(input.value);
    const bad =
      !Number.isFinite(v) ||
      (n.kind === 'int' && !Number.isInteger(v)) ||
      (n.min !== undefined && v < n.min) ||
      (n.max !== undefined && v > n.max);
    if (bad) return { parameters: null, error: `${n.caption} must be ${rangeWords(n)}; it is ${input.value}.` };
    out[n.key] = v;
  }
  const stop = field(prefix, 'stop')
    .value.split('\n')
    .filter((/** @type {string} */ s) => s !== '')
    .map((/** @type {string} */ s) => s.replace(/\\n/g, '\n'));
  if (stop.length > 4)
    return { parameters: null, error: `Stop sequences take at most 4 lines; there are ${stop.length}.` };
  if (stop.length > 0) out.stop = stop;
  const mode = field(prefix, 'reasoning').value;
  const exclude = field(prefix, 'reasoning-exclude').checked ? { exclude: true } : {};
  if (EFFORTS.includes(mode)) out.reasoning = { effort: mode, ...exclude };
  if (mode === 'budget') {
    const tokens = Number(field(prefix, 'reasoning-tokens').value);
    if (!Number.isInteger(tokens) || tokens < 1 || field(prefix, 'reasoning-tokens').value.trim() === '') {
      return { parameters: null, error: 'Thinking budget must be a whole number of tokens of at least 1.' };
    }
    out.reasoning = { maxTokens: tokens, ...exclude };
  }
  return { parameters: Object.keys(out).length > 0 ? out : null, error: null };
}

/**
 * A server refusal about a parameter ("parameters.temperature must be from 0 to 2") put with the
 * field's caption; null when the message is about something else.
 * @param {string} message
 */
export function parameterErrorWords(message) {
  const m = /^parameters\.(\w+)\s+(.*?)\.?$/.exec(message) ?? /^(reasoning) (.*?)\.?$/.exec(message);
  if (!m || !CAPTIONS[m[1]]) return null;
  return `${CAPTIONS[m[1]]} ${m[2]}: correct it and press Save again. Nothing was changed.`;
}
