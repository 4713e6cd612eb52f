import { createServer, Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { Browser, launchBrowser } from './browser';

jest.setTimeout(60_000);

const PUBLIC = join(__dirname, '..', '..', 'public');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** public/ alone over HTTP: markdown.js is a browser module and is tested where it runs. */
async function servePublic(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(req.url === '/' ? '/blank.html' : (req.url ?? '/'));
    if (path === '/blank.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><div id="out"></div>');
      return;
    }
    readFile(join(PUBLIC, path)).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** What the test reaches of the module, put on `window` by a module script. */
interface MarkdownModule {
  renderMarkdown(container: HTMLElement, text: string): void;
  IncrementalMarkdown: new (container: HTMLElement) => { update(text: string): void };
}
type WithModule = Window & { md: MarkdownModule; __pwned?: number };

/** Renders markdown in the page and returns the resulting HTML. */
function render(page: Page, text: string): Promise<string> {
  return page.evaluate((md) => {
    const out = document.getElementById('out') as HTMLElement;
    (window as unknown as WithModule).md.renderMarkdown(out, md);
    return out.innerHTML;
  }, text);
}

describe('markdown.js in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let site: { url: string; server: Server } | undefined;
  beforeAll(async () => {
    site = await servePublic();
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(site.url);
    await page.addScriptTag({ type: 'module', content: "import * as md from '/js/markdown.js'; window.md = md;" });
    await page.waitForFunction(() => 'md' in window);
  });
  afterAll(async () => {
    await browser?.close();
    site?.server.close();
  });

  it.each([
    ['plain text', 'Hello there', '<p>Hello there</p>'],
    ['line breaks and paragraphs', 'one\ntwo\n\nthree', '<p>one<br>two</p><p>three</p>'],
    [
      'emphasis',
      '**bold** *soft* _also_ ~~gone~~ `co*de*`',
      '<p><strong>bold</strong> <em>soft</em> <em>also</em> <del>gone</del> <code>co*de*</code></p>',
    ],
    ['roleplay actions', '*smiles* "Hi," she says.', '<p><em>smiles</em> "Hi," she says.</p>'],
    ['snake_case stays', 'a_b_c and 2 * 3 * 4', '<p>a_b_c and 2 * 3 * 4</p>'],
    ['escapes', '\\*not em\\*', '<p>*not em*</p>'],
    ['headings start at h3', '# Title\n## Sub', '<h3>Title</h3><h4>Sub</h4>'],
    ['lists', '- a\n- b\n\n3. c\n4. d', '<ul><li>a</li><li>b</li></ul><ol start="3"><li>c</li><li>d</li></ol>'],
    ['quote', '> said\n> **this**', '<blockquote><p>said<br><strong>this</strong></p></blockquote>'],
    ['code block', '```js\nconst a = "<b>";\n```', '<pre><code data-lang="js">const a = "&lt;b&gt;";</code></pre>'],
    ['unclosed code block while streaming', 'x\n```\nhalf', '<p>x</p><pre><code>half</code></pre>'],
    ['rule', 'a\n\n---\n\nb', '<p>a</p><hr><p>b</p>'],
    [
      'web links only',
      '[ok](https://example.org/a?b=1) [bad](javascript:alert(1)) [data](data:text/html,x)',
      '<p><a href="https://example.org/a?b=1" target="_blank" rel="noopener noreferrer nofollow">ok</a> [bad](javascript:alert(1)) [data](data:text/html,x)</p>',
    ],
    ['unfinished bold shows as typed', 'so **bo', '<p>so **bo</p>'],
    [
      'marks inside marks and links, then more text',
      '**a __b__ c** then [see **this**](https://e.org/) end',
      '<p><strong>a <strong>b</strong> c</strong> then <a href="https://e.org/" target="_blank" rel="noopener noreferrer nofollow">see <strong>this</strong></a> end</p>',
    ],
  ])('%s', async (_name, input, html) => {
    expect(await render(page, input)).toBe(html);
  });

  it('shows markup in model text as text: nothing runs, no element is created', async () => {
    const hostile = [
      '<img src=x onerror="window.__pwned=1">',
      '<script>window.__pwned=2</script>',
      '**<svg onload="window.__pwned=3">**',
      '[x](javascript:window.__pwned=4)',
      '```\n</code></pre><img src=x onerror="window.__pwned=5">\n```',
      '> <iframe src="javascript:window.__pwned=6"></iframe>',
    ].join('\n\n');
    const html = await render(page, hostile);
    const found = await page.evaluate(() => ({
      elements: Array.from(document.querySelectorAll('#out *')).map((e) => e.tagName.toLowerCase()),
      attributes: Array.from(document.querySelectorAll('#out *')).flatMap((e) =>
        Array.from(e.attributes).map((a) => a.name),
      ),
      pwned: (window as unknown as WithModule).__pwned,
      text: (document.getElementById('out') as HTMLElement).innerText,
    }));
    await page.waitForTimeout(100);
    expect(found.pwned).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as WithModule).__pwned)).toBeUndefined();
    expect(new Set(found.elements)).toEqual(new Set(['p', 'strong', 'pre', 'code', 'blockquote']));
    expect(found.attributes).toEqual([]);
    expect(found.text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(found.text).toContain('<script>window.__pwned=2</script>');
    expect(html).not.toMatch(/<(img|script|svg|iframe|a)\b/);
  });

  it('redraws only the blocks that changed as a reply grows, appending to the text being written', async () => {
    const kept = await page.evaluate(() => {
      const { IncrementalMarkdown } = (window as unknown as WithModule).md;
      const out = document.getElementById('out') as HTMLElement;
      out.replaceChildren();
      const sut = new IncrementalMarkdown(out);
      sut.update('First paragraph.\n\nSecond\n\n-');
      const first = out.children[0];
      const second = out.children[1];
      const secondText = second.firstChild;
      const third = out.children[2];
      sut.update('First paragraph.\n\nSecond, longer now.\n\n- a list');
      return {
        firstKept: out.children[0] === first,
        // The paragraph being written keeps its element and its text node: the new words are appended.
        secondPatched: out.children[1] === second && out.children[1].firstChild === secondText,
        // A block that turned into another kind (a paragraph "-" became a list) is replaced.
        thirdReplaced: out.children[2] !== third,
        html: out.innerHTML,
      };
    });
    expect(kept).toEqual({
      firstKept: true,
      secondPatched: true,
      thirdReplaced: true,
      html: '<p>First paragraph.</p><p>Second, longer now.</p><ul><li>a list</li></ul>',
    });
  });
});
