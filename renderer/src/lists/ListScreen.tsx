import { useState } from 'react';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABEL, LIST_STATUSES, LIST_STATUS_LABEL, type BdlItem, type ItemCategory, type ListStatus } from '../../../common/lists';
import { call } from '../api-client';
import { downloadBase64, downloadText } from '../files';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { DiffView } from './DiffView';
import { ItemCard } from './ItemCard';
import { ItemForm } from './ItemForm';
import { LinkPicker } from './LinkPicker';
import { RoundsTab } from './RoundsTab';
import { SessionsTab } from './SessionsTab';
import { StatusMessage } from '../components/StatusMessage';

const TABS = [
  { id: 'items', label: 'Items' },
  { id: 'sessies', label: 'Dialoogsessies' },
  { id: 'stemrondes', label: 'Stemrondes' },
  { id: 'verschillen', label: 'Verschillen met vorige versie' },
];

export function ListScreen({ id, tab }: { id: number; tab: string }) {
  const data = useLoad(() => call('lists.get', { listId: id }), [id]);
  const [editing, setEditing] = useState<{ item: BdlItem | null; category: ItemCategory } | null>(null);
  const [linking, setLinking] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [audience, setAudience] = useState<'professionals' | 'clienten'>('professionals');
  const [grouping, setGrouping] = useState<'categorie' | 'gebruikscontext'>('categorie');
  const [newVersionLabel, setNewVersionLabel] = useState('');

  const run = async (action: () => Promise<unknown>, ok: string) => {
    try {
      await action();
      setMessage({ kind: 'ok', text: ok });
      data.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  if (data.error) return <p className="error" role="alert">{data.error}</p>;
  if (!data.data) return <p className="loading">Laden…</p>;
  const { list, items } = data.data;

  return (
    <div className="screen list-screen">
      <nav aria-label="Kruimelpad" className="breadcrumb">
        <a href={href.lists()}>Lijsten</a> <span aria-hidden="true">›</span> <span>{list.versionLabel}</span>
      </nav>
      <header className="screen-head">
        <div>
          <h1>{list.title}</h1>
          <p className="badges">
            <span className="badge">{list.versionLabel}</span>
            <label className="inline-field small">
              Status
              <select value={list.status} onChange={(e) => void run(() => call('lists.update', { listId: id, status: e.target.value as ListStatus }), 'Status van de lijst aangepast.')}>
                {LIST_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {LIST_STATUS_LABEL[s]}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted small">{items.length} {items.length === 1 ? 'item' : 'items'}</span>
          </p>
        </div>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void call('lists.newVersion', { listId: id, versionLabel: newVersionLabel }).then(
              (next) => navigate(href.list(next.id, 'verschillen')),
              (err: unknown) => setMessage({ kind: 'error', text: (err as Error).message }),
            );
          }}
        >
          <label className="field">
            Nieuwe versie
            <input value={newVersionLabel} onChange={(e) => setNewVersionLabel(e.target.value)} placeholder="bijv. Herziene lijst" required />
          </label>
          <button type="submit" className="button">
            Versie maken
          </button>
        </form>
      </header>
      <StatusMessage message={message} />
      <nav className="tabs" aria-label="Onderdelen van de lijst">
        {TABS.filter((t) => t.id !== 'verschillen' || list.previousListId !== null).map((t) => (
          <a key={t.id} href={href.list(id, t.id)} aria-current={tab === t.id ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'items' && (
        <>
          <div className="toolbar export-bar">
            <label className="inline-field">
              Versie voor
              <select value={audience} onChange={(e) => setAudience(e.target.value as 'professionals' | 'clienten')}>
                <option value="professionals">professionals</option>
                <option value="clienten">cliënten</option>
              </select>
            </label>
            <label className="inline-field">
              Ordenen op
              <select value={grouping} onChange={(e) => setGrouping(e.target.value as 'categorie' | 'gebruikscontext')}>
                <option value="categorie">categorie</option>
                <option value="gebruikscontext">gebruikscontext</option>
              </select>
            </label>
            <button type="button" className="button" onClick={() => void call('lists.exportDocx', { listId: id, audience, grouping }).then(downloadBase64, (e: unknown) => setMessage({ kind: 'error', text: (e as Error).message }))}>
              Exporteren (Word)
            </button>
            <button type="button" className="button" onClick={() => void call('lists.exportCsv', { listId: id, audience, grouping }).then(downloadText, (e: unknown) => setMessage({ kind: 'error', text: (e as Error).message }))}>
              Exporteren (CSV)
            </button>
          </div>
          {ITEM_CATEGORIES.map((category) => {
            const group = items.filter((i) => i.category === category);
            return (
              <section key={category} className="item-group" aria-labelledby={`groep-${category}`}>
                <div className="section-head">
                  <h2 id={`groep-${category}`}>
                    {ITEM_CATEGORY_LABEL[category]} <span className="muted small">({group.length})</span>
                  </h2>
                  <button type="button" className="button small" onClick={() => setEditing({ item: null, category })}>
                    Item toevoegen
                  </button>
                </div>
                {group.length === 0 ? (
                  <p className="muted">Nog geen items.</p>
                ) : (
                  <ol className="items">
                    {group.map((item) => (
                      <ItemCard
                        key={item.id}
                        item={item}
                        onEdit={() => setEditing({ item, category })}
                        onLink={() => setLinking(item.id)}
                        onRemoveLink={(linkId) => void run(() => call('items.removeLink', { linkId }), 'Koppeling verwijderd.')}
                        onDelete={() => window.confirm(`Item "${item.statement}" verwijderen?`) && void run(() => call('items.delete', { itemId: item.id }), 'Item verwijderd.')}
                      />
                    ))}
                  </ol>
                )}
              </section>
            );
          })}
        </>
      )}
      {tab === 'sessies' && <SessionsTab listId={id} items={items} onItemsChanged={data.reload} />}
      {tab === 'stemrondes' && <RoundsTab listId={id} items={items} onItemsChanged={data.reload} />}
      {tab === 'verschillen' && <DiffView listId={id} />}
      {editing && <ItemForm listId={id} item={editing.item} category={editing.category} onClose={() => setEditing(null)} onSaved={() => data.reload()} />}
      {linking !== null && <LinkPicker itemId={linking} onClose={() => setLinking(null)} onLinked={() => data.reload()} />}
    </div>
  );
}
