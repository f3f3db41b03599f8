/**
 * Finding an annotation's quote again in changed text (pure functions, no database).
 *
 * A new version of a standard moves, edits and deletes text, so offsets alone mean nothing; the
 * quote and a little context around it (prefix/suffix) travel with the annotation instead:
 * 1. exact: every occurrence of the quote in every section, ranked by how much of the old
 *    context surrounds it and whether it is in the section with the old heading/number;
 * 2. mapped: when the old section's text is known, the old offsets are carried through a diff of
 *    the old text against the section with the same heading/number (edits inside and around the
 *    quote move it exactly as the text moved);
 * 3. fuzzy: diff-match-patch's Bitap match (for quotes longer than Bitap's 32-character limit the
 *    start and end are matched separately and the span between taken);
 * 2 and 3 are accepted only when the found text is at least MIN_SIMILARITY alike by edit distance;
 * 4. otherwise nothing: the caller marks the annotation 'los' so a person places it.
 * Cheap bounds (length, letters, trigrams) skip hopeless sections before any diff runs: an import
 * re-anchors inside its write transaction, on the main process.
 */
import DiffMatchPatch from 'diff-match-patch';

/** How many characters of context are kept on either side of a quote. */
export const CONTEXT_CHARS = 40;
/** Fuzzy matches must be at least this alike (1 − edit distance / longer length). */
export const MIN_SIMILARITY = 0.8;
/** Bitap's error tolerance for a chunk; the similarity check above is the real gate. */
const MATCH_THRESHOLD = 0.3;
/** A short quote with (almost) none of its context, not in its own section, is too weak to trust blindly. */
const WEAK_QUOTE_CHARS = 20;
const WEAK_CONTEXT = 5;
/** Share of a quote's trigrams a section must contain to be worth a fuzzy search, and how many such sections are searched. */
const MIN_TRIGRAM_SHARE = 0.4;
const FUZZY_CANDIDATES = 5;

export interface AnchorSection {
  id: number;
  number: string | null;
  heading: string;
  text: string;
}

export interface AnchorTarget {
  quote: string;
  prefix: string;
  suffix: string;
  /** Number and heading of the section the quote was in; used to prefer "the same" section. */
  sectionNumber: string | null;
  sectionHeading: string | null;
  /** The old offsets: a hint where to look, and what is mapped through a diff of oldText. */
  start: number | null;
  end?: number | null;
  /** The text of the section the quote is in now (before the change), when it still exists. */
  oldText?: string | null;
}

export interface AnchorResult {
  sectionId: number;
  start: number;
  end: number;
  /** The text now at [start, end): equal to the old quote when exact. */
  quote: string;
  exact: boolean;
  similarity: number;
}

/** Up to CONTEXT_CHARS characters before and after [start, end). */
export function contextOf(text: string, start: number, end: number): { prefix: string; suffix: string } {
  return { prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start), suffix: text.slice(end, end + CONTEXT_CHARS) };
}

/** Shrinks [start, end) so it neither starts nor ends with white space; null when nothing is left. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return s < e ? { start: s, end: e } : null;
}

const normaliseHeading = (h: string | null): string => (h ?? '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** 0..100: how much a section looks like the one the quote came from. */
function sectionScore(section: AnchorSection, target: AnchorTarget): number {
  let score = 0;
  if (target.sectionHeading && normaliseHeading(section.heading) === normaliseHeading(target.sectionHeading)) score += 60;
  if (target.sectionNumber && section.number === target.sectionNumber) score += 40;
  return score;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** 0..2×CONTEXT_CHARS: matching characters of the old context right around [start, end). */
function contextScore(text: string, start: number, end: number, target: AnchorTarget): number {
  const before = text.slice(Math.max(0, start - target.prefix.length), start);
  const after = text.slice(end, end + target.suffix.length);
  return commonSuffixLength(target.prefix, before) + commonPrefixLength(target.suffix, after);
}

interface Candidate {
  section: AnchorSection;
  start: number;
  end: number;
  context: number;
  home: number;
}

/** Every exact occurrence of the quote, best first (context, then the old section, then nearest the old offset). */
function exactCandidates(target: AnchorTarget, sections: readonly AnchorSection[]): Candidate[] {
  const found: Candidate[] = [];
  for (const section of sections) {
    const home = sectionScore(section, target);
    for (let at = section.text.indexOf(target.quote); at !== -1; at = section.text.indexOf(target.quote, at + 1)) {
      found.push({ section, start: at, end: at + target.quote.length, context: contextScore(section.text, at, at + target.quote.length, target), home });
    }
  }
  const hint = target.start ?? 0;
  return found.sort((x, y) => y.context + y.home - (x.context + x.home) || Math.abs(x.start - hint) - Math.abs(y.start - hint));
}

// Configured instances: match_main and diff_main are synchronous and keep no state between calls.
const dmp = new DiffMatchPatch();
dmp.Match_Threshold = MATCH_THRESHOLD;
// Similarity diffs are between a quote and a candidate of about its length: a hard one means
// they are not alike, so a short cap loses nothing.
dmp.Diff_Timeout = 0.05;
const sectionDiff = new DiffMatchPatch();
sectionDiff.Diff_Timeout = 0.5;
const BITAP_BITS = dmp.Match_MaxBits;

/**
 * Whether a and b may still be MIN_SIMILARITY alike, by two lower bounds of the edit distance:
 * the difference in length, and half the difference of their letter counts.
 */
function mayBeSimilar(a: string, b: string): boolean {
  const longer = Math.max(a.length, b.length);
  const allowed = (1 - MIN_SIMILARITY) * longer;
  if (Math.abs(a.length - b.length) > allowed) return false;
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length; i++) counts.set(a.charCodeAt(i), (counts.get(a.charCodeAt(i)) ?? 0) + 1);
  for (let i = 0; i < b.length; i++) counts.set(b.charCodeAt(i), (counts.get(b.charCodeAt(i)) ?? 0) - 1);
  let apart = 0;
  for (const n of counts.values()) apart += Math.abs(n);
  return apart / 2 <= allowed;
}

