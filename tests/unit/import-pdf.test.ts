import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument, ParsedSection } from '../../common/document.js';
import { ImportError, parseDocument } from '../../electron/services/import/index.js';
import { buildLines, fontStats, linesToItems, removePageFurniture, type PdfItem, type PdfPage } from '../../electron/services/import/pdf-layout.js';

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

function allText(doc: ParsedDocument): string {
  return doc.sections
    .map((s) =>
      [s.number === s.heading ? '' : (s.number ?? ''), s.heading, ...s.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.type === 'list' ? b.items.join('\n') : b.rows.map((r) => r.join(' ')).join('\n')))].join('\n'),
    )
    .join('\n');
}

function section(doc: ParsedDocument, number: string): ParsedSection {
  const found = doc.sections.find((s) => s.number === number);
  if (!found) throw new Error(`no section ${number} in ${doc.sections.map((s) => s.number ?? s.heading).join(', ')}`);
  return found;
}

describe('PDF import of a guideline (fixture richtlijn-adhd.pdf)', () => {
  let doc: ParsedDocument;
  const steps: string[] = [];
  it('reads the document with title, page count and progress in Dutch', async () => {
    doc = await parseDocument(fixture('richtlijn-adhd.pdf'), 'richtlijn-adhd.pdf', {
      maxBytes: MAX,
      onProgress: (_f, step) => steps.push(step),
    });
    expect(doc.format).toBe('pdf');
    expect(doc.pageCount).toBe(6);
    expect(doc.title).toBe('Richtlijn ADHD voor jeugdhulp en jeugdbescherming');
    expect(doc.warnings).toEqual([]);
    expect(steps).toContain('Pagina 1 van 6 lezen');
    expect(steps).toContain('Pagina 6 van 6 lezen');
    expect(steps).toContain('Structuur herkennen');
  }, 30_000);

  it('finds the numbered chapters and paragraphs with levels, kinds and pages', () => {
    const outline = doc.sections.map((s) => [s.level, s.number, s.heading, s.kind]);
    expect(outline).toEqual([
      [1, null, 'Richtlijn ADHD voor jeugdhulp en jeugdbescherming', 'other'],
      [1, '1', 'Inleiding', 'chapter'],
      [2, '1.1', 'Afbakening', 'section'],
      [1, '2', 'Signalering en diagnostiek', 'chapter'],
      [2, '2.1', 'Signalering', 'section'],
      [3, 'Aanbeveling 1', 'Aanbeveling 1', 'recommendation'],
      [2, '2.2', 'Diagnostiek', 'section'],
      [1, '3', 'Behandeling', 'chapter'],
      [2, '3.1', 'Psycho-educatie', 'section'],
      [3, null, 'Onderbouwing', 'rationale'],
      [3, null, 'Overwegingen', 'rationale'],
      [2, '3.2', 'Ouder- en leerkrachtbegeleiding', 'section'],
      [1, '4', 'Samenwerking', 'chapter'],
      [1, 'Bijlage 1', 'Literatuur', 'chapter'],
    ]);
    expect([section(doc, '1').pageStart, section(doc, '2').pageStart, section(doc, '3').pageStart, section(doc, 'Bijlage 1').pageStart]).toEqual([1, 2, 3, 6]);
    // 2.2 starts on page 2 and its paragraph runs on to page 3.
    expect([section(doc, '2.2').pageStart, section(doc, '2.2').pageEnd]).toEqual([2, 3]);
  });

  it('removes the running header and the page numbers', () => {
    const text = allText(doc);
    expect(text).not.toContain('Conceptversie 2026');
    expect(text).not.toMatch(/Pagina \d van 6/);
  });

  it('repairs hyphenation at line ends but keeps real hyphens', () => {
    const p = section(doc, '2.1').blocks[0];
    expect(p).toEqual({
      type: 'paragraph',
      text: 'Professionals letten op signalen van concentratieproblemen en onrust. Goede begeleiding van ouders begint bij een zorgvuldige uitleg van wat ADHD wel en niet is. De jeugd- en gezinsprofessional bespreekt de zorgen altijd eerst met de ouders.',
    });
    const diagnostiek = section(doc, '2.2').blocks[0];
    expect(diagnostiek?.type === 'paragraph' && diagnostiek.text).toContain('Ouders vragen vaak naar ADHD-medicatie; de professional');
    expect(allText(doc)).toContain('Psycho-educatie is de eerste stap');
  });

  it('continues a paragraph across the page break', () => {
    const first = section(doc, '2.2').blocks[0];
    expect(first?.type === 'paragraph' && first.text).toContain('Zij zoekt samen met ouders en school naar verklaringen voor het gedrag van het kind.');
  });

  it('keeps bullet and numbered lists as list blocks, including a wrapped item', () => {
    expect(section(doc, '2.1').blocks).toContainEqual({
      type: 'list',
      ordered: false,
      items: [
        'aanhoudende concentratieproblemen thuis en op school;',
        'onrust en impulsief gedrag dat het dagelijks functioneren van het kind en het gezin ernstig en langdurig belemmert;',
        'zorgen van de leerkracht.',
      ],
    });
    expect(section(doc, '3.2').blocks).toContainEqual({
      type: 'list',
      ordered: true,
      items: ['kennismaken en doelen bepalen;', 'oefenen met nieuwe aanpakken;', 'evalueren en afronden.'],
    });
  });

  it('puts the boxed recommendation text in the recommendation section', () => {
    expect(section(doc, 'Aanbeveling 1').blocks).toEqual([
      { type: 'paragraph', text: 'Bespreek signalen van ADHD altijd eerst met de ouders en de jongere zelf, voordat je andere professionals inschakelt.' },
    ]);
  });

  it('counts the words of the whole text', () => {
    const count = allText(doc).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    expect(doc.wordCount).toBe(count);
    expect(doc.wordCount).toBeGreaterThan(700);
  });
});

