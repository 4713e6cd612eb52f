// Over ~300 lines: one block-and-inline parser whose parts share its small grammar.
// Markdown for model text, built as DOM nodes. Nothing here ever assigns HTML: every piece of
// the model's text becomes a text node, so no markup in it can run or render. Only the subset a
// chat reply needs is understood; anything else shows as the characters it is.
import { morph } from './morph.js';

/**
 * @typedef {{ kind: 'code', lang: string, text: string, source: string }
 *   | { kind: 'heading', level: number, text: string, source: string }
 *   | { kind: 'quote', lines: string[], source: string }
 *   | { kind: 'list', ordered: boolean, start: number, items: string[], source: string }
 *   | { kind: 'rule', source: string }
 *   | { kind: 'paragraph', lines: string[], source: string }} Block
 */

const FENCE = /^ {0,3}(```+|~~~+)\s*([\w+-]*)\s*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;

/**
 * Splits text into blocks. `source` is the exact text of each block, so a caller rendering a
 * growing reply can keep the blocks that did not change and redraw only the rest.
 * @param {string} text
 * @returns {Block[]}
 */
export function parseBlocks(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  /** @type {Block[]} */
  const blocks = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body = [];
      let j = i + 1;
      // An unclosed fence (the reply is still arriving) runs to the end of the text.
      while (
        j < lines.length &&
        !(lines[j].trim().startsWith(fence[1]) && lines[j].trim().replace(/[`~]/g, '') === '')
      ) {
        body.push(lines[j]);
        j++;
      }
      blocks.push({ kind: 'code', lang: fence[2], text: body.join('\n'), source: lines.slice(i, j + 1).join('\n') });
      i = j + 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2], source: line });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule', source: line });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted = [];
      const start = i;
      while (i < lines.length && QUOTE.test(lines[i])) {
        quoted.push(/** @type {RegExpExecArray} */ (QUOTE.exec(lines[i]))[1]);
        i++;
      }
      blocks.push({ kind: 'quote', lines: quoted, source: lines.slice(start, i).join('\n') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = !bullet;
      const pattern = ordered ? NUMBERED : BULLET;
      const items = [];
      const start = i;
      while (i < lines.length && lines[i].trim() !== '') {
        const m = pattern.exec(lines[i]);
        if (m) items.push(ordered ? m[2] : m[1]);
        else if (items.length > 0 && /^\s+\S/.test(lines[i])) items[items.length - 1] += '\n' + lines[i].trim();
        else break;
        i++;
      }
      blocks.push({
        kind: 'list',
        ordered,
        start: numbered ? Number(numbered[1]) : 1,
        items,
        source: lines.slice(start, i).join('\n'),
      });
      continue;
    }
    const para = [];
    const start = i;
    while (i < lines.length && lines[i].trim() !== '' && (para.length === 0 || !startsBlock(lines[i]))) {
      para.push(lines[i]);
      i++;
    }
    blocks.push({ kind: 'paragraph', lines: para, source: lines.slice(start, i).join('\n') });
  }
  return blocks;
}

/** @param {string} line */
function startsBlock(line) {
  return (
    FENCE.test(line) ||
    HEADING.test(line) ||
    RULE.test(line) ||
    QUOTE.test(line) ||
    BULLET.test(line) ||
    NUMBERED.test(line)
  );
}

/**
 * @param {Block} block
 * @returns {HTMLElement}
 */
export function renderBlock(block) {
  switch (block.kind) {
    case 'code': {
      const pre = el('pre');
      const code = el('code');
      if (block.lang) code.dataset.lang = block.lang;
      code.textContent = block.text;
      pre.append(code);
      return pre;
    }
    case 'heading': {
      // h1 and h2 would outshout the page: a reply's headings start at h3.
      const h = el(`h${Math.min(6, block.level + 2)}`);
      appendInline(h, block.text);
      return h;
    }
    case 'rule':
      return el('hr');
    case 'quote': {
      const q = el('blockquote');
      for (const inner of parseBlocks(block.lines.join('\n'))) q.append(renderBlock(inner));
      return q;
    }
    case 'list': {
      const list = el(block.ordered ? 'ol' : 'ul');
      if (block.ordered && block.start !== 1) list.setAttribute('start', String(block.start));
      for (const item of block.items) {
        const li = el('li');
        appendLines(li, item.split('\n'));
        list.append(li);
      }
      return list;
    }
    case 'paragraph': {
      const p = el('p');
      appendLines(p, block.lines);
      return p;
    }
  }
}

