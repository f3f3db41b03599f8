import { describe, expect, it } from 'vitest';
import type { ParsedSection } from '../../common/document.js';
import { coreTitle, outlineStyles } from '../../electron/services/import/docx.js';
import { htmlToItems } from '../../electron/services/import/html.js';
import { hyphenatedPairs, joinLines } from '../../electron/services/import/lines.js';
import { buildLines, fontStats, linesToItems, removePageFurniture, type PdfItem, type PdfPage } from '../../electron/services/import/pdf-layout.js';
import { buildSections, type StructureItem } from '../../electron/services/import/structure.js';

/**
 * The importer changes that the seed fixtures (tests/unit/import-seed-formats.test.ts) called for,
 * each on a small made-up input: a Word file saved by LibreOffice, LibreOffice's HTML, and PDF
 * pages laid out like real reports (running chapter headers, two columns with a narrow gutter,
 * justified hyphenation, heading styles just above the text size).
 */

function item(text: string, x: number, y: number, size = 10, bold = false): PdfItem {
  return { text, x, y, width: text.length * size * 0.5, size, font: bold ? 'B' : 'R', bold };
}

function page(items: PdfItem[], number = 1): PdfPage {
  return { number, width: 595, height: 842, items };
}

/** Lines to structure items, furniture removed, as pdf.ts does it. */
function itemsOf(pages: PdfPage[]): StructureItem[] {
  const { pages: lines } = removePageFurniture(pages.map(buildLines), pages.map((p) => p.height));
  return linesToItems(lines, fontStats(lines));
}

function summary(items: StructureItem[]): unknown[] {
  return items.map((i) => (i.type === 'heading' ? ['h', i.text] : i.type === 'block' ? [i.block.type, i.block.type === 'list' ? i.block.items : i.block.type === 'paragraph' ? i.block.text : i.block.rows] : [i.type]));
}

/** Ten lines of body text from y on, to give a page its body size. */
function body(x: number, y: number, n = 10, text = 'gewone tekst van een alinea die doorloopt tot de rand'): PdfItem[] {
  return Array.from({ length: n }, (_, i) => item(`${text} ${i}.`, x, y + i * 12));
}

describe('DOCX: headings in styles of their own and the title in the properties', () => {
  it('maps styles based on a heading style, or with an outline level, to heading levels', () => {
    const styles = `<w:styles>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1Break"><w:name w:val="Heading 1 Break"/><w:basedOn w:val="Heading1"/><w:pPr><w:pageBreakBefore/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="Kop 2"/></w:style>
      <w:style w:type="paragraph" w:styleId="Kop2Nieuw"><w:name w:val="Kop 2 nieuw"/><w:basedOn w:val="Kop2"/></w:style>
      <w:style w:type="paragraph" w:styleId="Hoofdstuk"><w:name w:val="Hoofdstuktitel"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Tekst"><w:name w:val="Platte tekst"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="character" w:styleId="Kop1Char"><w:name w:val="Kop 1 Char"/><w:basedOn w:val="Heading1"/></w:style>
    </w:styles>`;
    expect([...outlineStyles(styles)]).toEqual([
      ['Heading 1 Break', 1],
      ['Kop 2 nieuw', 2],
      ['Hoofdstuktitel', 1],
    ]);
  });

  it('reads the title from the document properties, if there is a real one', () => {
    expect(coreTitle('<cp:coreProperties><dc:title>Jaarplan 2026 &amp; verder</dc:title></cp:coreProperties>')).toBe('Jaarplan 2026 & verder');
    expect(coreTitle('<cp:coreProperties><dc:title></dc:title></cp:coreProperties>')).toBeNull();
    expect(coreTitle('<cp:coreProperties><dc:title>12</dc:title></cp:coreProperties>')).toBeNull();
    expect(coreTitle('')).toBeNull();
  });
});

