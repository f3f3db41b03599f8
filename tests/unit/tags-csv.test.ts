/**
 * Codebook CSV (export, import, round trip), tagged passages as CSV, formula neutralisation, and
 * the REFI-QDA codebook export.
 */
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodebookImportReport, ExportFile, Tag } from '../../common/tags.js';
import { csvCell, neutralise, readCsv, toCsv, unneutralise } from '../../electron/services/csv.js';
import { xmlEscape } from '../../electron/services/qdc.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { importText } from '../helpers/documents.js';
import { annotate, sectionByHeading, tagByPath, tagIdOf } from '../helpers/tags.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const ADHD = data.standards.find((s) => s.catalogueId === 'KS001') as (typeof data.standards)[number];

describe('the CSV writer', () => {
  it('neutralises spreadsheet formulas with a leading apostrophe, and reading undoes it', () => {
    for (const cell of ['=SUM(A1:A2)', '+31 6 1234', '-2', '@cmd', '\tx', '\rx']) {
      expect(neutralise(cell)).toBe(`'${cell}`);
      expect(unneutralise(neutralise(cell))).toBe(cell);
    }
    expect(neutralise('Gewoon')).toBe('Gewoon');
    expect(neutralise("'al met apostrof")).toBe("'al met apostrof");
    expect(unneutralise("'al met apostrof")).toBe("'al met apostrof");
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
  });

  it('quotes cells with separators, quotes, line breaks or edge spaces; writes a BOM and CRLF', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('regel\nregel')).toBe('"regel\nregel"');
    expect(csvCell(' rand ')).toBe('" rand "');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
    const csv = toCsv(['a', 'b'], [['coördinatie', 'x;y']]);
    expect(csv).toBe('\uFEFFa;b\r\ncoördinatie;"x;y"\r\n');
    expect(readCsv(csv)).toEqual([['a', 'b'], ['coördinatie', 'x;y']]);
  });

  it('reads comma, semicolon or tab separated files', () => {
    expect(readCsv('pad,kleur\nA/B,#aabbcc\n')).toEqual([['pad', 'kleur'], ['A/B', '#aabbcc']]);
    expect(readCsv('pad\tkleur\r\nA,B\t#aabbcc\r\n')).toEqual([['pad', 'kleur'], ['A,B', '#aabbcc']]);
  });
});

