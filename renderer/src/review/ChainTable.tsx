import { Fragment, useState } from 'react';
import {
  ADDRESSEE_LABEL,
  ADDRESSEES,
  CHAIN_LEVEL_LABEL,
  CHAIN_LEVELS,
  CHAIN_STATUS_LABEL,
  CHAIN_STATUSES,
  EVIDENCE_KIND_LABEL,
  EVIDENCE_KINDS,
  PRECONDITION_KIND_LABEL,
  PRECONDITION_KINDS,
  type Addressee,
  type ChainLevel,
  type ChainLink,
  type ChainRecommendation,
  type ChainStatus,
  type EvidenceKind,
  type PreconditionKind,
} from '../../../common/review';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { ErrorText } from '../components/StatusMessage';
import { useLoad } from '../use-api';

type Notify = (message: { kind: 'ok' | 'error'; text: string }) => void;

interface LinkDraft {
  preconditionKind: PreconditionKind;
  precondition: string;
  level: ChainLevel;
  status: ChainStatus;
  owner: string;
  addressees: Addressee[];
  note: string;
}

const emptyDraft: LinkDraft = { preconditionKind: 'tijd', precondition: '', level: 'organisatie', status: 'onbekend', owner: '', addressees: [], note: '' };
const draftOf = (l: ChainLink): LinkDraft => ({ preconditionKind: l.preconditionKind, precondition: l.precondition, level: l.level, status: l.status, owner: l.ownerLabel ?? '', addressees: l.addressees, note: l.note ?? '' });

