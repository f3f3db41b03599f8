import { cleanText, endsSentence, hyphenatedPairs, isPageNumberLine, joinLines as joinWrapped, NUMBERED_HEADING, parseListMarker, TOC_ENTRY } from './lines.js';
import { APART_GAP, CELL_GAP, findTables, type PdfTable } from './pdf-tables.js';
import { parseHeading, type StructureItem } from './structure.js';

/**
 * From positioned PDF text to structure items, without pdf.js (so it can be tested on made-up
 * pages). A PDF has no paragraphs or headings, only glyph runs at coordinates: we rebuild lines
 * from baselines, read two-column pages column by column, drop running headers, footers and page
 * numbers, find headings by font size and weight, and tables by the columns of white space their
 * cells leave free.
 */

export interface PdfItem {
  text: string;
  /** Left edge, points from the left of the page. */
  x: number;
  /** Baseline, points from the TOP of the page (so reading order is increasing y). */
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
  font: string;
  bold: boolean;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

export interface PdfLine {
  page: number;
  x0: number;
  x1: number;
  y: number;
  size: number;
  bold: boolean;
  font: string;
  text: string;
  /** 0 for the left (or only) column, 1 for the right column. */
  column: number;
  /**
   * The runs of text on the line that stand apart from each other by more than a word space (table
   * cells, text after a tab stop), when there are two or more; findTables decides whether they are
   * cells. `text` is still the whole line.
   */
  cells?: PdfCell[];
}

export interface PdfCell {
  x0: number;
  x1: number;
  text: string;
  /** Set off from the text before it by a gap of a tab stop or more (about 1 em), not a word space. */
  apart: boolean;
}


interface Segment {
  x0: number;
  x1: number;
  y: number;
  items: PdfItem[];
}

/** Size and boldness of a run of items, weighted by the number of characters. */
function dominant(items: PdfItem[]): { size: number; bold: boolean; font: string } {
  const sizes = new Map<number, number>();
  const fonts = new Map<string, number>();
  let bold = 0;
  let total = 0;
  for (const it of items) {
    const n = it.text.trim().length;
    if (!n) continue;
    const size = Math.round(it.size * 2) / 2;
    sizes.set(size, (sizes.get(size) ?? 0) + n);
    fonts.set(it.font, (fonts.get(it.font) ?? 0) + n);
    if (it.bold) bold += n;
    total += n;
  }
  const pick = <K,>(m: Map<K, number>, fallback: K): K => [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallback;
  return { size: pick(sizes, items[0]?.size ?? 0), bold: total > 0 && bold / total >= 0.6, font: pick(fonts, items[0]?.font ?? '') };
}

/** Concatenates items on one line, adding a space where there is a visible gap. */
function segmentText(items: PdfItem[]): string {
  // Justified lines may set the hyphen of a word broken at the line end a little apart from the
  // word ("cru" " " "-"): that hyphen belongs to the word, not after a space.
  const last = items[items.length - 1];
  const trailingHyphen = items.length > 1 && last !== undefined && /^[-\u00AD\u2010\u2011]$/.test(last.text.trim());
  let out = '';
  let prev: PdfItem | null = null;
  items.forEach((it, i) => {
    const isHyphen = trailingHyphen && i === items.length - 1;
    if (isHyphen && prev) {
      const gap = it.x - (prev.x + prev.width);
      if (gap < Math.min(prev.size, it.size) * 0.4) {
        out = out.replace(/\s+$/, '') + it.text.trim();
        return;
      }
    }
    // A narrow space item is kerning between items, not a word space.
    if (trailingHyphen && i === items.length - 2 && it.text.trim() === '' && it.width < it.size * 0.25) return;
    if (prev) {
      const gap = it.x - (prev.x + prev.width);
      if (gap > Math.min(prev.size, it.size) * 0.15 && !/\s$/.test(out) && !/^\s/.test(it.text)) out += ' ';
    }
    out += it.text;
    prev = it;
  });
  return out;
}

/**
 * Groups items into rows by baseline and splits rows into segments at gaps wider than `gapFactor`
 * times the type size.
 */
function segmentsOf(page: PdfPage, gapFactor = 2.2): Segment[] {
  const items = page.items.filter((i) => i.text.trim() !== '' && Number.isFinite(i.x) && Number.isFinite(i.y) && i.size > 0);
  items.sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: { y: number; size: number; items: PdfItem[] }[] = [];
  for (const it of items) {
    // Superscripts and mixed fonts sit a little off the baseline: compare with the last rows.
    let row = null;
    for (let k = rows.length - 1; k >= Math.max(0, rows.length - 3); k--) {
      const r = rows[k];
      if (r && Math.abs(r.y - it.y) <= 0.45 * Math.max(r.size, it.size)) {
        row = r;
        break;
      }
    }
    if (row) {
      row.items.push(it);
      if (it.size > row.size) row.size = it.size;
    } else {
      rows.push({ y: it.y, size: it.size, items: [it] });
    }
  }
  const segments: Segment[] = [];
  for (const row of rows) {
    row.items.sort((a, b) => a.x - b.x);
    let seg: Segment | null = null;
    for (const it of row.items) {
      const gap = seg ? it.x - seg.x1 : 0;
      if (!seg || gap > gapFactor * Math.max(it.size, 1)) {
        seg = { x0: it.x, x1: it.x + it.width, y: row.y, items: [it] };
        segments.push(seg);
      } else {
        seg.items.push(it);
        seg.x1 = Math.max(seg.x1, it.x + it.width);
      }
    }
  }
  return segments;
}

/**
 * Finds a vertical gutter in the middle of the page that no segment crosses, with text on both
 * sides: then the page has two columns.
 */
function findGutter(segments: Segment[], width: number): number | null {
  if (segments.length < 8) return null;
  const lo = width * 0.3;
  const hi = width * 0.7;
  // The gutter, if any, starts right after a left-column line or ends right before a right-column one.
  // Rounded to 4 points, so a dense page has at most ~60 candidates to try.
  const edges = segments.flatMap((s) => [Math.ceil((s.x1 + 2) / 4) * 4, Math.floor((s.x0 - 2) / 4) * 4]);
  const candidates = [...new Set(edges)].filter((x) => x > lo && x < hi).sort((a, b) => a - b);
  let best: { x: number; crossing: number } | null = null;
  const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  for (const x of candidates) {
    const leftSegs = segments.filter((s) => s.x1 <= x);
    const rightSegs = segments.filter((s) => s.x0 >= x);
    const left = leftSegs.length;
    const right = rightSegs.length;
    const crossing = segments.length - left - right;
    if (left < 4 || right < 4) continue;
    // Columns of running text have long lines; cells of a two-column table mostly do not. (List
    // markers standing apart from their text are no lines.)
    const lengths = (segs: Segment[]): number[] => segs.map((s) => s.x1 - s.x0).filter((w, i) => w >= 2 * Math.max(segs[i]?.items[0]?.size ?? 0, 1));
    if (median(lengths(leftSegs)) < width * 0.18 || median(lengths(rightSegs)) < width * 0.18) continue;
    // A few full-width lines (a chapter title above the columns) may cross the gutter.
    if (crossing > segments.length * 0.15) continue;
    if (!best || crossing < best.crossing || (crossing === best.crossing && Math.abs(x - width / 2) < Math.abs(best.x - width / 2))) {
      best = { x, crossing };
    }
  }
  return best?.x ?? null;
}

/** The runs of a line's items (sorted by x) that are further apart than word spacing. */
function cellsOf(items: PdfItem[]): PdfCell[] | undefined {
  const runs: { items: PdfItem[]; x1: number; gap: number }[] = [];
  for (const it of items) {
    const run = runs[runs.length - 1];
    const gap = run ? it.x - run.x1 : 0;
    if (!run || gap >= CELL_GAP * Math.max(it.size, run.items[run.items.length - 1]?.size ?? 0, 1)) {
      runs.push({ items: [it], x1: it.x + it.width, gap: run ? gap / Math.max(it.size, 1) : 0 });
    } else {
      run.items.push(it);
      run.x1 = Math.max(run.x1, it.x + it.width);
    }
  }
  if (runs.length < 2) return undefined;
  const cells = runs
    .map((r, i) => ({ x0: r.items[0]?.x ?? 0, x1: r.x1, text: cleanText(segmentText(r.items)), apart: i > 0 && r.gap >= APART_GAP }))
    .filter((c) => c.text !== '');
  return cells.length >= 2 ? cells : undefined;
}

function toLine(page: number, segs: Segment[], column: number): PdfLine {
  const items = segs.flatMap((s) => s.items).sort((a, b) => a.x - b.x);
  const d = dominant(items);
  const line: PdfLine = {
    page,
    x0: Math.min(...segs.map((s) => s.x0)),
    x1: Math.max(...segs.map((s) => s.x1)),
    y: segs[0]?.y ?? 0,
    size: d.size,
    bold: d.bold,
    font: d.font,
    text: cleanText(segmentText(items)),
    column,
  };
  const cells = cellsOf(items);
  if (cells) line.cells = cells;
  return line;
}

/** Splits segments that run across the gutter (two columns' lines on one baseline) in two. */
function splitAtGutter(segments: Segment[], gutter: number): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const left = seg.items.filter((i) => i.x + i.width / 2 < gutter);
    const right = seg.items.filter((i) => i.x + i.width / 2 >= gutter);
    const clean = left.every((i) => i.x + i.width <= gutter + 1) && right.every((i) => i.x >= gutter - 1);
    if (!left.length || !right.length || !clean) {
      out.push(seg);
      continue;
    }
    for (const part of [left, right]) {
      out.push({ x0: Math.min(...part.map((i) => i.x)), x1: Math.max(...part.map((i) => i.x + i.width)), y: seg.y, items: part });
    }
  }
  return out;
}

