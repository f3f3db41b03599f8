/**
 * Reads a filled-in comment table (commentaartabel) as associations send it: a Word table or a
 * CSV, in whatever column layout, with merged cells, empty rows, extra columns, a title row above
 * the header, ';' or ',' between fields, a BOM or none, UTF-8 or Windows-1252. Pure (no
 * database): the result is a preview with warnings (did not stop the import) and errors (stop it).
 *
 * DOCX: word/document.xml is taken from the archive with the zip-bomb-safe reader of the document
 * importer and parsed with saxes (a small, strict streaming XML parser, synchronous like the API).
 * Merged cells are expanded on the table grid: a horizontally merged cell (w:gridSpan) fills its
 * first column, a vertically merged one (w:vMerge) repeats the value above, so an organisation
 * merged over five comments lands on all five.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { MC_NS, W_NS, wordAttr } from './wordml.js';
import { ApiError } from '../../common/errors.js';
import { COMMENT_TYPES, type CommentTablePreview, type CommentType, type ParsedCommentRow } from '../../common/review.js';
import { unneutralise } from './csv.js';
import { decodeBytes, encodingWarning } from './import/encoding.js';
import { isImportError } from './import/errors.js';
import { guardDocx, inflateEntry } from './import/zip-guard.js';

export const MAX_TABLE_BYTES = 25 * 1024 * 1024;
export const MAX_TABLE_ROWS = 5000;
export const MAX_CELL = 20_000;
const MAX_DOCUMENT_XML = 64 * 1024 * 1024;
/** Rows searched for the header (a title or instructions may come first). */
const HEADER_SEARCH = 10;

type Field = CommentTablePreview['columns'][number]['field'] | 'voorstel';

interface GridCell {
  text: string;
  /** Repeats the cell above (vertically merged). */
  continued: boolean;
  /** Covered by a cell to its left (horizontally merged); its text is ''. */
  spanned: boolean;
  span: number;
}
type GridRow = GridCell[];