/** The cells of a precondition being added or edited, in the table's columns. */
function LinkEditCells({ draft, setDraft, label }: { draft: LinkDraft; setDraft: (d: LinkDraft) => void; label: string }) {
  return (
    <>
      <td>
        <select aria-label={`Soort randvoorwaarde (${label})`} value={draft.preconditionKind} onChange={(e) => setDraft({ ...draft, preconditionKind: e.target.value as PreconditionKind })}>
          {PRECONDITION_KINDS.map((k) => (
            <option key={k} value={k}>
              {PRECONDITION_KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <textarea aria-label={`Randvoorwaarde (${label})`} value={draft.precondition} onChange={(e) => setDraft({ ...draft, precondition: e.target.value })} rows={2} placeholder="Wat is er nodig?" required />
      </td>
      <td>
        <select aria-label={`Niveau (${label})`} value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.target.value as ChainLevel })}>
          {CHAIN_LEVELS.map((l) => (
            <option key={l} value={l}>
              {CHAIN_LEVEL_LABEL[l]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label={`Status (${label})`} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as ChainStatus })}>
          {CHAIN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {CHAIN_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input aria-label={`Eigenaar (${label})`} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} placeholder="wie regelt het" />
      </td>
      <td>
        <fieldset className="addressee-choice">
          <legend className="visually-hidden">Adressaten ({label})</legend>
          {ADDRESSEES.map((a) => (
            <label key={a} className="checkbox">
              <input
                type="checkbox"
                checked={draft.addressees.includes(a)}
                onChange={(e) => setDraft({ ...draft, addressees: e.target.checked ? [...draft.addressees, a] : draft.addressees.filter((x) => x !== a) })}
              />
              {ADDRESSEE_LABEL[a]}
            </label>
          ))}
        </fieldset>
      </td>
    </>
  );
}

/** Adds evidence to a precondition: a framework, a passage of a standard's text, a procurement clause, or a source in words. */
function EvidenceForm({ link, defaultStandardId, onDone, notify }: { link: ChainLink; defaultStandardId: string | null; onDone: () => void; notify: Notify }) {
  const catalogue = useCatalogue();
  const [kind, setKind] = useState<EvidenceKind>('kader');
  const [standardId, setStandardId] = useState(kind === 'kader' ? 'kwaliteitskader-jeugd' : (defaultStandardId ?? ''));
  const [versionId, setVersionId] = useState('');
  const [sectionId, setSectionId] = useState('');
  const [reference, setReference] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const versions = useLoad(() => (kind === 'passage' && standardId ? call('versions.list', { standardId }) : Promise.resolve([])), [kind, standardId]);
  const sections = useLoad(() => (kind === 'passage' && versionId ? call('versions.get', { versionId: Number(versionId) }).then((v) => v.sections) : Promise.resolve([])), [kind, versionId]);
  // Frameworks first: they are what preconditions are usually arranged in.
  const standards = [...catalogue.standards].sort((a, b) => Number(b.type === 'kwaliteitskader' || b.type === 'veldnorm') - Number(a.type === 'kwaliteitskader' || a.type === 'veldnorm') || a.title.localeCompare(b.title, 'nl'));

  const save = async () => {
    setError(null);
    try {
      await call('chains.addEvidence', {
        linkId: link.id,
        kind,
        ...(kind === 'kader' ? { standardId } : {}),
        ...(kind === 'passage' ? { sectionId: Number(sectionId) } : {}),
        ...(reference.trim() ? { reference } : {}),
        ...(text.trim() ? { text } : {}),
      });
      notify({ kind: 'ok', text: 'Bewijs toegevoegd.' });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="evidence-form" role="group" aria-label={`Bewijs toevoegen bij ${link.precondition}`}>
      <select aria-label="Soort bewijs" value={kind} onChange={(e) => { const k = e.target.value as EvidenceKind; setKind(k); if (k === 'kader') setStandardId('kwaliteitskader-jeugd'); else if (k === 'passage') setStandardId(defaultStandardId ?? ''); }}>
        {EVIDENCE_KINDS.map((k) => (
          <option key={k} value={k}>
            {EVIDENCE_KIND_LABEL[k]}
          </option>
        ))}
      </select>
      {(kind === 'kader' || kind === 'passage') && (
        <select aria-label={kind === 'kader' ? 'Kader of standaard' : 'Standaard van de passage'} value={standardId} onChange={(e) => { setStandardId(e.target.value); setVersionId(''); setSectionId(''); }}>
          <option value="">Kies…</option>
          {standards.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      )}
      {kind === 'passage' && (
        <>
          <select aria-label="Versie" value={versionId} onChange={(e) => { setVersionId(e.target.value); setSectionId(''); }}>
            <option value="">{versions.data && versions.data.length === 0 ? 'geen tekst geïmporteerd' : 'Kies een versie…'}</option>
            {(versions.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
          <select aria-label="Sectie" value={sectionId} onChange={(e) => setSectionId(e.target.value)}>
            <option value="">Kies een sectie…</option>
            {(sections.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.number && s.number !== s.heading ? `${s.number} ${s.heading}` : s.heading}
              </option>
            ))}
          </select>
        </>
      )}
      <input aria-label="Verwijzing" value={reference} onChange={(e) => setReference(e.target.value)} placeholder={kind === 'inkoop' ? 'bijv. Inkoopkader Jeugd regio, art. 4.2' : 'verwijzing (optioneel)'} />
      <input aria-label="Tekst of toelichting" value={text} onChange={(e) => setText(e.target.value)} placeholder={kind === 'inkoop' ? 'wat de afspraak regelt' : 'toelichting (optioneel)'} />
      <button type="button" className="button small" onClick={() => void save()}>
        Bewijs toevoegen
      </button>
      <ErrorText error={error} />
    </div>
  );
}

function LinkRow({ link, first, recommendation, rowSpan, defaultStandardId, onChanged, notify }: { link: ChainLink; first: boolean; recommendation: React.ReactNode; rowSpan: number; defaultStandardId: string | null; onChanged: () => void; notify: Notify }) {
  const [draft, setDraft] = useState<LinkDraft | null>(null);
  const [addingEvidence, setAddingEvidence] = useState(false);
  const run = async (action: () => Promise<unknown>, text: string) => {
    try {
      await action();
      notify({ kind: 'ok', text });
      onChanged();
      return true;
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
      return false;
    }
  };
  const save = async () => {
    if (!draft) return;
    if (await run(() => call('chains.updateLink', { linkId: link.id, ...draft, owner: draft.owner, note: draft.note }), 'Randvoorwaarde opgeslagen.')) setDraft(null);
  };

  return (
    <tr className={`chain-row status-${link.status}`} data-testid="chain-link">
      {first && (
        <th scope="rowgroup" rowSpan={rowSpan} className="chain-recommendation">
          {recommendation}
        </th>
      )}
      {draft ? (
        <LinkEditCells draft={draft} setDraft={setDraft} label={link.precondition} />
      ) : (
        <>
          <td>
            <span className="muted small">{PRECONDITION_KIND_LABEL[link.preconditionKind]}</span>
            <br />
            {link.precondition}
            {link.note && <p className="muted small">{link.note}</p>}
          </td>
          <td>{CHAIN_LEVEL_LABEL[link.level]}</td>
          <td>
            <span className={`badge chain-status-${link.status}`}>{CHAIN_STATUS_LABEL[link.status]}</span>
          </td>
          <td>{link.ownerLabel ?? <span className="muted">—</span>}</td>
          <td>{link.addressees.length ? link.addressees.map((a) => ADDRESSEE_LABEL[a]).join(', ') : <span className="muted">—</span>}</td>
        </>
      )}
      <td>
        {link.evidence.length > 0 && (
          <ul className="evidence-list">
            {link.evidence.map((e) => (
              <li key={e.id} className={e.broken ? 'link-warning' : undefined}>
                <span className="badge">{EVIDENCE_KIND_LABEL[e.kind]}</span> {e.kind === 'inkoop' || e.kind === 'tekst' ? [e.reference, e.text].filter(Boolean).join(': ') : e.summary}
                {draft && (
                  <button type="button" className="link-button" onClick={() => void run(() => call('chains.removeEvidence', { evidenceId: e.id }), 'Bewijs verwijderd.')}>
                    verwijderen
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {addingEvidence ? (
          <EvidenceForm link={link} defaultStandardId={defaultStandardId} notify={notify} onDone={() => { setAddingEvidence(false); onChanged(); }} />
        ) : (
          <button type="button" className="link-button small" onClick={() => setAddingEvidence(true)}>
            + bewijs<span className="visually-hidden"> bij {link.precondition}</span>
          </button>
        )}
      </td>
      <td>
        <div className="chain-actions">
          {draft ? (
            <>
              <label className="visually-hidden" htmlFor={`toelichting-${link.id}`}>
                Toelichting
              </label>
              <textarea id={`toelichting-${link.id}`} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} rows={2} placeholder="toelichting" />
              <button type="button" className="button small primary" onClick={() => void save()}>
                Opslaan
              </button>
              <button type="button" className="button small" onClick={() => setDraft(null)}>
                Annuleren
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button small" onClick={() => setDraft(draftOf(link))}>
                Bewerken<span className="visually-hidden"> ({link.precondition})</span>
              </button>
              <button type="button" className="link-button small" onClick={() => window.confirm(`Randvoorwaarde "${link.precondition}" verwijderen?`) && void run(() => call('chains.deleteLink', { linkId: link.id }), 'Randvoorwaarde verwijderd.')}>
                verwijderen
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

function NewLinkRow({ recommendation, first, recommendationCell, rowSpan, onChanged, notify }: { recommendation: ChainRecommendation; first: boolean; recommendationCell: React.ReactNode; rowSpan: number; onChanged: () => void; notify: Notify }) {
  const [draft, setDraft] = useState<LinkDraft | null>(null);
  const save = async () => {
    if (!draft) return;
    try {
      await call('chains.addLink', { recommendationId: recommendation.id, ...draft });
      notify({ kind: 'ok', text: 'Randvoorwaarde toegevoegd.' });
      setDraft(null);
      onChanged();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };
  return (
    <tr className="chain-add-row">
      {first && (
        <th scope="rowgroup" rowSpan={rowSpan} className="chain-recommendation">
          {recommendationCell}
        </th>
      )}
      {draft ? (
        <>
          <LinkEditCells draft={draft} setDraft={setDraft} label="nieuw" />
          <td />
          <td>
            <div className="chain-actions">
              <button type="button" className="button small primary" onClick={() => void save()}>
                Toevoegen
              </button>
              <button type="button" className="button small" onClick={() => setDraft(null)}>
                Annuleren
              </button>
            </div>
          </td>
        </>
      ) : (
        <td colSpan={7}>
          <button type="button" className="link-button" onClick={() => setDraft({ ...emptyDraft })}>
            + Randvoorwaarde toevoegen<span className="visually-hidden"> bij {recommendation.label ?? recommendation.text.slice(0, 40)}</span>
          </button>
        </td>
      )}
    </tr>
  );
}

function RecommendationCell({ r, showStandard, onChanged, notify, canMoveUp, canMoveDown }: { r: ChainRecommendation; showStandard: boolean; onChanged: () => void; notify: Notify; canMoveUp: boolean; canMoveDown: boolean }) {
  const run = (action: () => Promise<unknown>, text: string) =>
    action().then(
      () => {
        notify({ kind: 'ok', text });
        onChanged();
      },
      (e: unknown) => notify({ kind: 'error', text: (e as Error).message }),
    );
  return (
    <div className="chain-rec">
      {r.label && <span className="chain-rec-label">{r.label}</span>}
      <p className="chain-rec-text">{r.text.length > 400 ? `${r.text.slice(0, 399)}…` : r.text}</p>
      <p className="muted small">
        {showStandard && r.standardTitle ? `${r.standardTitle}` : ''}
        {r.pilotTitle ? `${showStandard && r.standardTitle ? ' · ' : ''}pilot ${r.pilotTitle}` : ''}
        {r.versionLabel ? ` (${r.versionLabel})` : ''}
      </p>
      {r.procurement.length > 0 && (
        <div className="chain-procurement">
          <strong className="small">Inkoopafspraken die hierop rusten:</strong>
          <ul>
            {r.procurement.map((p) => (
              <li key={`${p.linkId}-${p.evidenceId ?? 'open'}`} className={p.evidenceId === null ? 'link-warning' : undefined}>
                {p.clause} <span className={`badge chain-status-${p.status}`}>{CHAIN_STATUS_LABEL[p.status]}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="chain-rec-actions">
        <button type="button" className="link-button small" disabled={!canMoveUp} onClick={() => void run(() => call('chains.moveRecommendation', { recommendationId: r.id, direction: 'omhoog' }), 'Aanbeveling verplaatst.')} aria-label={`${r.label ?? 'Aanbeveling'} omhoog`}>
          ↑
        </button>
        <button type="button" className="link-button small" disabled={!canMoveDown} onClick={() => void run(() => call('chains.moveRecommendation', { recommendationId: r.id, direction: 'omlaag' }), 'Aanbeveling verplaatst.')} aria-label={`${r.label ?? 'Aanbeveling'} omlaag`}>
          ↓
        </button>
        <button
          type="button"
          className="link-button small"
          onClick={() => window.confirm(`Aanbeveling met ${r.links.length} randvoorwaarden uit de keten halen?`) && void run(() => call('chains.deleteRecommendation', { recommendationId: r.id }), 'Aanbeveling uit de keten gehaald.')}
        >
          uit de keten halen
        </button>
      </div>
    </div>
  );
}

/** The chain as a table: recommendation → precondition → level → status, owner, addressees, evidence; edited in place. */
export function ChainTable({ recommendations, showStandard, defaultStandardId, onChanged, notify }: { recommendations: ChainRecommendation[]; showStandard: boolean; defaultStandardId: string | null; onChanged: () => void; notify: Notify }) {
  return (
    <div className="table-wrap">
      <table className="simple-table chain-table" data-testid="chain-table">
        <thead>
          <tr>
            <th scope="col" className="col-rec">Aanbeveling</th>
            <th scope="col">Randvoorwaarde</th>
            <th scope="col">Niveau</th>
            <th scope="col">Status</th>
            <th scope="col">Eigenaar</th>
            <th scope="col">Adressaten</th>
            <th scope="col">Bewijs</th>
            <th scope="col">
              <span className="visually-hidden">Acties</span>
            </th>
          </tr>
        </thead>
        {recommendations.map((r, k) => {
          const rowSpan = r.links.length + 1;
          const cell = <RecommendationCell r={r} showStandard={showStandard} onChanged={onChanged} notify={notify} canMoveUp={k > 0} canMoveDown={k < recommendations.length - 1} />;
          return (
            <tbody key={r.id} className="chain-group">
              {r.links.map((l, i) => (
                <Fragment key={l.id}>
                  <LinkRow link={l} first={i === 0} recommendation={cell} rowSpan={rowSpan} defaultStandardId={defaultStandardId ?? r.standardId} onChanged={onChanged} notify={notify} />
                </Fragment>
              ))}
              <NewLinkRow recommendation={r} first={r.links.length === 0} recommendationCell={cell} rowSpan={rowSpan} onChanged={onChanged} notify={notify} />
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
