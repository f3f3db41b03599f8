/**
 * Word diff of two texts for reading guidelines side by side: tokens compared under the options,
 * moves found among the deleted and inserted passages, small equal islands inside a rewrite
 * absorbed (so a rewritten sentence reads as one change, not as confetti), each change given its
 * significance, and an edit script that rebuilds the right text from the left one.
 *
 * Bounded: when the word diff would cost too much (a totally rewritten text), sentences are
 * diffed instead, then paragraphs, then the whole text; each coarse hunk is refined to words
 * again where that fits the bounds. `coarse` says whether any coarse hunk was left.
 */
import { classify } from './significance.js';
import { diffSequence, pushEq, pushHunk, type Run, type SequenceBounds } from './sequence.js';
import { paragraphUnits, sentenceUnits, tokenize, tokenKey, type Token } from './tokenize.js';
import { DEFAULT_DIFF_OPTIONS, type Change, type ChangeCounts, type DiffBounds, type DiffOptions, type Edit, type Segment, type WordDiff } from './types.js';

/** Time one diffTexts call may take before it only does coarse work. */
export const DEFAULT_TIME_BUDGET_MS = 2000;
const DEFAULT_ANCHOR_THRESHOLD = 2000;
/** A move is at least this many words: shorter repeats ("van de ouders") are coincidence. */
export const MIN_MOVE_WORDS = 5;
const ANCHOR_SPACING = 60;

interface Side {
  text: string;
  tokens: Token[];
  /** Token index of each significant (compared) token. */
  sig: number[];
  keys: Int32Array;
}

type Intern = Map<string, number>;

function prepare(text: string, options: DiffOptions, intern: Intern): Side {
  const tokens = tokenize(text);
  const sig: number[] = [];
  const keys: number[] = [];
  tokens.forEach((t, i) => {
    const key = tokenKey(t, options);
    if (key === null) return;
    let id = intern.get(key);
    if (id === undefined) intern.set(key, (id = intern.size));
    sig.push(i);
    keys.push(id);
  });
  return { text, tokens, sig, keys: Int32Array.from(keys) };
}

/** Per significant token: equal (paired in order with the other side), changed, or moved. */
const EQ = 0;
const CHANGED = 1;
const MOVED = 2;

interface Alignment {
  left: Uint8Array;
  right: Uint8Array;
  coarse: boolean;
}

export function diffTexts(leftText: string, rightText: string, options: Partial<DiffOptions> = {}, bounds: DiffBounds = {}): WordDiff {
  const o: DiffOptions = { ...DEFAULT_DIFF_OPTIONS, ...options };
  const intern: Intern = new Map();
  const L = prepare(leftText, o, intern);
  const R = prepare(rightText, o, intern);
  const seq: SequenceBounds = {
    deadline: bounds.deadline ?? Date.now() + DEFAULT_TIME_BUDGET_MS,
    anchorThreshold: bounds.anchorThreshold ?? DEFAULT_ANCHOR_THRESHOLD,
    words: true,
    spaces: { a: spaceMask(L), b: spaceMask(R) },
    ...(bounds.maxEditLength !== undefined ? { maxEditLength: bounds.maxEditLength } : {}),
  };
  const { left, right, coarse } = align(L, R, seq);
  const moves = o.detectMoves ? findMoves(L, R, left, right) : [];
  if (moves.length) extendMoves(L, R, left, right, moves);
  absorbIslands(L, R, left, right);
  return build(L, R, left, right, moves, coarse);
}

const spaceMask = (s: Side) => Uint8Array.from(s.sig, (t) => (s.tokens[t]?.type === 'space' ? 1 : 0));

function statesOf(runs: Run[], nl: number, nr: number): { left: Uint8Array; right: Uint8Array } {
  const left = new Uint8Array(nl).fill(CHANGED);
  const right = new Uint8Array(nr).fill(CHANGED);
  for (const run of runs) if (run.eq) for (let k = 0; k < run.n; k++) left[run.l + k] = right[run.r + k] = EQ;
  return { left, right };
}

