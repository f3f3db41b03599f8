/**
 * "Voorstel uitlijning": proposes the rows of a pilot's alignment grid from the imported texts.
 *
 * 1. Units (units.ts): every section with text of its own; containers without text give context
 *    only. Sections a person already placed are left out: manual alignment always wins.
 * 2. Pairs (pairs.ts, score.ts): per unit, the most similar units of every other version by a
 *    cheap word score over an inverted index; those pairs get the full comparison (heading, text,
 *    Dutch stems and 4-grams, TF-IDF cosine; context; how the pair ranks; reading position) and a
 *    calibrated probability that they are counterparts.
 * 3. Rows (group.ts): counterparts join from most to least likely, judged row against row so
 *    A–B–C does not chain in a C unlike A; then neighbouring sections on one theme (a text and
 *    the recommendation beside it) join where one row fills the other's gap. A cell holds at most
 *    `maxPerCell` sections, and no rejected pair ever shares a row.
 * 4. A section without counterpart gets an "alleen hier" row of its own (`unmatched: 'omit'`
 *    leaves it out), so the proposal covers the whole text and shows what only one standard says.
 *
 * Pure and synchronous: the same input gives the same rows, in the reading order of the first
 * version (rows without it go after the row of their own previous section).
 */
import { groupUnits } from './group.js';
import { PairScorer } from './pairs.js';
import { buildUnits, cleanHeading, type AlignSection, type Unit } from './units.js';

export type { AlignSection } from './units.js';

export interface AlignInput {
  versions: Array<{ versionId: number; sections: AlignSection[] }>;
  /** Sections already placed by a person: never proposed again (manual alignment always wins). */
  placedSectionIds: number[];
  /** Section pairs a person rejected: never put in one proposed row again. */
  rejectedPairs: Array<[number, number]>;
}

export interface ProposedSection {
  sectionId: number;
  /** 0..1: the probability of its best counterpart in the row (for "alleen hier": 1 − that of its best counterpart anywhere). */
  confidence: number;
}

export interface ProposedRow {
  theme: string;
  /** 0..1: for a row across versions the mean of its sections' confidences; for an "alleen hier" row the probability that the section has no counterpart. */
  confidence: number;
  /** One cell per input version, in input order; empty where the version has nothing on the theme. */
  cells: Array<{ versionId: number; sections: ProposedSection[] }>;
}

export interface AlignOptions {
  /** Two rows join only when their cross-version pairs are at least this likely on average (default 0.5). */
  minProbability?: number;
  /** A second or third section in one cell needs this average probability (default 0.6). */
  minProbabilityExtra?: number;
  /** At most this many sections of one version in one row (default 3). */
  maxPerCell?: number;
  /** 'row' (default): a section without counterpart gets an "alleen hier" row; 'omit': left out. */
  unmatched?: 'row' | 'omit';
  /** A section with sub-sections takes part only with this many words of its own text (default 15). */
  minContainerWords?: number;
  /** Candidates per unit per other version that get the full comparison (default 6; fewer with many versions). */
  candidates?: number;
  /** Join rows of neighbouring sections on one theme (default true); false keeps rows at counterpart level. */
  themes?: boolean;
  /** How close cross-row similarity must come to within-row similarity for a theme join (default 0.4). */
  themeRatio?: number;
}

const DEFAULTS: Required<AlignOptions> = {
  minProbability: 0.5,
  minProbabilityExtra: 0.6,
  maxPerCell: 3,
  unmatched: 'row',
  minContainerWords: 15,
  candidates: 6,
  themes: true,
  themeRatio: 0.4,
};

const THEME_MAX = 120;

/** Versions once each and sections once each, belonging to the version they are listed under. */
function normalise(input: AlignInput): AlignInput['versions'] {
  const seenVersions = new Set<number>();
  const seenSections = new Set<number>();
  const versions: AlignInput['versions'] = [];
  for (const v of input.versions) {
    if (seenVersions.has(v.versionId)) continue;
    seenVersions.add(v.versionId);
    const sections: AlignSection[] = [];
    for (const s of v.sections) {
      if (s.versionId !== v.versionId || seenSections.has(s.id)) continue;
      seenSections.add(s.id);
      sections.push(s);
    }
    versions.push({ versionId: v.versionId, sections });
  }
  return versions;
}

/** The first sentence when it is short, else the first words: enough to recognise a bare recommendation. */
function preview(text: string): string {
  const sentence = /^\s*(.+?[.!?])(?:\s|$)/s.exec(text)?.[1] ?? '';
  const sentenceWords = sentence.split(/\s+/).filter(Boolean);
  if (sentenceWords.length > 0 && sentenceWords.length <= 12) return sentenceWords.join(' ');
  const ws = text.split(/\s+/).filter(Boolean);
  return ws.length <= 8 ? ws.join(' ') : `${ws.slice(0, 8).join(' ')}…`;
}

function clip(theme: string): string {
  const t = theme.replace(/\s+/g, ' ').trim();
  return t.length <= THEME_MAX ? t : `${t.slice(0, THEME_MAX - 1).trimEnd()}…`;
}

