import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CONFIDENCE_LABEL, KNOWLEDGE_BASES, OWNER_ROLES, STANDARD_STATUSES, STATUS_LABEL, type Confidence, type KnowledgeBasis, type OwnerRole, type Standard, type StandardStatus } from '../../../common/catalogue';
import { ApiCallError, call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';

interface FormState {
  title: string;
  shortTitle: string;
  type: string;
  status: StandardStatus;
  ownerText: string;
  owners: Array<{ organisationId: string; role: OwnerRole }>;
  subsectors: string[];
  topic: string;
  targetUsers: string;
  knowledgeBasis: KnowledgeBasis[];
  yearPublished: string;
  yearRevised: string;
  url: string;
  confidence: Confidence;
  notes: string;
}

const EMPTY: FormState = {
  title: '',
  shortTitle: '',
  type: 'richtlijn',
  status: 'concept',
  ownerText: '',
  owners: [],
  subsectors: [],
  topic: '',
  targetUsers: '',
  knowledgeBasis: [],
  yearPublished: '',
  yearRevised: '',
  url: '',
  confidence: 'verified',
  notes: '',
};

function fromStandard(s: Standard): FormState {
  return {
    title: s.title,
    shortTitle: s.shortTitle ?? '',
    type: s.type,
    status: s.status,
    ownerText: s.ownerText ?? '',
    owners: s.owners.map((o) => ({ organisationId: o.organisationId, role: o.role })),
    subsectors: s.subsectors,
    topic: s.topic ?? '',
    targetUsers: s.targetUsers ?? '',
    knowledgeBasis: s.knowledgeBasis,
    yearPublished: s.yearPublished === null ? '' : String(s.yearPublished),
    yearRevised: s.yearRevised === null ? '' : String(s.yearRevised),
    url: s.url ?? '',
    confidence: s.confidence,
    notes: s.notes ?? '',
  };
}

/** Empty year → null; anything else is sent as typed so the API can say what is wrong with it. */
const yearValue = (v: string): number | null | string => (v.trim() === '' ? null : /^\d+$/.test(v.trim()) ? Number(v.trim()) : v);

function toPayload(f: FormState) {
  return {
    title: f.title,
    shortTitle: f.shortTitle,
    type: f.type,
    status: f.status,
    ownerText: f.ownerText,
    owners: f.owners.filter((o) => o.organisationId !== ''),
    subsectors: f.subsectors,
    topic: f.topic,
    targetUsers: f.targetUsers,
    knowledgeBasis: f.knowledgeBasis,
    yearPublished: yearValue(f.yearPublished) as number | null,
    yearRevised: yearValue(f.yearRevised) as number | null,
    url: f.url,
    confidence: f.confidence,
    notes: f.notes,
  };
}

export function StandardForm({ id }: { id: string | null }) {
  const catalogue = useCatalogue();
  const existing = useLoad(async () => (id ? call('standards.get', { id }) : null), [id]);
  const [form, setForm] = useState<FormState | null>(id ? null : EMPTY);
  const [errors, setErrors] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (existing.data) setForm(fromStandard(existing.data));
  }, [existing.data]);
  useEffect(() => {
    if (errors) summaryRef.current?.focus();
  }, [errors]);

  const subsectorOptions = useMemo(() => {
    const values = new Set<string>((catalogue.vocabularies.subsector ?? []).map((v) => v.value));
    for (const s of catalogue.standards) for (const v of s.subsectors) values.add(v);
    for (const v of form?.subsectors ?? []) values.add(v);
    return [...values].sort((a, b) => catalogue.label('subsector', a).localeCompare(catalogue.label('subsector', b), 'nl'));
  }, [catalogue, form?.subsectors]);

  if (existing.error) return <p className="error" role="alert">{existing.error}</p>;
  if (!form) return <p className="loading">Laden…</p>;

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm({ ...form, [key]: value });
  const fieldError = (key: string) => errors?.fields[key];
  const describedBy = (key: string) => (fieldError(key) ? `err-${key}` : undefined);
  const errorText = (key: string) =>
    fieldError(key) ? (
      <span id={`err-${key}`} className="field-error">
        {fieldError(key)}
      </span>
    ) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      const payload = toPayload(form);
      const saved = id && existing.data
        ? await call('standards.update', { id, patch: payload, expectedUpdatedAt: existing.data.updatedAt })
        : await call('standards.create', payload);
      await catalogue.reload();
      navigate(href.standard(saved.id));
    } catch (error) {
      setErrors(error instanceof ApiCallError ? { message: error.message, fields: error.fields } : { message: (error as Error).message, fields: {} });
    } finally {
      setSaving(false);
    }
  };

  const labelled = (key: string, label: string, control: ReactNode, hint?: string) => (
    <div className={`field${fieldError(key) ? ' has-error' : ''}`}>
      <label htmlFor={`f-${key}`}>{label}</label>
      {hint && <span className="hint">{hint}</span>}
      {control}
      {errorText(key)}
    </div>
  );
  const text = (key: 'title' | 'shortTitle' | 'ownerText' | 'targetUsers' | 'url' | 'yearPublished' | 'yearRevised', props: { required?: boolean; inputMode?: 'numeric' | 'url' } = {}) => (
    <input
      id={`f-${key}`}
      name={key}
      value={form[key]}
      onChange={(e) => set(key, e.target.value)}
      required={props.required}
      inputMode={props.inputMode}
      aria-invalid={fieldError(key) ? true : undefined}
      aria-describedby={describedBy(key)}
    />
  );

  return (
    <div className="screen form-screen">
      <nav aria-label="Kruimelpad" className="breadcrumb">
        <a href={href.catalogue()}>Kwaliteitsstandaarden</a> <span aria-hidden="true">›</span>{' '}
        {id && existing.data ? <a href={href.standard(id)}>{existing.data.shortTitle ?? existing.data.title}</a> : <span>Nieuw</span>}
      </nav>
      <h1>{id ? 'Standaard bewerken' : 'Nieuwe standaard'}</h1>
      {errors && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <p>{errors.message}</p>
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          {labelled('title', 'Titel (verplicht)', text('title', { required: true }))}
          {labelled('shortTitle', 'Korte titel', text('shortTitle'), 'Zoals de werkgroep hem noemt, bijvoorbeeld "ADHD (JGZ)".')}
          {labelled(
            'type',
            'Type',
            <select id="f-type" value={form.type} onChange={(e) => set('type', e.target.value)} aria-describedby={describedBy('type')}>
              {(catalogue.vocabularies.type ?? []).map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>,
          )}
          {labelled(
            'status',
            'Status',
            <select id="f-status" value={form.status} onChange={(e) => set('status', e.target.value as StandardStatus)}>
              {STANDARD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>,
          )}
          {labelled('yearPublished', 'Jaar van publicatie', text('yearPublished', { inputMode: 'numeric' }), 'Leeg laten als het niet bekend is.')}
          {labelled('yearRevised', 'Jaar van herziening', text('yearRevised', { inputMode: 'numeric' }))}
          {labelled('url', 'Webadres', text('url', { inputMode: 'url' }))}
          <fieldset className="field">
            <legend>Betrouwbaarheid van dit record</legend>
            {(['verified', 'plausible'] as Confidence[]).map((c) => (
              <label key={c} className="checkbox">
                <input type="radio" name="confidence" value={c} checked={form.confidence === c} onChange={() => set('confidence', c)} />
                {CONFIDENCE_LABEL[c]}
              </label>
            ))}
          </fieldset>
        </div>
        {labelled('topic', 'Onderwerp', <textarea id="f-topic" rows={3} value={form.topic} onChange={(e) => set('topic', e.target.value)} aria-describedby={describedBy('topic')} />)}
        {labelled('targetUsers', 'Doelgroep (gebruikers)', text('targetUsers'))}
        <fieldset className="field owners-field">
          <legend>Organisaties</legend>
          {form.owners.map((owner, index) => (
            <div className="owner-row" key={index}>
              <label>
                <span className="visually-hidden">Organisatie {index + 1}</span>
                <select
                  value={owner.organisationId}
                  aria-invalid={fieldError(`owners.${index}.organisationId`) ? true : undefined}
                  onChange={(e) => set('owners', form.owners.map((o, i) => (i === index ? { ...o, organisationId: e.target.value } : o)))}
                >
                  <option value="">Kies een organisatie…</option>
                  {catalogue.organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.abbreviation ? `${o.abbreviation} — ${o.name}` : o.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span className="visually-hidden">Rol van organisatie {index + 1}</span>
                <select value={owner.role} onChange={(e) => set('owners', form.owners.map((o, i) => (i === index ? { ...o, role: e.target.value as OwnerRole } : o)))}>
                  {OWNER_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {catalogue.label('role', r)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="button small" onClick={() => set('owners', form.owners.filter((_, i) => i !== index))} aria-label={`Organisatie ${index + 1} verwijderen`}>
                Verwijderen
              </button>
            </div>
          ))}
          <button type="button" className="button small" onClick={() => set('owners', [...form.owners, { organisationId: '', role: 'eigenaar' }])}>
            Organisatie toevoegen
          </button>
        </fieldset>
        {labelled('ownerText', 'Eigenaar zoals in de bron', text('ownerText'), 'Vrije tekst, bijvoorbeeld "AJN; V&VN; NVDA (beheer NCJ)".')}
        <fieldset className="field">
          <legend>Subsectoren</legend>
          <div className="checkbox-grid">
            {subsectorOptions.map((v) => (
              <label key={v} className="checkbox">
                <input type="checkbox" checked={form.subsectors.includes(v)} onChange={(e) => set('subsectors', e.target.checked ? [...form.subsectors, v] : form.subsectors.filter((x) => x !== v))} />
                {catalogue.label('subsector', v)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend>Kennisbasis</legend>
          {KNOWLEDGE_BASES.map((k) => (
            <label key={k} className="checkbox">
              <input type="checkbox" checked={form.knowledgeBasis.includes(k)} onChange={(e) => set('knowledgeBasis', e.target.checked ? [...form.knowledgeBasis, k] : form.knowledgeBasis.filter((x) => x !== k))} />
              {catalogue.label('knowledge_basis', k)}
            </label>
          ))}
        </fieldset>
        {labelled('notes', 'Notities', <textarea id="f-notes" rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />)}
        <div className="actions sticky-actions">
          <a className="button" href={id ? href.standard(id) : href.catalogue()}>
            Annuleren
          </a>
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? 'Opslaan…' : 'Opslaan'}
          </button>
        </div>
      </form>
    </div>
  );
}