function align(L: Side, R: Side, seq: SequenceBounds): Alignment {
  const nl = L.keys.length;
  const nr = R.keys.length;
  const words: Run[] = [];
  if (diffSequence(L.keys, R.keys, 0, nl, 0, nr, seq, words)) return { ...statesOf(words, nl, nr), coarse: false };
  // Too much work at word level: sentences, then paragraphs; the last try has no deadline, but
  // units are few, and if even that is beyond its bound the whole text is one change.
  for (const [unitsOf, last] of [[sentenceUnits, false], [paragraphUnits, true]] as const) {
    const runs = unitDiff(L, R, unitsOf, last ? { ...seq, deadline: Infinity, maxEditLength: 4000 } : seq);
    if (!runs) continue;
    return refine(L, R, runs, seq);
  }
  const whole: Run[] = [];
  pushHunk(whole, 0, nl, 0, nr);
  return refine(L, R, whole, seq);
}

/** Significant-token ranges of the units, without units that hold nothing compared. */
function unitRanges(side: Side, unitsOf: typeof sentenceUnits): Array<[number, number]> {
  const firstSig = new Int32Array(side.tokens.length + 1);
  let k = 0;
  for (let t = 0; t <= side.tokens.length; t++) {
    while (k < side.sig.length && (side.sig[k] as number) < t) k++;
    firstSig[t] = k;
  }
  return unitsOf(side.tokens)
    .map(([a, b]) => [firstSig[a] as number, firstSig[b] as number] as [number, number])
    .filter(([a, b]) => b > a);
}

/** Diffs unit keys and maps the result back to significant tokens. */
function unitDiff(L: Side, R: Side, unitsOf: typeof sentenceUnits, seq: SequenceBounds): Run[] | null {
  const ul = unitRanges(L, unitsOf);
  const ur = unitRanges(R, unitsOf);
  const intern: Intern = new Map();
  const keyOf = (side: Side, [a, b]: [number, number]) => {
    const k = side.keys.subarray(a, b).join(',');
    let id = intern.get(k);
    if (id === undefined) intern.set(k, (id = intern.size));
    return id;
  };
  const kl = ul.map((u) => keyOf(L, u));
  const kr = ur.map((u) => keyOf(R, u));
  const units: Run[] = [];
  if (!diffSequence(kl, kr, 0, kl.length, 0, kr.length, { ...seq, words: false, anchorThreshold: Math.min(seq.anchorThreshold, 200) }, units)) return null;
  const lStart = (u: number) => (u < ul.length ? (ul[u] as [number, number])[0] : L.keys.length);
  const rStart = (u: number) => (u < ur.length ? (ur[u] as [number, number])[0] : R.keys.length);
  const out: Run[] = [];
  let l = 0;
  let r = 0;
  for (const run of units) {
    if (run.eq) {
      // Equal units have equal keys, so their tokens pair one to one.
      const a = lStart(run.l);
      const b = rStart(run.r);
      pushHunk(out, l, a, r, b);
      const n = lStart(run.l + run.n) - a;
      pushEq(out, a, b, n);
      l = a + n;
      r = b + n;
    }
  }
  pushHunk(out, l, L.keys.length, r, R.keys.length);
  return out;
}

/** Tries the word diff again inside each coarse hunk; what still does not fit stays coarse. */
function refine(L: Side, R: Side, runs: Run[], seq: SequenceBounds): Alignment {
  const out: Run[] = [];
  let coarse = false;
  for (const run of runs) {
    if (run.eq) {
      pushEq(out, run.l, run.r, run.n);
      continue;
    }
    const mark = out.length;
    const saved = out[mark - 1] ? { ...(out[mark - 1] as Run) } : null;
    if (!diffSequence(L.keys, R.keys, run.l, run.lEnd, run.r, run.rEnd, seq, out)) {
      out.length = mark;
      if (saved) out[mark - 1] = saved;
      pushHunk(out, run.l, run.lEnd, run.r, run.rEnd);
      coarse = true;
    }
  }
  return { ...statesOf(out, L.keys.length, R.keys.length), coarse };
}

const isWordish = (t: Token | undefined) => t !== undefined && (t.type === 'word' || t.type === 'number');

interface Move {
  l: number;
  lEnd: number;
  r: number;
  rEnd: number;
}

/**
 * Exact (under the options) runs of at least MIN_MOVE_WORDS words that were deleted in one place
 * and inserted in another. Found on the minimal diff, before islands are absorbed, so a passage
 * that stayed where it was can never come out as a move.
 */
