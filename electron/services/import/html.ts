import { cleanText } from './lines.js';
import { mergeAdjacentLists, type StructureItem } from './structure.js';

/**
 * HTML to structure items; also the second half of the DOCX and Markdown importers. The input is
 * hostile by assumption (a page saved from any website), so it is sanitised with DOMPurify before
 * anything else looks at it, and only text leaves this module: no markup, no URLs, no attributes.
 * Site chrome (menus, cookie banners, footers) is removed so it does not end up in every search.
 */

export interface HtmlItems {
  items: StructureItem[];
  title: string | null;
}

/** Elements that never carry document text; their content goes too. */
const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'option',
  'textarea', 'svg', 'math', 'noscript', 'template', 'img', 'picture', 'source', 'video', 'audio', 'track', 'canvas', 'map', 'area',
  'link', 'meta', 'base', 'dialog',
];
const FORBID_CONTENTS = ['form', 'button', 'select', 'option', 'textarea', 'noscript', 'svg', 'math', 'template', 'dialog', 'map', 'video', 'audio', 'object', 'applet'];

type Purifier = { sanitize(dirty: string, config: Record<string, unknown>): unknown };
let cached: Promise<{ purifier: Purifier }> | null = null;

/** jsdom and DOMPurify are loaded on first use: they take a moment and many imports never need them. */
async function loadPurifier(): Promise<{ purifier: Purifier }> {
  cached ??= (async () => {
    const [{ JSDOM }, dompurify] = await Promise.all([import('jsdom'), import('dompurify')]);
    // No scripts, no resources: this window only hosts the parser DOMPurify works on.
    const { window } = new JSDOM('<!doctype html><html><body></body></html>');
    const purifier = dompurify.default(window as unknown as Parameters<typeof dompurify.default>[0]) as unknown as Purifier;
    return { purifier };
  })();
  try {
    return await cached;
  } catch (error) {
    cached = null;
    throw error;
  }
}

/** Sanitises and returns the <html> element of the cleaned document. */
export async function sanitizeHtml(html: string): Promise<Element> {
  const { purifier } = await loadPurifier();
  const root = purifier.sanitize(html, {
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    FORBID_TAGS,
    ADD_FORBID_CONTENTS: FORBID_CONTENTS,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: true,
  }) as Element;
  return root;
}

const CHROME_TAGS = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE']);
const CHROME_ROLES = /^(navigation|banner|contentinfo|search|menubar|menu|toolbar|dialog|alertdialog)$/i;
const CHROME_TOKEN = /^(cookie|cookies|cookiebar|cookie-banner|consent|gdpr|skip|skiplink|skip-link|skip-links|breadcrumb|breadcrumbs|kruimelpad|share|social|sharing|socials|navbar|nav|menu|mainmenu|sitemenu|site-header|site-footer|pagination|print|toolbar|sr-only|visually-hidden|feedback)$/i;
const COOKIE_WORDS = /cookie|consent/i;
const SKIP_TEXT = /^(ga |direct |spring )?(naar|to) (de )?(hoofd)?(inhoud|content|navigatie|zoeken)|^skip to/i;
const BOX_TOKEN = /(aanbeveling|recommendation|advies|advice|kader|^box$|box$|callout)/i;

function tokens(el: Element): string[] {
  const cls = el.getAttribute('class') ?? '';
  const id = el.getAttribute('id') ?? '';
  return `${cls} ${id}`.split(/\s+/).filter(Boolean);
}

export function isBox(el: Element): boolean {
  if (!['DIV', 'ASIDE', 'SECTION', 'BLOCKQUOTE', 'FIGURE', 'DETAILS', 'TABLE'].includes(el.tagName)) return false;
  return tokens(el).some((t) => BOX_TOKEN.test(t));
}

