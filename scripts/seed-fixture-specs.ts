import { cleanText, joinLines } from '../electron/services/import/lines.js';
import type { Node } from './make-seed-fixtures.js';

/**
 * How each seed in ../shared/seeds/ becomes a document (see scripts/make-seed-fixtures.ts): its
 * outline as a person sees it, the furniture of the source PDF to leave out, and the repairs of
 * the text extraction. Every repair says why. The words are the seed's, except for three things
 * the extraction lost and the original shows: the chapter numbers of 000 (set as graphics), the
 * second line of one part title of 004, and the dash before a quote's author in 004.
 *
 * Outline lines: "<level> <heading as in the seed>[ => <heading as shown>][ #<occurrence>][ [toc]]"
 * (level 0 is the document title; "#2" skips one earlier occurrence of the same line; "[toc]"
 * makes the blocks up to the next heading a table of contents).
 */

export interface SeedSpec {
  /** Start of the seed's file name ("000_"). */
  prefix: string;
  /** Base name of the fixtures in tests/fixtures/seeds/. */
  name: string;
  /** Document title: PDF/DOCX metadata and, with header 'title', the running header. */
  title: string;
  /** Running header: the document title, or the current chapter (as many reports do). */
  header: 'title' | 'chapter';
  /** Running footer: this text, then the page number, then `footerEnd`. */
  footer: string;
  footerEnd?: string;
  columns?: 1 | 2;
  landscape?: boolean;
  /** Chapters (level-1 headings) start on a new page. */
  chapterBreak?: boolean;
  /** Repairs of the extracted text, before anything else. */
  patch?: (text: string) => string;
  /** Lines (trimmed, markup removed) that are furniture of the source PDF, not text. */
  drop?: RegExp[];
  /** Paragraphs set small, as footnotes. */
  noteLine?: RegExp;
  /** A line ending in two spaces is a line break (the seed is Markdown-like). */
  markdownBreaks?: boolean;
  /** First cells of the tables that have no header row (the others have one). */
  headerlessTables?: string[];
  /** Last repairs on the document model (tables the extraction flattened). */
  postprocess?: (nodes: Node[]) => Node[];
  outline: string;
}

/** Replaces exactly one occurrence, and fails when the text is not there (the seed changed). */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`patch: not found: ${String(from).slice(0, 80)}`);
  return text.replace(from, to);
}

const LEERAGENDA_ST_RAW: SeedSpec = {
  prefix: '001_',
  name: '001-leeragenda-st-raw',
  title: 'Leeragenda Regionale kenniswerkplaats Jeugd ST-RAW 2025-2028',
  header: 'title',
  footer: 'Leeragenda ST-RAW 2025-2028 | ',
  chapterBreak: true,
  markdownBreaks: true,
  patch: (text) =>
    // The table of contents gives page numbers after the title; in the document they stand at
    // the right margin behind a dotted leader (a tab).
    text.replace(/^(<b>)?([\d.]*)(<\/b>)?\t(<b>)?([^\n]*?) (\d+)(<\/b>)?$/gm, '$2\t$5\t$6'),
  outline: `
0 Leeragenda Regionale kenniswerkplaats Jeugd ST-RAW 2025-2028
1 Voorwoord
1 Inhoud [toc]
1 1 Inleiding
1 2 Kernthema's regionale leeragenda
2 Werkconferenties
2 Analyse
2 2.1 Jongerenparticipatie en inzet ervaringskennis
3 Koppeling Hervormingsagenda en Leeragenda KBL
2 2.2 De lerende en reflecterende professional en organisatie
// The author styled this question as a heading (in 2.1, 2.3 and 2.4 it is a bold paragraph).
3 Leervraag: Hoe kunnen professionals worden gefaciliteerd om open, lerend en reflecterend te werken met het oog op succesvolle hulpverlening aan cliënten?
3 Koppeling Hervormingsagenda en Leeragenda KBL
2 2.3 Breed en integraal werken bij de intake en hulp
3 Koppeling Hervormingsagenda en Leeragenda KBL
2 2.4 Laagdrempelige hulp en een versterkende sociale basis
3 Koppeling Hervormingsagenda en Leeragenda KBL
1 3 Overige thema's
2 1. Armoede, dakloosheid
2 2. Betere communicatie over hulptraject aan jongeren en ouders
2 3. Investeren in vertrouwen en betrouwbaar zijn
2 4. Kennisgestuurd werken/effectieve jeugdhulp
2 5. Groepsgewijze jeugdhulp
2 6. Voorkomen van transgenerationale overdracht: doorbreek patronen
2 7. Toekomstscenario
2 8. Onvoorwaardelijke uithuisplaatsingen
2 9. Verbinding strafrechtketen
2 10. Overgang na 18e jaar
1 4 Betrokken partijen
1 Colofon
2 Platform31 #2
`,
};

