import { useRef, useState } from 'react';
import type { MergeChoice, MergeConflict, MergePlan, MergeResult } from '../../../common/merge';
import { BACKUP_REASON_LABEL, PROJECT_FILE_EXTENSION } from '../../../common/workspace';
import { call } from '../api-client';
import { fileToBase64, formatBytes } from '../files';
import { formatDateTime } from '../format';
import { ErrorText, StatusMessage } from './StatusMessage';

type Choices = Record<string, MergeChoice>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A count in a table cell; zeros recede so the numbers that matter stand out. */
const Count = ({ n }: { n: number }) => <td className={n ? 'numeric' : 'numeric muted'}>{n}</td>;

function ConflictCard({ conflict, from, choice, onChoose }: { conflict: MergeConflict; from: string; choice: MergeChoice | undefined; onChoose: (c: MergeChoice) => void }) {
  const deleted = conflict.type === 'verwijderd';
  const name = `keuze-${conflict.key}`;
  return (
    <fieldset className={`merge-conflict${choice ? ` chose-${choice}` : ''}`} data-conflict={conflict.key}>
      <legend>
        {conflict.title}
        {conflict.context && <span className="muted small"> · {conflict.context}</span>}
      </legend>
      <table className="simple-table merge-diff">
        <thead>
          <tr>
            <th scope="col">Veld</th>
            <th scope="col">Mijn versie</th>
            <th scope="col">Versie van {from}</th>
          </tr>
        </thead>
        <tbody>
          {conflict.fields.map((f) => (
            <tr key={f.label}>
              <th scope="row">{f.label}</th>
              <td className={choice === 'hun' ? 'merge-dropped' : undefined}>{f.mine}</td>
              <td className={choice === 'mijn' ? 'merge-dropped' : undefined}>{f.theirs}</td>
            </tr>
          ))}
          {(conflict.mineNote || conflict.theirsNote) && (
            <tr className="muted small">
              <th scope="row">Laatst</th>
              <td>{conflict.mineNote ?? '—'}</td>
              <td>{conflict.theirsNote ?? '—'}</td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="merge-choice" role="radiogroup" aria-label={`Keuze bij ${conflict.title}`}>
        <label>
          <input type="radio" name={name} checked={choice === 'mijn'} onChange={() => onChoose('mijn')} />
          {deleted ? 'Verwijderd laten (mijn keuze)' : 'Mijn versie houden'}
        </label>
        <label>
          <input type="radio" name={name} checked={choice === 'hun'} onChange={() => onChoose('hun')} />
          {deleted ? `Terugzetten uit het bestand van ${from}` : `Versie van ${from} overnemen`}
        </label>
      </div>
    </fieldset>
  );
}

function PlanView({ plan, busy, onApply, onCancel }: { plan: MergePlan; busy: boolean; onApply: (choices: Choices) => void; onCancel: () => void }) {
  const [choices, setChoices] = useState<Choices>({});
  const from = plan.source.exportedBy ?? 'je collega';
  const open = plan.conflicts.filter((c) => !choices[c.key]).length;
  const rows = plan.counts.filter((c) => c.nieuw + c.gelijk + c.conflicten + c.overgeslagen > 0);
  const nothing = plan.totals.nieuw === 0 && plan.conflicts.length === 0;
  const chooseAll = (choice: MergeChoice) => setChoices(Object.fromEntries(plan.conflicts.map((c) => [c.key, choice])));
  return (
    <div className="merge-plan" data-testid="merge-plan">
      <p>
        <strong>{plan.source.fileName}</strong> van <strong>{from}</strong>
        {plan.source.exportedAt && <> (geëxporteerd op {formatDateTime(plan.source.exportedAt)})</>}:{' '}
        {plural(plan.totals.nieuw, 'nieuw onderdeel', 'nieuwe onderdelen')}, {plan.totals.gelijk} gelijk, {plural(plan.totals.conflicten, 'conflict', 'conflicten')}
        {plan.totals.overgeslagen > 0 && <>, {plan.totals.overgeslagen} niet over te nemen</>}.
      </p>
      <table className="simple-table merge-counts" data-testid="merge-counts">
        <thead>
          <tr>
            <th scope="col">Onderdeel</th>
            <th scope="col" className="numeric">
              Nieuw
            </th>
            <th scope="col" className="numeric">
              Gelijk
            </th>
            <th scope="col" className="numeric">
              Conflicten
            </th>
            <th scope="col" className="numeric">
              Niet over te nemen
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.kind} data-kind={c.kind}>
              <th scope="row">
                {c.label}
                {c.examples.length > 0 && <span className="muted small merge-examples">{c.examples.join(' · ')}</span>}
              </th>
              <Count n={c.nieuw} />
              {c.kind === 'teksten' ? <td /> : <Count n={c.gelijk} />}
              <Count n={c.conflicten} />
              <Count n={c.overgeslagen} />
            </tr>
          ))}
        </tbody>
      </table>
      {plan.texts.length > 0 && (
        <p className="small">
          Deze {plan.texts.length === 1 ? 'tekst heb' : 'teksten heb'} je nog niet; {plan.texts.length === 1 ? 'hij komt' : 'ze komen'} mee uit het bestand, omdat er iets op staat dat je overneemt: {plan.texts.join('; ')}.
        </p>
      )}
      {plan.skipped.length + plan.skippedNotListed > 0 && (
        <details className="merge-skipped">
          <summary>Niet over te nemen ({plan.totals.overgeslagen})</summary>
          <ul>
            {plan.skipped.map((s, i) => (
              <li key={i}>
                <strong>{s.title}</strong>: {s.reason}
              </li>
            ))}
            {plan.skippedNotListed > 0 && <li className="muted">en {plural(plan.skippedNotListed, 'onderdeel dat hoort', 'onderdelen die horen')} bij wat hierboven staat.</li>}
          </ul>
        </details>
      )}
      {plan.conflicts.length > 0 && (
        <section aria-labelledby="merge-conflicts-title">
          <div className="section-head">
            <h3 id="merge-conflicts-title">Conflicten ({plan.conflicts.length})</h3>
            <div className="merge-all">
              <button type="button" className="button small" onClick={() => chooseAll('mijn')}>
                Alles mijn versie
              </button>
              <button type="button" className="button small" onClick={() => chooseAll('hun')}>
                Alles versie van {from}
              </button>
            </div>
          </div>
          <p className="muted small">Bij jullie allebei, maar verschillend. Kies per conflict welke versie blijft. Een versie die je vervangt, blijft bewaard in het logboek en in de back-up die vooraf wordt gemaakt.</p>
          {plan.conflicts.map((c) => (
            <ConflictCard key={c.key} conflict={c} from={from} choice={choices[c.key]} onChoose={(choice) => setChoices((prev) => ({ ...prev, [c.key]: choice }))} />
          ))}
        </section>
      )}
      <div className="actions merge-actions">
        <button type="button" className="button primary" disabled={busy || open > 0 || nothing} onClick={() => onApply(choices)}>
          {busy ? 'Bezig met samenvoegen…' : 'Samenvoegen'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          Annuleren
        </button>
        {open > 0 && <span className="muted small">Nog {plural(open, 'conflict', 'conflicten')} zonder keuze.</span>}
        {nothing && <span className="muted small">Er is niets nieuws om samen te voegen.</span>}
      </div>
    </div>
  );
}

