import { useMemo, useState } from 'react';
import { PERSPECTIVES, type Perspective } from '../../../common/lists';
import {
  MEMBER_ROLES,
  MEMBER_ROLE_LABEL,
  PILOT_PHASES,
  PILOT_PHASE_LABEL,
  missingAgreements,
  type MemberRole,
  type Pilot,
  type PilotPhase,
} from '../../../common/pilots';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { useLoad } from '../use-api';
import type { Notify } from './PilotScreen';
import { versionTitle } from './PilotBits';

interface Props {
  pilot: Pilot;
  onChanged: () => void;
  notify: Notify;
}

/** Runs an api call, reports the outcome, and reloads the pilot. */
function useRun(onChanged: () => void, notify: Notify) {
  return async (action: () => Promise<unknown>, ok: string): Promise<boolean> => {
    try {
      await action();
      notify({ kind: 'ok', text: ok });
      onChanged();
      return true;
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
      return false;
    }
  };
}

/** Why the next phase cannot be reached yet, said before the user tries (the backend checks too). */
function nextPhaseBlocker(pilot: Pilot, next: PilotPhase): string | null {
  if (next === 'gestart') {
    const missing = missingAgreements(pilot);
    if (missing.length) return `Leg eerst ${missing.join(' en ')} vast.`;
  }
  if (next === 'geevalueerd' && (!pilot.evaluationResult?.trim() || !pilot.evaluationLearning?.trim())) return 'Vul eerst het resultaat voor de standaard en het leerresultaat in.';
  return null;
}