function findMoves(L: Side, R: Side, left: Uint8Array, right: Uint8Array): Move[] {
  const gram = (keys: Int32Array, i: number) => `${keys[i]},${keys[i + 1]},${keys[i + 2]}`;
  const runEnd = (states: Uint8Array, i: number) => {
    let e = i;
    while (e < states.length && states[e] === CHANGED) e++;
    return e;
  };
  // Where every inserted triple starts, and where its inserted run ends.
  const inserted = new Map<string, number[]>();
  const rightRunEnd = new Int32Array(right.length);
  for (let j = 0; j < right.length; ) {
    if (right[j] !== CHANGED) {
      j++;
      continue;
    }
    const e = runEnd(right, j);
    for (let k = j; k < e; k++) {
      rightRunEnd[k] = e;
      if (k + 3 <= e) {
        const g = gram(R.keys, k);
        const list = inserted.get(g);
        if (list) list.push(k);
        else inserted.set(g, [k]);
      }
    }
    j = e;
  }
  if (inserted.size === 0) return [];
  const words = (side: Side, a: number, b: number) => {
    let n = 0;
    for (let k = a; k < b; k++) if (isWordish(side.tokens[side.sig[k] as number])) n++;
    return n;
  };
  const moves: Move[] = [];
  for (let i = 0; i < left.length; ) {
    if (left[i] !== CHANGED) {
      i++;
      continue;
    }
    const e = runEnd(left, i);
    while (i + 3 <= e) {
      let best = 0;
      let bestJ = -1;
      for (const j of (inserted.get(gram(L.keys, i)) ?? []).slice(0, 16)) {
        if (right[j] !== CHANGED) continue;
        const limit = rightRunEnd[j] as number;
        let n = 0;
        while (i + n < e && j + n < limit && right[j + n] === CHANGED && L.keys[i + n] === R.keys[j + n]) n++;
        if (n > best) {
          best = n;
          bestJ = j;
        }
      }
      if (bestJ >= 0 && words(L, i, i + best) >= MIN_MOVE_WORDS) {
        moves.push({ l: i, lEnd: i + best, r: bestJ, rEnd: bestJ + best });
        left.fill(MOVED, i, i + best);
        right.fill(MOVED, bestJ, bestJ + best);
        i += best;
      } else i++;
    }
    i = Math.max(i, e);
  }
  return moves;
}

/**
 * A moved sentence often leaves its full stop behind: the minimal diff paired that "." with the
 * "." of a neighbouring sentence. Where the token next to a move is the same punctuation or space
 * on both sides, the move takes it along, and if one of the two was paired, its partner is paired
 * with an equal changed token between the same neighbours instead. Words are never re-paired.
 */
function extendMoves(L: Side, R: Side, left: Uint8Array, right: Uint8Array, moves: Move[]): void {
  const { pairs } = gapsOf(left, right);
  const pairOfLeft = new Int32Array(left.length).fill(-1);
  const pairOfRight = new Int32Array(right.length).fill(-1);
  pairs.forEach(([a, b], p) => {
    pairOfLeft[a] = p;
    pairOfRight[b] = p;
  });
  const light = (s: Side, k: number) => {
    const t = s.tokens[s.sig[k] as number];
    return t !== undefined && (t.type === 'punct' || t.type === 'space');
  };
  /** Re-pairs pair p (losing side `lost`) with a changed token of the same key between its neighbours. */
  const repair = (p: number, lost: 'left' | 'right'): boolean => {
    const [a, b] = pairs[p] as [number, number];
    const before = pairs[p - 1];
    const after = pairs[p + 1];
    const [states, keys, key, from, to] =
      lost === 'right' ? [right, R.keys, R.keys[b], before ? before[1] + 1 : 0, after ? after[1] : right.length] : [left, L.keys, L.keys[a], before ? before[0] + 1 : 0, after ? after[0] : left.length];
    for (let q = from; q < to; q++) {
      if (states[q] !== CHANGED || keys[q] !== key) continue;
      states[q] = EQ;
      if (lost === 'right') {
        pairs[p] = [a, q];
        pairOfRight[q] = p;
      } else {
        pairs[p] = [q, b];
        pairOfLeft[q] = p;
      }
      return true;
    }
    return false;
  };
  const take = (i: number, j: number): boolean => {
    if (i < 0 || j < 0 || i >= left.length || j >= right.length || L.keys[i] !== R.keys[j] || !light(L, i)) return false;
    if (left[i] === CHANGED && right[j] === CHANGED) {
      left[i] = right[j] = MOVED;
      return true;
    }
    if (left[i] === CHANGED && right[j] === EQ && repair(pairOfRight[j] as number, 'right')) {
      left[i] = right[j] = MOVED;
      return true;
    }
    if (left[i] === EQ && right[j] === CHANGED && repair(pairOfLeft[i] as number, 'left')) {
      left[i] = right[j] = MOVED;
      return true;
    }
    return false;
  };
  for (const m of moves) {
    for (let n = 0; n < 3 && take(m.lEnd, m.rEnd); n++) {
      m.lEnd++;
      m.rEnd++;
    }
    for (let n = 0; n < 3 && take(m.l - 1, m.r - 1); n++) {
      m.l--;
      m.r--;
    }
  }
}