describe('HTML saved by LibreOffice', () => {
  it('leaves out the page header and footer, and names the document after <title> when each chapter is an <h1>', async () => {
    const html = `<html><head><title>Jaarplan 2026</title></head><body>
      <div title="header"><p>Introductie</p></div>
      <h1>Introductie</h1><p>Tekst van de introductie.</p>
      <h1>1. Netwerk en verbinding</h1><p>Tekst van hoofdstuk 1.</p>
      <div title="footer"><p>KBL Jaarplan 2026 | 3</p></div></body></html>`;
    const { items, title } = await htmlToItems(html);
    expect(title).toBe('Jaarplan 2026');
    expect(summary(items)).toEqual([
      ['h', 'Introductie'],
      ['paragraph', 'Tekst van de introductie.'],
      ['h', '1. Netwerk en verbinding'],
      ['paragraph', 'Tekst van hoofdstuk 1.'],
    ]);
  }, 30_000);

  it('still takes a single <h1> as the title', async () => {
    const { title } = await htmlToItems('<html><head><title>Richtlijn | Site</title></head><body><h1>ADHD</h1><p>Tekst.</p></body></html>');
    expect(title).toBe('ADHD');
  }, 30_000);
});

describe('structure: numbered headings below an unnumbered part', () => {
  const h = (text: string, rank: number): StructureItem => ({ type: 'heading', text, source: 'explicit', rank });
  const p = (text: string): StructureItem => ({ type: 'block', block: { type: 'paragraph', text } });
  const outline = (sections: ParsedSection[]): unknown[] => sections.map((s) => [s.level, s.number, s.heading, s.kind]);

  it('keeps "1. …" set as Heading 3 under the part it belongs to, not as chapter 1', async () => {
    const { sections } = await buildSections([
      h('Hoofdnotitie', 1),
      h('De veranderstrategie', 2),
      p('a'),
      h('1. De leercyclus doorlopen', 3),
      p('b'),
      h('2. Kennis benutten', 3),
      p('c'),
      h('Bijlage 1: Beoogde ontwikkeling', 1),
      p('d'),
    ]);
    expect(outline(sections)).toEqual([
      [1, null, 'Hoofdnotitie', 'chapter'],
      [2, null, 'De veranderstrategie', 'section'],
      [3, '1', 'De leercyclus doorlopen', 'section'],
      [3, '2', 'Kennis benutten', 'section'],
      [1, 'Bijlage 1', 'Beoogde ontwikkeling', 'chapter'],
    ]);
  });

  it('still reads numbered chapters whose styles are uneven as chapters', async () => {
    const { sections } = await buildSections([h('1 Inleiding', 1), p('a'), h('2 Kernthema’s', 2), p('b'), h('2.1 Jongeren', 3), p('c'), h('3 Overige thema’s', 2), p('d')]);
    expect(outline(sections).map((s) => (s as unknown[]).slice(0, 2))).toEqual([
      [1, '1'],
      [1, '2'],
      [2, '2.1'],
      [1, '3'],
    ]);
  });
});

