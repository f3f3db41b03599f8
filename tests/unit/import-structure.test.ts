import { describe, expect, it } from 'vitest';
import type { Block, ParsedSection } from '../../common/document.js';
import { countWords, isPageNumberLine, joinHyphenated, joinLines, parseListMarker } from '../../electron/services/import/lines.js';
import { buildSections, parseHeading, type StructureItem } from '../../electron/services/import/structure.js';

const h = (text: string, rank?: number, page?: number): StructureItem =>
  rank === undefined ? { type: 'heading', text, source: 'explicit', rank: 2, page: page ?? null } : { type: 'heading', text, source: 'explicit', rank, page: page ?? null };
const guess = (text: string, extra: Partial<Extract<StructureItem, { type: 'heading' }>> = {}): StructureItem => ({ type: 'heading', text, source: 'heuristic', ...extra });
const p = (text: string, page?: number): StructureItem => ({ type: 'block', block: { type: 'paragraph', text }, page: page ?? null });

const outline = (sections: ParsedSection[]): [number, string | null, string, string][] => sections.map((s) => [s.level, s.number, s.heading, s.kind]);

describe('parseHeading', () => {
  it.each([
    ['4 Diagnostiek', '4', 'Diagnostiek', 'numbered', [4]],
    ['4.2 Signalering', '4.2', 'Signalering', 'numbered', [4, 2]],
    ['4.2.1. Vroegsignalering in de JGZ', '4.2.1', 'Vroegsignalering in de JGZ', 'numbered', [4, 2, 1]],
    ['3.1.5. Leerlijnen om mee te starten', '3.1.5', 'Leerlijnen om mee te starten', 'numbered', [3, 1, 5]],
    ['Hoofdstuk 3 Behandeling', '3', 'Behandeling', 'chapter', [3]],
    ['Hoofdstuk 3', '3', 'Hoofdstuk 3', 'chapter', [3]],
    ['Bijlage 2: Literatuur', 'Bijlage 2', 'Literatuur', 'appendix', null],
    ['Aanbeveling 3', 'Aanbeveling 3', 'Aanbeveling 3', 'recommendation', null],
    ['Aanbeveling 3.1 Psycho-educatie', 'Aanbeveling 3.1', 'Psycho-educatie', 'recommendation', null],
    ['Kernaanbevelingen', null, 'Kernaanbevelingen', 'recommendation', null],
    ['Stap 2: Samen beslissen', 'Stap 2', 'Samen beslissen', 'step', null],
    ['Uitgangsvraag 1', 'Uitgangsvraag 1', 'Uitgangsvraag 1', 'step', null],
    ['Wetenschappelijke onderbouwing', null, 'Wetenschappelijke onderbouwing', 'rationale', null],
    ['Overwegingen', null, 'Overwegingen', 'rationale', null],
    ['Conclusies', null, 'Conclusies', 'rationale', null],
    ['Voorwoord', null, 'Voorwoord', 'frontmatter', null],
    ['Begrippen verduidelijken', null, 'Begrippen verduidelijken', 'plain', null],
    ['2026 in cijfers', null, '2026 in cijfers', 'plain', null],
  ])('%s', (text, number, heading, role, parts) => {
    const parsed = parseHeading(text);
    expect([parsed.number, parsed.heading, parsed.role, parsed.parts]).toEqual([number, heading, role, parts]);
  });

  it('marks a numbered rationale heading as rationale', () => {
    expect(parseHeading('4.3 Onderbouwing').rationale).toBe(true);
  });
});

