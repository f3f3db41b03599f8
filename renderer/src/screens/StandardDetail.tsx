import { useEffect, useRef, useState } from 'react';
import type { Standard } from '../../../common/catalogue';
import { call, openExternal } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { ConfidenceBadge, StatusBadge } from '../components/Badges';
import { VersionsPanel } from '../components/VersionsPanel';
import { AUDIT_ACTION_LABEL, formatDateTime } from '../format';
import { href } from '../router';
import { useLoad } from '../use-api';
import { ErrorText } from '../components/StatusMessage';

const FIELD_NAMES: Record<string, string> = {
  title: 'titel',
  shortTitle: 'korte titel',
  type: 'type',
  status: 'status',
  ownerText: 'eigenaar (tekst)',
  owners: 'organisaties',
  subsectors: 'subsectoren',
  topic: 'onderwerp',
  targetUsers: 'doelgroep',
  knowledgeBasis: 'kennisbasis',
  yearPublished: 'jaar van publicatie',
  yearRevised: 'jaar van herziening',
  url: 'webadres',
  confidence: 'betrouwbaarheid',
  notes: 'notities',
};

function RetireDialog({ standard, onDone, onClose }: { standard: Standard; onDone: () => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async () => {
    try {
      await call('standards.retire', { id: standard.id, reason });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="retire-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="retire-title">Standaard terugtrekken</h2>
        <p>
          <strong>{standard.title}</strong> verdwijnt uit de lijst, maar blijft bewaard met zijn geschiedenis. Je kunt hem later terugzetten.
        </p>
        <label className="field">
          Reden (verplicht)
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required minLength={3} autoFocus aria-invalid={error ? true : undefined} aria-describedby={error ? 'retire-error' : undefined} />
        </label>
        {error && (
          <p id="retire-error" className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Annuleren
          </button>
          <button type="submit" className="button danger">
            Terugtrekken
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function StandardDetail({ id }: { id: string }) {
  const catalogue = useCatalogue();
  const { data, error, reload } = useLoad(async () => ({ standard: await call('standards.get', { id }), audit: await call('audit.list', { entity: 'standard', entityId: id, limit: 50 }) }), [id]);
  const [retiring, setRetiring] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (data) {
      document.title = `${data.standard.shortTitle ?? data.standard.title} · Richtsnoer`;
      headingRef.current?.focus();
    }
  }, [data]);

  if (error) {
    return (
      <div className="screen">
        <h1>Standaard niet gevonden</h1>
        <p className="error" role="alert">
          {error}
        </p>
        <a href={href.catalogue()}>Terug naar de catalogus</a>
      </div>
    );
  }
  if (!data) return <p className="loading">Laden…</p>;
  const s = data.standard;
  const afterChange = async () => {
    setRetiring(false);
    await catalogue.reload();
    reload();
  };
  const restore = async () => {
    try {
      await call('standards.restore', { id: s.id });
      await afterChange();
    } catch (e) {
      setActionError((e as Error).message);
    }
  };

  const field = (label: string, value: React.ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === '' ? <span className="muted">onbekend</span> : value}</dd>
    </>
  );

  return (
    <article className="screen detail">
      <nav aria-label="Kruimelpad" className="breadcrumb">
        <a href={href.catalogue()}>Kwaliteitsstandaarden</a> <span aria-hidden="true">›</span> <span>{s.shortTitle ?? s.title}</span>
      </nav>
      <header className="screen-head">
        <div>
          <h1 tabIndex={-1} ref={headingRef}>
            {s.title}
          </h1>
          <p className="badges">
            <span className="badge">{catalogue.label('type', s.type)}</span>
            <StatusBadge status={s.status} retired={s.retired} />
            <ConfidenceBadge confidence={s.confidence} />
            {s.catalogueId && <span className="muted small">Catalogusnummer {s.catalogueId}</span>}
          </p>
        </div>
        <div className="actions">
          <a className="button primary" href={href.edit(s.id)}>
            Bewerken
          </a>
          {s.retired ? (
            <button type="button" className="button" onClick={() => void restore()}>
              Terugzetten
            </button>
          ) : (
            <button type="button" className="button danger" onClick={() => setRetiring(true)}>
              Terugtrekken
            </button>
          )}
        </div>
      </header>
      <ErrorText error={actionError} />
      {s.retired && (
        <p className="notice" role="status">
          Teruggetrokken op {s.retiredAt ? formatDateTime(s.retiredAt) : '?'}: {s.retiredReason}
        </p>
      )}
      {s.confidence === 'plausible' && (
        <p className="notice">Dit record is aannemelijk maar nog niet in een openbare bron gezien. Controleer de gegevens voordat je ze citeert.</p>
      )}
      <VersionsPanel standardId={s.id} />
      <p className="small review-links">
        <a href={href.chain({ standardId: s.id })} title="Verticaal harmoniseren: randvoorwaarden van de aanbevelingen, van praktijk tot inkoop">
          Keten en knelpunten
        </a>{' '}
        · <a href={href.rounds(new URLSearchParams([['standaard', s.id]]))}>Commentaarronde starten</a>
      </p>
      <section aria-labelledby="gegevens">
        <h2 id="gegevens">Gegevens</h2>
        <dl className="fields">
          {field('Korte titel', s.shortTitle)}
          {field('Onderwerp', s.topic)}
          {field('Subsectoren', s.subsectors.map((v) => catalogue.label('subsector', v)).join(', '))}
          {field('Doelgroep (gebruikers)', s.targetUsers)}
          {field('Jaar van publicatie', s.yearPublished)}
          {field('Jaar van herziening', s.yearRevised)}
          {field('Kennisbasis', s.knowledgeBasis.map((v) => catalogue.label('knowledge_basis', v)).join(', '))}
          {field(
            'Webadres',
            s.url && (
              <a
                href={s.url}
                onClick={(e) => {
                  e.preventDefault();
                  openExternal(s.url ?? '');
                }}
              >
                {s.url}
              </a>
            ),
          )}
          {field('Eigenaar volgens bron', s.ownerText)}
          {field('Bron van dit record', s.source)}
          {field('Notities', s.notes)}
        </dl>
      </section>
      <section aria-labelledby="organisaties">
        <h2 id="organisaties">Organisaties</h2>
        {s.owners.length === 0 ? (
          <p className="muted">Geen organisaties herkend.</p>
        ) : (
          <table className="simple-table">
            <thead>
              <tr>
                <th scope="col">Organisatie</th>
                <th scope="col">Afkorting</th>
                <th scope="col">Rol</th>
              </tr>
            </thead>
            <tbody>
              {s.owners.map((o) => (
                <tr key={`${o.organisationId}-${o.role}`}>
                  <td>
                    <a href={href.catalogue(new URLSearchParams([['owner', o.organisationId]]))}>{o.name}</a>
                  </td>
                  <td>{o.abbreviation ?? '—'}</td>
                  <td>{catalogue.label('role', o.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="geschiedenis">
        <h2 id="geschiedenis">Geschiedenis</h2>
        <ol className="audit">
          {data.audit.map((entry) => (
            <li key={entry.id}>
              <span className="audit-when">{formatDateTime(entry.at)}</span> · <strong>{AUDIT_ACTION_LABEL[entry.action] ?? entry.action}</strong> door {entry.actor}
              {entry.action === 'gewijzigd' && <span className="muted"> ({Object.keys(entry.details).map((k) => FIELD_NAMES[k] ?? k).join(', ')})</span>}
              {entry.action === 'teruggetrokken' && typeof entry.details.reden === 'string' && <span className="muted"> — {entry.details.reden}</span>}
            </li>
          ))}
          <li>
            <span className="audit-when">{formatDateTime(s.createdAt)}</span> · Opgenomen in de catalogus ({s.source})
          </li>
        </ol>
      </section>
      {retiring && <RetireDialog standard={s} onDone={() => void afterChange()} onClose={() => setRetiring(false)} />}
    </article>
  );
}
