import type { SearchGroup, SearchHit, SearchResult } from '../../common/document.js';
import type { Db } from '../../db/open.js';
import {
  hitRows,
  sectionOwners,
  standardLabels,
  trigramHighlights,
  trigramIds,
  trigramOnlyRanks,
  trigramRanksOf,
  wordRanks,
  wordSnippets,
  type SearchFilters,
  type SectionOwners,
} from '../../db/queries/search.js';
import { buildFtsQuery, trigramCover, type FtsQuery } from './search-query.js';

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
 * One pass over ranked rows ([section id, bm25 rank]): per-standard counts and best hits, and the
 * best `keep` overall. A Hit is only made for a row that is kept: sorting or wrapping every match
 * (15,000 for a common word in 4M words) would cost more than ranking them did.
 */
function tally(rows: Array<[number, number]>, wholeWord: boolean, owners: SectionOwners, keep: number): Tally {
  const t = emptyTally(owners);
  const top = new TopHits(keep);
  for (const [id, rank] of rows) {
    const index = owners.standardIndex(id);
    if (index < 0) continue;
    const s = score(rank, wholeWord);
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
function without(all: number[], except: Array<[number, number]>): number[] {
  const out: number[] = [];
  let j = 0;
  for (const id of all) {
    while (j < except.length && (except[j] as [number, number])[0] < id) j++;
    if (j < except.length && (except[j] as [number, number])[0] === id) continue;
    out.push(id);
  }
  return out;
}

/**
 * The sections found only inside compounds (trigram index, not already a word hit). The trigram
 * phrase match is the most expensive part of a search, and ranking its matches costs a second pass
 * (bm25 first counts each phrase's documents), so:
 * - when a cheap superset of the trigram matches (trigramCover) holds nothing in scope but word
 *   hits, there are no compound hits and the phrase is never matched;
 * - compound hits are ranked only when the result can show them: when the word hits do not fill
 *   the limit, or for standards without any word hit (their best hit leads their group). Otherwise
 *   they are only counted.
 */
function compoundHits(db: Db, q: FtsQuery, words: Array<[number, number]>, wordTally: Tally, owners: SectionOwners, limit: number): Tally {
  const t = emptyTally(owners);
  if (q.trigram === null || q.word === null) return t;
  if (words.length > 0) {
    const cover = trigramCover(q);
    if (cover !== null && cover !== q.trigram && !without(trigramIds(db, cover, q.shortWords), words).some((id) => owners.standardIndex(id) >= 0)) return t;
  }
  if (wordTally.total < limit) return tally(trigramOnlyRanks(db, q.trigram, q.shortWords, q.word, owners.scope), false, owners, limit);
  const unranked: number[] = [];
  for (const id of without(trigramIds(db, q.trigram, q.shortWords), words)) {
    const index = owners.standardIndex(id);
    if (index < 0) continue;
    t.total++;
    (t.counts[index] as number)++;
    if (wordTally.counts[index] === 0) unranked.push(id);
  }
  if (unranked.length > 0) t.best = tally(trigramRanksOf(db, q.trigram, unranked), false, owners, 0).best;
  return t;
}

/**
 * Full-text search over every stored section, grouped per standard. Whole-word matches (word index)
 * come first, then sections found only through parts of compounds (trigram index); each section
 * appears once. Groups are ordered by their best hit.
 *
 * Only what the result shows is materialised: matches stay [id, rank] arrays, sorted only as far as
 * the limit, and snippets are made for the returned hits alone. All reads share one snapshot.
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
    const compound = compoundHits(db, q, words, whole, owners, limit);

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
    const snippets = wordSnippets(db, word, picked.filter((c) => c.wholeWord).map((c) => c.id), SNIPPET_TOKENS);
    const highlights = q.trigram === null ? new Map<number, string>() : trigramHighlights(db, q.trigram, picked.filter((c) => !c.wholeWord).map((c) => c.id));
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
