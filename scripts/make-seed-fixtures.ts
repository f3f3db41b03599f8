/**
 * Turns the five real Dutch policy documents in ../shared/seeds/ (text extracted from their PDFs)
 * into the DOCX, PDF and HTML files a working group would actually import, and writes them to
 * tests/fixtures/seeds/ together with the structure a person sees in them
 * (tests/unit/import-seed-formats.test.ts checks the importers against that). The fixtures are
 * committed; run this again only to change them:
 *
 *   apt-get install --no-install-recommends libreoffice-writer-nogui hyphen-nl   (once)
 *   npx tsx scripts/make-seed-fixtures.ts
 *
 * LibreOffice is needed here only, never in tests or CI.
 *
 * How a seed becomes a document:
 *  1. The seed's own quirks are repaired by hand in scripts/seed-fixture-specs.ts: furniture of the
 *     source PDF (its page numbers, running lines, navigation tabs, diagram labels) is left out and
 *     text the extraction put out of order is put back. Every such edit is listed there with why.
 *  2. The headings are not guessed: each spec lists the outline a person sees, in reading order,
 *     with its level. The reader below finds each heading in the text in that order and fails
 *     loudly when one is missing, so a wrong outline cannot slip into the fixtures.
 *  3. Everything else becomes body text: lines are unwrapped (words hyphenated at the seed's line
 *     ends rejoined with the importer's own joinLines, the best rule we have), list markers ("•",
 *     "●", "|<tab>", "- ", "1.") make lists, tab-separated lines make tables, pull quotes and
 *     footnotes get their own styles, and a paragraph cut by a page break of the source is joined
 *     again.
 *  4. The document is written as a flat OpenDocument file (.fodt) the way a real report is laid
 *     out: Heading 1–4 paragraph styles with outline levels (chapters in a derived "Heading 1
 *     Break" style that starts a new page, as many Word templates have), real lists, tables with
 *     column widths that follow their text, automatic Dutch hyphenation of justified body text, a
 *     running header (document title or current chapter) and a running footer with the page
 *     number, a cover without them, landscape pages for the web-style annual plan, and for the
 *     brochure two-column sections that tables interrupt across the full width.
 *  5. LibreOffice (headless) converts the .fodt to DOCX, PDF and HTML. The outputs are made
 *     deterministic where LibreOffice is not: DOCX is re-zipped with fixed timestamps and fixed
 *     document dates, the PDF's creation date and file ID are replaced by fixed values of the same
 *     length (so the cross-reference offsets stay valid). Two runs give identical bytes.
 *  6. <name>.expected.json records what a person sees: the title, the text before the first
 *     heading, every heading with its level and the text and list items under it, and the word
 *     count, for the test to compare the imports against.
 *
 * Options: `--dump 000_` prints the model of one seed (to check an outline by eye); `--keep-fodt`
 * also writes the .fodt sources; `--expected-only` rewrites only the .expected.json files; seed
 * prefixes as arguments limit the run to those seeds.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanText, countWords, joinLines } from '../electron/services/import/lines.js';
import { inflateEntry, readCentralDirectory } from '../electron/services/import/zip-guard.js';
import { zip } from '../tests/fixtures/import/zip-writer.js';
import { SEED_SPECS, type SeedSpec } from './seed-fixture-specs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedsDir = path.resolve(root, '..', 'shared', 'seeds');
const outDir = path.join(root, 'tests', 'fixtures', 'seeds');

// ---------------------------------------------------------------------------------------------
// The document model.

export type Node =
  | { type: 'title'; text: string }
  | { type: 'subtitle'; text: string }
  | { type: 'heading'; level: number; text: string }
  /** `text` may hold "**bold**" and "*italic*" spans and "\n" for a line break. */
  | { type: 'paragraph'; text: string; style?: 'toc' | 'note' | 'quote' }
  /** `start`: the number of the first item of a numbered list that does not start at 1. */
  | { type: 'list'; ordered: boolean; items: { text: string; level: number }[]; start?: number }
  /** `header`: the first row is a header row (repeated on each page the table runs over). */
  | { type: 'table'; rows: string[][]; header: boolean };

interface OutlineEntry {
  level: number;
  /** The heading as it stands in the seed (lines joined). */
  match: string;
  /** The heading as the document shows it (usually the same). */
  shown: string;
  /** Skip this many earlier occurrences of `match`. */
  skip: number;
  /** The blocks up to the next heading are a table of contents. */
  toc: boolean;
}

/**
 * Outline lines: "<level> <heading as in the seed>[ => <heading as shown>][ #<occurrence>][ [toc]]".
 * Level 0 is the document title. Lines starting with "//" are comments.
 */