/** 1 − Levenshtein distance / length of the longer string: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - dmp.diff_levenshtein(dmp.diff_main(a, b, false)) / longer;
}

/** The span trimmed, with its similarity to the quote; null when it cannot reach MIN_SIMILARITY. */
function judge(text: string, quote: string, start: number, end: number): { start: number; end: number; similarity: number } | null {
  const span = trimSpan(text, Math.max(0, start), Math.min(text.length, end));
  if (!span) return null;
  const found = text.slice(span.start, span.end);
  if (!mayBeSimilar(quote, found)) return null;
  const score = similarity(quote, found);
  return score >= MIN_SIMILARITY ? { ...span, similarity: score } : null;
}

function bitap(text: string, pattern: string, loc: number): number {
  if (text.length === 0 || pattern.length === 0) return -1;
  // Distance as long as the text: where in the section the text moved to hardly matters.
  dmp.Match_Distance = Math.max(1000, text.length);
  return dmp.match_main(text, pattern, Math.min(Math.max(0, Math.round(loc)), text.length));
}

/**
 * The part of `window` that lines up with `quote`: from the first to the end of the last stretch
 * the two have in common. Stretches shorter than three characters are ignored at the edges: a
 * lone letter of the surrounding text that happens to match is not where the quote starts.
 */
function alignSpan(window: string, quote: string): { start: number; end: number } | null {
  const diffs = dmp.diff_main(quote, window, false);
  const minimum = Math.min(3, quote.length);
  let at = 0;
  let start = -1;
  let end = -1;
  for (const [op, text] of diffs) {
    if (op === DiffMatchPatch.DIFF_EQUAL && text.length >= minimum) {
      if (start < 0) start = at;
      end = at + text.length;
    }
    if (op !== DiffMatchPatch.DIFF_DELETE) at += text.length;
  }
  return start < 0 ? null : { start, end };
}

/**
 * The fuzzy span of quote in text near hint, if it is MIN_SIMILARITY alike. Bitap (at most 32
 * characters) gives the rough place — for a longer quote its first and its last 32 characters
 * separately — and a diff against that stretch gives the exact span.
 */
export function fuzzySpan(text: string, quote: string, hint: number): { start: number; end: number; similarity: number } | null {
  const m = quote.length;
  let from: number;
  let to: number;
  if (m <= BITAP_BITS) {
    from = bitap(text, quote, hint);
    if (from < 0) return null;
    to = from + m;
  } else {
    const s = bitap(text, quote.slice(0, BITAP_BITS), hint);
    const e = bitap(text, quote.slice(m - BITAP_BITS), (s >= 0 ? s : hint) + m - BITAP_BITS);
    if (s < 0 && e < 0) return null;
    from = s >= 0 ? s : Math.max(0, e + BITAP_BITS - m);
    to = e >= 0 && e + BITAP_BITS > from ? e + BITAP_BITS : from + m;
  }
  // A stretch far longer than the quote is not the quote, and diffing it would be slow.
  if (to - from > 2 * m + 64) return null;
  const windowStart = Math.max(0, from - BITAP_BITS);
  const aligned = alignSpan(text.slice(windowStart, Math.min(text.length, to + BITAP_BITS)), quote);
  return aligned ? judge(text, quote, windowStart + aligned.start, windowStart + aligned.end) : null;
}

const trigramsOf = (text: string): Set<string> => {
  const lower = text.toLowerCase();
  const set = new Set<string>();
  for (let i = 0; i + 3 <= lower.length; i++) set.add(lower.slice(i, i + 3));
  return set;
};

/**
 * Anchors quotes onto one set of sections (normally all sections of a new version). Keeps what
 * is worth keeping between quotes: trigram sets of the sections and diffs of old section texts
 * against new ones, so re-anchoring a whole version costs each diff once.
 */
