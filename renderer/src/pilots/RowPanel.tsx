import { useEffect, useRef, useState } from 'react';
import { CLASSIFICATIONS, CLASSIFICATION_LABEL, DECISIONS, DECISION_LABEL, type AlignmentGrid, type Classification, type Decision, type GridRow, type Pilot } from '../../../common/pilots';
import { call } from '../api-client';
import { formatDateTime } from '../format';
import { href } from '../router';
import { SectionLabel, versionTitle } from './PilotBits';

interface Props {
  pilot: Pilot;
  grid: AlignmentGrid;
  row: GridRow;
  busy: boolean;
  apply: (action: () => Promise<AlignmentGrid>, ok: string) => Promise<AlignmentGrid | null>;
  onClose: () => void;
}

const TEXT_LABEL: Record<Decision, string> = {
  overnemen: 'Toelichting (optioneel)',
  samenvoegen: 'Samengevoegde tekst',
  verschil_laten: 'Reden om het verschil te laten staan',
  nader_onderzoeken: 'Wat moet nader worden onderzocht?',
};

/** One row in detail: decision, cells (notes, sections), comparison, split/merge, comments. */
export function RowPanel({ pilot, grid, row, busy, apply, onClose }: Props) {
  const panel = useRef<HTMLElement>(null);
  const [decision, setDecision] = useState<Decision | ''>(row.decision ?? '');
  const [decisionVersion, setDecisionVersion] = useState<string>(row.decisionVersionId ? String(row.decisionVersionId) : '');
  const [text, setText] = useState(row.decisionText ?? '');
  const [dissent, setDissent] = useState(row.decisionDissent ?? '');
  const [theme, setTheme] = useState(row.theme);
  const [comment, setComment] = useState('');
  const [picked, setPicked] = useState<number[]>([]);
  const [splitTheme, setSplitTheme] = useState('');
  const [compare, setCompare] = useState<number[]>(row.cells.filter((c) => c.sections.length > 0).slice(0, 2).map((c) => c.versionId));
  const index = grid.rows.findIndex((r) => r.id === row.id);
  const proposal = row.status === 'voorstel';

  useEffect(() => {
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target as HTMLElement).closest('select')) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const versionName = (versionId: number) => {
    const v = grid.versions.find((x) => x.versionId === versionId);
    return v ? versionTitle(v) : String(versionId);
  };
  const compareCells = row.cells.filter((c) => compare.includes(c.versionId) && c.sections.length > 0);
  const compareHref =
    compareCells.length >= 2
      ? (() => {
          const specs = compareCells.map((c) => `s:${c.sections.map((s) => s.sectionId).join(',')}`);
          const p = new URLSearchParams({ links: specs[0] as string, rechts: specs[1] as string });
          for (const extra of specs.slice(2)) p.append('extra', extra);
          return `#/vergelijken?${p.toString()}`;
        })()
      : null;

  return (
    <aside className="row-panel" aria-labelledby="rij-kop" ref={panel} tabIndex={-1}>
      <header className="row-panel-head">
        <h2 id="rij-kop">{row.theme}</h2>
        <button type="button" className="button small" onClick={onClose} aria-label="Paneel sluiten (Esc)">
          Sluiten
        </button>
      </header>
      {proposal && (
        <p className="notice">
          Dit is een voorstel. Accepteer het, of pas het aan: elke wijziging of opmerking maakt het een eigen rij die een nieuw voorstel niet meer verandert.
        </p>
      )}

      <section aria-labelledby="besluit-kop">
        <h3 id="besluit-kop">Besluit</h3>
        {row.decision && (
          <p className="muted small">
            {DECISION_LABEL[row.decision]} — door {row.decidedBy} op {row.decidedAt ? formatDateTime(row.decidedAt) : ''}
          </p>
        )}
        <form
          className="decision-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!decision) return;
            void apply(
              () => call('alignment.decide', { rowId: row.id, decision, versionId: decision === 'overnemen' && decisionVersion ? Number(decisionVersion) : null, text, dissent }),
              `Besluit bij "${row.theme}" vastgelegd.`,
            );
          }}
        >
          <fieldset className="field" disabled={proposal}>
            <legend>Wat besluit de werkgroep?</legend>
            {DECISIONS.map((d) => (
              <label key={d} className="radio">
                <input type="radio" name="besluit" value={d} checked={decision === d} onChange={() => setDecision(d)} /> {DECISION_LABEL[d]}
              </label>
            ))}
          </fieldset>
          {decision === 'overnemen' && (
            <label className="field">
              Formulering van
              <select value={decisionVersion} onChange={(e) => setDecisionVersion(e.target.value)} required>
                <option value="">kies een standaard…</option>
                {grid.versions.map((v) => (
                  <option key={v.versionId} value={v.versionId}>
                    {versionTitle(v)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {decision && (
            <>
              <label className="field">
                {TEXT_LABEL[decision]}
                <textarea rows={decision === 'samenvoegen' ? 6 : 3} value={text} onChange={(e) => setText(e.target.value)} />
              </label>
              <label className="field">
                Afwijkende standpunten (wie, en waarom)
                <textarea rows={2} value={dissent} onChange={(e) => setDissent(e.target.value)} />
              </label>
            </>
          )}
          <div className="row-actions">
            <button type="submit" className="button primary" disabled={busy || proposal || !decision}>
              Besluit opslaan
            </button>
            {row.decision && (
              <button type="button" className="button danger" disabled={busy} onClick={() => void apply(() => call('alignment.decide', { rowId: row.id, decision: null }), `Besluit bij "${row.theme}" ingetrokken.`)}>
                Besluit intrekken
              </button>
            )}
          </div>
        </form>
      </section>

      <section aria-labelledby="cellen-kop">
        <h3 id="cellen-kop">Per standaard</h3>
        {row.cells.map((cell) => (
          <div key={cell.versionId} className="panel-cell">
            <h4>{versionName(cell.versionId)}</h4>
            {cell.sections.length === 0 && <p className="muted small">Geen sectie in deze rij.</p>}
            <ul className="plain-list">
              {cell.sections.map((s) => (
                <li key={s.sectionId} className="panel-section-item">
                  <label>
                    <input type="checkbox" checked={picked.includes(s.sectionId)} onChange={(e) => setPicked(e.target.checked ? [...picked, s.sectionId] : picked.filter((x) => x !== s.sectionId))} />{' '}
                    <SectionLabel number={s.number} heading={s.heading} />
                  </label>
                  <button type="button" className="button small" disabled={busy} onClick={() => void apply(() => call('alignment.placeSection', { pilotId: pilot.id, sectionId: s.sectionId, rowId: null }), `"${s.heading}" uit de rij gehaald.`)}>
                    Uit rij halen
                  </button>
                </li>
              ))}
            </ul>
            <CellNote key={`${cell.versionId}-${cell.note ?? ''}-${cell.classification ?? ''}`} rowId={row.id} versionId={cell.versionId} classification={cell.classification} note={cell.note} busy={busy} apply={apply} label={versionName(cell.versionId)} />
          </div>
        ))}
      </section>

      <section aria-labelledby="vergelijk-kop">
        <h3 id="vergelijk-kop">Naast elkaar vergelijken</h3>
        <div className="checks">
          {row.cells.map((c) => (
            <label key={c.versionId}>
              <input type="checkbox" disabled={c.sections.length === 0} checked={compare.includes(c.versionId)} onChange={(e) => setCompare(e.target.checked ? [...compare, c.versionId].slice(-4) : compare.filter((x) => x !== c.versionId))} /> {versionName(c.versionId)}
            </label>
          ))}
        </div>
        {compareHref ? (
          <a className="button" href={compareHref}>
            Vergelijk {compareCells.length} kolommen
          </a>
        ) : (
          <p className="muted small">Kies twee tot vier standaarden met een sectie in deze rij.</p>
        )}
      </section>

      <section aria-labelledby="indeling-kop">
        <h3 id="indeling-kop">Rij bewerken</h3>
        <form
          className="inline-form wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void apply(() => call('alignment.renameRow', { rowId: row.id, theme }), 'Thema hernoemd.');
          }}
        >
          <label className="field grow">
            Thema
            <input value={theme} onChange={(e) => setTheme(e.target.value)} />
          </label>
          <button type="submit" className="button" disabled={busy || theme.trim() === row.theme}>
            Hernoemen
          </button>
        </form>
        <div className="row-actions">
          <button type="button" className="button small" disabled={busy || index <= 0} onClick={() => void apply(() => call('alignment.moveRow', { rowId: row.id, toIndex: index - 1 }), 'Rij omhoog verplaatst.')}>
            Omhoog
          </button>
          <button type="button" className="button small" disabled={busy || index >= grid.rows.length - 1} onClick={() => void apply(() => call('alignment.moveRow', { rowId: row.id, toIndex: index + 1 }), 'Rij omlaag verplaatst.')}>
            Omlaag
          </button>
          <select
            aria-label="Samenvoegen met rij"
            value=""
            disabled={busy}
            onChange={(e) => e.target.value && void apply(() => call('alignment.mergeRows', { rowId: row.id, intoRowId: Number(e.target.value) }), `"${row.theme}" is samengevoegd.`).then((g) => g && onClose())}
          >
            <option value="">samenvoegen met…</option>
            {grid.rows
              .filter((r) => r.id !== row.id)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.theme}
                </option>
              ))}
          </select>
          <button type="button" className="button small danger" disabled={busy} onClick={() => window.confirm(`Rij "${row.theme}" verwijderen? De secties worden weer niet geplaatst.`) && void apply(() => call('alignment.deleteRow', { rowId: row.id }), `Rij "${row.theme}" verwijderd.`).then((g) => g && onClose())}>
            Rij verwijderen
          </button>
        </div>
        <form
          className="inline-form wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void apply(() => call('alignment.splitRow', { rowId: row.id, sectionIds: picked, theme: splitTheme }), `Nieuwe rij "${splitTheme.trim()}" gemaakt.`).then((g) => {
              if (g) {
                setPicked([]);
                setSplitTheme('');
              }
            });
          }}
        >
          <label className="field grow">
            Gekozen secties ({picked.length}) naar een nieuwe rij met thema
            <input value={splitTheme} onChange={(e) => setSplitTheme(e.target.value)} />
          </label>
          <button type="submit" className="button" disabled={busy || picked.length === 0 || !splitTheme.trim()}>
            Splitsen
          </button>
        </form>
      </section>

      <section aria-labelledby="opmerkingen-kop">
        <h3 id="opmerkingen-kop">Opmerkingen ({row.comments.length})</h3>
        <ul className="plain-list comments">
          {row.comments.map((c) => (
            <li key={c.id}>
              <p className="pre-wrap">{c.body}</p>
              <p className="muted small">
                {c.author}, {formatDateTime(c.createdAt)}{' '}
                <button type="button" className="link-button small" onClick={() => void apply(() => call('alignment.deleteComment', { commentId: c.id }), 'Opmerking verwijderd.')}>
                  verwijderen
                </button>
              </p>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void apply(() => call('alignment.comment', { rowId: row.id, body: comment }), 'Opmerking geplaatst.').then((g) => g && setComment(''));
          }}
        >
          <label className="field">
            Nieuwe opmerking
            <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <button type="submit" className="button small" disabled={busy || !comment.trim()}>
            Plaatsen
          </button>
        </form>
      </section>
      <p className="muted small">
        <a href={href.pilot(pilot.id, 'uitlijning')}>Terug naar het overzicht</a>
      </p>
    </aside>
  );
}

function CellNote(props: { rowId: number; versionId: number; classification: Classification | null; note: string | null; busy: boolean; label: string; apply: Props['apply'] }) {
  const [classification, setClassification] = useState<Classification | ''>(props.classification ?? '');
  const [note, setNote] = useState(props.note ?? '');
  const dirty = classification !== (props.classification ?? '') || note !== (props.note ?? '');
  return (
    <form
      className="cell-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void props.apply(() => call('alignment.classify', { rowId: props.rowId, versionId: props.versionId, classification: classification || null, note }), `Indeling van ${props.label} opgeslagen.`);
      }}
    >
      <label className="field">
        Indeling
        <select value={classification} onChange={(e) => setClassification(e.target.value as Classification | '')}>
          <option value="">niet ingedeeld</option>
          {CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {CLASSIFICATION_LABEL[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Notitie
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="button small" disabled={props.busy || !dirty}>
        Opslaan
      </button>
    </form>
  );
}
