/**
 * Sparse TF-IDF vectors of unit length with a sorted-merge dot product. Terms are interned to
 * integers once, and counts are gathered in a dense scratch array, so the hot loops touch typed
 * arrays rather than maps.
 */

export interface SparseVector {
  /** Ascending term ids. */
  ids: Int32Array;
  /** Weights, L2-normalised (all zero length when the text had no terms). */
  weights: Float64Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float64Array(0) };

export class Vocabulary {
  private readonly map = new Map<string, number>();
  id(term: string): number {
    let id = this.map.get(term);
    if (id === undefined) {
      id = this.map.size;
      this.map.set(term, id);
    }
    return id;
  }
  get size(): number {
    return this.map.size;
  }
}

/** Term counts of one document, ids ascending. */
export interface Counts {
  ids: Int32Array;
  counts: Float64Array;
}

/** Gathers (term id, weight) additions for one document at a time. */
export class Counter {
  private dense = new Float64Array(1024);
  private readonly touched: number[] = [];

  add(id: number, weight = 1): void {
    if (id >= this.dense.length) {
      const grown = new Float64Array(Math.max(id + 1, this.dense.length * 2));
      grown.set(this.dense);
      this.dense = grown;
    }
    if (this.dense[id] === 0) this.touched.push(id);
    this.dense[id] = (this.dense[id] as number) + weight;
  }

  /** The counts so far, and a clean counter for the next document. */
  take(): Counts {
    const ids = Int32Array.from(this.touched).sort();
    const counts = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      counts[i] = this.dense[id] as number;
      this.dense[id] = 0;
    }
    this.touched.length = 0;
    return { ids, counts };
  }
}

/**
 * One field of every document to vectors: sublinear tf (1 + ln tf, so a word repeated twenty
 * times in a long section does not drown the rest) times idf ln(1 + N/df), over this corpus only.
 */
export function tfidf(docs: readonly Counts[], vocabularySize: number): SparseVector[] {
  const df = new Int32Array(vocabularySize);
  for (const d of docs) for (const id of d.ids) df[id] = (df[id] as number) + 1;
  const idf = new Float64Array(vocabularySize);
  const n = docs.length;
  for (let id = 0; id < vocabularySize; id++) if ((df[id] as number) > 0) idf[id] = Math.log(1 + n / (df[id] as number));
  return docs.map((d) => {
    if (d.ids.length === 0) return EMPTY_VECTOR;
    const weights = new Float64Array(d.ids.length);
    let norm = 0;
    for (let i = 0; i < d.ids.length; i++) {
      const tf = d.counts[i] as number;
      const w = tf > 0 ? (1 + Math.log(tf)) * (idf[d.ids[i] as number] as number) : 0;
      weights[i] = w;
      norm += w * w;
    }
    if (norm === 0) return EMPTY_VECTOR;
    norm = Math.sqrt(norm);
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) / norm;
    return { ids: d.ids, weights };
  });
}

/** Cosine of two unit vectors. */
export function dot(a: SparseVector, b: SparseVector): number {
  const ai = a.ids;
  const bi = b.ids;
  const aw = a.weights;
  const bw = b.weights;
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i] as number;
    const y = bi[j] as number;
    if (x === y) {
      sum += (aw[i] as number) * (bw[j] as number);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return sum;
}

export const isEmpty = (v: SparseVector): boolean => v.ids.length === 0;
