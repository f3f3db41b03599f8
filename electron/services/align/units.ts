/**
 * Which sections take part in an alignment, and what is compared of each.
 *
 * A section's stored text is its own text only (its children's text lives in the children), so a
 * long chapter never swamps its paragraphs: every section with enough own text is a unit of its
 * own. A container with (almost) no own text ("3 Diagnostiek" holding 3.1–3.4) is not a unit; its
 * heading becomes context for the sections below it, which is what tells "Ambitie 2030" under
 * "Sociale basis" from "Ambitie 2030" under "Lokale teams".
 */
import { foldText } from '../../../common/text.js';
import { grams, stem, words } from './text.js';
import { Counter, tfidf, Vocabulary, type Counts, type SparseVector } from './vectors.js';

export interface AlignSection {
  id: number;
  versionId: number;
  number: string | null;
  heading: string;
  text: string;
  kind: string;
  level: number;
  ordinal: number;
  parentId: number | null;
}

export interface Unit {
  /** Index in the unit list. */
  index: number;
  section: AlignSection;
  /** Column of the version in the input. */
  column: number;
  /** Rank of the section in its version's reading order, 0..1. */
  position: number;
  /** Heading without numbering or recommendation label; '' when nothing is left. */
  label: string;
  /** 0..1: 1 for a heading that occurs once in its version, less for "Toelichting" repeated per chapter. */
  specificity: number;
  /** "3" for "Aanbeveling 3", "3.2" for "Aanbeveling 3.2"; null otherwise. */
  recommendationNumber: string | null;
  recommendation: boolean;
  headingWords: SparseVector;
  headingGrams: SparseVector;
  textWords: SparseVector;
  textGrams: SparseVector;
  context: SparseVector;
}

/** "Aanbeveling 3", "Kernaanbeveling 2.1:", "Aanbevelingen bij …" and the like at the start of a heading. */
const RECOMMENDATION_LABEL = /^\s*(?:kern)?aanbeveling(?:en)?\b\s*(\d+(?:\.\d+)*)?\s*[:.)–—-]?\s*/i;
/** "4.2.1", "4.2.1.", "Hoofdstuk 3", "Bijlage 2:", "Stap 2:", "3)", "A." at the start of a heading. */
const NUMBERING = /^\s*(?:(?:hoofdstuk|paragraaf|bijlage|stap|deel|module)\s+)?(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Z][.)])(?:\s*[:.)–—-])?\s+/i;

export function cleanHeading(section: Pick<AlignSection, 'heading' | 'number'>): { label: string; recommendationNumber: string | null; isRecommendationLabel: boolean } {
  let h = section.heading.trim();
  if (section.number && h.startsWith(section.number) && !/^(?:kern)?aanbeveling/i.test(section.number)) h = h.slice(section.number.length).trim();
  h = h.replace(NUMBERING, '');
  let recommendationNumber: string | null = null;
  let isRecommendationLabel = false;
  const rec = RECOMMENDATION_LABEL.exec(h);
  if (rec) {
    isRecommendationLabel = true;
    recommendationNumber = rec[1] ?? null;
    h = h.slice(rec[0].length).trim();
  }
  if (!recommendationNumber && section.number) {
    const n = /^(?:kern)?aanbeveling\s*(\d+(?:\.\d+)*)/i.exec(section.number);
    if (n) recommendationNumber = n[1] ?? null;
  }
  return { label: h.replace(/^[\s:.)–—-]+/, '').trim(), recommendationNumber, isRecommendationLabel };
}

export interface UnitOptions {
  /** A section with children is a unit only with at least this many words of its own text. */
  minContainerWords: number;
}

const wordCount = (text: string): number => {
  let n = 0;
  for (const _ of text.matchAll(/\S+/g)) n++;
  return n;
};

/**
 * Word → stem id and 4-gram ids, computed once per distinct word: a pilot's texts repeat their
 * vocabulary endlessly, and slicing grams is most of the work.
 */
class Terms {
  readonly stems = new Vocabulary();
  readonly grams = new Vocabulary();
  private readonly cache = new Map<string, { stem: number; grams: number[] }>();

  of(word: string): { stem: number; grams: number[] } {
    let t = this.cache.get(word);
    if (!t) {
      const gs: string[] = [];
      grams(word, gs);
      t = { stem: this.stems.id(stem(word)), grams: gs.map((g) => this.grams.id(g)) };
      this.cache.set(word, t);
    }
    return t;
  }

  private readonly stemCounter = new Counter();
  private readonly gramCounter = new Counter();

