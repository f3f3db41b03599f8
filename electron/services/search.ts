import type { SearchGroup, SearchHit, SearchResult } from '../../common/document.js';
import type { Db } from '../../db/open.js';
import { hitRows, matchTrigrams, matchWords, standardLabels, trigramHighlights, wordSnippets, type Candidate, type SearchFilters } from '../../db/queries/search.js';
import { buildFtsQuery } from './search-query.js';

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

interface Ranked extends Candidate {
  wholeWord: boolean;
  score: number;
}

/**
 * Full-text search over every stored section, grouped per standard. Whole-word matches (word index)
 * come first, then sections found only through parts of compounds (trigram index); each section
 * appears once. Groups are ordered by their best hit.
 */
export function searchSections(db: Db, args: FulltextSearch): SearchResult {
  const q = buildFtsQuery(args.query);
  if (q.word === null) return { groups: [], totalHits: 0, empty: true };
  const filters: SearchFilters = { types: args.types, owners: args.owners, versionStatus: args.versionStatus, standardIds: args.standardIds };

  const ranked: Ranked[] = matchWords(db, q.word, filters).map((c) => ({ ...c, wholeWord: true, score: score(c.rank, true) }));
  if (q.trigram !== null) {
    const seen = new Set(ranked.map((c) => c.id));
    for (const c of matchTrigrams(db, q.trigram, q.shortWords, filters)) {
      if (!seen.has(c.id)) ranked.push({ ...c, wholeWord: false, score: score(c.rank, false) });
    }
  }
  // Word hits came back sorted by rank and trigram-only hits after them, sorted too; a stable sort
  // by score keeps that and orders ties deterministically.
  ranked.sort((a, b) => b.score - a.score || a.id - b.id);

  // Which hits to return: first every standard's best hit (so no matching standard shows up empty
  // while another shows its 40th hit), then the rest by score, up to the limit.
  const limit = args.limit ?? DEFAULT_SEARCH_LIMIT;
  const totals = new Map<string, number>();
  const chosen = new Set<Ranked>();
  for (const c of ranked) {
    const n = totals.get(c.standardId) ?? 0;
    if (n === 0 && chosen.size < limit) chosen.add(c);
    totals.set(c.standardId, n + 1);
  }
  for (const c of ranked) {
    if (chosen.size >= limit) break;
    chosen.add(c);
  }
  const picked = ranked.filter((c) => chosen.has(c));

  const rows = hitRows(db, picked.map((c) => c.id));
  const labels = standardLabels(db, [...totals.keys()]);
  const groups = new Map<string, SearchGroup>();
  for (const c of ranked) {
    if (groups.has(c.standardId)) continue;
    const label = labels.get(c.standardId);
    groups.set(c.standardId, { standardId: c.standardId, standardTitle: label?.title ?? c.standardId, standardType: label?.type ?? '', hits: [], totalHits: totals.get(c.standardId) ?? 0 });
  }
  const snippets = wordSnippets(db, q.word, picked.filter((c) => c.wholeWord).map((c) => c.id), SNIPPET_TOKENS);
  const highlights = q.trigram === null ? new Map<number, string>() : trigramHighlights(db, q.trigram, picked.filter((c) => !c.wholeWord).map((c) => c.id));
  for (const c of picked) {
    const row = rows.get(c.id);
    if (!row) continue;
    const snippet = c.wholeWord ? oneLine(snippets.get(c.id) ?? '') : cutSnippet(highlights.get(c.id) ?? '');
    const hit: SearchHit = { ...row, snippet, score: c.score };
    groups.get(c.standardId)?.hits.push(hit);
  }
  return { groups: [...groups.values()], totalHits: ranked.length, empty: false };
}
