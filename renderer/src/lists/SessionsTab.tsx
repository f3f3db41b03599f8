import { useState } from 'react';
import { PERSPECTIVES, type BdlItem, type Delegate, type Perspective } from '../../../common/lists';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { useLoad } from '../use-api';
import { StatusMessage } from '../components/StatusMessage';

const today = () => new Date().toISOString().slice(0, 10);

/** Dialogue sessions: who took part per perspective, and per item what was said and what changed. */
export function SessionsTab({ listId, items, onItemsChanged }: { listId: number; items: BdlItem[]; onItemsChanged: () => void }) {
  const catalogue = useCatalogue();
  const sessions = useLoad(() => call('sessions.list', { listId }), [listId]);
  const [date, setDate] = useState(today());
  const [title, setTitle] = useState('Dialoogsessie');
  const [delegates, setDelegates] = useState<Delegate[]>([{ name: '', perspective: 'ervaring', organisation: null }]);
  const [note, setNote] = useState<{ sessionId: number; itemId: string; text: string; change: string }>({ sessionId: 0, itemId: '', text: '', change: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const perspectiveLabel = (p: Perspective) => catalogue.label('perspective', p);

  const create = async () => {
    try {
      await call('sessions.create', { listId, date, title, delegates: delegates.filter((d) => d.name.trim()) });
      setMessage({ kind: 'ok', text: 'Dialoogsessie vastgelegd.' });
      setDelegates([{ name: '', perspective: 'ervaring', organisation: null }]);
      sessions.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };
  const addNote = async () => {
    try {
      await call('sessions.addNote', { sessionId: note.sessionId, itemId: Number(note.itemId), note: note.text, ...(note.change.trim() ? { change: note.change } : {}) });
      setNote({ sessionId: 0, itemId: '', text: '', change: '' });
      setMessage({ kind: 'ok', text: 'Notitie toegevoegd.' });
      sessions.reload();
      onItemsChanged();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };
  const statement = (itemId: number) => items.find((i) => i.id === itemId)?.statement ?? `item ${itemId}`;

  return (
    <div>
      <StatusMessage message={message} />
      <details className="panel" open={(sessions.data ?? []).length === 0}>
        <summary>Nieuwe dialoogsessie</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <div className="form-grid">
            <label className="field">
              Datum
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
            </label>
            <label className="field">
              Titel
              <input value={title} onChange={(e) => setTitle(e.target.value)} required />
            </label>
          </div>
          <fieldset className="field">
            <legend>Afgevaardigden</legend>
            {delegates.map((d, i) => (
              <div key={i} className="owner-row">
                <label>
                  <span className="visually-hidden">Naam afgevaardigde {i + 1}</span>
                  <input value={d.name} placeholder="Naam" onChange={(e) => setDelegates(delegates.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                </label>
                <label>
                  <span className="visually-hidden">Perspectief van afgevaardigde {i + 1}</span>
                  <select value={d.perspective} onChange={(e) => setDelegates(delegates.map((x, j) => (j === i ? { ...x, perspective: e.target.value as Perspective } : x)))}>
                    {PERSPECTIVES.map((p) => (
                      <option key={p} value={p}>
                        {perspectiveLabel(p)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span className="visually-hidden">Organisatie van afgevaardigde {i + 1}</span>
                  <input value={d.organisation ?? ''} placeholder="Organisatie" onChange={(e) => setDelegates(delegates.map((x, j) => (j === i ? { ...x, organisation: e.target.value || null } : x)))} />
                </label>
              </div>
            ))}
            <button type="button" className="button small" onClick={() => setDelegates([...delegates, { name: '', perspective: 'professionals', organisation: null }])}>
              Afgevaardigde toevoegen
            </button>
          </fieldset>
          <div className="actions">
            <button type="submit" className="button primary">
              Sessie vastleggen
            </button>
          </div>
        </form>
      </details>
      {(sessions.data ?? []).map((s) => (
        <section key={s.id} className="search-group" aria-labelledby={`sessie-${s.id}`}>
          <h2 id={`sessie-${s.id}`}>
            {s.title} <span className="muted small">· {new Date(s.date).toLocaleDateString('nl-NL', { dateStyle: 'long' })}</span>
          </h2>
          <p className="muted small">
            {PERSPECTIVES.map((p) => {
              const names = s.delegates.filter((d) => d.perspective === p).map((d) => d.name);
              return names.length ? `${perspectiveLabel(p)}: ${names.join(', ')}` : null;
            })
              .filter(Boolean)
              .join(' · ') || 'Geen afgevaardigden vastgelegd.'}
          </p>
          {s.notes.length > 0 && (
            <ul className="session-notes">
              {s.notes.map((n, i) => (
                <li key={i}>
                  <strong>{statement(n.itemId)}</strong>
                  <p>{n.note}</p>
                  {n.change && <p className="muted">Gevolg voor het item: {n.change}</p>}
                </li>
              ))}
            </ul>
          )}
          <form
            className="note-form"
            onSubmit={(e) => {
              e.preventDefault();
              void addNote();
            }}
          >
            <label className="field">
              Besproken item
              <select value={note.sessionId === s.id ? note.itemId : ''} onChange={(e) => setNote({ ...note, sessionId: s.id, itemId: e.target.value })} required>
                <option value="">Kies een item…</option>
                {items.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.statement}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              Wat is er besproken
              <textarea rows={2} value={note.sessionId === s.id ? note.text : ''} onChange={(e) => setNote({ ...note, sessionId: s.id, text: e.target.value })} required />
            </label>
            <label className="field">
              Wat verandert er aan het item (optioneel)
              <input value={note.sessionId === s.id ? note.change : ''} onChange={(e) => setNote({ ...note, sessionId: s.id, change: e.target.value })} />
            </label>
            <div className="actions">
              <button type="submit" className="button small primary">
                Notitie toevoegen
              </button>
            </div>
          </form>
        </section>
      ))}
    </div>
  );
}
