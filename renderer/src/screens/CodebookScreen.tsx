import { useMemo, useState } from 'react';
import { TAG_ORIGIN_LABEL, type Tag, type TagDeleteChoice } from '../../../common/tags';
import { call } from '../api-client';
import { downloadText } from '../files';
import { href } from '../router';
import { useLoad } from '../use-api';
import { ErrorText, StatusMessage } from '../components/StatusMessage';

type Action = { kind: 'edit' | 'move' | 'merge' | 'delete'; tag: Tag } | null;

/** All tags below (and including) a tag: a tag cannot move under its own descendant. */
function descendantIds(tags: Tag[], id: number): Set<number> {
  const ids = new Set([id]);
  for (const t of tags) if (t.parentId !== null && ids.has(t.parentId)) ids.add(t.id);
  return ids;
}

function TagActionForm({ action, tags, onDone, onCancel }: { action: NonNullable<Action>; tags: Tag[]; onDone: (message: string) => void; onCancel: () => void }) {
  const { tag } = action;
  const [name, setName] = useState(tag.name);
  const [color, setColor] = useState(tag.color);
  const [description, setDescription] = useState(tag.description ?? '');
  const excluded = useMemo(() => descendantIds(tags, tag.id), [tags, tag.id]);
  const [parent, setParent] = useState<string>(tag.parentId === null ? '' : String(tag.parentId));
  const [target, setTarget] = useState('');
  const [choice, setChoice] = useState<TagDeleteChoice>('naar-bovenliggende');
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    try {
      switch (action.kind) {
        case 'edit':
          await call('tags.update', { id: tag.id, name, color, description });
          onDone(`Tag "${name}" opgeslagen.`);
          break;
        case 'move':
          await call('tags.move', { id: tag.id, parentId: parent === '' ? null : Number(parent) });
          onDone(`Tag "${tag.name}" verplaatst.`);
          break;
        case 'merge': {
          const result = await call('tags.merge', { sourceId: tag.id, targetId: Number(target) });
          onDone(`"${tag.name}" is samengevoegd met "${result.target.name}": ${result.annotationsMoved} annotaties overgezet, ${result.duplicatesCollapsed} dubbele samengevoegd.`);
          break;
        }
        case 'delete': {
          const result = await call('tags.delete', { id: tag.id, annotations: choice });
          onDone(
            `Tag "${tag.name}" verwijderd (${result.deletedTags} tag${result.deletedTags === 1 ? '' : 's'}). ` +
              `${result.annotationsRetagged} annotaties kregen de bovenliggende tag, ${result.annotationsUntagged} verloren alleen deze tag, ${result.annotationsDeleted} annotaties zijn verwijderd.`,
          );
          break;
        }
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const others = tags.filter((t) => !excluded.has(t.id));
  return (
    <form
      className="tag-action"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      {action.kind === 'edit' && (
        <div className="form-grid">
          <label className="field">
            Naam
            <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
          </label>
          <label className="field">
            Kleur
            <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
          </label>
          <label className="field full">
            Beschrijving
            <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
        </div>
      )}
      {action.kind === 'move' && (
        <label className="field">
          Nieuwe plaats in het codeboek
          <select value={parent} onChange={(e) => setParent(e.target.value)} autoFocus>
            <option value="">Bovenaan (geen bovenliggende tag)</option>
            {others.map((t) => (
              <option key={t.id} value={t.id}>
                onder {t.path}
              </option>
            ))}
          </select>
        </label>
      )}
      {action.kind === 'merge' && (
        <label className="field">
          Samenvoegen met (alle annotaties en ondertags van "{tag.name}" gaan hiernaartoe; "{tag.name}" verdwijnt)
          <select value={target} onChange={(e) => setTarget(e.target.value)} required autoFocus>
            <option value="">Kies een tag…</option>
            {others.map((t) => (
              <option key={t.id} value={t.id}>
                {t.path}
              </option>
            ))}
          </select>
        </label>
      )}
      {action.kind === 'delete' && (
        <fieldset className="field">
          <legend>
            "{tag.name}" verwijderen{tag.totalAnnotationCount > 0 ? ` — ${tag.totalAnnotationCount} annotaties gebruiken deze tag of een tag eronder` : ''}
            {tag.childCount > 0 ? ` en er zijn ${tag.childCount} ondertags` : ''}
          </legend>
          <label className="checkbox">
            <input type="radio" name="delete-choice" checked={choice === 'naar-bovenliggende'} onChange={() => setChoice('naar-bovenliggende')} />
            Annotaties en ondertags gaan naar de bovenliggende tag{tag.parentId === null ? ' (er is geen: annotaties verliezen alleen deze tag)' : ''}
          </label>
          <label className="checkbox">
            <input type="radio" name="delete-choice" checked={choice === 'verwijderen'} onChange={() => setChoice('verwijderen')} />
            Ook de ondertags verwijderen; annotaties verliezen deze tags (een annotatie zonder andere tag wordt verwijderd)
          </label>
        </fieldset>
      )}
      <ErrorText error={error} />
      <div className="actions">
        <button type="button" className="button small" onClick={onCancel}>
          Annuleren
        </button>
        <button type="submit" className={`button small ${action.kind === 'delete' ? 'danger' : 'primary'}`}>
          {{ edit: 'Opslaan', move: 'Verplaatsen', merge: 'Samenvoegen', delete: 'Verwijderen' }[action.kind]}
        </button>
      </div>
    </form>
  );
}

export function CodebookScreen() {
  const tags = useLoad(() => call('tags.list'), []);
  const [action, setAction] = useState<Action>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [newName, setNewName] = useState('');
  const [newParent, setNewParent] = useState('');

  const done = (text: string) => {
    setAction(null);
    setMessage({ kind: 'ok', text });
    tags.reload();
  };
  const fail = (e: unknown) => setMessage({ kind: 'error', text: (e as Error).message });

  const create = async () => {
    try {
      const tag = await call('tags.create', { name: newName, ...(newParent ? { parentId: Number(newParent) } : {}) });
      setNewName('');
      done(`Tag "${tag.path}" gemaakt.`);
    } catch (e) {
      fail(e);
    }
  };
  const importCsv = async (file: File | undefined) => {
    if (!file) return;
    try {
      const report = await call('tags.importCsv', { csv: await file.text() });
      done(`Codeboek ingelezen: ${report.rows} regels, ${report.created} nieuw, ${report.updated} bijgewerkt, ${report.unchanged} ongewijzigd.`);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div className="screen codebook">
      <header className="screen-head">
        <div>
          <h1>Codeboek</h1>
          <p className="muted">De gedeelde tags waarmee passages in alle standaarden worden gemarkeerd. Een tag telt ook de passages van de tags eronder.</p>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={() => void call('tags.exportCsv').then(downloadText, fail)}>
            Exporteren (CSV)
          </button>
          <button type="button" className="button" onClick={() => void call('tags.exportQdc').then(downloadText, fail)}>
            Exporteren (REFI-QDA)
          </button>
          <label className="button">
            Importeren (CSV)…
            <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={(e) => void importCsv(e.target.files?.[0])} />
          </label>
        </div>
      </header>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          Nieuwe tag
          <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="bijv. Medicatie" required />
        </label>
        <label className="field">
          Onder
          <select value={newParent} onChange={(e) => setNewParent(e.target.value)}>
            <option value="">(bovenaan)</option>
            {(tags.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.path}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary">
          Toevoegen
        </button>
      </form>
      <StatusMessage message={message} />
      <ErrorText error={tags.error} />
      <ul className="tag-tree" aria-label="Tags">
        {(tags.data ?? []).map((t) => (
          <li key={t.id} className={`depth-${Math.min(t.depth, 4)}`} data-tag-id={t.id}>
            <div className="tag-row">
              <span className="swatch" style={{ backgroundColor: t.color }} />
              <a href={href.tags(new URLSearchParams([['all', String(t.id)]]))} className="tag-name">
                {t.name}
              </a>
              <span className="muted small">{TAG_ORIGIN_LABEL[t.origin]}</span>
              <span className="tag-count" title="Passages met deze tag of een tag eronder">
                {t.totalAnnotationCount}
              </span>
              <span className="tag-actions">
                {(['edit', 'move', 'merge', 'delete'] as const).map((kind) => (
                  <button key={kind} type="button" className="link-button small" onClick={() => setAction({ kind, tag: t })} aria-label={`${{ edit: 'Bewerken', move: 'Verplaatsen', merge: 'Samenvoegen', delete: 'Verwijderen' }[kind]}: ${t.path}`}>
                    {{ edit: 'Bewerken', move: 'Verplaatsen', merge: 'Samenvoegen', delete: 'Verwijderen' }[kind]}
                  </button>
                ))}
              </span>
            </div>
            {t.description && <p className="muted small tag-description">{t.description}</p>}
            {action?.tag.id === t.id && <TagActionForm action={action} tags={tags.data ?? []} onDone={done} onCancel={() => setAction(null)} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
