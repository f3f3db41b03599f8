import { useEffect, useRef, useState, type DragEvent } from 'react';
import { VERSION_STATUSES, type DocumentVersion, type ImportJob, type VersionStatus } from '../../../common/document';
import { call } from '../api-client';
import { ACCEPTED_EXTENSIONS, fileToBase64, formatBytes, labelFromFileName } from '../files';
import { ErrorText } from './StatusMessage';

const FORMAT_HINT = 'PDF, Word (DOCX), HTML, Markdown of tekst';
const POLL_MS = 250;

/**
 * "Versie importeren": pick or drop a file, give it a label and status, and follow the import.
 * The import runs in the backend; this dialog polls its progress and can cancel it.
 */
export function ImportDialog({ standardId, versions, onClose, onImported }: { standardId: string; versions: DocumentVersion[]; onClose: () => void; onImported: (job: ImportJob) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [label, setLabel] = useState('');
  const [status, setStatus] = useState<VersionStatus>('gepubliceerd');
  // A new version of a text that was already tagged: annotations move along to the new text.
  const [replaces, setReplaces] = useState<string>('');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  useEffect(() => {
    if (!job || job.state !== 'bezig') return;
    const timer = setTimeout(async () => {
      try {
        const next = await call('imports.status', { jobId: job.id });
        setJob(next);
        if (next.state === 'klaar' && next.versionId !== null) onImported(next);
        if (next.state === 'mislukt') setError(next.error?.message ?? 'Het importeren is mislukt.');
      } catch (e) {
        setError((e as Error).message);
        setJob(null);
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, onImported]);

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setError(null);
    setJob(null);
    if (!label) setLabel(labelFromFileName(chosen.name));
  };

  const start = async () => {
    if (!file) {
      setError('Kies eerst een bestand.');
      return;
    }
    setError(null);
    try {
      const dataBase64 = await fileToBase64(file);
      setJob(await call('imports.start', { standardId, fileName: file.name, dataBase64, label, status, ...(replaces ? { replacesVersionId: Number(replaces) } : {}) }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const cancel = async () => {
    if (job?.state === 'bezig') {
      try {
        setJob(await call('imports.cancel', { jobId: job.id }));
      } catch (e) {
        setError((e as Error).message);
      }
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  const busy = job?.state === 'bezig';
  return (
    <dialog ref={ref} className="dialog wide" aria-labelledby="import-title" onClose={onClose} onCancel={(e) => busy && e.preventDefault()}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <h2 id="import-title">Versie importeren</h2>
        <div
          className={`dropzone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <p>Sleep een bestand hierheen, of</p>
          <label className="button">
            Bestand kiezen…
            <input type="file" className="visually-hidden" accept={ACCEPTED_EXTENSIONS.join(',')} onChange={(e) => choose(e.target.files?.[0])} disabled={busy} data-testid="file-input" />
          </label>
          <p className="hint">{FORMAT_HINT}</p>
          {file && (
            <p className="chosen-file">
              <strong>{file.name}</strong> ({formatBytes(file.size)})
            </p>
          )}
        </div>
        <div className="form-grid">
          <label className="field">
            Label van deze versie
            <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="bijv. Gepubliceerd 2015 of Concept 2026-03" disabled={busy} />
          </label>
          <label className="field">
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value as VersionStatus)} disabled={busy}>
              {VERSION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s === 'gepubliceerd' ? 'Gepubliceerd' : 'Concept'}
                </option>
              ))}
            </select>
          </label>
        </div>
        {versions.length > 0 && (
          <label className="field">
            Vervangt deze versie een eerdere?
            <select value={replaces} onChange={(e) => setReplaces(e.target.value)} disabled={busy}>
              <option value="">Nee, een losse versie</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  Ja, vervangt {v.label}: annotaties gaan mee naar de nieuwe tekst
                </option>
              ))}
            </select>
          </label>
        )}
        {job && (
          <div className="import-progress" aria-live="polite">
            <progress max={1} value={job.progress} aria-label="Voortgang van het importeren" />
            <p>
              {job.state === 'bezig' && `${job.step} (${Math.round(job.progress * 100)}%)`}
              {job.state === 'klaar' && 'Klaar.'}
              {job.state === 'geannuleerd' && 'Geannuleerd; er is niets opgeslagen.'}
            </p>
          </div>
        )}
        <ErrorText error={error} />
        <div className="actions">
          {busy ? (
            <button type="button" className="button danger" onClick={() => void cancel()}>
              Annuleren
            </button>
          ) : (
            <button type="button" className="button" onClick={() => ref.current?.close()}>
              Sluiten
            </button>
          )}
          <button type="submit" className="button primary" disabled={busy || !file}>
            Importeren
          </button>
        </div>
      </form>
    </dialog>
  );
}
