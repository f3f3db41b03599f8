import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CHANGE_KIND_LABEL, DIFF_OPTION_KEYS, DIFF_OPTION_LABEL, SIGNIFICANCE_LABEL, SIGNIFICANCES, type Change, type DiffOptions, type Significance } from '../../../common/diff/types';
import { href } from '../router';
import { ColumnText, type Point } from './ColumnText';
import { describeChange, toView, type CompareResult } from './model';
import { useSyncScroll } from './use-sync-scroll';

type Filter = Significance | 'verplaatst';
const FILTERS: readonly Filter[] = [...SIGNIFICANCES, 'verplaatst'];
const FILTER_LABEL: Record<Filter, string> = { ontkenning: 'Ontkenning', modaal: 'Modaal', getal: 'Getal', herformulering: 'Herformulering', verplaatst: 'Verplaatst' };
const OPTION_HINT: Record<keyof DiffOptions, string> = {
  ignoreNumbering: '4.2.1, Aanbeveling 3, lijstnummers en opsommingstekens tellen niet mee',
  ignoreWhitespace: 'Spaties en regelafbrekingen tellen niet mee',
  ignorePunctuation: 'Komma’s, punten en koppeltekens tellen niet mee',
  ignoreCase: 'Hoofdletters en kleine letters gelden als gelijk (accenten tellen wel)',
  detectMoves: 'Tekst die elders terugkomt, tonen als verplaatst in plaats van verwijderd en toegevoegd',
};

const filterOf = (c: Change): Filter => (c.kind === 'verplaatst' ? 'verplaatst' : c.significance);

/** One entry of the list of changes; memoised so a step re-renders two entries, not all. */
const ChangeItem = memo(function ChangeItem({ change: c, text, current, onSelect }: { change: Change; text: { from: string; to: string; where: string | null } | undefined; current: boolean; onSelect: (id: number) => void }) {
  const { from = '', to = '', where = null } = text ?? {};
  return (
    <li>
      <button type="button" className="cmp-change" aria-current={current ? 'true' : undefined} onClick={() => onSelect(c.id)}>
        <span className="cmp-change-head">
          <span className="cmp-change-kind">{CHANGE_KIND_LABEL[c.kind]}</span>
          {c.kind !== 'verplaatst' && c.significance !== 'herformulering' && <span className={`sig-badge sig-${c.significance}`}>{SIGNIFICANCE_LABEL[c.significance]}</span>}
        </span>
        <span className="cmp-change-text">
          {c.kind === 'verplaatst' ? (
            <span className="cmp-moved">{to}</span>
          ) : (
            <>
              {from && <del>{from}</del>}
              {from && to && <span aria-hidden="true"> → </span>}
              {to && <ins>{to}</ins>}
            </>
          )}
        </span>
        {where && <span className="cmp-change-where">{where}</span>}
      </button>
    </li>
  );
});

export interface SideBySideProps {
  /** compare.texts or compare.multi. */
  result: CompareResult;
  options: DiffOptions;
  onOptionsChange: (options: DiffOptions) => void;
  /** With three or four columns: make column `index` the reference (the caller asks again). */
  onReferenceChange?: (index: number) => void;
  /** Extra buttons in a column's heading (remove a column, …). */
  columnActions?: (index: number) => ReactNode;
  /** n / p and Alt+↓ / Alt+↑ anywhere on the page; otherwise only with focus inside. */
  globalKeys?: boolean;
  /** A new result is being computed (the old one stays visible). */
  busy?: boolean;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"], dialog') !== null;
}

/**
 * Texts side by side with a word diff: columns with titles, deletions and insertions marked,
 * moves linked across columns, a list of changes with their significance, next/previous by
 * button or keyboard, synchronised scrolling, and the options that cut noise. The first column
 * is the reference; with more columns each other column is compared with it.
 */