const VERANDERSTRATEGIE: SeedSpec = {
  prefix: '003_',
  name: '003-hervormingsagenda-veranderstrategie',
  title: 'Veranderstrategie Hervormingsagenda Jeugdzorg: leren, ontwikkelen en kennisinfrastructuur',
  header: 'title',
  footer: 'Werkgroep Leren, ontwikkelen en kennisinfrastructuur | ',
  noteLine: /^[¹²³⁴⁵⁶⁷⁸⁹]/,
  headerlessTables: ['Jeugdzorg'],
  patch: (text) => {
    // The "VAN … / NAAR …" pairs are two lines of one figure: a line break, not one sentence.
    let t = text.replace(/^(VAN .*\S)\s*$/gm, '$1  ');
    // The overview of the appendices before the first one is a list.
    t = replaceOnce(t, /\n\nBijlage 1: Beoogde ontwikkeling\n\nBijlage 2: Kernbegrippen\n\nBijlage 3: Leren en ontwikkelen\n\nBijlage 4: (.*)\n\nBijlage 5: Kennisinfrastructuur\n/, '\n\n- Bijlage 1: Beoogde ontwikkeling\n- Bijlage 2: Kernbegrippen\n- Bijlage 3: Leren en ontwikkelen\n- Bijlage 4: $1\n- Bijlage 5: Kennisinfrastructuur\n');
    return t;
  },
  // The covering letter and the slogan page come before the first heading, as in the original.
  outline: `
1 Hoofdnotitie Leren, ontwikkelen en kennisinfrastructuur²
2 Ambitie
2 Beoogde ontwikkeling
2 De veranderstrategie voor de Hervormingsagenda Jeugdzorg
3 1. De leercyclus doorlopen
3 2. Kennis benutten
3 3. De ontwikkeling monitoren
2 Ondersteunende structuren voor het leren
3 Kennisinfrastructuur
3 Onderzoeks- en innovatieagenda
2 Investeren
1 Bijlage 1: Beoogde ontwikkeling
1 Bijlage 2: Kernbegrippen
1 Bijlage 3: Leren en ontwikkelen
2 Introductie
2 Vakinhoudelijk en bestuurlijk leren
2 De leercyclus
2 Toelichting op de leercyclus
3 1. Verbinden aan de opgave
3 2. Gezamenlijk analyse, doelbepaling en aanpak.
3 3. Gebruik maken van de kennis over wat wel en niet werkt
3 4. Meten om te verbeteren
2 Het compleet doorlopen van de leercyclus
2 Appendix: Belemmerende en bevorderende factoren voor een lerend stelsel
1 Bijlage 4: Data en monitoring – monitoring als leerproces
2 Uitgangspunten voor succesvol monitoren
3 1. Wat is het vraagstuk?
3 2. Welke gegevens/indicatoren gaan helpen?
3 3. Welke van de gewenste gegevens zijn er al?
3 4. (Hoe) gebruiken we de gegevens in ons leren?
2 Landelijke en diagnostische monitoring
3 Kenmerken landelijke monitoring
3 Kenmerken diagnostische monitoring
1 Bijlage 5: Kennisinstructuur
2 Hoe we komen tot één leerbeweging
2 Wat is een kennisinfrastructuur?
2 Leeswijzer
2 Verbinden: wat lokaal gebeurt in één beweging vatten
2 Focus: het doel in beeld houden
2 Actie: samen lerend doen wat werkt
3 Lerende houding
3 Werken met focusthema's
2 Appendix A: Netwerken en organisaties kennisinfrastructuur
2 Appendix B: Samenstelling van de Raad voor de Jeugd
`,
};

