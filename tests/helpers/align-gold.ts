/**
 * Gold alignments for the aligner (electron/services/align), shared by its quality test and the
 * benchmark:
 *
 * - ADHD: three hand-written standards in tests/fixtures/align imitating the youth-care, JGZ and
 *   GGZ guidelines, with a hand-made gold (adhd-gold.json). Gold rows give the "sure" pairs (these
 *   sections are counterparts); the theme around them gives the "possible" pairs (same theme, so
 *   putting them in one row is not wrong either).
 * - Revisions: real documents from /work/shared/seeds and a revision of each made by `revise`, a
 *   documented deterministic transformation (sections removed, merged, split, reordered, added,
 *   renumbered; headings and text reworded, sentences dropped and reordered). The gold is where
 *   each revised section came from; here sure = possible.
 *
 * Precision = proposed pairs that are possible / proposed pairs; recall = sure pairs proposed /
 * sure pairs, over pairs of sections of different versions in one row (the sure/possible split
 * of word-alignment evaluation, Och & Ney 2003).
 */
import fs from 'node:fs';
import path from 'node:path';
import { blocksToText } from '../../common/blocks.js';
import type { Block, ParsedSection } from '../../common/document.js';
import { parentPositions } from '../../db/queries/documents.js';
import type { AlignInput, AlignOptions, AlignSection, ProposedRow } from '../../electron/services/align/index.js';
import { alignableSectionIds, proposeAlignment } from '../../electron/services/align/index.js';
import { parseDocument } from '../../electron/services/import/index.js';

export const ALIGN_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/align');
export const SEEDS = '/work/shared/seeds';
export const hasSeeds = fs.existsSync(SEEDS);

export async function parseFile(file: string): Promise<ParsedSection[]> {
  const doc = await parseDocument(new Uint8Array(fs.readFileSync(file)), path.basename(file), { maxBytes: 50 * 1024 * 1024 });
  return doc.sections;
}