/**
 * Renders a whole text into `container`, replacing what it had.
 * @param {HTMLElement} container
 * @param {string} text
 */
export function renderMarkdown(container, text) {
  container.replaceChildren(...parseBlocks(text).map(renderBlock));
}

/**
 * Keeps `container` showing a growing text: blocks whose source is unchanged keep their nodes
 * (no flicker, text selection survives), changed ones are patched in place (new text appended to
 * the text node, see morph.js), new ones added, stale ones removed.
 */
export class IncrementalMarkdown {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    /** @type {string[]} */
    this.sources = [];
  }

  /** @param {string} text */
  update(text) {
    const blocks = parseBlocks(text);
    const nodes = this.container.children;
    blocks.forEach((block, i) => {
      if (this.sources[i] === block.source && nodes[i]) return;
      const node = renderBlock(block);
      if (nodes[i]) morph(nodes[i], node);
      else this.container.append(node);
      this.sources[i] = block.source;
    });
    while (nodes.length > blocks.length) nodes[nodes.length - 1].remove();
    this.sources.length = blocks.length;
  }
}

/**
 * @param {HTMLElement} parent
 * @param {string[]} lines
 */
function appendLines(parent, lines) {
  lines.forEach((line, i) => {
    if (i > 0) parent.append(el('br'));
    appendInline(parent, line);
  });
}

const INLINE = [
  { re: /`([^`\n]+)`/y, tag: 'code', literal: true },
  { re: /\*\*(?=\S)([^]*?\S)\*\*/y, tag: 'strong' },
  { re: /__(?=\S)([^]*?\S)__(?!\w)/y, tag: 'strong' },
  { re: /~~(?=\S)([^]*?\S)~~/y, tag: 'del' },
  { re: /\*(?=[^\s*])([^*]*?[^\s*])\*/y, tag: 'em' },
  { re: /(?<!\w)_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/y, tag: 'em' },
];
const LINK = /\[([^\]\n]+)\]\(\s*([^\s()]+)\s*\)/y;
const SPECIAL = /[`*_~[\\]/g;

/**
 * Appends inline markdown (code, bold, italics, strikethrough, links, backslash escapes) as nodes.
 * @param {HTMLElement} parent
 * @param {string} text
 */
export function appendInline(parent, text) {
  let plain = '';
  const flush = () => {
    if (plain) parent.append(document.createTextNode(plain));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(text);
    if (!next) {
      plain += text.slice(i);
      break;
    }
    plain += text.slice(i, next.index);
    i = next.index;
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length && /[\\`*_~[\]()#>+\-.!]/.test(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '[') {
      LINK.lastIndex = i;
      const m = LINK.exec(text);
      const href = m && safeHref(m[2]);
      if (m && href) {
        // Read before recursing: the inner call reuses the same (sticky) regexes.
        const end = LINK.lastIndex;
        flush();
        const a = el('a');
        a.setAttribute('href', href);
        a.setAttribute('target', '_blank');
        a.setAttribute('rel', 'noopener noreferrer nofollow');
        appendInline(a, m[1]);
        parent.append(a);
        i = end;
        continue;
      }
    }
    let matched = false;
    for (const rule of INLINE) {
      rule.re.lastIndex = i;
      const m = rule.re.exec(text);
      if (!m) continue;
      const end = rule.re.lastIndex;
      flush();
      const node = el(rule.tag);
      if (rule.literal) node.textContent = m[1];
      else appendInline(node, m[1]);
      parent.append(node);
      i = end;
      matched = true;
      break;
    }
    if (!matched) {
      plain += ch;
      i++;
    }
  }
  flush();
}

/**
 * Only web and mail links; `javascript:`, `data:` and the like stay plain text.
 * @param {string} raw
 * @returns {string | undefined}
 */
export function safeHref(raw) {
  try {
    const url = new URL(raw);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} tag */
function el(tag) {
  return document.createElement(tag);
}
