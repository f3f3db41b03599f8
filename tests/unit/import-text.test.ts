import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../common/document.js';
import { parseDocument } from '../../electron/services/import/index.js';
import { decodeBytes, decodeWindows1252, declaredHtmlCharset } from '../../electron/services/import/encoding.js';
import { dropRunningLines } from '../../electron/services/import/text.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const importText = (s: string, name = 'tekst.txt'): Promise<ParsedDocument> => parseDocument(utf8(s), name, { maxBytes: 1e7 });

const EXPECTED_PARAGRAPH = 'Deze handreiking gaat over de coördinatie van zorg rond één gezin. De professional in het café-overleg bespreekt de situatie – met toestemming – met collega’s.';

describe('text encodings', () => {
  it.each([
    ['handreiking-cp1252.txt', true],
    ['handreiking-utf16le.txt', false],
    ['handreiking-utf16be.txt', false],
  ])('reads %s with Dutch diacritics intact', async (name, warns) => {
    const doc = await parseDocument(fixture(name), name, { maxBytes: 1e6 });
    expect(doc.sections.map((s) => [s.level, s.number, s.heading, s.kind])).toEqual([
      [1, null, 'INLEIDING', 'chapter'],
      [1, '1', 'Werkwijze', 'chapter'],
    ]);
    expect(doc.sections[0]?.blocks).toEqual([{ type: 'paragraph', text: EXPECTED_PARAGRAPH }]);
    expect(doc.sections[1]?.blocks).toEqual([{ type: 'paragraph', text: 'De werkwijze bestaat uit vier stappen en kost ongeveer € 150 per gezin.' }]);
    expect(doc.warnings.some((w) => w.includes('windows-1252'))).toBe(warns);
  });

  it('decodes the Windows-1252 range 0x80–0x9F itself (Node maps it to control characters)', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x85, 0xeb, 0xe9]))).toBe('€‘’“”–—…ëé');
  });

  it('recognises BOMs, valid UTF-8 and UTF-16 without BOM', () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9]))).toEqual({ text: 'café', encoding: 'utf-8', source: 'bom' });
    expect(decodeBytes(utf8('coördinatie'))).toEqual({ text: 'coördinatie', encoding: 'utf-8', source: 'valid-utf8' });
    expect(decodeBytes(new Uint8Array(Buffer.from('één gezin en nog wat tekst', 'utf16le')))).toMatchObject({ text: 'één gezin en nog wat tekst', encoding: 'utf-16le' });
  });

  it('uses an HTML charset declaration only when the bytes are not UTF-8', () => {
    const latin = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
    expect(decodeBytes(latin, 'iso-8859-1')).toMatchObject({ text: 'café', source: 'declared', encoding: 'windows-1252' });
    expect(decodeBytes(utf8('café'), 'iso-8859-1')).toMatchObject({ text: 'café', source: 'valid-utf8' });
    expect(declaredHtmlCharset(utf8('<html><head><meta charset="windows-1252"></head>'))).toBe('windows-1252');
    expect(declaredHtmlCharset(utf8('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'))).toBe('ISO-8859-1');
  });
});

