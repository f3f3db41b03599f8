import { useEffect, useState } from 'react';
import { CLASSIFICATIONS, CLASSIFICATION_LABEL, DECISION_LABEL, type AlignmentGrid, type Classification, type GridRow, type Pilot } from '../../../common/pilots';
import { call } from '../api-client';
import { ErrorText } from '../components/StatusMessage';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import type { Notify } from './PilotScreen';
import { ProgressText, SectionLabel, percent, versionTitle } from './PilotBits';
import { RowPanel } from './RowPanel';

interface Props {
  pilot: Pilot;
  params: URLSearchParams;
  notify: Notify;
  onChanged: () => void;
}

/** The grid: rows are themes, columns the pilot's versions; a row opens in a side panel. */
export function AlignmentTab({ pilot, params, notify, onChanged }: Props) {
  const loaded = useLoad(() => call('alignment.grid', { pilotId: pilot.id }), [pilot.id]);
  const [grid, setGrid] = useState<AlignmentGrid | null>(null);
  const [busy, setBusy] = useState(false);
  const [onlyOpen, setOnlyOpen] = useState(params.get('open') === '1');
  const [newTheme, setNewTheme] = useState('');
  const [showUnplaced, setShowUnplaced] = useState(false);
  const selectedId = Number(params.get('rij')) || null;

  useEffect(() => setGrid(loaded.data), [loaded.data]);

  /** Every grid method returns the new grid: show it at once, refresh the header counts. */
  const apply = async (action: () => Promise<AlignmentGrid>, ok: string): Promise<AlignmentGrid | null> => {
    setBusy(true);
    try {
      const next = await action();
      setGrid(next);
      notify({ kind: 'ok', text: ok });
      onChanged();
      return next;
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const select = (rowId: number | null) => {
    const next = new URLSearchParams(params);
    if (rowId) next.set('rij', String(rowId));
    else next.delete('rij');
    navigate(href.pilot(pilot.id, 'uitlijning', next), { replace: true });
  };

  if (loaded.error) return <ErrorText error={loaded.error} />;
  if (!grid) return <p className="loading">Uitlijning laden…</p>;
  if (grid.versions.length < 2) {
    return (
      <p className="notice">
        Een uitlijning vergelijkt minstens twee versies. Kies de standaarden bij <a href={href.pilot(pilot.id, 'overzicht')}>Overzicht</a>.
      </p>
    );
  }

  const rows = onlyOpen ? grid.rows.filter((r) => r.decision === null) : grid.rows;
  const selected = grid.rows.find((r) => r.id === selectedId) ?? null;
  const unplacedCount = grid.unplaced.reduce((n, u) => n + u.sections.length, 0);
  const proposed = grid.rows.filter((r) => r.status === 'voorstel').length;

  return (
    <div className="alignment">
      <div className="toolbar alignment-toolbar">
        <button type="button" className="button primary" disabled={busy} onClick={() => void apply(() => call('alignment.propose', { pilotId: pilot.id }), 'Nieuw voorstel gemaakt. Geaccepteerde en zelf gemaakte rijen zijn niet veranderd.')}>
          Voorstel uitlijning
        </button>
        {proposed > 0 && (
          <button type="button" className="button" disabled={busy} onClick={() => void apply(() => call('alignment.acceptAll', { pilotId: pilot.id, minConfidence: 0.6 }), 'Voorstellen met een zekerheid van 60% of meer zijn geaccepteerd.')}>
            Voorstellen ≥ 60% accepteren
          </button>
        )}
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void apply(() => call('alignment.createRow', { pilotId: pilot.id, theme: newTheme }), `Rij "${newTheme.trim()}" toegevoegd.`).then((g) => g && setNewTheme(''));
          }}
        >
          <label className="inline-field">
            Nieuw thema
            <input value={newTheme} onChange={(e) => setNewTheme(e.target.value)} placeholder="bijv. Medicatie" />
          </label>
          <button type="submit" className="button" disabled={busy || !newTheme.trim()}>
            Rij toevoegen
          </button>
        </form>
        <label className="inline-field">
          <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} /> Alleen rijen zonder besluit
        </label>
        <span className="grid-progress" aria-live="polite">
          <ProgressText progress={grid.progress} />
          <span className="muted"> · {grid.progress.classified} van {grid.progress.cells} cellen ingedeeld</span>
        </span>
      </div>
      {grid.rows.length === 0 && <p className="muted">Nog geen rijen. Laat Richtsnoer een voorstel maken of voeg zelf een thema toe.</p>}
      {grid.rows.length > 0 && (
        <div className="grid-scroll">
          <table className="alignment-grid">
            <caption className="visually-hidden">Uitlijning van {pilot.title}: thema's in rijen, standaarden in kolommen</caption>
            <thead>
              <tr>
                <th scope="col" className="theme-col">
                  Thema
                </th>
                {grid.versions.map((v) => (
                  <th key={v.versionId} scope="col">
                    {versionTitle(v)}
                  </th>
                ))}
                <th scope="col" className="decision-col">
                  Besluit
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <GridRowView key={row.id} row={row} grid={grid} selected={row.id === selectedId} busy={busy} apply={apply} onOpen={() => select(row.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unplacedCount > 0 && (
        <section className="panel-section unplaced" aria-labelledby="niet-geplaatst">
          <h2 id="niet-geplaatst">
            <button type="button" className="link-button" aria-expanded={showUnplaced} onClick={() => setShowUnplaced(!showUnplaced)}>
              {showUnplaced ? '▾' : '▸'} Niet geplaatste secties ({unplacedCount})
            </button>
          </h2>
          {showUnplaced && (
            <div className="unplaced-columns">
              {grid.unplaced.map((u) => {
                const version = grid.versions.find((v) => v.versionId === u.versionId);
                return (
                  <div key={u.versionId}>
                    <h3>{version ? versionTitle(version) : u.versionId}</h3>
                    <ul className="plain-list">
                      {u.sections.map((s) => (
                        <li key={s.sectionId} className="unplaced-section">
                          <span>
                            <SectionLabel number={s.number} heading={s.heading} /> <span className="muted small">{s.wordCount} woorden</span>
                          </span>
                          <select
                            aria-label={`Plaats "${s.heading}" in een rij`}
                            value=""
                            onChange={(e) => e.target.value && void apply(() => call('alignment.placeSection', { pilotId: pilot.id, sectionId: s.sectionId, rowId: Number(e.target.value) }), `"${s.heading}" is geplaatst.`)}
                          >
                            <option value="">plaats in rij…</option>
                            {grid.rows.map((r) => (
                              <option key={r.id} value={r.id}>
                                {r.theme}
                              </option>
                            ))}
                          </select>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })}
            </div>
          )}
        </section>
      )}
      {selected && <RowPanel key={selected.id} pilot={pilot} grid={grid} row={selected} busy={busy} apply={apply} onClose={() => select(null)} />}
    </div>
  );
}

interface RowProps {
  row: GridRow;
  grid: AlignmentGrid;
  selected: boolean;
  busy: boolean;
  apply: (action: () => Promise<AlignmentGrid>, ok: string) => Promise<AlignmentGrid | null>;
  onOpen: () => void;
}

function GridRowView({ row, grid, selected, busy, apply, onOpen }: RowProps) {
  const proposal = row.status === 'voorstel';
  return (
    <tr className={`${proposal ? 'proposal' : ''} ${selected ? 'selected' : ''} ${!proposal && !row.decision ? 'open' : ''}`}>
      <th scope="row" className="theme-col">
        <button type="button" className="link-button theme-name" onClick={onOpen} aria-label={`Details van ${row.theme}`}>
          {row.theme}
        </button>
        <div className="badges">
          {proposal && <span className="badge badge-proposal">Voorstel {percent(row.confidence)}</span>}
          {row.comments.length > 0 && <span className="badge">{row.comments.length} {row.comments.length === 1 ? 'opmerking' : 'opmerkingen'}</span>}
        </div>
        {proposal && (
          <div className="row-actions">
            <button type="button" className="button small" disabled={busy} onClick={() => void apply(() => call('alignment.accept', { rowId: row.id }), `"${row.theme}" geaccepteerd.`)}>
              Accepteren
            </button>
            <button type="button" className="button small danger" disabled={busy} onClick={() => void apply(() => call('alignment.reject', { rowId: row.id }), `"${row.theme}" afgewezen; deze combinatie wordt niet opnieuw voorgesteld.`)}>
              Afwijzen
            </button>
          </div>
        )}
      </th>
      {row.cells.map((cell) => {
        const version = grid.versions.find((v) => v.versionId === cell.versionId);
        return (
          <td key={cell.versionId} className={`cell class-${cell.classification ?? 'none'}`}>
            {cell.sections.length === 0 && <span className="muted small">geen sectie</span>}
            {cell.sections.map((s) => (
              <div key={s.sectionId} className="cell-section">
                <a href={version ? href.version(version.standardId, version.versionId, s.sectionId) : undefined} className="cell-heading">
                  <SectionLabel number={s.number} heading={s.heading} />
                </a>
                {s.confidence !== null && proposal && <span className="muted small"> {percent(s.confidence)}</span>}
                <p className="excerpt">{s.excerpt}</p>
              </div>
            ))}
            {!proposal && (
              <select
                className="classification-select"
                aria-label={`Indeling van ${version ? versionTitle(version) : 'deze standaard'} bij ${row.theme}`}
                value={cell.classification ?? ''}
                disabled={busy}
                onChange={(e) =>
                  void apply(
                    () => call('alignment.classify', { rowId: row.id, versionId: cell.versionId, classification: (e.target.value || null) as Classification | null }),
                    `Indeling bij "${row.theme}" opgeslagen.`,
                  )
                }
              >
                <option value="">niet ingedeeld</option>
                {CLASSIFICATIONS.map((c) => (
                  <option key={c} value={c}>
                    {CLASSIFICATION_LABEL[c]}
                  </option>
                ))}
              </select>
            )}
            {cell.note && <p className="cell-note">{cell.note}</p>}
          </td>
        );
      })}
      <td className="decision-col">
        {row.decision ? (
          <>
            <span className="badge badge-decided">{DECISION_LABEL[row.decision]}</span>
            {row.decisionText && <p className="excerpt">{row.decisionText}</p>}
          </>
        ) : proposal ? (
          <span className="muted small">eerst accepteren</span>
        ) : (
          <button type="button" className="button small" onClick={onOpen}>
            Besluiten…
          </button>
        )}
      </td>
    </tr>
  );
}
