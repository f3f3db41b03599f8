import { USE_CONTEXT_LABEL, type BdlItem } from '../../../common/lists';
import { useCatalogue } from '../catalogue-data';
import { href } from '../router';
import { ITEM_STATUS_LABEL } from './ItemForm';

/** One item as the list shows it: statement, what supports it, where it comes from, and dissent on record. */
export function ItemCard({ item, onEdit, onLink, onRemoveLink, onDelete }: { item: BdlItem; onEdit: () => void; onLink: () => void; onRemoveLink: (linkId: number) => void; onDelete: () => void }) {
  const catalogue = useCatalogue();
  return (
    <li className={`item-card status-${item.status}`} data-item-id={item.id}>
      <div className="item-head">
        <p className="item-statement">{item.statement}</p>
        <span className={`badge item-status-${item.status}`}>{ITEM_STATUS_LABEL[item.status]}</span>
      </div>
      {item.rationale && <p className="item-rationale">{item.rationale}</p>}
      {item.knowledgeQuestion && (
        <p>
          <strong>Kennisvraag:</strong> {item.knowledgeQuestion}
        </p>
      )}
      <p className="muted small">
        {[
          item.evidenceTypes.map((e) => catalogue.label('knowledge_basis', e)).join(', '),
          item.useContexts.map((u) => USE_CONTEXT_LABEL[u]).join(', '),
          item.targetGroup ? `Doelgroep: ${item.targetGroup}` : '',
          item.setting ? `Setting: ${item.setting}` : '',
          item.leerlijnen.map((l) => catalogue.label('leerlijn', l)).join(', '),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {item.clientWording && (
        <p className="client-wording">
          <span className="muted small">Cliëntversie:</span> {item.clientWording}
        </p>
      )}
      {item.dissent.length > 0 && (
        <div className="dissent" role="note">
          {item.dissent.map((d) => (
            <p key={`${d.roundId}-${d.perspective}`}>
              <strong>Afwijkend perspectief {catalogue.label('perspective', d.perspective).toLowerCase()}</strong>: {Math.round(d.agreePercent * 100)}% eens in stemronde.
              {d.comments.length > 0 && ` “${d.comments.join('” “')}”`}
            </p>
          ))}
        </div>
      )}
      {item.links.length > 0 && (
        <ul className="item-links">
          {item.links.map((l) => (
            <li key={l.id} className={l.broken ? 'broken' : undefined}>
              <span className="muted small">
                {l.standardTitle} · {l.versionLabel ?? 'versie verwijderd'}
                {l.sectionHeading ? ` · ${l.sectionNumber ? `${l.sectionNumber} ` : ''}${l.sectionHeading}` : ''}
              </span>
              <q>{l.quote}</q>
              {l.versionId !== null && l.sectionId !== null && !l.broken && (
                <a href={href.version(l.standardId, l.versionId, l.sectionId)} className="small">
                  {' '}
                  bekijken
                </a>
              )}
              {l.newerVersion && <span className="link-warning"> Let op: er is een nieuwere versie ({l.newerVersion.label}).</span>}
              {l.broken && <span className="link-warning"> Deze passage is niet meer te vinden; koppel opnieuw.</span>}
              <button type="button" className="link-button small" onClick={() => onRemoveLink(l.id)} aria-label={`Koppeling met ${l.standardTitle} verwijderen`}>
                ontkoppelen
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions item-actions">
        <button type="button" className="button small" onClick={onEdit}>
          Bewerken
        </button>
        <button type="button" className="button small" onClick={onLink}>
          Passage koppelen
        </button>
        <button type="button" className="button small danger" onClick={onDelete}>
          Verwijderen
        </button>
      </div>
    </li>
  );
}
