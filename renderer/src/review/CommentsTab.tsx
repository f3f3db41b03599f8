import { useMemo, useState } from 'react';
import {
  COMMENT_TYPE_LABEL,
  COMMENT_TYPES,
  DISPOSITION_LABEL,
  DISPOSITIONS,
  DISPOSITIONS_NEEDING_MOTIVATION,
  type CommentType,
  type Disposition,
  type ReviewComment,
  type ReviewRound,
} from '../../../common/review';
import type { Section } from '../../../common/document';
import { call } from '../api-client';
import { ErrorText } from '../components/StatusMessage';
import { formatDateTime } from '../format';
import { href } from '../router';
import { useLoad } from '../use-api';
import { CommentForm } from './CommentForm';
import type { Notify } from './RoundScreen';

const sectionTitle = (s: Section) => (s.number && s.number !== s.heading ? `${s.number} ${s.heading}` : s.heading);

/** The working group's answer: reactie, besluit (with motivering where owed), wijziging and where it went. */
function AnswerForm({ comment, round, nextSections, onDone, onCancel }: { comment: ReviewComment; round: ReviewRound; nextSections: Section[] | null; onDone: () => void; onCancel: () => void }) {
  const r = comment.response;
  const [response, setResponse] = useState(r?.response ?? '');
  const [disposition, setDisposition] = useState<Disposition | ''>(r?.disposition ?? '');
  const [motivation, setMotivation] = useState(r?.motivation ?? '');
  const [change, setChange] = useState(r?.change ?? '');
  const [changeSection, setChangeSection] = useState(r?.changeSectionId ? String(r.changeSectionId) : '');
  const [error, setError] = useState<string | null>(null);
  const needsMotivation = disposition !== '' && DISPOSITIONS_NEEDING_MOTIVATION.includes(disposition);
  const id = `antwoord-${comment.id}`;

  const save = async () => {
    setError(null);
    try {
      if (disposition === '') throw new Error('Kies een besluit: overgenomen, deels overgenomen, niet overgenomen of voor kennisgeving aangenomen.');
      await call('reviewComments.answer', {
        commentId: comment.id,
        response,
        disposition,
        motivation,
        change,
        ...(changeSection ? { changeSectionId: Number(changeSection) } : {}),
      });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form
      className="answer-form"
      aria-label={`Antwoord op commentaar ${comment.nr}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        Reactie werkgroep
        <textarea id={`${id}-reactie`} value={response} onChange={(e) => setResponse(e.target.value)} rows={3} required />
      </label>
      <fieldset className="field disposition-choice">
        <legend>Besluit</legend>
        {DISPOSITIONS.map((d) => (
          <label key={d} className="checkbox">
            <input type="radio" name={`${id}-besluit`} value={d} checked={disposition === d} onChange={() => setDisposition(d)} />
            {DISPOSITION_LABEL[d]}
          </label>
        ))}
      </fieldset>
      <label className="field">
        Motivering{needsMotivation ? ' (verplicht)' : ' (optioneel)'}
        <textarea value={motivation} onChange={(e) => setMotivation(e.target.value)} rows={2} required={needsMotivation} />
      </label>
      <div className="form-grid">
        <label className="field">
          Wijziging in de tekst (optioneel)
          <textarea value={change} onChange={(e) => setChange(e.target.value)} rows={2} />
        </label>
        <label className="field">
          Gewijzigde passage{round.nextVersionLabel ? ` in ${round.nextVersionLabel}` : ''}
          {nextSections ? (
            <select value={changeSection} onChange={(e) => setChangeSection(e.target.value)}>
              <option value="">geen koppeling</option>
              {nextSections.map((s) => (
                <option key={s.id} value={s.id}>
                  {sectionTitle(s)}
                </option>
              ))}
            </select>
          ) : (
            <span className="hint">Kies eerst de volgende versie onder “Organisaties en termijn” om de wijziging aan een passage te koppelen.</span>
          )}
        </label>
      </div>
      <ErrorText error={error} />
      <div className="actions">
        <button type="button" className="button small" onClick={onCancel}>
          Annuleren
        </button>
        <button type="submit" className="button small primary">
          Antwoord opslaan
        </button>
      </div>
    </form>
  );
}

function CommentCard({ comment, round, nextSections, onChanged, notify }: { comment: ReviewComment; round: ReviewRound; nextSections: Section[] | null; onChanged: () => void; notify: Notify }) {
  const [answering, setAnswering] = useState(false);
  const r = comment.response;
  const passageLink = comment.sectionId !== null && round.versionId !== null ? href.version(round.standardId, round.versionId, comment.sectionId) : null;
  const run = async (action: () => Promise<unknown>, text: string) => {
    try {
      await action();
      notify({ kind: 'ok', text });
      onChanged();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };

  return (
    <li id={`commentaar-${comment.nr}`} className={`comment-card${r ? ' answered' : ' unanswered'}`} data-testid="comment-card">
      <div className="comment-head">
        <span className="comment-nr">{comment.nr}</span>
        <strong>{comment.organisation}</strong>
        <span className={`badge comment-type-${comment.type}`}>{COMMENT_TYPE_LABEL[comment.type]}</span>
        {comment.author && <span className="muted small">{comment.author}</span>}
        {comment.source === 'import' && <span className="muted small">ingelezen{comment.sourceRow ? ` (rij ${comment.sourceRow})` : ''}</span>}
        <span className="spacer" />
        {r ? <span className={`badge disposition-${r.disposition}`}>{DISPOSITION_LABEL[r.disposition]}</span> : <span className="badge badge-unanswered">Onbeantwoord</span>}
      </div>
      <p className="comment-passage">
        {passageLink ? <a href={passageLink}>{comment.passage}</a> : <span>{comment.passage}</span>}
      </p>
      <p className="comment-body">{comment.body}</p>
      {r && !answering && (
        <div className="comment-response">
          <p>
            <strong>Reactie werkgroep:</strong> {r.response}
          </p>
          {r.motivation && (
            <p>
              <strong>Motivering:</strong> {r.motivation}
            </p>
          )}
          {(r.change || r.changeSectionId !== null) && (
            <p>
              <strong>Wijziging:</strong> {r.change}
              {r.changeSectionId !== null && r.changeVersionId !== null && (
                <>
                  {' '}
                  (<a href={href.version(round.standardId, r.changeVersionId, r.changeSectionId)}>
                    {[r.changeSectionNumber, r.changeSectionHeading].filter((v, k, all) => v && all.indexOf(v) === k).join(' ')} in {r.changeVersionLabel}
                  </a>
                  )
                </>
              )}
            </p>
          )}
          <p className="muted small">
            Beantwoord door {r.answeredBy}, {formatDateTime(r.answeredAt)}
          </p>
        </div>
      )}
      {answering ? (
        <AnswerForm
          comment={comment}
          round={round}
          nextSections={nextSections}
          onCancel={() => setAnswering(false)}
          onDone={() => {
            setAnswering(false);
            notify({ kind: 'ok', text: `Commentaar ${comment.nr} beantwoord.` });
            onChanged();
          }}
        />
      ) : (
        <div className="actions item-actions">
          <button type="button" className={`button small${r ? '' : ' primary'}`} onClick={() => setAnswering(true)}>
            {r ? 'Antwoord wijzigen' : `Beantwoorden`}
            <span className="visually-hidden"> (commentaar {comment.nr})</span>
          </button>
          {r && (
            <button type="button" className="button small" onClick={() => void run(() => call('reviewComments.clearAnswer', { commentId: comment.id }), `Antwoord op commentaar ${comment.nr} ingetrokken.`)}>
              Antwoord intrekken
            </button>
          )}
          <button
            type="button"
            className="button small danger"
            onClick={() => window.confirm(`Commentaar ${comment.nr} van ${comment.organisation} verwijderen?`) && void run(() => call('reviewComments.delete', { commentId: comment.id }), `Commentaar ${comment.nr} verwijderd.`)}
          >
            Verwijderen
          </button>
        </div>
      )}
    </li>
  );
}

/** The comment list with filters; each comment is answered in place. */
export function CommentsTab({
  round,
  version,
  onlyUnanswered,
  setOnlyUnanswered,
  onChanged,
  notify,
}: {
  round: ReviewRound;
  version: number;
  onlyUnanswered: boolean;
  setOnlyUnanswered: (v: boolean) => void;
  onChanged: () => void;
  notify: Notify;
}) {
  const list = useLoad(() => call('reviewComments.list', { roundId: round.id }), [round.id, version]);
  const next = useLoad(() => (round.nextVersionId ? call('versions.get', { versionId: round.nextVersionId }).then((v) => v.sections) : Promise.resolve(null)), [round.nextVersionId]);
  const [organisation, setOrganisation] = useState('');
  const [type, setType] = useState<CommentType | ''>('');
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [adding, setAdding] = useState(false);

  const shown = useMemo(
    () =>
      (list.data?.comments ?? []).filter(
        (c) =>
          (!organisation || String(c.invitationId) === organisation) &&
          (!type || c.type === type) &&
          (!disposition || c.response?.disposition === disposition) &&
          (!onlyUnanswered || c.response === null),
      ),
    [list.data, organisation, type, disposition, onlyUnanswered],
  );

  return (
    <section aria-label="Commentaren">
      <div className="toolbar review-filters">
        <label className="inline-field">
          Organisatie
          <select value={organisation} onChange={(e) => setOrganisation(e.target.value)}>
            <option value="">alle</option>
            {round.invitations
              .filter((i) => i.commentCount > 0)
              .map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name} ({i.commentCount})
                </option>
              ))}
          </select>
        </label>
        <label className="inline-field">
          Type
          <select value={type} onChange={(e) => setType(e.target.value as CommentType | '')}>
            <option value="">alle</option>
            {COMMENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {COMMENT_TYPE_LABEL[t]} ({round.counts.byType[t]})
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Besluit
          <select value={disposition} onChange={(e) => setDisposition(e.target.value as Disposition | '')}>
            <option value="">alle</option>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {DISPOSITION_LABEL[d]} ({round.counts.byDisposition[d]})
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={onlyUnanswered} onChange={(e) => setOnlyUnanswered(e.target.checked)} />
          Alleen onbeantwoord ({round.counts.unanswered})
        </label>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => setAdding(true)} disabled={round.status !== 'open'} title={round.status !== 'open' ? 'De ronde is niet open voor commentaar.' : undefined}>
          Commentaar toevoegen
        </button>
      </div>
      <p className="hint">Commentaar op een passage: selecteer de tekst onder “Concepttekst”. Hier voeg je commentaar toe met een verwijzing naar hoofdstuk of regel.</p>
      <ErrorText error={list.error} />
      {list.data && list.data.comments.length === 0 && <p className="muted">Nog geen commentaar. Voeg commentaar toe, selecteer een passage in de concepttekst, of lees een commentaartabel in.</p>}
      {list.data && list.data.comments.length > 0 && shown.length === 0 && <p className="muted">Geen commentaren met deze filters.</p>}
      <ol className="comment-list" aria-label={`${shown.length} commentaren`}>
        {shown.map((c) => (
          <CommentCard key={c.id} comment={c} round={round} nextSections={next.data ?? null} onChanged={onChanged} notify={notify} />
        ))}
      </ol>
      {adding && (
        <CommentForm
          round={round}
          target={null}
          onClose={() => setAdding(false)}
          onSaved={(nr) => {
            notify({ kind: 'ok', text: `Commentaar ${nr} opgeslagen.` });
            onChanged();
          }}
        />
      )}
    </section>
  );
}