/**
 * A gap: the tokens between two consecutive equal pairs (or the ends). Equal tokens pair in order,
 * so gaps are found by walking both sides together.
 */
interface Gap {
  l: number;
  lEnd: number;
  r: number;
  rEnd: number;
}

function gapsOf(left: Uint8Array, right: Uint8Array): { gaps: Gap[]; pairs: Array<[number, number]> } {
  const gaps: Gap[] = [];
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const gi = i;
    const gj = j;
    while (i < left.length && left[i] !== EQ) i++;
    while (j < right.length && right[j] !== EQ) j++;
    if (i > gi || j > gj) gaps.push({ l: gi, lEnd: i, r: gj, rEnd: j });
    if (i >= left.length || j >= right.length) break;
    pairs.push([i, j]);
    i++;
    j++;
  }
  return { gaps, pairs };
}

/** Runs of changed tokens in [a, b), split where a moved passage sits. */
function pieces(states: Uint8Array, a: number, b: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = a; k < b; ) {
    if (states[k] !== CHANGED) {
      k++;
      continue;
    }
    const start = k;
    while (k < b && states[k] === CHANGED) k++;
    out.push([start, k]);
  }
  return out;
}

/**
 * Equal islands inside a rewrite become part of it: an equal run between two changes that are each
 * at least twice its size (moves not counted). Sizes count everything but whitespace, so when
 * whitespace is compared, the spaces between two changed words do not cut a rewrite into pieces.
 * Repeated until nothing changes.
 */
function absorbIslands(L: Side, R: Side, left: Uint8Array, right: Uint8Array): void {
  const solid = (s: Side, k: number) => s.tokens[s.sig[k] as number]?.type !== 'space';
  const changedSize = (s: Side, states: Uint8Array, a: number, b: number) => {
    let n = 0;
    for (let k = a; k < b; k++) if (states[k] === CHANGED && solid(s, k)) n++;
    return n;
  };
  const changedAny = (g: Gap) => {
    for (let k = g.l; k < g.lEnd; k++) if (left[k] === CHANGED) return true;
    for (let k = g.r; k < g.rEnd; k++) if (right[k] === CHANGED) return true;
    return false;
  };
  const sizeOf = (g: Gap) => Math.max(changedSize(L, left, g.l, g.lEnd), changedSize(R, right, g.r, g.rEnd));
  for (let pass = 0; pass < 4; pass++) {
    const { gaps, pairs } = gapsOf(left, right);
    if (gaps.length < 2) return;
    let changed = false;
    // An island is the run of equal pairs between gaps k and k + 1.
    let p = 0;
    for (let k = 0; k + 1 < gaps.length; k++) {
      const before = gaps[k] as Gap;
      const after = gaps[k + 1] as Gap;
      while (p < pairs.length && (pairs[p] as [number, number])[0] < before.lEnd) p++;
      let q = p;
      while (q < pairs.length && (pairs[q] as [number, number])[0] < after.l) q++;
      if (q === p || !hasNoLineBreak(L, pairs, p, q)) continue;
      let size = 0;
      for (let x = p; x < q; x++) if (solid(L, (pairs[x] as [number, number])[0])) size++;
      const absorb = size === 0 ? changedAny(before) && changedAny(after) : size * 2 <= sizeOf(before) && size * 2 <= sizeOf(after);
      if (!absorb) continue;
      for (let x = p; x < q; x++) {
        const [a, b] = pairs[x] as [number, number];
        left[a] = CHANGED;
        right[b] = CHANGED;
      }
      changed = true;
    }
    if (!changed) return;
  }
}