export async function parseSeed(prefix: string): Promise<ParsedSection[]> {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} missing`);
  return parseFile(path.join(SEEDS, name));
}

/** Stored-like sections (ids from `firstId` on, parents from the levels) as the pilot service will pass them. */
export function toAlignSections(parsed: readonly ParsedSection[], versionId: number, firstId: number): AlignSection[] {
  const parents = parentPositions(parsed.map((s) => s.level));
  return parsed.map((s, i) => {
    const parent = parents[i];
    return {
      id: firstId + i,
      versionId,
      number: s.number,
      heading: s.heading,
      text: blocksToText(s.blocks),
      kind: s.kind,
      level: s.level,
      ordinal: i,
      parentId: parent === null || parent === undefined ? null : firstId + parent,
    };
  });
}

export interface GoldCase {
  name: string;
  input: AlignInput;
  /** Pairs "a:b" (a < b) that must be found. */
  sure: Set<string>;
  /** Pairs that may be proposed (a superset of sure). */
  possible: Set<string>;
}

export const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** Cross-version pairs of sections that share a row. */
export function proposedPairs(rows: readonly ProposedRow[]): Set<string> {
  const pairs = new Set<string>();
  for (const row of rows) {
    const filled = row.cells.filter((c) => c.sections.length > 0);
    for (let i = 0; i < filled.length; i++)
      for (let j = i + 1; j < filled.length; j++)
        for (const a of (filled[i] as (typeof filled)[number]).sections) for (const b of (filled[j] as (typeof filled)[number]).sections) pairs.add(pairKey(a.sectionId, b.sectionId));
  }
  return pairs;
}

export interface Quality {
  name: string;
  precision: number;
  recall: number;
  proposed: number;
  correct: number;
  sure: number;
  found: number;
}

export function score(gold: GoldCase, rows: readonly ProposedRow[]): Quality {
  const proposed = proposedPairs(rows);
  let correct = 0;
  for (const p of proposed) if (gold.possible.has(p)) correct++;
  let found = 0;
  for (const s of gold.sure) if (proposed.has(s)) found++;
  return {
    name: gold.name,
    precision: proposed.size === 0 ? 1 : correct / proposed.size,
    recall: gold.sure.size === 0 ? 1 : found / gold.sure.size,
    proposed: proposed.size,
    correct,
    sure: gold.sure.size,
    found,
  };
}

/** Sums the counts of several cases (micro-average). */
export function total(name: string, qs: readonly Quality[]): Quality {
  const sum = (f: (q: Quality) => number) => qs.reduce((s, q) => s + f(q), 0);
  const proposed = sum((q) => q.proposed);
  const sure = sum((q) => q.sure);
  const correct = sum((q) => q.correct);
  const found = sum((q) => q.found);
  return { name, precision: proposed ? correct / proposed : 1, recall: sure ? found / sure : 1, proposed, correct, sure, found };
}

export interface Band {
  from: number;
  to: number;
  sections: number;
  /** Share of these sections placed right: in a row across versions, with at least one right counterpart; alone, with none in the gold. */
  right: number;
}

/** How well section confidence predicts a right placement, in confidence bands. */
export function calibration(cases: ReadonlyArray<{ gold: GoldCase; rows: readonly ProposedRow[] }>, edges = [0, 0.5, 0.8, 0.9, 1.0001]): Band[] {
  const bands = edges.slice(0, -1).map((from, i) => ({ from, to: Math.min(1, edges[i + 1] as number), sections: 0, rightCount: 0 }));
  for (const { gold, rows } of cases) {
    const withCounterpart = new Set([...gold.sure].flatMap((k) => k.split(':').map(Number)));
    for (const row of rows) {
      const all = row.cells.flatMap((c) => c.sections.map((x) => ({ ...x, versionId: c.versionId })));
      const across = row.cells.filter((c) => c.sections.length > 0).length > 1;
      for (const s of all) {
        const right = across ? all.some((o) => o.versionId !== s.versionId && gold.possible.has(pairKey(s.sectionId, o.sectionId))) : !withCounterpart.has(s.sectionId);
        const band = bands.find((b, i) => s.confidence >= b.from && (s.confidence < (edges[i + 1] as number)));
        if (!band) continue;
        band.sections++;
        if (right) band.rightCount++;
      }
    }
  }
  return bands.map((b) => ({ from: b.from, to: b.to, sections: b.sections, right: b.sections ? b.rightCount / b.sections : 0 }));
}

// ---------------------------------------------------------------------------------------------
// Hand-made cases: three standards on one topic each

interface GoldFile {
  versions: Array<{ code: string; file: string }>;
  themes: Array<{ theme: string; rows: string[][]; also?: string[] }>;
}

/** A hand-made case: `<name>-gold.json` names the fixture files and the gold themes and rows. */
export async function handCase(goldFile: string, name: string): Promise<GoldCase & { keyOf: Map<string, number>; themes: GoldFile['themes'] }> {
  const gold = JSON.parse(fs.readFileSync(path.join(ALIGN_FIXTURES, goldFile), 'utf8')) as GoldFile;
  const keyOf = new Map<string, number>();
  const versions: AlignInput['versions'] = [];
  let nextId = 1;
  for (const [i, v] of gold.versions.entries()) {
    const sections = toAlignSections(await parseFile(path.join(ALIGN_FIXTURES, v.file)), i + 1, nextId);
    nextId += sections.length + 100;
    for (const s of sections) {
      const key = `${v.code}:${s.number ?? s.heading}`;
      if (keyOf.has(key)) throw new Error(`gold key ${key} is ambiguous`);
      keyOf.set(key, s.id);
    }
    versions.push({ versionId: i + 1, sections });
  }
  const versionOf = new Map<number, number>();
  for (const v of versions) for (const s of v.sections) versionOf.set(s.id, v.versionId);
  const id = (key: string): number => {
    const found = keyOf.get(key);
    if (found === undefined) throw new Error(`gold key ${key} not found`);
    return found;
  };
  const sure = new Set<string>();
  const possible = new Set<string>();
  const addPairs = (ids: number[], into: Set<string>[]) => {
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i] as number;
        const b = ids[j] as number;
        if (versionOf.get(a) === versionOf.get(b)) continue;
        for (const set of into) set.add(pairKey(a, b));
      }
  };
  for (const theme of gold.themes) {
    for (const row of theme.rows) addPairs(row.map(id), [sure, possible]);
    addPairs([...theme.rows.flat(), ...(theme.also ?? [])].map(id), [possible]);
  }
  return { name, input: { versions, placedSectionIds: [], rejectedPairs: [] }, sure, possible, keyOf, themes: gold.themes };
}

export const adhdCase = () => handCase('adhd-gold.json', 'ADHD: drie standaarden (handmatig)');
/** Written after the engine's parameters were fixed, to check they were not fitted to ADHD alone. */
export const kindermishandelingCase = () => handCase('kindermishandeling-gold.json', 'Kindermishandeling: drie standaarden (handmatig, achteraf)');

// ---------------------------------------------------------------------------------------------
// Revisions of real documents

/** A small deterministic generator (mulberry32), so every run makes the same revision. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Word replacements a revising editor might make (lower case; the first letter's case is kept). */
const SYNONYMS: Record<string, string> = {
  jeugdhulp: 'hulp aan jeugdigen',
  jongeren: 'jeugdigen',
  professionals: 'beroepskrachten',
  gemeenten: 'gemeentes',
  versterken: 'verstevigen',
  organisaties: 'instellingen',
  gezinnen: 'families',
  ontwikkelen: 'uitwerken',
  onderzoek: 'wetenschappelijk onderzoek',
  ondersteuning: 'steun',
  aandacht: 'oog',
  partners: 'partijen',
  initiatieven: 'projecten',
  belangrijk: 'van belang',
  belangrijke: 'essentiële',
  resultaten: 'uitkomsten',
  uitvoering: 'realisatie',
  toegang: 'toegankelijkheid',
  aanpak: 'werkwijze',
  verbinding: 'aansluiting',
  samen: 'gezamenlijk',
  snel: 'vlot',
  doelen: 'doelstellingen',
  ambitie: 'ambities',
  urgentie: 'noodzaak',
  uitdagingen: 'opgaven',
  knooppunten: 'kruispunten',
  toelichting: 'uitleg',
  bedoeling: 'doel',
  kernactiviteiten: 'hoofdactiviteiten',
  leren: 'ontwikkelen',
  werken: 'handelen',
  kinderen: 'kinderen en pubers',
  praktijk: 'dagelijkse praktijk',
  verschillende: 'uiteenlopende',
  gestart: 'begonnen',
  opgeleverd: 'afgerond',
  vragen: 'vraagstukken',
  beleid: 'beleidskeuzes',
  mijlpalen: 'resultaatpunten',
};

const NEW_SENTENCES = [
  'Dit sluit aan bij de afspraken die eerder met de betrokken partijen zijn gemaakt.',
  'De komende periode wordt bekeken hoe dit in de regio’s verder vorm krijgt.',
  'Daarbij wordt nadrukkelijk gekeken naar de ervaringen van jeugdigen en ouders.',
  'Een evaluatie volgt na het eerste jaar.',
];

/** Sections a revision adds: topics the original does not treat. */
const NEW_SECTIONS: Array<{ heading: string; text: string }> = [
  {
    heading: 'Digitale ondersteuning van gezinnen',
    text: 'Apps en beeldbellen maken het mogelijk om gezinnen tussen afspraken door te ondersteunen. We onderzoeken welke digitale hulpmiddelen ouders echt helpen en hoe privacy en toestemming goed worden geregeld. Een handreiking voor zorgaanbieders over e-health verschijnt in het najaar.',
  },
  {
    heading: 'Personeelstekort en behoud van medewerkers',
    text: 'Het tekort aan jeugdzorgwerkers en gedragswetenschappers loopt op. Werkgevers en opleidingen maken afspraken over stageplaatsen, inwerktrajecten en begeleiding van startende medewerkers, zodat minder mensen in de eerste twee jaar vertrekken. Ook de werkdruk en de administratieve lasten worden aangepakt.',
  },
  {
    heading: 'Rol van de inspectie',
    text: 'De Inspectie Gezondheidszorg en Jeugd houdt toezicht op de kwaliteit en veiligheid van de zorg. Bij calamiteiten onderzoekt de inspectie wat er mis is gegaan en welke verbeteringen nodig zijn. Zorgaanbieders melden geweld in de zorgrelatie en calamiteiten binnen drie werkdagen.',
  },
  {
    heading: 'Financiering en bekostiging',
    text: 'Met de nieuwe bekostigingssystematiek betalen gemeenten voor resultaten in plaats van voor uren. Tarieven worden reëel vastgesteld, met ruimte voor overhead, scholing en innovatie. Meerjarige contracten geven aanbieders de zekerheid om te investeren in hun medewerkers.',
  },
];

function rewordText(text: string, next: () => number, rate: number): string {
  return text.replace(/\p{L}+/gu, (w) => {
    const lower = w.toLowerCase();
    const replacement = SYNONYMS[lower];
    if (!replacement || next() > rate) return w;
    return w[0] === lower[0] ? replacement : replacement[0]?.toUpperCase() + replacement.slice(1);
  });
}

/** Drops about one sentence in `drop`, swaps neighbouring sentences now and then, rewords words. */
function rewordParagraph(text: string, next: () => number, drop: number): string {
  const sentences = text.match(/[^.!?]+[.!?]+(\s+|$)|[^.!?]+$/g) ?? [text];
  let kept = sentences.filter((_, i) => sentences.length < 3 || i === 0 || next() > drop);
  if (kept.length > 2 && next() < 0.3) {
    const i = 1 + Math.floor(next() * (kept.length - 2));
    kept = [...kept.slice(0, i), kept[i + 1] as string, kept[i] as string, ...kept.slice(i + 2)];
  }
  return rewordText(kept.map((s) => s.trim()).join(' '), next, 0.7);
}

function rewordBlocks(blocks: readonly Block[], next: () => number): Block[] {
  return blocks.map((b) => {
    if (b.type === 'paragraph') return { type: 'paragraph', text: rewordParagraph(b.text, next, 0.18) };
    if (b.type === 'list') return { type: 'list', ordered: b.ordered, items: b.items.filter((_, i) => i === 0 || next() > 0.15).map((item) => rewordParagraph(item, next, 0.1)) };
    return { type: 'table', rows: b.rows.map((r) => r.map((c) => rewordText(c, next, 0.5))) };
  });
}

interface Item {
  s: ParsedSection;
  origin: number[];
}

const ownWords = (s: ParsedSection): number => blocksToText(s.blocks).split(/\s+/).filter(Boolean).length;

/** Children ranges: for position i, the end (exclusive) of its subtree. */
function subtreeEnd(items: readonly Item[], i: number): number {
  const level = (items[i] as Item).s.level;
  let j = i + 1;
  while (j < items.length && (items[j] as Item).s.level > level) j++;
  return j;
}

/**
 * A revision of a document, the way a working group revises a text: about 7 % of leaf sections
 * removed, some short neighbours merged, long sections split in two, sibling subtrees swapped,
 * four new sections added, numbers recomputed, and headings and text reworded (synonyms, dropped
 * and swapped sentences, a new sentence here and there). `origin[i]` lists the positions in
 * `sections` that revised section i comes from (a negative number for a new section).
 */
export function revise(sections: readonly ParsedSection[], seed: number): { sections: ParsedSection[]; origin: number[][] } {
  const next = random(seed);
  let items: Item[] = sections.map((s, i) => ({ s: { ...s, blocks: [...s.blocks] }, origin: [i] }));
  const isLeaf = (list: Item[], i: number) => subtreeEnd(list, i) === i + 1;

  // Remove some leaves.
  items = items.filter((it, i) => !(isLeaf(items, i) && ownWords(it.s) > 0 && next() < 0.07));

  // Merge short neighbouring leaves at the same level.
  const merged: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i] as Item;
    const b = items[i + 1];
    if (b && isLeaf(items, i) && isLeaf(items, i + 1) && a.s.level === b.s.level && ownWords(a.s) > 0 && ownWords(a.s) < 120 && ownWords(b.s) < 120 && next() < 0.15) {
      merged.push({ s: { ...a.s, blocks: [...a.s.blocks, ...b.s.blocks] }, origin: [...a.origin, ...b.origin] });
      i++;
    } else merged.push(a);
  }
  items = merged;

  // Split long leaves in two at a block boundary.
  const split: Item[] = [];
  items.forEach((it, i) => {
    if (isLeaf(items, i) && it.s.blocks.length >= 3 && ownWords(it.s) > 250 && next() < 0.5) {
      const at = Math.ceil(it.s.blocks.length / 2);
      split.push({ s: { ...it.s, blocks: it.s.blocks.slice(0, at) }, origin: it.origin });
      split.push({ s: { ...it.s, number: null, kind: it.s.kind === 'chapter' ? 'section' : it.s.kind, heading: `Verdieping: ${it.s.heading}`, blocks: it.s.blocks.slice(at) }, origin: it.origin });
    } else split.push(it);
  });
  items = split;

  // Swap some neighbouring sibling subtrees.
  for (let i = 0; i < items.length; i++) {
    const endA = subtreeEnd(items, i);
    const b = items[endA];
    if (!b || b.s.level !== (items[i] as Item).s.level || next() > 0.12) continue;
    const endB = subtreeEnd(items, endA);
    items = [...items.slice(0, i), ...items.slice(endA, endB), ...items.slice(i, endA), ...items.slice(endB)];
    i = endB - 1;
  }

  // Add new sections as leaves after a leaf, at that leaf's level.
  NEW_SECTIONS.forEach((n, k) => {
    let at = Math.floor(((k + 1) / (NEW_SECTIONS.length + 1)) * items.length);
    while (at < items.length - 1 && !isLeaf(items, at)) at++;
    const level = (items[at] as Item).s.level;
    // Negative origins: the same new section added by two revisions is one and the same.
    items.splice(at + 1, 0, { s: { level, number: null, heading: n.heading, kind: level === 1 ? 'chapter' : 'section', blocks: [{ type: 'paragraph', text: n.text }], pageStart: null, pageEnd: null }, origin: [-1 - k] });
  });

  // Renumber "4.2.1"-style numbers in the new order; reword headings and text.
  const counters: number[] = [];
  const out = items.map((it, i) => {
    const s = it.s;
    let number = s.number;
    if (number && /^\d+(\.\d+)*$/.test(number)) {
      const depth = number.split('.').length;
      counters.length = depth;
      counters[depth - 1] = (counters[depth - 1] ?? 0) + 1;
      for (let d = 0; d < depth - 1; d++) counters[d] = counters[d] ?? 1;
      number = counters.join('.');
    }
    const blocks = rewordBlocks(s.blocks, next);
    if (i % 5 === 2 && blocks[0]?.type === 'paragraph') blocks[0] = { type: 'paragraph', text: `${blocks[0].text} ${NEW_SENTENCES[i % NEW_SENTENCES.length]}` };
    return { ...s, number, heading: rewordText(s.heading, next, 0.8), blocks };
  });
  return { sections: out, origin: items.map((it) => it.origin) };
}

/**
 * A real document and `revisions` revisions of it as one alignment: sure = possible = every pair
 * of a revised section and the original section it comes from, and pairs of revised sections that
 * share an origin; only sections the aligner compares at all (alignableSectionIds) count.
 */
export function revisionCase(name: string, original: readonly ParsedSection[], seeds: readonly number[]): GoldCase {
  const versions: AlignInput['versions'] = [{ versionId: 1, sections: toAlignSections(original, 1, 1) }];
  const origins: number[][][] = [original.map((_, i) => [i])];
  let nextId = 1 + original.length + 1000;
  seeds.forEach((seed, k) => {
    const r = revise(original, seed);
    versions.push({ versionId: k + 2, sections: toAlignSections(r.sections, k + 2, nextId) });
    origins.push(r.origin);
    nextId += r.sections.length + 1000;
  });
  const input: AlignInput = { versions, placedSectionIds: [], rejectedPairs: [] };
  const alignable = new Set(alignableSectionIds(input));
  const sure = new Set<string>();
  for (let x = 0; x < versions.length; x++)
    for (let y = x + 1; y < versions.length; y++) {
      const vx = versions[x] as (typeof versions)[number];
      const vy = versions[y] as (typeof versions)[number];
      vx.sections.forEach((a, i) => {
        if (!alignable.has(a.id)) return;
        const oa = new Set(origins[x]?.[i] ?? []);
        vy.sections.forEach((b, j) => {
          if (!alignable.has(b.id)) return;
          if ((origins[y]?.[j] ?? []).some((o) => oa.has(o))) sure.add(pairKey(a.id, b.id));
        });
      });
    }
  return { name, input, sure, possible: sure };
}

/** Every gold case: the two hand-made cases and revisions of three seeds (one with two revisions). */
export async function goldCases(): Promise<GoldCase[]> {
  const cases: GoldCase[] = [await adhdCase(), await kindermishandelingCase()];
  if (!hasSeeds) return cases;
  cases.push(revisionCase('Leeragenda 2025 (seed 000) en revisie', await parseSeed('000_'), [1]));
  cases.push(revisionCase('Jaarplan 2026 (seed 002) en twee revisies', await parseSeed('002_'), [2, 3]));
  cases.push(revisionCase('Slotrapportage Zorg voor de Jeugd (seed 004) en revisie', await parseSeed('004_'), [4]));
  return cases;
}

export async function alignQualityOf(options: AlignOptions = {}): Promise<{ cases: Quality[]; overall: Quality; calibration: Band[] }> {
  const runs = (await goldCases()).map((gold) => ({ gold, rows: proposeAlignment(gold.input, options) }));
  const cases = runs.map((r) => score(r.gold, r.rows));
  return { cases, overall: total('Alle gevallen', cases), calibration: calibration(runs) };
}