function ResultView({ result }: { result: MergeResult }) {
  const rows = result.counts.filter((c) => c.toegevoegd + c.overgenomen + c.behouden + c.overgeslagen > 0);
  const from = result.source.exportedBy ?? 'je collega';
  return (
    <div className="merge-result" data-testid="merge-result" role="status">
      <p>
        <strong>Samengevoegd met het werk van {from}:</strong> {result.totals.toegevoegd} toegevoegd, {result.totals.overgenomen} overgenomen van {from}, {result.totals.behouden} eigen versie behouden
        {result.totals.overgeslagen > 0 && <>, {result.totals.overgeslagen} niet overgenomen</>}.
      </p>
      {result.backup && (
        <p className="small">
          Back-up vooraf: {formatDateTime(result.backup.createdAt)} ({BACKUP_REASON_LABEL[result.backup.reason].toLowerCase()}, {formatBytes(result.backup.sizeBytes)}) — zet die terug onder Back-ups om het samenvoegen ongedaan te maken.
        </p>
      )}
      {result.textsImported.length > 0 && <p className="small">Meegekomen teksten: {result.textsImported.join('; ')}.</p>}
      {rows.length > 0 && (
        <table className="simple-table merge-counts">
          <thead>
            <tr>
              <th scope="col">Onderdeel</th>
              <th scope="col" className="numeric">
                Toegevoegd
              </th>
              <th scope="col" className="numeric">
                Overgenomen
              </th>
              <th scope="col" className="numeric">
                Eigen behouden
              </th>
              <th scope="col" className="numeric">
                Niet overgenomen
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.kind}>
                <th scope="row">{c.label}</th>
                <Count n={c.toegevoegd} />
                <Count n={c.overgenomen} />
                <Count n={c.behouden} />
                <Count n={c.overgeslagen} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * Werkruimte › Samenvoegen: a colleague's project file into your workspace. Choose the file, see
 * the plan (what is new, identical, in conflict, not placeable), choose per conflict, apply.
 */
export function MergePanel({ readOnly, onMerged }: { readOnly: boolean; onMerged?: () => void }) {
  const [plan, setPlan] = useState<MergePlan | null>(null);
  const [result, setResult] = useState<MergeResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const reset = () => {
    if (fileInput.current) fileInput.current.value = '';
  };
  const preview = async (file: File) => {
    setBusy('preview');
    setError(null);
    setResult(null);
    setPlan(null);
    try {
      setPlan(await call('merge.preview', { fileName: file.name, dataBase64: await fileToBase64(file) }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
      reset();
    }
  };
  const apply = async (choices: Choices) => {
    if (!plan) return;
    setBusy('apply');
    setError(null);
    try {
      const done = await call('merge.apply', { planId: plan.planId, resolutions: choices });
      setResult(done);
      setPlan(null);
      onMerged?.();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const cancel = () => {
    if (plan) void call('merge.discard', { planId: plan.planId }).catch(() => undefined);
    setPlan(null);
    setError(null);
  };

  return (
    <section aria-labelledby="merge-title" className="workspace-section merge-panel">
      <h2 id="merge-title">Samenvoegen met het werk van een collega</h2>
      <p>
        Haal annotaties, opmerkingen, indelingen en besluiten, stemmen en antwoorden uit het projectbestand van een collega in je eigen werkruimte. Wat nieuw is, komt erbij; wat jullie allebei
        hetzelfde hebben, blijft één keer staan; waar jullie verschillen, kies je zelf welke versie blijft. Je ziet eerst wat er gebeurt; pas bij “Samenvoegen” verandert er iets, na een back-up.
      </p>
      <p className="muted small">
        Verwijderen gaat niet mee: wat je collega heeft verwijderd, blijft bij jou staan. Wat jij hebt verwijderd en je collega nog heeft, vraagt Richtsnoer je eerst (bij annotaties, rijen van
        de uitlijning en teksten); ander verwijderd werk komt als nieuw terug.
      </p>
      {readOnly ? (
        <p className="notice">Je bekijkt nu een projectbestand. Ga terug naar je eigen werkruimte om het werk van een collega samen te voegen.</p>
      ) : (
        <label className="button file-button">
          {busy === 'preview' ? 'Projectbestand controleren…' : `Projectbestand kiezen om samen te voegen (${PROJECT_FILE_EXTENSION})…`}
          <input
            ref={fileInput}
            type="file"
            className="visually-hidden"
            accept={`${PROJECT_FILE_EXTENSION},application/octet-stream`}
            disabled={busy !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void preview(file);
            }}
          />
        </label>
      )}
      {busy === 'preview' && <p role="status">Projectbestand controleren en vergelijken met je werkruimte…</p>}
      <ErrorText error={error} />
      {plan && <PlanView key={plan.planId} plan={plan} busy={busy === 'apply'} onApply={(c) => void apply(c)} onCancel={cancel} />}
      {result && (result.changed ? <ResultView result={result} /> : <StatusMessage message={{ kind: 'ok', text: 'Er was niets nieuws om samen te voegen; je werkruimte is niet gewijzigd.' }} />)}
    </section>
  );
}