describe('PDF errors', () => {
  it('refuses a truncated PDF as damaged', async () => {
    const error = await rejection(parseDocument(fixture('richtlijn-adhd-afgebroken.pdf'), 'x.pdf', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
    expect(error.message).toMatch(/onvolledig/);
  });

  it('refuses a PDF that needs a password', async () => {
    const error = await rejection(parseDocument(fixture('versleuteld.pdf'), 'x.pdf', { maxBytes: MAX }));
    expect(error.code).toBe('VERSLEUTELD');
    expect(error.message).toMatch(/wachtwoord/);
  });

  it('refuses a scanned PDF without text layer and says to make it searchable', async () => {
    const error = await rejection(parseDocument(fixture('gescand.pdf'), 'scan.pdf', { maxBytes: MAX }));
    expect(error.code).toBe('GEEN_TEKSTLAAG');
    expect(error.message).toContain('gescand');
    expect(error.message).toContain('zonder tekstlaag; maak eerst een doorzoekbare PDF (OCR)');
  });

  it('refuses a .pdf that is a web page', async () => {
    const error = await rejection(parseDocument(fixture('geen-pdf.pdf'), 'richtlijn.pdf', { maxBytes: MAX }));
    expect(error.code).toBe('GEEN_PDF');
  });

  it('refuses garbage that starts like a PDF as damaged', async () => {
    const bytes = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage garbage\n%%EOF\n', 'latin1'));
    const error = await rejection(parseDocument(bytes, 'x.pdf', { maxBytes: MAX }));
    expect(error.code).toBe('BESCHADIGD');
  });

  it('imports a PDF with one empty page but warns about it', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (let i = 0; i < 4; i++) {
      const page = pdf.addPage([595, 842]);
      page.drawText(`Pagina-inhoud nummer ${i + 1} met genoeg tekst om als tekstlaag te tellen.`, { x: 50, y: 700, size: 11, font });
    }
    pdf.addPage([595, 842]);
    const doc = await parseDocument(await pdf.save(), 'x.pdf', { maxBytes: MAX });
    expect(doc.pageCount).toBe(5);
    expect(doc.warnings).toEqual([expect.stringMatching(/^1 van de 5 pagina’s heeft \(bijna\) geen tekst/)]);
  });
});

describe('PDF layout across pages', () => {
  it('continues a list item that breaks off at the end of a page', () => {
    const page1: PdfPage = { number: 1, width: 595, height: 842, items: [item('• een punt dat doorloopt tot', 50, 780), item('Een alinea die stopt bij de', 50, 300)] };
    const page2: PdfPage = { number: 2, width: 595, height: 842, items: [item('volgende pagina.', 58, 100), item('• nieuw punt', 50, 120)] };
    // Page 1 is read top-down: the paragraph at y=300 comes before the item at y=780.
    const lines = [buildLines(page1), buildLines(page2)];
    const items = linesToItems(lines, fontStats(lines));
    expect(items.map((i) => (i.type === 'block' ? [i.block, i.page] : i.type))).toEqual([
      [{ type: 'paragraph', text: 'Een alinea die stopt bij de' }, 1],
      [{ type: 'list', ordered: false, items: ['een punt dat doorloopt tot volgende pagina.', 'nieuw punt'] }, 1],
    ]);
  });
});

describe('PDF layouts through pdf.js', () => {
  it('reads a two-column page column by column and keeps a footnote mark on its line', async () => {
    const pdf = await PDFDocument.create();
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    const page = pdf.addPage([595, 842]);
    page.drawText('5 Twee kolommen', { x: 50, y: 770, size: 16, font: bold });
    const left = ['De linkerkolom begint hier met', 'een zin die over meerdere regels', 'doorloopt tot het einde van de', 'kolom en daar ophoudt.'];
    const right = ['De rechterkolom komt pas daarna', 'aan de beurt, ook al staan de', 'regels op dezelfde hoogte als', 'die van de linkerkolom.'];
    left.forEach((line, i) => page.drawText(line, { x: 50, y: 730 - i * 14, size: 10, font: regular }));
    right.forEach((line, i) => page.drawText(line, { x: 320, y: 730 - i * 14, size: 10, font: regular }));
    page.drawText('Een zin met een voetnoot', { x: 50, y: 640, size: 10, font: regular });
    page.drawText('1', { x: 50 + regular.widthOfTextAtSize('Een zin met een voetnoot', 10), y: 644, size: 6, font: regular });
    page.drawText('en verder.', { x: 50, y: 626, size: 10, font: regular });
    const doc = await parseDocument(await pdf.save(), 'kolommen.pdf', { maxBytes: MAX });
    expect(doc.sections.map((s) => [s.number, s.heading])).toEqual([['5', 'Twee kolommen']]);
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'De linkerkolom begint hier met een zin die over meerdere regels doorloopt tot het einde van de kolom en daar ophoudt.' },
      // Still in the left column, so read before the right column.
      { type: 'paragraph', text: 'Een zin met een voetnoot1 en verder.' },
      { type: 'paragraph', text: 'De rechterkolom komt pas daarna aan de beurt, ook al staan de regels op dezelfde hoogte als die van de linkerkolom.' },
    ]);
  }, 30_000);

  it('reads a lead paragraph in large type as text, not as a heading', async () => {
    const pdf = await PDFDocument.create();
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    const page = pdf.addPage([595, 842]);
    page.drawText('1 Inleiding', { x: 50, y: 770, size: 18, font: bold });
    page.drawText('Deze richtlijn helpt professionals om samen met ouders', { x: 50, y: 740, size: 13, font: regular });
    page.drawText('en jongeren de beste hulp te kiezen voor hun situatie.', { x: 50, y: 724, size: 13, font: regular });
    for (let i = 0; i < 6; i++) page.drawText(`Gewone tekst in de kleinere letter, regel ${i + 1} van de alinea`, { x: 50, y: 690 - i * 14, size: 10, font: regular });
    const doc = await parseDocument(await pdf.save(), 'lead.pdf', { maxBytes: MAX });
    expect(doc.sections.map((s) => s.heading)).toEqual(['Inleiding']);
    expect(doc.sections[0]?.blocks[0]).toEqual({ type: 'paragraph', text: 'Deze richtlijn helpt professionals om samen met ouders en jongeren de beste hulp te kiezen voor hun situatie.' });
  }, 30_000);
});

