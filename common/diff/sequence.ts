/**
 * The diff of two sequences of interned keys, bounded. Myers' algorithm (jsdiff's diffArrays)
 * costs about (n + m) × edits, which for two 5,000-word sections with moved sentences is too slow
 * for a UI. So long sequences are first cut at word triples that occur exactly once on each side
 * (the longest increasing chain of them, as in patience diff), and jsdiff runs on the short gaps
 * in between. Every jsdiff run has an edit-length bound and the shared deadline; when one is hit
 * the whole attempt gives up (returns false) and the caller falls back to a coarser unit.
 */
import { diffArrays } from 'diff';

/** A run of equal keys, or a hunk replacing a[l, lEnd) by b[r, rEnd). */
export type Run = { eq: true; l: number; r: number; n: number } | { eq: false; l: number; lEnd: number; r: number; rEnd: number };

export interface SequenceBounds {
  /** Absolute Date.now() after which jsdiff is not started any more; Infinity for none. */
  deadline: number;
  /** Sequences (both sides together) longer than this are cut at unique triples first. */
  anchorThreshold: number;
  /** A fixed edit-length bound per jsdiff run; otherwise WORK_BUDGET / (n + m). */
  maxEditLength?: number;
  /** Words, not sentences: stretches that share almost no adjacent word pairs are replaced whole. */
  words?: boolean;
  /** Per position, 1 for whitespace: left out of the word pairs, where it would only add noise. */
  spaces?: { a: Uint8Array; b: Uint8Array };
}

/** Roughly (n + m) × edits that one jsdiff run may cost: ~30 ms on a slow laptop core. */
export const WORK_BUDGET = 3_000_000;
const MIN_EDIT_LENGTH = 64;
const MAX_DEPTH = 6;

export function pushEq(out: Run[], l: number, r: number, n: number): void {
  if (n <= 0) return;
  const last = out[out.length - 1];
  if (last?.eq && last.l + last.n === l && last.r + last.n === r) last.n += n;
  else out.push({ eq: true, l, r, n });
}

export function pushHunk(out: Run[], l: number, lEnd: number, r: number, rEnd: number): void {
  if (l === lEnd && r === rEnd) return;
  const last = out[out.length - 1];
  if (last && !last.eq && last.lEnd === l && last.rEnd === r) {
    last.lEnd = lEnd;
    last.rEnd = rEnd;
  } else out.push({ eq: false, l, lEnd, r, rEnd });
}

/** Appends the runs turning a[al, ah) into b[bl, bh) to out; false when a bound was hit. */
export function diffSequence(a: ArrayLike<number>, b: ArrayLike<number>, al: number, ah: number, bl: number, bh: number, bounds: SequenceBounds, out: Run[], depth = 0): boolean {
  let p = 0;
  while (al + p < ah && bl + p < bh && a[al + p] === b[bl + p]) p++;
  pushEq(out, al, bl, p);
  al += p;
  bl += p;
  let s = 0;
  while (ah - s > al && bh - s > bl && a[ah - 1 - s] === b[bh - 1 - s]) s++;
  ah -= s;
  bh -= s;
  if (al === ah || bl === bh) pushHunk(out, al, ah, bl, bh);
  else if (ah - al + (bh - bl) > bounds.anchorThreshold && depth < MAX_DEPTH) {
    if (!anchored(a, b, al, ah, bl, bh, bounds, out, depth)) return false;
  } else if (bounds.words && ah - al + (bh - bl) > SMALL && sharedPairs(a, b, al, ah, bl, bh, bounds.spaces) < MIN_SHARED_PAIRS) {
    // Nothing in common but loose words: the word diff would only find "de" and "van" to keep,
    // and those islands get absorbed anyway. Replace without paying for Myers.
    pushHunk(out, al, ah, bl, bh);
  } else if (!myers(a, b, al, ah, bl, bh, bounds, out)) return false;
  pushEq(out, ah, bh, s);
  return true;
}

function myers(a: ArrayLike<number>, b: ArrayLike<number>, al: number, ah: number, bl: number, bh: number, bounds: SequenceBounds, out: Run[]): boolean {
  const size = ah - al + (bh - bl);
  const timeout = bounds.deadline - Date.now();
  if (timeout <= 0) return false;
  const maxEditLength = Math.min(size, bounds.maxEditLength ?? Math.max(MIN_EDIT_LENGTH, Math.floor(WORK_BUDGET / size)));
  const changes = diffArrays(Array.prototype.slice.call(a, al, ah) as number[], Array.prototype.slice.call(b, bl, bh) as number[], Number.isFinite(timeout) ? { maxEditLength, timeout } : { maxEditLength });
  if (!changes) return false;
  let l = al;
  let r = bl;
  for (const c of changes) {
    if (c.added) {
      pushHunk(out, l, l, r, r + c.count);
      r += c.count;
    } else if (c.removed) {
      pushHunk(out, l, l + c.count, r, r);
      l += c.count;
    } else {
      pushEq(out, l, r, c.count);
      l += c.count;
      r += c.count;
    }
  }
  return true;
}

