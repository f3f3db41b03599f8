import { useMemo, useState } from 'react';
import { ROUND_STATUS_LABEL } from '../../../common/review';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { ErrorText } from '../components/StatusMessage';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { deadlineText } from './review-format';

/** Organisation kinds that are usually invited to comment, in the order they are offered. */
const INVITED_KINDS = ['beroepsvereniging', 'samenwerkingsverband', 'clientorganisatie', 'brancheorganisatie', 'kennisinstituut', 'gemeenten'];

function NewRoundForm({ params }: { params: URLSearchParams }) {
  const catalogue = useCatalogue();
  const versions = useLoad(() => call('versions.all'), []);
  const [standardId, setStandardId] = useState(params.get('standaard') ?? '');
  const [versionId, setVersionId] = useState(params.get('versie') ?? '');
  const [title, setTitle] = useState('');
  const [deadline, setDeadline] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [others, setOthers] = useState('');
  const pilots = useLoad(() => call('pilots.list', {}), []);
  const [pilotId, setPilotId] = useState(params.get('pilot') ?? '');
  const [error, setError] = useState<string | null>(null);

  const standards = useMemo(() => {
    const seen = new Map<string, string>();
    for (const v of versions.data ?? []) seen.set(v.standardId, v.standardShortTitle ?? v.standardTitle);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], 'nl'));
  }, [versions.data]);
  const ofStandard = (versions.data ?? []).filter((v) => v.standardId === standardId);
  const draft = ofStandard.find((v) => String(v.id) === versionId) ?? ofStandard.find((v) => v.status === 'concept') ?? ofStandard[0];
  const organisations = catalogue.organisations.filter((o) => INVITED_KINDS.includes(o.kind)).sort((a, b) => INVITED_KINDS.indexOf(a.kind) - INVITED_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name, 'nl'));
  const suggestedTitle = draft ? `Commentaarronde ${draft.standardShortTitle ?? draft.standardTitle} – ${draft.label}` : '';

  const create = async () => {
    setError(null);
    try {
      if (!draft) throw new Error('Kies een standaard met een geïmporteerde conceptversie.');
      const names = others.split(/[,;\n]/).map((n) => n.trim()).filter(Boolean);
      const round = await call('reviewRounds.create', {
        title: title.trim() || suggestedTitle,
        versionId: draft.id,
        ...(deadline ? { deadline } : {}),
        ...(pilotId ? { pilotId: Number(pilotId) } : {}),
        organisations: [...chosen.map((organisationId) => ({ organisationId })), ...names.map((name) => ({ name }))],
      });
      navigate(href.round(round.id));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <details className="panel" open={params.has('standaard') || params.has('pilot') || undefined}>
      <summary>Nieuwe commentaarronde</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="form-grid">
          <label className="field">
            Standaard
            <select value={standardId} onChange={(e) => { setStandardId(e.target.value); setVersionId(''); }} required>
              <option value="">Kies een standaard met een tekst…</option>
              {standards.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Conceptversie
            <select value={draft ? String(draft.id) : ''} onChange={(e) => setVersionId(e.target.value)} disabled={ofStandard.length === 0}>
              {ofStandard.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label} ({v.status === 'concept' ? 'concept' : 'gepubliceerd'})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Titel
            <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={suggestedTitle || 'Commentaarronde …'} />
          </label>
          <label className="field">
            Reactietermijn tot
            <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          </label>
          <label className="field">
            Hoort bij pilot (optioneel)
            <select value={pilotId} onChange={(e) => setPilotId(e.target.value)}>
              <option value="">geen</option>
              {(pilots.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset className="field">
          <legend>Uitgenodigde organisaties</legend>
          <div className="checkbox-grid review-organisations">
            {organisations.map((o) => (
              <label key={o.id} className="checkbox">
                <input type="checkbox" checked={chosen.includes(o.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id))} />
                {o.abbreviation ?? o.name}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field">
          Andere organisaties (gescheiden door komma's)
          <input value={others} onChange={(e) => setOthers(e.target.value)} placeholder="bijv. Jongerenpanel Rijnmond, Ouderpanel ADHD" />
        </label>
        <p className="hint">De ronde vergelijkt het concept met de versie die ervoor is geïmporteerd. Organisaties die commentaar sturen zonder uitnodiging worden vanzelf toegevoegd.</p>
        <ErrorText error={error} />
        <div className="actions">
          <button type="submit" className="button primary">
            Ronde starten
          </button>
        </div>
      </form>
    </details>
  );
}

/** "Commentaarrondes": every review round on a draft, with its progress. */
export function RoundsScreen({ params }: { params: URLSearchParams }) {
  const rounds = useLoad(() => call('reviewRounds.list', {}), []);
  return (
    <div className="screen review-screen">
      <header className="screen-head">
        <div>
          <h1>Commentaarrondes</h1>
          <p className="muted">Concepten van standaarden voorleggen aan beroepsverenigingen en andere partijen, commentaar per passage verzamelen en beantwoorden.</p>
        </div>
        <div className="actions">
          <a className="button" href={href.chain()} title="Verticaal harmoniseren: randvoorwaarden van aanbevelingen van praktijk tot inkoop (niet te verwarren met verticaal leren)">
            Knelpunten in de keten
          </a>
        </div>
      </header>
      <NewRoundForm params={params} />
      <ErrorText error={rounds.error} />
      {rounds.data && rounds.data.length === 0 && <p className="muted">Nog geen commentaarrondes.</p>}
      {rounds.data && rounds.data.length > 0 && (
        <table className="simple-table" data-testid="review-rounds">
          <thead>
            <tr>
              <th scope="col">Ronde</th>
              <th scope="col">Standaard</th>
              <th scope="col">Concept</th>
              <th scope="col">Status</th>
              <th scope="col">Reactietermijn</th>
              <th scope="col">Gereageerd</th>
              <th scope="col">Commentaren</th>
              <th scope="col">Onbeantwoord</th>
            </tr>
          </thead>
          <tbody>
            {rounds.data.map((r) => {
              const invited = r.counts.invitations.uitgenodigd + r.counts.invitations.gereageerd + r.counts.invitations.geen_reactie;
              return (
                <tr key={r.id}>
                  <td>
                    <a href={href.round(r.id)}>{r.title}</a>
                  </td>
                  <td>
                    <a href={href.standard(r.standardId)}>{r.standardTitle}</a>
                  </td>
                  <td>{r.versionLabel}</td>
                  <td>
                    <span className={`badge round-status-${r.status}`}>{ROUND_STATUS_LABEL[r.status]}</span>
                  </td>
                  <td>{deadlineText(r.deadline, r.status)}</td>
                  <td>
                    {r.counts.invitations.gereageerd} van {invited}
                  </td>
                  <td>{r.counts.total}</td>
                  <td>{r.counts.unanswered > 0 ? <strong>{r.counts.unanswered}</strong> : 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
