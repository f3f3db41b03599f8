/**
 * Word's automatic heading numbers ("4.2.1"): not in the text, computed from numbering.xml. Hand-
 * written parts pin Word's counting rules; a DOCX that LibreOffice wrote from an outline-numbered
 * document (tests/fixtures/import/genummerd.fodt → genummerd.docx, `soffice --headless
 * --convert-to docx genummerd.fodt`) checks the whole import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../electron/services/import/index.js';
import { formatNumber, numberedParagraphs } from '../../electron/services/import/docx-numbering.js';
import { readCentralDirectory, inflateEntry } from '../../electron/services/import/zip-guard.js';
import { zip } from '../fixtures/import/zip-writer.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const MAX = 50 * 1024 * 1024;

interface P {
  text: string;
  style?: string;
  num?: [numId: number, ilvl?: number];
  deleted?: boolean;
}

function documentXml(paragraphs: P[]): string {
  const body = paragraphs
    .map((p) => {
      const numPr = p.num ? `<w:numPr>${p.num[1] === undefined ? '' : `<w:ilvl w:val="${p.num[1]}"/>`}<w:numId w:val="${p.num[0]}"/></w:numPr>` : '';
      const pPr = `<w:pPr>${p.style ? `<w:pStyle w:val="${p.style}"/>` : ''}${numPr}</w:pPr>`;
      const run = p.deleted ? `<w:del w:id="1" w:author="x"><w:r><w:delText>${p.text}</w:delText></w:r></w:del>` : `<w:r><w:t xml:space="preserve">${p.text}</w:t></w:r>`;
      const wrapped = `<w:p>${pPr}${run}</w:p>`;
      return p.deleted ? wrapped.replace('<w:pPr>', '<w:pPr><w:rPr><w:del w:id="2" w:author="x"/></w:rPr>') : wrapped;
    })
    .join('');
  return `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
}

const level = (ilvl: number, text: string, extra = '', format = 'decimal', start = 1) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;

/** Heading styles numbered through their style (as Word and LibreOffice do), plus a few lists. */
const NUMBERING = `<?xml version="1.0"?><w:numbering ${W}>
  <w:abstractNum w:abstractNumId="10">${level(0, '%1', '<w:pStyle w:val="Heading1"/>')}${level(1, '%1.%2', '<w:pStyle w:val="Heading2"/>')}${level(2, '%1.%2.%3', '<w:pStyle w:val="Heading3"/>')}</w:abstractNum>
  <w:abstractNum w:abstractNumId="20">${level(0, '%1)', '', 'lowerLetter')}${level(1, '%2.', '', 'upperRoman')}</w:abstractNum>
  <w:abstractNum w:abstractNumId="30">${level(0, '•', '', 'bullet')}</w:abstractNum>
  <w:abstractNum w:abstractNumId="40">${level(0, 'Hoofdstuk %1')}${level(1, 'Bijlage %1.%2', '<w:isLgl/>', 'upperLetter')}</w:abstractNum>
  <w:abstractNum w:abstractNumId="50">${level(0, '%1')}${level(1, '%1.%2', '<w:lvlRestart w:val="0"/>')}</w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="40"/></w:num>
  <w:num w:numId="6"><w:abstractNumId w:val="50"/></w:num>
</w:numbering>`;

const STYLES = `<?xml version="1.0"?><w:styles ${W}>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Heading2"/><w:pPr><w:numPr><w:ilvl w:val="2"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Hoofdstukkop"><w:name w:val="Hoofdstukkop"/><w:basedOn w:val="Heading1"/></w:style>
</w:styles>`;

const labels = (paragraphs: P[]) => numberedParagraphs(documentXml(paragraphs), STYLES, NUMBERING).map((n) => `${n.label} | ${n.text}`);

