import { useEffect, useRef, useState } from 'react';
import { COMMENT_TYPE_LABEL, COMMENT_TYPES, type CommentType, type ReviewRound } from '../../../common/review';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { ErrorText } from '../components/StatusMessage';

export interface CommentTarget {
  sectionId: number;
  start: number;
  end: number;
  quote: string;
  /** "§2.1 Medicatie", for the dialog's heading. */
  where: string;
}

/**
 * A new comment: from an invited organisation (or another, which is then invited as having
 * responded), on a selected passage of the draft or with a free "hoofdstuk/regel" reference.
 */
export function CommentForm({ round, target, onClose, onSaved }: { round: ReviewRound; target: CommentTarget | null; onClose: () => void; onSaved: (nr: number) => void }) {
  const catalogue = useCatalogue();
  const ref = useRef<HTMLDialogElement>(null);
  const [from, setFrom] = useState(round.invitations[0] ? `inv:${round.invitations[0].id}` : 'nieuw');
  const [otherName, setOtherName] = useState('');
  const [author, setAuthor] = useState('');
  const [type, setType] = useState<CommentType>('inhoudelijk');
  const [body, setBody] = useState('');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const invitedOrganisations = new Set(round.invitations.map((i) => i.organisationId).filter(Boolean));
  const others = catalogue.organisations.filter((o) => !invitedOrganisations.has(o.id)).sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  const save = async () => {
    setError(null);
    try {
      const sender = from.startsWith('inv:') ? { invitationId: Number(from.slice(4)) } : from.startsWith('org:') ? { organisationId: from.slice(4) } : { organisation: otherName };
      const comment = await call('reviewComments.create', {
        roundId: round.id,
        ...sender,
        author,
        type,
        body,
        ...(target ? { sectionId: target.sectionId, start: target.start, end: target.end, quote: target.quote } : {}),
        ...(reference.trim() ? { reference } : {}),
      });
      onSaved(comment.nr);
      ref.current?.close();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <dialog ref={ref} className="dialog wide comment-form" aria-labelledby="comment-form-title" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="comment-form-title">{target ? `Commentaar op ${target.where || 'een passage'}` : 'Commentaar toevoegen'}</h2>
        {target && <blockquote className="picker-quote">{target.quote}</blockquote>}
        <div className="form-grid">
          <label className="field">
            Organisatie
            <select value={from} onChange={(e) => setFrom(e.target.value)} autoFocus>
              {round.invitations.length > 0 && (
                <optgroup label="Uitgenodigd">
                  {round.invitations.map((i) => (
                    <option key={i.id} value={`inv:${i.id}`}>
                      {i.name}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="Andere organisatie uit de catalogus">
                {others.map((o) => (
                  <option key={o.id} value={`org:${o.id}`}>
                    {o.abbreviation ? `${o.abbreviation} – ${o.name}` : o.name}
                  </option>
                ))}
              </optgroup>
              <option value="nieuw">Andere organisatie (naam typen)…</option>
            </select>
          </label>
          {from === 'nieuw' ? (
            <label className="field">
              Naam van de organisatie
              <input value={otherName} onChange={(e) => setOtherName(e.target.value)} required />
            </label>
          ) : (
            <label className="field">
              Auteur (optioneel)
              <input value={author} onChange={(e) => setAuthor(e.target.value)} />
            </label>
          )}
          <label className="field">
            Type
            <select value={type} onChange={(e) => setType(e.target.value as CommentType)}>
              {COMMENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {COMMENT_TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {target ? 'Verwijzing (optioneel)' : 'Hoofdstuk, paragraaf of regel'}
            <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder={target ? '' : 'bijv. H3, r. 120–125 of Algemeen'} />
          </label>
          {from === 'nieuw' && (
            <label className="field">
              Auteur (optioneel)
              <input value={author} onChange={(e) => setAuthor(e.target.value)} />
            </label>
          )}
        </div>
        <label className="field">
          Commentaar
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={6} required />
        </label>
        <ErrorText error={error} />
        <div className="actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Annuleren
          </button>
          <button type="submit" className="button primary">
            Commentaar opslaan
          </button>
        </div>
      </form>
    </dialog>
  );
}
