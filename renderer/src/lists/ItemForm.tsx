import { useEffect, useRef, useState } from 'react';
import { EVIDENCE_TYPES, ITEM_CATEGORIES, ITEM_CATEGORY_LABEL, ITEM_STATUSES, USE_CONTEXTS, USE_CONTEXT_LABEL, type BdlItem, type EvidenceType, type ItemCategory, type ItemStatus, type UseContext } from '../../../common/lists';
import { ApiCallError, call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { useLoad } from '../use-api';

interface Fields {
  category: ItemCategory;
  statement: string;
  rationale: string;
  evidenceTypes: EvidenceType[];
  targetGroup: string;
  setting: string;
  useContexts: UseContext[];
  status: ItemStatus;
  knowledgeQuestion: string;
  clientWording: string;
  leerlijnen: string[];
  pilotId: string;
}

const STATUS_LABEL: Record<ItemStatus, string> = { concept: 'Concept', besproken: 'Besproken', vastgesteld: 'Vastgesteld', vervallen: 'Vervallen' };
export const ITEM_STATUS_LABEL = STATUS_LABEL;

const fromItem = (item: BdlItem | null, category: ItemCategory): Fields => ({
  category: item?.category ?? category,
  statement: item?.statement ?? '',
  rationale: item?.rationale ?? '',
  evidenceTypes: item?.evidenceTypes ?? [],
  targetGroup: item?.targetGroup ?? '',
  setting: item?.setting ?? '',
  useContexts: item?.useContexts ?? [],
  status: item?.status ?? 'concept',
  knowledgeQuestion: item?.knowledgeQuestion ?? '',
  clientWording: item?.clientWording ?? '',
  leerlijnen: item?.leerlijnen ?? [],
  pilotId: item?.pilotId ? String(item.pilotId) : '',
});

/** Add or edit an item of a list: every field the programme records, with Dutch validation from the API. */
export function ItemForm({ listId, item, category, onClose, onSaved }: { listId: number; item: BdlItem | null; category: ItemCategory; onClose: () => void; onSaved: () => void }) {
  const catalogue = useCatalogue();
  const ref = useRef<HTMLDialogElement>(null);
  const [f, setF] = useState<Fields>(() => fromItem(item, category));
  const pilots = useLoad(() => call('pilots.list'), []);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setF({ ...f, [key]: value });
  const toggle = <T extends string>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const save = async () => {
    const payload = {
      category: f.category,
      statement: f.statement,
      rationale: f.rationale,
      evidenceTypes: f.evidenceTypes,
      targetGroup: f.targetGroup,
      setting: f.setting,
      useContexts: f.useContexts,
      status: f.status,
      knowledgeQuestion: f.knowledgeQuestion,
      clientWording: f.clientWording,
      leerlijnen: f.leerlijnen,
      pilotId: f.pilotId ? Number(f.pilotId) : null,
    };
    try {
      if (item) await call('items.update', { itemId: item.id, ...payload });
      else await call('items.create', { listId, ...payload });
      onSaved();
      ref.current?.close();
    } catch (e) {
      setError(e instanceof ApiCallError ? { message: e.message, fields: e.fields } : { message: (e as Error).message, fields: {} });
    }
  };
  const err = (key: string) => error?.fields[key] && <span className="field-error">{error.fields[key]}</span>;

  return (
    <dialog ref={ref} className="dialog wide item-form" aria-labelledby="item-form-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="item-form-title">{item ? 'Item bewerken' : 'Nieuw item'}</h2>
        {error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
        <div className="form-grid">
          <label className="field">
            Categorie
            <select value={f.category} onChange={(e) => set('category', e.target.value as ItemCategory)}>
              {ITEM_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {ITEM_CATEGORY_LABEL[c]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Status
            <select value={f.status} onChange={(e) => set('status', e.target.value as ItemStatus)}>
              {ITEM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          Stelling (kort)
          <textarea rows={2} value={f.statement} onChange={(e) => set('statement', e.target.value)} required autoFocus />
          {err('statement')}
        </label>
        <label className="field">
          Onderbouwing
          <textarea rows={3} value={f.rationale} onChange={(e) => set('rationale', e.target.value)} />
        </label>
        {f.category === 'beter_onderzoeken' && (
          <label className="field">
            Kennisvraag
            <textarea rows={2} value={f.knowledgeQuestion} onChange={(e) => set('knowledgeQuestion', e.target.value)} />
            {err('knowledgeQuestion')}
          </label>
        )}
        <label className="field">
          Cliëntvriendelijke formulering
          <textarea rows={2} value={f.clientWording} onChange={(e) => set('clientWording', e.target.value)} />
        </label>
        <label className="field">
          Voortgekomen uit pilot
          <select value={f.pilotId} onChange={(e) => set('pilotId', e.target.value)}>
            <option value="">geen pilot</option>
            {(pilots.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <div className="form-grid">
          <label className="field">
            Doelgroep
            <input value={f.targetGroup} onChange={(e) => set('targetGroup', e.target.value)} />
          </label>
          <label className="field">
            Setting
            <input value={f.setting} onChange={(e) => set('setting', e.target.value)} />
          </label>
        </div>
        <fieldset className="field">
          <legend>Soort kennis</legend>
          {EVIDENCE_TYPES.map((t) => (
            <label key={t} className="checkbox">
              <input type="checkbox" checked={f.evidenceTypes.includes(t)} onChange={() => set('evidenceTypes', toggle(f.evidenceTypes, t))} />
              {catalogue.label('knowledge_basis', t)}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>Gebruik</legend>
          {USE_CONTEXTS.map((u) => (
            <label key={u} className="checkbox">
              <input type="checkbox" checked={f.useContexts.includes(u)} onChange={() => set('useContexts', toggle(f.useContexts, u))} />
              {USE_CONTEXT_LABEL[u]}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend>Leerlijnen</legend>
          <div className="checkbox-grid">
            {(catalogue.vocabularies.leerlijn ?? []).map((l) => (
              <label key={l.value} className="checkbox">
                <input type="checkbox" checked={f.leerlijnen.includes(l.value)} onChange={() => set('leerlijnen', toggle(f.leerlijnen, l.value))} />
                {l.label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Annuleren
          </button>
          <button type="submit" className="button primary">
            Opslaan
          </button>
        </div>
      </form>
    </dialog>
  );
}
