/**
 * CSV in and out. Written for Dutch spreadsheets: ';' between fields (Dutch Excel's list
 * separator, so a double-click opens columns, not one long line), CRLF line ends and a UTF-8 BOM
 * (without it Excel reads UTF-8 as Windows-1252 and "coördinatie" breaks). Read with csv-parse,
 * accepting ';', ',' or tab (whichever the header line uses) and a BOM or none.
 */
import { parse } from 'csv-parse/sync';

export const CSV_DELIMITER = ';';
export const CSV_MIME = 'text/csv;charset=utf-8';

/**
 * A cell that starts with = + - @ (or tab/CR/LF) is a formula to a spreadsheet: a quoted passage
 * "=HYPERLINK(...)" would run when the file is opened. A leading apostrophe makes it text.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes neutralise on import, so an exported codebook reads back exactly. */
export function unneutralise(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : neutralise(value);
  return /[";,\r\n\t]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(CSV_DELIMITER));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The delimiter the header line uses most: ';', ',' or tab. */
function delimiterOf(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : CSV_DELIMITER;
}

/** Rows of cells (strings, apostrophes of neutralise removed); throws csv-parse's error on malformed input. */
export function readCsv(text: string): string[][] {
  const rows = parse(text, { bom: true, delimiter: delimiterOf(text), skip_empty_lines: true, relax_column_count: true }) as string[][];
  return rows.map((row) => row.map(unneutralise));
}