/** A label as the web-style PDF wraps it: any spacing between words, a break after a hyphen, bold or not. */
function label(text: string): string {
  const flex = text
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/ /g, '\\s+')
    .replace(/-/g, '-\\s*');
  return `\\**${flex}\\**`;
}

/** The tabs printed at the top of every page of a chapter of the web-style annual plan. */
const JAARPLAN_TABS: [string, string[]][] = [
  ['Introductie', ['Ambitie', 'Terugblik en vooruitblik', 'Leeswijzer']],
  ['1. Netwerk en verbinding', ['Bedoeling', 'Kernactiviteiten en toelichting', 'Gewenste resultaat']],
  ['2. Leeragenda', ['Bedoeling', 'Kernactiviteiten en toelichting', 'Gewenste resultaat']],
  ['3. Kwaliteit-standaarden', ['Bedoeling', 'Kernactiviteiten en toelichting', 'Gewenste resultaat']],
  ['4. Communicatie', ['Bedoeling', 'Kernactiviteiten en toelichting', 'Gewenste resultaat']],
  ['5. Monitoring', ['Inleiding', 'Netwerk en verbinding', 'Leeragenda', 'Kwaliteit-standaarden']],
  ['6. Begroting', ['Meerjarige begroting', 'Begroting KBL 2026']],
  ['7. Governance en organisatie', ['Missie', 'Leercyclus', 'Organisatie', 'Rollen', 'Hervormings-agenda Jeugd']],
];