/** One column: segments on the same row are one line (table cells, tab stops). */
function oneColumnLines(pageNumber: number, segments: Segment[]): PdfLine[] {
  const byRow = new Map<number, Segment[]>();
  for (const s of segments) byRow.set(s.y, [...(byRow.get(s.y) ?? []), s]);
  return [...byRow.values()].map((segs) => toLine(pageNumber, segs, 0));
}

/**
 * Two columns, read in bands: full-width lines cut the page into bands, and within a band the left
 * column is read before the right one.
 */
function twoColumnLines(pageNumber: number, all: Segment[], gutter: number): PdfLine[] {
  const segments = splitAtGutter(all, gutter);
  const lines: PdfLine[] = [];
  let band: Segment[] = [];
  const flushBand = (): void => {
    for (const column of [0, 1]) {
      const inColumn = band.filter((s) => (column === 0 ? s.x1 <= gutter : s.x0 >= gutter));
      const byRow = new Map<number, Segment[]>();
      for (const s of inColumn) byRow.set(s.y, [...(byRow.get(s.y) ?? []), s]);
      for (const segs of byRow.values()) lines.push(toLine(pageNumber, segs, column));
    }
    band = [];
  };
  for (const s of segments) {
    if (s.x0 < gutter && s.x1 > gutter) {
      flushBand();
      lines.push(toLine(pageNumber, [s], 0));
    } else {
      band.push(s);
    }
  }
  flushBand();
  return lines;
}

