import { endsSentence, NUMBERED_HEADING, parseListMarker, TOC_ENTRY } from './lines.js';
import type { PdfLine } from './pdf-layout.js';

/**
 * Tables in a PDF page's lines (pdf-layout.ts gives each line the runs of text on it as cells):
 * found by the vertical strips of white space their cells leave free, with at least two rows
 * bridging each column border; wrapped cells stay in their row. Conservative on purpose: justified
 * text, tab-aligned lines, numbered headings and tables of contents stay text.
 */

/** Runs of text further apart than this (times the type size) may be cells: wider than word spacing. */
export const CELL_GAP = 0.5;
/** A gap this wide (times the type size) is a cell border or a tab stop, even in loosely justified text. */
export const APART_GAP = 1;

const MAX_TABLE_LINES = 200;

/** A table found in the lines of a page: lines start..end-1, cut into rows and columns. */
export interface PdfTable {
  start: number;
  end: number;
  /** Left edge of each column. */
  columns: number[];
  /** Row → column → the lines of text in that cell (empty when the cell is empty). */
  rows: string[][][];
  /**
   * Found only with the columns of the table that ended the page before (a row or two that go on
   * at the top of this page): a table only when it joins that one.
   */
  continuation?: boolean;
  /**
   * The table with the lines below it to the end of the page, when they were left out (a last row
   * of one cell reads as well as text under the table): taken when the table goes on on the next page.
   */
  overflow?: PdfTable;
}

interface Strip {
  lo: number;
  hi: number;
  /** Lines that have text on both sides of the strip with a cell-wide gap between. */
  evidence: number;
}

/** The runs of text of a line: its cells, or the line as one run. */
function runsOf(line: PdfLine): { x0: number; x1: number; text: string; apart: boolean }[] {
  return line.cells ?? [{ x0: line.x0, x1: line.x1, text: line.text, apart: false }];
}

/**
 * Narrows vertical strips of white space to what is also white on `line`; strips narrower than
 * `minWidth` are gone. Each strip that survives counts the line as evidence when the line has a
 * cell-wide gap around it.
 */
function narrowStrips(strips: Strip[], line: PdfLine, minWidth: number): Strip[] {
  const runs = runsOf(line);
  const white: { lo: number; hi: number; apart: boolean }[] = [];
  let lo = -Infinity;
  for (const r of runs) {
    white.push({ lo, hi: r.x0, apart: lo !== -Infinity && r.apart });
    lo = Math.max(lo, r.x1);
  }
  white.push({ lo, hi: Infinity, apart: false });
  const out: Strip[] = [];
  let j = 0;
  for (const s of strips) {
    while (j < white.length && (white[j] as { hi: number }).hi <= s.lo) j++;
    for (let k = j; k < white.length; k++) {
      const w = white[k] as { lo: number; hi: number; apart: boolean };
      if (w.lo >= s.hi) break;
      const piece = { lo: Math.max(s.lo, w.lo), hi: Math.min(s.hi, w.hi), evidence: s.evidence + (w.apart ? 1 : 0) };
      if (piece.hi - piece.lo >= minWidth) out.push(piece);
    }
  }
  return out;
}

/** A table of contents without dot leaders: titles and a last column of page numbers going up. */
function looksLikeContents(rows: string[][][]): boolean {
  const last = rows.map((r) => (r[r.length - 1] ?? []).join(' ').trim()).filter(Boolean);
  if (last.length < 2 || !last.every((t) => /^\d{1,4}$/.test(t))) return false;
  return last.every((t, i) => i === 0 || Number(t) >= Number(last[i - 1]));
}

/** A column of heading numbers and a column of titles: numbered headings set with a tab, not a table. */
function looksLikeNumberedHeadings(rows: string[][][]): boolean {
  if ((rows[0]?.length ?? 0) !== 2) return false;
  const first = rows.map((r) => (r[0] ?? []).join(' ').trim()).filter(Boolean);
  return first.length > 0 && first.every((t) => /^(\d{1,2}(\.\d{1,2})*\.?|[A-Z]|[IVX]{1,4}\.?)$/.test(t) || NUMBERED_HEADING.test(`${t} `));
}

