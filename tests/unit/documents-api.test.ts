import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../common/catalogue.js';
import type { DocumentVersion, ImportJob, SearchResult, Section } from '../../common/document.js';
import type { VersionWithSections } from '../../electron/services/documents.js';
import type { Parser } from '../../electron/services/import-jobs.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { base64, checkIndexes, checkTree, importText, miniParser, SAMPLE, waitForJob } from '../helpers/documents.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const ADHD = data.standards.find((s) => s.catalogueId === 'KS001')?.id ?? '';

let ws: TestWorkspace;
let versionId: number;

/** The stand-in parser, but one that can be held at "parsing" to look at a running job. */
let hold: Promise<void> | null = null;
const parser: Parser = async (bytes, name, options) => {
  if (hold) await hold;
  return miniParser(bytes, name, options);
};

beforeEach(async () => {
  hold = null;
  ws = seededWorkspace(undefined, { parse: parser });
  versionId = (await importText(ws, ADHD, SAMPLE)).versionId as number;
});
afterEach(() => ws.cleanup());

const sections = (): Section[] => ws.ok<VersionWithSections>('versions.get', { versionId }).sections;
const idOf = (heading: string): number => sections().find((s) => s.heading === heading)?.id ?? -1;

describe('the document api', () => {
  it('imports.start answers at once with a running job; the result arrives via imports.status', async () => {
    let release: () => void = () => {};
    hold = new Promise((resolve) => (release = resolve));
    const job = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName: 'concept.md', dataBase64: base64('# Concept\nNieuwe tekst.'), label: ' Concept 2026 ', status: 'concept' });
    expect(job).toMatchObject({ state: 'bezig', progress: expect.any(Number), versionId: null, fileName: 'concept.md' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ws.ok<ImportJob>('imports.status', { jobId: job.id }).state).toBe('bezig');
    expect(ws.ok<DocumentVersion[]>('versions.list', { standardId: ADHD })).toHaveLength(1);
    release();
    const done = await waitForJob(ws, job.id);
    expect(done).toMatchObject({ state: 'klaar', progress: 1 });
    const versions = ws.ok<DocumentVersion[]>('versions.list', { standardId: ADHD });
    // The hash is of the decoded file bytes (a pooled Buffer view, not its whole backing store).
    expect(versions[0]?.sha256).toBe(createHash('sha256').update('# Concept\nNieuwe tekst.').digest('hex'));
    expect(versions.map((v) => [v.label, v.status, v.sectionCount])).toEqual([
      ['Concept 2026', 'concept', 1],
      ['2017', 'gepubliceerd', 8],
    ]);
    // Everything the api returns survives the JSON transports.
    expect(JSON.parse(JSON.stringify(versions))).toEqual(versions);
  });

  it('imports.cancel stops a running import; nothing is stored', async () => {
    let release: () => void = () => {};
    hold = new Promise((resolve) => (release = resolve));
    const before = dumpTables(ws.db);
    const job = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName: 'x.md', dataBase64: base64('# X\nTekst.'), label: 'x', status: 'concept' });
    expect(ws.ok<ImportJob>('imports.cancel', { jobId: job.id })).toMatchObject({ state: 'geannuleerd', error: { code: 'GEANNULEERD' } });
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ws.ok<ImportJob>('imports.status', { jobId: job.id }).state).toBe('geannuleerd');
    expect(dumpTables(ws.db)).toEqual(before);
  });

  it('a file over the limit comes back as a refused job (TE_GROOT); the same file again as AL_GEIMPORTEERD', async () => {
    expect(ws.ok('settings.setImportLimit', { megabytes: 1 })).toEqual({ userName: 'gebruiker', importLimitMegabytes: 1 });
    expect(ws.ok('settings.get')).toEqual({ userName: 'gebruiker', importLimitMegabytes: 1 });
    const big = Buffer.alloc(1024 * 1024 + 10, 0x61).toString('base64');
    const refused = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName: 'groot.txt', dataBase64: big, label: 'groot', status: 'concept' });
    expect(refused).toMatchObject({ state: 'mislukt', error: { code: 'TE_GROOT', message: expect.stringMatching(/grens voor importeren is 1 MB/) } });
    const again = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName: 'kopie.md', dataBase64: base64(SAMPLE), label: 'kopie', status: 'concept' });
    expect(await waitForJob(ws, again.id)).toMatchObject({ state: 'mislukt', error: { code: 'AL_GEIMPORTEERD', message: expect.stringContaining('"2017"') } });
  });

  it('versions.update renames and changes status with an audit diff; an unchanged value writes nothing', () => {
    ws.ok('settings.setUserName', { name: 'Werkgroep ADHD' });
    const updated = ws.ok<DocumentVersion>('versions.update', { versionId, label: '  Richtlijn 2017  ', status: 'concept' });
    expect(updated).toMatchObject({ label: 'Richtlijn 2017', status: 'concept' });
    const [entry] = ws.ok<AuditEntry[]>('audit.list', { entity: 'document_version', entityId: String(versionId), limit: 1 });
    expect(entry).toMatchObject({ actor: 'Werkgroep ADHD', action: 'gewijzigd', details: { label: { van: '2017', naar: 'Richtlijn 2017' }, status: { van: 'gepubliceerd', naar: 'concept' } } });
    const changes = totalChanges(ws.db);
    expect(ws.ok<DocumentVersion>('versions.update', { versionId, status: 'concept' })).toEqual(updated);
    expect(totalChanges(ws.db)).toBe(changes);
  });

  it('versions.delete removes the version, its sections and their index entries', () => {
    expect(ws.ok<SearchResult>('search.fulltext', { query: 'ouderbegeleiding' }).totalHits).toBe(1);
    expect(ws.ok('versions.delete', { versionId })).toEqual({ deleted: versionId, unplacedAnnotations: 0 });
    expect(ws.ok<DocumentVersion[]>('versions.list', { standardId: ADHD })).toEqual([]);
    expect(ws.call('versions.get', { versionId })).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN' } });
    expect(ws.ok<SearchResult>('search.fulltext', { query: 'ouderbegeleiding' }).totalHits).toBe(0);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'document_version', entityId: String(versionId), limit: 1 })[0]).toMatchObject({ action: 'verwijderd', details: { label: '2017', sections: 8 } });
    checkIndexes(ws.db);
  });

  it('structure edits through the api return the corrected version', () => {
    const promoted = ws.ok<VersionWithSections>('sections.promote', { sectionId: idOf('Doel') });
    expect(checkTree(promoted.sections)).toContain('1.2 Doel');
    const demoted = ws.ok<VersionWithSections>('sections.demote', { sectionId: idOf('Doel') });
    expect(checkTree(demoted.sections)).toContain('  1.2 Doel');
    const split = ws.ok<VersionWithSections>('sections.split', { sectionId: idOf('Aanbeveling 1'), atBlock: 2, heading: '  Evaluatie  ' });
    expect(split.sections.find((s) => s.heading === 'Evaluatie')).toMatchObject({ text: 'Evalueer na drie maanden.', level: 2 });
    const merged = ws.ok<VersionWithSections>('sections.mergeWithPrevious', { sectionId: idOf('Evaluatie') });
    expect(merged.sections.some((s) => s.heading === 'Evaluatie')).toBe(false);
    const updated = ws.ok<VersionWithSections>('sections.update', { sectionId: idOf('Medicatie'), kind: 'recommendation', number: null });
    expect(updated.sections.find((s) => s.heading === 'Medicatie')).toMatchObject({ kind: 'recommendation', number: null });
    expect(updated.version.sectionCount).toBe(8);
    checkTree(sections());
    checkIndexes(ws.db);
  });

  it('search.fulltext filters and returns JSON-safe results', () => {
    const result = ws.ok<SearchResult>('search.fulltext', { query: 'begeleiding', types: ['richtlijn'], owners: ['nip'], versionStatus: 'gepubliceerd', limit: 10 });
    expect(result.groups.map((g) => g.standardId)).toEqual([ADHD]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(ws.ok<SearchResult>('search.fulltext', { query: 'begeleiding', versionStatus: 'concept' }).totalHits).toBe(0);
    expect(ws.ok<SearchResult>('search.fulltext', { query: '  ' })).toEqual({ groups: [], totalHits: 0, empty: true });
  });
});

