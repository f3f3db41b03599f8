/**
 * The catalogue as a spreadsheet: exactly the standards the catalogue screen shows, in its order.
 *
 * The renderer sends the ids of its filtered, sorted list rather than the filter: the search
 * (fuzzy, typo-tolerant) runs in the renderer over what it has loaded, and repeating it here could
 * give a different list than the one on screen. Ids are checked against the database, so nothing
 * but existing standards can be exported, and every field is read here, fresh, in one read
 * transaction.
 *
 * CSV goes through csv.ts (';', BOM, formula neutralising). XLSX is written by write-excel-file:
 * cells are typed (years are numbers, text is a shared string, never a formula), the header row is
 * bold and frozen, columns have widths. write-excel-file only offers promises, so the XLSX method
 * returns one; the transports await it (invokeApiAsync).
 */
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import { z } from 'zod';
import { CONFIDENCE_LABEL, STATUS_LABEL, type Standard } from '../../common/catalogue.js';
import { ownerLabel } from '../../common/catalogue-search.js';
import { ApiError } from '../../common/errors.js';
import type { BinaryExportFile } from '../../common/lists.js';
import { slugFor } from '../../common/naming.js';
import type { ExportFile } from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import { getStandard } from '../../db/queries/standards.js';
import { listVocabularies } from '../../db/queries/vocabulary.js';
import { method } from '../api-method.js';
import { CSV_MIME, toCsv } from './csv.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IDS = 10_000;

export const catalogueExportSchema = z
  .object({
    ids: z
      .array(z.string({ error: 'Geef de id van een standaard.' }).min(1, 'Geef de id van een standaard.').max(120), { error: 'Geef de standaarden om te exporteren.' })
      .min(1, 'Er zijn geen standaarden om te exporteren: de lijst is leeg.')
      .max(MAX_IDS, `Hoogstens ${MAX_IDS} standaarden per export.`),
    /** Words for the file name, e.g. the search query ("kwaliteitsstandaarden-adhd-2026-11-25.csv"). */
    label: z.string().trim().max(80, 'Een naam voor het bestand heeft hoogstens 80 tekens.').optional(),
  })
  .strict();

type Value = string | number | null;

interface Column {
  header: string;
  /** Width in characters for the XLSX. */
  width: number;
  value: (s: Standard) => Value;
}

const text = (v: string | null | undefined): string | null => (v === null || v === undefined || v === '' ? null : v);
const capitalise = (v: string) => v.charAt(0).toUpperCase() + v.slice(1);
const dateOnly = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function columns(label: (kind: string, value: string) => string): Column[] {
  return [
    { header: 'Id', width: 32, value: (s) => s.id },
    { header: 'Catalogusnummer', width: 16, value: (s) => text(s.catalogueId) },
    { header: 'Titel', width: 60, value: (s) => s.title },
    { header: 'Korte titel', width: 28, value: (s) => text(s.shortTitle) },
    { header: 'Type', width: 20, value: (s) => label('type', s.type) },
    { header: 'Status', width: 14, value: (s) => STATUS_LABEL[s.status] ?? s.status },
    { header: 'Eigenaar (zoals vermeld)', width: 40, value: (s) => text(s.ownerText) },
    { header: 'Organisaties', width: 36, value: (s) => text(s.owners.map((o) => `${ownerLabel(o)} (${o.role})`).join('; ')) },
    { header: 'Subsectoren', width: 30, value: (s) => text(s.subsectors.map((v) => label('subsector', v)).join('; ')) },
    { header: 'Onderwerp', width: 40, value: (s) => text(s.topic) },
    { header: 'Doelgroep gebruikers', width: 30, value: (s) => text(s.targetUsers) },
    { header: 'Kennisbasis', width: 24, value: (s) => text(s.knowledgeBasis.map(capitalise).join('; ')) },
    { header: 'Jaar van publicatie', width: 12, value: (s) => s.yearPublished },
    { header: 'Jaar van herziening', width: 12, value: (s) => s.yearRevised },
    { header: 'Webadres', width: 40, value: (s) => text(s.url) },
    { header: 'Betrouwbaarheid', width: 16, value: (s) => CONFIDENCE_LABEL[s.confidence] ?? s.confidence },
    { header: 'Teruggetrokken op', width: 14, value: (s) => dateOnly(s.retiredAt) },
    { header: 'Reden teruggetrokken', width: 30, value: (s) => text(s.retiredReason) },
    { header: 'Bron', width: 30, value: (s) => text(s.source) },
    { header: 'Notities', width: 40, value: (s) => text(s.notes) },
    { header: 'Laatst gewijzigd', width: 14, value: (s) => dateOnly(s.updatedAt) },
  ];
}

