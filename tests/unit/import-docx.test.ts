import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../common/document.js';
import { ImportError, parseDocument } from '../../electron/services/import/index.js';
import { DEFAULT_ZIP_LIMITS, guardDocx, inflateEntry, readCentralDirectory } from '../../electron/services/import/zip-guard.js';
import { zip, type ZipInput } from '../fixtures/import/zip-writer.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const MAX = 50 * 1024 * 1024;

async function rejection(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected the import to fail');
}

/** The entries of the fixture, to build variants of it. */
function fixtureEntries(): ZipInput[] {
  const bytes = fixture('richtlijn.docx');
  return readCentralDirectory(bytes).map((e) => ({ name: e.name, data: new Uint8Array(inflateEntry(bytes, e)) }));
}

describe('DOCX import (richtlijn.docx)', () => {
  let doc: ParsedDocument;
  it('maps Word heading styles, also Dutch "Kop 2", to sections', async () => {
    doc = await parseDocument(fixture('richtlijn.docx'), 'richtlijn.docx', { maxBytes: MAX });
    expect(doc.format).toBe('docx');
    expect(doc.title).toBe('Richtlijn ADHD – werkversie');
    expect(doc.sections.map((s) => [s.level, s.number, s.heading, s.kind])).toEqual([
      [1, null, 'Richtlijn ADHD – werkversie', 'other'],
      [1, '1', 'Inleiding', 'chapter'],
      [2, '1.1', 'Doelgroep', 'section'],
      [1, '2', 'Behandeling', 'chapter'],
      [2, 'Aanbeveling 2.1', 'Aanbeveling 2.1', 'recommendation'],
      [2, null, 'Onderbouwing', 'rationale'],
    ]);
  }, 30_000);

  it('keeps paragraphs with diacritics, the list and the table', () => {
    expect(doc.sections[1]?.blocks).toEqual([
      { type: 'paragraph', text: 'Deze richtlijn beschrijft de coördinatie van zorg voor kinderen met ADHD. Eén professional houdt het overzicht.' },
    ]);
    expect(doc.sections[2]?.blocks).toEqual([
      { type: 'paragraph', text: 'De richtlijn is bedoeld voor:' },
      { type: 'list', ordered: false, items: ['jeugdprofessionals in wijkteams', 'gedragswetenschappers in de specialistische jeugdhulp', 'jeugdartsen en jeugdverpleegkundigen'] },
    ]);
    expect(doc.sections[4]?.blocks).toEqual([
      { type: 'paragraph', text: 'Bied ouders altijd psycho-educatie aan voordat andere behandeling start.' },
      { type: 'paragraph', text: 'Overzicht van de stappen:' },
      { type: 'table', rows: [['Stap', 'Wie'], ['Psycho-educatie', 'Gedragswetenschapper'], ['Oudertraining', 'Jeugdprofessional']] },
    ]);
  });

  it('does not embed images (mammoth on its own would, as base64)', async () => {
    const bytes = fixture('met-afbeelding.docx');
    const plain = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(plain.value).toContain('data:image/png;base64');
    const imported = await parseDocument(bytes, 'met-afbeelding.docx', { maxBytes: MAX });
    const all = JSON.stringify(imported);
    expect(all).not.toMatch(/base64|data:|image|iVBOR/);
    expect(imported.sections.map((s) => s.heading)).toEqual(doc.sections.map((s) => s.heading));
  });
});

describe('DOCX zip guard', () => {
  it('accepts the fixture and lists its parts', () => {
    expect(guardDocx(fixture('richtlijn.docx')).map((e) => e.name)).toContain('word/document.xml');
  });

  it('refuses an entry packed more than 100-fold above 10 MB (zipbom.docx)', async () => {
    const error = await rejection(parseDocument(fixture('zipbom.docx'), 'zipbom.docx', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
    expect(error.message).toMatch(/ongewoon groot of sterk ingepakt/);
  });

  it('refuses archives that declare more than 200 MB in total', async () => {
    const entries = fixtureEntries();
    const bytes = zip([...entries, { name: 'word/media/a.bin', data: new Uint8Array(10), declaredSize: 150 * 1024 * 1024, store: true }, { name: 'word/media/b.bin', data: new Uint8Array(10), declaredSize: 60 * 1024 * 1024, store: true }]);
    expect(() => readCentralDirectory(bytes)).toThrow(/ongewoon groot/);
    const error = await rejection(parseDocument(bytes, 'groot.docx', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
  });

  it('refuses more than 5000 entries', () => {
    const entries: ZipInput[] = Array.from({ length: DEFAULT_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `x/${i}`, data: new Uint8Array(0), store: true }));
    expect(() => readCentralDirectory(zip(entries))).toThrow(/ongewoon groot/);
  });

  it('refuses a part that inflates to more than its declared size', async () => {
    const entries = fixtureEntries().map((e) => (e.name === 'word/document.xml' ? { ...e, declaredSize: 100 } : e));
    const error = await rejection(parseDocument(zip(entries), 'liegt.docx', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
    expect(error.detail).toMatch(/groter dan opgegeven/);
  });

  it('refuses a truncated DOCX (afgebroken.docx) as damaged', async () => {
    const error = await rejection(parseDocument(fixture('afgebroken.docx'), 'afgebroken.docx', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
    expect(error.message).toMatch(/Word-bestand is beschadigd/);
  });

  it('refuses a ZIP named .docx without a Word document in it', async () => {
    const error = await rejection(parseDocument(zip([{ name: 'readme.txt', data: new Uint8Array(Buffer.from('hallo')) }]), 'nep.docx', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
    expect(error.message).toMatch(/geen Word-document/);
  });

  it('refuses a DOCX whose document.xml is not XML as damaged', async () => {
    const entries = fixtureEntries().map((e) => (e.name === 'word/document.xml' ? { ...e, data: new Uint8Array(Buffer.from('<w:document><w:body><w:p>kapot')) } : e));
    const error = await rejection(parseDocument(zip(entries), 'kapot.docx', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
  });

  it('refuses a .docx that is not a ZIP at all', async () => {
    const error = await rejection(parseDocument(new Uint8Array(Buffer.from('Dit is gewoon tekst met een verkeerde extensie.')), 'tekst.docx', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
  });
});
