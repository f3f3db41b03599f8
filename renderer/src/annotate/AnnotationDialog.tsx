import { useEffect, useRef, useState } from 'react';
import { ANCHOR_STATE_LABEL, type Annotation } from '../../../common/tags';
import { formatDateTime } from '../format';
import { TagChips } from '../components/TagChips';

/** The annotations under a clicked highlight: who tagged what, with edit and delete. */
export function AnnotationDialog({ annotations, onEdit, onDelete, onClose }: { annotations: Annotation[]; onEdit: (a: Annotation) => void; onDelete: (a: Annotation) => Promise<void>; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="annotation-title" onClose={onClose}>
      <h2 id="annotation-title">{annotations.length === 1 ? 'Annotatie' : `${annotations.length} annotaties op deze passage`}</h2>
      <ul className="annotation-list">
        {annotations.map((a) => (
          <li key={a.id} data-annotation-id={a.id}>
            <blockquote className="picker-quote">{a.quote}</blockquote>
            <TagChips tags={a.tags} />
            {a.note && <p className="annotation-note">{a.note}</p>}
            <p className="muted small">
              {a.author} · {formatDateTime(a.createdAt)}
              {a.anchorState !== 'geplaatst' ? ` · ${ANCHOR_STATE_LABEL[a.anchorState]}` : ''}
            </p>
            {confirm === a.id ? (
              <div className="actions">
                <span>Deze annotatie verwijderen?</span>
                <button type="button" className="button small" onClick={() => setConfirm(null)}>
                  Nee
                </button>
                <button type="button" className="button small danger" onClick={() => void onDelete(a)}>
                  Ja, verwijderen
                </button>
              </div>
            ) : (
              <div className="actions">
                <button type="button" className="button small" onClick={() => onEdit(a)}>
                  Tags en notitie wijzigen
                </button>
                <button type="button" className="button small danger" onClick={() => setConfirm(a.id)}>
                  Verwijderen
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          Sluiten
        </button>
      </div>
    </dialog>
  );
}