describe('buildSections: levels and kinds', () => {
  it('takes the level from the depth of the number', async () => {
    const { sections } = await buildSections([h('1 Inleiding'), p('a'), h('1.1 Doel'), p('b'), h('1.1.1 Reikwijdte'), p('c'), h('2 Diagnostiek'), p('d')]);
    expect(outline(sections)).toEqual([
      [1, '1', 'Inleiding', 'chapter'],
      [2, '1.1', 'Doel', 'section'],
      [3, '1.1.1', 'Reikwijdte', 'section'],
      [1, '2', 'Diagnostiek', 'chapter'],
    ]);
  });

  it('never jumps more than one level and keeps siblings of a skipped level together', async () => {
    const { sections } = await buildSections([h('3 Behandeling'), p('x'), h('3.1.5 Medicatie'), p('y'), h('3.1.6 Dieet'), p('z'), h('3.2 Nazorg'), p('w')]);
    expect(sections.map((s) => [s.number, s.level])).toEqual([
      ['3', 1],
      ['3.1.5', 2],
      ['3.1.6', 2],
      ['3.2', 2],
    ]);
  });

  it('never starts deeper than level 1', async () => {
    const { sections } = await buildSections([h('2.4.1 Losse paragraaf'), p('tekst')]);
    expect(outline(sections)).toEqual([[1, '2.4.1', 'Losse paragraaf', 'chapter']]);
  });

  it('recognises recommendations, rationale and steps and places them under the current heading', async () => {
    const { sections } = await buildSections([
      guess('Kernaanbevelingen'),
      p('De belangrijkste aanbevelingen.'),
      guess('4 Behandeling'),
      p('Inleiding op de behandeling.'),
      guess('4.1 Psycho-educatie'),
      guess('Aanbeveling 4.1'),
      p('Geef altijd psycho-educatie.'),
      guess('Onderbouwing'),
      p('Uit onderzoek blijkt …'),
      guess('Stap 2: Samen beslissen'),
      p('Kies samen.'),
      guess('Bijlage 1 Literatuur'),
      p('Bron.'),
    ]);
    expect(outline(sections)).toEqual([
      [1, null, 'Kernaanbevelingen', 'recommendation'],
      [1, '4', 'Behandeling', 'chapter'],
      [2, '4.1', 'Psycho-educatie', 'section'],
      [3, 'Aanbeveling 4.1', 'Aanbeveling 4.1', 'recommendation'],
      [3, null, 'Onderbouwing', 'rationale'],
      [3, 'Stap 2', 'Samen beslissen', 'section'],
      [1, 'Bijlage 1', 'Literatuur', 'chapter'],
    ]);
    expect(sections[3]?.blocks).toEqual([{ type: 'paragraph', text: 'Geef altijd psycho-educatie.' }]);
  });

  it('marks front matter as other', async () => {
    const { sections } = await buildSections([guess('Voorwoord'), p('Dank aan allen.'), guess('1 Inleiding'), p('Tekst.'), guess('Colofon'), p('Uitgave van KBL.')]);
    expect(outline(sections)).toEqual([
      [1, null, 'Voorwoord', 'other'],
      [1, '1', 'Inleiding', 'chapter'],
      [1, null, 'Colofon', 'other'],
    ]);
  });

  it('keeps text before the first heading in a section named after the title, or "Inleiding"', async () => {
    const withTitle = await buildSections([p('Eerste zin.'), h('1 Doel'), p('Tekst.')], { title: 'Richtlijn ADHD' });
    expect(outline(withTitle.sections)[0]).toEqual([1, null, 'Richtlijn ADHD', 'other']);
    expect(withTitle.sections[0]?.blocks).toEqual([{ type: 'paragraph', text: 'Eerste zin.' }]);
    const without = await buildSections([p('Eerste zin.'), h('1 Doel'), p('Tekst.')]);
    expect(outline(without.sections)[0]).toEqual([1, null, 'Inleiding', 'other']);
    expect(without.title).toBeNull();
  });

  it('takes a single top-ranked first heading as the title, and ranks the others below it', async () => {
    const { sections, title } = await buildSections([h('Richtlijn ADHD', 1), p('Intro.'), h('Signalering', 2), p('a'), h('Vroeg signaleren', 3), p('b'), h('Diagnostiek', 2), p('c')]);
    expect(title).toBe('Richtlijn ADHD');
    expect(outline(sections)).toEqual([
      [1, null, 'Richtlijn ADHD', 'other'],
      [1, null, 'Signalering', 'chapter'],
      [2, null, 'Vroeg signaleren', 'section'],
      [1, null, 'Diagnostiek', 'chapter'],
    ]);
  });

  it('keeps a numbered item inside a chapter below it, with its siblings on one level', async () => {
    const { sections } = await buildSections([
      h('3 Overige thema’s', 2),
      p('Korte toelichting.'),
      h('1. Armoede', 3),
      p('a'),
      h('2. Communicatie', 3),
      p('b'),
      h('3. Vertrouwen', 3),
      p('c'),
      h('4. Kennis', 3),
      p('d'),
      h('4 Betrokken partijen', 2),
      p('e'),
    ]);
    expect(sections.map((s) => [s.number, s.level, s.kind])).toEqual([
      ['3', 1, 'chapter'],
      ['1', 2, 'section'],
      ['2', 2, 'section'],
      ['3', 2, 'section'],
      ['4', 2, 'section'],
      ['4', 1, 'chapter'],
    ]);
  });

  it('puts every block in a section in order and counts words over headings and blocks', async () => {
    const list: Block = { type: 'list', ordered: false, items: ['een twee', 'drie'] };
    const table: Block = { type: 'table', rows: [['Fase', 'Wie'], ['Start', 'Ouders en kind']] };
    const { sections, wordCount } = await buildSections([h('1 Doel'), p('Vier woorden staan hier.'), { type: 'block', block: list }, { type: 'block', block: table }]);
    expect(sections[0]?.blocks).toEqual([{ type: 'paragraph', text: 'Vier woorden staan hier.' }, list, table]);
    // "1 Doel" (2) + 4 + 3 + 6
    expect(wordCount).toBe(15);
  });

  it('tracks the pages a section covers', async () => {
    const { sections } = await buildSections([h('1 Doel', 2, 3), p('a', 3), p('b', 4), h('2 Aanpak', 2, 5), p('c', 5)]);
    expect(sections.map((s) => [s.pageStart, s.pageEnd])).toEqual([
      [3, 4],
      [5, 5],
    ]);
  });
});