const JAARPLAN: SeedSpec = {
  prefix: '002_',
  name: '002-kbl-jaarplan-2026',
  title: 'Jaarplan 2026',
  header: 'chapter',
  footer: 'KBL Jaarplan 2026 | ',
  landscape: true,
  chapterBreak: true,
  patch: (text) => {
    // Everything after the table of contents: there the navigation of the web-style PDF repeats
    // the chapter title and its tabs on every page. The fixture has the chapter title once, as a
    // heading; the tabs are navigation, not text (the running header shows the chapter instead).
    const start = text.indexOf('\nFocus in 2026\n');
    if (start < 0) throw new Error('patch: Focus in 2026 not found');
    let t = text.slice(start);
    for (const [chapter, tabs] of JAARPLAN_TABS) {
      const nav = new RegExp(`^${[chapter, ...tabs].map(label).join('\\n\\s*\\n')}[ \\t]*$`, 'gm');
      let first = true;
      t = t.replace(nav, () => {
        const keep = first ? `@@${chapter}` : '';
        first = false;
        return keep;
      });
      if (first) throw new Error(`patch: navigation of ${chapter} not found`);
      // Left over: the chapter title alone, repeated above the navigation, also spelled
      // "3. Kwaliteitstandaarden" once.
      t = t.replace(new RegExp(`^${label(chapter)}[ \\t]*$`, 'gm'), '');
    }
    t = t.replace(/^3\. Kwaliteitstandaarden$/m, '').replace(/^@@/gm, '');
    // The labels of the figure with the three parts of the plan.
    t = replaceOnce(t, /\n\s*k b \| kwaliteit\nblijvend\nleren\n\s*netwerk en\nverbinding\n\s*leeragenda\n\s*kwaliteits-\nstandaarden\n/, '\n');
    return text.slice(0, start) + t;
  },
  outline: `
0 Jaarplan 2026
1 Inhoudsopgave [toc]
1 Focus in 2026
1 Introductie
2 Ambitie
2 Terugblik en vooruitblik
3 | Netwerk en verbinding => Netwerk en verbinding
3 | Leeragenda => Leeragenda
3 | Kwaliteitsstandaarden => Kwaliteitsstandaarden
3 | Kennis en onderzoek => Kennis en onderzoek
3 | Reflectie => Reflectie
3 | Netwerkmetafoor Zwermen: hoe beweeg je in samenwerking? => Netwerkmetafoor Zwermen: hoe beweeg je in samenwerking?
3 | Netwerkinitiatief Lappendeken: hoe bouw je samen aan oplossingen? => Netwerkinitiatief Lappendeken: hoe bouw je samen aan oplossingen?
2 Leeswijzer
1 Koers en richting in drie onderdelen
1 1. Netwerk en verbinding
2 Bedoeling
3 Gericht verder bouwen aan een lerend netwerk in de jeugdhulp
2 Kernactiviteiten
2 Toelichting
2 Gewenste resultaat
1 2. Leeragenda
2 Bedoeling
3 Meerstemmig én met focus werk maken van leren
2 Kernactiviteiten
2 Toelichting
2 Gewenste resultaat
1 3. Kwaliteit-standaarden
2 Bedoeling
3 Gedragen kwaliteitsstandaarden die helpen te verbeteren
2 Kernactiviteiten
2 Toelichting
2 Gewenste resultaat
1 4. Communicatie
2 Bedoeling
3 Met communicatie bijdragen aan verbondenheid
2 Kernactiviteiten
2 Toelichting
2 Gewenste resultaat
1 5. Monitoring
2 Indicator voor participatie
2 Netwerk en verbinding
3 1. Mate van actieve participatie in het netwerk
3 2. Aantal uitgevoerde perspectiefplannen met concrete activiteiten en opbrengsten
3 3. Aantal verbindingen met externe initiatieven (netwerken, programma's, bewegingen)
3 4. Aantal reflectiemomenten en leeropbrengsten binnen het netwerk
2 | Leeragenda => Leeragenda
3 1. Mate van betrokkenheid van kinderen, jongeren, ouders, professionals, organisaties, overheden en kennisinstellingen in leerlijnen
3 2. Aantal leerlijnen met concrete leeractiviteiten, netwerkvorming en gedeelde leeruitkomsten
3 3. Aantal nieuwe leerlijnen met heldere ambitie en vervolgstappen geformuleerd
3 4. Mate van herkenbaarheid van Leeragenda-thema's in kennis- en onderzoeksprogramma's
3 5. Gebruik en effect van het reflectiekader op samen leren
2 Kwaliteitstandaarden
3 1. Aantal betrokken perspectieven dat actief meewerkt aan het gedragen fundament
3 2. Aantal pilots gestart en geëvalueerd, gericht op vereenvoudiging en harmonisatie van kwaliteitsstandaarden
3 3. Aantal georganiseerde reflectiemomenten met diverse perspectieven
3 4. Mate van ervaren leerklimaat bij betrokkenen bij dit onderdeel
1 6. Begroting
2 Groei voor uitvoering leeragenda
2 2026
2 Leren van vorig jaar
1 7. Governance en organisatie
2 Van, voor en door het werkveld
2 Leercyclus: 4 principes kwaliteit
2 Netwerk en netwerkorganisatie
2 Gezamenlijk eigenaarschap
2 Werkorganisatie en bureau
2 Koersgroep
2 Adviesraad
2 Stuurgroep HA
2 Nederlands Jeugdinstituut
2 Achterban per perspectief
2 Gaandeweg aanscherpen
2 Basis in Hervormingsagenda
2 Verbinding op concrete thema's
1 Blijf betrokken bij KBL!
2 Meer weten?
2 Meld je aan voor onze nieuwsbrief!
2 Vragen?
`,
};

/** Lines that the extraction gave as one block but a reader sees as separate items of a list. */
function asList(text: string, first: string, last: string): string {
  const from = text.indexOf(`${first}\n`);
  const to = text.indexOf(last, from);
  if (from < 0 || to < 0) throw new Error(`patch: list ${first} … ${last} not found`);
  const end = to + last.length;
  const items = text
    .slice(from, end)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => `- ${l.trim()}`);
  return `${text.slice(0, from)}${items.join('\n')}${text.slice(end)}`;
}

const WHEN = /^(.*\S)\s+(VGR\s?\d[\dVGR\s;,–-]*)$/;
const WHEN_ONLY = /^VGR\s?\d[\dVGR\s;,–-]*$/;

/**
 * The milestone overviews are two-column tables ("Mijlpaal | Wanneer") that the extraction
 * flattened into one paragraph per row, the "Wanneer" cell (VGR 1 … VGR 7, the progress report
 * it was reached in) at the end or on a line of its own. They become tables again; the header
 * row the source repeats on every page is the table's header row once.
 */