/**
 * Whether a gutter is really the border between the first column of a table and the rest of it (a
 * table whose first column is wide enough to pass for a column of text): a table stands in one
 * column, on the baselines of lines in the other column that are ragged like table cells and not
 * justified like running text, and read as one column the lines form tables across the gutter.
 */
function gutterIsTableBorder(pageNumber: number, all: Segment[], lines: PdfLine[], gutter: number): boolean {
  const inTable = [0, 1].some((column) => {
    const own = lines.filter((l) => l.column === column && (l.x0 >= gutter || l.x1 <= gutter));
    const other = lines.filter((l) => l.column !== column && (l.x0 >= gutter || l.x1 <= gutter));
    return findTables(own).some((t) => {
      const rows = own.slice(t.start, t.end);
      const top = rows[0]?.y ?? 0;
      const bottom = rows[rows.length - 1]?.y ?? 0;
      const beside = other.filter((l) => l.y >= top - 1 && l.y <= bottom + 1);
      const shared = beside.filter((l) => rows.some((r) => Math.abs(l.y - r.y) <= 1)).length;
      if (beside.length < 2 || shared < beside.length * 0.8) return false;
      const right = Math.max(...beside.map((l) => l.x1));
      const flush = beside.filter((l) => l.x1 >= right - 0.5 * l.size).length;
      return flush * 2 < beside.length;
    });
  });
  if (!inTable) return false;
  const single = oneColumnLines(pageNumber, all);
  const tables = findTables(single).filter((t) => t.columns.some((x) => x < gutter) && t.columns.some((x) => x >= gutter));
  const ys = tables.flatMap((t) => single.slice(t.start, t.end).map((l) => l.y));
  const sideLines = lines.filter((l) => l.x0 >= gutter || l.x1 <= gutter);
  const covered = sideLines.filter((l) => ys.some((y) => Math.abs(y - l.y) <= 1)).length;
  return covered >= sideLines.length * 0.8;
}

