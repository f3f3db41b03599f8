import mammoth from 'mammoth';
import { raceAbort } from './control.js';
import { importErrors } from './errors.js';
import { numberedParagraphs, type NumberedParagraph } from './docx-numbering.js';
import { htmlToItems, type HtmlItems } from './html.js';
import { guardDocx, inflateEntry } from './zip-guard.js';

/**
 * Word (.docx) to structure items: the archive is checked first (zip-guard.ts), mammoth turns the
 * document into semantic HTML, and the shared HTML path does the rest. Heading styles map to
 * h1–h6, also in Dutch Word ("Kop 1"); images are dropped, not embedded as base64.
 */

const STYLE_MAP = [
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [
    `p[style-name='Heading ${n}'] => h${n}:fresh`,
    `p[style-name='heading ${n}'] => h${n}:fresh`,
    `p[style-name='Kop ${n}'] => h${n}:fresh`,
    `p[style-name='kop ${n}'] => h${n}:fresh`,
  ]),
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titel'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Ondertitel'] => p:fresh",
];

const BUILT_IN_HEADING = /^(heading|kop) ([1-6])$/i;

/**
 * Paragraph styles a reader sees as headings without their being called "Heading n": custom
 * styles based on a heading style ("Heading 1 Break", "Kop 1 nieuwe pagina") or with an outline
 * level of their own ("Hoofdstuktitel"). Word's navigation pane and table of contents take them
 * for headings; mammoth only knows styles by name, so they are mapped here. Name → level 1–6.
 */
export function outlineStyles(stylesXml: string): Map<string, number> {
  interface StyleInfo {
    name: string;
    basedOn: string | null;
    outline: number | null;
  }
  const byId = new Map<string, StyleInfo>();
  for (const m of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const attrs = m[1] ?? '';
    const body = m[2] ?? '';
    if (!/w:type="paragraph"/.test(attrs)) continue;
    const id = /w:styleId="([^"]*)"/.exec(attrs)?.[1];
    const name = /<w:name w:val="([^"]*)"/.exec(body)?.[1];
    if (!id || !name) continue;
    const level = /<w:outlineLvl w:val="(\d+)"/.exec(body)?.[1];
    byId.set(id, { name, basedOn: /<w:basedOn w:val="([^"]*)"/.exec(body)?.[1] ?? null, outline: level === undefined ? null : Number(level) });
  }
  const levelOf = (id: string, seen: Set<string>): number | null => {
    const style = byId.get(id);
    if (!style || seen.has(id)) return null;
    seen.add(id);
    // Outline level 9 is "body text"; Word's levels 0–8 are heading levels 1–9.
    if (style.outline !== null) return style.outline <= 5 ? style.outline + 1 : null;
    const builtIn = BUILT_IN_HEADING.exec(style.name);
    if (builtIn) return Number(builtIn[2]);
    return style.basedOn ? levelOf(style.basedOn, seen) : null;
  };
  const result = new Map<string, number>();
  for (const [id, style] of byId) {
    // Built-in names are in STYLE_MAP already; a quote would break mammoth's style-map syntax.
    if (BUILT_IN_HEADING.test(style.name) || /^(title|titel)$/i.test(style.name) || /['\\]/.test(style.name)) continue;
    const level = levelOf(id, new Set());
    if (level !== null) result.set(style.name, level);
  }
  return result;
}

function partOf(bytes: Uint8Array, entries: ReturnType<typeof guardDocx>, name: string): string {
  const entry = entries.find((e) => e.name === name);
  return entry ? inflateEntry(bytes, entry).toString('utf8') : '';
}

/** The title in the document properties (File > Properties), if it is a real one. */
export function coreTitle(coreXml: string): string | null {
  const raw = /<dc:title>([^<]*)<\/dc:title>/.exec(coreXml)?.[1] ?? '';
  const title = raw
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
  return title.length >= 3 && /\p{L}{2,}/u.test(title) ? title : null;
}

/** The parts of mammoth's document tree we touch (mammoth's own types say `any`). */
interface DocElement {
  type: string;
  styleName?: string | null;
  value?: string;
  children?: DocElement[];
}

/** A run as mammoth's reader makes one, without formatting (mammoth's documents.Run is not exported). */
const PLAIN_RUN = {
  type: 'run',
  styleId: null,
  styleName: null,
  isBold: false,
  isUnderline: false,
  isItalic: false,
  isStrikethrough: false,
  isAllCaps: false,
  isSmallCaps: false,
  verticalAlignment: 'baseline',
  font: null,
  fontSize: null,
  highlight: null,
};

const plainText = (element: DocElement): string =>
  element.type === 'text' ? (element.value ?? '') : element.type === 'tab' ? ' ' : (element.children ?? []).map(plainText).join('');
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** "1 Inleiding" already carries the label "1." (typed by hand as well as numbered by Word). */
const startsWithNumber = (text: string, label: string): boolean => {
  const bare = label.replace(/[.):]+$/, '');
  return text.startsWith(bare) && (text.length === bare.length || /[\s.):]/.test(text.charAt(bare.length)));
};