describe('PDF: headings', () => {
  it('continues a heading with a line in the same type that could not be a heading alone', () => {
    const items = itemsOf([page([item('Leeragenda Regionale kenniswerkplaats', 60, 200, 26, true), item('2025-2028', 60, 232, 26, true), ...body(60, 300)])]);
    expect(summary(items)[0]).toEqual(['h', 'Leeragenda Regionale kenniswerkplaats 2025-2028']);
  });

  it('reads a bold lead paragraph as text, though its first line looks like a heading', () => {
    const items = itemsOf([
      page([
        item('Leervraag: Hoe kunnen beleidsmakers jongeren effectief betrekken bij het', 60, 100, 10, true),
        item('vormgeven van hulpverlening en beleid, zodat hun ervaringskennis structureel wordt benut', 60, 112, 10, true),
        item('in de dagelijkse praktijk en in het beleid van gemeenten?', 60, 124, 10, true),
        ...body(60, 150),
      ]),
    ]);
    expect(summary(items)[0]).toEqual([
      'paragraph',
      'Leervraag: Hoe kunnen beleidsmakers jongeren effectief betrekken bij het vormgeven van hulpverlening en beleid, zodat hun ervaringskennis structureel wordt benut in de dagelijkse praktijk en in het beleid van gemeenten?',
    ]);
  });

  it('takes a question in heading type for a heading', () => {
    const items = itemsOf([page([item('Hoe gaan we verder na afloop van dit programma?', 60, 100, 14, true), ...body(60, 130)])]);
    expect(summary(items)[0]).toEqual(['h', 'Hoe gaan we verder na afloop van dit programma?']);
  });

  it('does not take regular type for a heading because bold headings share its size (the authors under a title)', () => {
    const items = itemsOf([
      page([item('Titel van het rapport', 60, 100, 26, true), item('Anna de Vries, Piet Jansen', 60, 140, 14), item('Inleiding', 60, 200, 14, true), ...body(60, 230)], 1),
      // The other headings of the report in the same size, bold.
      page([item('Achtergrond en aanleiding', 60, 80, 14, true), ...body(60, 110), item('Doel van deze richtlijn', 60, 260, 14, true), ...body(60, 290)], 2),
      page([item('Werkwijze van de werkgroep', 60, 80, 14, true), ...body(60, 110), item('Samenhang met andere richtlijnen', 60, 260, 14, true), ...body(60, 290)], 3),
    ]);
    expect(summary(items).slice(0, 3)).toEqual([
      ['h', 'Titel van het rapport'],
      ['paragraph', 'Anna de Vries, Piet Jansen'],
      ['h', 'Inleiding'],
    ]);
  });

  it('takes bold numbered lines in type larger than the text for headings, also wrapped or ending in a full stop', () => {
    const items = itemsOf([
      page([
        item('1. De leercyclus doorlopen', 60, 100, 12, true),
        ...body(60, 120, 4),
        item('2. Gezamenlijk analyse, doelbepaling en aanpak.', 60, 190, 12, true),
        ...body(60, 210, 4),
        item('3. Aantal verbindingen met externe initiatieven (netwerken,', 60, 280, 12, true),
        item("programma's, bewegingen)", 60, 294, 12, true),
        ...body(60, 314, 4),
        item('1. een genummerd punt in de tekst', 60, 380, 10, true),
        item('2. nog een genummerd punt', 60, 392, 10, true),
      ]),
    ]);
    const headings = items.filter((i) => i.type === 'heading').map((i) => (i.type === 'heading' ? i.text : ''));
    expect(headings).toEqual([
      '1. De leercyclus doorlopen',
      '2. Gezamenlijk analyse, doelbepaling en aanpak.',
      "3. Aantal verbindingen met externe initiatieven (netwerken, programma's, bewegingen)",
    ]);
    expect(summary(items)[summary(items).length - 1]).toEqual(['list', ['een genummerd punt in de tekst', 'nog een genummerd punt']]);
  });

  it('ranks bold headings in 12 pt above bold headings in 11 pt', () => {
    const items = itemsOf([page([item('Footprint actielijn 1', 60, 100, 12, true), ...body(60, 120, 3), item('In de praktijk', 60, 170, 11, true), ...body(60, 190, 8)])]);
    const ranks = items.filter((i) => i.type === 'heading').map((i) => (i.type === 'heading' ? [i.text, i.rank] : []));
    expect(ranks).toEqual([
      ['Footprint actielijn 1', 1],
      ['In de praktijk', 2],
    ]);
  });

  it('reads the entries of a table of contents with dot leaders as items, not as one paragraph', () => {
    const items = itemsOf([
      page([
        item('Inhoud', 60, 80, 18, true),
        item('1 Inleiding ......................................... 4', 60, 110),
        item('2 Kernthema’s regionale leeragenda .................... 5', 60, 122),
        item('Colofon ............................................ 11', 60, 134),
        ...body(60, 170),
      ]),
    ]);
    expect(summary(items)[1]).toEqual(['list', ['1 Inleiding 4', '2 Kernthema’s regionale leeragenda 5', 'Colofon 11']]);
  });
});

