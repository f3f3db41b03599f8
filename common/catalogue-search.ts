import Fuse, { type IFuseOptions } from 'fuse.js';
import { CONFIDENCE_LABEL, latestYear, STATUS_LABEL, type StandardSummary } from './catalogue.js';
import { foldText } from './text.js';

/**
 * Catalogue search: fuzzy, typo-tolerant and diacritics-insensitive (fuse.js over folded text),
 * with facets and their counts. Pure code, shared by the renderer (instant search per keystroke)
 * and the tests; the whole catalogue is small enough (hundreds to a few thousand rows) to search in
 * memory on every keystroke.
 */

export type FacetKey = 'type' | 'owner' | 'subsector' | 'status' | 'confidence';
export const FACET_KEYS: FacetKey[] = ['type', 'owner', 'subsector', 'status', 'confidence'];

export interface CatalogueFilter {
  query: string;
  facets: Partial<Record<FacetKey, string[]>>;
  yearFrom: number | null;
  yearTo: number | null;
}

export type SortKey = 'relevance' | 'title' | 'year-desc' | 'year-asc' | 'type' | 'owner';

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface SearchOutcome {
  results: StandardSummary[];
  facetCounts: Record<FacetKey, FacetCount[]>;
}

interface Doc {
  standard: StandardSummary;
  title: string;
  shortTitle: string;
  catalogueId: string;
  owners: string;
  topic: string;
  subsectors: string;
  /** All searchable text in one folded string, for one- and two-letter queries. */
  all: string;
}

const FUSE_OPTIONS: IFuseOptions<Doc> = {
  keys: [
    { name: 'title', weight: 3 },
    { name: 'shortTitle', weight: 3 },
    { name: 'catalogueId', weight: 2 },
    { name: 'owners', weight: 1.5 },
    { name: 'subsectors', weight: 1 },
    { name: 'topic', weight: 1 },
  ],
  includeScore: true,
  ignoreLocation: true,
  // 0.34 lets one wrong letter in a 4-letter word ("ADHS") through but not unrelated words.
  threshold: 0.34,
  minMatchCharLength: 2,
};

export interface CatalogueIndex {
  search(filter: CatalogueFilter, sort: SortKey): SearchOutcome;
}

export function ownerLabel(o: { abbreviation: string | null; name: string }): string {
  return o.abbreviation ?? o.name;
}

function facetValues(s: StandardSummary, key: FacetKey): string[] {
  switch (key) {
    case 'type':
      return [s.type];
    case 'owner':
      return [...new Set(s.owners.map((o) => o.organisationId))];
    case 'subsector':
      return s.subsectors;
    case 'status':
      return [s.status];
    case 'confidence':
      return [s.confidence];
  }
}

function withAll(doc: Omit<Doc, 'all'>): Doc {
  return { ...doc, all: [doc.title, doc.shortTitle, doc.catalogueId, doc.owners, doc.topic, doc.subsectors].join(' ') };
}