export function createAnchorer(sections: readonly AnchorSection[]): (target: AnchorTarget) => AnchorResult | null {
  const trigrams = new Map<number, Set<string>>();
  const diffs = new Map<string, Map<number, DiffMatchPatch.Diff[]>>();
  const trigramsOfSection = (s: AnchorSection) => {
    let set = trigrams.get(s.id);
    if (!set) trigrams.set(s.id, (set = trigramsOf(s.text)));
    return set;
  };
  const diffOf = (oldText: string, s: AnchorSection) => {
    let perSection = diffs.get(oldText);
    if (!perSection) diffs.set(oldText, (perSection = new Map()));
    let d = perSection.get(s.id);
    if (!d) perSection.set(s.id, (d = sectionDiff.diff_main(oldText, s.text, false)));
    return d;
  };

  /** Step 2: the old offsets carried through a diff of the old section text against a new section. */
  function mapped(target: AnchorTarget, home: readonly AnchorSection[]): AnchorResult | null {
    const { oldText, start, end } = target;
    if (!oldText || start === null || end === null || end === undefined || oldText.slice(start, end) !== target.quote) return null;
    let best: AnchorResult | null = null;
    for (const section of home) {
      const d = diffOf(oldText, section);
      const found = judge(section.text, target.quote, sectionDiff.diff_xIndex(d, start), sectionDiff.diff_xIndex(d, end - 1) + 1);
      if (found && (!best || found.similarity > best.similarity)) best = { sectionId: section.id, ...found, quote: section.text.slice(found.start, found.end), exact: false };
    }
    return best;
  }

  /**
   * Step 3: Bitap in the sections that share most of the quote's trigrams (at least
   * MIN_TRIGRAM_SHARE, at most FUZZY_CANDIDATES of them): a passage that moved keeps nearly all
   * its trigrams, and a search in every section of a long version would be slow.
   */
  function searched(target: AnchorTarget, candidates: readonly AnchorSection[], hint: (s: AnchorSection) => number): AnchorResult | null {
    const quoteTrigrams = [...trigramsOf(target.quote)];
    const ranked: Array<{ section: AnchorSection; share: number }> = [];
    for (const section of candidates) {
      if (section.text.length < target.quote.length * MIN_SIMILARITY) continue;
      const set = trigramsOfSection(section);
      let shared = 0;
      for (const t of quoteTrigrams) if (set.has(t)) shared++;
      const share = quoteTrigrams.length === 0 ? 1 : shared / quoteTrigrams.length;
      if (share >= MIN_TRIGRAM_SHARE) ranked.push({ section, share });
    }
    ranked.sort((a, b) => b.share - a.share);
    let best: AnchorResult | null = null;
    for (const { section } of ranked.slice(0, FUZZY_CANDIDATES)) {
      const found = fuzzySpan(section.text, target.quote, hint(section));
      if (found && (!best || found.similarity > best.similarity)) best = { sectionId: section.id, ...found, quote: section.text.slice(found.start, found.end), exact: false };
    }
    return best;
  }

  return (target) => {
    if (target.quote.length === 0) return null;
    const [best] = exactCandidates(target, sections);
    const exact = best ? { sectionId: best.section.id, start: best.start, end: best.end, quote: target.quote, exact: true, similarity: 1 } : null;
    // A short quote found only elsewhere, with none of its context, may be a different passage
    // ("ADHD"); if the old section still has something like it, that wins.
    const weak = best !== undefined && best.context < WEAK_CONTEXT && best.home === 0 && target.quote.length < WEAK_QUOTE_CHARS;
    if (exact && !weak) return exact;
    // The old section (same heading or number) first: any good-enough match there wins.
    const home = sections.filter((s) => sectionScore(s, target) > 0);
    const inHome = mapped(target, home) ?? searched(target, home, () => target.start ?? 0);
    if (inHome) return inHome;
    if (exact) return exact;
    return searched(target, sections.filter((s) => !home.includes(s)), () => 0);
  };
}

/**
 * Where the target's quote is in the given sections, or null when it cannot be found well
 * enough: the caller must then leave it for a person. (One-off; createAnchorer for many.)
 */
export function anchor(target: AnchorTarget, sections: readonly AnchorSection[]): AnchorResult | null {
  return createAnchorer(sections)(target);
}

/**
 * Where an annotation goes when a section's text T is cut into head H and tail U (H a prefix of
 * T, U a suffix, possibly with white space between them dropped): into the head unchanged, into
 * the tail shifted, or 'straddles' when it covers the cut. Null when H/U are not prefix/suffix
 * of T (not expected; the caller then re-anchors by quote).
 */
export function placeAfterSplit(
  text: string,
  head: string,
  tail: string,
  span: { start: number; end: number },
): { part: 'head' | 'tail'; start: number; end: number } | 'straddles' | null {
  if (!text.startsWith(head) || !text.endsWith(tail)) return null;
  const tailStart = text.length - tail.length;
  if (span.end <= head.length) return { part: 'head', start: span.start, end: span.end };
  if (span.start >= tailStart) return { part: 'tail', start: span.start - tailStart, end: span.end - tailStart };
  return 'straddles';
}