describe('PDF: running headers that name the chapter', () => {
  it('removes a small running header naming a heading, also in a chapter of two pages, and keeps the heading', () => {
    const pages = [
      page([item('Introductie', 480, 40, 8), item('Introductie', 60, 90, 18, true), ...body(60, 130, 20)], 1),
      page([item('Introductie', 480, 40, 8), ...body(60, 90, 20)], 2),
      page([item('1. Netwerk en verbinding', 430, 40, 8), item('1. Netwerk en verbinding', 60, 90, 18, true), ...body(60, 130, 20)], 3),
      page([item('1. Netwerk en verbinding', 430, 40, 8), ...body(60, 90, 20)], 4),
      page([item('2. Leeragenda', 430, 40, 8), item('2. Leeragenda', 60, 90, 18, true), ...body(60, 130, 20)], 5),
    ];
    const items = itemsOf(pages);
    const texts = summary(items).filter((s) => (s as unknown[])[0] !== 'paragraph' || !/gewone tekst/.test(String((s as unknown[])[1])));
    expect(texts).toEqual([
      ['h', 'Introductie'],
      ['h', '1. Netwerk en verbinding'],
      ['h', '2. Leeragenda'],
    ]);
  });

  it('keeps a chapter heading that opens a page while its running header, in small type, is removed on every page', () => {
    const pages = Array.from({ length: 5 }, (_, i) =>
      page([item('RESULTATEN PER ACTIELIJN', 430, 40, 8), ...(i === 0 ? [item('RESULTATEN PER ACTIELIJN', 60, 80, 18, true)] : []), ...body(60, 120, 20)], i + 1),
    );
    expect(summary(itemsOf(pages))[0]).toEqual(['h', 'RESULTATEN PER ACTIELIJN']);
    expect(JSON.stringify(summary(itemsOf(pages)).slice(1))).not.toContain('RESULTATEN');
  });
});

describe('PDF: two columns', () => {
  const left = (i: number): string => `links regel ${i} van de kolom met lopende tekst erin`;
  const right = (i: number): string => `rechts regel ${i} van de kolom met lopende tekst`;

  it('finds a gutter narrower than the gap between table cells, with both columns on the same baselines', () => {
    // Columns 60–290 and 310–540: a gutter of 20 pt at 10 pt type, lines of both on one baseline.
    const items: PdfItem[] = [];
    for (let i = 0; i < 10; i++) {
      items.push({ ...item(left(i), 60, 100 + i * 12), width: 230 });
      items.push({ ...item(right(i), 310, 100 + i * 12), width: 230 });
    }
    const lines = buildLines(page(items));
    expect(lines.map((l) => l.text)).toEqual([...Array.from({ length: 10 }, (_, i) => left(i)), ...Array.from({ length: 10 }, (_, i) => right(i))]);
  });

  it('reads the two columns under a table that runs across the page each on their own', () => {
    const items: PdfItem[] = [];
    // A table across the page: a narrow label column and a wide text column that crosses the gutter.
    for (let i = 0; i < 12; i++) {
      items.push(item(`Rol ${i}`, 60, 80 + i * 11, 9));
      items.push({ ...item(`beschrijving van de rol ${i} die over de hele breedte van de pagina loopt`, 200, 80 + i * 11, 9), width: 330 });
    }
    for (let i = 0; i < 10; i++) {
      items.push({ ...item(left(i), 60, 250 + i * 12), width: 230 });
      items.push({ ...item(right(i), 310, 250 + i * 12), width: 230 });
    }
    const texts = buildLines(page(items)).map((l) => l.text);
    expect(texts.slice(12)).toEqual([...Array.from({ length: 10 }, (_, i) => left(i)), ...Array.from({ length: 10 }, (_, i) => right(i))]);
    expect(texts[0]).toBe('Rol 0 beschrijving van de rol 0 die over de hele breedte van de pagina loopt');
  });

  it('continues a list item in the next column, also on its later lines', () => {
    const items: PdfItem[] = [...body(60, 100, 10), item('•', 310, 700), item('Welk focusthema, knooppunt of welke leerlijn', 328, 700)];
    const first = buildLines(page(items, 1));
    const second = buildLines(page([item('sluit aan bij jouw werk, organisatie of perspec-', 78, 100), item('tief?', 78, 112), item('•', 60, 130), item('Op welk onderdeel?', 78, 130)], 2));
    const list = linesToItems([first, second], fontStats([first, second])).filter((i) => i.type === 'block' && i.block.type === 'list');
    expect(list.map((l) => (l.type === 'block' && l.block.type === 'list' ? l.block.items : []))).toEqual([
      ['Welk focusthema, knooppunt of welke leerlijn sluit aan bij jouw werk, organisatie of perspectief?', 'Op welk onderdeel?'],
    ]);
  });
});