describe('PDF cancellation', () => {
  it('stops between pages when the signal aborts during the import', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await rejection(
      parseDocument(fixture('richtlijn-adhd.pdf'), 'x.pdf', {
        maxBytes: MAX,
        signal: controller.signal,
        onProgress: (_f, step) => {
          seen.push(step);
          if (step === 'Pagina 2 van 6 lezen') controller.abort();
        },
      }),
    );
    expect(error.code).toBe('GEANNULEERD');
    expect(seen).not.toContain('Pagina 4 van 6 lezen');
  });
});

// ---- Layout on made-up pages: no pdf.js involved, every coordinate is known. ----

function item(text: string, x: number, y: number, size = 10, bold = false): PdfItem {
  return { text, x, y, width: text.length * size * 0.5, size, font: bold ? 'B' : 'R', bold };
}

describe('PDF layout', () => {
  it('reads a two-column page column by column, with a full-width title first', () => {
    const items: PdfItem[] = [item('Titel over de volle breedte van de pagina heen', 50, 60, 16, true)];
    for (let i = 0; i < 8; i++) {
      items.push(item(`links regel ${i + 1} van de kolom met tekst`, 50, 100 + i * 12));
      items.push(item(`rechts regel ${i + 1} van de kolom met tekst`, 320, 100 + i * 12));
    }
    const lines = buildLines({ number: 1, width: 595, height: 842, items });
    expect(lines.map((l) => l.text)).toEqual([
      'Titel over de volle breedte van de pagina heen',
      ...Array.from({ length: 8 }, (_, i) => `links regel ${i + 1} van de kolom met tekst`),
      ...Array.from({ length: 8 }, (_, i) => `rechts regel ${i + 1} van de kolom met tekst`),
    ]);
  });

  it('reads a two-column table row by row (short cells are not text columns)', () => {
    const items: PdfItem[] = [];
    for (let i = 0; i < 6; i++) {
      items.push(item(`Fase ${i + 1}`, 50, 100 + i * 14));
      items.push(item(`Wie ${i + 1}`, 320, 100 + i * 14));
    }
    const lines = buildLines({ number: 1, width: 595, height: 842, items });
    expect(lines.map((l) => l.text)).toEqual(Array.from({ length: 6 }, (_, i) => `Fase ${i + 1} Wie ${i + 1}`));
    // Each line keeps its cells, and the rows make one table.
    expect(lines[0]?.cells?.map((c) => [c.x0, c.text, c.apart])).toEqual([
      [50, 'Fase 1', false],
      [320, 'Wie 1', true],
    ]);
    expect(blocks([lines])).toEqual([['table', Array.from({ length: 6 }, (_, i) => [`Fase ${i + 1}`, `Wie ${i + 1}`])]]);
  });

  it('joins items on one baseline with spaces only where there is a gap', () => {
    const lines = buildLines({
      number: 1,
      width: 595,
      height: 842,
      items: [
        { text: 'begelei', x: 50, y: 100, width: 35, size: 10, font: 'R', bold: false },
        { text: 'ding', x: 85, y: 100, width: 20, size: 10, font: 'R', bold: false },
        { text: 'van', x: 110, y: 100.5, width: 15, size: 10, font: 'R', bold: false },
      ],
    });
    expect(lines.map((l) => l.text)).toEqual(['begeleiding van']);
  });

  it('removes headers and footers that repeat (ignoring digits) and page numbers, not body lines', () => {
    const pages: PdfPage[] = Array.from({ length: 5 }, (_, i) => ({
      number: i + 1,
      width: 595,
      height: 842,
      items: [
        item(`Jaarverslag ${2020 + (i % 2)} – hoofdstuk ${i + 1}`, 50, 40, 8),
        item(`Tekst op pagina ${i + 1} die uniek is.`, 50, 300),
        item('Deze zin staat op elke pagina midden in de tekst.', 50, 400),
        item(i % 2 ? `- ${i + 1} -` : `${i + 1}`, 290, 810, 8),
      ],
    }));
    const lines = pages.map((p) => buildLines(p));
    const { pages: cleaned, removedLines } = removePageFurniture(lines, pages.map((p) => p.height));
    expect(removedLines).toBe(10);
    expect(cleaned.map((p) => p.map((l) => l.text))).toEqual(
      pages.map((_, i) => [`Tekst op pagina ${i + 1} die uniek is.`, 'Deze zin staat op elke pagina midden in de tekst.']),
    );
  });

  it('keeps a top line that appears on only one page', () => {
    const pages: PdfPage[] = Array.from({ length: 4 }, (_, i) => ({
      number: i + 1,
      width: 595,
      height: 842,
      items: [item(i === 0 ? 'Hoofdstuk 1 Inleiding' : `Doorlopende tekst ${i}`, 50, 50, 14), item('Gewone tekst.', 50, 300)],
    }));
    const { pages: cleaned } = removePageFurniture(pages.map(buildLines), pages.map((p) => p.height));
    expect(cleaned[0]?.map((l) => l.text)).toEqual(['Hoofdstuk 1 Inleiding', 'Gewone tekst.']);
  });

  it('finds headings by size and boldness and splits paragraphs at vertical gaps', () => {
    const page: PdfPage = {
      number: 1,
      width: 595,
      height: 842,
      items: [
        item('2 Diagnostiek', 50, 100, 16, true),
        item('Eerste alinea, regel een', 50, 130),
        item('en regel twee.', 50, 142),
        item('Tweede alinea na witruimte.', 50, 170),
        item('Aandachtspunten', 50, 200, 10, true),
        item('• eerste punt', 50, 220),
        item('• tweede punt dat', 50, 232),
        item('doorloopt', 58, 244),
        item('Afsluitende tekst.', 50, 280),
      ],
    };
    const lines = [buildLines(page)];
    const items = linesToItems(lines, fontStats(lines));
    expect(items.map((i) => (i.type === 'heading' ? ['h', i.text, i.rank] : i.type === 'block' ? ['b', i.block] : [i.type]))).toEqual([
      ['h', '2 Diagnostiek', 1],
      ['b', { type: 'paragraph', text: 'Eerste alinea, regel een en regel twee.' }],
      ['b', { type: 'paragraph', text: 'Tweede alinea na witruimte.' }],
      ['h', 'Aandachtspunten', 2],
      ['b', { type: 'list', ordered: false, items: ['eerste punt', 'tweede punt dat doorloopt'] }],
      ['b', { type: 'paragraph', text: 'Afsluitende tekst.' }],
    ]);
  });
});