/** Islands that hold a paragraph break stay: a rewrite should not swallow the structure. */
function hasNoLineBreak(L: Side, pairs: Array<[number, number]>, p: number, q: number): boolean {
  const first = (pairs[p] as [number, number])[0];
  const last = (pairs[q - 1] as [number, number])[0];
  const from = first > 0 ? (L.tokens[L.sig[first - 1] as number] as Token).end : 0;
  const to = last + 1 < L.sig.length ? (L.tokens[L.sig[last + 1] as number] as Token).start : L.text.length;
  return !L.text.slice(from, to).includes('\n');
}

function build(L: Side, R: Side, left: Uint8Array, right: Uint8Array, moves: Move[], coarse: boolean): WordDiff {
  const { gaps, pairs } = gapsOf(left, right);
  const startOf = (s: Side, k: number) => (s.tokens[s.sig[k] as number] as Token).start;
  const endOf = (s: Side, k: number) => (s.tokens[s.sig[k] as number] as Token).end;
  /** The point on a side just before significant token k (or the end). */
  const pointAt = (s: Side, k: number) => (k < s.sig.length ? startOf(s, k) : s.sig.length ? endOf(s, s.sig.length - 1) : 0);
  const point = (s: Side, k: number) => {
    const at = pointAt(s, k);
    return { start: at, end: at };
  };
  // Changes with a sort key in reading order of the right text. A gap split by a moved passage
  // is one change per piece ("3" → "4" before the passage, a "." added after it).
  type Piece = [number, number] | null;
  const draft: Array<{ key: [number, number]; change: Omit<Change, 'id'>; l: Piece; r: Piece; move?: Move }> = [];
  for (const g of gaps) {
    const lp = pieces(left, g.l, g.lEnd);
    const rp = pieces(right, g.r, g.rEnd);
    for (let p = 0; p < Math.max(lp.length, rp.length); p++) {
      const l = lp[p] ?? null;
      const r = rp[p] ?? null;
      const deleted: Token[] = [];
      const inserted: Token[] = [];
      if (l) for (let k = l[0]; k < l[1]; k++) deleted.push(L.tokens[L.sig[k] as number] as Token);
      if (r) for (let k = r[0]; k < r[1]; k++) inserted.push(R.tokens[R.sig[k] as number] as Token);
      const { significance, signals } = classify(deleted, inserted);
      const leftRange = l ? { start: startOf(L, l[0]), end: endOf(L, l[1] - 1) } : point(L, lp[p - 1]?.[1] ?? g.lEnd);
      const rightRange = r ? { start: startOf(R, r[0]), end: endOf(R, r[1] - 1) } : point(R, rp[p - 1]?.[1] ?? g.rEnd);
      draft.push({ key: [rightRange.start, leftRange.start], change: { kind: l && r ? 'gewijzigd' : l ? 'verwijderd' : 'toegevoegd', significance, signals, left: leftRange, right: rightRange }, l, r });
    }
  }
  moves.forEach((m, moveId) => {
    draft.push({
      key: [startOf(R, m.r), startOf(L, m.l)],
      change: { kind: 'verplaatst', significance: 'herformulering', signals: [], left: { start: startOf(L, m.l), end: endOf(L, m.lEnd - 1) }, right: { start: startOf(R, m.r), end: endOf(R, m.rEnd - 1) }, move: moveId },
      l: [m.l, m.lEnd],
      r: [m.r, m.rEnd],
      move: m,
    });
  });
  draft.sort((x, y) => x.key[0] - y.key[0] || x.key[1] - y.key[1]);
  const changes: Change[] = draft.map((d, id) => ({ id, ...d.change }));

  // Per significant token: the change (and move) it belongs to.
  const changeL = new Int32Array(left.length).fill(-1);
  const changeR = new Int32Array(right.length).fill(-1);
  draft.forEach((d, id) => {
    if (d.l) changeL.fill(id, d.l[0], d.l[1]);
    if (d.r) changeR.fill(id, d.r[0], d.r[1]);
  });
  const moveOf = (change: number) => (change >= 0 ? changes[change]?.move : undefined);

  const leftSegments = segments(L, left, changeL, 'deleted', moveOf);
  const rightSegments = segments(R, right, changeR, 'inserted', moveOf);

  // Anchors at the start and end of every equal run, not too close together.
  const anchors: Array<[number, number]> = [[0, 0]];
  const anchor = (la: number, rb: number) => {
    const [pl, pr] = anchors[anchors.length - 1] as [number, number];
    if (la > pl && rb > pr && (la - pl >= ANCHOR_SPACING || rb - pr >= ANCHOR_SPACING)) anchors.push([la, rb]);
  };
  for (let x = 0; x < pairs.length; x++) {
    const [a, b] = pairs[x] as [number, number];
    const previous = pairs[x - 1];
    const next = pairs[x + 1];
    if (!previous || previous[0] !== a - 1 || previous[1] !== b - 1) anchor(startOf(L, a), startOf(R, b));
    if (!next || next[0] !== a + 1 || next[1] !== b + 1) anchor(endOf(L, a), endOf(R, b));
  }
  const [endL, endR] = anchors[anchors.length - 1] as [number, number];
  if (L.text.length > endL && R.text.length > endR) anchors.push([L.text.length, R.text.length]);

  return { left: leftSegments, right: rightSegments, changes, anchors, coarse, counts: countChanges(changes), edits: editsOf(L, R, gaps) };
}