export function proposeAlignment(input: AlignInput, options: AlignOptions = {}): ProposedRow[] {
  const o = { ...DEFAULTS, ...options };
  const versions = normalise(input);
  const placed = new Set(input.placedSectionIds);
  const rejected = new Map<number, Set<number>>();
  for (const [a, b] of input.rejectedPairs) {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let set = rejected.get(x);
      if (!set) rejected.set(x, (set = new Set()));
      set.add(y);
    }
  }
  const units = buildUnits(versions, placed, { minContainerWords: o.minContainerWords });
  const columns = versions.length;

  // With many versions fewer candidates per version suffice (and keep the work linear in them).
  const k = Math.max(2, Math.min(o.candidates, Math.ceil(24 / Math.max(1, columns - 1))));
  const scorer = new PairScorer(units, columns, k);
  const p = (a: number, b: number): number => scorer.probability(a, b);
  const groups = groupUnits(units, scorer, rejected, o);
  // Best probability of each unit to any unit of another version, for "alleen hier" confidence.
  const bestOther = scorer.bestProbabilities();

  interface Draft {
    members: Unit[];
    confidence: number;
    sectionConfidence: Map<number, number>;
  }
  const drafts: Draft[] = [];
  for (const group of groups) {
    const members = group.map((i) => units[i] as Unit).sort((a, b) => a.column - b.column || a.section.ordinal - b.section.ordinal || a.section.id - b.section.id);
    const sectionConfidence = new Map<number, number>();
    if (new Set(members.map((m) => m.column)).size === 1) {
      if (o.unmatched === 'omit') continue;
      for (const m of members) sectionConfidence.set(m.index, 1 - (bestOther[m.index] as number));
      drafts.push({ members, confidence: Math.min(...members.map((m) => sectionConfidence.get(m.index) as number)), sectionConfidence });
      continue;
    }
    // A section's confidence is that of its best counterpart in the row: that is what put it there.
    for (const a of members) {
      let best = 0;
      for (const b of members) if (a.column !== b.column) best = Math.max(best, p(a.index, b.index));
      sectionConfidence.set(a.index, best);
    }
    const confidence = members.reduce((sum, m) => sum + (sectionConfidence.get(m.index) as number), 0) / members.length;
    drafts.push({ members, confidence, sectionConfidence });
  }

  const rows = orderRows(drafts, units, columns);
  const sectionById = new Map(versions.flatMap((v) => v.sections.map((x) => [x.id, x] as const)));
  return rows.map((d) => ({
    theme: themeOf(d.members, d.sectionConfidence, sectionById),
    confidence: round(d.confidence),
    cells: versions.map((v, column) => ({
      versionId: v.versionId,
      sections: d.members.filter((m) => m.column === column).map((m) => ({ sectionId: m.section.id, confidence: round(d.sectionConfidence.get(m.index) ?? 0) })),
    })),
  }));
}

const round = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

/**
 * Reading order of the first version; a row without a section of the first version goes right
 * after the row of the nearest preceding section of its own version that is already placed.
 */
function orderRows<D extends { members: Unit[] }>(drafts: D[], units: readonly Unit[], columns: number): D[] {
  const rowOf = new Map<number, number>();
  drafts.forEach((d, i) => d.members.forEach((m) => rowOf.set(m.index, i)));
  const keys: Array<number[] | undefined> = new Array(drafts.length);
  const byColumn: Unit[][] = Array.from({ length: columns }, () => []);
  for (const u of units) byColumn[u.column]?.push(u);
  for (const list of byColumn) list.sort((a, b) => a.section.ordinal - b.section.ordinal || a.section.id - b.section.id);
  for (let column = 0; column < columns; column++) {
    let previous: number[] = [-1];
    for (const u of byColumn[column] ?? []) {
      const row = rowOf.get(u.index);
      if (row === undefined) continue;
      const key = keys[row];
      if (key) {
        previous = key;
        continue;
      }
      const own = [...previous, column, u.section.ordinal];
      keys[row] = own;
      previous = own;
    }
  }
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i];
      const y = b[i];
      if (x === undefined) return -1;
      if (y === undefined) return 1;
      if (x !== y) return x - y;
    }
    return 0;
  };
  return drafts
    .map((d, i) => ({ d, key: keys[i] ?? [Number.MAX_SAFE_INTEGER, i] }))
    .sort((a, b) => compare(a.key, b.key))
    .map((x) => x.d);
}

/**
 * The theme is the best heading in the row: that of the section that fits the row best among
 * those with a distinctive heading, without its numbering. A repeated heading ("Toelichting") gets
 * its parent's heading in front; a bare "Aanbeveling 3" becomes its chapter plus its first words.
 */
function themeOf(members: readonly Unit[], confidence: ReadonlyMap<number, number>, sectionById: ReadonlyMap<number, AlignSection>): string {
  const ranked = [...members].sort(
    (a, b) => (b.specificity === 1 ? 1 : 0) - (a.specificity === 1 ? 1 : 0) || (confidence.get(b.index) ?? 0) - (confidence.get(a.index) ?? 0) || a.column - b.column || a.section.ordinal - b.section.ordinal,
  );
  const best = ranked[0];
  if (!best) return 'Thema';
  let theme = best.label;
  if (best.specificity < 1 || !theme) {
    const parent = best.section.parentId === null ? undefined : sectionById.get(best.section.parentId);
    const parentLabel = parent ? cleanHeading(parent).label : '';
    const own = theme || preview(best.section.text);
    theme = parentLabel && parentLabel !== own ? `${parentLabel}: ${own}` : own;
  }
  const t = clip(theme || best.section.heading || 'Thema');
  return t.charAt(0).toLocaleUpperCase('nl') + t.slice(1);
}

/** The sections a proposal considers (after leaving out placed ones), in input order. */
export function alignableSectionIds(input: AlignInput, options: AlignOptions = {}): number[] {
  const o = { ...DEFAULTS, ...options };
  return buildUnits(normalise(input), new Set(input.placedSectionIds), { minContainerWords: o.minContainerWords }).map((u) => u.section.id);
}
