/**
 * Which pairs of units are compared in full, and their probabilities. Comparing every unit with
 * every unit of every other version in full (4-grams included) grows with the square of the text;
 * a cheap word score over an inverted index picks, per unit and other version, the few units worth
 * it. Pairs outside that set are scored on demand when a row needs them.
 */
import { pairFeatures, probability, similarity, type PairFeatures, type Similarity } from './score.js';
import type { Unit } from './units.js';

const pairKey = (a: number, b: number): number => (a < b ? a * 0x200000 + b : b * 0x200000 + a);

/** Per unit, the top `k` units of each other version by a cheap word score; pairs as [low, high] indexes. */
function candidatePairs(units: readonly Unit[], columns: number, k: number): Array<[number, number]> {
  const postings = new Map<number, Array<{ unit: number; weight: number }>>();
  const add = (unit: number, ids: Int32Array, weights: Float64Array, factor: number) => {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      let list = postings.get(id);
      if (!list) postings.set(id, (list = []));
      list.push({ unit, weight: (weights[i] as number) * factor });
    }
  };
  for (const u of units) {
    add(u.index, u.textWords.ids, u.textWords.weights, 1);
    add(u.index, u.headingWords.ids, u.headingWords.weights, 1);
    add(u.index, u.context.ids, u.context.weights, 0.5);
  }
  // Words in many units add cost, not information (their idf is low): candidates come from the
  // rarer words. 10 % keeps 3 × 1,500 sections fast and leaves every real topic word in.
  const maxDf = Math.max(48, Math.ceil(units.length * 0.1));
  const scores = new Float64Array(units.length);
  const touched: number[] = [];
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  // Per column the k best so far, best first (insertion into a short array beats sorting thousands).
  const top: number[][] = Array.from({ length: columns }, () => []);
  for (const a of units) {
    const accumulate = (ids: Int32Array, weights: Float64Array, factor: number) => {
      for (let i = 0; i < ids.length; i++) {
        const list = postings.get(ids[i] as number);
        if (!list || list.length > maxDf) continue;
        const w = (weights[i] as number) * factor;
        for (const p of list) {
          if ((units[p.unit] as Unit).column === a.column) continue;
          if (scores[p.unit] === 0) touched.push(p.unit);
          scores[p.unit] = (scores[p.unit] as number) + w * p.weight;
        }
      }
    };
    accumulate(a.textWords.ids, a.textWords.weights, 1);
    accumulate(a.headingWords.ids, a.headingWords.weights, 1);
    accumulate(a.context.ids, a.context.weights, 0.5);
    for (const list of top) list.length = 0;
    const better = (x: number, y: number) => (scores[x] as number) > (scores[y] as number) || (scores[x] === scores[y] && x < y);
    for (const b of touched) {
      const list = top[(units[b] as Unit).column] as number[];
      if (list.length === k && !better(b, list[k - 1] as number)) continue;
      let i = Math.min(list.length, k - 1);
      list[i] = b;
      while (i > 0 && better(b, list[i - 1] as number)) {
        list[i] = list[i - 1] as number;
        list[i - 1] = b;
        i--;
      }
    }
    for (const list of top)
      for (const b of list) {
        const key = pairKey(a.index, b);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(a.index < b ? [a.index, b] : [b, a.index]);
      }
    for (const b of touched) scores[b] = 0;
    touched.length = 0;
  }
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

export class PairScorer {
  readonly candidates: Array<[number, number]>;
  private readonly candidateSet: Set<number>;
  private readonly sims = new Map<number, Similarity>();
  private readonly probs = new Map<number, number>();
  /** Best combined similarity of unit u in column c: best[u * columns + c]. */
  private readonly best: Float64Array;

  constructor(
    private readonly units: readonly Unit[],
    private readonly columns: number,
    k: number,
  ) {
    this.candidates = candidatePairs(units, columns, k);
    this.candidateSet = new Set(this.candidates.map(([a, b]) => pairKey(a, b)));
    this.best = new Float64Array(units.length * columns);
    for (const [a, b] of this.candidates) {
      const s = this.similarity(a, b).combined;
      const ua = units[a] as Unit;
      const ub = units[b] as Unit;
      const ia = a * columns + ub.column;
      const ib = b * columns + ua.column;
      if (s > (this.best[ia] as number)) this.best[ia] = s;
      if (s > (this.best[ib] as number)) this.best[ib] = s;
    }
  }

  similarity(a: number, b: number): Similarity {
    const key = pairKey(a, b);
    let s = this.sims.get(key);
    if (!s) {
      s = similarity(this.units[a] as Unit, this.units[b] as Unit);
      this.sims.set(key, s);
    }
    return s;
  }

  features(a: number, b: number): PairFeatures {
    const ua = this.units[a] as Unit;
    const ub = this.units[b] as Unit;
    return pairFeatures(ua, ub, this.similarity(a, b), this.best[a * this.columns + ub.column] as number, this.best[b * this.columns + ua.column] as number);
  }

  probability(a: number, b: number): number {
    const key = pairKey(a, b);
    let p = this.probs.get(key);
    if (p === undefined) {
      p = probability(this.features(a, b));
      this.probs.set(key, p);
    }
    return p;
  }

  /**
   * The probability for a candidate pair, 0 for any other: a pair that is not among the few most
   * similar units of either side is no counterpart. Rows use this to judge each other, which keeps
   * the full comparison off the thousands of pairs between large rows.
   */
  candidateProbability(a: number, b: number): number {
    return this.candidateSet.has(pairKey(a, b)) ? this.probability(a, b) : 0;
  }

  /** Per unit, the highest probability to any unit of another version among the pairs scored. */
  bestProbabilities(): Float64Array {
    const out = new Float64Array(this.units.length);
    for (const [a, b] of this.candidates) {
      const p = this.probability(a, b);
      if (p > (out[a] as number)) out[a] = p;
      if (p > (out[b] as number)) out[b] = p;
    }
    return out;
  }
}
