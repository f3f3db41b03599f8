/**
 * Grouping units into rows, in two steps.
 *
 * 1. Counterparts: pairs from most to least likely join their rows when the two rows as a whole
 *    agree (average probability over all cross-version pairs, so A–B and B–C do not drag in a C
 *    that has little to do with A), no cell grows beyond `maxPerCell`, a second section in one
 *    cell needs a stronger case, and no rejected pair ever ends up in one row.
 * 2. Themes: two rows whose sections are siblings in every version they share (the text of
 *    "Medicatie" and the recommendation beside it, or a chapter's introduction and its
 *    paragraphs) join when one fills a gap in the other (a version missing from it) and they
 *    resemble each other across versions nearly as much as their own members do. This makes rows
 *    themes rather than single paragraphs, as a working group reads them; `themes: false` skips it.
 */
import type { PairScorer } from './pairs.js';
import type { Unit } from './units.js';

export interface GroupOptions {
  minProbability: number;
  minProbabilityExtra: number;
  maxPerCell: number;
  themes: boolean;
  /** Cross-row similarity relative to within-row similarity needed for a theme merge. */
  themeRatio: number;
}

/** Siblings either side (and first children) looked at for a theme join. */
const THEME_WINDOW = 3;
/**
 * Least mean similarity within the rows of a theme join. On the gold cases rows that joined on
 * theme had 0.14 or more; rows matched between unrelated documents (an ADHD guideline and a
 * year plan) 0.08 or less.
 */
const MIN_COHESION = 0.1;

class Rows {
  readonly rowOf: Int32Array;
  readonly members = new Map<number, number[]>();
  /** Per row: column → number of members. */
  private readonly perColumn = new Map<number, Map<number, number>>();

  constructor(private readonly units: readonly Unit[]) {
    this.rowOf = new Int32Array(units.length).map((_, i) => i);
    for (const u of units) {
      this.members.set(u.index, [u.index]);
      this.perColumn.set(u.index, new Map([[u.column, 1]]));
    }
  }

  count(row: number, column: number): number {
    return this.perColumn.get(row)?.get(column) ?? 0;
  }

  columns(row: number): ReadonlyMap<number, number> {
    return this.perColumn.get(row) as Map<number, number>;
  }

  /** The smaller row id survives, so the result does not depend on the order of a hash map. */
  merge(x: number, y: number): number {
    const [keep, drop] = x < y ? [x, y] : [y, x];
    const kept = this.members.get(keep) as number[];
    for (const m of this.members.get(drop) ?? []) {
      kept.push(m);
      this.rowOf[m] = keep;
    }
    const counts = this.perColumn.get(keep) as Map<number, number>;
    for (const [c, n] of this.perColumn.get(drop) ?? []) counts.set(c, (counts.get(c) ?? 0) + n);
    this.members.delete(drop);
    this.perColumn.delete(drop);
    return keep;
  }
}

/** `rejected`: per section id, the section ids it must never share a row with. */
export function groupUnits(units: readonly Unit[], scorer: PairScorer, rejected: ReadonlyMap<number, ReadonlySet<number>>, o: GroupOptions): number[][] {
  const rows = new Rows(units);
  /** Whether two rows may become one at all: cell sizes and rejections. */
  const allowed = (x: number, y: number): boolean => {
    for (const [column, n] of rows.columns(y)) if (rows.count(x, column) + n > o.maxPerCell) return false;
    if (rejected.size === 0) return true;
    const ys = rows.members.get(y) as number[];
    for (const a of rows.members.get(x) as number[]) {
      const refused = rejected.get((units[a] as Unit).section.id);
      if (refused && ys.some((b) => refused.has((units[b] as Unit).section.id))) return false;
    }
    return true;
  };

  /** Mean of f over the cross-version pairs between two rows (or within one when x === y); null without such pairs. */
  const mean = (x: number, y: number, f: (a: number, b: number) => number): number | null => {
    const xs = rows.members.get(x) as number[];
    const ys = rows.members.get(y) as number[];
    let sum = 0;
    let n = 0;
    for (const a of xs)
      for (const b of ys) {
        if ((units[a] as Unit).column === (units[b] as Unit).column || (x === y && a >= b)) continue;
        sum += f(a, b);
        n++;
      }
    return n === 0 ? null : sum / n;
  };

  // Step 1: counterparts.
  const threshold = Math.min(o.minProbability, o.minProbabilityExtra);
  const edges = scorer.candidates
    .map(([a, b]) => ({ a, b, p: scorer.probability(a, b) }))
    .filter((e) => e.p >= threshold)
    .sort((x, y) => y.p - x.p || x.a - y.a || x.b - y.b);
  for (const e of edges) {
    const x = rows.rowOf[e.a] as number;
    const y = rows.rowOf[e.b] as number;
    if (x === y || !allowed(x, y)) continue;
    const shared = [...rows.columns(y).keys()].some((c) => rows.count(x, c) > 0);
    const linkage = mean(x, y, (a, b) => scorer.candidateProbability(a, b));
    if (linkage !== null && linkage >= (shared ? o.minProbabilityExtra : o.minProbability)) rows.merge(x, y);
  }

  // Step 2: themes.
  if (o.themes) mergeThemes(units, scorer, rows, allowed, mean, o);

  return [...rows.members.values()];
}

