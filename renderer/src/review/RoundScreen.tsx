import { useEffect, useState } from 'react';
import { DISPOSITION_LABEL, DISPOSITIONS, ROUND_STATUS_LABEL, type ReviewCounts } from '../../../common/review';
import { call } from '../api-client';
import { StatusMessage } from '../components/StatusMessage';
import { downloadBase64, downloadText } from '../files';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { CommentsTab } from './CommentsTab';
import { DraftTab } from './DraftTab';
import { ImportTab } from './ImportTab';
import { InvitationsTab } from './InvitationsTab';
import { deadlineText } from './review-format';

const TABS = [
  { id: 'commentaren', label: 'Commentaren' },
  { id: 'tekst', label: 'Concepttekst' },
  { id: 'organisaties', label: 'Organisaties en termijn' },
  { id: 'inlezen', label: 'Commentaartabel inlezen' },
];

export type Order = 'nummer' | 'passage' | 'organisatie';
export type Notify = (message: { kind: 'ok' | 'error'; text: string }) => void;

/** "12 commentaren · 9 beantwoord · 3 onbeantwoord · overgenomen 4 · …" */
function Counts({ counts, onShowUnanswered }: { counts: ReviewCounts; onShowUnanswered: () => void }) {
  return (
    <p className="review-counts" data-testid="review-counts">
      <span>
        <strong>{counts.total}</strong> {counts.total === 1 ? 'commentaar' : 'commentaren'}
      </span>
      <span>
        <strong>{counts.answered}</strong> beantwoord
      </span>
      <span className={counts.unanswered > 0 ? 'review-open' : undefined}>
        <strong>{counts.unanswered}</strong> onbeantwoord
        {counts.unanswered > 0 && (
          <>
            {' '}
            (
            <button type="button" className="link-button" onClick={onShowUnanswered}>
              nr. {counts.unansweredNumbers.slice(0, 12).join(', ')}
              {counts.unansweredNumbers.length > 12 ? ' …' : ''}
            </button>
            )
          </>
        )}
      </span>
      {DISPOSITIONS.map((d) => (
        <span key={d} className={`disposition-count disposition-${d}`}>
          {DISPOSITION_LABEL[d]} <strong>{counts.byDisposition[d]}</strong>
        </span>
      ))}
    </p>
  );
}

/** One review round: its comments, the draft text to comment on, the invited organisations, and the import. */
export function RoundScreen({ id, tab }: { id: number; tab: string }) {
  const round = useLoad(() => call('reviewRounds.get', { roundId: id }), [id]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [order, setOrder] = useState<Order>('nummer');
  const [onlyUnanswered, setOnlyUnanswered] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (round.data) document.title = `${round.data.title} · Richtsnoer`;
  }, [round.data]);

  if (round.error) {
    return (
      <div className="screen">
        <h1>Commentaarronde niet gevonden</h1>
        <p className="error" role="alert">
          {round.error}
        </p>
        <a href={href.rounds()}>Naar de commentaarrondes</a>
      </div>
    );
  }
  if (!round.data) return <p className="loading">Laden…</p>;
  const r = round.data;
  const changed = () => {
    round.reload();
    setVersion((v) => v + 1);
  };
  const failed = (e: unknown) => setMessage({ kind: 'error', text: (e as Error).message });

  return (
    <div className="screen review-screen">
      <nav aria-label="Kruimelpad" className="breadcrumb">
        <a href={href.rounds()}>Commentaarrondes</a> <span aria-hidden="true">›</span> <span>{r.title}</span>
      </nav>
      <header className="screen-head">
        <div>
          <h1>{r.title}</h1>
          <p className="badges">
            <span className={`badge round-status-${r.status}`}>{ROUND_STATUS_LABEL[r.status]}</span>
            <a href={href.standard(r.standardId)}>{r.standardTitle}</a>
            {r.pilotId !== null && <a href={href.pilot(r.pilotId)}>pilot</a>}
            <span className="muted small">
              Concept:{' '}
              {r.versionId ? <a href={href.version(r.standardId, r.versionId)}>{r.versionLabel}</a> : `${r.versionLabel} (verwijderd)`}
              {r.previousVersionLabel ? ` · vorige versie: ${r.previousVersionLabel}` : ''} · reactietermijn: {deadlineText(r.deadline, r.status)}
            </span>
          </p>
        </div>
        <div className="actions">
          {r.previousVersionId !== null && r.versionId !== null ? (
            <a className="button" href={href.compare(`v:${r.previousVersionId}`, `v:${r.versionId}`)}>
              Vergelijk met vorige versie
            </a>
          ) : (
            <span className="muted small">Geen vorige versie om mee te vergelijken</span>
          )}
        </div>
      </header>
      <Counts
        counts={r.counts}
        onShowUnanswered={() => {
          setOnlyUnanswered(true);
          navigate(href.round(id));
        }}
      />
      <div className="toolbar export-bar">
        <label className="inline-field">
          Commentaartabel ordenen op
          <select value={order} onChange={(e) => setOrder(e.target.value as Order)}>
            <option value="nummer">nummer</option>
            <option value="passage">plaats in de tekst</option>
            <option value="organisatie">organisatie</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => void call('reviewRounds.exportDocx', { roundId: id, order }).then(downloadBase64, failed)}>
          Commentaartabel (Word)
        </button>
        <button type="button" className="button" onClick={() => void call('reviewRounds.exportCsv', { roundId: id, order }).then(downloadText, failed)}>
          Commentaartabel (CSV)
        </button>
      </div>
      <StatusMessage message={message} />
      <nav className="tabs" aria-label="Onderdelen van de ronde">
        {TABS.map((t) => (
          <a key={t.id} href={href.round(id, t.id)} aria-current={tab === t.id ? 'page' : undefined}>
            {t.label}
            {t.id === 'commentaren' ? ` (${r.counts.total})` : ''}
            {t.id === 'organisaties' ? ` (${r.counts.invitations.gereageerd}/${r.invitations.length})` : ''}
          </a>
        ))}
      </nav>
      {tab === 'commentaren' && <CommentsTab round={r} version={version} onlyUnanswered={onlyUnanswered} setOnlyUnanswered={setOnlyUnanswered} onChanged={changed} notify={setMessage} />}
      {tab === 'tekst' && <DraftTab round={r} version={version} onChanged={changed} notify={setMessage} />}
      {tab === 'organisaties' && <InvitationsTab round={r} onChanged={changed} notify={setMessage} />}
      {tab === 'inlezen' && <ImportTab round={r} onImported={() => { changed(); navigate(href.round(id)); }} notify={setMessage} />}
    </div>
  );
}
