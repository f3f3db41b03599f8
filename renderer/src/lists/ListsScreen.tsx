import { useState } from 'react';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABEL, LIST_STATUS_LABEL } from '../../../common/lists';
import { call } from '../api-client';
import { formatDateTime } from '../format';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { ErrorText } from '../components/StatusMessage';

/** "Lijsten": every beter doen / laten / onderzoeken list, versions of one list together. */
export function ListsScreen() {
  const lists = useLoad(() => call('lists.list'), []);
  const [title, setTitle] = useState('Beter doen, beter laten, beter onderzoeken');
  const [versionLabel, setVersionLabel] = useState('Conceptlijst Q1 2026');
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    try {
      const list = await call('lists.create', { title, versionLabel });
      navigate(href.list(list.id));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const series = new Map<number, NonNullable<typeof lists.data>>();
  for (const l of lists.data ?? []) series.set(l.seriesId, [...(series.get(l.seriesId) ?? []), l]);

  return (
    <div className="screen">
      <h1>Lijsten</h1>
      <p className="muted">De lijsten beter doen, beter laten en beter onderzoeken, met hun versies, dialoogsessies en stemrondes.</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          Titel van een nieuwe lijst
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label className="field">
          Versie
          <input value={versionLabel} onChange={(e) => setVersionLabel(e.target.value)} required />
        </label>
        <button type="submit" className="button primary">
          Lijst maken
        </button>
      </form>
      <ErrorText error={error} />
      {lists.data && lists.data.length === 0 && <p className="muted">Nog geen lijsten.</p>}
      {[...series.values()].map((versions) => (
        <section key={versions[0]?.seriesId} className="search-group">
          <h2>{versions[versions.length - 1]?.title}</h2>
          <table className="simple-table">
            <thead>
              <tr>
                <th scope="col">Versie</th>
                <th scope="col">Status</th>
                {ITEM_CATEGORIES.map((c) => (
                  <th key={c} scope="col">
                    {ITEM_CATEGORY_LABEL[c]}
                  </th>
                ))}
                <th scope="col">Gemaakt</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((l) => (
                <tr key={l.id}>
                  <td>
                    <a href={href.list(l.id)}>{l.versionLabel}</a>
                  </td>
                  <td>{LIST_STATUS_LABEL[l.status]}</td>
                  {ITEM_CATEGORIES.map((c) => (
                    <td key={c}>{l.countsByCategory[c]}</td>
                  ))}
                  <td>
                    {formatDateTime(l.createdAt)} door {l.createdBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
