/**
 * Whole versions: a version's sections as one text (heading line, then body), sections of two
 * versions paired by number, heading and text similarity, each pair diffed on its own (so a
 * 100-page comparison is many small bounded diffs), and the pieces merged into one diff of the
 * two whole texts. Unpaired sections come out as wholly added or removed.
 */
import { foldText } from '../text.js';
import { DEFAULT_TIME_BUDGET_MS, countChanges, diffTexts } from './word-diff.js';
import type { Change, DiffBounds, DiffOptions, Segment, TextDiff } from './types.js';

export interface SectionInput {
  id: number;
  number: string | null;
  heading: string;
  level: number;
  kind: string;
  text: string;
}

/** Where a section sits in its side's text: [start, end), the heading line being [start, bodyStart). */
export interface PlacedSection {
  id: number;
  number: string | null;
  heading: string;
  level: number;
  kind: string;
  start: number;
  bodyStart: number;
  end: number;
}

export interface SideText {
  text: string;
  sections: PlacedSection[];
}

export const SECTION_SEPARATOR = '\n\n';

/** "4.2 Medicatie"; a number the heading already starts with ("Aanbeveling 1") is not repeated. */
export function headingLine(s: Pick<SectionInput, 'number' | 'heading'>): string {
  return s.number && s.number !== s.heading && !s.heading.startsWith(s.number) ? `${s.number} ${s.heading}`.trim() : s.heading.trim();
}

export function buildSideText(sections: readonly SectionInput[]): SideText {
  let text = '';
  const placed: PlacedSection[] = [];
  for (const s of sections) {
    if (text) text += SECTION_SEPARATOR;
    const start = text.length;
    const line = headingLine(s);
    text += line;
    if (line && s.text) text += SECTION_SEPARATOR;
    const bodyStart = text.length;
    text += s.text;
    placed.push({ id: s.id, number: s.number, heading: s.heading, level: s.level, kind: s.kind, start, bodyStart, end: text.length });
  }
  return { text, sections: placed };
}

/** One row of a whole-version comparison; left/right are indices into each side's sections. */
export interface SectionPair {
  left: number | null;
  right: number | null;
  /** Paired, but in a different order than the sections around it. */
  moved: boolean;
}

