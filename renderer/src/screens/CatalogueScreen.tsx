import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { FACET_KEYS, type FacetKey, type SortKey } from '../../../common/catalogue-search';
import { paramsFromView, viewFromParams, type CatalogueView } from '../catalogue-filter';
import { useCatalogue } from '../catalogue-data';
import { CatalogueExport } from '../components/CatalogueExport';
import { FacetPanel } from '../components/FacetPanel';
import { StandardsTable } from '../components/StandardsTable';
import { href, navigate } from '../router';

const SORT_LABELS: Record<SortKey, string> = {
  relevance: 'Best passend',
  title: 'Titel (A–Z)',
  'year-desc': 'Jaar (nieuwste eerst)',
  'year-asc': 'Jaar (oudste eerst)',
  type: 'Type',
  owner: 'Eigenaar',
};

export function CatalogueScreen({ params }: { params: URLSearchParams }) {
  const catalogue = useCatalogue();
  const view = useMemo(() => viewFromParams(params), [params]);
  // The search box is controlled locally so typing never waits for the URL round trip.
  const [query, setQuery] = useState(view.filter.query);
  const deferredQuery = useDeferredValue(query);
  const searchRef = useRef<HTMLInputElement>(null);
  // The query this screen last wrote into the URL: any other change of the URL's query is navigation
  // (a link, back/forward) and replaces what is in the box.
  const written = useRef(view.filter.query);

  useEffect(() => {
    if (view.filter.query !== written.current) {
      written.current = view.filter.query;
      setQuery(view.filter.query);
    }
  }, [view.filter.query]);

  const update = (next: Partial<CatalogueView>) => {
    const merged: CatalogueView = { ...view, ...next, filter: { ...view.filter, query, ...(next.filter ?? {}) } };
    written.current = merged.filter.query;
    navigate(href.catalogue(paramsFromView(merged)), { replace: true });
  };

  // Keep the URL in step with the search box without flooding the history.
  useEffect(() => {
    if (deferredQuery === view.filter.query) return;
    const handle = setTimeout(() => update({ filter: { ...view.filter, query: deferredQuery } }), 250);
    return () => clearTimeout(handle);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deferredQuery]);

  const index = view.includeRetired ? catalogue.allIndex : catalogue.activeIndex;
  const outcome = useMemo(() => index.search({ ...view.filter, query: deferredQuery }, view.sort), [index, view, deferredQuery]);

  const toggleFacet = (key: FacetKey, value: string) => {
    const current = view.filter.facets[key] ?? [];
    const nextValues = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    update({ filter: { ...view.filter, query, facets: { ...view.filter.facets, [key]: nextValues } } });
  };

  const focusFirstResult = () => document.querySelector<HTMLAnchorElement>('.standards-table .row-link')?.focus();

  const total = catalogue.standards.filter((s) => view.includeRetired || !s.retired).length;
  const activeFacetCount = FACET_KEYS.reduce((n, k) => n + (view.filter.facets[k]?.length ?? 0), 0);

  return (
    <div className="catalogue">
      <header className="screen-head">
        <div>
          <h1>Kwaliteitsstandaarden</h1>
          <p className="muted" aria-live="polite" data-testid="result-count">
            {outcome.results.length === total ? `${total} standaarden` : `${outcome.results.length} van ${total} standaarden`}
            {activeFacetCount > 0 ? ` · ${activeFacetCount} filter${activeFacetCount === 1 ? '' : 's'} actief` : ''}
          </p>
        </div>
        <div className="actions">
          <CatalogueExport ids={outcome.results.map((s) => s.id)} label={deferredQuery} />
          <a className="button primary" href={href.new()}>
            Nieuwe standaard
          </a>
        </div>
      </header>
      <div className="toolbar" role="search">
        <label className="search-field">
          <span className="visually-hidden">Zoek in de catalogus</span>
          <input
            ref={searchRef}
            type="search"
            value={query}
            placeholder="Zoek op titel, eigenaar, onderwerp… (bijv. ADHD, jeugdgezondheid, NHG)"
            autoFocus
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || (e.key === 'Enter' && outcome.results.length > 0)) {
                e.preventDefault();
                if (e.key === 'Enter' && outcome.results[0]) navigate(href.standard(outcome.results[0].id));
                else focusFirstResult();
              }
              if (e.key === 'Escape' && query) {
                e.preventDefault();
                setQuery('');
              }
            }}
            aria-describedby="search-hint"
          />
        </label>
        <span id="search-hint" className="visually-hidden">
          Enter opent het eerste resultaat; pijl omlaag gaat naar de lijst.
        </span>
        <label className="inline-field">
          Sorteren
          <select value={view.sort} onChange={(e) => update({ sort: e.target.value as SortKey })}>
            {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
              <option key={key} value={key}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field checkbox">
          <input type="checkbox" checked={view.includeRetired} onChange={(e) => update({ includeRetired: e.target.checked })} />
          Teruggetrokken tonen
        </label>
      </div>
      <div className="catalogue-body">
        <FacetPanel
          filter={view.filter}
          counts={outcome.facetCounts}
          onToggle={toggleFacet}
          onYears={(yearFrom, yearTo) => update({ filter: { ...view.filter, query, yearFrom, yearTo } })}
          onClear={() => update({ filter: { query, facets: {}, yearFrom: null, yearTo: null } })}
        />
        <section className="results" aria-label="Resultaten">
          <StandardsTable rows={outcome.results} typeLabel={(v) => catalogue.label('type', v)} />
        </section>
      </div>
    </div>
  );
}