describe('Word numbering: counting as Word does', () => {
  it('numbers headings through their styles, restarting deeper levels, following basedOn', () => {
    expect(
      labels([
        { text: 'Inleiding', style: 'Heading1' },
        { text: 'Doel', style: 'Heading2' },
        { text: 'Gewone tekst' },
        { text: 'Doelgroep', style: 'Heading2' },
        { text: 'Leeftijd', style: 'Heading3' },
        { text: 'Diagnostiek', style: 'Hoofdstukkop' },
        { text: 'Signalering', style: 'Heading2' },
      ]),
    ).toEqual(['1 | Inleiding', '1.1 | Doel', '1.2 | Doelgroep', '1.2.1 | Leeftijd', '2 | Diagnostiek', '2.1 | Signalering']);
  });

  it('a deeper level before any higher one shows the start values; numId 0 switches numbering off', () => {
    expect(
      labels([
        { text: 'Vooraf', style: 'Heading2' },
        { text: 'Zonder nummer', style: 'Heading1', num: [0] },
        { text: 'Eerste', style: 'Heading1' },
      ]),
    ).toEqual(['1.1 | Vooraf', '1 | Eerste']);
  });

  it('formats letters and roman numerals; instances share counters unless startOverride restarts them', () => {
    expect(
      labels([
        { text: 'een', num: [2, 0] },
        { text: 'twee', num: [2, 0] },
        { text: 'sub', num: [2, 1] },
        { text: 'sub twee', num: [2, 1] },
        { text: 'drie', num: [2, 0] },
        { text: 'vervolg', num: [2, 0] },
        { text: 'opnieuw', num: [3, 0] },
        { text: 'daarna', num: [3, 0] },
      ]),
    ).toEqual(['a) | een', 'b) | twee', 'I. | sub', 'II. | sub twee', 'c) | drie', 'd) | vervolg', 'a) | opnieuw', 'b) | daarna']);
  });

  it('leaves bullets out, keeps literal text in the label, honours isLgl and lvlRestart 0', () => {
    expect(
      labels([
        { text: 'punt', num: [4, 0] },
        { text: 'Inleiding', num: [5, 0] },
        { text: 'Tabellen', num: [5, 1] },
        { text: 'Methode', num: [5, 0] },
        { text: 'Figuren', num: [5, 1] },
        { text: 'A', num: [6, 0] },
        { text: 'A1', num: [6, 1] },
        { text: 'B', num: [6, 0] },
        { text: 'B1', num: [6, 1] },
      ]),
    ).toEqual(['Hoofdstuk 1 | Inleiding', 'Bijlage 1.1 | Tabellen', 'Hoofdstuk 2 | Methode', 'Bijlage 2.1 | Figuren', '1 | A', '1.1 | A1', '2 | B', '2.2 | B1']);
  });

  it('skips deleted text; a document without numbering gives nothing, damaged numbering XML throws for the caller to ignore', () => {
    expect(labels([{ text: 'Weg', style: 'Heading1', deleted: true }, { text: 'Blijft', style: 'Heading1' }])).toEqual(['1 | Blijft']);
    expect(numberedParagraphs(documentXml([{ text: 'x', style: 'Heading1' }]), STYLES, '')).toEqual([]);
    expect(() => numberedParagraphs(documentXml([]), STYLES, '<w:numbering><w:num')).toThrow();
  });

  it('formats numbers', () => {
    expect([1, 26, 27, 53].map((n) => formatNumber(n, 'lowerLetter'))).toEqual(['a', 'z', 'aa', 'aaa']);
    expect([4, 9, 14, 1994].map((n) => formatNumber(n, 'upperRoman'))).toEqual(['IV', 'IX', 'XIV', 'MCMXCIV']);
    expect([formatNumber(7, 'decimalZero'), formatNumber(3, 'ordinal'), formatNumber(3, 'none'), formatNumber(3, 'bullet')]).toEqual(['07', '3e', '', null]);
  });
});

describe('DOCX import with automatic heading numbers', () => {
  it('a LibreOffice document with outline numbering gets its chapter numbers and levels', async () => {
    const doc = await parseDocument(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'genummerd.docx'))), 'genummerd.docx', { maxBytes: MAX });
    expect(doc.sections.map((s) => [s.level, s.number, s.heading])).toEqual([
      [1, '1', 'Inleiding'],
      [2, '1.1', 'Doelgroep'],
      [2, '1.2', 'Werkwijze'],
      [1, '2', 'Diagnostiek'],
      [2, '2.1', 'Signalering'],
      [3, '2.1.1', 'Vragenlijsten'],
      [3, '2.1.2', 'Observatie'],
      [1, '3', 'Behandeling'],
      [2, '3.1', 'Psycho-educatie'],
    ]);
    expect(doc.sections[5]?.blocks).toEqual([{ type: 'paragraph', text: 'Gebruik een gevalideerde vragenlijst.' }]);
  });

  it('a heading that also carries its number as typed text is not numbered twice', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'genummerd.docx')));
    const entries = readCentralDirectory(bytes).map((e) => ({ name: e.name, data: new Uint8Array(inflateEntry(bytes, e)) }));
    const document = entries.find((e) => e.name === 'word/document.xml');
    if (!document) throw new Error('no document.xml');
    const xml = Buffer.from(document.data).toString('utf8');
    expect(xml).toContain('>Doelgroep<');
    document.data = new Uint8Array(Buffer.from(xml.replace('>Inleiding<', '>1 Inleiding<').replace('>Doelgroep<', '>1.1 Doelgroep<'), 'utf8'));
    const doc = await parseDocument(zip(entries), 'genummerd.docx', { maxBytes: MAX });
    expect(doc.sections.slice(0, 3).map((s) => [s.number, s.heading])).toEqual([
      ['1', 'Inleiding'],
      ['1.1', 'Doelgroep'],
      ['1.2', 'Werkwijze'],
    ]);
  });
});