// ---- Tables on made-up pages ----

function page(items: PdfItem[], number = 1): PdfPage {
  return { number, width: 595, height: 842, items };
}

/** Blocks as [type, content], after furniture removal, as pdf.ts does it. */
function blocks(lines: ReturnType<typeof buildLines>[]): unknown[] {
  const { pages } = removePageFurniture(lines, lines.map(() => 842));
  return linesToItems(pages, fontStats(pages)).map((i) =>
    i.type === 'heading' ? ['h', i.text] : i.type === 'block' ? [i.block.type, i.block.type === 'paragraph' ? i.block.text : i.block.type === 'list' ? i.block.items : i.block.rows] : [i.type],
  );
}

/** A row of cells at the given left edges. */
function row(cells: [string, number][], y: number, size = 10, bold = false): PdfItem[] {
  return cells.filter(([text]) => text !== '').map(([text, x]) => item(text, x, y, size, bold));
}

/** Body text: n lines of running text from y on, 14 pt apart. */
function text(y: number, n: number, x = 50): PdfItem[] {
  return Array.from({ length: n }, (_, i) => ({ ...item(`Dit is regel ${i + 1} van een gewone alinea met lopende tekst erin`, x, y + i * 14), width: 440 }));
}

describe('PDF tables', () => {
  it('reads a table with a header row as a table block between the paragraphs around it', () => {
    const items = [
      ...text(100, 3),
      ...row([['Middel', 50], ['Dosering', 200], ['Opmerking', 330]], 160, 10, true),
      ...row([['Methylfenidaat', 50], ['laag beginnen', 200], ['bij slapeloosheid verlagen', 330]], 174),
      ...row([['Dexamfetamine', 50], ['5 mg per dag', 200], ['tweede keus', 330]], 188),
      ...row([['Atomoxetine', 50], ['0,5 mg/kg', 200], ['geen stimulant', 330]], 202),
      item('Na de tabel gaat de tekst verder met een zin.', 50, 235),
    ];
    expect(blocks([buildLines(page(items))])).toEqual([
      ['paragraph', expect.stringMatching(/^Dit is regel 1 .* regel 3 van een gewone alinea met lopende tekst erin$/)],
      [
        'table',
        [
          ['Middel', 'Dosering', 'Opmerking'],
          ['Methylfenidaat', 'laag beginnen', 'bij slapeloosheid verlagen'],
          ['Dexamfetamine', '5 mg per dag', 'tweede keus'],
          ['Atomoxetine', '0,5 mg/kg', 'geen stimulant'],
        ],
      ],
      ['paragraph', 'Na de tabel gaat de tekst verder met een zin.'],
    ]);
  });

  it('continues a wrapped cell in its row: text only further right, or a first column that goes on in lower case', () => {
    const items = [
      ...text(60, 3),
      ...row([['Fase', 50], ['Wie', 200], ['Wat', 330]], 120),
      ...row([['Kennismaken', 50], ['ouders en', 200], ['doelen bepalen met het gezin en', 330]], 134),
      ...row([['jongere', 200], ['de school samen', 330]], 148),
      ...row([['Oefenen met', 50], ['ouders', 200], ['nieuwe aanpakken thuis', 330]], 162),
      ...row([['nieuwe aanpak-', 50]], 176),
      ...row([['ken', 50], ['en op school', 330]], 190),
      ...row([['Evalueren', 50], ['iedereen', 200], ['afronden', 330]], 204),
    ];
    const table = blocks([buildLines(page(items))])[1];
    expect(table).toEqual([
      'table',
      [
        ['Fase', 'Wie', 'Wat'],
        ['Kennismaken', 'ouders en jongere', 'doelen bepalen met het gezin en de school samen'],
        ['Oefenen met nieuwe aanpakken', 'ouders', 'nieuwe aanpakken thuis en op school'],
        ['Evalueren', 'iedereen', 'afronden'],
      ],
    ]);
  });

  it('tells rows by their spacing when the table sets rows further apart than the lines of a cell', () => {
    // As LibreOffice sets a table with cell padding: 15.4 pt between rows, 10.4 within a cell.
    const items = [
      ...text(60, 3),
      ...row([['Mijlpaal', 50], ['Wanneer', 400]], 120, 9, true),
      ...row([['Wetsvoorstel gericht op centraliseren van de', 50], ['VGR 1', 400]], 135.4, 9),
      ...row([['Jeugd is aangenomen', 50]], 145.8, 9),
      ...row([['Digitale toolbox gemaakt', 50], ['VGR 1', 400]], 161.2, 9),
      ...row([['Verbeterde zelfevaluatietool', 50], ['VGR 2', 400]], 176.6, 9),
      ...row([['Pilots gestart', 50]], 187, 9),
      ...text(220, 2),
    ];
    expect(blocks([buildLines(page(items))])[1]).toEqual([
      'table',
      [
        ['Mijlpaal', 'Wanneer'],
        ['Wetsvoorstel gericht op centraliseren van de Jeugd is aangenomen', 'VGR 1'],
        ['Digitale toolbox gemaakt', 'VGR 1'],
        ['Verbeterde zelfevaluatietool Pilots gestart', 'VGR 2'],
      ],
    ]);
  });

  it('joins a table that goes on on the next page: the repeated header row goes, a broken row goes on', () => {
    const header = (y: number): PdfItem[] => row([['Activiteit', 50], ['Kwartaal', 250], ['Toelichting', 350]], y, 10, true);
    const first = page([
      ...text(100, 40),
      ...header(680),
      ...row([['Perspectiefplan', 50], ['Q1', 250], ['Elk perspectief maakt een plan', 350]], 694),
      ...row([['Uitvoering', 50], ['Q2', 250], ['De plannen worden uitgevoerd via', 350]], 708),
    ]);
    const second = page(
      [
        ...header(60),
        ...row([['bijeenkomsten en werkvormen.', 350]], 74),
        ...row([['Samen leren', 50], ['Q4', 250], ['Monitoring van de voortgang', 350]], 88),
        ...text(120, 3),
      ],
      2,
    );
    const tables = blocks([buildLines(first), buildLines(second)]).filter((b) => (b as string[])[0] === 'table');
    expect(tables).toEqual([
      [
        'table',
        [
          ['Activiteit', 'Kwartaal', 'Toelichting'],
          ['Perspectiefplan', 'Q1', 'Elk perspectief maakt een plan'],
          ['Uitvoering', 'Q2', 'De plannen worden uitgevoerd via bijeenkomsten en werkvormen.'],
          ['Samen leren', 'Q4', 'Monitoring van de voortgang'],
        ],
      ],
    ]);
  });

  it('takes a last row alone at the top of the next page into the table, in the same columns', () => {
    const first = page([
      ...text(100, 40),
      ...row([['Post', 50], ['2026', 250]], 680, 10, true),
      ...row([['Netwerk', 50], ['3.255', 250]], 694),
      ...row([['Advies', 50], ['506', 250]], 708),
    ]);
    const second = page([...row([['Totaal', 50], ['3.761', 250]], 60), ...text(100, 3)], 2);
    const found = blocks([buildLines(first), buildLines(second)]);
    expect(found.filter((b) => (b as string[])[0] === 'table')).toEqual([
      [
        'table',
        [
          ['Post', '2026'],
          ['Netwerk', '3.255'],
          ['Advies', '506'],
          ['Totaal', '3.761'],
        ],
      ],
    ]);
    // A row alone at the top of a page does not join a table that did not end the page before.
    const ended = page([...first.items, item('Een zin onder de tabel.', 50, 740)]);
    expect(blocks([buildLines(ended), buildLines(second)]).filter((b) => (b as string[])[0] === 'table')).toHaveLength(1);
  });

  it('finds a table in one column of a two-column page', () => {
    const items: PdfItem[] = [];
    for (let i = 0; i < 16; i++) items.push({ ...item(`links regel ${i + 1} van de kolom met tekst${i === 15 ? '.' : ''}`, 50, 100 + i * 14), width: 230 });
    for (let i = 0; i < 10; i++) items.push({ ...item(`Rechts regel ${i + 1} van de kolom met tekst${i === 9 ? '.' : ''}`, 310, 100 + i * 14), width: 230 });
    items.push(...row([['Rol', 310], ['Taak', 420]], 254, 10, true));
    items.push(...row([['Ouders', 310], ['beslissen mee', 420]], 268));
    items.push(...row([['School', 310], ['signaleert', 420]], 282));
    items.push(...row([['Huisarts', 310], ['verwijst', 420]], 296));
    const lines = buildLines(page(items));
    expect(lines.filter((l) => l.column === 1)).toHaveLength(14);
    const found = blocks([lines]);
    expect(found).toEqual([
      ['paragraph', expect.stringMatching(/^links regel 1 .* links regel 16 van de kolom met tekst\.$/)],
      ['paragraph', expect.stringMatching(/^Rechts regel 1 .* Rechts regel 10 van de kolom met tekst\.$/)],
      [
        'table',
        [
          ['Rol', 'Taak'],
          ['Ouders', 'beslissen mee'],
          ['School', 'signaleert'],
          ['Huisarts', 'verwijst'],
        ],
      ],
    ]);
  });

  it('reads a table whose wide first column looks like a column of text as one table, not two columns', () => {
    // Ragged cells left of x=270 could pass for a column of text beside the other two columns.
    const cells: [string[], string, string[]][] = [
      [['Uitvoering van de narratieve strategie', 'door verhalen met netwerken'], 'Q1 - Q4', ['We verbinden in verhalen rond', 'bepaalde thema’s en programma’s', 'en zijn een platform waar mensen', 'elkaar kunnen vinden.']],
      [['Meer de taal van het werkveld spreken'], 'Q1 - Q4', ['De verhalen sluiten meer aan bij', 'het werkveld, met oog voor de', 'diversiteit van professionals.']],
      [['Netwerkpartners en hun drijfveren', 'goed in kaart brengen'], 'Q1 - Q2', ['We realiseren ons dat er verschil is', 'in perspectieven en niveaus binnen', 'organisaties.']],
      [['Focus op de website'], 'Doorlopend', ['In 2025 is de doorontwikkeling van', 'de website gestart die in 2026 verder', 'zal doorgaan met een plan van aanpak.']],
    ];
    const items: PdfItem[] = [...row([['Activiteit', 50], ['Kwartaal', 290], ['Toelichting', 370]], 100, 9, true)];
    let y = 115.4;
    for (const [left, middle, right] of cells) {
      left.forEach((t, i) => items.push({ ...item(t, 50, y + i * 10.4, 9), width: t.length * 4.2 }));
      items.push(item(middle, 290, y, 9));
      right.forEach((t, i) => items.push({ ...item(t, 370, y + i * 10.4, 9), width: 175 }));
      y += Math.max(left.length, right.length) * 10.4 + 5;
    }
    const lines = buildLines(page(items));
    expect(lines.every((l) => l.column === 0)).toBe(true);
    expect(blocks([lines])).toEqual([
      [
        'table',
        [
          ['Activiteit', 'Kwartaal', 'Toelichting'],
          ...cells.map(([left, middle, right]) => [left.join(' '), middle, right.join(' ')]),
        ],
      ],
    ]);
  });

  it('leaves loosely justified text, a single line with a tab, numbered headings and a list as they were', () => {
    // Justified text set word by word with gaps of 1.2 em that line up on two lines.
    const spaced = (words: string[], y: number): PdfItem[] => {
      let x = 50;
      return words.map((w) => {
        const it = item(w, x, y);
        x += it.width + 12;
        return it;
      });
    };
    const items = [
      ...spaced(['Deze', 'zinnen', 'staan', 'ruim', 'verdeeld', 'over', 'de', 'regel'], 100),
      ...spaced(['Twee', 'regels', 'met', 'woorden', 'die', 'ver', 'uit', 'elkaar'], 114),
      ...spaced(['staan', 'omdat', 'de', 'tekst', 'is', 'uitgevuld', 'tot', 'rand.'], 128),
      // A short last line under a loose one: its gaps line up, but the loose line has more.
      ...spaced(['Deze', 'zinnen', 'staan', 'ruim', 'verdeeld', 'over', 'de', 'regel'], 150),
      ...spaced(['Twee', 'regels', 'eind.'], 164),
      ...row([['Stap 1', 50], ['Kennismaken met het gezin', 120]], 200),
      ...text(214, 2),
      ...row([['2', 50], ['Behandeling', 90]], 250),
      ...row([['2.1', 50], ['Psycho-educatie', 90]], 264),
      ...text(278, 2),
      ...row([['•', 50], ['eerste punt van de lijst', 68]], 300),
      ...row([['•', 50], ['tweede punt van de lijst', 68]], 314),
      ...row([['•', 50], ['derde punt van de lijst', 68]], 328),
    ];
    const found = blocks([buildLines(page(items))]);
    expect(found.filter((b) => (b as string[])[0] === 'table')).toEqual([]);
    expect(found.slice(0, 2)).toEqual([
      ['paragraph', 'Deze zinnen staan ruim verdeeld over de regel Twee regels met woorden die ver uit elkaar staan omdat de tekst is uitgevuld tot rand.'],
      ['paragraph', 'Deze zinnen staan ruim verdeeld over de regel Twee regels eind.'],
    ]);
    expect(found).toContainEqual(['list', ['eerste punt van de lijst', 'tweede punt van de lijst', 'derde punt van de lijst']]);
    expect(JSON.stringify(found)).toContain('Stap 1 Kennismaken met het gezin');
    expect(JSON.stringify(found)).toContain('2.1 Psycho-educatie');
  });

  it('leaves a table of contents alone, with or without dot leaders', () => {
    const entries = [
      ['1 Inleiding', '3'],
      ['2 Diagnostiek', '7'],
      ['2.1 Signalering', '8'],
      ['3 Behandeling', '12'],
    ];
    const withoutDots = entries.flatMap(([title, n], i) => row([[title ?? '', 50], [n ?? '', 500]], 100 + i * 14));
    const withDots = entries.flatMap(([title, n], i) => [item(`${title} ${'.'.repeat(40)}`, 50, 300 + i * 14), item(n ?? '', 500, 300 + i * 14)]);
    const found = blocks([buildLines(page([...withoutDots, ...text(180, 3), ...withDots]))]);
    expect(found.filter((b) => (b as string[])[0] === 'table')).toEqual([]);
    expect(found).toContainEqual(['list', ['1 Inleiding 3', '2 Diagnostiek 7', '2.1 Signalering 8', '3 Behandeling 12']]);
  });

  it('keeps reading a two-column page of text column by column, without tables', () => {
    const items: PdfItem[] = [];
    for (let i = 0; i < 10; i++) {
      items.push({ ...item(`links regel ${i} van de kolom met lopende tekst erin`, 60, 100 + i * 12), width: 230 });
      items.push({ ...item(`rechts regel ${i} van de kolom met lopende tekst`, 310, 100 + i * 12), width: 230 });
    }
    // The left column's sentence goes on at the top of the right one: one paragraph, read in order.
    expect(blocks([buildLines(page(items))])).toEqual([
      ['paragraph', expect.stringMatching(/^links regel 0 .* links regel 9 van de kolom met lopende tekst erin rechts regel 0 .* rechts regel 9 van de kolom met lopende tekst$/)],
    ]);
  });
});

