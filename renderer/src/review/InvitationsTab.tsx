import { useState } from 'react';
import { INVITATION_STATUS_LABEL, INVITATION_STATUSES, ROUND_STATUS_LABEL, ROUND_STATUSES, type InvitationStatus, type ReviewRound, type RoundStatus } from '../../../common/review';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { ErrorText } from '../components/StatusMessage';
import { formatDateTime } from '../format';
import { useLoad } from '../use-api';
import type { Notify } from './RoundScreen';

/** Status, dates and the versions the round compares with and changes into. */
function RoundSettings({ round, onChanged, notify }: { round: ReviewRound; onChanged: () => void; notify: Notify }) {
  const versions = useLoad(() => call('versions.list', { standardId: round.standardId }), [round.standardId]);
  const pilots = useLoad(() => call('pilots.list', {}), []);
  const [pilotId, setPilotId] = useState(round.pilotId ? String(round.pilotId) : '');
  const [status, setStatus] = useState<RoundStatus>(round.status);
  const [opensOn, setOpensOn] = useState(round.opensOn ?? '');
  const [deadline, setDeadline] = useState(round.deadline ?? '');
  const [previous, setPrevious] = useState(round.previousVersionId ? String(round.previousVersionId) : '');
  const [next, setNext] = useState(round.nextVersionId ? String(round.nextVersionId) : '');
  const [description, setDescription] = useState(round.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const others = (versions.data ?? []).filter((v) => v.id !== round.versionId);

  const save = async () => {
    setError(null);
    try {
      await call('reviewRounds.update', {
        roundId: round.id,
        status,
        opensOn: opensOn || null,
        deadline: deadline || null,
        previousVersionId: previous ? Number(previous) : null,
        nextVersionId: next ? Number(next) : null,
        pilotId: pilotId ? Number(pilotId) : null,
        description,
      });
      notify({ kind: 'ok', text: status === 'gesloten' && round.status !== 'gesloten' ? 'Ronde gesloten; organisaties zonder reactie staan nu op “geen reactie”.' : 'Ronde bijgewerkt.' });
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form
      className="panel round-settings"
      aria-labelledby="ronde-instellingen"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="ronde-instellingen">Ronde</h2>
      <div className="form-grid">
        <label className="field">
          Status van de ronde
          <select value={status} onChange={(e) => setStatus(e.target.value as RoundStatus)}>
            {ROUND_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ROUND_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <div className="form-grid">
          <label className="field">
            Start
            <input type="date" value={opensOn} onChange={(e) => setOpensOn(e.target.value)} />
          </label>
          <label className="field">
            Reactietermijn tot
            <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          </label>
        </div>
        <label className="field">
          Vergelijken met (vorige versie)
          <select value={previous} onChange={(e) => setPrevious(e.target.value)}>
            <option value="">geen</option>
            {others.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Wijzigingen komen in (volgende versie)
          <select value={next} onChange={(e) => setNext(e.target.value)}>
            <option value="">nog niet bekend</option>
            {others.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        Hoort bij pilot (de ronde komt dan in het rapport van de pilot)
        <select value={pilotId} onChange={(e) => setPilotId(e.target.value)}>
          <option value="">geen</option>
          {(pilots.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Toelichting bij de ronde
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
      </label>
      <p className="hint">Bij het sluiten krijgen organisaties die niet reageerden de status “geen reactie”. Beantwoorden kan ook na het sluiten.</p>
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit" className="button primary">
          Ronde opslaan
        </button>
      </div>
    </form>
  );
}

/** The organisations invited to comment, their status, and inviting more. */
export function InvitationsTab({ round, onChanged, notify }: { round: ReviewRound; onChanged: () => void; notify: Notify }) {
  const catalogue = useCatalogue();
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const invited = new Set(round.invitations.map((i) => i.organisationId));
  const candidates = catalogue.organisations.filter((o) => !invited.has(o.id)).sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  const run = async (action: () => Promise<unknown>, text: string) => {
    setError(null);
    try {
      await action();
      notify({ kind: 'ok', text });
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-label="Organisaties">
      <table className="simple-table" data-testid="invitations">
        <thead>
          <tr>
            <th scope="col">Organisatie</th>
            <th scope="col">Status</th>
            <th scope="col">Contactpersoon</th>
            <th scope="col">Commentaren</th>
            <th scope="col">Beantwoord</th>
            <th scope="col">Gereageerd op</th>
            <th scope="col">
              <span className="visually-hidden">Acties</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {round.invitations.map((i) => (
            <tr key={i.id}>
              <td>{i.name}</td>
              <td>
                <select
                  aria-label={`Status van ${i.name}`}
                  value={i.status}
                  className={`invitation-${i.status}`}
                  onChange={(e) => void run(() => call('reviewRounds.updateInvitation', { invitationId: i.id, status: e.target.value as InvitationStatus }), `Status van ${i.name} aangepast.`)}
                >
                  {INVITATION_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {INVITATION_STATUS_LABEL[s]}
                    </option>
                  ))}
                </select>
                {i.overdue && <span className="link-warning"> termijn verstreken</span>}
              </td>
              <td>
                <input
                  aria-label={`Contactpersoon van ${i.name}`}
                  defaultValue={i.contact ?? ''}
                  onBlur={(e) => e.target.value !== (i.contact ?? '') && void run(() => call('reviewRounds.updateInvitation', { invitationId: i.id, contact: e.target.value }), `Contactpersoon van ${i.name} opgeslagen.`)}
                />
              </td>
              <td>{i.commentCount}</td>
              <td>
                {i.answeredCount} van {i.commentCount}
              </td>
              <td>{i.respondedAt ? formatDateTime(i.respondedAt) : '—'}</td>
              <td>
                {i.commentCount === 0 && (
                  <button type="button" className="link-button" onClick={() => void run(() => call('reviewRounds.removeInvitation', { invitationId: i.id }), `${i.name} van de ronde gehaald.`)}>
                    Verwijderen<span className="visually-hidden"> ({i.name})</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-form invite-form"
        onSubmit={(e) => {
          e.preventDefault();
          const args = choice === 'nieuw' ? { roundId: round.id, name } : { roundId: round.id, organisationId: choice };
          void run(() => call('reviewRounds.invite', args), 'Organisatie uitgenodigd.').then(() => {
            setChoice('');
            setName('');
          });
        }}
      >
        <label className="field">
          Organisatie uitnodigen
          <select value={choice} onChange={(e) => setChoice(e.target.value)} required>
            <option value="">Kies…</option>
            {candidates.map((o) => (
              <option key={o.id} value={o.id}>
                {o.abbreviation ? `${o.abbreviation} – ${o.name}` : o.name}
              </option>
            ))}
            <option value="nieuw">Andere organisatie (naam typen)…</option>
          </select>
        </label>
        {choice === 'nieuw' && (
          <label className="field">
            Naam
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
        )}
        <button type="submit" className="button">
          Uitnodigen
        </button>
      </form>
      <ErrorText error={error} />
      <RoundSettings round={round} onChanged={onChanged} notify={notify} key={round.updatedAt} />
    </section>
  );
}