function isChrome(el: Element, insideContent: boolean): boolean {
  if (isBox(el)) return false;
  if (CHROME_TAGS.has(el.tagName)) {
    // <header> and <footer> inside an <article> or <main> belong to the text (title, date).
    if ((el.tagName === 'HEADER' || el.tagName === 'FOOTER') && insideContent) return false;
    return true;
  }
  const role = el.getAttribute('role');
  if (role && CHROME_ROLES.test(role)) return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  // LibreOffice's "save as HTML" writes the page header and footer (running title, page number)
  // as <div title="header"> and <div title="footer">: page furniture, not text.
  if (el.tagName === 'DIV' && /^(header|footer)$/i.test(el.getAttribute('title') ?? '')) return true;
  const ts = tokens(el);
  if (ts.some((t) => CHROME_TOKEN.test(t) || /(^|[-_])(cookie|consent|breadcrumbs?|skip-?links?)([-_]|$)/i.test(t))) return true;
  if (el.tagName === 'A' && (el.getAttribute('href') ?? '').startsWith('#') && SKIP_TEXT.test(cleanText(el.textContent ?? ''))) return true;
  if (el.tagName === 'DIV' && ts.some((t) => COOKIE_WORDS.test(t))) return true;
  return false;
}

/** Removes site chrome in place. */
function stripChrome(root: Element): void {
  const walk = (el: Element, insideContent: boolean): void => {
    for (const child of [...el.children]) {
      if (isChrome(child, insideContent)) {
        child.remove();
        continue;
      }
      walk(child, insideContent || child.tagName === 'MAIN' || child.tagName === 'ARTICLE');
    }
  };
  walk(root, root.tagName === 'MAIN' || root.tagName === 'ARTICLE');
}

/** The part of the page with the document: <main>, else the largest <article>, else <body>. */
function contentRoot(doc: Element): Element {
  const textLength = (el: Element): number => cleanText(el.textContent ?? '').length;
  const mains = [...doc.querySelectorAll('main, [role="main"]')];
  if (mains.length) return mains.sort((a, b) => textLength(b) - textLength(a))[0] as Element;
  const articles = [...doc.querySelectorAll('article')].filter((a) => !a.parentElement?.closest('article'));
  if (articles.length === 1) return articles[0] as Element;
  if (articles.length > 1) {
    // Several articles (a list of teasers) or one big one: take the big one if it dominates.
    const sorted = articles.sort((a, b) => textLength(b) - textLength(a));
    const total = sorted.reduce((n, a) => n + textLength(a), 0);
    if (textLength(sorted[0] as Element) > total * 0.6) return sorted[0] as Element;
  }
  return doc.querySelector('body') ?? doc;
}

const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN',
  'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR', 'DEL', 'INS', 'BIG', 'TT', 'STRIKE', 'LABEL', 'NOBR',
]);

/** Text of an element with <br> as a space and nested lists left out (they are items of their own). */
function textOf(el: Element, skipLists = false): string {
  let out = '';
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    if (e.tagName === 'BR') {
      out += ' ';
      return;
    }
    if (skipLists && (e.tagName === 'UL' || e.tagName === 'OL')) return;
    const block = !INLINE.has(e.tagName);
    if (block) out += ' ';
    for (const child of e.childNodes) visit(child);
    if (block) out += ' ';
  };
  for (const child of el.childNodes) visit(child);
  return cleanText(out);
}

function listItems(list: Element): string[] {
  const items: string[] = [];
  for (const li of list.children) {
    if (li.tagName !== 'LI') {
      const text = textOf(li);
      if (text) items.push(text);
      continue;
    }
    const own = textOf(li, true);
    if (own) items.push(own);
    // Nested lists are flattened into the same list, after their parent item.
    for (const nested of li.querySelectorAll(':scope > ul, :scope > ol, :scope > div > ul, :scope > div > ol')) items.push(...listItems(nested));
  }
  return items;
}

function tableRows(table: Element): string[][] {
  const rows: string[][] = [];
  for (const tr of table.querySelectorAll('tr')) {
    if (tr.closest('table') !== table) continue;
    const cells = [...tr.children].filter((c) => c.tagName === 'TD' || c.tagName === 'TH').map((c) => textOf(c));
    if (cells.some(Boolean)) rows.push(cells);
  }
  return rows;
}

