import { useEffect, useRef, useState } from 'react';
import { call } from '../api-client';
import { useLoad } from '../use-api';
import { ErrorText } from '../components/StatusMessage';

/** Link a tagged passage (an annotation) to an item: pick a tag, then the passage. */
export function LinkPicker({ itemId, onClose, onLinked }: { itemId: number; onClose: () => void; onLinked: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const tags = useLoad(() => call('tags.list'), []);
  const [tagId, setTagId] = useState<number | null>(null);
  const passages = useLoad(() => (tagId ? call('analysis.passages', { all: [tagId], limit: 200 }) : Promise.resolve(null)), [tagId]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const link = async (annotationId: string) => {
    try {
      await call('items.addLink', { itemId, annotationId });
      onLinked();
      ref.current?.close();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="link-title" onClose={onClose}>
      <h2 id="link-title">Passage koppelen</h2>
      <p className="muted small">Kies een tag; daarna de getagde passage die dit item onderbouwt.</p>
      <label className="field">
        Tag
        <select value={tagId ?? ''} onChange={(e) => setTagId(e.target.value ? Number(e.target.value) : null)} autoFocus>
          <option value="">Kies een tag…</option>
          {(tags.data ?? [])
            .filter((t) => t.totalAnnotationCount > 0)
            .map((t) => (
              <option key={t.id} value={t.id}>
                {t.path} ({t.totalAnnotationCount})
              </option>
            ))}
        </select>
      </label>
      <ErrorText error={error} />
      <ul className="annotation-list link-choices">
        {(passages.data?.groups ?? []).flatMap((g) =>
          g.passages.map((p) => (
            <li key={p.annotationId}>
              <blockquote className="picker-quote">{p.quote}</blockquote>
              <p className="muted small">
                {g.standardTitle} · {p.versionLabel ?? 'geen versie'} · {p.sectionNumber ? `${p.sectionNumber} ` : ''}
                {p.sectionHeading}
              </p>
              <button type="button" className="button small" onClick={() => void link(p.annotationId)}>
                Koppelen
              </button>
            </li>
          )),
        )}
      </ul>
      <div className="actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          Sluiten
        </button>
      </div>
    </dialog>
  );
}