export interface CatalogueTable {
  headers: string[];
  widths: number[];
  rows: Value[][];
}

/** The rows of the export, in the order of `ids`; an unknown id refuses the whole export. */
export function catalogueTable(db: Db, ids: readonly string[]): CatalogueTable {
  return db.transaction(() => {
    const labels = new Map<string, string>();
    for (const [kind, entries] of Object.entries(listVocabularies(db))) for (const e of entries) labels.set(`${kind}\u0000${e.value}`, e.label);
    const cols = columns((kind, value) => labels.get(`${kind}\u0000${value}`) ?? value);
    const rows = [...new Set(ids)].map((id) => {
      const standard = getStandard(db, id);
      if (!standard) throw new ApiError('NIET_GEVONDEN', `Er is geen standaard met id "${id.slice(0, 120)}"; vernieuw de catalogus en exporteer opnieuw.`);
      return cols.map((c) => c.value(standard));
    });
    return { headers: cols.map((c) => c.header), widths: cols.map((c) => c.width), rows };
  })();
}

function localDate(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** "kwaliteitsstandaarden-adhd-2026-11-25.csv": only [a-z0-9-], whatever the label held. */
export function catalogueFileName(label: string | undefined, extension: 'csv' | 'xlsx', now = new Date()): string {
  const slug = label ? slugFor(label).slice(0, 40).replace(/-+$/, '') : '';
  return `kwaliteitsstandaarden${slug ? `-${slug}` : ''}-${localDate(now)}.${extension}`;
}

export function catalogueCsv(db: Db, args: z.output<typeof catalogueExportSchema>): ExportFile {
  const table = catalogueTable(db, args.ids);
  return { fileName: catalogueFileName(args.label, 'csv'), mimeType: CSV_MIME, content: toCsv(table.headers, table.rows) };
}

export async function catalogueXlsx(db: Db, args: z.output<typeof catalogueExportSchema>): Promise<BinaryExportFile> {
  // Read synchronously, before the first await: the rows are one consistent snapshot.
  const table = catalogueTable(db, args.ids);
  const header: Cell[] = table.headers.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const, backgroundColor: '#E8EEF5' }));
  const body: Cell[][] = table.rows.map((row) =>
    row.map((v): Cell => (v === null ? null : typeof v === 'number' ? { value: v, type: Number, format: '0' } : { value: v, type: String })),
  );
  const data: SheetData = [header, ...body];
  const buffer = await writeXlsxFile(data, {
    sheet: 'Kwaliteitsstandaarden',
    columns: table.widths.map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toBuffer();
  return { fileName: catalogueFileName(args.label, 'xlsx'), mimeType: XLSX_MIME, contentBase64: buffer.toString('base64') };
}

export function catalogueExportMethods(db: Db, _userName: () => string) {
  return {
    // Exports return files for the renderer to download; the backend writes nothing.
    'catalogue.exportCsv': method(catalogueExportSchema, (args) => catalogueCsv(db, args)),
    'catalogue.exportXlsx': method(catalogueExportSchema, (args) => catalogueXlsx(db, args)),
  };
}
