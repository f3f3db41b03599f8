import { FACET_KEYS, type CatalogueFilter, type SortKey } from '../../common/catalogue-search';

/** The catalogue's filter lives in the URL, so every filtered view has a deep link. */
export interface CatalogueView {
  filter: CatalogueFilter;
  sort: SortKey;
  includeRetired: boolean;
}

const SORTS: SortKey[] = ['relevance', 'title', 'year-desc', 'year-asc', 'type', 'owner'];

function yearParam(value: string | null): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  return Number(value);
}

export function viewFromParams(params: URLSearchParams): CatalogueView {
  const facets: CatalogueFilter['facets'] = {};
  for (const key of FACET_KEYS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) facets[key] = values;
  }
  const sort = params.get('sort');
  return {
    filter: { query: params.get('q') ?? '', facets, yearFrom: yearParam(params.get('van')), yearTo: yearParam(params.get('tot')) },
    sort: SORTS.includes(sort as SortKey) ? (sort as SortKey) : 'relevance',
    includeRetired: params.get('ingetrokken') === '1',
  };
}

export function paramsFromView(view: CatalogueView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.filter.query) params.set('q', view.filter.query);
  for (const key of FACET_KEYS) for (const v of view.filter.facets[key] ?? []) params.append(key, v);
  if (view.filter.yearFrom !== null) params.set('van', String(view.filter.yearFrom));
  if (view.filter.yearTo !== null) params.set('tot', String(view.filter.yearTo));
  if (view.sort !== 'relevance') params.set('sort', view.sort);
  if (view.includeRetired) params.set('ingetrokken', '1');
  return params;
}
