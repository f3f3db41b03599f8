import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../common/tags';
import { AnnotationDialog } from '../annotate/AnnotationDialog';
import { SectionBody } from '../annotate/SectionBody';
import { TagPicker, type TagChoice } from '../annotate/TagPicker';
import type { Highlight } from '../annotate/text-map';
import { useTextSelection, type PendingSelection } from '../annotate/use-selection';
import { SECTION_KIND_LABEL, SECTION_KINDS, type Section, type SectionKind } from '../../../common/document';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { formatDateTime } from '../format';
import { VersionEditDialog } from '../components/VersionEditDialog';
import { CompareWithDialog } from '../compare/CompareWithDialog';
import { href, navigate } from '../router';
import { blockPreviews } from '../sanitize';
import { useLoad } from '../use-api';
import { ErrorText } from '../components/StatusMessage';

interface TocNode {
  section: Section;
  children: TocNode[];
}

/** The flat, ordered sections as a tree, following parent ids. */
function buildTree(sections: Section[]): TocNode[] {
  const nodes = new Map<number, TocNode>();
  const roots: TocNode[] = [];
  for (const section of sections) nodes.set(section.id, { section, children: [] });
  for (const section of sections) {
    const node = nodes.get(section.id);
    if (!node) continue;
    const parent = section.parentId === null ? undefined : nodes.get(section.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** "4.2 Medicatie"; a recommendation numbered "Aanbeveling 3" with the same heading shows once. */
const headingLabel = (s: Section) => (s.number && s.number !== s.heading ? `${s.number} ${s.heading}` : s.heading);

function Toc({ nodes, active, onJump }: { nodes: TocNode[]; active: number | null; onJump: (id: number) => void }) {
  return (
    <ol>
      {nodes.map(({ section, children }) => (
        <li key={section.id}>
          <a
            href={`#sectie-${section.id}`}
            className={`${section.kind === 'recommendation' ? 'toc-recommendation' : ''}${active === section.id ? ' active' : ''}`}
            aria-current={active === section.id ? 'location' : undefined}
            onClick={(e) => {
              e.preventDefault();
              onJump(section.id);
            }}
          >
            {headingLabel(section)}
          </a>
          {children.length > 0 && <Toc nodes={children} active={active} onJump={onJump} />}
        </li>
      ))}
    </ol>
  );
}

function SplitForm({ section, onSplit, onCancel }: { section: Section; onSplit: (atBlock: number, heading: string) => void; onCancel: () => void }) {
  const previews = useMemo(() => blockPreviews(section.html), [section.html]);
  const [at, setAt] = useState(1);
  const [heading, setHeading] = useState('');
  if (previews.length < 2) return <p className="notice">Deze sectie heeft maar één tekstblok en kan niet worden gesplitst.</p>;
  return (
    <form
      className="split-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSplit(at, heading);
      }}
    >
      <label className="field">
        Nieuwe sectie begint bij
        <select value={at} onChange={(e) => setAt(Number(e.target.value))}>
          {previews.slice(1).map((p, i) => (
            <option key={i + 1} value={i + 1}>
              Blok {i + 2}: {p || '(leeg)'}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Kop van de nieuwe sectie
        <input value={heading} onChange={(e) => setHeading(e.target.value)} required />
      </label>
      <div className="actions">
        <button type="button" className="button small" onClick={onCancel}>
          Annuleren
        </button>
        <button type="submit" className="button small primary">
          Splitsen
        </button>
      </div>
    </form>
  );
}

export function ReadingView({
  standardId,
  versionId,
  sectionId,
  placeId,
  anchoring,
}: {
  standardId: string;
  versionId: number;
  sectionId: number | null;
  placeId: string | null;
  anchoring: { placed: number; moved: number; unplaced: number } | null;
}) {
  const catalogue = useCatalogue();
  const standard = catalogue.standards.find((s) => s.id === standardId);
  const version = useLoad(() => call('versions.get', { versionId }), [versionId]);
  const [editing, setEditing] = useState(false);
  const [editingVersion, setEditingVersion] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [splitting, setSplitting] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [active, setActive] = useState<number | null>(sectionId);
  const jumped = useRef(false);

  const sections = useMemo(() => version.data?.sections ?? [], [version.data]);
  const tree = useMemo(() => buildTree(sections), [sections]);

  // Annotations: highlights, the selection → tag picker flow, and the dialog for a clicked highlight.
  const tags = useLoad(() => call('tags.list'), []);
  const annotations = useLoad(() => call('annotations.listForVersion', { versionId }), [versionId, sections]);
  const [authorFilter, setAuthorFilter] = useState('');
  const [article, setArticle] = useState<HTMLElement | null>(null);
  const selection = useTextSelection(article, sections);
  const [picking, setPicking] = useState<{ target: PendingSelection | Annotation; initial?: Partial<TagChoice> } | null>(null);
  const [opened, setOpened] = useState<Annotation[] | null>(null);
  const authors = useMemo(() => [...new Set((annotations.data ?? []).map((a) => a.author))].sort(), [annotations.data]);
  const highlightsBySection = useMemo(() => {
    const map = new Map<number, Highlight[]>();
    for (const a of annotations.data ?? []) {
      if (a.sectionId === null || a.start === null || a.end === null || (authorFilter && a.author !== authorFilter)) continue;
      const list = map.get(a.sectionId) ?? [];
      list.push({ id: a.id, start: a.start, end: a.end, color: a.tags[0]?.color ?? '#edc948' });
      map.set(a.sectionId, list);
    }
    return map;
  }, [annotations.data, authorFilter]);
  const noHighlights = useMemo<Highlight[]>(() => [], []);

  // "Place by hand": an annotation that came loose waits for the user to select its new text.
  const placing = useLoad(() => (placeId ? call('annotations.unplaced', { standardId }).then((list) => list.find((a) => a.id === placeId) ?? null) : Promise.resolve(null)), [placeId, standardId]);
  const placeHere = async () => {
    if (!selection.pending || !placing.data) return;
    try {
      await call('annotations.place', { id: placing.data.id, sectionId: selection.pending.sectionId, start: selection.pending.start, end: selection.pending.end, quote: selection.pending.quote });
      selection.clear();
      setMessage({ kind: 'ok', text: 'Annotatie geplaatst.' });
      navigate(href.version(standardId, versionId), { replace: true });
      annotations.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  const openPicker = useCallback(() => {
    if (selection.pending && !placeId) setPicking({ target: selection.pending });
  }, [selection.pending, placeId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key.toLowerCase() !== 't' || e.ctrlKey || e.metaKey || e.altKey || target.closest('input, textarea, select, dialog')) return;
      if (!selection.pending) return;
      e.preventDefault();
      openPicker();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection.pending, openPicker]);

  const saveTags = async (choice: TagChoice) => {
    if (!picking) return;
    const target = picking.target;
    try {
      if ('sectionId' in target && !('id' in target)) {
        await call('annotations.create', { sectionId: target.sectionId, start: target.start, end: target.end, quote: target.quote, tagIds: choice.tagIds, newTagNames: choice.newTagNames, note: choice.note });
        setMessage({ kind: 'ok', text: 'Passage getagd.' });
      } else if ('id' in target) {
        await call('annotations.update', { id: target.id, tagIds: choice.tagIds, newTagNames: choice.newTagNames, note: choice.note });
        setMessage({ kind: 'ok', text: 'Annotatie bijgewerkt.' });
      }
      setPicking(null);
      setOpened(null);
      selection.clear();
      annotations.reload();
      tags.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
      setPicking(null);
    }
  };

  const jump = (id: number) => {
    setActive(id);
    const target = document.getElementById(`sectie-${id}`);
    target?.scrollIntoView({ block: 'start' });
    target?.querySelector<HTMLElement>('.section-heading')?.focus({ preventScroll: true });
    history.replaceState(null, '', href.version(standardId, versionId, id));
  };

  useEffect(() => {
    if (version.data && sectionId !== null && !jumped.current) {
      jumped.current = true;
      jump(sectionId);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version.data, sectionId]);

  useEffect(() => {
    if (version.data) document.title = `${version.data.version.label} · ${standard?.shortTitle ?? standard?.title ?? ''} · Richtsnoer`;
  }, [version.data, standard]);

  const edit = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      setMessage({ kind: 'ok', text: done });
      setSplitting(null);
      version.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  if (version.error) {
    return (
      <div className="screen">
        <h1>Versie niet gevonden</h1>
        <p className="error" role="alert">
          {version.error}
        </p>
        <a href={href.standard(standardId)}>Terug naar de standaard</a>
      </div>
    );
  }
  if (!version.data) return <p className="loading">Tekst laden…</p>;
  const v = version.data.version;

  return (
    <div className="reading">
      <aside className="toc" aria-label="Inhoudsopgave">
        <h2>Inhoud</h2>
        <Toc nodes={tree} active={active} onJump={jump} />
      </aside>
      <article
        className="reading-text"
        aria-labelledby="version-title"
        ref={setArticle}
        onContextMenu={(e) => {
          if (selection.pending) {
            e.preventDefault();
            openPicker();
          }
        }}
        onClick={(e) => {
          const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.annotation');
          if (!mark || !window.getSelection()?.isCollapsed) return;
          const ids = (mark.dataset.annotationIds ?? '').split(' ');
          setOpened((annotations.data ?? []).filter((a) => ids.includes(a.id)));
        }}
      >
        <nav aria-label="Kruimelpad" className="breadcrumb">
          <a href={href.catalogue()}>Kwaliteitsstandaarden</a> <span aria-hidden="true">›</span> <a href={href.standard(standardId)}>{standard?.shortTitle ?? standard?.title ?? standardId}</a>{' '}
          <span aria-hidden="true">›</span> <span>{v.label}</span>
        </nav>
        <header className="screen-head">
          <div>
            <h1 id="version-title">{standard?.title ?? v.label}</h1>
            <p className="badges">
              <span className="badge">{v.label}</span>
              <span className={`badge ${v.status === 'concept' ? 'badge-status-concept' : ''}`}>{v.status === 'concept' ? 'Concept' : 'Gepubliceerd'}</span>
              <span className="muted small">
                {v.fileName} · {v.sectionCount} secties · {v.wordCount.toLocaleString('nl-NL')} woorden{v.pageCount ? ` · ${v.pageCount} pagina's` : ''} · geïmporteerd {formatDateTime(v.importedAt)}
              </span>
            </p>
          </div>
          <div className="actions">
            <button type="button" className="button" onClick={() => setComparing(true)}>
              Vergelijk met…
            </button>
            <button type="button" className="button" onClick={() => setEditingVersion(true)}>
              Versie bewerken
            </button>
            <button type="button" className={`button${editing ? ' primary' : ''}`} aria-pressed={editing} onClick={() => setEditing(!editing)}>
              {editing ? 'Klaar met corrigeren' : 'Structuur corrigeren'}
            </button>
          </div>
        </header>
        <div className="annotation-bar">
          <span className="muted small">
            Selecteer tekst en druk op <kbd>T</kbd> (of klik met rechts) om te taggen. {annotations.data ? `${annotations.data.length} ${annotations.data.length === 1 ? 'annotatie' : 'annotaties'} in deze versie.` : ''}
          </span>
          {authors.length > 1 && (
            <label className="inline-field small">
              Annotaties van
              <select value={authorFilter} onChange={(e) => setAuthorFilter(e.target.value)}>
                <option value="">iedereen</option>
                {authors.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {anchoring && (
          <p className="notice" role="status">
            Annotaties van de vorige versie: {anchoring.placed} precies teruggevonden, {anchoring.moved} op gewijzigde tekst geplaatst
            {anchoring.unplaced > 0 ? (
              <>
                , <a href={href.tags(new URLSearchParams([['tab', 'los']]))}>{anchoring.unplaced} niet geplaatst</a> (bewaard; plaats ze met de hand)
              </>
            ) : (
              ', niets verloren'
            )}
            .
          </p>
        )}
        {placing.data && (
          <div className="notice placing" role="status">
            <p>
              <strong>Annotatie plaatsen.</strong> Selecteer de tekst waar deze annotatie nu hoort en kies "Hier plaatsen". Oorspronkelijke tekst:
            </p>
            <blockquote className="picker-quote">{placing.data.originalQuote ?? placing.data.quote}</blockquote>
          </div>
        )}
        <ErrorText error={selection.problem} />
        {v.warnings.length > 0 && (
          <div className="notice">
            <p>Bij het importeren viel op:</p>
            <ul>
              {v.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        {message && (
          <p className={message.kind === 'error' ? 'error' : 'notice'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        {sections.map((s) => {
          const Heading = `h${Math.min(6, s.level + 1)}` as 'h2';
          return (
            <section key={s.id} id={`sectie-${s.id}`} className={`doc-section level-${Math.min(s.level, 4)} kind-${s.kind}`} aria-labelledby={`kop-${s.id}`}>
              <div className="section-title">
                <Heading id={`kop-${s.id}`} className="section-heading" tabIndex={-1}>
                  {s.number && s.number !== s.heading && <span className="section-number">{s.number}</span>} {s.heading}
                </Heading>
                {s.kind !== 'chapter' && s.kind !== 'section' && <span className="badge kind-badge">{SECTION_KIND_LABEL[s.kind]}</span>}
                {s.pageStart !== null && (
                  <span className="page-ref" title="Pagina in het oorspronkelijke document">
                    p. {s.pageStart}
                    {s.pageEnd !== null && s.pageEnd !== s.pageStart ? `–${s.pageEnd}` : ''}
                  </span>
                )}
              </div>
              {editing && (
                <div className="structure-tools" role="group" aria-label={`Structuur van ${headingLabel(s)}`}>
                  <button type="button" className="button small" disabled={s.level <= 1} onClick={() => void edit(() => call('sections.promote', { sectionId: s.id }), `"${s.heading}" is een niveau hoger gezet.`)}>
                    ← Hoger niveau
                  </button>
                  <button type="button" className="button small" onClick={() => void edit(() => call('sections.demote', { sectionId: s.id }), `"${s.heading}" is een niveau lager gezet.`)}>
                    Lager niveau →
                  </button>
                  <button type="button" className="button small" disabled={s.ordinal === 0} onClick={() => void edit(() => call('sections.mergeWithPrevious', { sectionId: s.id }), `"${s.heading}" is samengevoegd met de vorige sectie.`)}>
                    Samenvoegen met vorige
                  </button>
                  <button type="button" className="button small" onClick={() => setSplitting(splitting === s.id ? null : s.id)} aria-expanded={splitting === s.id}>
                    Splitsen…
                  </button>
                  <label className="inline-field small">
                    Soort
                    <select value={s.kind} onChange={(e) => void edit(() => call('sections.update', { sectionId: s.id, kind: e.target.value as SectionKind }), `Soort van "${s.heading}" aangepast.`)}>
                      {SECTION_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {SECTION_KIND_LABEL[k]}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              )}
              {editing && splitting === s.id && (
                <SplitForm section={s} onCancel={() => setSplitting(null)} onSplit={(atBlock, heading) => void edit(() => call('sections.split', { sectionId: s.id, atBlock, heading }), `"${s.heading}" is gesplitst.`)} />
              )}
              <SectionBody sectionId={s.id} html={s.html} text={s.text} highlights={highlightsBySection.get(s.id) ?? noHighlights} />
            </section>
          );
        })}
      </article>
      {selection.pending && !picking && (
        <button
          type="button"
          className="button primary small tag-float"
          style={{ top: selection.pending.top, left: selection.pending.left }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={placing.data ? () => void placeHere() : openPicker}
        >
          {placing.data ? 'Hier plaatsen' : 'Taggen (T)'}
        </button>
      )}
      {picking && tags.data && (
        <TagPicker
          tags={tags.data}
          quote={'quote' in picking.target ? picking.target.quote : ''}
          title={'id' in picking.target ? 'Tags wijzigen' : 'Passage taggen'}
          initial={picking.initial}
          onSave={(choice) => void saveTags(choice)}
          onCancel={() => setPicking(null)}
        />
      )}
      {opened && opened.length > 0 && !picking && (
        <AnnotationDialog
          annotations={opened}
          onClose={() => setOpened(null)}
          onEdit={(a) => setPicking({ target: a, initial: { tagIds: a.tags.map((t) => t.id), note: a.note ?? '' } })}
          onDelete={async (a) => {
            try {
              await call('annotations.delete', { id: a.id });
              setOpened(null);
              annotations.reload();
              tags.reload();
            } catch (e) {
              setMessage({ kind: 'error', text: (e as Error).message });
            }
          }}
        />
      )}
      {comparing && (
        <CompareWithDialog
          title={`${v.label} vergelijken met…`}
          exclude={[versionId]}
          onClose={() => setComparing(false)}
          onPick={(other) => navigate(href.compare(`v:${versionId}`, `v:${other.versionId}`))}
        />
      )}
      {editingVersion && (
        <VersionEditDialog
          version={v}
          onClose={() => setEditingVersion(false)}
          onSaved={() => version.reload()}
          onDeleted={() => navigate(href.standard(standardId))}
        />
      )}
    </div>
  );
}