/** Why the file cannot be read as a comment table, as a refusal of the file field. */
const refuse = (message: string): ApiError => new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Bestand: ${message}`, { dataBase64: message });

// ---------------------------------------------------------------------------------------------
// Headers

/** Lower case, no diacritics, punctuation to spaces: "Hoofdstuk/ paragraaf" → "hoofdstuk paragraaf". */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();
}

/** In order: the first rule that matches names the column. */
const HEADER_RULES: Array<[RegExp, Field]> = [
  // The working group's own columns (as in our export): not the commenter's text.
  [/\bwerkgroep\b|^besluit|^motivering|^verwerk|^afhandeling|^wijziging|^aanpassing|^aangepast|^actie\b|^status\b|^antwoord/, 'genegeerd'],
  [/^(nr|no|nummer|volgnummer|#|num)$/, 'nr'],
  [/organisatie|vereniging|organisation|afzender|namens|instelling|^partij/, 'organisatie'],
  [/^(type|soort|aard|categorie)\b|^(inhoudelijk|redactioneel)/, 'type'],
  [/voorstel|voorgesteld|suggestie|gewenste tekst|alternatieve tekst|tekstsuggestie/, 'voorstel'],
  [/commentaar|opmerking|comment|toelichting|reactie|feedback|vraag/, 'commentaar'],
  [/hoofdstuk|paragraaf|regel|pagina|blz|passage|locatie|plaats|sectie|onderdeel|tekstdeel|^(h|p|r|par|pag)$|line|page|chapter/, 'passage'],
  [/auteur|naam|indiener|ingediend|contactpersoon|opgesteld|^door$/, 'auteur'],
];

export function headerField(text: string): Field | null {
  const h = normaliseHeader(text);
  if (!h) return null;
  for (const [pattern, field] of HEADER_RULES) if (pattern.test(h)) return field;
  return null;
}

/** A header row names a comment column and at least one other known column. */
function headerScore(row: GridRow): number {
  const fields = row.filter((c) => !c.spanned && c.text.length <= 80).map((c) => headerField(c.text));
  if (!fields.includes('commentaar')) return 0;
  return fields.filter((f) => f !== null).length;
}

// ---------------------------------------------------------------------------------------------
// Types

const TYPE_WORDS: Array<[RegExp, CommentType]> = [
  [/^(niet akkoord|oneens|bezwaar|bezwaren|b)$/, 'bezwaar'],
  [/^(akkoord|eens|instemming|ok|a|geen opmerkingen)$/, 'akkoord'],
  [/^(redactioneel|red|r|tekstueel|taal|taalkundig|spelling|e|editorial)$/, 'redactioneel'],
  [/^(inhoudelijk|inh|i|inhoud|content|c)$/, 'inhoudelijk'],
];

export function parseType(value: string): { type: CommentType; known: boolean } {
  const v = normaliseHeader(value);
  if (!v) return { type: 'inhoudelijk', known: true };
  if ((COMMENT_TYPES as readonly string[]).includes(v)) return { type: v as CommentType, known: true };
  for (const [pattern, type] of TYPE_WORDS) if (pattern.test(v)) return { type, known: true };
  return { type: 'inhoudelijk', known: false };
}

// ---------------------------------------------------------------------------------------------
// DOCX: tables of word/document.xml on the grid


interface RawCell {
  parts: string[];
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}
interface RawRow {
  gridBefore: number;
  cells: RawCell[];
}

/** Paragraphs of a cell: lines trimmed, runs of blank lines collapsed. */
function cellText(parts: readonly string[]): string {
  return parts
    .join('')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\t\u00a0 ]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The top-level tables of a Word document, each as raw rows (text of nested tables joins its cell). */
export function readDocxTables(xml: string): RawRow[][] {
  const tables: RawRow[][] = [];
  let table: RawRow[] | null = null;
  let row: RawRow | null = null;
  let cell: RawCell | null = null;
  let depth = 0;
  let inText = false;
  let skip = 0;
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    if (tag.uri === MC_NS && tag.local === 'Fallback') skip++;
    if (!W_NS.has(tag.uri)) return;
    switch (tag.local) {
      case 'moveFrom':
      case 'del':
        skip++;
        break;
      case 'tbl':
        depth++;
        if (depth === 1) table = [];
        break;
      case 'tr':
        if (depth === 1) row = { gridBefore: 0, cells: [] };
        break;
      case 'tc':
        if (depth === 1 && row) cell = { parts: [], gridSpan: 1, vMerge: null };
        break;
      case 'gridBefore':
        if (depth === 1 && row && !cell) row.gridBefore = Math.min(63, Math.max(0, Number(wordAttr(tag, 'val')) || 0));
        break;
      case 'gridSpan':
        if (depth === 1 && cell) cell.gridSpan = Math.min(63, Math.max(1, Number(wordAttr(tag, 'val')) || 1));
        break;
      case 'vMerge':
        if (depth === 1 && cell) cell.vMerge = wordAttr(tag, 'val') === 'restart' ? 'restart' : 'continue';
        break;
      case 't':
        inText = true;
        break;
      case 'tab':
        if (cell && !skip) cell.parts.push(' ');
        break;
      case 'br':
      case 'cr':
        if (cell && !skip) cell.parts.push('\n');
        break;
      case 'noBreakHyphen':
        if (cell && !skip) cell.parts.push('-');
        break;
    }
  });
  parser.on('text', (text) => {
    if (inText && cell && !skip) cell.parts.push(text);
  });
  parser.on('closetag', (tag) => {
    if (tag.uri === MC_NS && tag.local === 'Fallback') skip--;
    if (!W_NS.has(tag.uri)) return;
    switch (tag.local) {
      case 'moveFrom':
      case 'del':
        skip--;
        break;
      case 't':
        inText = false;
        break;
      case 'p':
        if (cell) cell.parts.push('\n');
        break;
      case 'tc':
        if (depth === 1 && row && cell) {
          row.cells.push(cell);
          cell = null;
        }
        break;
      case 'tr':
        if (depth === 1 && table && row) {
          table.push(row);
          row = null;
        }
        break;
      case 'tbl':
        if (depth === 1 && table) {
          tables.push(table);
          table = null;
        }
        depth--;
        break;
    }
  });
  parser.write(xml).close();
  return tables;
}

/** Raw rows on the table grid: merged cells expanded (see the module comment). */
export function toGrid(rows: readonly RawRow[]): GridRow[] {
  const grid: GridRow[] = [];
  let above: GridRow = [];
  for (const raw of rows) {
    const out: GridRow = [];
    for (let k = 0; k < raw.gridBefore; k++) out.push({ text: '', continued: false, spanned: false, span: 1 });
    for (const c of raw.cells) {
      const col = out.length;
      const continued = c.vMerge === 'continue';
      const text = continued ? (above[col]?.text ?? '') : cellText(c.parts);
      out.push({ text, continued, spanned: false, span: c.gridSpan });
      for (let k = 1; k < c.gridSpan; k++) out.push({ text: '', continued, spanned: true, span: 1 });
    }
    grid.push(out);
    above = out;
  }
  return grid;
}

function docxDocumentXml(bytes: Uint8Array): string {
  try {
    const entries = guardDocx(bytes);
    const entry = entries.find((e) => e.name === 'word/document.xml');
    if (!entry) throw refuse('Dit bestand is geen Word-document (.docx): het hoofddocument ontbreekt.');
    if (entry.uncompressedSize > MAX_DOCUMENT_XML) throw refuse('Dit Word-document is te groot om als commentaartabel te lezen. Sla alleen de tabel op in een nieuw document.');
    return inflateEntry(bytes, entry).toString('utf8');
  } catch (error) {
    if (isImportError(error)) throw refuse(error.message);
    throw error;
  }
}

export function docxGrids(bytes: Uint8Array): GridRow[][] {
  const xml = docxDocumentXml(bytes);
  let tables: RawRow[][];
  try {
    tables = readDocxTables(xml);
  } catch {
    throw refuse('Het Word-bestand is beschadigd: de tekst van het document kon niet worden gelezen. Open en bewaar het opnieuw in Word.');
  }
  return tables.map(toGrid);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The separator most lines use outside quotes (';' in Dutch Excel, ',' elsewhere, or tab). */
export function csvDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  const best = { d: ';', lines: 0, total: 0 };
  for (const d of [';', ',', '\t']) {
    let withIt = 0;
    let total = 0;
    for (const line of lines) {
      const n = line.replace(/"[^"]*"/g, '').split(d).length - 1;
      if (n > 0) withIt++;
      total += n;
    }
    if (withIt > best.lines || (withIt === best.lines && total > best.total)) Object.assign(best, { d, lines: withIt, total });
  }
  return best.d;
}

export function csvGrid(bytes: Uint8Array, warnings: string[]): GridRow[] {
  const decoded = decodeBytes(bytes);
  const warning = encodingWarning(decoded);
  if (warning) warnings.push(warning);
  const text = decoded.text.replace(/^\uFEFF/, '');
  // A binary file (an image, a renamed spreadsheet) decodes to control characters, not text.
  const control = text.slice(0, 4096).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (control > 8) throw refuse('Dit bestand is geen CSV of Word-document. Sla de commentaartabel op als Word (.docx) of als CSV en probeer het opnieuw.');
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter: csvDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_CELL * 10 }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw refuse(`Het CSV-bestand kon niet worden gelezen${line ? ` (rond regel ${line})` : ''}: controleer of aanhalingstekens gesloten zijn, of sla het opnieuw op als CSV.`);
  }
  return records.map((r) => r.map((v) => ({ text: unneutralise(v).replace(/\r\n?/g, '\n').trim(), continued: false, spanned: false, span: 1 })));
}

// ---------------------------------------------------------------------------------------------
// Rows to comments

const FIELD_ORDER: Field[] = ['nr', 'organisatie', 'auteur', 'passage', 'type', 'commentaar', 'voorstel', 'genegeerd'];

const REFERENCE_WORD: Record<string, string> = { regelnummer: 'regel', regelnr: 'regel', regels: 'regel', paginanummer: 'pagina', pag: 'pagina', blz: 'pagina', par: 'paragraaf' };

/**
 * "3" under "Hoofdstuk" → "hoofdstuk 3"; text that names itself ("H3 §3.2") stays as it is, and so
 * does a number under a combined header ("Hoofdstuk/paragraaf"), which could be either.
 */
function referencePart(header: string, value: string): string {
  const word = normaliseHeader(header);
  if (!/^[\d\s.,\-–/]+$/.test(value) || !/^[a-z]+$/.test(word)) return value;
  return `${REFERENCE_WORD[word] ?? word} ${value}`;
}

interface Mapping {
  fields: Array<Field | null>;
  headers: string[];
}

function mappingOf(header: GridRow, sub: GridRow | null): Mapping {
  const fields: Array<Field | null> = [];
  const headers: string[] = [];
  let origin = '';
  header.forEach((c, k) => {
    // A header merged over several columns names all of them ("Locatie" over hoofdstuk and regel).
    if (!c.spanned) origin = c.text;
    const own = c.spanned ? origin : c.text;
    const specific = sub?.[k]?.text ?? '';
    const text = specific && headerField(specific) ? specific : own;
    headers.push(text);
    fields.push(headerField(text) ?? (text ? 'genegeerd' : null));
  });
  return { fields, headers };
}

/** A second header row under the first: every filled cell is a known column name. */
function isSubHeader(row: GridRow | undefined): boolean {
  if (!row) return false;
  const filled = row.filter((c) => !c.spanned && c.text !== '');
  return filled.length > 0 && filled.every((c) => c.text.length <= 40 && headerField(c.text) !== null && !c.continued);
}

export interface ParseOptions {
  /** The organisation the table is from, for tables without an organisation column (or empty cells). */
  organisation?: string | null | undefined;
}

interface ParseState {
  rows: ParsedCommentRow[];
  warnings: string[];
  errors: string[];
  columns: CommentTablePreview['columns'];
  empty: number;
  filledDown: number;
  lastOrganisation: string | null;
  ignoredReported: Set<string>;
}

function parseGrid(grid: GridRow[], rowOffset: number, carried: Mapping | null, state: ParseState, options: ParseOptions): Mapping | null {
  let start = 0;
  let mapping = carried;
  // Two known columns, one of them the comment: a title row ("Commentaartabel …") never qualifies.
  const headerAt = grid.slice(0, HEADER_SEARCH).findIndex((r) => headerScore(r) >= 2);
  if (headerAt >= 0) {
    const sub = isSubHeader(grid[headerAt + 1]) ? (grid[headerAt + 1] as GridRow) : null;
    mapping = mappingOf(grid[headerAt] as GridRow, sub);
    start = headerAt + (sub ? 2 : 1);
    if (state.columns.length === 0) {
      mapping.fields.forEach((f, k) => {
        if (f) state.columns.push({ field: f === 'voorstel' ? 'commentaar' : f, header: mapping?.headers[k] || `Kolom ${k + 1}` });
      });
    }
  }
  if (!mapping) return null;
  const m = mapping;
  const headerKey = m.headers.map(normaliseHeader).join('|');
  const ignored = new Set<number>();

  for (let i = start; i < grid.length; i++) {
    const cells = grid[i] as GridRow;
    const rowNumber = rowOffset + i + 1;
    const at = (k: number) => cells[k]?.text ?? '';
    if (cells.every((c) => c.text === '')) {
      state.empty++;
      continue;
    }
    // The header repeated on a new page, typed as an ordinary row.
    if (cells.every((c) => c.text.length <= 80) && cells.map((c) => normaliseHeader(c.text)).join('|') === headerKey) continue;
    const origins = cells.filter((c) => !c.spanned && c.text !== '');
    if (cells.length >= 3 && origins.length === 1 && (origins[0]?.span ?? 1) >= cells.length - 1) {
      state.warnings.push(`Rij ${rowNumber} is een tussenkop (“${origins[0]?.text.slice(0, 60)}”) en is overgeslagen.`);
      continue;
    }
    const values = (field: Field) => m.fields.map((f, k) => (f === field ? k : -1)).filter((k) => k >= 0);
    const joined = (field: Field, sep: string) =>
      values(field)
        .map(at)
        .filter((v) => v !== '')
        .filter((v, k, all) => all.indexOf(v) === k)
        .join(sep);
    const commentCols = values('commentaar');
    const reference =
      values('passage')
        .map((k) => (at(k) ? referencePart(m.headers[k] ?? '', at(k)) : ''))
        .filter((v, k, all) => v !== '' && all.indexOf(v) === k)
        .join(', ') || null;
    // A comment merged down over this row belongs to the row above: only its reference is added.
    const previous = state.rows[state.rows.length - 1];
    if (previous && commentCols.length > 0 && commentCols.every((k) => cells[k]?.continued) && at(commentCols[0] as number) !== '') {
      if (reference && reference !== previous.reference) previous.reference = [previous.reference, reference].filter(Boolean).join('; ');
      state.warnings.push(`Rij ${rowNumber} hoort bij het samengevoegde commentaar van rij ${previous.row}; de verwijzing is daaraan toegevoegd.`);
      continue;
    }
    for (const k of values('genegeerd')) if (at(k)) ignored.add(k);
    m.fields.forEach((f, k) => {
      if (f === null && at(k)) ignored.add(k);
    });
    const main = joined('commentaar', '\n\n');
    const proposal = joined('voorstel', '\n\n');
    const body = [main, proposal ? `Voorstel: ${proposal}` : ''].filter(Boolean).join('\n\n');
    if (!body) {
      // A numbered template row that nobody filled in is just an empty row.
      if (!reference && !joined('auteur', ' ') && !joined('type', ' ')) state.empty++;
      else state.warnings.push(`Rij ${rowNumber} heeft geen commentaar en is overgeslagen.`);
      continue;
    }
    if (body.length > MAX_CELL) {
      state.errors.push(`Rij ${rowNumber}: het commentaar is langer dan ${MAX_CELL.toLocaleString('nl-NL')} tekens.`);
      continue;
    }
    let organisation = joined('organisatie', ' / ') || null;
    if (organisation) {
      state.lastOrganisation = organisation;
    } else if (values('organisatie').length > 0 && state.lastOrganisation) {
      organisation = state.lastOrganisation;
      state.filledDown++;
    } else if (options.organisation) {
      organisation = options.organisation;
    }
    if (organisation && organisation.length > 200) {
      state.errors.push(`Rij ${rowNumber}: de naam van de organisatie is langer dan 200 tekens.`);
      continue;
    }
    if (!organisation) {
      state.errors.push(`Rij ${rowNumber}: van welke organisatie is dit commentaar? Kies bij het importeren de organisatie van deze tabel.`);
      continue;
    }
    const typeText = joined('type', ' ');
    const type = parseType(typeText);
    if (!type.known) state.warnings.push(`Rij ${rowNumber}: onbekend type “${typeText.slice(0, 40)}”; ingelezen als inhoudelijk.`);
    const author = joined('auteur', ', ').slice(0, 200) || null;
    state.rows.push({ row: rowNumber, organisation, author, reference: reference ? reference.slice(0, 500) : null, body, type: type.type, typeText: type.known ? null : typeText });
    if (state.rows.length > MAX_TABLE_ROWS) {
      state.errors.push(`De tabel heeft meer dan ${MAX_TABLE_ROWS} commentaren; splits hem op in kleinere bestanden.`);
      break;
    }
  }
  for (const k of [...ignored].sort((a, b) => a - b)) {
    const name = m.headers[k] ? `“${m.headers[k]}”` : `${k + 1} (zonder kop)`;
    if (state.ignoredReported.has(name)) continue;
    state.ignoredReported.add(name);
    state.warnings.push(`Kolom ${name} is niet ingelezen.`);
  }
  return mapping;
}

export type TableFormat = 'docx' | 'csv';

/** Which kind of file this is, by its bytes; refuses what cannot be a comment table, with a way out. */
export function tableFormat(bytes: Uint8Array, fileName: string): TableFormat {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8));
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const sample = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    if (sample.includes('xl/workbook.xml')) throw refuse('Dit is een Excel-bestand. Sla de commentaartabel op als CSV (puntkomma-gescheiden) of kopieer hem naar Word, en importeer dat bestand.');
    if (sample.includes('application/vnd.oasis.opendocument')) throw refuse('Dit is een OpenDocument-bestand. Sla het op als Word (.docx) of CSV en importeer dat bestand.');
    return 'docx';
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw refuse('Dit is een oud Word- of Excel-bestand (.doc of .xls). Sla het op als .docx of als CSV en importeer dat bestand.');
  }
  if (head.toString('latin1', 0, 5) === '%PDF-') throw refuse('Een PDF kan niet als commentaartabel worden ingelezen. Vraag de tabel op als Word (.docx) of CSV.');
  if (head.toString('latin1', 0, 5) === '{\\rtf') throw refuse('Dit is een RTF-bestand. Sla het op als Word (.docx) en importeer dat bestand.');
  if (/\.docx$/i.test(fileName)) throw refuse('Dit bestand heet .docx maar is geen Word-document. Sla de tabel opnieuw op in Word.');
  return 'csv';
}

/** Reads a comment table; throws ONGELDIGE_INVOER (Dutch) when the file cannot be a comment table at all. */
export function parseCommentTable(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Omit<CommentTablePreview, 'newOrganisations'> {
  if (bytes.length === 0) throw refuse('Het bestand is leeg.');
  if (bytes.length > MAX_TABLE_BYTES) throw refuse(`Het bestand is groter dan ${MAX_TABLE_BYTES / 1024 / 1024} MB; een commentaartabel is veel kleiner. Sla alleen de tabel op.`);
  const format = tableFormat(bytes, fileName);
  const state: ParseState = { rows: [], warnings: [], errors: [], columns: [], empty: 0, filledDown: 0, lastOrganisation: null, ignoredReported: new Set() };
  const grids = format === 'docx' ? docxGrids(bytes) : [csvGrid(bytes, state.warnings)];
  if (format === 'docx' && grids.length === 0) throw refuse('Er staat geen tabel in dit Word-document. Een commentaartabel heeft kolommen zoals organisatie, hoofdstuk/regel en commentaar.');
  let mapping: Mapping | null = null;
  let found = false;
  let offset = 0;
  for (const grid of grids) {
    // A table without its own header continues the one before it (Word splits long tables).
    const width = Math.max(0, ...grid.map((r) => r.length));
    const carried = mapping && mapping.fields.length === width ? mapping : null;
    const result = parseGrid(grid, offset, carried, state, options);
    if (result) {
      found = true;
      mapping = result;
    }
    offset += grid.length;
  }
  if (!found) {
    const first = grids
      .flat()
      .slice(0, HEADER_SEARCH)
      .flatMap((r) => r.map((c) => c.text).filter(Boolean))
      .slice(0, 8)
      .map((t) => `“${t.slice(0, 30)}”`);
    throw refuse(
      `Geen commentaartabel gevonden: er is geen kopregel met een kolom commentaar of opmerking (en bijvoorbeeld organisatie of hoofdstuk/regel).${first.length ? ` Gevonden: ${first.join(', ')}.` : ''}`,
    );
  }
  if (state.empty > 0) state.warnings.unshift(`${state.empty} lege ${state.empty === 1 ? 'rij' : 'rijen'} overgeslagen.`);
  if (state.filledDown > 0) state.warnings.push(`${state.filledDown} ${state.filledDown === 1 ? 'rij had' : 'rijen hadden'} geen organisatie; aangevuld met de organisatie uit de rij erboven.`);
  if (state.rows.length === 0 && state.errors.length === 0) state.errors.push('De tabel bevat geen commentaren.');
  const columns = state.columns.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  return { format, fileName, columns, rows: state.rows, warnings: state.warnings, errors: state.errors };
}