export function countChanges(changes: readonly Change[]): ChangeCounts {
  const counts: ChangeCounts = { total: changes.length, ontkenning: 0, modaal: 0, getal: 0, herformulering: 0, verplaatst: 0 };
  for (const c of changes) {
    if (c.kind === 'verplaatst') counts.verplaatst++;
    else counts[c.significance]++;
  }
  return counts;
}

/**
 * Segments cover the whole text. A token the options ignore takes the look of the tokens around
 * it when both belong to the same change (the spaces inside a deleted sentence), else it is equal.
 */
function segments(side: Side, states: Uint8Array, changeOf: Int32Array, changedKind: 'deleted' | 'inserted', moveOf: (change: number) => number | undefined): Segment[] {
  const out: Segment[] = [];
  const look = (k: number): { kind: Segment['kind']; change: number } =>
    states[k] === EQ ? { kind: 'equal', change: -1 } : { kind: states[k] === MOVED ? 'moved' : changedKind, change: changeOf[k] as number };
  const push = (start: number, end: number, kind: Segment['kind'], change: number) => {
    if (end <= start) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind && (last.change ?? -1) === change && last.end === start) {
      last.end = end;
      return;
    }
    const seg: Segment = { start, end, kind };
    if (change >= 0) {
      seg.change = change;
      const move = moveOf(change);
      if (move !== undefined) seg.move = move;
    }
    out.push(seg);
  };
  let k = 0; // next significant token
  for (let t = 0; t < side.tokens.length; t++) {
    const token = side.tokens[t] as Token;
    if (k < side.sig.length && side.sig[k] === t) {
      const { kind, change } = look(k);
      push(token.start, token.end, kind, change);
      k++;
      continue;
    }
    // Ignored token between significant tokens k - 1 and k.
    if (k > 0 && k < side.sig.length) {
      const before = look(k - 1);
      const after = look(k);
      if (before.kind !== 'equal' && before.kind === after.kind && before.change === after.change) {
        push(token.start, token.end, before.kind, before.change);
        continue;
      }
    }
    push(token.start, token.end, 'equal', -1);
  }
  return out;
}

/**
 * The edit script: each gap replaces the left text between its neighbouring equal tokens by the
 * right text between theirs. What the options ignore between two equal tokens stays as on the left.
 */
function editsOf(L: Side, R: Side, gaps: Gap[]): Edit[] {
  const from = (s: Side, k: number) => (k === 0 ? 0 : (s.tokens[s.sig[k - 1] as number] as Token).end);
  const to = (s: Side, k: number) => (k < s.sig.length ? (s.tokens[s.sig[k] as number] as Token).start : s.text.length);
  return gaps.map((g) => ({ start: from(L, g.l), end: to(L, g.lEnd), text: R.text.slice(from(R, g.r), to(R, g.rEnd)) }));
}

/** Rebuilds the right text from the left text and a diff's edits. */
export function applyEdits(left: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at || e.end < e.start || e.end > left.length) throw new Error('Edits overlap or fall outside the text.');
    out += left.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + left.slice(at);
}