describe('buildSections: boxes and inline recommendations', () => {
  it('makes a box a recommendation below the current section; text after it stays in that section', async () => {
    const { sections } = await buildSections([
      h('2.1 Signalering'),
      p('Voor het kader.'),
      { type: 'boxStart' },
      p('Bespreek signalen eerst met de ouders en met het kind zelf, daarna met school.'),
      { type: 'boxEnd' },
      p('Na het kader.'),
      h('2.2 Diagnostiek'),
      p('x'),
    ]);
    expect(outline(sections)).toEqual([
      [1, '2.1', 'Signalering', 'chapter'],
      [2, null, 'Aanbeveling', 'recommendation'],
      [1, '2.2', 'Diagnostiek', 'chapter'],
    ]);
    expect(sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Voor het kader.' },
      { type: 'paragraph', text: 'Na het kader.' },
    ]);
    expect(sections[1]?.blocks).toEqual([{ type: 'paragraph', text: 'Bespreek signalen eerst met de ouders en met het kind zelf, daarna met school.' }]);
  });

  it('names a box after its heading or its short first line', async () => {
    const { sections } = await buildSections([
      h('1 Doel'),
      p('Tekst.'),
      { type: 'boxStart' },
      h('Praktijktip', 4),
      p('Werk samen.'),
      { type: 'boxEnd' },
      { type: 'boxStart' },
      p('Aanbeveling 3'),
      p('Evalueer na drie maanden.'),
      { type: 'boxEnd' },
    ]);
    expect(outline(sections)).toEqual([
      [1, '1', 'Doel', 'chapter'],
      [2, null, 'Praktijktip', 'recommendation'],
      [2, 'Aanbeveling 3', 'Aanbeveling 3', 'recommendation'],
    ]);
    expect(sections[2]?.blocks).toEqual([{ type: 'paragraph', text: 'Evalueer na drie maanden.' }]);
  });

  it('turns a paragraph "Aanbeveling: …" into a recommendation of its own', async () => {
    const { sections } = await buildSections([h('3 Behandeling'), p('Inleiding.'), p('Aanbeveling: bied oudertraining aan.'), p('Verdere tekst.')]);
    expect(outline(sections)).toEqual([
      [1, '3', 'Behandeling', 'chapter'],
      [2, null, 'Aanbeveling', 'recommendation'],
    ]);
    expect(sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Inleiding.' },
      { type: 'paragraph', text: 'Verdere tekst.' },
    ]);
    expect(sections[1]?.blocks).toEqual([{ type: 'paragraph', text: 'bied oudertraining aan.' }]);
  });
});