describe('codebook and passages over the api', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = seededWorkspace();
  });
  afterEach(() => ws.cleanup());

  const importCsv = (csv: string) => ws.ok<CodebookImportReport>('tags.importCsv', { csv });

  function refused(csv: string, message: RegExp): void {
    const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
    expect(ws.call('tags.importCsv', { csv })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(message), fields: { csv: expect.any(String) } } });
    expect(totalChanges(ws.db)).toBe(before.changes);
    expect(dumpTables(ws.db)).toEqual(before.dump);
  }

  it('exports the codebook in tree order with pad, naam, kleur, beschrijving', () => {
    const file = ws.ok<ExportFile>('tags.exportCsv');
    expect(file).toMatchObject({ fileName: 'codeboek.csv', mimeType: 'text/csv;charset=utf-8' });
    const rows = readCsv(file.content);
    expect(rows[0]).toEqual(['pad', 'naam', 'kleur', 'beschrijving']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(ws.ok<Tag[]>('tags.list').map((t) => t.path));
    expect(rows.find((r) => r[0] === 'Perspectieven/Ervaring')).toEqual(['Perspectieven/Ervaring', 'Ervaring', expect.stringMatching(/^#[0-9a-f]{6}$/), 'Kinderen, jongeren en ouders.']);
  });

  it('round trip: exporting and importing the same codebook changes nothing, formula-like names included', () => {
    ws.ok('tags.create', { name: '=Gevaarlijk', description: '+31 bellen; "citaat"\nnieuwe regel' });
    ws.ok('tags.create', { name: '-Min', parentId: tagIdOf(ws, 'Leerlijnen') });
    const file = ws.ok<ExportFile>('tags.exportCsv');
    expect(file.content).toContain("'=Gevaarlijk");
    expect(file.content).not.toMatch(/(^|;)=Gevaarlijk/m);
    const before = dumpTables(ws.db);
    const report = importCsv(file.content);
    const count = ws.ok<Tag[]>('tags.list').length;
    expect(report).toEqual({ rows: count, created: 0, updated: 0, unchanged: count });
    const after = dumpTables(ws.db);
    expect(after.tag).toEqual(before.tag);
    expect(tagByPath(ws, '=Gevaarlijk').description).toBe('+31 bellen; "citaat"\nnieuwe regel');
    expect(tagByPath(ws, 'Leerlijnen/-Min').name).toBe('-Min');
  });

  it('import creates missing tags by path and updates colour and description; empty cells leave values alone', () => {
    ws.ok('settings.setUserName', { name: 'Programmateam' });
    const csv = [
      'pad;naam;kleur;beschrijving',
      'Leerlijnen/Informele steun;Informele steun;#112233;Steun uit het netwerk',
      'Leerlijnen/Veiligheid;;;',
      'Randvoorwaarden/Tijd;Tijd;#AABBCC;Tijd voor scholing',
      'randvoorwaarden/Financiering;;;',
      '',
    ].join('\n');
    expect(importCsv(csv)).toEqual({ rows: 4, created: 3, updated: 1, unchanged: 1 });
    expect(tagByPath(ws, 'Leerlijnen/Informele steun')).toMatchObject({ color: '#112233', description: 'Steun uit het netwerk' });
    expect(tagByPath(ws, 'Leerlijnen/Veiligheid').description).toBeNull();
    expect(tagByPath(ws, 'Randvoorwaarden/Tijd')).toMatchObject({ color: '#aabbcc', description: 'Tijd voor scholing', origin: 'eigen' });
    expect(tagByPath(ws, 'Randvoorwaarden/Financiering').parentId).toBe(tagIdOf(ws, 'Randvoorwaarden'));
    const audit = ws.ok<Array<{ action: string; actor: string; details: Record<string, unknown> }>>('audit.list', { entity: 'codebook' });
    expect(audit[0]).toMatchObject({ action: 'codeboek-geimporteerd', actor: 'Programmateam', details: { rows: 4, created: 3, updated: 1, unchanged: 1 } });
    // English headers and commas work too.
    expect(importCsv('path,color\nRandvoorwaarden/Tijd,#000000\n')).toMatchObject({ updated: 1 });
  });

  it('refuses a bad file as a whole, naming the lines, and writes nothing', () => {
    refused('kleur;beschrijving\n#aabbcc;x\n', /eerste regel moet de kolomnamen geven/);
    refused('pad;kleur\nGoed;#aabbcc\nFout;rood\nOok/fout//pad;\n', /regel 3: kleur "rood" is geen #rrggbb\. regel 4: geen geldig pad/);
    refused(`pad\n${'x'.repeat(101)}\n`, /regel 2: een naam heeft hoogstens 100 tekens/);
    refused('pad;naam\nA/B;C\n', /naam "C" is niet het laatste deel van pad "A\/B"/);
    refused('pad\n', /geen tags in het bestand/);
    refused('pad;kleur\n"open;#aabbcc\n', /geen geldige CSV/);
    expect(ws.call('tags.importCsv', { csv: '' })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/CSV: Het CSV-bestand is leeg/) } });
  });

  it('exports the passages of a tag (and the tags below it) as CSV, neutralising formulas in quotes and notes', async () => {
    const v = (await importText(ws, ADHD.id, '# 2 Behandeling\n=Bied ouders een training aan. Evalueer na drie maanden.', '2017')).versionId as number;
    const behandeling = sectionByHeading(ws, v, 'Behandeling');
    ws.ok('settings.setUserName', { name: 'Sanne' });
    annotate(ws, behandeling, '=Bied ouders een training aan.', [tagIdOf(ws, 'Leerlijnen/Veiligheid'), tagIdOf(ws, 'Perspectieven/Ervaring')], { note: '@let op' });
    annotate(ws, behandeling, 'Evalueer', [tagIdOf(ws, 'Leerlijnen/Informele steun')]);
    const file = ws.ok<ExportFile>('analysis.exportPassagesCsv', { tagId: tagIdOf(ws, 'Leerlijnen') });
    expect(file).toMatchObject({ fileName: 'passages-leerlijnen.csv', mimeType: 'text/csv;charset=utf-8' });
    expect(file.content).toContain("'=Bied ouders");
    expect(file.content).toContain("'@let op");
    const rows = readCsv(file.content);
    expect(rows[0]).toEqual(['standaard', 'versie', 'sectie', 'citaat', 'notitie', 'auteur', 'datum', 'tags']);
    expect(rows.slice(1)).toEqual([
      [ADHD.title, '2017', '2 Behandeling', '=Bied ouders een training aan.', '@let op', 'Sanne', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 'Leerlijnen/Veiligheid; Perspectieven/Ervaring'],
      [ADHD.title, '2017', '2 Behandeling', 'Evalueer', '', 'Sanne', expect.any(String), 'Leerlijnen/Informele steun'],
    ]);
    expect(ws.ok<ExportFile>('analysis.exportPassagesCsv', { tagId: tagIdOf(ws, 'Perspectieven/Ervaring') }).fileName).toBe('passages-perspectieven-ervaring.csv');
    expect(ws.call('analysis.exportPassagesCsv', { tagId: 99_999 })).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN' } });
  });

  it('exports the codebook as REFI-QDA .qdc XML: nested codes with guid, name, colour and description', () => {
    ws.ok('tags.create', { name: 'A & <B>', description: 'Met "quotes" en \u0001 een stuurteken', parentId: tagIdOf(ws, 'Leerlijnen/Veiligheid') });
    const file = ws.ok<ExportFile>('tags.exportQdc');
    expect(file).toMatchObject({ fileName: 'codeboek.qdc', mimeType: 'application/xml;charset=utf-8' });
    const doc = new new JSDOM('').window.DOMParser().parseFromString(file.content, 'application/xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect([root.localName, root.namespaceURI, root.getAttribute('origin')]).toEqual(['CodeBook', 'urn:QDA-XML:codebook:1.0', 'Richtsnoer 9.9.9-test']);
    const codes = Array.from(doc.getElementsByTagName('Code'));
    expect(codes).toHaveLength(ws.ok<Tag[]>('tags.list').length);
    const top = Array.from(root.getElementsByTagName('Codes')[0]?.children ?? []).map((c) => c.getAttribute('name'));
    expect(top).toEqual(["Focusthema's", 'Leerlijnen', 'Perspectieven']);
    const made = codes.find((c) => c.getAttribute('name') === 'A & <B>');
    expect(made?.parentElement?.getAttribute('name')).toBe('Veiligheid');
    expect(made?.getAttribute('isCodable')).toBe('true');
    expect(made?.getAttribute('color')).toMatch(/^#[0-9A-F]{6}$/);
    expect(made?.getAttribute('guid')).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(made?.getElementsByTagName('Description')[0]?.textContent).toBe('Met "quotes" en  een stuurteken');
    expect(codes.find((c) => c.getAttribute('name') === 'Ervaring')?.getAttribute('guid')).toBe(tagByPath(ws, 'Perspectieven/Ervaring').guid.toUpperCase());
    expect(xmlEscape('a\uD800b')).toBe('ab');
  });
});
