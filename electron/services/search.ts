import type { SearchGroup, SearchHit, SearchResult } from '../../common/document.js';
import type { Db } from '../../db/open.js';
import {
  HEADING_WEIGHT,
  hitRows,
  sectionOwners,
  standardLabels,
  TEXT_WEIGHT,
  trigramHighlights,
  trigramIds,
  trigramOnlyRanks,
  trigramRanksAndHighlights,
  trigramRanksOf,
  trigramSizes,
  wordIds,
  wordOccurrences,
  wordRanks,
  wordSnippets,
  wordVocabulary,
  type Ranks,
  type SearchFilters,
  type SectionOwners,
} from '../../db/queries/search.js';
import { buildFtsQuery, compoundPlan, trigramCover, Vocabulary, type FtsQuery } from './search-query.js';

export interface FulltextSearch extends SearchFilters {
  query: string;
  /** Most hits returned in total (groups still count all their hits). */
  limit?: number | undefined;
}

export const DEFAULT_SEARCH_LIMIT = 100;
const SNIPPET_TOKENS = 24;
const SNIPPET_CHARS = 220;
const START = '\u0002';
const END = '\u0003';

/**
 * A bm25 rank (negative, lower is better) as a score where higher is better: whole-word hits get
 * [1, 2), hits found only inside compounds [0, 1), so sorting by score keeps whole words first.
 */
function score(rank: number, wholeWord: boolean): number {
  const s = Math.max(0, -rank);
  return (wholeWord ? 1 : 0) + s / (1 + s);
}

/** Collapses whitespace, so a snippet is one line whatever the layout of the source. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A window of about `max` characters around the first marked match, cut at spaces and never inside
 * a marked span, with an ellipsis where text was left out. Without a match: the start of the text.
 */
export function cutSnippet(marked: string, max = SNIPPET_CHARS): string {
  const text = oneLine(marked);
  if (text.length <= max) return text;
  // True when a cut just before position i would fall inside a marked span.
  const inside = (i: number) => text.lastIndexOf(START, i - 1) > text.lastIndexOf(END, i - 1);
  const first = text.indexOf(START);
  const firstEnd = first === -1 ? -1 : text.indexOf(END, first);
  let start = first <= 0 ? 0 : Math.max(0, first - Math.floor(max / 3));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + max);
  if (inside(end)) {
    const close = text.indexOf(END, end);
    end = close === -1 ? text.length : close + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start && space > firstEnd && !inside(space)) end = space;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** A matching section, ranked: enough to order, count per standard and cut to the limit. */
interface Hit {
  id: number;
  standardId: string;
  wholeWord: boolean;
  score: number;
}

/** The order of the result list: higher score first, ties by section id. */
const before = (a: Hit, b: Hit) => a.score > b.score || (a.score === b.score && a.id < b.id);
const byRank = (a: Hit, b: Hit) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);

/** Hits of one index after the filters: per-standard counts and best hits, and the best `keep` overall. */
interface Tally {
  total: number;
  /** Per standard (index into SectionOwners.standards): how many hits, and the best. */
  counts: Int32Array;
  best: Array<Hit | undefined>;
  /** The best hits overall, best first; at most `keep`. */
  top: Hit[];
  /** Trigram highlights already made for some of these hits (compound hits only). */
  highlights?: Map<number, string>;
}

const emptyTally = (owners: SectionOwners): Tally => ({ total: 0, counts: new Int32Array(owners.standards.length), best: [], top: [] });

/** The best `size` hits offered, in a binary heap with the weakest on top. */
class TopHits {
  private readonly heap: Hit[] = [];
  constructor(private readonly size: number) {}

  /** Whether a hit with this score and id would be kept: once full, one comparison. */
  wants(score: number, id: number): boolean {
    if (this.heap.length < this.size) return true;
    const weakest = this.heap[0];
    return weakest !== undefined && (score > weakest.score || (score === weakest.score && id < weakest.id));
  }