export function parseOutline(spec: string): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  for (const raw of spec.split('\n')) {
    let line = raw.trim();
    if (!line || line.startsWith('//')) continue;
    const m = /^(\d)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`outline line without level: ${line}`);
    line = m[2] ?? '';
    let toc = false;
    if (line.endsWith('[toc]')) {
      toc = true;
      line = line.slice(0, -5).trim();
    }
    let skip = 0;
    const occ = /\s#(\d+)$/.exec(line);
    if (occ) {
      skip = Number(occ[1]) - 1;
      line = line.slice(0, occ.index).trim();
    }
    const [match, shown] = line.split(' => ').map((s) => s.trim());
    entries.push({ level: Number(m[1]), match: norm(match ?? ''), shown: shown ?? match ?? '', skip, toc });
  }
  return entries;
}

/** Removes the light markup of the Markdown-like seeds; keeps "**" and "*" for bold and italic. */
function stripMarkup(line: string): string {
  return line
    .replace(/<\/?(b|i|u|em|strong|sup|sub|span|br)\b[^>]*>/gi, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/, '');
}

/** Text for comparing headings: no markup, single spaces. */
function norm(text: string): string {
  return cleanText(stripEmphasis(text));
}

function stripEmphasis(text: string): string {
  return text.replace(/\*\*/g, '').replace(/(^|[\s(])\*(?=\S)([^*]*?\S)\*(?=$|[\s).,;:])/g, '$1$2');
}

/** Lines joined as a reader reads them: hard wraps undone, hyphenated words rejoined. */
function unwrap(lines: string[], markdownBreaks = false): string {
  // In the Markdown-like seeds a line ending in two spaces is a real line break.
  const parts: string[][] = [[]];
  for (const line of lines) {
    (parts[parts.length - 1] as string[]).push(line);
    if (markdownBreaks && /\S {2,}$/.test(line)) parts.push([]);
  }
  return parts
    .map((p) => joinLines(p))
    .filter(Boolean)
    .join('\n');
}

interface ListMarker {
  ordered: boolean;
  level: number;
  rest: string;
  /** The number of a numbered item. */
  value?: number;
}

/** List markers as the seeds write them. */
function listMarker(line: string): ListMarker | null {
  // ("* " is a footnote mark in these seeds, not a bullet.)
  let m = /^(\s*)-\s+(?:o\s+)?(\S.*)$/.exec(line);
  if (m) return { ordered: false, level: (m[1] ?? '').length > 0 ? 2 : 1, rest: m[2] ?? '' };
  m = /^\s*(?:[•●○▪■◦]|\|\t)\s*(\S.*)$/.exec(line);
  if (m) return { ordered: false, level: 1, rest: m[1] ?? '' };
  m = /^\s*(\d{1,2})[.)]\s+(\S.*)$/.exec(line);
  if (m) return { ordered: true, level: 1, rest: m[2] ?? '', value: Number(m[1]) };
  return null;
}

const endsSentence = (text: string): boolean => /[.!?:;)”"’]\**$/.test(text.trim());