function milestoneTables(nodes: Node[]): Node[] {
  const out: Node[] = [];
  let table: string[][] | null = null;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as Node;
    // The header of the next page's part of the table can end up behind the last row.
    const text = n.type === 'paragraph' && !n.style ? n.text.replace(/(VGR \d) (Mijlpaal|Mijlpalen) Wanneer$/, '$1') : null;
    if (text !== null && /^(Mijlpaal|Mijlpalen) Wanneer$/.test(text)) {
      if (!table) {
        table = [text.split(' ')];
        out.push({ type: 'table', rows: table, header: true });
      }
      continue;
    }
    if (table && text !== null) {
      const row = WHEN.exec(text);
      if (row) {
        table.push([row[1] ?? '', row[2]?.trim() ?? '']);
        continue;
      }
      const next = nodes[i + 1];
      if (WHEN_ONLY.test(text) && table.length > 1) {
        const last = table[table.length - 1] as string[];
        last[1] = last[1] ? `${last[1]} ${text}` : text;
        continue;
      }
      if (next?.type === 'paragraph' && WHEN_ONLY.test(next.text)) {
        table.push([text, '']);
        continue;
      }
    }
    table = null;
    out.push(n);
  }
  return out;
}

const ZORG_VOOR_DE_JEUGD: SeedSpec = {
  prefix: '004_',
  name: '004-zorg-voor-de-jeugd-slotrapportage',
  title: 'Slotrapportage Zorg voor de Jeugd, november 2021',
  header: 'chapter',
  // The footer of the original, page number included.
  footer: 'Slotrapportage | november 2021 | Zorg voor de Jeugd | ',
  footerEnd: ' |',
  chapterBreak: true,
  noteLine: /^(https?:\/\/|1 Eerste evaluatie Jeugdwet|2 Zie voor een toelichting)/,
  postprocess: milestoneTables,
  patch: (text) => {
    let t = text;
    // The six action lines and the preconditions on the first page are an overview list, as are
    // the learning networks; the extraction put each on a line of its own.
    t = asList(t, '1 Betere toegang tot jeugdhulp voor kinderen en gezinnen', 'R Randvoorwaarden: jeugdhulp dichtbij het kind');
    t = asList(t, 'Bestuurlijke intervisie over dilemma’s bij samenwerking in de jeugdhulp', 'Ambassadeurs Jeugd');
    // The goals of each action line are lettered; the extraction put the letter on a line of its own.
    t = t.replace(/^([A-F]) *\n\n?(?=\S)/gm, '$1 ');
    // The part title is set in two lines; the extraction lost the second one (the running header
    // of the part, "Het lerend jeugdhulpstelsel", confirms it).
    t = replaceOnce(t, /^ HET LEREND $/m, 'HET LEREND JEUGDHULPSTELSEL');
    // The attribution under a quote, like the one under the first quote, not a list item.
    t = replaceOnce(t, /^- Johann Wolfgang von Goethe/m, '– Johann Wolfgang von Goethe');
    return t;
  },
  drop: [
    // The footer of the source, with its page number (the fixture has its own footer).
    /^Slotrapportage \|\s*november 2021 \| Zorg voor de Jeugd \| \d+ \|$/,
    // Running headers of the source: the part or action line the page belongs to.
    /^(Inleiding|Beschouwing|Het lerend jeugdhulpstelsel|Resultaten per actielijn en het OZJ|Het Ondersteuningsteam Zorg voor de Jeugd)$/,
    /^Actielijn \d:\s+\S.*$/,
    /^Randvoorwaarden: Jeugdhulp dichtbij het kind$/,
  ],
  outline: `
1 Inleiding
2 Leeswijzer van deze slotrapportage
1 BESCHOUWING
2 Onze ambitie
2 Om ons heen
2 De resultaten
3 Actielijn 1
3 Actielijn 2
3 Actielijn 3
3 Actielijn 4
3 Actielijn 5
3 Actielijn 6
3 Actielijn Randvoorwaarden
3 OZJ
2 Tot hier en nu verder
2 Hoe gaan we verder na afloop van dit programma?
1 HET LEREND JEUGDHULPSTELSEL
2 Samen leren om steeds beter te worden: het belang van lerende netwerken
3 Het goede gesprek durven voeren
3 Verschillende werelden samen
3 Wat werkt in de praktijk
3 (Online) leren en ontmoeten
2 Samen leren is nooit af
2 Lerende netwerken
1 RESULTATEN PER ACTIELIJN EN HET OZJ
2 Actielijn 1: Betere toegang tot jeugdhulp voor kinderen en gezinnen
3 Waar zetten we op in?
3 Footprint actielijn 1: Betere toegang tot jeugdhulp voor kinderen en gezinnen
4 In de praktijk
3 Overzicht mijlpalen actielijn 1, 20182021
2 Actielijn 2: Meer kinderen zo thuis mogelijk laten opgroeien
3 Waar zetten we op in?
3 Footprint actielijn 2: Meer kinderen zo thuis mogelijk laten opgroeien
4 In de praktijk
3 Overzicht mijlpalen actielijn 2, 20182021
2 Actielijn 3: Alle kinderen de kans bieden om zich optimaal te ontwikkelen
3 Waar zetten we op in?
3 Footprint actielijn 3: Alle kinderen de kans bieden om zich optimaal te ontwikkelen
4 In de praktijk
3 Overzicht mijlpalen actielijn 3, 20182021
2 Actielijn 4: Kwetsbare jongeren beter op weg helpen zelfstandig te worden
3 Waar zetten we op in?
3 Footprint actielijn 4: Kwetsbare jongeren beter op weg helpen zelfstandig te worden
4 In de praktijk
3 Overzicht mijlpalen actielijn 4, 20182021
2 Actielijn 5: Jeugdigen beter beschermen als hun ontwikkeling gevaar loopt
3 Waar zetten we op in?
3 Footprint actielijn 5: Jeugdigen beter beschermen als hun ontwikkeling gevaar loopt
4 In de praktijk
3 Overzicht mijlpalen actielijn 5, 20182021
2 Actielijn 6: Investeren in vakmanschap
3 Waar zetten we op in?
3 Footprint actielijn 6: Investeren in vakmanschap
4 In de praktijk
3 Overzicht mijlpalen actielijn 6, 20182021
2 Randvoorwaarden: Jeugdhulp dichtbij het kind
3 Waar zetten we op in?
3 Footprint actielijn Randvoorwaarden: Jeugdhulp dichtbij het kind
4 In de praktijk
3 Overzicht mijlpalen Randvoorwaarden, 20182021
2 Het Ondersteuningsteam Zorg voor de Jeugd
3 Footprint Ondersteuningsteam Zorg voor de Jeugd
4 Oppakken en leren van complexe casuïstiek
4 Contracteren vanuit de bedoeling
4 Wijkgericht werken met de leefwereld als vertrekpunt
4 Ontrafelen en aanpakken van schadelijke wachttijden
3 Overige ontwikkelthema’s
4 Voorkomen uithuisplaatsingen door versterking van gezinnen en hun omgeving
4 Versterken van kleinschalige, gezinsgerichte voorzieningen
4 Toekomstgericht werken
1 Colofon
`,
};

