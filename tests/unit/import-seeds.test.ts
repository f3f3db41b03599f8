import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument, ParsedSection } from '../../common/document.js';
import { parseDocument } from '../../electron/services/import/index.js';

/**
 * The real documents in /work/shared/seeds (text extracted from PDFs), imported as text. The
 * expected headings were read off the files by hand; see the line numbers in the comments.
 */

const SEEDS = '/work/shared/seeds';
const seedFile = (prefix: string): string => {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} missing`);
  return path.join(SEEDS, name);
};
const hasSeeds = fs.existsSync(SEEDS);

async function importSeed(prefix: string): Promise<{ doc: ParsedDocument; raw: string }> {
  const file = seedFile(prefix);
  const raw = fs.readFileSync(file, 'utf8');
  const doc = await parseDocument(new Uint8Array(fs.readFileSync(file)), path.basename(file), { maxBytes: 10 * 1024 * 1024 });
  return { doc, raw };
}

/** Like `wc -w`. */
const wcWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

function byNumber(doc: ParsedDocument, number: string): ParsedSection[] {
  return doc.sections.filter((s) => s.number === number);
}

function one(doc: ParsedDocument, number: string): ParsedSection {
  const found = byNumber(doc, number);
  expect(found, `section ${number}`).toHaveLength(1);
  return found[0] as ParsedSection;
}

function text(section: ParsedSection): string {
  return section.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.type === 'list' ? b.items.join('\n') : b.rows.map((r) => r.join(' | ')).join('\n'))).join('\n');
}

function everything(doc: ParsedDocument): string {
  return doc.sections.map((s) => `${s.number ?? ''} ${s.heading}\n${text(s)}`).join('\n');
}

function expectConsistentLevels(doc: ParsedDocument): void {
  let previous = 0;
  for (const s of doc.sections) {
    expect(s.level).toBeGreaterThanOrEqual(1);
    expect(s.level).toBeLessThanOrEqual(previous + 1);
    previous = s.level;
  }
}

describe.skipIf(!hasSeeds)('seed 000: KBL Leeragenda 2025', () => {
  let doc: ParsedDocument;
  let raw: string;
  it('imports as text with consistent levels and about as many words as wc -w', async () => {
    ({ doc, raw } = await importSeed('000_'));
    expect(doc.format).toBe('text');
    expect(doc.pageCount).toBeNull();
    expectConsistentLevels(doc);
    // Bullets ("|"), dashes and re-joined hyphenated words make our count a little lower.
    const wc = wcWords(raw);
    expect(doc.wordCount).toBeGreaterThan(wc * 0.96);
    expect(doc.wordCount).toBeLessThanOrEqual(wc);
    expect(doc.sections.length).toBeGreaterThan(60);
  });

  it('starts with the Voorwoord as front matter, with its hyphenation repaired', () => {
    const first = doc.sections[0] as ParsedSection;
    expect([first.heading, first.kind, first.level]).toEqual(['Voorwoord', 'other', 1]);
    // line 24-25: "Deze leeragenda is daarbij een belang-" / "rijk hulpmiddel"
    expect(text(first)).toContain('Deze leeragenda is daarbij een belangrijk hulpmiddel: ze brengt meer focus');
  });

  it('finds the numbered paragraphs of chapter 3 at the depth of their number', () => {
    // line 1265 "3.1. Jeugdhulp die werkt", line 1665 "3.1.5. Leerlijnen om mee te starten"
    expect([one(doc, '3.1').heading, one(doc, '3.1').level, one(doc, '3.1').kind]).toEqual(['Jeugdhulp die werkt', 2, 'section']);
    expect([one(doc, '3.1.5').heading, one(doc, '3.1.5').level]).toEqual(['Leerlijnen om mee te starten', 3]);
    expect([one(doc, '3.1.1').heading, one(doc, '3.4.3').heading, one(doc, '3.5.2').heading]).toEqual(['Urgentie en uitdagingen', 'Knooppunten', 'Ambitie 2030']);
    // line 1745-1747: a heading wrapped over three lines
    expect(one(doc, '3.2').heading).toBe('Samenwerken met gezin en alle betrokkenen onderling');
    // line 2071 " 3.3. Sociale basis" sits right under the previous page's last sentence
    expect(one(doc, '3.3').heading).toBe('Sociale basis');
    expect(one(doc, '1.1').heading).toBe('Gezamenlijke agenda');
    expect(one(doc, '4.4').heading).toBe('Tot slot');
  });

  it('keeps the body of 3.1.5 with its bullets as one list', () => {
    const s = one(doc, '3.1.5');
    expect(s.blocks[0]).toEqual({
      type: 'paragraph',
      text:
        'We bouwen verder op wat er al is. Samen ontwikkelen we meerjarige leerlijnen, waaraan vijfhoekpartners, bestaande netwerken, consortia en bewegingen zich verbinden. ' +
        'In de leerlijnen is aandacht voor (de)implementatie, onderzoek en innovatie. Ze vormen het hart van onze leerstrategie en brengen ervaringskennis, praktijk, beleid en wetenschap samen.',
    });
    const list = s.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.length).toBe(7);
    expect(list?.type === 'list' && list.items[0]).toBe(
      'Verklarend analyseren. Gericht op samen met gezinnen beter begrijpen wat de oorzaken van vragen en problemen zijn, en op basis daarvan passende hulp inzetten. De leerlijn richt zich op de bedoeling van verklarend analyseren, kwaliteit, implementatie en monitoring.',
    );
    expect(list?.type === 'list' && list.items[6]).toMatch(/^Technologie en AI\. Gericht op de betekenis van technologie/);
  });

  it('treats the numbered learning tracks in 4.2 as sub-headings, not as chapters', () => {
    // line 3242 "1.<tab> Versterken grondhouding"
    const tracks = doc.sections.filter((s) => s.heading === 'Versterken grondhouding');
    expect(tracks.map((s) => [s.number, s.level, s.kind])).toEqual([['1', 3, 'section']]);
    expect(doc.sections.some((s) => s.level === 1 && s.number === '5')).toBe(false);
  });

  it('drops lone page numbers and turns the table of contents into a list', () => {
    const inhoud = doc.sections.find((s) => s.heading === 'Inhoud');
    expect(inhoud?.blocks[0]).toMatchObject({ type: 'list', items: expect.arrayContaining(['4.1. Leerlijnen', '2. Visie op leren']) });
    expect(everything(doc)).not.toMatch(/\n45\n/);
  });
});

describe.skipIf(!hasSeeds)('seed 001: regional learning agenda ST-RAW', () => {
  let doc: ParsedDocument;
  it('reads the title and the chapters, with light markup stripped', async () => {
    ({ doc } = await importSeed('001_'));
    expectConsistentLevels(doc);
    expect(doc.title).toBe('Leeragenda Regionale kenniswerkplaats Jeugd ST-RAW 2025-2028');
    expect(doc.sections.filter((s) => s.level === 1 && /^\d$/.test(s.number ?? '')).map((s) => [s.number, s.heading])).toEqual([
      ['1', 'Inleiding'],
      ['2', "Kernthema's regionale leeragenda"],
      ['3', "Overige thema's"],
      ['4', 'Betrokken partijen'],
    ]);
    const all = everything(doc);
    expect(all).not.toContain('**');
    expect(all).not.toContain('<b>');
    expect(all).not.toContain('](#)');
  });

  it('nests 2.1–2.4 under chapter 2 and the ten other themes under chapter 3', () => {
    expect(['2.1', '2.2', '2.3', '2.4'].map((n) => one(doc, n).level)).toEqual([2, 2, 2, 2]);
    expect(one(doc, '2.2').heading).toBe('De lerende en reflecterende professional en organisatie');
    const chapter3 = doc.sections.findIndex((s) => s.number === '3' && s.level === 1);
    const themes = doc.sections.slice(chapter3 + 1, chapter3 + 11);
    expect(themes.map((s) => [s.number, s.level])).toEqual(Array.from({ length: 10 }, (_, i) => [String(i + 1), 2]));
    expect(themes[9]?.heading).toBe('Overgang na 18e jaar');
  });

  it('keeps the body text with its section', () => {
    expect(text(one(doc, '2.1'))).toContain('Jongeren ervaren een grote kloof tussen hun leefwereld en de hulpverlening.');
  });
});

describe.skipIf(!hasSeeds)('seed 002: KBL Jaarplan 2026', () => {
  let doc: ParsedDocument;
  let raw: string;
  it('finds the seven chapters once each, despite the repeated running headers', async () => {
    ({ doc, raw } = await importSeed('002_'));
    expectConsistentLevels(doc);
    expect(doc.title).toBe('Jaarplan 2026');
    expect(doc.sections.filter((s) => s.level === 1 && s.kind === 'chapter' && s.number).map((s) => `${s.number} ${s.heading}`)).toEqual([
      '1 Netwerk en verbinding',
      '2 Leeragenda',
      '3 Kwaliteit-standaarden',
      '4 Communicatie',
      '5 Monitoring',
      '6 Begroting',
      '7 Governance en organisatie',
    ]);
    // "1. Netwerk en verbinding" occurs 7 times in the file.
    expect(raw.match(/^1\. Netwerk en verbinding$/gm)).toHaveLength(7);
    const wc = wcWords(raw);
    expect(doc.wordCount).toBeGreaterThan(wc * 0.96);
  });

  it('keeps the table of contents as a list under Inhoudsopgave', () => {
    const toc = doc.sections.find((s) => s.heading === 'Inhoudsopgave');
    expect(toc?.kind).toBe('other');
    expect(toc?.blocks[0]).toMatchObject({ type: 'list', items: expect.arrayContaining(['1. Netwerk en verbinding', '7. Governance en organisatie']) });
  });

  it('puts "Bedoeling" under chapter 1 with its text', () => {
    const chapter1 = doc.sections.findIndex((s) => s.number === '1' && s.level === 1);
    const bedoeling = doc.sections.slice(chapter1).find((s) => s.heading === 'Bedoeling');
    expect(bedoeling?.level).toBe(2);
    expect(bedoeling && text(bedoeling)).toContain('Een groeiend en verbonden netwerk waarin perspectieven en initiatieven samenkomen');
  });
});

describe.skipIf(!hasSeeds)('seed 003: Hervormingsagenda change strategy', () => {
  let doc: ParsedDocument;
  it('keeps the letter before the first heading in an "Inleiding" section', async () => {
    ({ doc } = await importSeed('003_'));
    expectConsistentLevels(doc);
    const first = doc.sections[0] as ParsedSection;
    expect([first.heading, first.kind, first.level]).toEqual(['Inleiding', 'other', 1]);
    expect(first.blocks[0]).toEqual({ type: 'paragraph', text: 'Beste leden van het Bestuurlijk Overleg Hervormingsagenda (BOHA),' });
    expect(first.blocks).toContainEqual(
      expect.objectContaining({ type: 'list', ordered: true, items: expect.arrayContaining(['Voor alle aspecten van de Hervormingsagenda de veranderstrategie te omarmen zoals omschreven in de bijgevoegde stukken.']) }),
    );
  });

  it('finds the three parts of learning and the five appendices once each', () => {
    expect(['1', '2', '3'].map((n) => doc.sections.find((s) => s.number === n && s.level === 1)?.heading)).toEqual([
      'De leercyclus doorlopen',
      'Kennis benutten',
      'De ontwikkeling monitoren',
    ]);
    for (const n of [1, 2, 3, 4, 5]) expect(byNumber(doc, `Bijlage ${n}`), `Bijlage ${n}`).toHaveLength(1);
    expect(one(doc, 'Bijlage 2').heading).toBe('Kernbegrippen');
    expect(one(doc, 'Bijlage 1').level).toBe(1);
  });
});

describe.skipIf(!hasSeeds)('seed 004: Zorg voor de Jeugd final report', () => {
  let doc: ParsedDocument;
  let raw: string;
  it('finds the ALL-CAPS part titles as chapters with their sub-headings below', async () => {
    ({ doc, raw } = await importSeed('004_'));
    expectConsistentLevels(doc);
    const beschouwing = doc.sections.findIndex((s) => s.heading === 'BESCHOUWING');
    expect(doc.sections[beschouwing]?.level).toBe(1);
    const ambitie = doc.sections[beschouwing + 1] as ParsedSection;
    expect([ambitie.heading, ambitie.level]).toEqual(['Onze ambitie', 2]);
    expect(text(ambitie)).toContain(
      'Uit de tussenevaluatie van de Jeugdwet in 2018 bleek dat de doelen van de decentralisatie sinds 2015 nog niet voldoende werden gerealiseerd.',
    );
    expect(doc.sections.some((s) => s.heading === 'RESULTATEN PER ACTIELIJN EN HET OZJ' && s.level === 1)).toBe(true);
    const wc = wcWords(raw);
    expect(doc.wordCount).toBeGreaterThan(wc * 0.96);
  });

  it('removes the running footer with the page number', () => {
    // line 224 (with an en space after the first bar), and every few pages after that
    expect(raw.match(/^Slotrapportage \|\s*november 2021 \| Zorg voor de Jeugd \| \d+ \|$/gm)?.length).toBeGreaterThanOrEqual(5);
    expect(everything(doc)).not.toMatch(/Slotrapportage \|\s*november 2021/);
  });

  it('keeps "●" bullets as a list, joining an item broken by a page break', () => {
    const s = doc.sections.find((x) => x.heading === 'Om ons heen') as ParsedSection;
    expect(s.blocks).toContainEqual({
      type: 'list',
      ordered: false,
      items: [
        'Hoe werken we met 1,5 meter afstand?',
        'Hoe blijven we in contact met gezinnen en jongeren?',
        'Hoe zorgen we voor voldoende aandacht voor de positie van jongeren en kinderen met een beperking en hun ouders bij de inrichting en aanpassing van alle maatregelen?',
        'Hoe komen we aan voldoende beschermingsmiddelen?',
      ],
    });
  });
});
