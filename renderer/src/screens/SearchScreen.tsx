import { useEffect, useMemo, useState } from 'react';
import { SECTION_KIND_LABEL, type SearchResult } from '../../../common/document';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { href, navigate } from '../router';
import { snippetParts } from '../sanitize';
import { ErrorText } from '../components/StatusMessage';

/**
 * "Zoeken in teksten": full-text search over every imported version, grouped per standard.
 * Query and filters live in the URL (#/zoeken?q=…&type=…&owner=…&status=…).
 */
export function SearchScreen({ params }: { params: URLSearchParams }) {
  const catalogue = useCatalogue();
  const query = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const owner = params.get('owner') ?? '';
  const versionStatus = params.get('status') ?? '';
  const [input, setInput] = useState(query);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setInput(query), [query]);

  useEffect(() => {
    if (!query.trim()) {
      setResult(null);
      return;
    }
    let cancelled = false;
    call('search.fulltext', {
      query,
      ...(type ? { types: [type] } : {}),
      ...(owner ? { owners: [owner] } : {}),
      ...(versionStatus === 'gepubliceerd' || versionStatus === 'concept' ? { versionStatus } : {}),
      limit: 200,
    }).then(
      (r) => {
        if (!cancelled) {
          setResult(r);
          setError(null);
        }
      },
      (e: unknown) => !cancelled && setError((e as Error).message),
    );
    return () => {
      cancelled = true;
    };
  }, [query, type, owner, versionStatus]);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(href.search(next), { replace: true });
  };

  const ownersWithStandards = useMemo(() => {
    const ids = new Set(catalogue.standards.flatMap((s) => s.owners.map((o) => o.organisationId)));
    return catalogue.organisations.filter((o) => ids.has(o.id));
  }, [catalogue]);

  return (
    <div className="screen search-screen">
      <h1>Zoeken in teksten</h1>
      <p className="muted">Doorzoekt alle geïmporteerde versies. Delen van samengestelde woorden worden ook gevonden: "begeleiding" vindt "ouderbegeleiding".</p>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParam('q', input.trim());
        }}
      >
        <label className="search-field">
          <span className="visually-hidden">Zoekterm</span>
          <input type="search" value={input} onChange={(e) => setInput(e.target.value)} placeholder="bijv. medicatie, psycho-educatie, ouderbegeleiding" autoFocus />
        </label>
        <button type="submit" className="button primary">
          Zoeken
        </button>
      </form>
      <div className="toolbar filters">
        <label className="inline-field">
          Type
          <select value={type} onChange={(e) => setParam('type', e.target.value)}>
            <option value="">Alle types</option>
            {(catalogue.vocabularies.type ?? []).map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Organisatie
          <select value={owner} onChange={(e) => setParam('owner', e.target.value)}>
            <option value="">Alle organisaties</option>
            {ownersWithStandards.map((o) => (
              <option key={o.id} value={o.id}>
                {o.abbreviation ?? o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Versie
          <select value={versionStatus} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">Alle versies</option>
            <option value="gepubliceerd">Gepubliceerd</option>
            <option value="concept">Concept</option>
          </select>
        </label>
      </div>
      <ErrorText error={error} />
      {result && (
        <p className="muted" aria-live="polite" data-testid="search-count">
          {result.empty ? 'Geef een zoekterm met letters of cijfers.' : `${result.totalHits} ${result.totalHits === 1 ? 'treffer' : 'treffers'} in ${result.groups.length} ${result.groups.length === 1 ? 'standaard' : 'standaarden'}`}
        </p>
      )}
      {result?.groups.map((group) => (
        <section key={group.standardId} className="search-group" aria-labelledby={`groep-${group.standardId}`}>
          <h2 id={`groep-${group.standardId}`}>
            <a href={href.standard(group.standardId)}>{group.standardTitle}</a> <span className="muted small">· {catalogue.label('type', group.standardType)} · {group.totalHits} treffers</span>
          </h2>
          <ol className="hits">
            {group.hits.map((hit) => (
              <li key={hit.sectionId}>
                <a href={href.version(group.standardId, hit.versionId, hit.sectionId)} className="hit-title">
                  {hit.number ? `${hit.number} ` : ''}
                  {hit.heading}
                </a>
                <span className="muted small">
                  {' '}
                  · {hit.versionLabel}
                  {hit.versionStatus === 'concept' ? ' (concept)' : ''}
                  {hit.pageStart !== null ? ` · p. ${hit.pageStart}` : ''}
                  {hit.kind === 'recommendation' ? ` · ${SECTION_KIND_LABEL.recommendation}` : ''}
                </span>
                <p className="snippet">
                  {snippetParts(hit.snippet).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </p>
              </li>
            ))}
          </ol>
          {group.totalHits > group.hits.length && <p className="muted small">En nog {group.totalHits - group.hits.length} treffers in deze standaard.</p>}
        </section>
      ))}
    </div>
  );
}