/**
 * A two-column table (label | text) that the extraction flattened into running lines: the text
 * between `start` and `end` is unwrapped and cut at each label, in order, into tab-separated rows.
 */
function labelledTable(text: string, start: string, end: string, labels: string[]): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`patch: table ${start} … ${end} not found`);
  const flat = cleanText(joinLines(text.slice(from + start.length, to).split('\n')));
  const rows: string[] = [];
  let at = 0;
  labels.forEach((label, i) => {
    if (!flat.startsWith(label, at)) throw new Error(`patch: table label ${label} not at ${flat.slice(at, at + 40)}`);
    const next = labels[i + 1];
    const stop = next ? flat.indexOf(` ${next} `, at + label.length) : flat.length;
    if (stop < 0) throw new Error(`patch: table label ${next} not found`);
    rows.push(`${label}\t${flat.slice(at + label.length, stop).trim()}`);
    at = stop + 1;
  });
  return `${text.slice(0, from + start.length)}\n\n${rows.join('\n')}\n\n${text.slice(to)}`;
}

const LEERAGENDA_KBL: SeedSpec = {
  prefix: '000_',
  name: '000-kbl-leeragenda-2025',
  title: 'Leeragenda Kwaliteit en Blijvend Leren in de jeugdhulp',
  header: 'title',
  footer: 'Leeragenda KBL 2025 | ',
  columns: 2,
  chapterBreak: true,
  headerlessTables: ['Netwerk', 'Kinderen, jongeren en gezinnen'],
  patch: (text) => {
    let t = text;
    // The extraction put the table of contents (two columns, read right column first) between
    // two pages of chapter 4. It belongs at the front, in reading order, without its page number.
    t = replaceOnce(t, /\nBijlage: literatuur\s+\nen bronnen\n\nInhoud\n[\s\S]*?\n3\. Meerjarige \nfocusthema’s\n\n45\n/, '\n');
    t = `Inhoud\n\nVoorwoord\n\nSamenvatting\n\n1. Introductie op de Leeragenda\n\n2. Visie op leren\n\n3. Meerjarige focusthema’s\n\n4. Al doende leren\n\n4.1. Leerlijnen\n\n4.2. Leerlijnen om mee te starten\n\n4.3. Leerlijnen om komend jaar te ontwikkelen\n\n4.4. Tot slot\n\nBijlage: literatuur en bronnen\n\n${t}`;
    // Two list items cut by a column break, the rest of each on the next column.
    t = replaceOnce(t, /(NWA-route Jeugd en het programma)\s*\n\nWat werkt voor de Jeugd\.\n Samenwerkingsverbanden/, '$1 Wat werkt voor de Jeugd.\n\nSamenwerkingsverbanden');
    t = replaceOnce(t, /(Bovenregionale expertisenetwerken)\s*\n\n\(BEN’s\)/, '$1 (BEN’s)');
    // Labels of the figure "Jeugdveld en deelsectoren"; its caption stays.
    t = replaceOnce(t, /(vorm kunnen krijgen\.\n)[\s\S]*?(\nAfbeelding: Jeugdveld en deelsectoren\.)/, '$1$2');
    // Two tables the extraction flattened into running text.
    t = labelledTable(t, 'Tabel: drie pijlers van Kwaliteit en Blijvend Leren\n', '\n Visie op leren', ['Netwerk', 'Leeragenda', 'Kwaliteitsstandaarden']);
    t = labelledTable(t, 'Wat kan iedereen bijdragen aan samen \nleren in de jeugdhulp?\n', '\nVoor iedereen geldt', [
      'Kinderen, jongeren en gezinnen',
      'Jongeren- en cliëntenorganisaties',
      'Professionals',
      'Werkgevers/ zorgaanbieders',
      'Gemeenten',
      'Rijk',
      'Kennis- en onderzoeksinstellingen',
    ]);
    return t;
  },
  drop: [
    // Stray labels of the source layout ("H3 en 3.1", "3.6" above the next chapter's title).
    /^H3 en 3\.1$/,
    /^3\.6$/,
  ],
  outline: `
1 Inhoud [toc]
1 Voorwoord #2
2 Gedeelde ambitie
3 Toekomstgericht
3 Moedig
3 Verbindend
1 Samenvatting
2 Samen leren voor betere jeugdhulp
2 Wat verstaan we onder leren?
2 Vijf focusthema’s om op in te zetten
2 Leerlijnen als motor van verandering
2 Uitnodiging om mee te doen
// The chapter pages show their number as a large figure that the extraction lost; the table of
// contents gives it.
1 Introductie op de Leeragenda => 1. Introductie op de Leeragenda
2 1.1. Gezamenlijke agenda
3 Leren doe je samen
3 Netwerk Kwaliteit en Blijvend Leren
3 Leeragenda
2 1.2. Jeugdhulp: sector met uitdagingen én kansen
2 1.3. Blijvend leren in de jeugdhulp
2 1.4. Oproep aan de lezer: reflectie en feedback
3 | Kwaliteitsstandaarden en Leeragenda => Kwaliteitsstandaarden en Leeragenda
4 Voorbeeld gezinshuiszorg
4 Voorbeeld verklarend analyseren
1 Visie op leren => 2. Visie op leren
2 2.1. Leercyclus
3 1. Verbinding aangaan
3 2. Samen beslissen
3 3. Doen wat werkt
3 4. Samen reflecteren
3 Leren op elk niveau
3 Leren tussen niveaus
3 Samen leren vanuit eigen rol
3 Leren vraagt doorzettingsvermogen
2 2.2. Een netwerkaanpak
2 2.3. KBL versterkt, verbreedt en verdiept het collectief leren
2 2.4. De context van leren
2 2.5. Oproep aan de lezer: reflectie en feedback
1 Meerjarige focusthema’s => 3. Meerjarige focusthema’s
2 3.1. Jeugdhulp die werkt
3 3.1.1. Urgentie en uitdagingen
4 Mensgericht of evidence-based? Geen tegenstelling
4 Niet-passende hulp
4 Netwerk van hulp: versnippering en samenwerking
3 3.1.2. Ambitie 2030
3 3.1.3. Knooppunten
3 3.1.4. Versterken en verbinden wat er al is
3 3.1.5. Leerlijnen om mee te starten
2 3.2. Samenwerken met gezin en alle betrokkenen onderling
3 3.2.1. Urgentie en uitdagingen
4 Versnippering en onduidelijkheid
3 3.2.2. Ambitie 2030
3 3.2.3. Knooppunten
3 3.2.4. Versterken en verbinden wat er al is
3 3.2.5. Leerlijnen om mee te starten
2 3.3. Sociale basis
3 3.3.1. Urgentie en uitdagingen
4 Jeugdhulp als partner voor de sociale basis
4 Begrippen verduidelijken
4 Gelijke kansen
3 3.3.2. Ambitie 2030
3 3.3.3. Knooppunten
3 3.3.4. Versterken en verbinden van wat er al is
3 3.3.5. Leerlijnen om mee te starten
2 3.4. Kwaliteit en leren in lokale teams
3 3.4.1. Urgentie en uitdagingen
4 Lokale teams: jong en volop in ontwikkeling
4 Stevige lokale teams
4 Behoeften inwoners en wijken
4 Tijd en ruimte voor ontwikkeling
3 3.4.2. Ambitie 2030
3 3.4.3. Knooppunten
3 3.4.4. Versterken en verbinden van wat er al is
4 Stevige lokale teams
3 3.4.5. Leerlijnen om mee te starten
2 3.5. Lerend werken aan transformatie residentiële jeugdhulp
3 3.5.1. Urgentie en uitdagingen
4 Schadelijke effecten
4 Onbedoelde neveneffecten
4 Kleinschalig en aandachtsvol
3 3.5.2. Ambitie 2030
3 3.5.3. Knooppunten
3 3.5.4. Versterken en verbinden van wat er al is
3 3.5.5. Leerlijnen om mee te starten
2 3.6. Oproep aan de lezer: reflectie en feedback
1 Al doende leren => 4. Al doende leren
2 4.1. Leerlijnen
3 Leerlijnen van het werkveld
3 Ondersteuning door KBL
2 4.2. Leerlijnen om mee te starten
3 1. Versterken grondhouding
3 2. Implementatiekracht in organisaties vergroten
3 3. Verklarend analyseren
3 4. Informele steun
3 5. StroomOpwaarts leren
3 6. Lerende beweging pleegzorg
2 4.3. Leerlijnen om komend jaar te ontwikkelen
3 7. Samen leren in de lokale praktijk
3 8. Kwaliteit en leren in en tussen regio’s en landsdelen
3 9. Kwaliteit van ambulante hulp versterken
3 10. Netwerken voor Specialistische Jeugdhulp
3 11. Overgang naar volwassenheid
3 12. Veiligheid
3 13. Data en monitoring
3 14. Technologie en AI
3 14 leerlijnen vormen de basis
2 4.4. Tot slot
`,
};

export const SEED_SPECS: SeedSpec[] = [LEERAGENDA_KBL, LEERAGENDA_ST_RAW, JAARPLAN, VERANDERSTRATEGIE, ZORG_VOOR_DE_JEUGD];