  /** Adds a hit that `wants` accepted, dropping the weakest when full. */
  add(hit: Hit): void {
    const h = this.heap;
    let i: number;
    if (h.length < this.size) {
      h.push(hit);
      i = h.length - 1;
      while (i > 0 && before(h[(i - 1) >> 1] as Hit, hit)) {
        h[i] = h[(i - 1) >> 1] as Hit;
        i = (i - 1) >> 1;
      }
    } else {
      i = 0;
      for (;;) {
        const l = 2 * i + 1;
        let weaker = l < h.length && before(hit, h[l] as Hit) ? l : -1;
        if (l + 1 < h.length && before(weaker === -1 ? hit : (h[l] as Hit), h[l + 1] as Hit)) weaker = l + 1;
        if (weaker === -1) break;
        h[i] = h[weaker] as Hit;
        i = weaker;
      }
    }
    h[i] = hit;
  }

  /** Best first. */
  sorted(): Hit[] {
    return [...this.heap].sort(byRank);
  }
}

/**
 * One pass over ranked rows: per-standard counts and best hits, and the best `keep` overall. A Hit
 * is only made for a row that is kept: sorting or wrapping every match (15,000 for a common word in
 * 4M words) would cost more than ranking them did.
 */
function tally(rows: Ranks, wholeWord: boolean, owners: SectionOwners, keep: number): Tally {
  const t = emptyTally(owners);
  const top = new TopHits(keep);
  const { ids, ranks } = rows;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    const index = owners.standardIndex(id);
    if (index < 0) continue;
    const s = score(ranks[i] as number, wholeWord);
    t.total++;
    (t.counts[index] as number)++;
    const best = t.best[index];
    const isBest = best === undefined || s > best.score || (s === best.score && id < best.id);
    const isTop = top.wants(s, id);
    if (!isBest && !isTop) continue;
    const hit: Hit = { id, standardId: owners.standards[index] as string, wholeWord, score: s };
    if (isBest) t.best[index] = hit;
    if (isTop) top.add(hit);
  }
  t.top = top.sorted();
  return t;
}

/** Ids in `all` that are not in `except`; both ascending. */
function without(all: number[], except: number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const id of all) {
    while (j < except.length && (except[j] as number) < id) j++;
    if (j < except.length && except[j] === id) continue;
    out.push(id);
  }
  return out;
}

// FTS5's bm25 constants.
const K1 = 1.2;
const B = 0.75;
/**
 * How far an estimated compound score may be from FTS5's own: far more than rounding makes them
 * differ (a few units in the 16th digit: SQLite's log and its compiler's rounding need not be
 * JavaScript's), far less than any real difference between two ranks.
 */
const SLACK = 1e-9;

/**
 * Fewer compound hits to rank than `estimateFrom`: ranking them all costs less than estimating first
 * (see rankShown). A setting so that tests can run the estimate on a small corpus, with counters that
 * show it ran (`estimated`) and was never found wrong (`untrusted`).
 */
export const searchTuning = { estimateFrom: 1000, estimated: 0, untrusted: 0 };

/**
 * Which of `ids` (their positions, ascending) can be among the best `keep`, or be the best of a
 * standard that `wanted` marks, when each one's score (higher is better) is known only to within
 * SLACK of its exact value.
 */
function contenders(ids: number[], scores: Float64Array, owners: SectionOwners, keep: number, wanted: (index: number) => boolean): number[] {
  const n = ids.length;
  const floor = keep === 0 ? Infinity : keep >= n ? -Infinity : (Float64Array.from(scores).sort()[n - keep] as number);
  const best = new Float64Array(owners.standards.length).fill(-Infinity);
  const indexes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const index = owners.standardIndex(ids[k] as number);
    indexes[k] = index;
    if (index >= 0 && wanted(index) && (scores[k] as number) > (best[index] as number)) best[index] = scores[k] as number;
  }
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const index = indexes[k] as number;
    const cut = index >= 0 && wanted(index) ? Math.min(floor, best[index] as number) : floor;
    // Infinity - Infinity is NaN, and nothing is >= NaN: with no cut, nothing is a contender.
    if ((scores[k] as number) >= cut - SLACK * Math.abs(cut)) out.push(k);
  }
  return out;
}

