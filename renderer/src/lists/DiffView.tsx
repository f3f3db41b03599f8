import { ITEM_CATEGORY_LABEL } from '../../../common/lists';
import { call } from '../api-client';
import { useLoad } from '../use-api';

const FIELD_LABEL: Record<string, string> = {
  statement: 'stelling',
  rationale: 'onderbouwing',
  category: 'categorie',
  evidenceTypes: 'soort kennis',
  targetGroup: 'doelgroep',
  setting: 'setting',
  useContexts: 'gebruik',
  status: 'status',
  knowledgeQuestion: 'kennisvraag',
  clientWording: 'cliëntversie',
  leerlijnen: 'leerlijnen',
  links: 'bronnen',
};

/** What changed since the previous version of the list, item by item. */
export function DiffView({ listId }: { listId: number }) {
  const diff = useLoad(() => call('lists.diff', { listId }), [listId]);
  if (diff.error) return <p className="error" role="alert">{diff.error}</p>;
  if (!diff.data) return <p className="loading">Laden…</p>;
  const d = diff.data;
  return (
    <div className="diff-view" data-testid="list-diff">
      <p>
        {d.added.length} toegevoegd · {d.removed.length} verwijderd · {d.changed.length} gewijzigd · {d.unchanged} ongewijzigd
      </p>
      {d.added.length > 0 && (
        <>
          <h2>Toegevoegd</h2>
          <ul>
            {d.added.map((i) => (
              <li key={i.id} className="diff-added">
                <span className="muted small">{ITEM_CATEGORY_LABEL[i.category]}:</span> {i.statement}
              </li>
            ))}
          </ul>
        </>
      )}
      {d.removed.length > 0 && (
        <>
          <h2>Verwijderd</h2>
          <ul>
            {d.removed.map((i) => (
              <li key={i.id} className="diff-removed">
                <span className="muted small">{ITEM_CATEGORY_LABEL[i.category]}:</span> <del>{i.statement}</del>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.changed.length > 0 && (
        <>
          <h2>Gewijzigd</h2>
          <ul>
            {d.changed.map((c) => (
              <li key={c.after.id}>
                <p>
                  {c.before.statement !== c.after.statement ? (
                    <>
                      <del>{c.before.statement}</del> <ins>{c.after.statement}</ins>
                    </>
                  ) : (
                    c.after.statement
                  )}
                </p>
                <p className="muted small">Gewijzigd: {c.fields.map((f) => FIELD_LABEL[f] ?? f).join(', ')}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
