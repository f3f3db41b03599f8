import { useEffect, useRef, useState } from 'react';
import { BACKUP_REASON_LABEL, PROJECT_FILE_EXTENSION, type BackupInfo } from '../../../common/workspace';
import { call } from '../api-client';
import { StatusMessage } from '../components/StatusMessage';
import { MergePanel } from '../components/MergePanel';
import { downloadBase64, fileToBase64, formatBytes } from '../files';
import { formatDateTime } from '../format';

/** Backups can be seconds apart (one before a restore, one made by hand): show the seconds. */
const withSeconds = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'medium' });
const backupTime = (iso: string) => withSeconds.format(new Date(iso));
import { useLoad } from '../use-api';

type Message = { kind: 'ok' | 'error'; text: string } | null;

/** A message that survives the reload after a restore or opening a project. */
const FLASH_KEY = 'richtsnoer:werkruimte-melding';

function reloadWith(text: string): void {
  sessionStorage.setItem(FLASH_KEY, text);
  window.location.reload();
}

function RestoreDialog({ backup, onClose }: { backup: BackupInfo; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('backups.restore', { name: backup.name });
      reloadWith(
        `De back-up van ${backupTime(result.restored.createdAt)} is teruggezet. De toestand van daarvoor staat in de back-up van ${backupTime(result.safety.createdAt)} (“${BACKUP_REASON_LABEL[result.safety.reason]}”).`,
      );
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="restore-title" onClose={onClose} onCancel={(e) => busy && e.preventDefault()}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void restore();
        }}
      >
        <h2 id="restore-title">Back-up terugzetten?</h2>
        <p>
          Je werkruimte wordt vervangen door de back-up van <strong>{backupTime(backup.createdAt)}</strong> ({BACKUP_REASON_LABEL[backup.reason].toLowerCase()}).
        </p>
        <p>Wat je daarna hebt gewijzigd, staat dan niet meer in je werkruimte. Richtsnoer maakt eerst een back-up van de huidige toestand, zodat je het terugzetten ongedaan kunt maken door die weer terug te zetten.</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => ref.current?.close()}>
            Annuleren
          </button>
          <button type="submit" className="button danger" disabled={busy} autoFocus>
            {busy ? 'Bezig met terugzetten…' : 'Terugzetten'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function BackupsSection({ readOnly }: { readOnly: boolean }) {
  const overview = useLoad(() => call('backups.list'), []);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [days, setDays] = useState('');
  const [daysMessage, setDaysMessage] = useState<Message>(null);
  useEffect(() => {
    if (overview.data) setDays(String(overview.data.retentionDays));
  }, [overview.data]);

  const backupNow = async () => {
    setBusy(true);
    try {
      const backup = await call('backups.create');
      setMessage({ kind: 'ok', text: `Back-up gemaakt op ${backupTime(backup.createdAt)} (${formatBytes(backup.sizeBytes)}) en gecontroleerd.` });
      overview.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const saveDays = async () => {
    try {
      const next = await call('backups.setRetention', { days: Number(days) });
      setDaysMessage({ kind: 'ok', text: `Back-ups worden ${next.retentionDays} dagen bewaard; de nieuwste ${next.minimumKept} altijd.` });
      overview.reload();
    } catch (e) {
      setDaysMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  const data = overview.data;
  return (
    <section aria-labelledby="backups-title" className="workspace-section">
      <div className="section-head">
        <h2 id="backups-title">Back-ups</h2>
        <button type="button" className="button primary" disabled={busy} onClick={() => void backupNow()}>
          {busy ? 'Back-up maken…' : 'Nu een back-up maken'}
        </button>
      </div>
      <p>
        Richtsnoer maakt elke dag automatisch een back-up van je werkruimte, en ook vóór het bijwerken naar een nieuwe versie, vóór het terugzetten van een back-up en vóór het samenvoegen. Elke back-up wordt
        na het maken gecontroleerd.
        {readOnly && ' Dit gaat over je eigen werkruimte, niet over het projectbestand dat je nu bekijkt.'}
      </p>
      {data && (
        <p className="muted small">
          Map: <code>{data.folder}</code>
        </p>
      )}
      <StatusMessage message={message} />
      {data?.lastError && (
        <p className="error" role="alert">
          {data.lastError}
        </p>
      )}
      {overview.error && (
        <p className="error" role="alert">
          {overview.error}
        </p>
      )}
      {data && data.backups.length === 0 && <p>Er zijn nog geen back-ups.</p>}
      {data && data.backups.length > 0 && (
        <table className="simple-table backups-table" data-testid="backups">
          <thead>
            <tr>
              <th scope="col">Gemaakt op</th>
              <th scope="col">Soort</th>
              <th scope="col" className="numeric">
                Grootte
              </th>
              <th scope="col">
                <span className="visually-hidden">Actie</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.backups.map((b) => (
              <tr key={b.name} data-backup={b.name}>
                <th scope="row">{backupTime(b.createdAt)}</th>
                <td>{BACKUP_REASON_LABEL[b.reason]}</td>
                <td className="numeric">{formatBytes(b.sizeBytes)}</td>
                <td className="row-actions">
                  <button type="button" className="button small" onClick={() => setRestoring(b)} aria-label={`Back-up van ${backupTime(b.createdAt)} terugzetten`}>
                    Terugzetten…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Bewaartermijn</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveDays();
        }}
      >
        <label className="field">
          Back-ups bewaren (dagen)
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} aria-describedby="retention-hint" />
        </label>
        <button type="submit" className="button">
          Opslaan
        </button>
      </form>
      <p id="retention-hint" className="muted small">
        Oudere back-ups worden opgeruimd; de nieuwste {data?.minimumKept ?? 3} blijven altijd bewaard, hoe oud ook.
      </p>
      <StatusMessage message={daysMessage} />
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </section>
  );
}

function ProjectSection({ readOnly, pilots }: { readOnly: boolean; pilots: Array<{ id: number; title: string }> }) {
  const [scope, setScope] = useState('');
  const [busy, setBusy] = useState<'export' | 'open' | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportProject = async () => {
    setBusy('export');
    setMessage(null);
    try {
      const file = await call('project.export', { pilotId: scope ? Number(scope) : null });
      downloadBase64(file);
      setMessage({ kind: 'ok', text: `Projectbestand ${file.fileName} gemaakt en gecontroleerd.` });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const openProject = async (file: File) => {
    setBusy('open');
    setMessage(null);
    try {
      const info = await call('project.open', { fileName: file.name, dataBase64: await fileToBase64(file) });
      reloadWith(`Projectbestand ${info.fileName} geopend, alleen om te lezen.`);
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <section aria-labelledby="project-title" className="workspace-section">
      <h2 id="project-title">Projectbestand delen</h2>
      <p>
        Deel je werkruimte, of één pilot, met een collega als één bestand ({PROJECT_FILE_EXTENSION}). Je collega opent het in de eigen Richtsnoer om te lezen; de eigen werkruimte van je collega verandert daar niet door.
      </p>
      <form
        className="inline-form wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void exportProject();
        }}
      >
        <label className="field">
          Wat delen
          <select value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="">{readOnly ? 'Het hele projectbestand' : 'De hele werkruimte'}</option>
            {pilots.map((p) => (
              <option key={p.id} value={String(p.id)}>
                Alleen pilot: {p.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" disabled={busy !== null}>
          {busy === 'export' ? 'Exporteren…' : 'Projectbestand exporteren'}
        </button>
      </form>
      <h3>Projectbestand openen</h3>
      <p>Open een projectbestand van een collega om het te bekijken. Het is alleen te lezen; met de knop bovenaan ga je terug naar je eigen werkruimte.</p>
      <label className="button file-button">
        {busy === 'open' ? 'Projectbestand openen…' : `Projectbestand openen (${PROJECT_FILE_EXTENSION})…`}
        <input
          ref={fileInput}
          type="file"
          className="visually-hidden"
          accept={`${PROJECT_FILE_EXTENSION},application/octet-stream`}
          disabled={busy !== null}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void openProject(file);
          }}
        />
      </label>
      {busy === 'open' && <p role="status">Projectbestand controleren en openen…</p>}
      <StatusMessage message={message} />
    </section>
  );
}

export function WorkspaceScreen() {
  const status = useLoad(() => call('workspace.status'), []);
  const [flash] = useState<Message>(() => {
    const text = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    return text ? { kind: 'ok', text } : null;
  });
  const readOnly = status.data?.mode === 'project';
  // A merge takes a backup first: the list of backups is reloaded to show it.
  const [backupsVersion, setBackupsVersion] = useState(0);
  return (
    <div className="screen workspace-screen">
      <h1>Werkruimte</h1>
      <p className="muted">Back-ups van je werkruimte, en je werk delen met collega’s als projectbestand.</p>
      <StatusMessage message={flash} />
      {status.error && (
        <p className="error" role="alert">
          {status.error}
        </p>
      )}
      <BackupsSection key={backupsVersion} readOnly={readOnly} />
      <ProjectSection readOnly={readOnly} pilots={status.data?.pilots ?? []} />
      <MergePanel readOnly={readOnly} onMerged={() => setBackupsVersion((v) => v + 1)} />
    </div>
  );
}