/** Body lines of one block to paragraphs, lists and tables. */
function bodyNodes(lines: string[], spec: SeedSpec): Node[] {
  const out: Node[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; start: number | undefined; items: { lines: string[]; level: number }[] } | null = null;
  let table: string[][] | null = null;
  const flushPara = (): void => {
    const text = unwrap(para, spec.markdownBreaks);
    // A pull quote repeats a sentence of the text in large type beside it.
    const style = spec.noteLine?.test(text) ? 'note' : /^‘[^]*’$/.test(text) && text.length < 400 ? 'quote' : undefined;
    if (text) out.push({ type: 'paragraph', text, ...(style ? { style } : {}) });
    para = [];
  };
  const flushList = (): void => {
    if (list) {
      const items = list.items.map((i) => ({ text: unwrap(i.lines), level: i.level })).filter((i) => i.text);
      out.push({ type: 'list', ordered: list.ordered, items, ...(list.start !== undefined && list.start !== 1 ? { start: list.start } : {}) });
    }
    list = null;
  };
  const flushTable = (): void => {
    if (table) out.push({ type: 'table', rows: table, header: !spec.headerlessTables?.includes(table[0]?.[0] ?? '') });
    table = null;
  };
  for (const line of lines) {
    const marker = listMarker(line);
    if (line.includes('\t') && !marker) {
      flushPara();
      flushList();
      table ??= [];
      table.push(line.split('\t').map((c) => cleanText(c)));
      continue;
    }
    flushTable();
    if (marker) {
      flushPara();
      // Bullets under a numbered item that ends in a colon are its sub-items.
      const lastItem = list?.items[list.items.length - 1];
      const sub = list?.ordered === true && !marker.ordered && lastItem !== undefined && (lastItem.level > 1 || /:\s*$/.test(lastItem.lines.join(' ')));
      if (list && list.ordered !== marker.ordered && marker.level === 1 && !sub) flushList();
      list ??= { ordered: marker.ordered, start: marker.value, items: [] };
      list.items.push({ lines: [marker.rest], level: sub ? 2 : marker.level });
    } else if (list) {
      list.items[list.items.length - 1]?.lines.push(line);
    } else {
      // The extractions start a new text frame (a new column, the text after a pull quote) with
      // a space: after a finished sentence that is a new paragraph.
      const last = para[para.length - 1];
      if (last !== undefined && /^ \S/.test(line) && endsSentence(last)) flushPara();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  flushTable();
  return out;
}

/** Splits text into blocks of lines at blank lines. */
function blocksOf(text: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else {
      // Trailing tabs are empty table cells; two trailing spaces are a Markdown line break.
      current.push(line.replace(/ +$/, (s) => (s.length >= 2 ? '  ' : '')));
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/** Words a sentence does not end on: a text ending in one was cut by a page break. */
const OPEN_END = /\s(de|het|een|van|voor|met|en|of|in|op|aan|te|die|dat|om|bij|naar|door|over|als|tot|uit)$/;

/** Joins what a page break of the source cut in two, and lists split by blank lines. */
function joinAcrossBlocks(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    // A footnote printed at the foot of the page may stand between the two halves.
    let back = out.length - 1;
    while (back > 0 && out[back]?.type === 'paragraph' && ['note', 'quote'].includes((out[back] as { style?: string }).style ?? '')) back--;
    const before = out[back];
    if (
      node.type === 'paragraph' &&
      !node.style &&
      before?.type === 'paragraph' &&
      !before.style &&
      !endsSentence(before.text) &&
      (/^\p{Ll}/u.test(node.text) || OPEN_END.test(before.text)) &&
      !/^(www\.|https?:)/.test(node.text)
    ) {
      before.text = joinLines([before.text, node.text]);
      continue;
    }
    const prev = out[out.length - 1];
    if (node.type === 'paragraph' && !node.style && prev && /^\p{Ll}/u.test(node.text) && !/^(www\.|https?:)/.test(node.text)) {
      const last = prev.type === 'list' ? prev.items[prev.items.length - 1] : undefined;
      if (last && !endsSentence(last.text)) {
        last.text = joinLines([last.text, node.text]);
        continue;
      }
    }
    // A list item cut by a page break after "… de Zorg en" goes on, whatever the next word.
    if (node.type === 'paragraph' && !node.style && prev?.type === 'list') {
      const last = prev.items[prev.items.length - 1];
      if (last && !endsSentence(last.text) && OPEN_END.test(last.text)) {
        last.text = joinLines([last.text, node.text]);
        continue;
      }
    }
    if (node.type === 'list' && prev?.type === 'list') {
      const topItems = prev.items.filter((i) => i.level === 1);
      const lastTop = topItems[topItems.length - 1];
      // The next number of a numbered list that a blank line interrupted.
      const continues = node.start === undefined || node.start === (prev.start ?? 1) + topItems.length;
      if (prev.ordered === node.ordered && continues) {
        prev.items.push(...node.items);
        continue;
      }
      // Bullets under a numbered item that ends in a colon.
      if (prev.ordered && !node.ordered && lastTop && /:$/.test(lastTop.text)) {
        prev.items.push(...node.items.map((i) => ({ ...i, level: 2 })));
        continue;
      }
    }
    if (node.type === 'table' && prev?.type === 'table') {
      prev.rows.push(...node.rows);
      continue;
    }
    out.push(node);
  }
  // A table row that starts with an empty cell continues the row above it (a row split by a
  // page break of the source).
  for (const node of out) {
    if (node.type !== 'table') continue;
    const width = Math.max(...node.rows.map((r) => r.length));
    const rows: string[][] = [];
    for (const row of node.rows) {
      const prevRow = rows[rows.length - 1];
      if (prevRow && row[0] === '' && row.some(Boolean)) {
        row.forEach((cell, i) => {
          if (cell) prevRow[i] = prevRow[i] ? `${prevRow[i]} ${cell}` : cell;
        });
      } else {
        rows.push(row);
      }
    }
    // A header row without the empty corner cell above the row labels.
    if (rows[0] && rows[0].length === width - 1 && rows.slice(1).every((r) => r.length === width)) rows[0].unshift('');
    node.rows = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  }
  return out;
}

/** Reads a seed into the document model, with the headings its spec lists. */
export function readSeed(raw: string, spec: SeedSpec): Node[] {
  const outline = parseOutline(spec.outline);
  let text = raw.replace(/\r\n?/g, '\n').replace(/\f/g, '\n\n').replace(/\u00A0/g, ' ');
  if (spec.patch) text = spec.patch(text);
  const drop = spec.drop ?? [];
  const blocks = blocksOf(
    text
      .split('\n')
      .map((l) => stripMarkup(l))
      .join('\n'),
  );

  const nodes: Node[] = [];
  let next = 0;
  let skipped = 0;
  let inToc = false;
  let tocLines: string[] = [];
  const flushToc = (): void => {
    for (const l of tocLines) nodes.push({ type: 'paragraph', text: l.split('\t').map((c) => cleanText(c)).join('\t').replace(/^\t/, ''), style: 'toc' });
    tocLines = [];
  };
  const emitBody = (all: string[]): void => {
    // Furniture is dropped from the text between headings only: a running header may repeat a
    // heading, and the heading itself must stay.
    const ls = all.filter((l) => !drop.some((re) => re.test(l.trim())));
    if (!ls.length) return;
    if (inToc) tocLines.push(...ls.map((l) => l.replace(/\*\*/g, '')));
    else nodes.push(...bodyNodes(ls, spec));
  };
  /** Index and length of the next outline heading inside these lines, or null. */
  const findHeading = (ls: string[]): { at: number; length: number } | null => {
    const entry = outline[next];
    if (!entry) return null;
    for (let at = 0; at < ls.length; at++) {
      for (let length = 1; length <= 4 && at + length <= ls.length; length++) {
        const candidate = norm(unwrap(ls.slice(at, at + length).map((l) => l.trim())).replace(/\n/g, ' '));
        if (candidate === entry.match) {
          if (skipped < entry.skip) {
            skipped++;
            continue;
          }
          return { at, length };
        }
        if (!entry.match.startsWith(candidate)) break;
      }
    }
    return null;
  };
  for (const block of blocks) {
    let rest = block;
    for (;;) {
      const found = findHeading(rest);
      if (!found) {
        emitBody(rest);
        break;
      }
      emitBody(rest.slice(0, found.at));
      const entry = outline[next] as OutlineEntry;
      flushToc();
      inToc = entry.toc;
      nodes.push(entry.level === 0 ? { type: 'title', text: norm(entry.shown) } : { type: 'heading', level: entry.level, text: norm(entry.shown) });
      next++;
      skipped = 0;
      rest = rest.slice(found.at + found.length);
    }
  }
  flushToc();
  if (next < outline.length) throw new Error(`${spec.name}: heading not found: ${outline[next]?.level} ${outline[next]?.match}`);
  // Text between the title and the first heading is the title page's subtitle.
  const joined = joinAcrossBlocks(nodes);
  const result = spec.postprocess ? spec.postprocess(joined) : joined;
  const titleAt = result.findIndex((n) => n.type === 'title');
  if (titleAt >= 0) {
    for (let i = titleAt + 1; i < result.length && result[i]?.type === 'paragraph'; i++) {
      const p = result[i] as Extract<Node, { type: 'paragraph' }>;
      result[i] = { type: 'subtitle', text: p.text };
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// What a person sees: the expected outline and word count.

export interface ExpectedSection {
  level: number;
  /** As the document shows it, number included ("3.1.5. Leerlijnen om mee te starten"). */
  heading: string;
  /** The text up to the next heading: paragraphs, list items and table cells, one per line. */
  text: string;
  listItems: number;
}

export interface Expected {
  title: string;
  /** Text before the first heading (title page, covering letter). */
  front: string;
  sections: ExpectedSection[];
  /** Words of the text as the model holds it (headings included), counted like the importer. */
  words: number;
  lists: number;
  listItems: number;
  tables: number;
}

function plain(text: string): string {
  return stripEmphasis(text).replace(/\n/g, ' ');
}

/** A table cell's paragraphs (the HTML-like seed writes "<p>…</p> <p>…</p>" in a cell). */
function cellParagraphs(cell: string): string[] {
  return cell.includes('<p>') ? cell.split(/<\/?p>/).map((s) => cleanText(s.replace(/<[^>]+>/g, ' '))).filter(Boolean) : [cell];
}

function expectedOf(nodes: Node[], spec: SeedSpec): Expected {
  let words = 0;
  let lists = 0;
  let listItems = 0;
  let tables = 0;
  const front: string[] = [];
  const sections: ExpectedSection[] = [];
  const add = (text: string): void => {
    const t = plain(text);
    words += countWords(t);
    const current = sections[sections.length - 1];
    if (current) current.text = current.text ? `${current.text}\n${t}` : t;
    else front.push(t);
  };
  for (const n of nodes) {
    switch (n.type) {
      case 'title':
      case 'subtitle':
      case 'paragraph':
        add(n.text);
        break;
      case 'heading':
        words += countWords(n.text);
        sections.push({ level: n.level, heading: n.text, text: '', listItems: 0 });
        break;
      case 'list': {
        lists++;
        listItems += n.items.length;
        const current = sections[sections.length - 1];
        if (current) current.listItems += n.items.length;
        for (const i of n.items) add(i.text);
        break;
      }
      case 'table':
        tables++;
        for (const r of n.rows) for (const c of r) for (const p of cellParagraphs(c)) add(p);
        break;
    }
  }
  return { title: spec.title, front: front.join('\n'), sections, words, lists, listItems, tables };
}

// ---------------------------------------------------------------------------------------------
// Flat OpenDocument.

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline "**bold**" and "*italic*" to spans; "\n" to line breaks; tabs to tab stops. */
function inline(text: string): string {
  let out = '';
  const re = /\*\*(.+?)\*\*|(^|[\s(])\*(?=\S)([^*]*?\S)\*(?=$|[\s).,;:])/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += xml(text.slice(last, m.index));
    if (m[1] !== undefined) out += `<text:span text:style-name="Strong">${xml(m[1])}</text:span>`;
    else out += `${xml(m[2] ?? '')}<text:span text:style-name="Emphasis">${xml(m[3] ?? '')}</text:span>`;
    last = m.index + m[0].length;
  }
  out += xml(text.slice(last));
  return out.replace(/\n/g, '<text:line-break/>').replace(/\t/g, '<text:tab/>').replace(/ {2,}/g, (s) => ` <text:s text:c="${s.length - 1}"/>`);
}

function listXml(node: Extract<Node, { type: 'list' }>): string {
  const style = node.ordered ? 'Numbering_20_123' : 'List_20_Bullet';
  // Nested items go in a list inside the item above them.
  let out = `<text:list text:style-name="${style}">`;
  let open = false;
  let nested = false;
  for (const item of node.items) {
    if (item.level > 1 && open) {
      if (!nested) out += `<text:list>`;
      nested = true;
      out += `<text:list-item><text:p text:style-name="List_20_Contents">${inline(item.text)}</text:p></text:list-item>`;
      continue;
    }
    if (nested) out += `</text:list>`;
    nested = false;
    if (open) out += `</text:list-item>`;
    const start = !open && node.start !== undefined ? ` text:start-value="${node.start}"` : '';
    out += `<text:list-item${start}><text:p text:style-name="List_20_Contents">${inline(item.text)}</text:p>`;
    open = true;
  }
  if (nested) out += `</text:list>`;
  if (open) out += `</text:list-item>`;
  return `${out}</text:list>`;
}

function tableXml(node: Extract<Node, { type: 'table' }>, n: number): string {
  const width = node.rows[0]?.length ?? 1;
  const rows = node.rows
    .map((r, i) => {
      const cells = r
        .map((c) => {
          const paras = cellParagraphs(c);
          const body = paras.map((p) => `<text:p text:style-name="${i === 0 && node.header ? 'Table_20_Heading' : 'Table_20_Contents'}">${inline(p)}</text:p>`).join('');
          return `<table:table-cell table:style-name="Cell" office:value-type="string">${body || '<text:p text:style-name="Table_20_Contents"/>'}</table:table-cell>`;
        })
        .join('');
      return i === 0 && node.header
        ? `<table:table-header-rows><table:table-row>${cells}</table:table-row></table:table-header-rows>`
        : `<table:table-row>${cells}</table:table-row>`;
    })
    .join('');
  // Column widths follow the text in them, as a word processor fits them: a narrow label column
  // beside a wide text column.
  const columns = Array.from({ length: width }, (_, c) => {
    const lengths = node.rows.map((r) => (r[c] ?? '').length);
    const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
    return `<table:table-column table:style-name="Kolom${Math.round(Math.min(60, Math.max(8, average)))}"/>`;
  }).join('');
  return `<table:table table:name="Tabel${n}" table:style-name="Table">${columns}${rows}</table:table>`;
}

/** Column styles for relative widths 8…60 (see tableXml). */
function columnStyles(): string {
  return Array.from({ length: 53 }, (_, i) => `<style:style style:name="Kolom${i + 8}" style:family="table-column"><style:table-column-properties style:rel-column-width="${i + 8}*"/></style:style>`).join('');
}

/** The first paragraph opens the first page, which has no header or footer (a cover). */
function firstPageStyle(nodes: Node[]): string {
  const first = nodes[0];
  const parent = first?.type === 'title' ? 'Title' : first?.type === 'heading' ? `Heading_20_${first.level}` : 'Text_20_body';
  return `<style:style style:name="First" style:family="paragraph" style:parent-style-name="${parent}" style:master-page-name="First_20_Page"/>`;
}

function nodeXml(n: Node, breakBefore: boolean, table: number): string {
  switch (n.type) {
    case 'title':
      return `<text:p text:style-name="Title">${inline(n.text)}</text:p>`;
    case 'subtitle':
      return `<text:p text:style-name="Subtitle">${inline(n.text)}</text:p>`;
    case 'heading': {
      const style = breakBefore ? `Heading_20_${n.level}_20_Break` : `Heading_20_${n.level}`;
      return `<text:h text:style-name="${style}" text:outline-level="${n.level}">${inline(n.text)}</text:h>`;
    }
    case 'paragraph': {
      // Lines broken by hand (an address, a signature) are set ragged, not justified.
      const body = n.text.includes('\n') ? 'Text_20_body_20_Left' : 'Text_20_body';
      const style = n.style === 'toc' ? 'Contents_20_1' : n.style === 'note' ? 'Footnote' : n.style === 'quote' ? 'Quotations' : body;
      return `<text:p text:style-name="${style}">${inline(n.text)}</text:p>`;
    }
    case 'list':
      return listXml(n);
    case 'table':
      return tableXml(n, table);
  }
}

function bodyXml(nodes: Node[], spec: SeedSpec): string {
  let tables = 0;
  let afterTitle = false;
  const parts = nodes.map((n, index) => {
    // The first heading after the title page starts the text on a new page; so does every
    // chapter when the spec says so.
    const breakBefore = n.type === 'heading' && index > 0 && (afterTitle || (n.level === 1 && Boolean(spec.chapterBreak)));
    if (n.type === 'title') afterTitle = true;
    else if (n.type === 'heading') afterTitle = false;
    const out = nodeXml(n, breakBefore, n.type === 'table' ? ++tables : 0);
    // The first paragraph opens the first page, which has no header or footer (a cover).
    return index === 0 ? out.replace(/text:style-name="[^"]+"/, 'text:style-name="First"') : out;
  });
  if (spec.columns !== 2) return parts.join('\n');
  // A brochure in two columns: the text runs in two-column sections, and a table interrupts them
  // across the full width of the page, as in the source.
  const out: string[] = [];
  let run: string[] = [];
  let sections = 0;
  const flush = (): void => {
    if (run.length) out.push(`<text:section text:style-name="TwoColumns" text:name="Kolommen${++sections}">${run.join('\n')}</text:section>`);
    run = [];
  };
  parts.forEach((xmlText, i) => {
    if (nodes[i]?.type === 'table') {
      flush();
      out.push(xmlText);
    } else {
      run.push(xmlText);
    }
  });
  flush();
  return out.join('\n');
}

function listStyle(name: string, display: string, ordered: boolean): string {
  const levels = [1, 2]
    .map((level) => {
      const indent = (0.635 * level).toFixed(3);
      const props = `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="${indent}cm" fo:text-indent="-0.635cm" fo:margin-left="${indent}cm"/></style:list-level-properties>`;
      // Level 2 is a bullet in both: sub-items under a numbered item are bullets in the seeds.
      return ordered && level === 1
        ? `<text:list-level-style-number text:level="${level}" style:num-suffix="${level === 1 ? '.' : ')'}" style:num-format="${level === 1 ? '1' : 'a'}">${props}</text:list-level-style-number>`
        : `<text:list-level-style-bullet text:level="${level}" text:bullet-char="${level === 1 ? '•' : '–'}">${props}</text:list-level-style-bullet>`;
    })
    .join('');
  return `<text:list-style style:name="${name}" style:display-name="${display}">${levels}</text:list-style>`;
}

function headingStyles(): string {
  const sizes = [18, 14, 12, 11];
  return sizes
    .map((size, i) => {
      const n = i + 1;
      const base = `<style:style style:name="Heading_20_${n}" style:display-name="Heading ${n}" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="${n}" style:class="text"><style:text-properties fo:font-size="${size}pt"${n === 4 ? ' fo:font-style="italic"' : ''}/></style:style>`;
      const withBreak = `<style:style style:name="Heading_20_${n}_20_Break" style:display-name="Heading ${n} Break" style:family="paragraph" style:parent-style-name="Heading_20_${n}" style:next-style-name="Text_20_body" style:default-outline-level="${n}" style:class="text"><style:paragraph-properties fo:break-before="page"/></style:style>`;
      return base + withBreak;
    })
    .join('\n');
}

/** The header and footer of the text pages. */
function masterXml(spec: SeedSpec): string {
  const header =
    spec.header === 'chapter'
      ? `<text:chapter text:display="name" text:outline-level="1">${xml(spec.title)}</text:chapter>`
      : xml(spec.title);
  const footer = `${inline(spec.footer)}<text:page-number text:select-page="current">1</text:page-number>${spec.footerEnd ? xml(spec.footerEnd) : ''}`;
  return `<style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pmFirst" style:next-style-name="Standard"/>
<style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Header">${header}</text:p></style:header>
<style:footer><text:p text:style-name="Footer">${footer}</text:p></style:footer>
</style:master-page>`;
}

export function toFodt(nodes: Node[], spec: SeedSpec): string {
  const columns = '';
  const size = spec.landscape ? 'fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape"' : 'fo:page-width="21cm" fo:page-height="29.7cm"';
  const page = `${size} fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2.3cm" fo:margin-right="2.3cm"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${xml(spec.title)}</dc:title><dc:language>nl-NL</dc:language><meta:creation-date>2025-01-01T00:00:00</meta:creation-date><dc:date>2025-01-01T00:00:00</dc:date><meta:generator>Richtsnoer make-seed-fixtures</meta:generator></office:meta>
<office:font-face-decls>
<style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
<style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="10.5pt" fo:language="nl" fo:country="NL" fo:hyphenate="false" fo:hyphenation-remain-char-count="3" fo:hyphenation-push-char-count="3"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:line-height="120%" fo:text-align="justify"/><style:text-properties fo:hyphenate="true"/></style:style>
<style:style style:name="Text_20_body_20_Left" style:display-name="Text body left" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:text-align="start"/></style:style>
<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-bottom="0.15cm"/><style:text-properties fo:font-size="8.5pt"/></style:style>
<style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="html"><style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="List_20_Contents" style:display-name="List Contents" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="list"><style:paragraph-properties fo:margin-bottom="0.1cm" fo:text-align="start"/></style:style>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Contents_20_1" style:display-name="Contents 1" style:family="paragraph" style:parent-style-name="Standard" style:class="index"><style:paragraph-properties fo:margin-bottom="0.1cm"><style:tab-stops><style:tab-stop style:position="1cm"/><style:tab-stop style:position="${spec.landscape ? '25.1cm' : '16.4cm'}" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Subtitle" style:class="chapter"><style:paragraph-properties fo:margin-top="6cm" fo:margin-bottom="0.6cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="26pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:margin-bottom="0.3cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="14pt"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.45cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties style:font-name="Liberation Sans" fo:font-weight="bold" fo:hyphenate="false"/></style:style>
${headingStyles()}
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="end"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt"/></style:style>
<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
${listStyle('List_20_Bullet', 'List Bullet', false)}
${listStyle('Numbering_20_123', 'Numbering 123', true)}
<text:outline-style style:name="Outline">${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((l) => `<text:outline-level-style text:level="${l}" style:num-format=""/>`).join('')}</text:outline-style>
</office:styles>
<office:automatic-styles>
<style:style style:name="Table" style:family="table"><style:table-properties style:width="${spec.landscape ? '25.1cm' : '16.4cm'}" table:align="margins" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/></style:style>
<style:style style:name="TwoColumns" style:family="section"><style:section-properties text:dont-balance-text-columns="false"><style:columns fo:column-count="2" fo:column-gap="0.8cm"><style:column style:rel-width="1*" fo:start-indent="0cm" fo:end-indent="0.4cm"/><style:column style:rel-width="1*" fo:start-indent="0.4cm" fo:end-indent="0cm"/></style:columns></style:section-properties></style:style>
${columnStyles()}
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #808080"/></style:style>
${firstPageStyle(nodes)}
<style:page-layout style:name="pmFirst"><style:page-layout-properties ${page}/></style:page-layout>
<style:page-layout style:name="pm1"><style:page-layout-properties ${page}>${columns}</style:page-layout-properties>
<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
${masterXml(spec)}
</office:master-styles>
<office:body><office:text>
${bodyXml(nodes, spec)}
</office:text></office:body></office:document>
`;
}

// ---------------------------------------------------------------------------------------------
// Conversion with LibreOffice, and making its output deterministic.

const FIXED_PDF_DATE = 'D:20250101000000';

/** Same-length replacements only, so the PDF's cross-reference table stays valid. */
export function normalisePdf(bytes: Buffer): Buffer {
  let text = bytes.toString('latin1');
  text = text.replace(/D:\d{14}/g, FIXED_PDF_DATE);
  text = text.replace(/\/ID \[ <([0-9A-F]+)>\s*<([0-9A-F]+)> \]/g, (m, a: string, b: string) => m.replace(a, '0'.repeat(a.length)).replace(b, '0'.repeat(b.length)));
  text = text.replace(/\/DocChecksum \/([0-9A-F]+)/g, (m, a: string) => m.replace(a, '0'.repeat(a.length)));
  return Buffer.from(text, 'latin1');
}

/** Re-zips with fixed timestamps and fixed document dates. */
export function normaliseDocx(bytes: Buffer): Uint8Array {
  const data = new Uint8Array(bytes);
  const entries = readCentralDirectory(data).map((entry) => {
    let content = inflateEntry(data, entry);
    if (entry.name === 'docProps/core.xml' || entry.name === 'docProps/app.xml') {
      content = Buffer.from(
        content
          .toString('utf8')
          .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, '$12025-01-01T00:00:00Z')
          .replace(/<TotalTime>\d+<\/TotalTime>/, '<TotalTime>0</TotalTime>'),
        'utf8',
      );
    }
    return { name: entry.name, data: new Uint8Array(content) };
  });
  return zip(entries);
}

export function normaliseHtml(text: string): string {
  return text.replace(/<meta name="(created|changed)" content="[^"]*"\/>/g, '<meta name="$1" content="2025-01-01T00:00:00"/>');
}

/** Converts with a private LibreOffice profile, so a running LibreOffice or its settings do not interfere. */
function convert(files: string[], format: string, dir: string, profile: string): void {
  try {
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', format, '--outdir', dir, ...files], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('LibreOffice (soffice) is not installed: apt-get install --no-install-recommends libreoffice-writer-nogui hyphen-nl');
    }
    throw error;
  }
}

function seedFile(prefix: string): string {
  const name = fs.readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} not found in ${seedsDir}`);
  return path.join(seedsDir, name);
}

/** Prints the model of one seed, for checking an outline by eye: --dump 000_ */
function dump(nodes: Node[]): void {
  for (const n of nodes) {
    if (n.type === 'heading') console.log(`${'  '.repeat(n.level - 1)}# ${n.text}`);
    else if (n.type === 'title' || n.type === 'subtitle') console.log(`[${n.type}] ${n.text}`);
    else if (n.type === 'paragraph') console.log(`    ${n.style ? `(${n.style}) ` : ''}${n.text.slice(0, 110).replace(/\n/g, ' / ')}`);
    else if (n.type === 'list') for (const i of n.items) console.log(`    ${n.ordered ? '1.' : '•'}${i.level > 1 ? '•' : ''} ${i.text.slice(0, 100)}`);
    else console.log(`    [table ${n.rows.length}×${n.rows[0]?.length}] ${n.rows[0]?.join(' | ').slice(0, 100)}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const dumpAt = args.indexOf('--dump');
  if (dumpAt >= 0) {
    const prefix = args[dumpAt + 1] ?? '';
    const spec = SEED_SPECS.find((s) => s.prefix === prefix);
    if (!spec) throw new Error(`no spec ${prefix}`);
    dump(readSeed(fs.readFileSync(seedFile(spec.prefix), 'utf8'), spec));
    return;
  }
  const only = args.filter((a) => !a.startsWith('--'));
  const specs = SEED_SPECS.filter((s) => !only.length || only.includes(s.prefix));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-fixtures-'));
  const profile = path.join(tmp, 'profile');
  fs.mkdirSync(outDir, { recursive: true });
  try {
    const sources: string[] = [];
    for (const spec of specs) {
      const nodes = readSeed(fs.readFileSync(seedFile(spec.prefix), 'utf8'), spec);
      const source = path.join(tmp, `${spec.name}.fodt`);
      fs.writeFileSync(source, toFodt(nodes, spec));
      if (args.includes('--keep-fodt')) fs.copyFileSync(source, path.join(outDir, `${spec.name}.fodt`));
      sources.push(source);
      fs.writeFileSync(path.join(outDir, `${spec.name}.expected.json`), `${JSON.stringify(expectedOf(nodes, spec), null, 1)}\n`);
    }
    // Only the expected structure (after changing how it is recorded, not the documents).
    if (args.includes('--expected-only')) return;
    convert(sources, 'pdf:writer_pdf_Export', tmp, profile);
    convert(sources, 'docx:MS Word 2007 XML', tmp, profile);
    convert(sources, 'html:HTML (StarWriter)', tmp, profile);
    let total = 0;
    for (const spec of specs) {
      const base = path.join(tmp, spec.name);
      const outputs: [string, Uint8Array | string][] = [
        ['pdf', normalisePdf(fs.readFileSync(`${base}.pdf`))],
        ['docx', normaliseDocx(fs.readFileSync(`${base}.docx`))],
        ['html', normaliseHtml(fs.readFileSync(`${base}.html`, 'utf8'))],
      ];
      for (const [ext, data] of outputs) {
        const file = path.join(outDir, `${spec.name}.${ext}`);
        fs.writeFileSync(file, data);
        const size = fs.statSync(file).size;
        total += size;
        console.log(`${path.basename(file).padEnd(48)} ${String(size).padStart(9)} bytes`);
      }
    }
    console.log(`${'total'.padEnd(48)} ${String(total).padStart(9)} bytes`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
