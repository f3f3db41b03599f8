import { useState } from 'react';
import { COMMENT_TYPE_LABEL, type CommentTablePreview, type ReviewRound } from '../../../common/review';
import { call } from '../api-client';
import { ErrorText } from '../components/StatusMessage';
import { fileToBase64, formatBytes } from '../files';
import { formatDateTime } from '../format';
import type { Notify } from './RoundScreen';

const FIELD_LABEL: Record<CommentTablePreview['columns'][number]['field'], string> = {
  nr: 'nummer (niet overgenomen; de ronde nummert zelf)',
  organisatie: 'organisatie',
  auteur: 'auteur',
  passage: 'hoofdstuk / regel',
  commentaar: 'commentaar',
  type: 'type',
  genegeerd: 'niet ingelezen',
};

/**
 * A filled-in comment table (Word or CSV): choose the file, see what would be read with its
 * warnings, then confirm. Nothing is stored before the confirmation, and a table with errors is
 * not stored at all.
 */
export function ImportTab({ round, onImported, notify }: { round: ReviewRound; onImported: () => void; notify: Notify }) {
  const [file, setFile] = useState<{ name: string; size: number; dataBase64: string } | null>(null);
  const [organisation, setOrganisation] = useState('');
  const [preview, setPreview] = useState<CommentTablePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const args = () => ({ roundId: round.id, fileName: file?.name ?? '', dataBase64: file?.dataBase64 ?? '', ...(organisation.trim() ? { organisation } : {}) });
  const show = async () => {
    setError(null);
    setPreview(null);
    setBusy(true);
    try {
      setPreview(await call('reviewComments.previewImport', args()));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    setError(null);
    setBusy(true);
    try {
      const result = await call('reviewComments.import', args());
      notify({
        kind: 'ok',
        text: `${result.imported} ${result.imported === 1 ? 'commentaar' : 'commentaren'} ingelezen${result.firstNr !== null ? ` (nr. ${result.firstNr}–${result.lastNr})` : ''}${result.invitationsAdded.length ? `; toegevoegd aan de ronde: ${result.invitationsAdded.join(', ')}` : ''}.`,
      });
      setPreview(null);
      setFile(null);
      onImported();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Commentaartabel inlezen">
      <p className="muted">
        Lees commentaar in dat als ingevulde commentaartabel binnenkwam: een tabel in Word (.docx) of een CSV-bestand, met kolommen zoals <em>organisatie</em>, <em>hoofdstuk/regel</em>, <em>commentaar</em> en <em>type</em>. Samengevoegde cellen, lege rijen en extra kolommen zijn geen probleem.
      </p>
      {round.status !== 'open' && <p className="notice">De ronde is niet open. Open de ronde (onder “Organisaties en termijn”) om commentaar in te lezen.</p>}
      <form
        className="panel import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <div className="form-grid">
          <label className="field">
            Bestand
            <input
              type="file"
              accept=".docx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              data-testid="comment-table-input"
              onChange={async (e) => {
                const chosen = e.target.files?.[0];
                setPreview(null);
                setError(null);
                setFile(chosen ? { name: chosen.name, size: chosen.size, dataBase64: await fileToBase64(chosen) } : null);
              }}
            />
            {file && (
              <span className="hint">
                {file.name} ({formatBytes(file.size)})
              </span>
            )}
          </label>
          <label className="field">
            Van organisatie (als de tabel geen kolom organisatie heeft)
            <input list="ronde-organisaties" value={organisation} onChange={(e) => setOrganisation(e.target.value)} placeholder="bijv. NIP" />
            <datalist id="ronde-organisaties">
              {round.invitations.map((i) => (
                <option key={i.id} value={i.name} />
              ))}
            </datalist>
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={!file || busy}>
            Voorbeeld tonen
          </button>
        </div>
      </form>
      <ErrorText error={error} />
      {preview && (
        <section className="import-preview" aria-labelledby="voorbeeld-kop" data-testid="import-preview">
          <h2 id="voorbeeld-kop">
            Voorbeeld: {preview.rows.length} {preview.rows.length === 1 ? 'commentaar' : 'commentaren'} in {preview.fileName}
          </h2>
          <p className="small">
            Kolommen:{' '}
            {preview.columns.map((c, k) => (
              <span key={k} className="column-chip">
                “{c.header}” → {FIELD_LABEL[c.field]}
              </span>
            ))}
          </p>
          {preview.errors.length > 0 && (
            <div className="error-summary" role="alert">
              <p>
                <strong>De tabel kan zo niet worden ingelezen:</strong>
              </p>
              <ul>
                {preview.errors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.warnings.length > 0 && (
            <div className="notice">
              <ul>
                {preview.warnings.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.newOrganisations.length > 0 && <p className="notice">Nog niet uitgenodigd, worden toegevoegd als “gereageerd”: {preview.newOrganisations.join(', ')}.</p>}
          <div className="table-wrap">
            <table className="simple-table preview-table">
              <thead>
                <tr>
                  <th scope="col">Rij</th>
                  <th scope="col">Organisatie</th>
                  <th scope="col">Hoofdstuk / regel</th>
                  <th scope="col">Type</th>
                  <th scope="col">Commentaar</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, 300).map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>{r.organisation}</td>
                    <td>{r.reference ?? '—'}</td>
                    <td>
                      {COMMENT_TYPE_LABEL[r.type]}
                      {r.typeText ? <span className="muted small"> (“{r.typeText}”)</span> : null}
                    </td>
                    <td className="preview-body">{r.body}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.rows.length > 300 && <p className="muted small">En nog {preview.rows.length - 300} rijen.</p>}
          </div>
          <div className="actions">
            <button type="button" className="button" onClick={() => setPreview(null)}>
              Annuleren
            </button>
            <button type="button" className="button primary" disabled={busy || preview.errors.length > 0 || preview.rows.length === 0 || round.status !== 'open'} onClick={() => void confirm()}>
              {preview.rows.length} {preview.rows.length === 1 ? 'commentaar' : 'commentaren'} inlezen
            </button>
          </div>
        </section>
      )}
      {round.imports.length > 0 && (
        <>
          <h2>Eerder ingelezen</h2>
          <ul>
            {round.imports.map((i) => (
              <li key={i.id}>
                {i.fileName} ({i.format.toUpperCase()}): {i.rowCount} commentaren, {formatDateTime(i.importedAt)} door {i.importedBy}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
