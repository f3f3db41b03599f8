import { useState } from 'react';
import { PILOT_KIND_LABEL, PILOT_PHASE_LABEL } from '../../../common/pilots';
import { call } from '../api-client';
import { StatusMessage } from '../components/StatusMessage';
import { href } from '../router';
import { useLoad } from '../use-api';
import { AlignmentTab } from './AlignmentTab';
import { ProgressText } from './PilotBits';
import { PilotOverview } from './PilotOverview';
import { ReportTab } from '../reports/ReportTab';

const TABS = [
  { id: 'overzicht', label: 'Overzicht' },
  { id: 'uitlijning', label: 'Uitlijning' },
  { id: 'rapport', label: 'Rapport' },
];

export type Notify = (message: { kind: 'ok' | 'error'; text: string } | null) => void;

/** One pilot: its overview (phase, agreements, members, versions, evaluation) and the alignment grid. */
export function PilotScreen({ id, tab, params }: { id: number; tab: string; params: URLSearchParams }) {
  const pilot = useLoad(() => call('pilots.get', { pilotId: id }), [id]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  if (pilot.error) return <p className="error" role="alert">{pilot.error}</p>;
  if (!pilot.data) return <p className="loading">Laden…</p>;
  const p = pilot.data;

  return (
    <div className={`screen pilot-screen ${tab === 'uitlijning' || tab === 'rapport' ? 'wide-screen' : ''}`}>
      <nav aria-label="Kruimelpad" className="breadcrumb">
        <a href={href.pilots()}>Harmonisatie</a> <span aria-hidden="true">›</span> <span>{p.title}</span>
      </nav>
      <header className="screen-head">
        <div>
          <h1>{p.title}</h1>
          <p className="badges">
            <span className={`badge phase-${p.phase}`}>{PILOT_PHASE_LABEL[p.phase]}</span>
            {p.kinds.map((k) => (
              <span key={k} className="badge">
                {PILOT_KIND_LABEL[k]}
              </span>
            ))}
            {p.topic && <span className="muted small">Onderwerp: {p.topic}</span>}
            <span className="small">
              <ProgressText progress={p.progress} />
            </span>
          </p>
        </div>
        <div className="actions">
          <a className="button" href={href.chain({ pilotId: id })}>
            Keten en knelpunten
          </a>
        </div>
      </header>
      <StatusMessage message={message} />
      <nav className="tabs" aria-label="Onderdelen van de pilot">
        {TABS.map((t) => (
          <a key={t.id} href={href.pilot(id, t.id)} aria-current={tab === t.id ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'overzicht' && <PilotOverview pilot={p} onChanged={pilot.reload} notify={setMessage} />}
      {tab === 'uitlijning' && <AlignmentTab pilot={p} params={params} notify={setMessage} onChanged={pilot.reload} />}
      {tab === 'rapport' && <ReportTab pilot={p} />}
    </div>
  );
}
