import { useId, useState } from 'react';
import type { CatalogueFilter, FacetCount, FacetKey } from '../../../common/catalogue-search';

const FACET_TITLES: Record<FacetKey, string> = {
  type: 'Type',
  owner: 'Organisatie',
  subsector: 'Subsector',
  status: 'Status',
  confidence: 'Betrouwbaarheid',
};
const COLLAPSED_SIZE = 8;

interface Props {
  filter: CatalogueFilter;
  counts: Record<FacetKey, FacetCount[]>;
  onToggle: (key: FacetKey, value: string) => void;
  onYears: (from: number | null, to: number | null) => void;
  onClear: () => void;
}

function FacetGroup({ facetKey, counts, selected, onToggle }: { facetKey: FacetKey; counts: FacetCount[]; selected: string[]; onToggle: Props['onToggle'] }) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const visible = expanded ? counts : counts.slice(0, COLLAPSED_SIZE);
  // Selected values stay visible even when the group is collapsed.
  const hiddenSelected = expanded ? [] : counts.slice(COLLAPSED_SIZE).filter((c) => selected.includes(c.value));
  return (
    <fieldset className="facet">
      <legend>{FACET_TITLES[facetKey]}</legend>
      <ul id={id}>
        {[...visible, ...hiddenSelected].map((c) => (
          <li key={c.value}>
            <label className={c.count === 0 ? 'facet-empty' : undefined}>
              <input type="checkbox" checked={selected.includes(c.value)} onChange={() => onToggle(facetKey, c.value)} data-facet={facetKey} value={c.value} />
              <span className="facet-label">{c.label}</span>
              <span className="facet-count" aria-label={`${c.count} standaarden`}>
                {c.count}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {counts.length > COLLAPSED_SIZE && (
        <button type="button" className="link-button" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Minder tonen' : `Alle ${counts.length} tonen`}
        </button>
      )}
    </fieldset>
  );
}

export function FacetPanel({ filter, counts, onToggle, onYears, onClear }: Props) {
  const active = Object.values(filter.facets).some((v) => v && v.length > 0) || filter.yearFrom !== null || filter.yearTo !== null;
  const yearValue = (n: number | null) => (n === null ? '' : String(n));
  const parseYear = (v: string) => (/^\d{4}$/.test(v) ? Number(v) : null);
  return (
    <aside className="facets" aria-label="Filters">
      <div className="facets-head">
        <h2>Filters</h2>
        {active && (
          <button type="button" className="link-button" onClick={onClear}>
            Wis filters
          </button>
        )}
      </div>
      {(['type', 'status', 'confidence', 'subsector', 'owner'] as FacetKey[]).map((key) => (
        <FacetGroup key={key} facetKey={key} counts={counts[key]} selected={filter.facets[key] ?? []} onToggle={onToggle} />
      ))}
      <fieldset className="facet">
        <legend>Jaar (laatste publicatie of herziening)</legend>
        <div className="year-range">
          <label>
            Van
            <input type="number" inputMode="numeric" min={1900} max={2100} placeholder="1990" defaultValue={yearValue(filter.yearFrom)} key={`van-${filter.yearFrom}`} onBlur={(e) => onYears(parseYear(e.target.value), filter.yearTo)} onKeyDown={(e) => e.key === 'Enter' && onYears(parseYear(e.currentTarget.value), filter.yearTo)} />
          </label>
          <label>
            Tot en met
            <input type="number" inputMode="numeric" min={1900} max={2100} placeholder="2026" defaultValue={yearValue(filter.yearTo)} key={`tot-${filter.yearTo}`} onBlur={(e) => onYears(filter.yearFrom, parseYear(e.target.value))} onKeyDown={(e) => e.key === 'Enter' && onYears(filter.yearFrom, parseYear(e.currentTarget.value))} />
          </label>
        </div>
      </fieldset>
    </aside>
  );
}
