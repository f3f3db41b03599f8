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