/** Lines of a region (the whole page, or a part of it) with or without a gutter. */
function regionLines(pageNumber: number, all: Segment[], fine: Segment[], width: number): PdfLine[] {
  // The gutter between two columns can be narrower (0.5–1 cm) than the gap that separates the
  // cells of a table row, so it is looked for in finer segments; lines of both columns that
  // share a baseline are then cut apart at it.
  const gutter = findGutter(fine, width);
  if (gutter === null) return oneColumnLines(pageNumber, all);
  const lines = twoColumnLines(pageNumber, all, gutter);
  return gutterIsTableBorder(pageNumber, all, lines, gutter) ? oneColumnLines(pageNumber, all) : lines;
}

/**
 * Cuts a page into regions at horizontal strips of white space across its full width (a table
 * across the page above text in two columns). Returns the y of each cut.
 */
function whitespaceCuts(segments: Segment[]): number[] {
  const rows = [...new Set(segments.map((s) => s.y))].sort((a, b) => a - b);
  const sizes = segments.map((s) => s.items[0]?.size ?? 0).sort((a, b) => a - b);
  // Twice the usual type size: more than the space between paragraphs.
  const size = sizes[Math.floor(sizes.length / 2)] || 10;
  const cuts: number[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as number;
    const b = rows[i] as number;
    if (b - a > 2 * size) cuts.push((a + b) / 2);
  }
  return cuts;
}

/** The lines of one page in reading order. */
export function buildLines(page: PdfPage): PdfLine[] {
  const all = segmentsOf(page);
  const fine = segmentsOf(page, 1.2);
  let lines = regionLines(page.number, all, fine, page.width);
  // No columns on the page as a whole: a part of it may still be set in two columns (below a
  // table that runs across the page), read each part between strips of white space on its own.
  // (Only when there is text in the right half that does not start in the left one.)
  const rightOnly = fine.filter((s) => s.x0 > page.width * 0.45).length;
  if (rightOnly >= 4 && lines.every((l) => l.column === 0)) {
    const cuts = whitespaceCuts(all);
    if (cuts.length) {
      const bounds = [-Infinity, ...cuts, Infinity];
      const regions = bounds.slice(1).map((to, i) => {
        const from = bounds[i] as number;
        const inside = (s: Segment): boolean => s.y > from && s.y <= to;
        return regionLines(page.number, all.filter(inside), fine.filter(inside), page.width);
      });
      if (regions.some((r) => r.some((l) => l.column === 1))) lines = regions.flat();
    }
  }
  return lines.filter((l) => l.text !== '');
}

