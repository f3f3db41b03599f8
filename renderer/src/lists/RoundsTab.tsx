import { useState } from 'react';
import { PERSPECTIVES, VOTES, type BdlItem, type Perspective, type Vote, type VoteTally } from '../../../common/lists';
import { call } from '../api-client';
import { useCatalogue } from '../catalogue-data';
import { useLoad } from '../use-api';
import { ErrorText, StatusMessage } from '../components/StatusMessage';

const VOTE_LABEL: Record<Vote, string> = { eens: 'Eens', neutraal: 'Neutraal', oneens: 'Oneens' };
const pct = (t: VoteTally | undefined) => (t && t.agreePercent !== null ? `${Math.round(t.agreePercent * 100)}%` : '—');

function RoundView({ roundId, items, onClosed }: { roundId: number; items: BdlItem[]; onClosed: () => void }) {
  const catalogue = useCatalogue();
  const result = useLoad(() => call('rounds.result', { roundId }), [roundId]);
  const [delegate, setDelegate] = useState('');
  const [perspective, setPerspective] = useState<Perspective>('ervaring');
  const [ballot, setBallot] = useState<Record<number, { vote: Vote | ''; comment: string }>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (result.error) return <p className="error" role="alert">{result.error}</p>;
  if (!result.data) return <p className="loading">Laden…</p>;
  const { round } = result.data;
  const roundItems = items.filter((i) => round.itemIds.includes(i.id));
  const statement = (id: number) => items.find((i) => i.id === id)?.statement ?? `item ${id}`;

  const submit = async () => {
    try {
      const votes = Object.entries(ballot).filter(([, b]) => b.vote !== '');
      if (!delegate.trim() || votes.length === 0) throw new Error('Vul de naam van de afgevaardigde in en kies bij minstens één item een stem.');
      for (const [itemId, b] of votes) {
        await call('rounds.vote', { roundId, itemId: Number(itemId), delegate, perspective, vote: b.vote as Vote, ...(b.comment.trim() ? { comment: b.comment } : {}) });
      }
      setMessage({ kind: 'ok', text: `${votes.length} ${votes.length === 1 ? 'stem' : 'stemmen'} van ${delegate} vastgelegd.` });
      setBallot({});
      setDelegate('');
      result.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  return (
    <section className="search-group" aria-labelledby={`ronde-${roundId}`}>
      <h2 id={`ronde-${roundId}`}>
        Ronde {round.number}: {round.title} <span className="badge">{round.status === 'open' ? 'Open' : 'Gesloten'}</span>
      </h2>
      <p className="muted small">
        Consensus bij minstens {Math.round(round.rule.minAgree * 100)}% eens{round.rule.requireMedianAgree ? ' en mediaan "eens"' : ''}
        {round.rule.perPerspective ? ', in elk perspectief dat stemde' : ''}.
      </p>
      <StatusMessage message={message} />
      {round.status === 'open' && (
        <form
          className="ballot"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="form-grid">
            <label className="field">
              Afgevaardigde
              <input value={delegate} onChange={(e) => setDelegate(e.target.value)} />
            </label>
            <label className="field">
              Perspectief
              <select value={perspective} onChange={(e) => setPerspective(e.target.value as Perspective)}>
                {PERSPECTIVES.map((p) => (
                  <option key={p} value={p}>
                    {catalogue.label('perspective', p)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <table className="simple-table ballot-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                {VOTES.map((v) => (
                  <th key={v} scope="col">
                    {VOTE_LABEL[v]}
                  </th>
                ))}
                <th scope="col">Toelichting</th>
              </tr>
            </thead>
            <tbody>
              {roundItems.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.statement}</th>
                  {VOTES.map((v) => (
                    <td key={v}>
                      <input
                        type="radio"
                        name={`stem-${roundId}-${item.id}`}
                        aria-label={`${VOTE_LABEL[v]}: ${item.statement}`}
                        checked={ballot[item.id]?.vote === v}
                        onChange={() => setBallot({ ...ballot, [item.id]: { vote: v, comment: ballot[item.id]?.comment ?? '' } })}
                      />
                    </td>
                  ))}
                  <td>
                    <input
                      aria-label={`Toelichting bij ${item.statement}`}
                      value={ballot[item.id]?.comment ?? ''}
                      onChange={(e) => setBallot({ ...ballot, [item.id]: { vote: ballot[item.id]?.vote ?? '', comment: e.target.value } })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="submit" className="button primary">
              Stemmen vastleggen
            </button>
          </div>
        </form>
      )}
      <h3>Uitslag</h3>
      <table className="simple-table result-table" data-testid={`uitslag-${roundId}`}>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Stemmen</th>
            <th scope="col">Eens (totaal)</th>
            {PERSPECTIVES.map((p) => (
              <th key={p} scope="col">
                {catalogue.label('perspective', p)}
              </th>
            ))}
            <th scope="col">Consensus</th>
          </tr>
        </thead>
        <tbody>
          {result.data.items.map((r) => (
            <tr key={r.itemId}>
              <th scope="row">{statement(r.itemId)}</th>
              <td>{r.overall.total}</td>
              <td>{pct(r.overall)}</td>
              {PERSPECTIVES.map((p) => (
                <td key={p} className={r.dissentingPerspectives.includes(p) ? 'dissent-cell' : undefined}>
                  {pct(r.byPerspective[p])}
                </td>
              ))}
              <td>{r.consensus ? <span className="badge badge-verified">Ja</span> : <span className="badge badge-plausible">Nee</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.data.carryOver.length > 0 && <p className="muted">Zonder consensus, mee naar de volgende ronde: {result.data.carryOver.map(statement).join('; ')}.</p>}
      {round.status === 'open' && (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() =>
              void call('rounds.close', { roundId }).then(
                () => {
                  result.reload();
                  onClosed();
                },
                (e: unknown) => setMessage({ kind: 'error', text: (e as Error).message }),
              )
            }
          >
            Ronde sluiten
          </button>
        </div>
      )}
    </section>
  );
}

/** Delphi-style voting rounds per perspective, with a configurable consensus rule. */
export function RoundsTab({ listId, items, onItemsChanged }: { listId: number; items: BdlItem[]; onItemsChanged: () => void }) {
  const rounds = useLoad(() => call('rounds.list', { listId }), [listId]);
  const [title, setTitle] = useState('Stemronde');
  const [minAgree, setMinAgree] = useState('70');
  const [median, setMedian] = useState(true);
  const [perPerspective, setPerPerspective] = useState(false);
  const [carryOverFrom, setCarryOverFrom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    try {
      await call('rounds.create', {
        listId,
        title,
        rule: { minAgree: Number(minAgree) / 100, requireMedianAgree: median, perPerspective },
        ...(carryOverFrom ? { carryOverFrom: Number(carryOverFrom) } : {}),
      });
      rounds.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const closed = (rounds.data ?? []).filter((r) => r.status === 'gesloten');
  return (
    <div>
      <details className="panel" open={(rounds.data ?? []).length === 0}>
        <summary>Nieuwe stemronde</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <div className="form-grid">
            <label className="field">
              Titel
              <input value={title} onChange={(e) => setTitle(e.target.value)} required />
            </label>
            <label className="field">
              Drempel: minimaal % eens
              <input type="number" min={1} max={100} value={minAgree} onChange={(e) => setMinAgree(e.target.value)} />
            </label>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={median} onChange={(e) => setMedian(e.target.checked)} /> Ook de mediaan moet "eens" zijn
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={perPerspective} onChange={(e) => setPerPerspective(e.target.checked)} /> De drempel geldt in elk perspectief
          </label>
          {closed.length > 0 && (
            <label className="field">
              Items
              <select value={carryOverFrom} onChange={(e) => setCarryOverFrom(e.target.value)}>
                <option value="">Alle items die niet vervallen zijn</option>
                {closed.map((r) => (
                  <option key={r.id} value={r.id}>
                    Items zonder consensus uit ronde {r.number}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ErrorText error={error} />
          <div className="actions">
            <button type="submit" className="button primary">
              Ronde starten
            </button>
          </div>
        </form>
      </details>
      {[...(rounds.data ?? [])].reverse().map((r) => (
        <RoundView key={r.id} roundId={r.id} items={items} onClosed={() => { rounds.reload(); onItemsChanged(); }} />
      ))}
    </div>
  );
}
