/**
 * The documents service with the real importers (no stand-in parser): files from
 * tests/fixtures/documents go through the api as base64, like the UI sends them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentVersion, ImportJob, SearchResult } from '../../common/document.js';
import type { VersionWithSections } from '../../electron/services/documents.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { checkIndexes, checkTree, waitForJob } from '../helpers/documents.js';
import { dumpTables, seededWorkspace, type TestWorkspace } from '../helpers/test-db.js';

const fixtures = path.join(import.meta.dirname, '../fixtures/documents');
const data = loadStandardsData();
const ADHD = data.standards.find((s) => s.catalogueId === 'KS001')?.id ?? '';

let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace();
});
afterEach(() => ws.cleanup());

async function importFile(fileName: string, label: string): Promise<ImportJob> {
  const dataBase64 = fs.readFileSync(path.join(fixtures, fileName)).toString('base64');
  const job = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName, dataBase64, label, status: 'gepubliceerd' });
  expect(job.state).toBe('bezig');
  return waitForJob(ws, job.id, 20_000);
}

describe('importing real files with the real importers', () => {
  it('a Markdown guideline becomes a stored tree that search finds, compounds included', async () => {
    const job = await importFile('richtlijn-adhd.md', '2017');
    expect(job).toMatchObject({ state: 'klaar', progress: 1, error: null });
    const { version, sections } = ws.ok<VersionWithSections>('versions.get', { versionId: job.versionId });
    expect(version).toMatchObject({ format: 'markdown', fileName: 'richtlijn-adhd.md', label: '2017' });
    expect(version.sectionCount).toBe(sections.length);
    expect(version.wordCount).toBeGreaterThan(40);
    checkTree(sections);
    const headings = sections.map((s) => s.heading);
    expect(headings).toEqual(expect.arrayContaining(['Achtergrond', 'Medicatie']));
    const medicatie = sections.find((s) => s.heading === 'Medicatie');
    expect(medicatie?.html).toMatch(/<table><tr><td>Middel<\/td>/);
    const achtergrond = sections.find((s) => s.heading === 'Achtergrond');
    expect(achtergrond?.parentId).not.toBeNull();
    checkIndexes(ws.db);

    const compound = ws.ok<SearchResult>('search.fulltext', { query: 'begeleiding' });
    const snippets = compound.groups.flatMap((g) => g.hits.map((h) => h.snippet)).join(' ');
    expect(snippets).toContain('ouder\u0002begeleiding\u0003');
    expect(ws.ok<SearchResult>('search.fulltext', { query: 'coordinatie' }).totalHits).toBeGreaterThanOrEqual(1);
  });

  it('a plain-text standard is imported too; the same file twice is refused with nothing written', async () => {
    const first = await importFile('kwaliteitskader-jeugd.txt', 'Kader 2020');
    expect(first.state).toBe('klaar');
    const versions = ws.ok<DocumentVersion[]>('versions.list', { standardId: ADHD });
    expect(versions.map((v) => v.format)).toEqual(['text']);
    expect(ws.ok<SearchResult>('search.fulltext', { query: 'regiebehandelaar' }).totalHits).toBe(1);
    const before = dumpTables(ws.db);
    const second = await importFile('kwaliteitskader-jeugd.txt', 'nog eens');
    expect(second).toMatchObject({ state: 'mislukt', error: { code: 'AL_GEIMPORTEERD', message: expect.stringContaining('"Kader 2020"') } });
    expect(dumpTables(ws.db)).toEqual(before);
  });

  it('a file the importers refuse fails the job with their Dutch message, and writes nothing', async () => {
    const before = dumpTables(ws.db);
    const dataBase64 = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x11].concat(Array(500).fill(0))).toString('base64');
    const job = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName: 'kapot.txt', dataBase64, label: 'kapot', status: 'concept' });
    const done = await waitForJob(ws, job.id, 20_000);
    expect(done.state).toBe('mislukt');
    expect(done.error?.code).toMatch(/^(ONBEKEND_FORMAAT|BESCHADIGD|LEEG)$/);
    expect(done.error?.message).toMatch(/[a-z]/);
    expect(dumpTables(ws.db)).toEqual(before);
  });
});