/**
 * Finds tables in the lines of one page: runs of consecutive lines in one column of the page,
 * close together and in about the same type size, whose text leaves vertical strips of white space
 * free that at least two lines bridge with a cell-wide gap (a column border). Text that runs
 * across a strip ends the table. A line in a row's first column starts a new row; a line without
 * one, or one that follows at the small spacing within a row of a table whose rows are set further
 * apart, continues the row (a wrapped cell). Lists, tables of contents, numbered headings set with a
 * tab, and loosely justified text (wide gaps inside what would be cells) are left alone.
 *
 * `isHeading` tells which lines read as headings by their type: such a line without cells ends a
 * table, and a table of only such lines under its first row is none. `carried` are the columns of a
 * table that ended the page before: at the top of this page they count as evidence of borders.
 */
export function findTables(lines: PdfLine[], isHeading: (line: PdfLine) => boolean = () => false, carried?: number[]): PdfTable[] {
  const tables: PdfTable[] = [];
  const isList = (l: PdfLine): boolean => parseListMarker(l.text) !== null || TOC_ENTRY.test(l.text);
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] as PdfLine;
    const startable = (first.cells?.some((c) => c.apart) ?? false) && !isList(first);
    const table = startable ? tableFrom(lines, i, isList, isHeading, i === 0 ? carried : undefined) : null;
    if (table) {
      tables.push(table);
      i = table.end;
    } else {
      i++;
    }
  }
  return tables;
}

function tableFrom(lines: PdfLine[], start: number, isList: (l: PdfLine) => boolean, isHeading: (l: PdfLine) => boolean, carried?: number[]): PdfTable | null {
  const first = lines[start] as PdfLine;
  const size = first.size;
  const minWidth = CELL_GAP * size;
  // Grow the run while no strip that a line bridged with a cell-wide gap closes.
  let strips = narrowStrips([{ lo: -Infinity, hi: Infinity, evidence: 0 }], first, minWidth);
  let end = start + 1;
  // A page holds at most ~150 lines of text in 5 pt type; the cap keeps a page of thousands of
  // tiny lines, tried from every line, from taking quadratic time.
  for (; end < lines.length && end - start < MAX_TABLE_LINES; end++) {
    const line = lines[end] as PdfLine;
    const prev = lines[end - 1] as PdfLine;
    if (line.page !== first.page || line.column !== first.column || line.y <= prev.y || line.y - prev.y > 2.5 * size) break;
    // A heading below the table ends it (a row in bold with cells, such as a total, does not).
    if (Math.abs(line.size - size) > 1.5 || (!line.cells && isHeading(line))) break;
    // A list item in the first column ends the table; a bullet inside a cell further right does not.
    if (isList(line) && line.x0 <= first.x0 + size) break;
    const next = narrowStrips(strips, line, minWidth);
    const closes = strips.some((s) => s.evidence > 0 && !next.some((n) => n.lo >= s.lo && n.hi <= s.hi));
    if (closes) break;
    strips = next;
  }
  const grown = end;
  for (;;) {
    const built = buildTable(lines, start, end, isHeading, true, carried);
    if (built === null) return null;
    if (typeof built === 'number') {
      end = built;
      continue;
    }
    // Lines up to the end of the page that were left out because they do not end the table well
    // may be the start of a row that goes on on the next page.
    if (built.end < grown && grown === lines.length) {
      const overflow = buildTable(lines, start, grown, isHeading, false, carried);
      if (overflow !== null && typeof overflow !== 'number') built.overflow = overflow;
    }
    return built;
  }
}

/**
 * The table in lines start..end-1, or null when they are not one. With `trim`, a last row without a
 * line of two cells (a paragraph under the table?) is not taken: then the end without it is returned.
 */