describe('PDF tables through pdf.js', () => {
  it('reads a table with borders and a wrapped cell from a generated PDF', async () => {
    const pdf = await PDFDocument.create();
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    const pg = pdf.addPage([595, 842]);
    pg.drawText('3 Behandeling', { x: 50, y: 770, size: 16, font: bold });
    const body = ['Bij de keuze van medicatie wegen ouders en professional de voor- en nadelen af.', 'De tabel hieronder zet de middelen op een rij.'];
    body.forEach((t, i) => pg.drawText(t, { x: 50, y: 740 - i * 14, size: 10, font: regular }));
    const columns = [50, 190, 330];
    const rows = [
      [['Middel'], ['Dosering'], ['Opmerking']],
      [['Methylfenidaat'], ['laag beginnen,', 'langzaam ophogen'], ['eerste keus']],
      [['Dexamfetamine'], ['5 mg per dag'], ['bij onvoldoende effect', 'van methylfenidaat']],
      [['Atomoxetine'], ['0,5 mg/kg'], ['geen stimulant']],
    ];
    let y = 690;
    rows.forEach((cells, r) => {
      const height = Math.max(...cells.map((c) => c.length)) * 12 + 6;
      cells.forEach((lines, c) => lines.forEach((t, k) => pg.drawText(t, { x: (columns[c] ?? 0) + 4, y: y - 12 - k * 12, size: 10, font: r === 0 ? bold : regular })));
      pg.drawLine({ start: { x: 50, y }, end: { x: 545, y }, thickness: 0.5 });
      y -= height;
    });
    pg.drawLine({ start: { x: 50, y }, end: { x: 545, y }, thickness: 0.5 });
    for (const x of [...columns, 545]) pg.drawLine({ start: { x, y: 690 }, end: { x, y }, thickness: 0.5 });
    pg.drawText('Na de tabel volgt weer gewone tekst.', { x: 50, y: y - 30, size: 10, font: regular });
    const doc = await parseDocument(await pdf.save(), 'tabel.pdf', { maxBytes: MAX });
    expect(doc.sections.map((s) => [s.number, s.heading])).toEqual([['3', 'Behandeling']]);
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: body.join(' ') },
      {
        type: 'table',
        rows: [
          ['Middel', 'Dosering', 'Opmerking'],
          ['Methylfenidaat', 'laag beginnen, langzaam ophogen', 'eerste keus'],
          ['Dexamfetamine', '5 mg per dag', 'bij onvoldoende effect van methylfenidaat'],
          ['Atomoxetine', '0,5 mg/kg', 'geen stimulant'],
        ],
      },
      { type: 'paragraph', text: 'Na de tabel volgt weer gewone tekst.' },
    ]);
  }, 30_000);

  it('reads the tables of real reports (LibreOffice PDFs of the seeds) cell for cell as their Word files have them', async () => {
    const SEEDS = path.resolve(import.meta.dirname, '../fixtures/seeds');
    const tables = (doc: ParsedDocument): string[][][] =>
      doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'table' ? [b.rows.map((r) => r.map((c) => c.replace(/\s+/g, ' ').trim()))] : [])));
    const read = async (name: string, ext: string): Promise<ParsedDocument> =>
      parseDocument(new Uint8Array(fs.readFileSync(path.join(SEEDS, `${name}.${ext}`))), `${name}.${ext}`, { maxBytes: MAX });
    // 004: nine tables of milestones, most running over two or three pages with the header row
    // repeated and rows broken across the page. 003: a three-column table whose first column is
    // wide enough to pass for a column of text, over two pages.
    for (const name of ['004-zorg-voor-de-jeugd-slotrapportage', '003-hervormingsagenda-veranderstrategie']) {
      const [pdf, docx] = [tables(await read(name, 'pdf')), tables(await read(name, 'docx'))];
      expect(pdf.length, name).toBe(docx.length);
      pdf.forEach((t, i) => expect(t, `${name} table ${i + 1}`).toEqual(docx[i]));
    }
  }, 60_000);
});