interface BadCase {
  name: string;
  method: string;
  args: () => unknown;
  code: string;
  message: RegExp;
  fields?: string[];
}

const badCases: BadCase[] = [
  { name: 'versions.update with a blank label', method: 'versions.update', args: () => ({ versionId, label: '   ' }), code: 'ONGELDIGE_INVOER', message: /Versienaam: Geef de versie een naam/, fields: ['label'] },
  { name: 'versions.update with an unknown status', method: 'versions.update', args: () => ({ versionId, status: 'vastgesteld' }), code: 'ONGELDIGE_INVOER', message: /Status: Kies gepubliceerd of concept/ },
  { name: 'versions.update with nothing to change', method: 'versions.update', args: () => ({ versionId }), code: 'ONGELDIGE_INVOER', message: /Geef een nieuwe naam of status/ },
  { name: 'versions.update with a too-long label', method: 'versions.update', args: () => ({ versionId, label: 'x'.repeat(201) }), code: 'ONGELDIGE_INVOER', message: /hoogstens 200 tekens/ },
  { name: 'versions.delete of an unknown version', method: 'versions.delete', args: () => ({ versionId: versionId + 100 }), code: 'NIET_GEVONDEN', message: /geen versie met nummer/ },
  { name: 'versions.get with an unknown field', method: 'versions.get', args: () => ({ versionId, full: true }), code: 'ONGELDIGE_INVOER', message: /full/ },
  { name: 'versions.list with a numeric standard', method: 'versions.list', args: () => ({ standardId: 5 }), code: 'ONGELDIGE_INVOER', message: /Standaard/ },
  { name: 'imports.start without label', method: 'imports.start', args: () => ({ standardId: ADHD, fileName: 'a.md', dataBase64: base64('# A\nb'), status: 'concept' }), code: 'ONGELDIGE_INVOER', message: /Versienaam/, fields: ['label'] },
  { name: 'imports.start with an unknown status', method: 'imports.start', args: () => ({ standardId: ADHD, fileName: 'a.md', dataBase64: base64('# A\nb'), label: 'a', status: 'definitief' }), code: 'ONGELDIGE_INVOER', message: /Kies gepubliceerd of concept/ },
  { name: 'imports.start with a blank file name', method: 'imports.start', args: () => ({ standardId: ADHD, fileName: ' ', dataBase64: base64('# A\nb'), label: 'a', status: 'concept' }), code: 'ONGELDIGE_INVOER', message: /Bestandsnaam: Geef de bestandsnaam/ },
  { name: 'imports.start with an empty file', method: 'imports.start', args: () => ({ standardId: ADHD, fileName: 'a.md', dataBase64: '', label: 'a', status: 'concept' }), code: 'ONGELDIGE_INVOER', message: /Het bestand is leeg/ },
  { name: 'imports.start with base64 of the wrong length', method: 'imports.start', args: () => ({ standardId: ADHD, fileName: 'a.md', dataBase64: 'aGFsbG8', label: 'a', status: 'concept' }), code: 'ONGELDIGE_INVOER', message: /geen geldige base64/ },
  { name: 'imports.start with a path instead of bytes', method: 'imports.start', args: () => ({ standardId: ADHD, fileName: 'a.md', path: '/etc/passwd', label: 'a', status: 'concept' }), code: 'ONGELDIGE_INVOER', message: /path/ },
  { name: 'imports.status with a number', method: 'imports.status', args: () => ({ jobId: 1 }), code: 'ONGELDIGE_INVOER', message: /Import/ },
  { name: 'imports.cancel of an unknown job', method: 'imports.cancel', args: () => ({ jobId: 'onbekend' }), code: 'NIET_GEVONDEN', message: /niet \(meer\) bekend/ },
  { name: 'sections.promote of a top-level section', method: 'sections.promote', args: () => ({ sectionId: idOf('Inleiding') }), code: 'CONFLICT', message: /"Inleiding" staat al op het hoogste niveau/ },
  { name: 'sections.demote of the first section', method: 'sections.demote', args: () => ({ sectionId: idOf('Inleiding') }), code: 'CONFLICT', message: /kan niet lager/ },
  { name: 'sections.demote of a first child', method: 'sections.demote', args: () => ({ sectionId: idOf('Aanbeveling 1') }), code: 'CONFLICT', message: /kan niet lager/ },
  { name: 'sections.demote of an unknown section', method: 'sections.demote', args: () => ({ sectionId: 999_999 }), code: 'NIET_GEVONDEN', message: /geen sectie met nummer 999999/ },
  { name: 'sections.mergeWithPrevious of the first section', method: 'sections.mergeWithPrevious', args: () => ({ sectionId: idOf('Inleiding') }), code: 'CONFLICT', message: /eerste sectie/ },
  { name: 'sections.split at the last block', method: 'sections.split', args: () => ({ sectionId: idOf('Aanbeveling 1'), atBlock: 3, heading: 'X' }), code: 'ONGELDIGE_INVOER', message: /Splitspunt: Kies een blok van 1 tot en met 2/, fields: ['atBlock'] },
  { name: 'sections.split at block 0', method: 'sections.split', args: () => ({ sectionId: idOf('Aanbeveling 1'), atBlock: 0, heading: 'X' }), code: 'ONGELDIGE_INVOER', message: /op zijn vroegst bij het tweede blok/ },
  { name: 'sections.split with two split points', method: 'sections.split', args: () => ({ sectionId: idOf('Aanbeveling 1'), atBlock: 1, atOffset: 5, heading: 'X' }), code: 'ONGELDIGE_INVOER', message: /Kies één splitspunt/ },
  { name: 'sections.split of a one-block section', method: 'sections.split', args: () => ({ sectionId: idOf('Doel'), atBlock: 1, heading: 'X' }), code: 'ONGELDIGE_INVOER', message: /maar één tekstblok/ },
  { name: 'sections.split past the end of the text', method: 'sections.split', args: () => ({ sectionId: idOf('Doel'), atOffset: 5000, heading: 'X' }), code: 'ONGELDIGE_INVOER', message: /beide delen tekst/, fields: ['atOffset'] },
  { name: 'sections.update with an unknown kind', method: 'sections.update', args: () => ({ sectionId: idOf('Doel'), kind: 'hoofdstuk' }), code: 'ONGELDIGE_INVOER', message: /Soort: Kies een geldige soort sectie/, fields: ['kind'] },
  { name: 'sections.update with a blank heading', method: 'sections.update', args: () => ({ sectionId: idOf('Doel'), heading: '  ' }), code: 'ONGELDIGE_INVOER', message: /Kop: Geef een kop/ },
  { name: 'sections.update with a too-long number', method: 'sections.update', args: () => ({ sectionId: idOf('Doel'), number: '1.'.repeat(30) }), code: 'ONGELDIGE_INVOER', message: /Nummer: Een nummer heeft hoogstens 40 tekens/ },
  { name: 'sections.update with html in a field name', method: 'sections.update', args: () => ({ sectionId: idOf('Doel'), html: '<script>' }), code: 'ONGELDIGE_INVOER', message: /html/ },
  { name: 'search.fulltext with types as text', method: 'search.fulltext', args: () => ({ query: 'adhd', types: 'richtlijn' }), code: 'ONGELDIGE_INVOER', message: /Typen/ },
  { name: 'search.fulltext with an unknown version status', method: 'search.fulltext', args: () => ({ query: 'adhd', versionStatus: 'oud' }), code: 'ONGELDIGE_INVOER', message: /Status van de versie: Kies gepubliceerd of concept/ },
  { name: 'search.fulltext with limit 0', method: 'search.fulltext', args: () => ({ query: 'adhd', limit: 0 }), code: 'ONGELDIGE_INVOER', message: /Aantal/ },
  { name: 'settings.setImportLimit with a fraction', method: 'settings.setImportLimit', args: () => ({ megabytes: 2.5 }), code: 'ONGELDIGE_INVOER', message: /heel aantal megabytes/ },
];

describe('bad input on a workspace with a stored version gives a Dutch error and writes nothing', () => {
  for (const c of badCases) {
    it(`${c.method}: ${c.name} → ${c.code}`, () => {
      const args = c.args();
      const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
      const result = ws.call(c.method, args);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(c.code);
      expect(result.error.message).toMatch(c.message);
      expect(result.error.message).not.toMatch(/ZodError|SqliteError|SQLITE_|at .*\.ts:\d+|undefined is not|Cannot read/);
      expect(result.error.message).not.toMatch(/^(Invalid|Expected|Required|Unrecognized)/);
      if (c.code === 'ONGELDIGE_INVOER') expect(result.error.message).toMatch(/^Controleer de invoer\. /);
      for (const field of c.fields ?? []) expect(Object.keys(result.error.fields ?? {})).toContain(field);
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      expect(totalChanges(ws.db)).toBe(before.changes);
      expect(dumpTables(ws.db)).toEqual(before.dump);
    });
  }
});