describe('text structure', () => {
  it('finds numbered, wrapped, ALL-CAPS and short-line headings and joins wrapped lines', async () => {
    const doc = await importText(
      [
        'VOORWOORD',
        '',
        'Dit is een korte inleiding die over twee regels',
        'doorloopt en een afgebroken woord bevat: begelei-',
        'ding van ouders.',
        '',
        '2. Signalering',
        '',
        'Tekst over signalering.',
        '',
        '2.1. Signalen bij jonge',
        'kinderen en hun ouders',
        '',
        'Let op onrust.',
        '',
        'Praktijkvoorbeeld',
        '',
        'Een voorbeeld uit de praktijk.',
      ].join('\r\n'),
    );
    expect(doc.sections.map((s) => [s.level, s.number, s.heading, s.kind])).toEqual([
      [1, null, 'VOORWOORD', 'other'],
      [1, '2', 'Signalering', 'chapter'],
      [2, '2.1', 'Signalen bij jonge kinderen en hun ouders', 'section'],
      [3, null, 'Praktijkvoorbeeld', 'section'],
    ]);
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Dit is een korte inleiding die over twee regels doorloopt en een afgebroken woord bevat: begeleiding van ouders.' },
    ]);
  });

  it('keeps a wrapped heading whole when its text follows without a blank line', async () => {
    const doc = await importText(
      [
        '4.2 Behandeling van ADHD bij kinderen',
        'en jongeren',
        'De behandeling begint met psycho-educatie voor ouders en kind.',
        '',
        '4.3 Samenwerking met school en',
        'wijkteam',
        'Scholen melden signalen aan het wijkteam.',
        '',
        'Hoofdstuk 5 Medicatie bij kinderen',
        'en jongeren',
        'Medicatie is een tweede stap.',
        '',
        '5.1 Evaluatie',
        'De behandeling wordt na drie maanden geëvalueerd.',
        '',
        '5.2 Overleg met ouders',
        'en de jeugdarts bespreken samen de uitkomsten van de evaluatie na drie maanden.',
      ].join('\n'),
    );
    expect(doc.sections.map((s) => [s.number, s.heading])).toEqual([
      ['4.2', 'Behandeling van ADHD bij kinderen en jongeren'],
      ['4.3', 'Samenwerking met school en wijkteam'],
      ['5', 'Medicatie bij kinderen en jongeren'],
      ['5.1', 'Evaluatie'],
      ['5.2', 'Overleg met ouders'],
    ]);
    expect(doc.sections.map((s) => s.blocks)).toEqual([
      [{ type: 'paragraph', text: 'De behandeling begint met psycho-educatie voor ouders en kind.' }],
      [{ type: 'paragraph', text: 'Scholen melden signalen aan het wijkteam.' }],
      [{ type: 'paragraph', text: 'Medicatie is een tweede stap.' }],
      [{ type: 'paragraph', text: 'De behandeling wordt na drie maanden geëvalueerd.' }],
      // A long line in lower case is the paragraph's first line, not the rest of the heading.
      [{ type: 'paragraph', text: 'en de jeugdarts bespreken samen de uitkomsten van de evaluatie na drie maanden.' }],
    ]);
  });

  it('reads "|<tab>", "•", "–" and "*" bullets and numbered lists, with continuation lines', async () => {
    const doc = await importText(
      [
        'Signalen zijn:',
        '|\t concentratieproblemen die thuis en',
        'op school voorkomen;',
        '|\t onrust.',
        '',
        '• eerste',
        '– tweede',
        '* derde',
        '',
        '1. Bespreek de zorgen.',
        '2. Stel samen doelen.',
      ].join('\n'),
    );
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Signalen zijn:' },
      { type: 'list', ordered: false, items: ['concentratieproblemen die thuis en op school voorkomen;', 'onrust.', 'eerste', 'tweede', 'derde'] },
      { type: 'list', ordered: true, items: ['Bespreek de zorgen.', 'Stel samen doelen.'] },
    ]);
  });

  it('does not take an ordinary short sentence or a wrapped line for a heading', async () => {
    const doc = await importText(['Inleiding', '', 'Kinderen en jongeren verdienen het', 'om op te groeien in een veilige omgeving.', '', 'Dat is alles.'].join('\n'));
    expect(doc.sections.map((s) => s.heading)).toEqual(['Inleiding']);
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Kinderen en jongeren verdienen het om op te groeien in een veilige omgeving.' },
      { type: 'paragraph', text: 'Dat is alles.' },
    ]);
  });

  it('makes "Aanbeveling:" paragraphs recommendations and "Onderbouwing" rationale', async () => {
    const doc = await importText(['3 Behandeling', '', 'Algemene tekst.', '', 'Aanbeveling: bied altijd psycho-educatie aan.', '', 'Onderbouwing', '', 'Uit onderzoek blijkt dat dit helpt.'].join('\n'));
    expect(doc.sections.map((s) => [s.level, s.number, s.heading, s.kind])).toEqual([
      [1, '3', 'Behandeling', 'chapter'],
      [2, null, 'Aanbeveling', 'recommendation'],
      [2, null, 'Onderbouwing', 'rationale'],
    ]);
    expect(doc.sections[1]?.blocks).toEqual([{ type: 'paragraph', text: 'bied altijd psycho-educatie aan.' }]);
  });

  it('drops page numbers and running lines whose number changes', () => {
    const lines = ['Tekst', 'Richtlijn ADHD | pagina 3 |', 'meer', 'Richtlijn ADHD | pagina 4 |', 'Richtlijn ADHD | pagina 5 |', '3.1 Aanpak in 2026', '3.2 Aanpak in 2027', '3.3 Aanpak in 2028'];
    expect(dropRunningLines(lines)).toEqual(['Tekst', 'meer', '3.1 Aanpak in 2026', '3.2 Aanpak in 2027', '3.3 Aanpak in 2028']);
  });

  it('joins a sentence that a page break split over two blocks', async () => {
    const doc = await importText('Dit is een zin die door een pagina-\n\nwissel wordt onderbroken en hier eindigt.\n\n12\n\nVolgende alinea.');
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Dit is een zin die door een paginawissel wordt onderbroken en hier eindigt.' },
      { type: 'paragraph', text: 'Volgende alinea.' },
    ]);
  });

  it('stays fast on pathological input (no quadratic work)', async () => {
    const oneBlock = Array.from({ length: 100_000 }, (_, i) => `Regel ${i} Met Hoofdletters`).join('\n');
    const manyHeadings = Array.from({ length: 30_000 }, (_, i) => `Kop nummer ${i}`).join('\n\n');
    const numbered = Array.from({ length: 50_000 }, (_, i) => `${(i % 90) + 1}.${(i % 50) + 1} Kop`).join('\n');
    for (const text of [oneBlock, manyHeadings, numbered]) {
      const started = Date.now();
      const doc = await importText(text);
      expect(doc.wordCount).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(8000);
    }
  }, 40_000);

  it('counts words close to wc -w', async () => {
    const text = 'Eén twee drie.\n\n• vier vijf\n\n6 zes';
    const doc = await importText(text);
    expect(doc.wordCount).toBe(7);
  });
});