describe('PDF: words broken at line ends', () => {
  it('keeps the hyphen of a justified line with the word, though it stands a little apart', () => {
    // As LibreOffice writes it: "cru", a narrow space, "-".
    const lines = buildLines(
      page([
        { text: 'op organisatorisch niveau cru', x: 60, y: 100, width: 150, size: 10, font: 'R', bold: false },
        { text: ' ', x: 210, y: 100, width: 1.9, size: 10, font: 'R', bold: false },
        { text: '-', x: 211.9, y: 100, width: 3.3, size: 10, font: 'R', bold: false },
        item('ciaal is.', 60, 112),
      ]),
    );
    expect(lines.map((l) => l.text)).toEqual(['op organisatorisch niveau cru-', 'ciaal is.']);
    expect(joinLines(lines.map((l) => l.text))).toBe('op organisatorisch niveau cruciaal is.');
  });

  it('continues a list item whose word breaks at the line end, however the next line is indented', () => {
    const items = itemsOf([page([item('* Voorheen: minder geslo-', 60, 100), item('ten plaatsingen en uitstroom bevorderen.', 60, 112), ...body(60, 140)])]);
    expect(summary(items)[0]).toEqual(['list', ['Voorheen: minder gesloten plaatsingen en uitstroom bevorderen.']]);
  });

  it('keeps a hyphen the text writes elsewhere, and a hyphen before another one', () => {
    const written = hyphenatedPairs(['werken met evidence-based methoden', 'en ook zij-aan-zij', 'een regel die eindigt op evi-']);
    expect(written.has('evidence-based')).toBe(true);
    expect(written.has('zij-aan')).toBe(true);
    expect(written.has('evi-')).toBe(false);
    expect(joinLines(['tegenpolen. Evidence-', 'based practice'], written)).toBe('tegenpolen. Evidence-based practice');
    expect(joinLines(['werken zij-', 'aan-zij samen'], written)).toBe('werken zij-aan-zij samen');
    expect(joinLines(['werken evi-', 'dence-based'], written)).toBe('werken evidence-based');
    expect(joinLines(['de verbe-', 'teringen'], written)).toBe('de verbeteringen');
  });

  it('continues a web address over a line break without a space', () => {
    expect(joinLines(['Zie https://www.tweedekamer.nl/kamerstukken/detail?', 'id=2021Z10696 voor de brief.'])).toBe('Zie https://www.tweedekamer.nl/kamerstukken/detail?id=2021Z10696 voor de brief.');
    expect(joinLines(['https://voordejeugd.nl/projecten/', 'pleegzorg-naar-21-jaar'])).toBe('https://voordejeugd.nl/projecten/pleegzorg-naar-21-jaar');
    expect(joinLines(['https://voordejeugd.nl/projecten/', 'https://www.bewegingvannul.nl'])).toBe('https://voordejeugd.nl/projecten/ https://www.bewegingvannul.nl');
    expect(joinLines(['kijk op https://www.kbl.nl/', 'voor meer'])).toBe('kijk op https://www.kbl.nl/ voor meer');
  });
});

