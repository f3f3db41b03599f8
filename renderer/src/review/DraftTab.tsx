import { useCallback, useEffect, useMemo, useState } from 'react';
import { COMMENT_TYPE_LABEL, DISPOSITION_LABEL, type CommentType, type ReviewComment, type ReviewRound } from '../../../common/review';
import { SectionBody } from '../annotate/SectionBody';
import type { Highlight } from '../annotate/text-map';
import { useTextSelection } from '../annotate/use-selection';
import { call } from '../api-client';
import { ErrorText } from '../components/StatusMessage';
import { useLoad } from '../use-api';
import { CommentForm, type CommentTarget } from './CommentForm';
import type { Notify } from './RoundScreen';

const TYPE_COLOR: Record<CommentType, string> = { inhoudelijk: '#4e79a7', redactioneel: '#76b7b2', akkoord: '#59a14f', bezwaar: '#e15759' };

/**
 * The draft to comment on: the reading view's text and selection (annotate/), with the comments
 * highlighted by type. Select a passage and press C (or the button) to comment on it.
 */
export function DraftTab({ round, version, onChanged, notify }: { round: ReviewRound; version: number; onChanged: () => void; notify: Notify }) {
  const draft = useLoad(() => (round.versionId ? call('versions.get', { versionId: round.versionId }) : Promise.reject(new Error('De conceptversie van deze ronde is verwijderd; de commentaren en hun citaten zijn bewaard.'))), [round.versionId]);
  const comments = useLoad(() => call('reviewComments.list', { roundId: round.id }), [round.id, version]);
  const sections = useMemo(() => draft.data?.sections ?? [], [draft.data]);
  const [article, setArticle] = useState<HTMLElement | null>(null);
  const selection = useTextSelection(article, sections);
  const [target, setTarget] = useState<CommentTarget | null>(null);
  const [opened, setOpened] = useState<ReviewComment[] | null>(null);
  const open = round.status === 'open';

  const highlights = useMemo(() => {
    const map = new Map<number, Highlight[]>();
    for (const c of comments.data?.comments ?? []) {
      if (c.sectionId === null || c.start === null || c.end === null) continue;
      map.set(c.sectionId, [...(map.get(c.sectionId) ?? []), { id: String(c.id), start: c.start, end: c.end, color: TYPE_COLOR[c.type] }]);
    }
    return map;
  }, [comments.data]);
  const none = useMemo<Highlight[]>(() => [], []);

  const startComment = useCallback(() => {
    const p = selection.pending;
    if (!p || !open) return;
    const s = sections.find((x) => x.id === p.sectionId);
    setTarget({ sectionId: p.sectionId, start: p.start, end: p.end, quote: p.quote, where: s ? (s.number && s.number !== s.heading ? `§${s.number} ${s.heading}` : s.heading) : '' });
  }, [selection.pending, sections, open]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key.toLowerCase() !== 'c' || e.ctrlKey || e.metaKey || e.altKey || t.closest('input, textarea, select, dialog')) return;
      if (!selection.pending) return;
      e.preventDefault();
      startComment();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection.pending, startComment]);

  if (draft.error) return <ErrorText error={draft.error} />;
  if (!draft.data) return <p className="loading">Tekst laden…</p>;

  return (
    <div className="review-draft">
      <p className="hint">
        {open ? (
          <>
            Selecteer tekst en druk op <kbd>C</kbd> (of op de knop) om commentaar te geven. Gemarkeerde passages hebben al commentaar; klik erop om het te lezen.
          </>
        ) : (
          'De ronde is niet open: er kan geen commentaar meer bij. Gemarkeerde passages hebben commentaar; klik erop om het te lezen.'
        )}
      </p>
      <p className="review-legend" aria-label="Kleuren per type commentaar">
        {(Object.keys(TYPE_COLOR) as CommentType[]).map((t) => (
          <span key={t}>
            <span className="swatch" style={{ backgroundColor: TYPE_COLOR[t] }} /> {COMMENT_TYPE_LABEL[t]}
          </span>
        ))}
      </p>
      <ErrorText error={selection.problem} />
      <article
        className="review-draft-text"
        ref={setArticle}
        aria-label={`Concepttekst ${draft.data.version.label}`}
        onClick={(e) => {
          const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.annotation');
          if (!mark || !window.getSelection()?.isCollapsed) return;
          const ids = (mark.dataset.annotationIds ?? '').split(' ');
          setOpened((comments.data?.comments ?? []).filter((c) => ids.includes(String(c.id))));
        }}
      >
        {sections.map((s) => {
          const Heading = `h${Math.min(6, s.level + 2)}` as 'h3';
          return (
            <section key={s.id} id={`concept-sectie-${s.id}`} className={`doc-section level-${Math.min(s.level, 4)} kind-${s.kind}`}>
              <Heading className="section-heading">
                {s.number && s.number !== s.heading && <span className="section-number">{s.number}</span>} {s.heading}
              </Heading>
              <SectionBody sectionId={s.id} html={s.html} text={s.text} highlights={highlights.get(s.id) ?? none} />
            </section>
          );
        })}
      </article>
      {selection.pending && !target && open && (
        <button
          type="button"
          className="button primary small tag-float"
          style={{ top: selection.pending.top, left: selection.pending.left }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={startComment}
        >
          Commentaar (C)
        </button>
      )}
      {target && (
        <CommentForm
          round={round}
          target={target}
          onClose={() => setTarget(null)}
          onSaved={(nr) => {
            selection.clear();
            notify({ kind: 'ok', text: `Commentaar ${nr} opgeslagen.` });
            onChanged();
          }}
        />
      )}
      {opened && opened.length > 0 && (
        <aside className="panel review-opened" aria-label="Commentaar op deze passage">
          <div className="section-head">
            <h2>Commentaar op deze passage</h2>
            <button type="button" className="button small" onClick={() => setOpened(null)}>
              Sluiten
            </button>
          </div>
          <ul className="annotation-list">
            {opened.map((c) => (
              <li key={c.id}>
                <strong>
                  {c.nr}. {c.organisation}
                </strong>{' '}
                <span className={`badge comment-type-${c.type}`}>{COMMENT_TYPE_LABEL[c.type]}</span>{' '}
                {c.response ? <span className={`badge disposition-${c.response.disposition}`}>{DISPOSITION_LABEL[c.response.disposition]}</span> : <span className="badge badge-unanswered">Onbeantwoord</span>}
                <p className="comment-body">{c.body}</p>
                {c.response && <p className="muted">Reactie werkgroep: {c.response.response}</p>}
              </li>
            ))}
          </ul>
        </aside>
      )}
    </div>
  );
}