export function createCatalogueIndex(standards: StandardSummary[], labels: { type: (v: string) => string; subsector: (v: string) => string }): CatalogueIndex {
  const docs: Doc[] = standards.map((s) => withAll({
    standard: s,
    title: foldText(s.title),
    shortTitle: foldText(s.shortTitle ?? ''),
    catalogueId: foldText(s.catalogueId ?? ''),
    owners: foldText([s.ownerText ?? '', ...s.owners.map((o) => `${o.abbreviation ?? ''} ${o.name}`)].join(' ')),
    topic: foldText(s.topic ?? ''),
    subsectors: foldText(s.subsectors.map((v) => `${v} ${labels.subsector(v)}`).join(' ')),
  }));
  const fuse = new Fuse(docs, FUSE_OPTIONS);
  const ownerNames = new Map<string, string>();
  for (const s of standards) for (const o of s.owners) ownerNames.set(o.organisationId, ownerLabel(o));

  const labelFor = (key: FacetKey, value: string): string => {
    switch (key) {
      case 'type':
        return labels.type(value);
      case 'owner':
        return ownerNames.get(value) ?? value;
      case 'subsector':
        return labels.subsector(value);
      case 'status':
        return STATUS_LABEL[value as keyof typeof STATUS_LABEL] ?? value;
      case 'confidence':
        return CONFIDENCE_LABEL[value as keyof typeof CONFIDENCE_LABEL] ?? value;
    }
  };

  /** Every word of the query must match somewhere (AND); a row's score is the sum over words. */
  function textMatches(query: string): Map<StandardSummary, number> | null {
    const words = foldText(query).split(/\s+/).filter((w) => w.length > 0);
    if (words.length === 0) return null;
    let combined: Map<StandardSummary, number> | null = null;
    for (const word of words) {
      const hits = new Map<StandardSummary, number>();
      if (/^ks\d+$/.test(word)) {
        for (const doc of docs) if (doc.catalogueId === word) hits.set(doc.standard, 0);
      } else if (word.length <= 3) {
        // Short words are matched literally: one wrong letter in "NHG" is a different word.
        for (const doc of docs) if (doc.all.includes(word)) hits.set(doc.standard, doc.title.includes(word) ? 0.1 : 0.5);
      } else {
        for (const hit of fuse.search(word.slice(0, 32))) hits.set(hit.item.standard, hit.score ?? 1);
      }
      if (combined === null) combined = hits;
      else {
        const next = new Map<StandardSummary, number>();
        for (const [standard, score] of combined) {
          const other = hits.get(standard);
          if (other !== undefined) next.set(standard, score + other);
        }
        combined = next;
      }
    }
    return combined;
  }

  function passesYear(s: StandardSummary, filter: CatalogueFilter): boolean {
    if (filter.yearFrom === null && filter.yearTo === null) return true;
    const year = latestYear(s);
    if (year === null) return false;
    return (filter.yearFrom === null || year >= filter.yearFrom) && (filter.yearTo === null || year <= filter.yearTo);
  }

  function passesFacets(s: StandardSummary, filter: CatalogueFilter, except: FacetKey | null): boolean {
    for (const key of FACET_KEYS) {
      if (key === except) continue;
      const selected = filter.facets[key];
      if (!selected || selected.length === 0) continue;
      const values = facetValues(s, key);
      if (!selected.some((v) => values.includes(v))) return false;
    }
    return true;
  }

  return {
    search(filter, sort) {
      const scores = textMatches(filter.query);
      const base = standards.filter((s) => (scores === null || scores.has(s)) && passesYear(s, filter));
      const results = base.filter((s) => passesFacets(s, filter, null));

      // Counts per facet value are computed with every other facet applied, so a count says how many
      // results ticking that value would give (the usual faceted-search behaviour).
      const facetCounts = {} as Record<FacetKey, FacetCount[]>;
      for (const key of FACET_KEYS) {
        const counts = new Map<string, number>();
        for (const s of base) {
          if (!passesFacets(s, filter, key)) continue;
          for (const v of facetValues(s, key)) counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        for (const v of filter.facets[key] ?? []) if (!counts.has(v)) counts.set(v, 0);
        facetCounts[key] = [...counts.entries()]
          .map(([value, count]) => ({ value, label: labelFor(key, value), count }))
          .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'nl'));
      }
      return { results: sortResults(results, sort, scores), facetCounts };
    },
  };
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

function sortResults(list: StandardSummary[], sort: SortKey, scores: Map<StandardSummary, number> | null): StandardSummary[] {
  const byTitle = (a: StandardSummary, b: StandardSummary) => collator.compare(a.title, b.title);
  const yearOf = (s: StandardSummary) => latestYear(s);
  const copy = [...list];
  switch (sort) {
    case 'relevance':
      return scores ? copy.sort((a, b) => (scores.get(a) ?? 0) - (scores.get(b) ?? 0) || byTitle(a, b)) : copy.sort(byTitle);
    case 'title':
      return copy.sort(byTitle);
    case 'type':
      return copy.sort((a, b) => collator.compare(a.type, b.type) || byTitle(a, b));
    case 'owner':
      return copy.sort((a, b) => collator.compare(a.owners[0] ? ownerLabel(a.owners[0]) : '~', b.owners[0] ? ownerLabel(b.owners[0]) : '~') || byTitle(a, b));
    case 'year-desc':
    case 'year-asc': {
      const dir = sort === 'year-desc' ? -1 : 1;
      // Unknown years always go last, whichever direction.
      return copy.sort((a, b) => {
        const ya = yearOf(a);
        const yb = yearOf(b);
        if (ya === null && yb === null) return byTitle(a, b);
        if (ya === null) return 1;
        if (yb === null) return -1;
        return (ya - yb) * dir || byTitle(a, b);
      });
    }
  }
}