/**
 * Puts Word's automatic numbers back in front of headings (see docx-numbering.ts). Headings are
 * matched to the numbered paragraphs by text, in reading order, so a paragraph mammoth skips or
 * adds cannot shift a number onto the wrong heading. A heading that already starts with its
 * number (typed by hand as well) is left alone.
 */
export function numberHeadings(numbered: NumberedParagraph[], headingStyles: ReadonlySet<string>): (document: DocElement) => DocElement {
  let next = 0;
  const labelFor = (text: string): string | null => {
    for (let i = next; i < Math.min(numbered.length, next + 200); i++) {
      const entry = numbered[i] as NumberedParagraph;
      if (entry.text === text) {
        next = i + 1;
        return entry.label;
      }
    }
    return null;
  };
  const visit = (element: DocElement): DocElement => {
    if (element.type === 'paragraph' && element.styleName && headingStyles.has(element.styleName.toLowerCase())) {
      const text = collapse(plainText(element));
      const label = text ? labelFor(text) : null;
      if (label && !startsWithNumber(text, label)) {
        const number: DocElement = { ...PLAIN_RUN, children: [{ type: 'text', value: `${label} ` }] };
        return { ...element, children: [number, ...(element.children ?? [])] };
      }
      return element;
    }
    return element.children ? { ...element, children: element.children.map(visit) } : element;
  };
  return visit;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function docxToItems(bytes: Uint8Array, signal?: AbortSignal, checkpoint?: () => Promise<void>): Promise<HtmlItems> {
  const entries = guardDocx(bytes);
  const stylesXml = partOf(bytes, entries, 'word/styles.xml');
  const outline = outlineStyles(stylesXml);
  const customHeadings = [...outline].map(([name, level]) => `p[style-name='${name}'] => h${level}:fresh`);
  const headingStyles = new Set([...[1, 2, 3, 4, 5, 6].flatMap((n) => [`heading ${n}`, `kop ${n}`]), 'title', 'titel', ...[...outline.keys()].map((name) => name.toLowerCase())]);
  let numbered: NumberedParagraph[] = [];
  try {
    // The body is inflated (and read) a second time only when there is numbering to replay.
    const numberingXml = partOf(bytes, entries, 'word/numbering.xml');
    if (/<(?:[\w.-]+:)?num\b/.test(numberingXml)) numbered = numberedParagraphs(partOf(bytes, entries, 'word/document.xml'), stylesXml, numberingXml);
  } catch {
    // Numbers are a help, not the text: a numbering part SAX cannot read leaves them out, and
    // mammoth decides below whether the document itself is readable.
  }
  const title = coreTitle(partOf(bytes, entries, 'docProps/core.xml'));
  if (checkpoint) await checkpoint();
  let html: string;
  try {
    const result = await raceAbort(
      mammoth.convertToHtml(
        { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        {
          styleMap: [...STYLE_MAP, ...customHeadings],
          includeDefaultStyleMap: true,
          ...(numbered.length > 0 ? { transformDocument: numberHeadings(numbered, headingStyles) } : {}),
          externalFileAccess: false,
          // Images would arrive as base64 data URIs; we import text only.
          convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        },
      ),
      signal,
    );
    html = result.value;
  } catch (error) {
    if (error instanceof Error && error.name === 'ImportError') throw error;
    throw importErrors.damaged('Het Word-bestand kon niet worden gelezen; het lijkt beschadigd.', String((error as Error)?.message ?? error));
  }
  // The document properties' title goes in <title>: with a heading 1 per chapter it names the
  // document better than the first heading does (see htmlToItems).
  const head = title ? `<head><title>${escapeHtml(title)}</title></head>` : '';
  return htmlToItems(`<!doctype html><html>${head}<body><main>${html}</main></body></html>`, checkpoint);
}