const headingKey = (heading: string) => foldText(heading).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Word pairs of a section (folded), the fingerprint for pairing by similarity. */
function bigrams(s: SectionInput): Set<string> {
  const words = foldText(`${s.heading} ${s.text}`).match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  if (words.length === 1) out.add(words[0] as string);
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Similarity two sections need to be paired on text alone. */
const MIN_SIMILARITY = 0.3;
/** Beyond this many candidate pairs, only sections at about the same relative place are compared. */
const MAX_SIMILARITY_PAIRS = 40_000;

/**
 * Pairs sections: same number and heading, then same heading (in order when repeated), then the
 * same number with similar text, then similar text; rows in the order of the right version,
 * with removed sections where they stood on the left.
 */
export function alignSections(left: readonly SectionInput[], right: readonly SectionInput[]): SectionPair[] {
  const pairOf = new Map<number, number>(); // left index → right index
  const taken = new Set<number>(); // right indices
  const pair = (i: number, j: number) => {
    pairOf.set(i, j);
    taken.add(j);
  };
  const lKeys = left.map((s) => headingKey(s.heading));
  const rKeys = right.map((s) => headingKey(s.heading));
  // 1 and 2: by heading (and number); repeated headings pair in order of appearance.
  for (const withNumber of [true, false]) {
    const queue = new Map<string, number[]>();
    right.forEach((s, j) => {
      if (taken.has(j) || !rKeys[j]) return;
      const key = withNumber ? `${s.number ?? ''}\u0000${rKeys[j]}` : (rKeys[j] as string);
      queue.set(key, [...(queue.get(key) ?? []), j]);
    });
    left.forEach((s, i) => {
      if (pairOf.has(i) || !lKeys[i]) return;
      const key = withNumber ? `${s.number ?? ''}\u0000${lKeys[i]}` : (lKeys[i] as string);
      const j = queue.get(key)?.shift();
      if (j !== undefined) pair(i, j);
    });
  }
  // 3 and 4: by text similarity, the same number lowering the bar.
  const fingerprints = new Map<string, Set<string>>();
  const fp = (side: 'l' | 'r', k: number) => {
    const key = `${side}${k}`;
    let f = fingerprints.get(key);
    if (!f) fingerprints.set(key, (f = bigrams((side === 'l' ? left : right)[k] as SectionInput)));
    return f;
  };
  const openLeft = left.map((_, i) => i).filter((i) => !pairOf.has(i));
  const openRight = right.map((_, j) => j).filter((j) => !taken.has(j));
  const wide = openLeft.length * openRight.length <= MAX_SIMILARITY_PAIRS;
  const candidates: Array<{ i: number; j: number; score: number }> = [];
  for (const i of openLeft) {
    for (const j of openRight) {
      if (!wide && Math.abs(i / Math.max(1, left.length) - j / Math.max(1, right.length)) > 0.1) continue;
      const score = jaccard(fp('l', i), fp('r', j));
      const sameNumber = left[i]?.number && left[i]?.number === right[j]?.number;
      if (score >= (sameNumber ? MIN_SIMILARITY / 2 : MIN_SIMILARITY)) candidates.push({ i, j, score: score + (sameNumber ? 0.2 : 0) });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.i - b.i);
  for (const c of candidates) if (!pairOf.has(c.i) && !taken.has(c.j)) pair(c.i, c.j);

  // Pairs in the longest run that keeps both orders stay in place; the others are moved.
  const byRight = [...pairOf].map(([i, j]) => ({ i, j })).sort((a, b) => a.j - b.j);
  const inOrder = new Set<number>(longestIncreasing(byRight.map((p) => p.i)).map((k) => (byRight[k] as { i: number }).i));
  const rows: SectionPair[] = [];
  const leftOf = new Map([...pairOf].map(([i, j]) => [j, i]));
  let nextLeft = 0;
  const flushLeft = (upTo: number) => {
    for (; nextLeft < upTo; nextLeft++) if (!pairOf.has(nextLeft)) rows.push({ left: nextLeft, right: null, moved: false });
  };
  right.forEach((_, j) => {
    const i = leftOf.get(j);
    if (i === undefined) {
      rows.push({ left: null, right: j, moved: false });
      return;
    }
    const moved = !inOrder.has(i);
    if (!moved) flushLeft(i);
    rows.push({ left: i, right: j, moved });
  });
  flushLeft(left.length);
  return rows;
}

/** Indices of a longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((v, k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1] as number;
    tails[lo] = k;
  });
  const out: number[] = [];
  for (let k = tails.length ? (tails[tails.length - 1] as number) : -1; k >= 0; k = previous[k] as number) out.push(k);
  return out.reverse();
}

export interface SectionedDiff extends TextDiff {
  pairs: SectionPair[];
}

/** Time for a whole-version comparison before the remaining sections get only a coarse diff. */
export const VERSION_TIME_BUDGET_MS = 4000;

/**
 * Diffs two whole versions section pair by section pair and merges the results into one diff
 * of the two side texts. Changes come in row order; anchors only from rows in order on both sides.
 */
export function diffSectioned(left: SideText, right: SideText, pairs: readonly SectionPair[], options: Partial<DiffOptions>, bounds: DiffBounds = {}): SectionedDiff {
  const deadline = bounds.deadline ?? Date.now() + VERSION_TIME_BUDGET_MS;
  const leftSegments: Segment[] = [];
  const rightSegments: Segment[] = [];
  const changes: Change[] = [];
  const anchors: Array<[number, number]> = [[0, 0]];
  let coarse = false;
  let moves = 0;
  for (const row of pairs) {
    const ls = row.left === null ? null : (left.sections[row.left] as PlacedSection);
    const rs = row.right === null ? null : (right.sections[row.right] as PlacedSection);
    const lText = ls ? left.text.slice(ls.start, ls.end) : '';
    const rText = rs ? right.text.slice(rs.start, rs.end) : '';
    // Time left is shared: per section at most a fair slice, so one huge section cannot starve the rest.
    const remaining = Math.max(0, deadline - Date.now());
    const d = diffTexts(lText, rText, options, { ...bounds, deadline: Date.now() + Math.min(remaining, DEFAULT_TIME_BUDGET_MS) });
    coarse ||= d.coarse;
    const lo = ls?.start ?? insertionPoint(left, pairs, row, 'left');
    const ro = rs?.start ?? insertionPoint(right, pairs, row, 'right');
    // A section that moved as a whole is one move; its unchanged text shows in the move colour.
    let sectionMove: { change: number; move: number } | null = null;
    if (ls && rs && row.moved) {
      sectionMove = { change: changes.length, move: moves++ };
      changes.push({ id: sectionMove.change, kind: 'verplaatst', significance: 'herformulering', signals: [], left: { start: ls.start, end: ls.end }, right: { start: rs.start, end: rs.end }, move: sectionMove.move });
    }
    const base = changes.length;
    const moveBase = moves;
    let rowMoves = 0;
    for (const c of d.changes) {
      const shifted: Change = { ...c, id: base + c.id, left: { start: c.left.start + lo, end: c.left.end + lo }, right: { start: c.right.start + ro, end: c.right.end + ro } };
      if (c.move !== undefined) {
        shifted.move = moveBase + c.move;
        rowMoves = Math.max(rowMoves, c.move + 1);
      }
      changes.push(shifted);
    }
    moves += rowMoves;
    const shift = (segs: Segment[], by: number, out: Segment[]) => {
      for (const s of segs) {
        const t: Segment = { start: s.start + by, end: s.end + by, kind: s.kind };
        if (s.change !== undefined) t.change = base + s.change;
        if (s.move !== undefined) t.move = moveBase + s.move;
        if (sectionMove && s.kind === 'equal') {
          t.kind = 'moved';
          t.change = sectionMove.change;
          t.move = sectionMove.move;
        }
        out.push(t);
      }
    };
    if (ls) shift(d.left, lo, leftSegments);
    if (rs) shift(d.right, ro, rightSegments);
    if (ls && rs && !row.moved) for (const [a, b] of d.anchors) anchors.push([a + lo, b + ro]);
  }
  anchors.push([left.text.length, right.text.length]);
  return {
    left: fillGaps(leftSegments, left.text.length),
    right: fillGaps(rightSegments, right.text.length),
    changes,
    anchors: increasing(anchors),
    coarse,
    counts: countChanges(changes),
    pairs: [...pairs],
  };
}

/** Where an unpaired section's counterpart would be on the other side: before the next paired section. */
function insertionPoint(side: SideText, pairs: readonly SectionPair[], row: SectionPair, which: 'left' | 'right'): number {
  const at = pairs.indexOf(row);
  for (let k = at + 1; k < pairs.length; k++) {
    const idx = (pairs[k] as SectionPair)[which];
    if (idx !== null && !(pairs[k] as SectionPair).moved) return (side.sections[idx] as PlacedSection).start;
  }
  return side.text.length;
}

/** Segments sorted, with the separators between sections filled in as equal text. */
function fillGaps(segments: Segment[], length: number): Segment[] {
  segments.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const s of segments) {
    if (s.start > at) out.push({ start: at, end: s.start, kind: 'equal' });
    if (s.end > s.start) out.push(s);
    at = Math.max(at, s.end);
  }
  if (at < length) out.push({ start: at, end: length, kind: 'equal' });
  return out;
}

function increasing(anchors: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const a of anchors) {
    const last = out[out.length - 1];
    if (!last || (a[0] > last[0] && a[1] > last[1])) out.push(a);
  }
  return out;
}