const SMALL = 64;
/** Below this share of common adjacent pairs, two stretches are different texts, not a revision. */
const MIN_SHARED_PAIRS = 0.1;

/** Share of adjacent key pairs (whitespace skipped) of the shorter side that also occur in the other, as multisets. */
function sharedPairs(a: ArrayLike<number>, b: ArrayLike<number>, al: number, ah: number, bl: number, bh: number, spaces?: { a: Uint8Array; b: Uint8Array }): number {
  // Keys are interned ids, far below 2^26, so a pair fits exactly in a double.
  const pairsOf = (keys: ArrayLike<number>, lo: number, hi: number, skip: Uint8Array | undefined, each: (pair: number) => void): number => {
    let previous = -1;
    let n = 0;
    for (let i = lo; i < hi; i++) {
      if (skip?.[i]) continue;
      const k = keys[i] as number;
      if (previous >= 0) {
        each(previous * 67108864 + k);
        n++;
      }
      previous = k;
    }
    return n;
  };
  const count = new Map<number, number>();
  const na = pairsOf(a, al, ah, spaces?.a, (p) => count.set(p, (count.get(p) ?? 0) + 1));
  let shared = 0;
  const nb = pairsOf(b, bl, bh, spaces?.b, (p) => {
    const n = count.get(p);
    if (n) {
      shared++;
      count.set(p, n - 1);
    }
  });
  return shared / Math.max(1, Math.min(na, nb));
}

const GRAM = 3;

/**
 * Start positions of the triples that occur once in [lo, hi), by triple. Keys are interned ids;
 * below 2^17 three of them pack exactly into one double, which spares a string per position.
 */
function uniqueGrams(keys: ArrayLike<number>, lo: number, hi: number, packed: boolean): Map<number | string, number> {
  const seen = new Map<number | string, number>();
  for (let i = lo; i + GRAM <= hi; i++) {
    const a = keys[i] as number;
    const b = keys[i + 1] as number;
    const c = keys[i + 2] as number;
    const g = packed ? a * 17179869184 + b * 131072 + c : `${a},${b},${c}`;
    seen.set(g, seen.has(g) ? -1 : i);
  }
  return seen;
}

function maxKey(keys: ArrayLike<number>, lo: number, hi: number): number {
  let max = 0;
  for (let i = lo; i < hi; i++) if ((keys[i] as number) > max) max = keys[i] as number;
  return max;
}

/** Indices (into pairs) of a longest chain increasing in b; pairs are sorted by a. */
function longestChain(pairs: ReadonlyArray<readonly [number, number]>): number[] {
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const j = (pairs[k] as readonly [number, number])[1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[tails[mid] as number] as readonly [number, number])[1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1] as number;
    tails[lo] = k;
  }
  const chain: number[] = [];
  for (let k = tails.length ? (tails[tails.length - 1] as number) : -1; k >= 0; k = previous[k] as number) chain.push(k);
  return chain.reverse();
}

function anchored(a: ArrayLike<number>, b: ArrayLike<number>, al: number, ah: number, bl: number, bh: number, bounds: SequenceBounds, out: Run[], depth: number): boolean {
  const packed = Math.max(maxKey(a, al, ah), maxKey(b, bl, bh)) < 131072;
  const inA = uniqueGrams(a, al, ah, packed);
  const inB = uniqueGrams(b, bl, bh, packed);
  const pairs: Array<[number, number]> = [];
  for (const [g, i] of inA) {
    if (i < 0) continue;
    const j = inB.get(g);
    if (j !== undefined && j >= 0) pairs.push([i, j]);
  }
  if (pairs.length === 0) return myers(a, b, al, ah, bl, bh, bounds, out);
  pairs.sort((x, y) => x[0] - y[0]);
  let ca = al;
  let cb = bl;
  for (const k of longestChain(pairs)) {
    const [i, j] = pairs[k] as [number, number];
    if (i < ca || j < cb) continue; // inside the match before
    let n = GRAM;
    while (i + n < ah && j + n < bh && a[i + n] === b[j + n]) n++;
    if (!diffSequence(a, b, ca, i, cb, j, bounds, out, depth + 1)) return false;
    pushEq(out, i, j, n);
    ca = i + n;
    cb = j + n;
  }
  return diffSequence(a, b, ca, ah, cb, bh, bounds, out, depth + 1);
}