describe('buildSections: guessed headings', () => {
  it('drops a running header that repeats the heading of the current section', async () => {
    const { sections } = await buildSections([guess('1. Netwerk en verbinding'), p('a'), guess('1. Netwerk en verbinding'), p('b'), guess('2. Leeragenda'), p('c')]);
    expect(outline(sections)).toEqual([
      [1, '1', 'Netwerk en verbinding', 'chapter'],
      [1, '2', 'Leeragenda', 'chapter'],
    ]);
    expect(sections[0]?.blocks).toHaveLength(2);
  });

  it('turns a table of contents into a list and keeps the heading that follows it', async () => {
    const { sections } = await buildSections([
      guess('Inhoudsopgave'),
      guess('1. Netwerk en verbinding'),
      guess('2. Leeragenda'),
      guess('3. Kwaliteitsstandaarden'),
      guess('Focus in 2026'),
      p('De ambitie voor 2026.'),
      guess('1. Netwerk en verbinding'),
      p('Tekst van hoofdstuk 1.'),
    ]);
    expect(outline(sections)).toEqual([
      [1, null, 'Inhoudsopgave', 'other'],
      [1, null, 'Focus in 2026', 'chapter'],
      [1, '1', 'Netwerk en verbinding', 'chapter'],
    ]);
    expect(sections[0]?.blocks).toEqual([
      { type: 'list', ordered: false, items: ['1. Netwerk en verbinding', '2. Leeragenda', '3. Kwaliteitsstandaarden'] },
    ]);
  });

  it('recognises a table of contents by sibling numbers, even without a heading', async () => {
    const { sections } = await buildSections([
      p('Intro.'),
      guess('1 Betere toegang'),
      guess('2 Thuis opgroeien'),
      guess('3 Ontwikkelen'),
      p('Leeswijzer.'),
    ]);
    expect(outline(sections)).toEqual([[1, null, 'Inleiding', 'other']]);
    expect(sections[0]?.blocks[1]).toEqual({ type: 'list', ordered: false, items: ['1 Betere toegang', '2 Thuis opgroeien', '3 Ontwikkelen'] });
  });

  it('does not take a numbered list label (1.<tab>) for a chapter', async () => {
    const { sections } = await buildSections([guess('4.2 Leerlijnen'), p('a'), guess('1. Versterken grondhouding', { listLike: true }), p('b'), guess('5. StroomOpwaarts', { listLike: true }), p('c')]);
    expect(sections.map((s) => [s.number, s.level])).toEqual([
      ['4.2', 1],
      ['1', 2],
      ['5', 2],
    ]);
  });
});

describe('line helpers', () => {
  it.each([
    ['begelei-', 'ding van ouders', 'begeleiding van ouders'],
    ['ver-', 'beteren', 'verbeteren'],
    ['ADHD-', 'medicatie', 'ADHD-medicatie'],
    ['de jeugd-', 'en gezinsprofessional', 'de jeugd- en gezinsprofessional'],
    ['Noord-', 'Holland', 'Noord-Holland'],
    ['18-', 'jarigen', '18-jarigen'],
    ['e-', 'mail', 'e-mail'],
    ['zee-', 'egel', 'zee-egel'],
    ['auto-', 'ongeluk', 'auto-ongeluk'],
    ['tekst', 'gaat door', 'tekst gaat door'],
    ['gedachte –', 'streepje', 'gedachte – streepje'],
  ])('joins "%s" + "%s"', (a, b, joined) => {
    expect(joinHyphenated(a, b)).toBe(joined);
  });

  it('joins wrapped lines and cleans soft hyphens and spacing', () => {
    expect(joinLines(['Goede begelei-', 'ding  van ou\u00ADders', ''])).toBe('Goede begeleiding van ouders');
  });

  it.each([
    ['• punt', false, 'punt'],
    ['– punt', false, 'punt'],
    ['|\t punt', false, 'punt'],
    ['* punt', false, 'punt'],
    ['1. punt', true, 'punt'],
    ['a) punt', true, 'punt'],
  ])('list marker %s', (line, ordered, rest) => {
    expect(parseListMarker(line)).toMatchObject({ ordered, rest });
  });

  it('does not see a year or a sentence as a list marker', () => {
    expect(parseListMarker('2026 wordt een druk jaar')).toBeNull();
    expect(parseListMarker('-5 graden')).toBeNull();
  });

  it.each(['12', '- 12 -', 'Pagina 12 van 80', 'pagina 3', 'blz. 4', '12 / 80'])('"%s" is a page number', (line) => {
    expect(isPageNumberLine(line)).toBe(true);
  });

  it.each(['12 aanbevelingen', 'Stap 2', '1.2 Doel'])('"%s" is not a page number', (line) => {
    expect(isPageNumberLine(line)).toBe(false);
  });

  it('counts words with a letter or digit, not bullets or dashes', () => {
    expect(countWords('• Eén – twee 3 | drie-en-twintig')).toBe(4);
  });
});