/** Key for comparing header/footer lines across pages: case, spacing and digits do not count. */
function furnitureKey(text: string): string {
  return cleanText(text).toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

export interface FurnitureResult {
  pages: PdfLine[][];
  removedLines: number;
}

/** The size most of the text is set in, weighted by characters. */
function mainSize(pages: PdfLine[][]): number {
  const weight = new Map<number, number>();
  for (const lines of pages) for (const l of lines) weight.set(round(l.size), (weight.get(round(l.size)) ?? 0) + l.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/**
 * Removes running headers and footers (lines that come back, digits aside, at the top or bottom of
 * many pages), page numbers in the top or bottom margin, and running headers that name the current
 * chapter: small type in the margin that repeats a heading of the document (on the pages of a short
 * chapter they do not come back often enough to be caught as repeats). A heading is never taken
 * for its own running header: furniture is removed only in the type size it is set in.
 */
export function removePageFurniture(pages: PdfLine[][], heights: number[]): FurnitureResult {
  const zone = 0.12;
  const edgeLines = 3;
  const inTop = (l: PdfLine, h: number): boolean => l.y <= h * zone;
  const inBottom = (l: PdfLine, h: number): boolean => l.y >= h * (1 - zone);
  const candidates = (lines: PdfLine[], h: number): PdfLine[] => {
    const sorted = [...lines].sort((a, b) => a.y - b.y);
    const top = sorted.slice(0, edgeLines).filter((l) => inTop(l, h));
    const bottom = sorted.slice(-edgeLines).filter((l) => inBottom(l, h));
    return [...new Set([...top, ...bottom])];
  };
  const pagesWithText = pages.filter((p) => p.length > 0).length;
  const counts = new Map<string, number>();
  pages.forEach((lines, i) => {
    const keys = new Set(candidates(lines, heights[i] ?? 842).map((l) => `${inTop(l, heights[i] ?? 842) ? 'T' : 'B'}:${furnitureKey(l.text)}`));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const threshold = Math.max(2, Math.ceil(pagesWithText * 0.4));
  // The type size of each repeated line, as it is set most often.
  const sizes = new Map<string, number[]>();
  pages.forEach((lines, i) => {
    const h = heights[i] ?? 842;
    for (const l of candidates(lines, h)) {
      const key = `${inTop(l, h) ? 'T' : 'B'}:${furnitureKey(l.text)}`;
      sizes.set(key, [...(sizes.get(key) ?? []), round(l.size)]);
    }
  });
  const furnitureSize = (key: string): number => {
    const list = [...(sizes.get(key) ?? [])].sort((a, b) => a - b);
    return list[Math.floor(list.length / 2)] ?? 0;
  };
  // Text set larger than the text anywhere: headings, to recognise a running header naming one.
  const body = mainSize(pages);
  const headingKeys = new Set<string>();
  for (const lines of pages) for (const l of lines) if (round(l.size) >= body * 1.15) headingKeys.add(furnitureKey(l.text));
  let removedLines = 0;
  const result = pages.map((lines, i) => {
    const h = heights[i] ?? 842;
    const edge = new Set(candidates(lines, h));
    return lines.filter((l) => {
      if (!edge.has(l)) return true;
      const key = `${inTop(l, h) ? 'T' : 'B'}:${furnitureKey(l.text)}`;
      const repeated = pagesWithText >= 2 && (counts.get(key) ?? 0) >= threshold && Math.abs(round(l.size) - furnitureSize(key)) < 1;
      const namesHeading = round(l.size) < body && headingKeys.has(furnitureKey(l.text)) && /\p{L}{3,}/u.test(l.text);
      if (repeated || namesHeading || isPageNumberLine(l.text)) {
        removedLines++;
        return false;
      }
      return true;
    });
  });
  return { pages: result, removedLines };
}

export interface FontStats {
  bodySize: number;
  /** Heading font sizes, largest first; index + 1 is the rank. */
  headingSizes: number[];
  /**
   * Heading sizes whose short lines are (nearly) all bold: there a line in regular type of the
   * same size is not a heading (the authors under a title, a lead-in), it only shares the size.
   */
  boldHeadingSizes?: number[];
  /**
   * Sizes of bold lines below the heading sizes, largest first: bold headings in 12 pt rank above
   * bold headings in 11 pt (Heading 3 and Heading 4 of a report set in 10.5 pt).
   */
  boldSizes?: number[];
  /** Typical distance between baselines of body lines. */
  lineSpacing: number;
}

const round = (n: number): number => Math.round(n * 2) / 2;


export function fontStats(pages: PdfLine[][]): FontStats {
  const weight = new Map<number, number>();
  for (const lines of pages) for (const l of lines) weight.set(round(l.size), (weight.get(round(l.size)) ?? 0) + l.text.length);
  const bodySize = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
  const headingSizes = [...weight.keys()]
    .filter((s) => s >= bodySize * 1.15)
    .filter((s) => pages.some((lines) => lines.some((l) => round(l.size) === s && l.text.length <= 200 && /\p{L}/u.test(l.text))))
    .sort((a, b) => b - a);
  const boldHeadingSizes = headingSizes.filter((size) => {
    let bold = 0;
    let all = 0;
    for (const lines of pages) {
      for (const l of lines) {
        if (round(l.size) !== size || l.text.length > 200) continue;
        all += l.text.length;
        if (l.bold) bold += l.text.length;
      }
    }
    return all > 0 && bold / all >= 0.8;
  });
  const gaps: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1] as PdfLine;
      const b = lines[i] as PdfLine;
      if (round(a.size) === bodySize && round(b.size) === bodySize && a.column === b.column && b.y > a.y) gaps.push(b.y - a.y);
    }
  }
  gaps.sort((a, b) => a - b);
  const lineSpacing = gaps.length ? (gaps[Math.floor(gaps.length * 0.4)] ?? bodySize * 1.2) : bodySize * 1.2;
  const boldSizes = [
    ...new Set(
      pages.flatMap((lines) =>
        lines.filter((l) => l.bold && l.text.length <= 100 && round(l.size) >= bodySize * 0.95 && !headingSizes.includes(round(l.size))).map((l) => round(l.size)),
      ),
    ),
  ].sort((a, b) => b - a);
  return { bodySize, headingSizes, boldHeadingSizes, boldSizes, lineSpacing: Math.max(lineSpacing, bodySize) };
}

/** Heading rank of a line by its font, or null for body text. */
function headingRank(line: PdfLine, stats: FontStats): number | null {
  const text = line.text;
  if (!/\p{L}{2,}/u.test(text) || TOC_ENTRY.test(text)) return null;
  const size = round(line.size);
  const index = stats.headingSizes.indexOf(size);
  if (index >= 0 && text.length <= 200 && (line.bold || !stats.boldHeadingSizes?.includes(size))) return index + 1;
  const startsLikeHeading = /^[\p{Lu}\d"'‘“(]/u.test(text);
  // A bold numbered line is a list item in body type, but a heading in larger type ("1. De
  // leercyclus doorlopen" in 12 pt bold over 10.5 pt text): list items are set like the text.
  const marker = parseListMarker(text);
  const larger = size > stats.bodySize * 1.05;
  const numberedHeading = marker?.ordered === true && marker.value !== null && larger;
  // In body size a bold line ending in punctuation is a bold sentence; in larger type it may be
  // the first line of a wrapped heading ("…, programma's,") or a heading that ends in a full
  // stop. flushHeading still turns long sentence-like headings into text.
  const punctuationOk = larger || !/[.,;:]$/.test(text);
  const maxLength = larger ? 160 : 100;
  if (line.bold && size >= stats.bodySize * 0.95 && text.length <= maxLength && punctuationOk && startsLikeHeading && (!marker || numberedHeading)) {
    return stats.headingSizes.length + 1 + Math.max(0, stats.boldSizes?.indexOf(size) ?? 0);
  }
  return null;
}


/**
 * Lines to structure items: headings by font, paragraphs by vertical gaps, list items by their
 * markers, hyphenation repaired when lines are joined, paragraphs continued across page breaks.
 */
export function linesToItems(pages: PdfLine[][], stats: FontStats): StructureItem[] {
  const items: StructureItem[] = [];
  // How the document writes hyphenated words, to tell them from words broken at a line end.
  const written = hyphenatedPairs(pages.flatMap((lines) => lines.map((l) => l.text)));
  const joinLines = (lines: readonly string[]): string => joinWrapped(lines, written);
  interface ListItem {
    lines: string[];
    /** Where the item's text starts (after the marker); continuation lines align with it. */
    textX: number;
  }
  // What is being collected: at most one of heading, paragraph and list is open at a time.
  const open: {
    heading: { lines: string[]; page: number; rank: number | null; last: PdfLine } | null;
    para: { lines: string[]; page: number; last: PdfLine } | null;
    list: { ordered: boolean; items: ListItem[]; page: number } | null;
  } = { heading: null, para: null, list: null };

  const flushPara = (): void => {
    const text = open.para ? joinLines(open.para.lines) : '';
    if (open.para && text) items.push({ type: 'block', block: { type: 'paragraph', text }, page: open.para.page });
    open.para = null;
  };
  const flushList = (): void => {
    const texts = open.list?.items.map((i) => joinLines(i.lines)).filter(Boolean) ?? [];
    if (open.list && texts.length) items.push({ type: 'block', block: { type: 'list', ordered: open.list.ordered, items: texts }, page: open.list.page });
    open.list = null;
  };
  const flushHeading = (): void => {
    const h = open.heading;
    open.heading = null;
    if (!h) return;
    const text = joinLines(h.lines);
    if (!text) return;
    // Large or bold type that reads like a sentence (a lead paragraph, a pull quote) is text. A
    // question is a heading ("Uitgangsvraag 2: Welke …?", "Hoe gaan we verder?") unless it is long.
    const sentence = text.length > 160 || (/[.;:!]$/.test(text) && text.split(' ').length > 8);
    if (sentence) items.push({ type: 'block', block: { type: 'paragraph', text }, page: h.page });
    else if (h.rank === null) items.push({ type: 'heading', text, source: 'heuristic', page: h.page });
    else items.push({ type: 'heading', text, source: 'explicit', rank: h.rank, page: h.page });
  };
  const flushAll = (): void => {
    flushHeading();
    flushPara();
    flushList();
  };

  // The table last emitted, while nothing came after it: a table that goes on at the top of the
  // next page is joined to it.
  let lastTable: { block: { type: 'table'; rows: string[][] }; columns: number[]; page: number; size: number } | null = null;
  const sameColumns = (a: number[], b: number[], size: number): boolean => a.length === b.length && a.every((x, c) => Math.abs(x - (b[c] ?? 0)) <= size);
  /** Whether a table at the top of a page goes on with the table that ended the page before. */
  const continuesLast = (table: PdfTable, lines: PdfLine[]): boolean => {
    const first = lines[table.start] as PdfLine;
    const before = lastTable;
    const lastItem = items[items.length - 1];
    return (
      before !== null &&
      lastItem?.type === 'block' &&
      lastItem.block === before.block &&
      table.start === 0 &&
      first.page === before.page + 1 &&
      sameColumns(before.columns, table.columns, Math.max(before.size, first.size))
    );
  };
  const emitTable = (table: PdfTable, lines: PdfLine[]): void => {
    const first = lines[table.start] as PdfLine;
    let rows = table.rows.map((row) => row.map((cell) => joinLines(cell)));
    const before = lastTable;
    const continues = continuesLast(table, lines);
    if (before && continues) {
      // The header row repeated on the new page goes. A row that broke across the page goes on in
      // the last row: text only further right, or first-column text that had not ended and goes on
      // in lower case or alone.
      const header = before.block.rows[0];
      if (header && rows[0]?.every((cell, c) => cell === header[c])) rows = rows.slice(1);
      const last = before.block.rows[before.block.rows.length - 1];
      const head = rows[0];
      const open = last !== undefined && last[0] !== undefined && last[0] !== '' && !endsSentence(last[0]);
      if (last && head && (head[0] === '' || (open && (/^\p{Ll}/u.test(head[0] ?? '') || head.slice(1).every((c) => c === ''))))) {
        head.forEach((cell, c) => {
          if (cell) last[c] = joinLines([last[c] ?? '', cell].filter(Boolean));
        });
        rows = rows.slice(1);
      }
      before.block.rows.push(...rows);
      before.page = first.page;
      return;
    }
    const block = { type: 'table' as const, rows };
    items.push({ type: 'block', block, page: first.page });
    lastTable = { block, columns: table.columns, page: first.page, size: first.size };
  };

  const isHeadingLine = (l: PdfLine): boolean => headingRank(l, stats) !== null;
  const pageTables: PdfTable[][] = [];
  pages.forEach((lines, i) => {
    // The columns of a table that ran to the end of the page before, to find it going on.
    const before = pageTables[i - 1]?.at(-1);
    const open = before && (before.end === pages[i - 1]?.length || before.overflow?.end === pages[i - 1]?.length);
    pageTables.push(findTables(lines, isHeadingLine, open ? before.columns : undefined));
  });
  let prev: PdfLine | null = null;
  pages.forEach((lines, pageIndex) => {
    const tables = new Map((pageTables[pageIndex] ?? []).map((t) => [t.start, t]));
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as PdfLine;
      let table = tables.get(index);
      if (table?.continuation && !continuesLast(table, lines)) table = undefined;
      if (table) {
        // A table whose last lines were left out takes them when it goes on on the next page.
        const next = pageTables[pageIndex + 1]?.[0];
        if (table.overflow && next?.start === 0 && sameColumns(table.columns, next.columns, line.size)) table = table.overflow;
        flushAll();
        emitTable(table, lines);
        // Only a table that ends its page can go on on the next one.
        if (table.end < lines.length) lastTable = null;
        prev = lines[table.end - 1] ?? line;
        index = table.end - 1;
        continue;
      }
      lastTable = null;
      const rank = headingRank(line, stats);
      const sameFlow = prev !== null && prev.page === line.page && prev.column === line.column && line.y > prev.y;
      const gap = sameFlow && prev ? line.y - prev.y : null;
      const bigGap = gap === null || gap > stats.lineSpacing * 1.35;
      prev = line;

      if (rank !== null) {
        const h = open.heading;
        // A heading that wraps: same style, right below the previous heading line.
        if (h && h.rank === rank && gap !== null && gap <= line.size * 1.7 && h.last.bold === line.bold) {
          h.lines.push(line.text);
          h.last = line;
        } else {
          flushAll();
          open.heading = { lines: [line.text], page: line.page, rank, last: line };
        }
        continue;
      }

      // A line in the same type right below an open heading continues it, also when it could not
      // be a heading on its own: a year on the title's last line ("2025-2028"), or the longer
      // lines of a bold lead paragraph (which flushHeading then turns back into text).
      const h = open.heading;
      if (
        h &&
        h.rank !== null &&
        gap !== null &&
        gap <= line.size * 1.7 &&
        round(h.last.size) === round(line.size) &&
        h.last.bold === line.bold &&
        !parseListMarker(line.text)
      ) {
        h.lines.push(line.text);
        h.last = line;
        continue;
      }

      // A numbered line in body type that stands on its own ("2.3 Diagnostiek", "Bijlage 2") is a
      // heading too; a single number ("1. …") in body type is a list item, not a chapter.
      const paraLines = open.para?.lines ?? [];
      const prevEnded = paraLines.length === 0 || endsSentence(paraLines[paraLines.length - 1] ?? '') || bigGap;
      if (
        NUMBERED_HEADING.test(line.text) &&
        !TOC_ENTRY.test(line.text) &&
        prevEnded &&
        line.text.length <= 80 &&
        !/[.,;:]$/.test(line.text) &&
        parseHeading(line.text).role !== 'plain' &&
        /^[\p{Lu}\d]/u.test(parseHeading(line.text).heading || 'X') &&
        !(parseListMarker(line.text)?.ordered && open.list)
      ) {
        flushAll();
        open.heading = { lines: [line.text], page: line.page, rank: null, last: line };
        continue;
      }

      flushHeading();
      // A table-of-contents entry: text, dot leaders, page number. Each is an item of its own;
      // joined as a paragraph they would read as one line of dots.
      const tocEntry = TOC_ENTRY.exec(line.text);
      const marker = tocEntry ? { ordered: false, rest: `${tocEntry[1]} ${tocEntry[2]}` } : parseListMarker(line.text);
      if (marker) {
        flushPara();
        if (!open.list || open.list.ordered !== marker.ordered || (gap !== null && gap > stats.lineSpacing * 2.5)) {
          flushList();
          open.list = { ordered: marker.ordered, items: [], page: line.page };
        }
        const markerWidth = line.text.length && !tocEntry ? ((line.x1 - line.x0) * (line.text.length - marker.rest.length)) / line.text.length : 0;
        open.list.items.push({ lines: [marker.rest], textX: line.x0 + markerWidth });
        continue;
      }
      if (open.list) {
        const item = open.list.items[open.list.items.length - 1];
        const lastText = item?.lines[item.lines.length - 1] ?? '';
        // An item goes on below its text, or after a page or column break mid-sentence.
        const below = !bigGap && item !== undefined && line.x0 >= item.textX - line.size * 0.8;
        const afterBreak = !sameFlow && !endsSentence(lastText) && /^\p{Ll}/u.test(line.text);
        // A word broken at the end of the item's line goes on, however the next line is indented.
        const brokenWord = !bigGap && /\p{Ll}[-\u2010]$/u.test(lastText) && /^\p{Ll}/u.test(line.text);
        if (item !== undefined && (below || afterBreak || brokenWord)) {
          item.lines.push(line.text);
          // In the next column or on the next page the item's text starts where this line does.
          if (afterBreak && !below) item.textX = line.x0;
          continue;
        }
        flushList();
      }
      if (open.para) {
        const lastText = open.para.lines[open.para.lines.length - 1] ?? '';
        const sizeChanged = Math.abs(round(open.para.last.size) - round(line.size)) >= 1;
        // Across a page or column break a paragraph goes on when it had not ended and the next
        // line starts in lower case.
        const newParagraph = sameFlow ? bigGap || sizeChanged : endsSentence(lastText) || !/^\p{Ll}/u.test(line.text);
        if (newParagraph) flushPara();
      }
      open.para ??= { lines: [], page: line.page, last: line };
      open.para.lines.push(line.text);
      open.para.last = line;
    }
  });
  flushAll();
  return items;
}
