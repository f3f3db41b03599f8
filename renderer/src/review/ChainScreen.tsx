import { useState } from 'react';
import { ADDRESSEE_LABEL, CHAIN_LEVEL_LABEL, PRECONDITION_KIND_LABEL, type BottleneckOverview, type ChainScope } from '../../../common/review';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { ErrorText, StatusMessage } from '../components/StatusMessage';
import { downloadBase64, downloadText } from '../files';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { ChainTable } from './ChainTable';

type Notify = (message: { kind: 'ok' | 'error'; text: string }) => void;

const EXPLAINER =
  'Verticaal harmoniseren: de randvoorwaarden van een standaard (tijd, scholing, financiering, registratie…) expliciet maken langs de hele lijn, van professional en team via organisatie en gemeente tot inkoop en landelijk beleid. Niet te verwarren met verticaal leren: leren tussen micro-, meso- en macroniveau.';

/** Knelpunten per level and per addressee, with the preconditions behind each count. */
export function BottleneckView({ overview, showStandard }: { overview: BottleneckOverview; showStandard: boolean }) {
  const s = overview.statusCounts;
  const line = (l: BottleneckOverview['perLevel'][number]['links'][number]) => (
    <li key={l.linkId}>
      {l.precondition} <span className="muted small">({PRECONDITION_KIND_LABEL[l.preconditionKind].toLowerCase()}{showStandard && l.standardTitle ? ` · ${l.standardTitle}` : ''}{l.owner ? ` · eigenaar: ${l.owner}` : ''})</span>
      <br />
      <span className="muted small">bij: {l.recommendation}</span>
    </li>
  );
  return (
    <section className="bottlenecks" aria-labelledby="knelpunten-kop" data-testid="bottlenecks">
      <h2 id="knelpunten-kop">Knelpunten</h2>
      <p>
        <strong>{overview.total}</strong> {overview.total === 1 ? 'randvoorwaarde is' : 'randvoorwaarden zijn'} een knelpunt · {s.geregeld} geregeld · {s.onbekend} onbekend
        {overview.perKind.length > 0 && <> · vooral {overview.perKind.slice().sort((a, b) => b.count - a.count).slice(0, 3).map((k) => `${PRECONDITION_KIND_LABEL[k.kind].toLowerCase()} (${k.count})`).join(', ')}</>}
      </p>
      <div className="bottleneck-grid">
        <table className="simple-table" aria-label="Knelpunten per niveau">
          <caption>Per niveau</caption>
          <thead>
            <tr>
              <th scope="col">Niveau</th>
              <th scope="col">Aantal</th>
              <th scope="col">Knelpunten</th>
            </tr>
          </thead>
          <tbody>
            {overview.perLevel.map((p) => (
              <tr key={p.level}>
                <th scope="row">{CHAIN_LEVEL_LABEL[p.level]}</th>
                <td className="count">{p.count}</td>
                <td>{p.links.length > 0 ? <ul className="bottleneck-links">{p.links.map(line)}</ul> : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="simple-table" aria-label="Knelpunten per adressaat">
          <caption>Per adressaat</caption>
          <thead>
            <tr>
              <th scope="col">Adressaat</th>
              <th scope="col">Aantal</th>
              <th scope="col">Knelpunten</th>
            </tr>
          </thead>
          <tbody>
            {overview.perAddressee.map((p) => (
              <tr key={p.addressee ?? 'geen'}>
                <th scope="row">{p.addressee ? ADDRESSEE_LABEL[p.addressee] : 'Geen adressaat'}</th>
                <td className="count">{p.count}</td>
                <td>{p.links.length > 0 ? <ul className="bottleneck-links">{p.links.map(line)}</ul> : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AddRecommendation({ scope, onAdded, notify }: { scope: ChainScope; onAdded: () => void; notify: Notify }) {
  const candidates = useLoad(() => call('chains.candidates', scope.pilotId ? { pilotId: scope.pilotId } : { standardId: scope.standardId ?? '' }), [scope.standardId, scope.pilotId]);
  const [sectionId, setSectionId] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const target = { ...(scope.standardId ? { standardId: scope.standardId } : {}), ...(scope.pilotId ? { pilotId: scope.pilotId } : {}) };
  const add = async (args: { sectionId?: number; text?: string }) => {
    setError(null);
    try {
      await call('chains.addRecommendation', { ...target, ...args });
      notify({ kind: 'ok', text: 'Aanbeveling aan de keten toegevoegd.' });
      setSectionId('');
      setText('');
      candidates.reload();
      onAdded();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const free = (candidates.data ?? []).filter((c) => !c.inChain);
  return (
    <details className="panel" open={undefined}>
      <summary>Aanbeveling toevoegen</summary>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add({ sectionId: Number(sectionId) });
        }}
      >
        <label className="field grow">
          Uit de tekst{candidates.data?.[0] ? ` (${candidates.data[0].versionLabel})` : ''}
          <select value={sectionId} onChange={(e) => setSectionId(e.target.value)} required>
            <option value="">{candidates.data && candidates.data.length === 0 ? 'geen aanbevelingen gevonden; importeer eerst een tekst' : 'Kies een aanbeveling…'}</option>
            {free.map((c) => (
              <option key={c.sectionId} value={c.sectionId}>
                {c.label ? `${c.label}: ` : ''}
                {c.text.length > 120 ? `${c.text.slice(0, 119)}…` : c.text}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Toevoegen
        </button>
      </form>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add({ text });
        }}
      >
        <label className="field grow">
          Of typ de aanbeveling
          <input value={text} onChange={(e) => setText(e.target.value)} required />
        </label>
        <button type="submit" className="button">
          Toevoegen
        </button>
      </form>
      <ErrorText error={error ?? candidates.error} />
    </details>
  );
}

function ScopedChain({ standardId, pilotId }: { standardId: string | null; pilotId: number | null }) {
  const scope = { ...(standardId ? { standardId } : {}), ...(pilotId ? { pilotId } : {}) };
  const chain = useLoad(() => call('chains.get', scope), [standardId, pilotId]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const failed = (e: unknown) => setMessage({ kind: 'error', text: (e as Error).message });
  if (chain.error) {
    return (
      <div className="screen">
        <h1>Keten niet gevonden</h1>
        <ErrorText error={chain.error} />
        <a href={href.chain()}>Naar alle knelpunten</a>
      </div>
    );
  }
  if (!chain.data) return <p className="loading">Laden…</p>;
  const c = chain.data;
  return (
    <div className="screen chain-screen">
      <nav aria-label="Kruimelpad" className="breadcrumb">
        <a href={href.chain()}>Keten en knelpunten</a> <span aria-hidden="true">›</span>{' '}
        {c.scope.standardId ? <a href={href.standard(c.scope.standardId)}>{c.scope.title}</a> : c.scope.pilotId ? <a href={href.pilot(c.scope.pilotId)}>{c.scope.title}</a> : <span>{c.scope.title}</span>}
      </nav>
      <header className="screen-head">
        <div>
          <h1>Keten: {c.scope.title}</h1>
          <p className="muted small" title={EXPLAINER}>
            Verticaal harmoniseren — aanbeveling → randvoorwaarde → niveau → status, eigenaar en bewijs. <abbr title={EXPLAINER}>Wat is dit?</abbr>
          </p>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={() => void call('chains.exportDocx', scope).then(downloadBase64, failed)}>
            Exporteren (Word)
          </button>
          <button type="button" className="button" onClick={() => void call('chains.exportCsv', scope).then(downloadText, failed)}>
            Exporteren (CSV)
          </button>
        </div>
      </header>
      <StatusMessage message={message} />
      <AddRecommendation scope={c.scope} onAdded={chain.reload} notify={setMessage} />
      {c.recommendations.length === 0 ? (
        <p className="muted">Nog geen aanbevelingen in deze keten. Kies een aanbeveling uit de tekst of typ er een.</p>
      ) : (
        <ChainTable recommendations={c.recommendations} showStandard={c.scope.standardId === null} defaultStandardId={c.scope.standardId} onChanged={chain.reload} notify={setMessage} />
      )}
      <BottleneckView overview={c.overview} showStandard={c.scope.standardId === null} />
    </div>
  );
}

function ProgrammeOverview() {
  const catalogue = useCatalogue();
  const overview = useLoad(() => call('chains.overview', {}), []);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const failed = (e: unknown) => setMessage({ kind: 'error', text: (e as Error).message });
  const withChains = [...new Map((overview.data?.perLevel ?? []).flatMap((p) => p.links).filter((l) => l.standardId).map((l) => [l.standardId as string, l.standardTitle ?? ''])).entries()];
  return (
    <div className="screen chain-screen">
      <header className="screen-head">
        <div>
          <h1>Keten en knelpunten</h1>
          <p className="muted">{EXPLAINER}</p>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={() => void call('chains.exportDocx', {}).then(downloadBase64, failed)}>
            Exporteren (Word)
          </button>
          <button type="button" className="button" onClick={() => void call('chains.exportCsv', {}).then(downloadText, failed)}>
            Exporteren (CSV)
          </button>
        </div>
      </header>
      <StatusMessage message={message} />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          Keten van een standaard openen
          <select value="" onChange={(e) => e.target.value && navigate(href.chain({ standardId: e.target.value }))}>
            <option value="">Kies een standaard…</option>
            {[...catalogue.standards].sort((a, b) => a.title.localeCompare(b.title, 'nl')).map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      </form>
      {withChains.length > 0 && (
        <p className="small">
          Standaarden met knelpunten:{' '}
          {withChains.map(([id, title], k) => (
            <span key={id}>
              {k > 0 ? ', ' : ''}
              <a href={href.chain({ standardId: id })}>{title}</a>
            </span>
          ))}
        </p>
      )}
      <ErrorText error={overview.error} />
      {overview.data && <BottleneckView overview={overview.data} showStandard />}
    </div>
  );
}

/** #/keten?standaard=<id> or ?pilot=<id>: one chain; #/keten: the knelpunten of the whole programme. */
export function ChainScreen({ params }: { params: URLSearchParams }) {
  const standardId = params.get('standaard');
  const pilot = params.get('pilot');
  const pilotId = pilot && /^\d+$/.test(pilot) ? Number(pilot) : null;
  if (!standardId && !pilotId) return <ProgrammeOverview />;
  return <ScopedChain standardId={standardId} pilotId={pilotId} key={`${standardId}-${pilotId}`} />;
}
