import { useEffect, useState } from 'react';
import type { WorkspaceStatus } from '../../../common/workspace';
import { call } from '../api-client';
import { formatDateTime } from '../format';

/**
 * Shown above every screen while a colleague's project file is open: whose file it is, that
 * nothing can be changed, and the way back. Opening or closing a project reloads the app, so the
 * status is read once.
 */
export function ReadOnlyBanner() {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('workspace.status').then(setStatus, () => setStatus(null));
  }, []);
  if (status?.mode !== 'project' || !status.project) return null;
  const project = status.project;
  const back = async () => {
    try {
      await call('project.close');
      window.location.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const origin = [
    project.exportedBy ? `van ${project.exportedBy}` : null,
    project.exportedAt ? `gemaakt op ${formatDateTime(project.exportedAt)}` : null,
    project.scope === 'pilot' && project.pilotTitle ? `alleen de pilot “${project.pilotTitle}”` : null,
  ].filter(Boolean);
  return (
    <section className="read-only-banner" aria-label="Projectbestand (alleen lezen)" data-testid="read-only-banner">
      <p>
        <strong>Alleen lezen.</strong> Je bekijkt het projectbestand <strong>{project.fileName}</strong>
        {origin.length ? ` (${origin.join(', ')})` : ''}. Wijzigingen zijn hier niet mogelijk.
      </p>
      <button type="button" className="button" onClick={() => void back()}>
        Terug naar mijn werkruimte
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
