import { Command } from 'cmdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Tag } from '../../../common/tags';
import { foldText } from '../../../common/text';

export interface TagChoice {
  tagIds: number[];
  newTagNames: string[];
  note: string;
}

/**
 * Keyboard-first tag picker: type to filter (diacritics ignored), Enter toggles the highlighted tag,
 * "Nieuwe tag …" creates one on the fly, Ctrl+Enter saves. Several tags per passage.
 */
export function TagPicker({ tags, quote, title, initial, onSave, onCancel }: { tags: Tag[]; quote: string; title: string; initial?: Partial<TagChoice>; onSave: (choice: TagChoice) => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number[]>(initial?.tagIds ?? []);
  const [newNames, setNewNames] = useState<string[]>(initial?.newTagNames ?? []);
  const [note, setNote] = useState(initial?.note ?? '');

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLInputElement>('[cmdk-input]')?.focus();
  }, []);

  const visible = useMemo(() => {
    const q = foldText(query.trim());
    if (!q) return tags;
    return tags.filter((t) => foldText(t.path).includes(q));
  }, [tags, query]);

  const exact = tags.some((t) => foldText(t.name) === foldText(query.trim()));
  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const addNew = () => {
    const name = query.trim();
    if (name && !newNames.includes(name)) setNewNames([...newNames, name]);
    setQuery('');
  };
  const save = () => {
    if (selected.length === 0 && newNames.length === 0) return;
    onSave({ tagIds: selected, newTagNames: newNames, note });
  };
  const chosen = [...tags.filter((t) => selected.includes(t.id)).map((t) => ({ key: `t${t.id}`, label: t.path, color: t.color, remove: () => toggle(t.id) })), ...newNames.map((n) => ({ key: `n${n}`, label: `${n} (nieuw)`, color: '#4e79a7', remove: () => setNewNames(newNames.filter((x) => x !== n)) }))];

  return (
    <dialog
      ref={ref}
      className="dialog tag-picker"
      aria-labelledby="tag-picker-title"
      onClose={onCancel}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          save();
        }
      }}
    >
      <h2 id="tag-picker-title">{title}</h2>
      <blockquote className="picker-quote">{quote.length > 300 ? `${quote.slice(0, 300)}…` : quote}</blockquote>
      <div className="chosen-tags" aria-live="polite">
        {chosen.length === 0 ? (
          <span className="muted small">Nog geen tag gekozen.</span>
        ) : (
          chosen.map((c) => (
            <button key={c.key} type="button" className="tag-chip" onClick={c.remove} aria-label={`${c.label} weghalen`}>
              <span className="swatch" style={{ backgroundColor: c.color }} />
              {c.label} ×
            </button>
          ))
        )}
      </div>
      <Command label="Tags" shouldFilter={false} loop>
        <Command.Input value={query} onValueChange={setQuery} placeholder="Zoek of maak een tag…" aria-label="Zoek of maak een tag" />
        <Command.List className="picker-list">
          {visible.map((t) => (
            <Command.Item key={t.id} value={`tag-${t.id}`} onSelect={() => toggle(t.id)} data-checked={selected.includes(t.id)}>
              <span className="check" aria-hidden="true">
                {selected.includes(t.id) ? '✓' : ''}
              </span>
              <span className="swatch" style={{ backgroundColor: t.color }} />
              <span className="tag-path">{t.path}</span>
              <span className="muted small">{t.totalAnnotationCount}</span>
            </Command.Item>
          ))}
          {/* Existing tags come first: typing part of a name should pick it, not make a near-duplicate. */}
          {query.trim() && !exact && (
            <Command.Item value="__nieuw" onSelect={addNew}>
              Nieuwe tag: <strong>{query.trim()}</strong>
            </Command.Item>
          )}
        </Command.List>
      </Command>
      <label className="field">
        Notitie (optioneel)
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="hint">Enter kiest of verwijdert een tag · Ctrl+Enter slaat op · Esc annuleert</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          Annuleren
        </button>
        <button type="button" className="button primary" onClick={save} disabled={selected.length === 0 && newNames.length === 0}>
          Opslaan
        </button>
      </div>
    </dialog>
  );
}