/** How often `part` occurs in `word`, overlapping occurrences included (as trigram phrase matches are). */
function occurrences(part: string, word: string): number {
  let n = 0;
  for (let i = word.indexOf(part); i !== -1; i = word.indexOf(part, i + 1)) n++;
  return n;
}

/**
 * The trigram bm25 score (minus the rank) of each section in `ids` (ascending), computed as FTS5
 * does from numbers that are cheap to get: the trigram index's row count and sizes (trigramSizes),
 * and per phrase its document count and per-section frequency from the word index, through the
 * indexed words that contain the part (a trigram phrase match of a plain part is an occurrence of
 * the part inside an indexed word; see compoundPlan). Equal to FTS5's score up to rounding, and only
 * used to leave out sections that cannot be shown. Null when the sizes cannot be read.
 */
export function estimateScores(db: Db, parts: Array<{ part: string; words: string[] }>, ids: number[], cache: boolean): Float64Array | null {
  const sizes = trigramSizes(db, cache);
  if (sizes === null || sizes.rows === 0) return null;
  const avgdl = sizes.tokens / sizes.rows;
  const position = new Int32Array((ids[ids.length - 1] ?? 0) + 1).fill(-1);
  ids.forEach((id, k) => (position[id] = k));
  const scores = new Float64Array(ids.length);
  const freq = new Float64Array(ids.length);
  for (const { part, words } of parts) {
    freq.fill(0);
    // The phrase's document count over the whole index (bm25's IDF), from the same occurrences.
    const seen = new Uint8Array(sizes.size.length);
    let hits = 0;
    const byCount = new Map<number, string[]>();
    for (const word of words) {
      const n = occurrences(part, word);
      byCount.set(n, [...(byCount.get(n) ?? []), word]);
    }
    for (const [n, group] of byCount) {
      for (const occurrence of wordOccurrences(db, group)) {
        const id = Math.abs(occurrence);
        if (seen[id] === 0) {
          seen[id] = 1;
          hits++;
        }
        const k = id < position.length ? (position[id] as number) : -1;
        if (k >= 0) freq[k] = (freq[k] as number) + n * (occurrence < 0 ? HEADING_WEIGHT : TEXT_WEIGHT);
      }
    }
    let idf = Math.log((sizes.rows - hits + 0.5) / (hits + 0.5));
    if (idf <= 0) idf = 1e-6;
    for (let k = 0; k < ids.length; k++) {
      const f = freq[k] as number;
      const size = sizes.size[ids[k] as number] ?? 0;
      scores[k] = (scores[k] as number) + idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * size) / avgdl)));
    }
  }
  return scores;
}

/**
 * Exact trigram ranks for the compound hits the result can show: the best `keep` of `ids` (in scope,
 * ascending), and the best of each standard that `wanted` marks. Ranking a section in FTS5 costs a
 * few µs on top of two passes over the phrase's matches, and "begeleiding" has 16,700 compound hits
 * at 4M words of which a page shows 200. So their scores are first estimated (estimateScores), and
 * only the contenders within SLACK of the cut-offs are ranked by FTS5, with their highlights in the
 * same pass. If an exact score is not within SLACK of its estimate, the estimate is not trusted
 * (null: the caller ranks every hit).
 */
function rankShown(db: Db, trigram: string, parts: Array<{ part: string; words: string[] }>, ids: number[], owners: SectionOwners, keep: number, wanted: (index: number) => boolean, cache: boolean): (Ranks & { highlights: Map<number, string> }) | null {
  const estimate = estimateScores(db, parts, ids, cache);
  // A value that is not a number would compare false with every cut and drop its row unseen.
  if (estimate === null || !estimate.every(Number.isFinite)) return null;
  const chosen = contenders(ids, estimate, owners, keep, wanted);
  const exact = trigramRanksAndHighlights(
    db,
    trigram,
    chosen.map((k) => ids[k] as number),
  );
  searchTuning.estimated++;
  // Both in id order: the k-th exact rank belongs to the k-th contender.
  const trusted =
    exact.ids.length === chosen.length &&
    chosen.every((at, k) => exact.ids[k] === ids[at] && Math.abs(-(exact.ranks[k] as number) - (estimate[at] as number)) <= (SLACK / 4) * Math.abs(exact.ranks[k] as number));
  if (trusted) return exact;
  searchTuning.untrusted++;
  return null;
}

