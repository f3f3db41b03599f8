import { useEffect, useRef, useState } from 'react';
import type { DocumentVersion, VersionStatus } from '../../../common/document';
import { call } from '../api-client';
import { ErrorText } from './StatusMessage';

/** Rename a version, change its status, or delete it (with a confirmation that says what goes). */
export function VersionEditDialog({ version, onClose, onSaved, onDeleted }: { version: DocumentVersion; onClose: () => void; onSaved: () => void; onDeleted: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [label, setLabel] = useState(version.label);
  const [status, setStatus] = useState<VersionStatus>(version.status);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const save = async () => {
    try {
      await call('versions.update', { versionId: version.id, label, status });
      onSaved();
      ref.current?.close();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async () => {
    try {
      await call('versions.delete', { versionId: version.id });
      onDeleted();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="version-edit-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="version-edit-title">Versie bewerken</h2>
        <label className="field">
          Label
          <input value={label} onChange={(e) => setLabel(e.target.value)} required autoFocus />
        </label>
        <label className="field">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as VersionStatus)}>
            <option value="gepubliceerd">Gepubliceerd</option>
            <option value="concept">Concept</option>
          </select>
        </label>
        <ErrorText error={error} />
        {confirmDelete ? (
          <div className="notice danger-zone" role="group" aria-label="Verwijderen bevestigen">
            <p>
              <strong>{version.label}</strong> en de {version.sectionCount} secties ervan worden verwijderd, met de structuurcorrecties. Annotaties op deze versie blijven bewaard onder <em>Niet geplaatst</em>, zodat je ze op een andere versie kunt plaatsen. Dit kan niet ongedaan worden gemaakt; het oorspronkelijke bestand kun je later opnieuw importeren.
            </p>
            <div className="actions">
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                Niet verwijderen
              </button>
              <button type="button" className="button danger" onClick={() => void remove()}>
                Definitief verwijderen
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="button" className="button danger" onClick={() => setConfirmDelete(true)}>
              Versie verwijderen…
            </button>
            <span className="spacer" />
            <button type="button" className="button" onClick={() => ref.current?.close()}>
              Annuleren
            </button>
            <button type="submit" className="button primary">
              Opslaan
            </button>
          </div>
        )}
      </form>
    </dialog>
  );
}