export function SideBySide({ result, options, onOptionsChange, onReferenceChange, columnActions, globalKeys = false, busy = false }: SideBySideProps) {
  const view = useMemo(() => toView(result), [result]);
  const [pair, setPair] = useState(0);
  const [current, setCurrent] = useState<number | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<Filter>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const scrollers = useRef<Array<HTMLElement | null>>([]);
  const listRef = useRef<HTMLOListElement>(null);

  const focusPair = Math.min(pair, view.diffs.length - 1);
  const diff = view.diffs[focusPair];
  const left = view.columns[0];
  const right = view.columns[focusPair + 1];
  // A new result (other options, other columns) starts from the top of the list again.
  useEffect(() => setCurrent(null), [result]);

  const { reveal } = useSyncScroll(scrollers, view);

  // Points per column: the anchors of every pair (reference side and other side), and carets
  // where the focused pair added or removed text on the other side.
  const points = useMemo(() => {
    const byColumn: Point[][] = view.columns.map(() => []);
    view.diffs.forEach((d, k) => {
      d.anchors.forEach(([a, b], i) => {
        byColumn[0]?.push({ at: a, anchor: `${k}-${i}` });
        byColumn[k + 1]?.push({ at: b, anchor: `${k}-${i}` });
      });
      for (const c of d.changes) {
        if (c.kind === 'verplaatst') continue;
        if (k === focusPair && c.left.start === c.left.end) byColumn[0]?.push({ at: c.left.start, caret: c.id });
        if (c.right.start === c.right.end) byColumn[k + 1]?.push({ at: c.right.start, caret: c.id });
      }
    });
    for (const list of byColumn) list.sort((x, y) => x.at - y.at || (x.anchor !== undefined ? -1 : 1));
    return byColumn;
  }, [view, focusPair]);

  // Worked out once per result: stepping through 2,000 changes must not redo 2,000 excerpts.
  const descriptions = useMemo(() => (diff && left && right ? diff.changes.map((c) => describeChange(c, left, right)) : []), [diff, left, right]);
  const visible = useMemo(() => (diff ? diff.changes.filter((c) => !hidden.has(filterOf(c))) : []), [diff, hidden]);
  const position = current === null ? -1 : visible.findIndex((c) => c.id === current);

  const describe = useCallback(
    (c: Change, index: number) => {
      const { from, to, where } = descriptions[c.id] ?? { from: '', to: '', where: null };
      const what =
        c.kind === 'verplaatst' ? `Verplaatst: “${to}”` : c.kind === 'toegevoegd' ? `Toegevoegd: “${to}”` : c.kind === 'verwijderd' ? `Verwijderd: “${from}”` : `“${from}” wordt “${to}”`;
      const sig = c.kind !== 'verplaatst' && c.significance !== 'herformulering' ? ` ${SIGNIFICANCE_LABEL[c.significance]}.` : '';
      return `Wijziging ${index + 1} van ${visible.length}.${sig} ${what}${where ? `, in ${where}` : ''}.`;
    },
    [descriptions, visible.length],
  );

  // Mark the current change in both columns, bring it on the reading line, and say what it is.
  // A long text may still be rendering further down: then try again a moment later.
  useEffect(() => {
    const container = root.current;
    if (!container) return;
    container.querySelectorAll('.is-current').forEach((el) => el.classList.remove('is-current'));
    if (current === null) return;
    const change = diff?.changes[current];
    if (!change) return;
    setAnnouncement(describe(change, Math.max(0, visible.findIndex((c) => c.id === current))));
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
    let timer = 0;
    const show = (tries: number) => {
      const inColumn = (index: number) => Array.from(scrollers.current[index]?.querySelectorAll(`[data-change="${current}"]`) ?? []);
      const leftEls = inColumn(0);
      const rightEls = inColumn(focusPair + 1);
      if (!leftEls.length && !rightEls.length) {
        if (tries > 0) timer = window.setTimeout(() => show(tries - 1), 100);
        return;
      }
      [...leftEls, ...rightEls].forEach((el) => el.classList.add('is-current'));
      const target = rightEls[0] ?? leftEls[0];
      if (target) reveal(rightEls[0] ? focusPair + 1 : 0, target);
      // Interpolation between anchors is close, not exact: make sure the left side shows too.
      const leftCol = scrollers.current[0];
      const first = leftEls[0];
      if (leftCol && first && rightEls[0]) {
        const box = leftCol.getBoundingClientRect();
        const r = first.getBoundingClientRect();
        if (r.top < box.top || r.bottom > box.bottom) leftCol.scrollTop += r.top - box.top - 0.3 * leftCol.clientHeight;
      }
    };
    show(50);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, focusPair, view]);

  const step = useCallback(
    (by: 1 | -1) => {
      if (visible.length === 0) {
        setAnnouncement('Geen wijzigingen om naar te gaan.');
        return;
      }
      const next = position < 0 ? (by === 1 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, position + by));
      if (next === position) setAnnouncement(by === 1 ? 'Dit is de laatste wijziging.' : 'Dit is de eerste wijziging.');
      setCurrent((visible[next] as Change).id);
    },
    [visible, position],
  );

  useEffect(() => {
    const target: HTMLElement | Window | null = globalKeys ? window : root.current;
    if (!target) return;
    const onKey = (event: Event) => {
      const e = event as KeyboardEvent;
      if (e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const next = (!e.altKey && !e.shiftKey && e.key === 'n') || (e.altKey && e.key === 'ArrowDown');
      const previous = (!e.altKey && !e.shiftKey && e.key === 'p') || (e.altKey && e.key === 'ArrowUp');
      if (!next && !previous) return;
      e.preventDefault();
      step(next ? 1 : -1);
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }, [globalKeys, step]);

  // A move is one change in two places: pointing at one half lights up both.
  useEffect(() => {
    const container = root.current;
    if (!container) return;
    const linked = (e: Event, on: boolean) => {
      const move = (e.target as HTMLElement).closest<HTMLElement>('[data-move]')?.dataset.move;
      if (move === undefined) return;
      container.querySelectorAll(`[data-move="${move}"]`).forEach((el) => el.classList.toggle('is-linked', on));
    };
    const over = (e: Event) => linked(e, true);
    const out = (e: Event) => linked(e, false);
    container.addEventListener('mouseover', over);
    container.addEventListener('mouseout', out);
    return () => {
      container.removeEventListener('mouseover', over);
      container.removeEventListener('mouseout', out);
    };
  }, []);

  const onTextClick = (column: number) => (e: React.MouseEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-change]');
    if (!el || !window.getSelection()?.isCollapsed) return;
    const id = Number(el.dataset.change);
    if (column > 0 && column - 1 !== focusPair) setPair(column - 1);
    setHidden(new Set());
    setCurrent(id);
  };

  if (!diff || !left || !right) return null;
  const counts = diff.counts;
  const many = view.columns.length > 2;

  return (
    <div className={`side-by-side${busy ? ' is-busy' : ''}`} ref={root} data-testid="side-by-side">
      <div className="cmp-toolbar">
        <fieldset className="cmp-options">
          <legend className="visually-hidden">Opties voor de vergelijking</legend>
          {DIFF_OPTION_KEYS.map((key) => (
            <label key={key} className="checkbox" title={OPTION_HINT[key]}>
              <input type="checkbox" checked={options[key]} onChange={(e) => onOptionsChange({ ...options, [key]: e.target.checked })} />
              {DIFF_OPTION_LABEL[key]}
            </label>
          ))}
        </fieldset>
        {many && onReferenceChange && (
          <label className="inline-field">
            Referentie
            <select value={0} onChange={(e) => onReferenceChange(Number(e.target.value))}>
              {view.columns.map((c, i) => (
                <option key={i} value={i}>
                  {c.label.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="cmp-busy" role="status">
          {busy ? 'Opnieuw vergelijken…' : ''}
        </span>
      </div>
      {view.diffs.some((d) => d.coarse) && (
        <p className="notice cmp-coarse" role="note">
          Grof vergeleken: een deel van de tekst verschilt zo sterk dat het per zin of alinea is vergeleken in plaats van per woord. Gemarkeerde passages kunnen daar ongewijzigde woorden bevatten.
        </p>
      )}
      <div className="cmp-main">
        <div className={`cmp-columns cols-${view.columns.length}`}>
          {view.columns.map((column, i) => {
            const d = i === 0 ? diff : view.diffs[i - 1];
            if (!d) return null;
            const id = `cmp-col-${i}`;
            return (
              <section key={i} className={`cmp-column${i === 0 ? ' is-reference' : ''}${i === focusPair + 1 ? ' is-focused' : ''}`} aria-labelledby={id}>
                <header className="cmp-column-head">
                  <div className="cmp-column-title">
                    <h2 id={id}>
                      <a href={href.version(column.label.standardId, column.label.versionId)}>{column.label.standardTitle}</a>
                    </h2>
                    <p className="badges">
                      {many && i === 0 && <span className="badge cmp-reference-badge">Referentie</span>}
                      <span className="badge">{column.label.versionLabel}</span>
                      {column.label.versionStatus === 'concept' && <span className="badge badge-status-concept">Concept</span>}
                      {column.label.sectionsLabel && <span className="muted small">{column.label.sectionsLabel}</span>}
                    </p>
                  </div>
                  {columnActions?.(i)}
                </header>
                <div
                  className="cmp-scroll"
                  ref={(el) => {
                    scrollers.current[i] = el;
                  }}
                  tabIndex={0}
                  aria-label={`Tekst: ${column.label.title}`}
                  onClick={onTextClick(i)}
                >
                  <ColumnText column={column} segments={i === 0 ? d.left : d.right} points={points[i] ?? []} changes={d.changes} />
                </div>
              </section>
            );
          })}
        </div>
        <aside className="cmp-changes" aria-labelledby="cmp-changes-title">
          <h2 id="cmp-changes-title">
            Wijzigingen <span className="muted">({counts.total})</span>
          </h2>
          {many && (
            <div className="cmp-pairs" role="group" aria-label="Verschillen tonen met">
              <span className="muted small">Verschillen met de referentie van:</span>
              {view.columns.slice(1).map((c, k) => (
                <button key={k} type="button" className={`button small${k === focusPair ? ' primary' : ''}`} aria-pressed={k === focusPair} onClick={() => {
                    setPair(k);
                    setCurrent(null);
                  }}>
                  {c.label.standardTitle} · {c.label.versionLabel}
                </button>
              ))}
            </div>
          )}
          <div className="cmp-filters" role="group" aria-label="Soorten wijzigingen tonen">
            {FILTERS.map((f) => {
              const n = f === 'verplaatst' ? counts.verplaatst : counts[f];
              const shown = !hidden.has(f);
              return (
                <button
                  key={f}
                  type="button"
                  className={`sig-badge sig-${f}${shown ? '' : ' is-off'}`}
                  aria-pressed={shown}
                  title={shown ? `${FILTER_LABEL[f]} verbergen in de lijst` : `${FILTER_LABEL[f]} tonen in de lijst`}
                  onClick={() => {
                    const next = new Set(hidden);
                    if (shown) next.add(f);
                    else next.delete(f);
                    setHidden(next);
                  }}
                >
                  {FILTER_LABEL[f]} <strong>{n}</strong>
                </button>
              );
            })}
          </div>
          <div className="cmp-nav">
            <button type="button" className="button small" onClick={() => step(-1)} disabled={visible.length === 0} aria-keyshortcuts="p Alt+ArrowUp">
              ↑ Vorige
            </button>
            <span className="cmp-position" aria-hidden="true">
              {position >= 0 ? position + 1 : '–'} / {visible.length}
            </span>
            <button type="button" className="button small primary" onClick={() => step(1)} disabled={visible.length === 0} aria-keyshortcuts="n Alt+ArrowDown">
              Volgende ↓
            </button>
          </div>
          <p className="hint">
            <kbd>n</kbd> / <kbd>p</kbd> of <kbd>Alt</kbd>+<kbd>↓</kbd> / <kbd>↑</kbd>: volgende / vorige wijziging.
          </p>
          {visible.length === 0 ? (
            <p className="muted">{counts.total === 0 ? 'Geen verschillen met deze opties.' : 'Geen wijzigingen van de gekozen soorten.'}</p>
          ) : (
            <ol className="cmp-change-list" ref={listRef} data-testid="change-list">
              {visible.map((c) => (
                <ChangeItem key={c.id} change={c} text={descriptions[c.id]} current={c.id === current} onSelect={setCurrent} />
              ))}
            </ol>
          )}
          <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="cmp-announcement">
            {announcement}
          </div>
        </aside>
      </div>
    </div>
  );
}