function mergeThemes(
  units: readonly Unit[],
  scorer: PairScorer,
  rows: Rows,
  allowed: (x: number, y: number) => boolean,
  mean: (x: number, y: number, f: (a: number, b: number) => number) => number | null,
  o: GroupOptions,
): void {
  const unitOfSection = new Map(units.map((u) => [u.section.id, u.index]));
  // Units by (column, parent section) in reading order: siblings share a key, and a unit's
  // children sit under its own id.
  const family = new Map<string, number[]>();
  const familyKey = (column: number, parentId: number | null) => `${column}:${parentId ?? 'root'}`;
  const place = new Int32Array(units.length);
  for (const u of units) {
    const key = familyKey(u.column, u.section.parentId);
    let list = family.get(key);
    if (!list) family.set(key, (list = []));
    place[u.index] = list.length;
    list.push(u.index);
  }
  const related = (a: Unit, b: Unit): boolean =>
    a.column === b.column && (a.section.parentId === b.section.parentId || a.section.parentId === b.section.id || b.section.parentId === a.section.id);
  const sim = (a: number, b: number): number => scorer.similarity(a, b).combined;

  /**
   * Rows of the sections near this row's sections: up to THEME_WINDOW siblings either side, the
   * parent, and the first children. A theme is told in adjacent sections; looking further only
   * costs time (a chapter of 100 paragraphs would otherwise compare every pair).
   */
  const neighbours = (row: number): Set<number> => {
    const out = new Set<number>();
    for (const m of rows.members.get(row) ?? []) {
      const u = units[m] as Unit;
      const siblings = family.get(familyKey(u.column, u.section.parentId)) ?? [];
      const at = place[m] as number;
      for (let i = Math.max(0, at - THEME_WINDOW); i <= Math.min(siblings.length - 1, at + THEME_WINDOW); i++) out.add(rows.rowOf[siblings[i] as number] as number);
      for (const i of (family.get(familyKey(u.column, u.section.id)) ?? []).slice(0, THEME_WINDOW)) out.add(rows.rowOf[i] as number);
      const parent = u.section.parentId === null ? undefined : unitOfSection.get(u.section.parentId);
      if (parent !== undefined) out.add(rows.rowOf[parent] as number);
    }
    out.delete(row);
    return out;
  };

  /** Mean similarity within a row, kept until the row changes. */
  const cohesionOf = new Map<number, number | null>();
  const cohesion = (row: number): number | null => {
    let c = cohesionOf.get(row);
    if (c === undefined) {
      c = mean(row, row, sim);
      cohesionOf.set(row, c);
    }
    return c;
  };

  /** How strongly two rows belong to one theme (0 when they may not join). */
  const affinity = (x: number, y: number): number => {
    const cx = rows.columns(x);
    const cy = rows.columns(y);
    const union = new Set([...cx.keys(), ...cy.keys()]);
    // Two rows that each have every version they could have are counterparts already, each on its
    // own ("Kernactiviteiten" and "Toelichting" in three versions of one plan): only a row with a
    // gap that the other fills joins on theme.
    if (union.size < 2 || (cx.size === union.size && cy.size === union.size)) return 0;
    // Every version both rows have a section of must have them side by side in its text.
    let shared = 0;
    for (const c of cx.keys()) {
      if (!cy.has(c)) continue;
      shared++;
      const xs = (rows.members.get(x) as number[]).map((i) => units[i] as Unit).filter((u) => u.column === c);
      const ys = (rows.members.get(y) as number[]).map((i) => units[i] as Unit).filter((u) => u.column === c);
      if (!xs.some((a) => ys.some((b) => related(a, b)))) return 0;
    }
    if (shared === 0) return 0;
    const cross = mean(x, y, sim);
    if (cross === null || cross <= 0) return 0;
    const within = [cohesion(x), cohesion(y)].filter((v): v is number => v !== null);
    const reference = within.length ? within.reduce((s, v) => s + v, 0) / within.length : cross;
    // A theme join extends rows whose sections clearly belong together; rows of two unrelated
    // texts resemble each other as little as anything else does, and must not grow on that.
    if (reference < MIN_COHESION) return 0;
    return cross / reference;
  };

  // Joinable row pairs and their affinity; after a join only the pairs of the joined row change.
  const pairs = new Map<string, { x: number; y: number; a: number }>();
  const byRow = new Map<number, Set<string>>();
  const index = (row: number, key: string) => {
    let set = byRow.get(row);
    if (!set) byRow.set(row, (set = new Set()));
    set.add(key);
  };
  const consider = (row: number) => {
    for (const other of neighbours(row)) {
      const [x, y] = row < other ? [row, other] : [other, row];
      const key = `${x}:${y}`;
      if (pairs.has(key)) continue;
      if (!allowed(x, y)) continue;
      const a = affinity(x, y);
      if (a < o.themeRatio) continue;
      pairs.set(key, { x, y, a });
      index(x, key);
      index(y, key);
    }
  };
  const forget = (row: number) => {
    for (const key of byRow.get(row) ?? []) pairs.delete(key);
    byRow.delete(row);
  };
  for (const row of [...rows.members.keys()].sort((a, b) => a - b)) consider(row);

  for (;;) {
    let best: { x: number; y: number; a: number } | null = null;
    for (const p of pairs.values()) if (!best || p.a > best.a || (p.a === best.a && (p.x < best.x || (p.x === best.x && p.y < best.y)))) best = p;
    if (!best) return;
    forget(best.x);
    forget(best.y);
    cohesionOf.delete(best.x);
    cohesionOf.delete(best.y);
    consider(rows.merge(best.x, best.y));
  }
}