// Built once per list of words, which wordVocabulary keeps until the word index changes.
const vocabularies = new WeakMap<readonly string[], Vocabulary>();

function vocabularyOf(words: readonly string[] | null): Vocabulary | null {
  if (words === null) return null;
  let vocabulary = vocabularies.get(words);
  if (vocabulary === undefined) {
    vocabulary = new Vocabulary(words);
    vocabularies.set(words, vocabulary);
  }
  return vocabulary;
}

/**
 * The sections found only inside compounds (a match of the trigram expression that is not already a
 * word hit). Which sections those are is found the cheap way where it is exact (compoundPlan): the
 * indexed words that contain each term, looked up in the word index (2 ms for "begeleiding" in 4M
 * words, against 20 ms for matching its trigram phrase). Otherwise the trigram index is asked, after
 * a quick check (trigramCover) that there can be compound hits at all.
 *
 * Compound hits are ranked (by the trigram index's bm25) only where the result can show them: when
 * the word hits do not fill the limit, the best `limit` of them; and for standards without any word
 * hit, their best one (it leads their group). Otherwise they are only counted. `best` is only set
 * for standards without word hits. Ranking them in FTS5 takes two passes over the phrase's matches
 * plus a few µs a row (16,700 rows for "begeleiding" at 4M words): with many, their scores are first
 * estimated (estimateScores) and only the contenders are ranked, with their highlights in the same
 * pass.
 */
function compoundHits(db: Db, q: FtsQuery, wordIdList: number[], wordTally: Tally, owners: SectionOwners, limit: number, cache: boolean): Tally {
  const t = emptyTally(owners);
  if (q.trigram === null || q.word === null) return t;
  const trigram = q.trigram;
  const plan = compoundPlan(q, vocabularyOf(wordVocabulary(db, cache)));
  if (plan.kind === 'none' || plan.kind === 'same') return t;
  // The compound-only ids, ascending; null while only the trigram index can tell.
  let only: number[] | null = null;
  if (plan.kind === 'words') only = without(wordIds(db, plan.expression), wordIdList);
  else if (wordIdList.length > 0) {
    const cover = trigramCover(q);
    if (cover !== null && cover !== trigram && !without(trigramIds(db, cover, q.shortWords), wordIdList).some((id) => owners.standardIndex(id) >= 0)) return t;
  }
  if (wordTally.total < limit && only === null) return tally(trigramOnlyRanks(db, trigram, q.shortWords, q.word, owners.scope), false, owners, limit);
  const noWordHit = (index: number) => wordTally.counts[index] === 0;
  const toRank: number[] = [];
  for (const id of only ?? without(trigramIds(db, trigram, q.shortWords), wordIdList)) {
    const index = owners.standardIndex(id);
    if (index < 0) continue;
    t.total++;
    (t.counts[index] as number)++;
    if (wordTally.total < limit || noWordHit(index)) toRank.push(id);
  }
  if (toRank.length === 0) return t;
  const keep = wordTally.total < limit ? limit : 0;
  const shown = plan.kind === 'words' && toRank.length >= searchTuning.estimateFrom ? rankShown(db, trigram, plan.parts, toRank, owners, keep, noWordHit, cache) : null;
  const ranked = tally(shown ?? trigramRanksOf(db, trigram, toRank), false, owners, keep);
  t.best = ranked.best;
  t.top = ranked.top;
  if (shown) t.highlights = shown.highlights;
  return t;
}

