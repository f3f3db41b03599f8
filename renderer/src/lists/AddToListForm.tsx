import { useState } from 'react';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABEL, type ItemCategory } from '../../../common/lists';
import { call } from '../api-client';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { ErrorText } from '../components/StatusMessage';

/** "Op lijst zetten": a tagged passage becomes an item of a list, linked to its source. */
export function AddToListForm({ annotationId, onCancel }: { annotationId: string; onCancel: () => void }) {
  const lists = useLoad(() => call('lists.list'), []);
  const [listId, setListId] = useState('');
  const [category, setCategory] = useState<ItemCategory>('beter_doen');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await call('items.createFromAnnotation', { listId: Number(listId), annotationId, category });
      navigate(href.list(Number(listId)));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (lists.data && lists.data.length === 0) {
    return (
      <p className="notice">
        Er is nog geen lijst. <a href={href.lists()}>Maak eerst een lijst</a>.
      </p>
    );
  }
  return (
    <form
      className="tag-action"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <label className="field">
          Lijst
          <select value={listId} onChange={(e) => setListId(e.target.value)} required>
            <option value="">Kies een lijst…</option>
            {(lists.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.title} — {l.versionLabel}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Categorie
          <select value={category} onChange={(e) => setCategory(e.target.value as ItemCategory)}>
            {ITEM_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {ITEM_CATEGORY_LABEL[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorText error={error} />
      <div className="actions">
        <button type="button" className="button small" onClick={onCancel}>
          Annuleren
        </button>
        <button type="submit" className="button small primary">
          Item maken
        </button>
      </div>
    </form>
  );
}