  count(ws: readonly string[]): { stems: Counts; grams: Counts } {
    for (const w of ws) {
      const t = this.of(w);
      this.stemCounter.add(t.stem);
      for (const g of t.grams) this.gramCounter.add(g);
    }
    return { stems: this.stemCounter.take(), grams: this.gramCounter.take() };
  }

  /** Stems of the ancestors' labels, nearest first and weighing most. */
  context(labels: readonly string[]): Counts {
    labels.forEach((label, depth) => {
      for (const w of words(label)) this.stemCounter.add(this.of(w).stem, 1 / 2 ** depth);
    });
    return this.stemCounter.take();
  }
}

/**
 * The units of every version (placed sections left out), with their vectors. IDF is computed over
 * the units of this alignment: what is common across the compared standards weighs little.
 */
export function buildUnits(versions: ReadonlyArray<{ versionId: number; sections: readonly AlignSection[] }>, excluded: ReadonlySet<number>, options: UnitOptions): Unit[] {
  const terms = new Terms();
  const draft: Array<{
    section: AlignSection;
    column: number;
    position: number;
    label: string;
    specificity: number;
    recommendationNumber: string | null;
    recommendation: boolean;
    hw: Counts;
    hg: Counts;
    tw: Counts;
    tg: Counts;
    cx: Counts;
  }> = [];

  versions.forEach((version, column) => {
    const sections = [...version.sections].sort((a, b) => a.ordinal - b.ordinal || a.id - b.id);
    const byId = new Map(sections.map((s) => [s.id, s]));
    const hasChildren = new Set<number>();
    for (const s of sections) if (s.parentId !== null) hasChildren.add(s.parentId);
    const cleaned = new Map(sections.map((s) => [s.id, cleanHeading(s)]));
    // How often each label occurs in this version: repeated labels say little on their own.
    const labelCount = new Map<string, number>();
    for (const c of cleaned.values()) {
      const key = foldText(c.label);
      if (key) labelCount.set(key, (labelCount.get(key) ?? 0) + 1);
    }
    const last = Math.max(1, sections.length - 1);
    sections.forEach((s, rank) => {
      if (excluded.has(s.id)) return;
      const own = wordCount(s.text);
      const leaf = !hasChildren.has(s.id);
      const c = cleaned.get(s.id) ?? { label: '', recommendationNumber: null, isRecommendationLabel: false };
      const labelWords = words(c.label);
      // Without text of its own there is nothing to compare: a document title, a part heading.
      if (leaf ? own === 0 : own < options.minContainerWords) return;
      const textWords = words(s.text);
      // Ancestors' labels, with a depth guard against cycles.
      const ancestors: string[] = [];
      for (let parent = s.parentId === null ? undefined : byId.get(s.parentId); parent && ancestors.length < 6; parent = parent.parentId === null ? undefined : byId.get(parent.parentId)) {
        ancestors.push(cleaned.get(parent.id)?.label ?? '');
      }
      const cx = terms.context(ancestors);
      const heading = terms.count(labelWords);
      const body = terms.count(textWords);
      const key = foldText(c.label);
      draft.push({
        section: s,
        column,
        position: rank / last,
        label: c.label,
        specificity: labelWords.length === 0 ? 0 : 1 / Math.max(1, labelCount.get(key) ?? 1),
        recommendationNumber: c.recommendationNumber,
        recommendation: s.kind === 'recommendation' || c.isRecommendationLabel,
        hw: heading.stems,
        hg: heading.grams,
        tw: body.stems,
        tg: body.grams,
        cx,
      });
    });
  });

  const hw = tfidf(draft.map((d) => d.hw), terms.stems.size);
  const hg = tfidf(draft.map((d) => d.hg), terms.grams.size);
  const tw = tfidf(draft.map((d) => d.tw), terms.stems.size);
  const tg = tfidf(draft.map((d) => d.tg), terms.grams.size);
  const cx = tfidf(draft.map((d) => d.cx), terms.stems.size);
  return draft.map((d, index) => ({
    index,
    section: d.section,
    column: d.column,
    position: d.position,
    label: d.label,
    specificity: d.specificity,
    recommendationNumber: d.recommendationNumber,
    recommendation: d.recommendation,
    headingWords: hw[index] as SparseVector,
    headingGrams: hg[index] as SparseVector,
    textWords: tw[index] as SparseVector,
    textGrams: tg[index] as SparseVector,
    context: cx[index] as SparseVector,
  }));
}