interface WalkContext {
  emit: (item: StructureItem) => void;
  checkpoint: (() => Promise<void>) | undefined;
  count: number;
}

async function walk(el: Element, ctx: WalkContext): Promise<void> {
  let inline = '';
  const flushInline = (): void => {
    const text = cleanText(inline);
    if (text) ctx.emit({ type: 'block', block: { type: 'paragraph', text } });
    inline = '';
  };
  for (const node of el.childNodes) {
    if (ctx.checkpoint && ++ctx.count % 300 === 0) await ctx.checkpoint();
    if (node.nodeType === 3) {
      inline += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    const tag = child.tagName;
    if (tag === 'BR') {
      inline += ' ';
      continue;
    }
    if (INLINE.has(tag)) {
      inline += ` ${textOf(child)} `;
      continue;
    }
    flushInline();
    const heading = /^H([1-6])$/.exec(tag);
    if (heading) {
      const text = textOf(child);
      if (text) ctx.emit({ type: 'heading', text, source: 'explicit', rank: Number(heading[1]) });
      continue;
    }
    switch (tag) {
      case 'P':
      case 'PRE':
      case 'ADDRESS':
      case 'FIGCAPTION':
      case 'CAPTION':
      case 'DT':
      case 'DD':
      case 'SUMMARY':
      case 'LEGEND': {
        // A <p> may hold a table or list in broken HTML; only then walk into it.
        if (child.querySelector('table, ul, ol, h1, h2, h3, h4, h5, h6')) {
          await walk(child, ctx);
        } else {
          const text = textOf(child);
          if (text) ctx.emit({ type: 'block', block: { type: 'paragraph', text } });
        }
        break;
      }
      case 'UL':
      case 'OL':
      case 'MENU': {
        const items = listItems(child);
        if (items.length) ctx.emit({ type: 'block', block: { type: 'list', ordered: tag === 'OL', items } });
        break;
      }
      case 'TABLE': {
        const rows = tableRows(child);
        const box = isBox(child);
        if (box) ctx.emit({ type: 'boxStart' });
        if (rows.length) ctx.emit({ type: 'block', block: { type: 'table', rows } });
        if (box) ctx.emit({ type: 'boxEnd' });
        break;
      }
      case 'HR':
        break;
      default: {
        const box = isBox(child);
        if (box) ctx.emit({ type: 'boxStart' });
        await walk(child, ctx);
        if (box) ctx.emit({ type: 'boxEnd' });
      }
    }
  }
  flushInline();
}

/** Turns the sanitised document into items. */
export async function htmlToItems(html: string, checkpoint?: () => Promise<void>): Promise<HtmlItems> {
  const doc = await sanitizeHtml(html);
  if (checkpoint) await checkpoint();
  const pageTitle = cleanText(doc.querySelector('title')?.textContent ?? '');
  const root = contentRoot(doc);
  stripChrome(root);
  const items: StructureItem[] = [];
  const ctx: WalkContext = {
    emit: (item) => {
      if (item.type === 'block' && item.block.type === 'paragraph' && !item.block.text) return;
      items.push(item);
    },
    checkpoint,
    count: 0,
  };
  await walk(root, ctx);
  // The page's own <h1> names the document; the <title> often adds " | Sitenaam". A document
  // saved as HTML from a word processor has an <h1> per chapter: then the <title> names it.
  const h1s = items.filter((i) => i.type === 'heading' && i.rank === 1);
  const fromTitle = pageTitle ? (pageTitle.split(/\s+[|–—-]\s+/)[0] ?? pageTitle) : null;
  const h1 = h1s[0]?.type === 'heading' ? h1s[0].text : null;
  const title = h1s.length > 1 ? (fromTitle ?? h1) : (h1 ?? fromTitle);
  return { items: mergeAdjacentLists(items), title: title || null };
}

