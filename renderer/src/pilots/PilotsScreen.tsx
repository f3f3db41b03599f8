import { useState } from 'react';
import { PILOT_KINDS, PILOT_KIND_LABEL, PILOT_ORIGINS, PILOT_ORIGIN_LABEL, PILOT_PHASE_LABEL, type PilotKind, type PilotOrigin } from '../../../common/pilots';
import { ApiCallError, call } from '../api-client';
import { ErrorText } from '../components/StatusMessage';
import { formatDateTime } from '../format';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { ProgressText } from './PilotBits';

/** "Harmonisatie": every pilot with its phase and how far the alignment is. */
export function PilotsScreen() {
  const pilots = useLoad(() => call('pilots.list'), []);
  const [title, setTitle] = useState('');
  const [topic, setTopic] = useState('');
  const [kinds, setKinds] = useState<PilotKind[]>(['horizontaal']);
  const [origin, setOrigin] = useState<PilotOrigin>('signalering');
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  const create = async () => {
    try {
      const pilot = await call('pilots.create', { title, topic, kinds, origin });
      navigate(href.pilot(pilot.id));
    } catch (e) {
      setError({ message: (e as Error).message, fields: e instanceof ApiCallError ? e.fields : {} });
    }
  };

  return (
    <div className="screen">
      <h1>Harmonisatie</h1>
      <p className="muted">Pilots die standaarden over één onderwerp op elkaar afstemmen: uitlijnen per thema, verschillen duiden en besluiten.</p>
      {pilots.error && <ErrorText error={pilots.error} />}
      {pilots.data && pilots.data.length === 0 && <p className="muted">Nog geen pilots. Begin hieronder met een voorstel.</p>}
      {pilots.data && pilots.data.length > 0 && (
        <table className="simple-table pilots-table">
          <thead>
            <tr>
              <th scope="col">Pilot</th>
              <th scope="col">Soort</th>
              <th scope="col">Fase</th>
              <th scope="col">Standaarden</th>
              <th scope="col">Voortgang</th>
              <th scope="col">Laatst gewijzigd</th>
            </tr>
          </thead>
          <tbody>
            {pilots.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={href.pilot(p.id)}>{p.title}</a>
                  {p.topic && <div className="muted small">{p.topic}</div>}
                </td>
                <td>{p.kinds.map((k) => PILOT_KIND_LABEL[k]).join(', ')}</td>
                <td>
                  <span className={`badge phase-${p.phase}`}>{PILOT_PHASE_LABEL[p.phase]}</span>
                </td>
                <td>{p.versionCount}</td>
                <td>
                  <ProgressText progress={p.progress} />
                </td>
                <td>{formatDateTime(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="panel-section" aria-labelledby="nieuwe-pilot">
        <h2 id="nieuwe-pilot">Nieuwe pilot</h2>
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label className="field">
            Titel
            <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="bijv. ADHD: richtlijnen op één lijn" aria-invalid={error?.fields.title ? true : undefined} />
            {error?.fields.title && <span className="field-error">{error.fields.title}</span>}
          </label>
          <label className="field">
            Onderwerp
            <input value={topic} onChange={(e) => setTopic(e.target.value)} placeholder="bijv. ADHD" />
          </label>
          <fieldset className="field">
            <legend>Soort</legend>
            <div className="checks">
              {PILOT_KINDS.map((k) => (
                <label key={k}>
                  <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} /> {PILOT_KIND_LABEL[k]}
                </label>
              ))}
            </div>
            {error?.fields.kinds && <span className="field-error">{error.fields.kinds}</span>}
          </fieldset>
          <label className="field">
            Herkomst
            <select value={origin} onChange={(e) => setOrigin(e.target.value as PilotOrigin)}>
              {PILOT_ORIGINS.map((o) => (
                <option key={o} value={o}>
                  {PILOT_ORIGIN_LABEL[o]}
                </option>
              ))}
            </select>
          </label>
          <div className="field full">
            <button type="submit" className="button primary">
              Pilot aanmaken
            </button>
          </div>
        </form>
        <ErrorText error={error?.message} />
      </section>
    </div>
  );
}