function PhaseStepper({ pilot, onChanged, notify }: Props) {
  const run = useRun(onChanged, notify);
  const index = PILOT_PHASES.indexOf(pilot.phase);
  const next = PILOT_PHASES[index + 1];
  const blocker = next ? nextPhaseBlocker(pilot, next) : null;
  return (
    <section aria-labelledby="fase-kop" className="panel-section">
      <h2 id="fase-kop">Fase</h2>
      <ol className="phase-stepper">
        {PILOT_PHASES.map((phase, i) => (
          <li key={phase} className={i < index ? 'done' : i === index ? 'current' : ''} aria-current={i === index ? 'step' : undefined}>
            {PILOT_PHASE_LABEL[phase]}
          </li>
        ))}
      </ol>
      <div className="toolbar">
        {next && (
          <button type="button" className="button primary" disabled={blocker !== null} aria-describedby={blocker ? 'fase-blokkade' : undefined} onClick={() => void run(() => call('pilots.setPhase', { pilotId: pilot.id, phase: next }), `De pilot is nu "${PILOT_PHASE_LABEL[next]}".`)}>
            Naar fase "{PILOT_PHASE_LABEL[next]}"
          </button>
        )}
        {index > 0 && (
          <label className="inline-field">
            Terugzetten naar
            <select value="" onChange={(e) => e.target.value && void run(() => call('pilots.setPhase', { pilotId: pilot.id, phase: e.target.value as PilotPhase }), `De pilot is teruggezet naar "${PILOT_PHASE_LABEL[e.target.value as PilotPhase]}".`)}>
              <option value="">kies…</option>
              {PILOT_PHASES.slice(0, index).map((p) => (
                <option key={p} value={p}>
                  {PILOT_PHASE_LABEL[p]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {blocker && (
        <p id="fase-blokkade" className="notice">
          {blocker}
        </p>
      )}
    </section>
  );
}

/** A text that is saved as a whole with one button; shows whether it has unsaved changes. */
function SavedText({ label, value, onSave, rows = 4, hint }: { label: string; value: string | null; onSave: (v: string) => Promise<boolean>; rows?: number; hint?: string }) {
  const [draft, setDraft] = useState(value ?? '');
  const dirty = draft !== (value ?? '');
  const id = useMemo(() => `t-${label.replace(/\W+/g, '-').toLowerCase()}`, [label]);
  return (
    <div className="field saved-text">
      <label htmlFor={id}>{label}</label>
      {hint && <span className="muted small">{hint}</span>}
      <textarea id={id} rows={rows} value={draft} onChange={(e) => setDraft(e.target.value)} />
      <div>
        <button type="button" className="button small" disabled={!dirty} onClick={() => void onSave(draft)}>
          Opslaan
        </button>
        {dirty && <span className="muted small"> Niet opgeslagen wijzigingen</span>}
      </div>
    </div>
  );
}

function Members({ pilot, onChanged, notify }: Props) {
  const catalogue = useCatalogue();
  const run = useRun(onChanged, notify);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [perspective, setPerspective] = useState<Perspective>('professionals');
  const [role, setRole] = useState<MemberRole>('lid');
  const orgByName = new Map(catalogue.organisations.map((o) => [o.abbreviation ? `${o.name} (${o.abbreviation})` : o.name, o.id]));
  const perspectiveLabel = (p: Perspective) => catalogue.label('perspective', p);

  const add = async () => {
    const organisationId = orgByName.get(organisation) ?? null;
    const done = await run(
      () => call('pilots.addMember', { pilotId: pilot.id, name, perspective, role, ...(organisationId ? { organisationId } : { organisation }) }),
      `${name.trim()} is toegevoegd aan de werkgroep.`,
    );
    if (done) {
      setName('');
      setOrganisation('');
    }
  };

  const byPerspective = PERSPECTIVES.map((p) => ({ p, n: pilot.members.filter((m) => m.perspective === p).length }));
  return (
    <section aria-labelledby="leden-kop" className="panel-section">
      <h2 id="leden-kop">Werkgroep</h2>
      <p className="muted small">{byPerspective.map(({ p, n }) => `${perspectiveLabel(p)}: ${n}`).join(' · ')}</p>
      {pilot.members.length > 0 && (
        <table className="simple-table">
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Organisatie</th>
              <th scope="col">Perspectief</th>
              <th scope="col">Rol</th>
              <th scope="col">
                <span className="visually-hidden">Acties</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pilot.members.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.organisation ?? <span className="muted">—</span>}</td>
                <td>{perspectiveLabel(m.perspective)}</td>
                <td>
                  <select aria-label={`Rol van ${m.name}`} value={m.role} onChange={(e) => void run(() => call('pilots.updateMember', { memberId: m.id, role: e.target.value as MemberRole }), `Rol van ${m.name} aangepast.`)}>
                    {MEMBER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {MEMBER_ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" className="button small danger" onClick={() => void run(() => call('pilots.removeMember', { memberId: m.id }), `${m.name} is uit de werkgroep gehaald.`)}>
                    Verwijderen
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="inline-form wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="field">
          Naam
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label className="field">
          Organisatie
          <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} list="pilot-organisaties" placeholder="uit de lijst of vrij" />
          <datalist id="pilot-organisaties">
            {[...orgByName.keys()].map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <label className="field">
          Perspectief
          <select value={perspective} onChange={(e) => setPerspective(e.target.value as Perspective)}>
            {PERSPECTIVES.map((p) => (
              <option key={p} value={p}>
                {perspectiveLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Rol
          <select value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {MEMBER_ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Lid toevoegen
        </button>
      </form>
    </section>
  );
}

function Versions({ pilot, onChanged, notify }: Props) {
  const run = useRun(onChanged, notify);
  const all = useLoad(() => call('versions.all'), []);
  const [filter, setFilter] = useState('');
  const [pick, setPick] = useState('');
  const ids = pilot.versions.map((v) => v.versionId);

  const save = async (next: number[], ok: string) => {
    try {
      await call('pilots.setVersions', { pilotId: pilot.id, versionIds: next });
      notify({ kind: 'ok', text: ok });
      onChanged();
    } catch (e) {
      const message = (e as Error).message;
      if (/Bevestig/.test(message) && window.confirm(`${message}\n\nDoorgaan?`)) {
        await run(() => call('pilots.setVersions', { pilotId: pilot.id, versionIds: next, discardCells: true }), ok);
      } else notify({ kind: 'error', text: message });
    }
  };
  const move = (i: number, delta: number) => {
    const next = [...ids];
    const [v] = next.splice(i, 1);
    next.splice(i + delta, 0, v as number);
    void save(next, 'Volgorde van de kolommen aangepast.');
  };
  const choices = (all.data ?? []).filter((v) => !ids.includes(v.id) && `${v.standardTitle} ${v.standardShortTitle ?? ''} ${v.label}`.toLowerCase().includes(filter.trim().toLowerCase()));

  return (
    <section aria-labelledby="versies-kop" className="panel-section">
      <h2 id="versies-kop">Standaarden in deze pilot</h2>
      <p className="muted small">Elke versie wordt een kolom in de uitlijning, in deze volgorde.</p>
      {pilot.versions.length === 0 && <p className="muted">Nog geen standaarden gekozen.</p>}
      <ol className="version-order">
        {pilot.versions.map((v, i) => (
          <li key={v.versionId}>
            <span>
              <strong>{versionTitle(v)}</strong> <span className="muted small">({v.status}, {v.sectionCount} secties{v.owners ? `, ${v.owners}` : ''})</span>
            </span>
            <span className="row-actions">
              <button type="button" className="button small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${versionTitle(v)} naar links`}>
                ↑
              </button>
              <button type="button" className="button small" disabled={i === ids.length - 1} onClick={() => move(i, 1)} aria-label={`${versionTitle(v)} naar rechts`}>
                ↓
              </button>
              <button type="button" className="button small danger" onClick={() => void save(ids.filter((x) => x !== v.versionId), `${versionTitle(v)} is uit de pilot gehaald.`)}>
                Weghalen
              </button>
            </span>
          </li>
        ))}
      </ol>
      <form
        className="inline-form wrap"
        onSubmit={(e) => {
          e.preventDefault();
          if (pick) void save([...ids, Number(pick)], 'Versie toegevoegd aan de pilot.').then(() => setPick(''));
        }}
      >
        <label className="field">
          Zoek een standaard
          <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="bijv. ADHD" />
        </label>
        <div className="field grow">
          <label htmlFor="pilot-versie-keuze">Versie</label>
          <select id="pilot-versie-keuze" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{all.data && all.data.length === 0 ? 'Importeer eerst teksten van standaarden' : `kies uit ${choices.length} versies…`}</option>
            {choices.map((v) => (
              <option key={v.id} value={v.id}>
                {v.standardShortTitle ?? v.standardTitle} · {v.label} ({v.status})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={!pick}>
          Versie toevoegen
        </button>
      </form>
    </section>
  );
}

function Reflections({ pilot, onChanged, notify }: Props) {
  const catalogue = useCatalogue();
  const run = useRun(onChanged, notify);
  const [heldOn, setHeldOn] = useState(new Date().toISOString().slice(0, 10));
  const [present, setPresent] = useState<Perspective[]>([]);
  const [notes, setNotes] = useState('');
  return (
    <section aria-labelledby="reflectie-kop" className="panel-section">
      <h2 id="reflectie-kop">Reflectiemomenten</h2>
      {pilot.reflections.length === 0 && <p className="muted">Nog geen reflectiemomenten vastgelegd.</p>}
      <ul className="plain-list">
        {pilot.reflections.map((r) => (
          <li key={r.id}>
            <strong>{r.heldOn}</strong> — {r.perspectives.length ? r.perspectives.map((p) => catalogue.label('perspective', p)).join(', ') : 'geen perspectieven vastgelegd'}
            {r.notes && <p className="pre-wrap">{r.notes}</p>}
            <button type="button" className="button small danger" onClick={() => void run(() => call('pilots.removeReflection', { reflectionId: r.id }), 'Reflectiemoment verwijderd.')}>
              Verwijderen
            </button>
          </li>
        ))}
      </ul>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => call('pilots.addReflection', { pilotId: pilot.id, heldOn, perspectives: present, notes }), 'Reflectiemoment vastgelegd.').then((ok) => ok && setNotes(''));
        }}
      >
        <label className="field">
          Datum
          <input type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} required />
        </label>
        <fieldset className="field">
          <legend>Aanwezige perspectieven</legend>
          <div className="checks">
            {PERSPECTIVES.map((p) => (
              <label key={p}>
                <input type="checkbox" checked={present.includes(p)} onChange={(e) => setPresent(e.target.checked ? [...present, p] : present.filter((x) => x !== p))} /> {catalogue.label('perspective', p)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field full">
          Wat kwam eruit
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <div className="field full">
          <button type="submit" className="button">
            Reflectiemoment toevoegen
          </button>
        </div>
      </form>
    </section>
  );
}

export function PilotOverview(props: Props) {
  const { pilot, onChanged, notify } = props;
  const run = useRun(onChanged, notify);
  const update = (fields: Record<string, string>, ok: string) => run(() => call('pilots.update', { pilotId: pilot.id, ...fields }), ok);
  return (
    <div className="pilot-overview">
      <PhaseStepper {...props} />
      <section aria-labelledby="afspraken-kop" className="panel-section">
        <h2 id="afspraken-kop">Afspraken</h2>
        <p className="muted small">Een pilot start pas als beide afspraken zijn vastgelegd.</p>
        <div className="form-grid">
          <SavedText key={`e-${pilot.agreementEmbedding ?? ''}`} label="Inbedding" hint="Hoe landt de uitkomst in de standaard(en) en bij de eigenaren?" value={pilot.agreementEmbedding} onSave={(v) => update({ agreementEmbedding: v }, 'Afspraak over inbedding opgeslagen.')} />
          <SavedText key={`f-${pilot.agreementFlexibility ?? ''}`} label="Flexibiliteit en lerend aspect" hint="Wat mag onderweg veranderen, en hoe wordt er geleerd?" value={pilot.agreementFlexibility} onSave={(v) => update({ agreementFlexibility: v }, 'Afspraak over flexibiliteit opgeslagen.')} />
        </div>
      </section>
      <Versions {...props} />
      <Members {...props} />
      <section aria-labelledby="omschrijving-kop" className="panel-section">
        <h2 id="omschrijving-kop">Omschrijving</h2>
        <SavedText key={`d-${pilot.description ?? ''}`} label="Aanleiding en doel" value={pilot.description} onSave={(v) => update({ description: v }, 'Omschrijving opgeslagen.')} />
      </section>
      <section aria-labelledby="evaluatie-kop" className="panel-section">
        <h2 id="evaluatie-kop">Evaluatie</h2>
        <div className="form-grid">
          <SavedText key={`r-${pilot.evaluationResult ?? ''}`} label="Resultaat voor de standaard" value={pilot.evaluationResult} onSave={(v) => update({ evaluationResult: v }, 'Resultaat opgeslagen.')} />
          <SavedText key={`l-${pilot.evaluationLearning ?? ''}`} label="Leerresultaat" value={pilot.evaluationLearning} onSave={(v) => update({ evaluationLearning: v }, 'Leerresultaat opgeslagen.')} />
        </div>
      </section>
      <Reflections {...props} />
    </div>
  );
}
