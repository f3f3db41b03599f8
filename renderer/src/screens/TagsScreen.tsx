import { useMemo, useState } from 'react';
import { ANCHOR_STATE_LABEL, type Tag } from '../../../common/tags';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { downloadText } from '../files';
import { formatDateTime } from '../format';
import { href, navigate } from '../router';
import { AddToListForm } from '../lists/AddToListForm';
import { useLoad } from '../use-api';
import { TagChips } from '../components/TagChips';

const TABS = [
  { id: 'passages', label: 'Passages' },
  { id: 'matrix', label: 'Samenhang' },
  { id: 'overeenstemming', label: 'Overeenstemming' },
  { id: 'los', label: 'Niet geplaatst' },
] as const;
type TabId = (typeof TABS)[number]['id'];

const idsOf = (params: URLSearchParams, key: string) => params.getAll(key).map(Number).filter((n) => Number.isInteger(n) && n > 0);

function TagSelect({ tags, label, onPick }: { tags: Tag[]; label: string; onPick: (id: number) => void }) {
  return (
    <label className="inline-field">
      {label}
      <select value="" onChange={(e) => e.target.value && onPick(Number(e.target.value))}>
        <option value="">Kies een tag…</option>
        {tags.map((t) => (
          <option key={t.id} value={t.id}>
            {t.path} ({t.totalAnnotationCount})
          </option>
        ))}
      </select>
    </label>
  );
}