function buildTable(
  lines: PdfLine[],
  start: number,
  end: number,
  isHeading: (l: PdfLine) => boolean,
  trim: boolean,
  carried?: number[],
): PdfTable | number | null {
  const first = lines[start] as PdfLine;
  const size = first.size;
  const minWidth = CELL_GAP * size;
  const candidate = lines.slice(start, end);
  const strips = candidate.slice(1).reduce((acc, l) => narrowStrips(acc, l, minWidth), narrowStrips([{ lo: -Infinity, hi: Infinity, evidence: 0 }], first, minWidth));
  // Column borders: strips with text on both sides that two lines bridge with a cell-wide gap.
  // At the top of a page, a column of the table that ended the page before counts as a line of
  // evidence for a strip right before it: the table goes on, perhaps with a row or two.
  const known = (s: Strip): number => (carried?.some((x) => x >= s.hi - 1 && x <= s.hi + size) ? 1 : 0);
  const borders = strips
    .filter((s) => s.evidence + known(s) >= 2 && Number.isFinite(s.lo) && Number.isFinite(s.hi))
    .filter((s) => candidate.some((l) => l.x0 < s.lo) && candidate.some((l) => l.x1 > s.hi))
    .map((s) => (s.lo + s.hi) / 2);
  if (!borders.length) return null;
  const columnOf = (x: number): number => borders.filter((b) => b < x).length;
  const byLine = candidate.map((l) => {
    const cells = new Map<number, { text: string; x0: number; loose: boolean }>();
    let prevRun: { x1: number } | null = null;
    for (const r of runsOf(l)) {
      const c = columnOf(r.x0);
      const cell = cells.get(c);
      if (cell) {
        cell.text += ` ${r.text}`;
        // A gap as wide as a column border inside a cell: justified text spaced out, not a table.
        if (prevRun && r.x0 - prevRun.x1 >= APART_GAP * size) cell.loose = true;
      } else {
        cells.set(c, { text: r.text, x0: r.x0, loose: false });
      }
      prevRun = r;
    }
    return cells;
  });
  const multi = byLine.filter((c) => c.size >= 2).length;
  const loose = byLine.filter((c) => [...c.values()].some((x) => x.loose)).length;
  if (multi < (carried ? 1 : 2) || loose * 3 > multi || (candidate.length > 1 && candidate.slice(1).every((l) => isHeading(l)))) return null;
  const rows = rowsOf(candidate, byLine, borders.length + 1, size);
  // A table ends with its last line that has two cells, or with lines that continue its last row:
  // rows of one cell after it are left out, all at once.
  const hasTwoCells = (r: { lines: number[] }): boolean => r.lines.some((k) => (byLine[k]?.size ?? 0) >= 2);
  const lastFull = rows.findLastIndex(hasTwoCells);
  if (trim && lastFull < rows.length - 1) return start + (rows[lastFull + 1]?.lines[0] ?? 0);
  const texts = rows.map((r) => r.cells);
  if (looksLikeContents(texts) || looksLikeNumberedHeadings(texts)) return null;
  const columns = Array.from({ length: borders.length + 1 }, (_, c) =>
    Math.min(...byLine.flatMap((cells) => [...cells.entries()].filter(([k]) => k === c).map(([, v]) => v.x0))),
  );
  return multi < 2 ? { start, end, columns, rows: texts, continuation: true } : { start, end, columns, rows: texts };
}

/**
 * Cuts a table's lines into rows. When the table sets its rows further apart than the lines within
 * a cell (cell padding), the spacing says where a row starts; otherwise a line with text in the
 * first column starts one, unless it goes on with a first-column text that had not ended.
 */
function rowsOf(
  lines: PdfLine[],
  cells: Map<number, { text: string }>[],
  columns: number,
  size: number,
): { cells: string[][]; lines: number[] }[] {
  const gaps = lines.slice(1).map((l, k) => l.y - (lines[k] as PdfLine).y);
  const smallest = Math.min(...gaps);
  const splitAt = smallest + 0.25 * size;
  const padded = gaps.filter((g) => g > splitAt).length >= 2 && gaps.some((g) => g <= splitAt);
  const rows: { cells: string[][]; lines: number[]; bold: boolean }[] = [];
  lines.forEach((line, k) => {
    const lineCells = cells[k] as Map<number, { text: string }>;
    const row = rows[rows.length - 1];
    let newRow: boolean;
    if (!row) newRow = true;
    else if (padded) newRow = (gaps[k - 1] ?? 0) > splitAt;
    // Text only further right goes on in the row, except right under a header row in bold.
    else if (!lineCells.has(0)) newRow = k === 1 && row.bold && !line.bold;
    else {
      const firstColumn = row.cells[0] ?? [];
      const before = firstColumn[firstColumn.length - 1] ?? '';
      const goesOn = before !== '' && !endsSentence(before) && /^\p{Ll}/u.test(lineCells.get(0)?.text ?? '');
      newRow = !goesOn;
    }
    if (newRow || !row) {
      rows.push({ cells: Array.from({ length: columns }, () => []), lines: [k], bold: line.bold });
    } else {
      row.lines.push(k);
    }
    const target = rows[rows.length - 1] as { cells: string[][] };
    for (const [c, cell] of lineCells) target.cells[c]?.push(cell.text);
  });
  return rows.map(({ cells: c, lines: l }) => ({ cells: c, lines: l }));
}