/** The texts `made` already holds for `hits`, and `make` for the rest. */
function completed(made: Map<number, string> | undefined, hits: Hit[], make: (ids: number[]) => Map<number, string>): Map<number, string> {
  const missing = hits.filter((c) => !made?.has(c.id)).map((c) => c.id);
  if (missing.length === 0) return made ?? new Map();
  return new Map([...(made ?? []), ...make(missing)]);
}

/**
 * Full-text search over every stored section, grouped per standard. Whole-word matches (word index)
 * come first, then sections found only through parts of compounds (trigram index); each section
 * appears once. Groups are ordered by their best hit.
 *
 * Only what the result shows is materialised: matches stay arrays of ids and ranks, sorted only as
 * far as the limit, compound hits are ranked only as far as they can be shown (compoundHits), and
 * snippets are made for the returned hits alone. Totals count every match. All reads share one
 * snapshot.
 */
export function searchSections(db: Db, args: FulltextSearch): SearchResult {
  const q = buildFtsQuery(args.query);
  if (q.word === null) return { groups: [], totalHits: 0, empty: true };
  const word = q.word;
  const filters: SearchFilters = { types: args.types, owners: args.owners, versionStatus: args.versionStatus, standardIds: args.standardIds };
  const limit = args.limit ?? DEFAULT_SEARCH_LIMIT;

  // Our own read transaction cannot roll anything back; a caller's may (see sectionOwners).
  const cache = !db.inTransaction;
  return db.transaction((): SearchResult => {
    const owners = sectionOwners(db, filters, cache);
    const words = wordRanks(db, word, owners.scope);
    const whole = tally(words, true, owners, limit);
    const compound = compoundHits(db, q, words.ids, whole, owners, limit, cache);

    // Which hits to return: first every standard's best hit (so no matching standard shows up empty
    // while another shows its 40th hit), then the rest by score, up to the limit. Whole-word hits
    // outrank compound hits, so the overall order is the word hits, then the compound hits.
    const totals = new Map<string, number>();
    const leaders: Hit[] = [];
    owners.standards.forEach((standardId, i) => {
      const n = (whole.counts[i] as number) + (compound.counts[i] as number);
      if (n === 0) return;
      totals.set(standardId, n);
      leaders.push((whole.best[i] ?? compound.best[i]) as Hit);
    });
    leaders.sort(byRank);
    const chosen = new Map<number, Hit>();
    for (const c of leaders) if (chosen.size < limit) chosen.set(c.id, c);
    for (const c of [...whole.top, ...compound.top]) {
      if (chosen.size >= limit) break;
      if (!chosen.has(c.id)) chosen.set(c.id, c);
    }
    const picked = [...chosen.values()].sort(byRank);

    const rows = hitRows(db, picked.map((c) => c.id));
    const labels = standardLabels(db, [...totals.keys()]);
    const groups = new Map<string, SearchGroup>();
    for (const c of leaders) {
      const label = labels.get(c.standardId);
      groups.set(c.standardId, { standardId: c.standardId, standardTitle: label?.title ?? c.standardId, standardType: label?.type ?? '', hits: [], totalHits: totals.get(c.standardId) ?? 0 });
    }
    const trigram = q.trigram;
    const snippets = wordSnippets(db, word, picked.filter((c) => c.wholeWord).map((c) => c.id), SNIPPET_TOKENS);
    const highlights = completed(compound.highlights, picked.filter((c) => !c.wholeWord), (ids) => (trigram === null ? new Map() : trigramHighlights(db, trigram, ids)));
    for (const c of picked) {
      const row = rows.get(c.id);
      if (!row) continue;
      const snippet = c.wholeWord ? oneLine(snippets.get(c.id) ?? '') : cutSnippet(highlights.get(c.id) ?? '');
      const hit: SearchHit = { ...row, snippet, score: c.score };
      groups.get(c.standardId)?.hits.push(hit);
    }
    return { groups: [...groups.values()], totalHits: whole.total + compound.total, empty: false };
  })();
}