function Passages({ params, tags }: { params: URLSearchParams; tags: Tag[] }) {
  const all = idsOf(params, 'all');
  const not = idsOf(params, 'not');
  const standard = params.get('standaard');
  const result = useLoad(() => (all.length || not.length || standard ? call('analysis.passages', { all, not, ...(standard ? { standardIds: [standard] } : {}) }) : Promise.resolve(null)), [params.toString()]);
  const byId = new Map(tags.map((t) => [t.id, t]));
  const [adding, setAdding] = useState<string | null>(null);
  const update = (key: 'all' | 'not', ids: number[]) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    for (const id of ids) next.append(key, String(id));
    navigate(href.tags(next), { replace: true });
  };
  const chip = (key: 'all' | 'not', id: number, list: number[]) => {
    const t = byId.get(id);
    return (
      <button key={`${key}-${id}`} type="button" className="tag-chip" onClick={() => update(key, list.filter((x) => x !== id))} aria-label={`${t?.path ?? id} weghalen`}>
        <span className="swatch" style={{ backgroundColor: t?.color ?? '#999' }} />
        {key === 'not' ? 'niet ' : ''}
        {t?.path ?? `tag ${id}`} ×
      </button>
    );
  };
  return (
    <div>
      <div className="toolbar">
        <TagSelect tags={tags} label="Met tag" onPick={(id) => !all.includes(id) && update('all', [...all, id])} />
        <TagSelect tags={tags} label="Maar niet" onPick={(id) => !not.includes(id) && update('not', [...not, id])} />
        {all.length === 1 && (
          <button type="button" className="button" onClick={() => void call('analysis.exportPassagesCsv', { tagId: all[0] ?? 0 }).then(downloadText)}>
            Passages exporteren (CSV)
          </button>
        )}
      </div>
      <p className="chosen-tags">
        {all.map((id) => chip('all', id, all))}
        {not.map((id) => chip('not', id, not))}
        {standard && (
          <button type="button" className="tag-chip" onClick={() => { const next = new URLSearchParams(params); next.delete('standaard'); navigate(href.tags(next), { replace: true }); }}>
            alleen {standard} ×
          </button>
        )}
      </p>
      {!result.data && !result.loading && <p className="muted">Kies een of meer tags: je ziet dan elke getagde passage in alle standaarden. Combineer tags (A en B) of sluit er een uit (A maar niet B).</p>}
      {result.error && <p className="error" role="alert">{result.error}</p>}
      {result.data && (
        <>
          <p className="muted" data-testid="passage-count" aria-live="polite">
            {result.data.total} {result.data.total === 1 ? 'passage' : 'passages'} in {result.data.groups.length} {result.data.groups.length === 1 ? 'standaard' : 'standaarden'}
            {result.data.truncated ? ` — de eerste ${result.data.limit} getoond; verfijn met een tweede tag of exporteer als CSV voor alles` : ''}
          </p>
          {result.data.groups.map((g) => (
            <section key={g.standardId} className="search-group" aria-labelledby={`pg-${g.standardId}`}>
              <h2 id={`pg-${g.standardId}`}>
                <a href={href.standard(g.standardId)}>{g.standardTitle}</a> <span className="muted small">· {g.count}</span>
              </h2>
              <ol className="hits">
                {g.passages.map((p) => (
                  <li key={p.annotationId}>
                    <p className="passage">
                      <span className="muted">…{p.contextBefore}</span>
                      <mark>{p.quote}</mark>
                      <span className="muted">{p.contextAfter}…</span>
                    </p>
                    <TagChips tags={p.tags} />
                    {p.note && <p className="annotation-note">{p.note}</p>}
                    <p className="muted small">
                      {p.sectionId !== null && p.versionId !== null ? (
                        <a href={href.version(g.standardId, p.versionId, p.sectionId)}>
                          {p.versionLabel} · {p.sectionNumber ? `${p.sectionNumber} ` : ''}
                          {p.sectionHeading}
                        </a>
                      ) : (
                        <span>{ANCHOR_STATE_LABEL[p.anchorState]}</span>
                      )}{' '}
                      · {p.author} · {formatDateTime(p.createdAt)}{' '}
                      <button type="button" className="link-button small" onClick={() => setAdding(adding === p.annotationId ? null : p.annotationId)} aria-expanded={adding === p.annotationId}>
                        Op lijst zetten
                      </button>
                    </p>
                    {adding === p.annotationId && <AddToListForm annotationId={p.annotationId} onCancel={() => setAdding(null)} />}
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </>
      )}
    </div>
  );
}

function Matrix() {
  const matrix = useLoad(() => call('analysis.cooccurrence', {}), []);
  const [view, setView] = useState<'standards' | 'tags'>('standards');
  if (matrix.error) return <p className="error" role="alert">{matrix.error}</p>;
  if (!matrix.data) return <p className="loading">Laden…</p>;
  const m = matrix.data;
  if (m.annotationCount === 0) return <p className="muted">Nog geen getagde passages.</p>;
  const link = (params: Array<[string, string]>) => href.tags(new URLSearchParams(params));
  const max = Math.max(1, ...m.tagStandard.flat(), ...m.tagTag.flat());
  const cell = (key: string, n: number, to: string, label: string) => (
    <td key={key} className="matrix-td" style={{ backgroundColor: n ? `rgba(11, 92, 173, ${0.08 + 0.5 * (n / max)})` : undefined }}>
      {n ? (
        <a className="matrix-cell" href={to} aria-label={`${n} passages: ${label}`}>
          {n}
        </a>
      ) : null}
    </td>
  );
  return (
    <div>
      <div className="toolbar" role="group" aria-label="Soort overzicht">
        <button type="button" className={`button${view === 'standards' ? ' primary' : ''}`} aria-pressed={view === 'standards'} onClick={() => setView('standards')}>
          Tags × standaarden
        </button>
        <button type="button" className={`button${view === 'tags' ? ' primary' : ''}`} aria-pressed={view === 'tags'} onClick={() => setView('tags')}>
          Tags × tags
        </button>
        <span className="muted small">{m.annotationCount} annotaties. Klik een getal voor de passages.</span>
      </div>
      <div className="matrix-scroll">
        <table className="matrix" data-testid="matrix">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              {(view === 'standards' ? m.standards.map((s) => ({ key: s.id, label: s.shortTitle ?? s.title })) : m.tags.map((t) => ({ key: String(t.id), label: t.name }))).map((c) => (
                <th key={c.key} scope="col" className="matrix-head">
                  <span>{c.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.tags.map((t, i) => (
              <tr key={t.id}>
                <th scope="row" className={`depth-${Math.min(t.depth, 3)}`}>
                  <span className="swatch" style={{ backgroundColor: t.color }} /> {t.name}
                </th>
                {view === 'standards'
                  ? m.standards.map((s, j) => cell(s.id, m.tagStandard[i]?.[j] ?? 0, link([['all', String(t.id)], ['standaard', s.id]]), `${t.name} in ${s.title}`))
                  : m.tags.map((u, k) => cell(String(u.id), m.tagTag[i]?.[k] ?? 0, link(i === k ? [['all', String(t.id)]] : [['all', String(t.id)], ['all', String(u.id)]]), `${t.name} en ${u.name}`))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Agreement() {
  const catalogue = useCatalogue();
  const [standardId, setStandardId] = useState('');
  const versions = useLoad(() => (standardId ? call('versions.list', { standardId }) : Promise.resolve([])), [standardId]);
  const [versionId, setVersionId] = useState<number | null>(null);
  const authors = useLoad(() => (versionId ? call('analysis.authors', { versionId }) : Promise.resolve([])), [versionId]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const report = useLoad(() => (versionId && a && b && a !== b ? call('analysis.agreement', { versionId, authorA: a, authorB: b }) : Promise.resolve(null)), [versionId, a, b]);
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const kappa = (k: number | null, reason: string | null) => (k === null ? <span className="muted" title={reason ?? ''}>n.v.t.</span> : k.toFixed(2));
  const withTexts = useMemo(() => catalogue.standards.filter((s) => !s.retired), [catalogue.standards]);
  return (
    <div>
      <p className="muted">Vergelijk hoe twee mensen dezelfde versie hebben getagd. Per tag: het percentage secties waarover ze het eens zijn (wel of niet getagd) en Cohen's kappa (overeenstemming gecorrigeerd voor toeval).</p>
      <div className="toolbar">
        <label className="inline-field">
          Standaard
          <select value={standardId} onChange={(e) => { setStandardId(e.target.value); setVersionId(null); }}>
            <option value="">Kies…</option>
            {withTexts.map((s) => (
              <option key={s.id} value={s.id}>
                {s.shortTitle ?? s.title}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Versie
          <select value={versionId ?? ''} onChange={(e) => setVersionId(e.target.value ? Number(e.target.value) : null)} disabled={!versions.data?.length}>
            <option value="">Kies…</option>
            {(versions.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        {(['A', 'B'] as const).map((which) => (
          <label key={which} className="inline-field">
            Persoon {which}
            <select value={which === 'A' ? a : b} onChange={(e) => (which === 'A' ? setA : setB)(e.target.value)} disabled={!authors.data?.length}>
              <option value="">Kies…</option>
              {(authors.data ?? []).map((x) => (
                <option key={x.author} value={x.author}>
                  {x.author} ({x.annotationCount})
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {versionId && authors.data && authors.data.length < 2 && <p className="notice">Deze versie is door minder dan twee mensen getagd.</p>}
      {report.error && <p className="error" role="alert">{report.error}</p>}
      {report.data && (
        <table className="simple-table" data-testid="agreement">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Beiden</th>
              <th scope="col">Alleen {report.data.authorA}</th>
              <th scope="col">Alleen {report.data.authorB}</th>
              <th scope="col">Geen van beiden</th>
              <th scope="col">Eens</th>
              <th scope="col">Kappa</th>
            </tr>
          </thead>
          <tbody>
            {report.data.rows.map((r) => (
              <tr key={r.tag.id}>
                <th scope="row">{r.tag.path}</th>
                <td>{r.table.a}</td>
                <td>{r.table.b}</td>
                <td>{r.table.c}</td>
                <td>{r.table.d}</td>
                <td>{pct(r.percentAgreement)}</td>
                <td>{kappa(r.kappa, r.kappaReason)}</td>
              </tr>
            ))}
            <tr className="total-row">
              <th scope="row">Totaal ({report.data.units} secties)</th>
              <td>{report.data.overall.table.a}</td>
              <td>{report.data.overall.table.b}</td>
              <td>{report.data.overall.table.c}</td>
              <td>{report.data.overall.table.d}</td>
              <td>{pct(report.data.overall.percentAgreement)}</td>
              <td>{kappa(report.data.overall.kappa, report.data.overall.kappaReason)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}

function Unplaced() {
  const list = useLoad(() => call('annotations.unplaced', {}), []);
  if (list.error) return <p className="error" role="alert">{list.error}</p>;
  if (!list.data) return <p className="loading">Laden…</p>;
  if (list.data.length === 0) return <p className="muted">Alle annotaties staan op hun plaats.</p>;
  return (
    <div>
      <p className="muted">Deze annotaties konden na een nieuwe versie of een structuurwijziging niet worden teruggevonden. Ze blijven bewaard; open de versie, selecteer de juiste tekst en kies "Hier plaatsen".</p>
      <ol className="hits">
        {list.data.map((a) => (
          <li key={a.id}>
            <blockquote className="picker-quote">{a.originalQuote ?? a.quote}</blockquote>
            <TagChips tags={a.tags} />
            <p className="muted small">
              {a.standardTitle} · was in {a.anchoredFromVersionLabel ?? a.versionLabel ?? 'een verwijderde versie'}
              {a.sectionHeading ? `, ${a.sectionNumber ? `${a.sectionNumber} ` : ''}${a.sectionHeading}` : ''} · {a.author}
            </p>
            {a.versionId !== null && (
              <a className="button small" href={`${href.version(a.standardId, a.versionId)}?plaats=${encodeURIComponent(a.id)}`}>
                Plaatsen in {a.versionLabel}
              </a>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function TagsScreen({ params }: { params: URLSearchParams }) {
  const tags = useLoad(() => call('tags.list'), []);
  const tab: TabId = (TABS.find((t) => t.id === params.get('tab'))?.id ?? 'passages') as TabId;
  return (
    <div className="screen tags-screen">
      <header className="screen-head">
        <div>
          <h1>Tags en passages</h1>
          <p className="muted">
            Wat er in alle standaarden over een onderwerp staat, op basis van de tags. Tags beheer je in het <a href={href.codebook()}>codeboek</a>.
          </p>
        </div>
      </header>
      <nav className="tabs" aria-label="Weergave">
        {TABS.map((t) => (
          <a key={t.id} href={href.tags(new URLSearchParams(t.id === 'passages' ? [] : [['tab', t.id]]))} aria-current={tab === t.id ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      {tags.data && tab === 'passages' && <Passages params={params} tags={tags.data} />}
      {tab === 'matrix' && <Matrix />}
      {tab === 'overeenstemming' && <Agreement />}
      {tab === 'los' && <Unplaced />}
    </div>
  );
}
