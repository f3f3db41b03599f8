/**
 * The workspace as a whole: backups (list, make, restore, retention) and project files (export,
 * open read-only, close). Backups always concern your own workspace, also while a colleague's
 * project file is open. Swapping the open database (restore, open/close a project) is the job of
 * the WorkspaceSession (electron/workspace-session.ts), which these methods reach through
 * WorkspaceControl; an api made without a session (tests, benchmarks) can back up but not swap.
 */
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import type { BinaryExportFile } from '../../common/lists.js';
import { slugFor } from '../../common/naming.js';
import {
  MAX_RETENTION_DAYS,
  MIN_BACKUPS_KEPT,
  PROJECT_FILE_EXTENSION,
  type BackupInfo,
  type BackupOverview,
  type ProjectInfo,
  type WorkspaceStatus,
} from '../../common/workspace.js';
import { backupDirFor, backupNow, listBackups, retentionDays, setRetentionDays } from '../../db/backup.js';
import type { Db } from '../../db/open.js';
import { exportProjectFile, PROJECT_MIME } from '../../db/project-file.js';
import { getSetting } from '../../db/queries/settings.js';
import { method } from '../api-method.js';
import { appVersion } from '../version.js';

/** What the session offers the api; see WorkspaceSession. */
export interface WorkspaceControl {
  /** Your own workspace, open for writing even while a project file is shown. */
  ownDb(): Db;
  /** The project file that is open read-only, or null. */
  project(): ProjectInfo | null;
  /** The last automatic backup that failed, if any. */
  lastBackupError(): string | null;
  /** Replaces your workspace with a backup, after backing up its current state. */
  restore(name: string): { restored: BackupInfo; safety: BackupInfo };
  /** Validates a project file and shows it read-only instead of your workspace. */
  openProject(fileName: string, bytes: Uint8Array): ProjectInfo;
  /** Back to your own workspace. */
  closeProject(): void;
}

const ONLY_IN_APP = 'Dit kan alleen in de Richtsnoer-app of in browsermodus.';

/** For an api without a session: backups of its own database work, swapping does not. */
function standaloneControl(db: Db): WorkspaceControl {
  return {
    ownDb: () => db,
    project: () => null,
    lastBackupError: () => null,
    restore: () => {
      throw new ApiError('CONFLICT', ONLY_IN_APP);
    },
    openProject: () => {
      throw new ApiError('CONFLICT', ONLY_IN_APP);
    },
    closeProject: () => undefined,
  };
}

const noArgs = z.object({}).strict().default({});
/** Base64 of at most 1 GiB. */
const MAX_PROJECT_BASE64 = Math.ceil((1024 * 1024 * 1024) / 3) * 4;

export const workspaceSchemas = {
  restore: z.object({ name: z.string({ error: 'Kies een back-up.' }).min(1, 'Kies een back-up.').max(200) }).strict(),
  setRetention: z
    .object({
      days: z
        .number({ error: 'Geef een aantal dagen.' })
        .int('Geef een heel aantal dagen.')
        .min(1, 'Bewaar back-ups minstens 1 dag.')
        .max(MAX_RETENTION_DAYS, `Bewaar back-ups hoogstens ${MAX_RETENTION_DAYS} dagen.`),
    })
    .strict(),
  exportProject: z
    .object({ pilotId: z.number({ error: 'Kies een pilot.' }).int().positive().nullable().default(null) })
    .strict()
    .default({ pilotId: null }),
  openProject: z
    .object({
      fileName: z.string({ error: 'Geef de naam van het bestand.' }).min(1, 'Geef de naam van het bestand.').max(255),
      // An empty file is refused by the header check, with the same words as any other non-project.
      dataBase64: z.string({ error: 'Kies een projectbestand.' }).max(MAX_PROJECT_BASE64, 'Het projectbestand is te groot (meer dan 1 GB).'),
    })
    .strict(),
};

function localDate(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function workspaceMethods(db: Db, _userName: () => string, workspace?: WorkspaceControl) {
  const control = workspace ?? standaloneControl(db);

  const overview = (): BackupOverview => {
    const own = control.ownDb();
    return {
      folder: backupDirFor(own.name),
      retentionDays: retentionDays(own),
      minimumKept: MIN_BACKUPS_KEPT,
      backups: listBackups(own.name),
      lastError: control.lastBackupError(),
    };
  };

  const status = (): WorkspaceStatus => {
    const project = control.project();
    return {
      mode: project ? 'project' : 'eigen',
      project,
      pilots: db.prepare('SELECT id, title FROM pilot ORDER BY title COLLATE NOCASE, id').all() as Array<{ id: number; title: string }>,
    };
  };

  return {
    'workspace.status': method(noArgs, () => status()),
    'backups.list': method(noArgs, () => overview()),
    'backups.create': method(noArgs, () => backupNow(control.ownDb(), 'handmatig')),
    'backups.setRetention': method(workspaceSchemas.setRetention, ({ days }) => {
      setRetentionDays(control.ownDb(), days);
      return overview();
    }),
    // Closes and reopens the workspace: the renderer reloads afterwards.
    'backups.restore': method(workspaceSchemas.restore, ({ name }) => control.restore(name)),
    // The open database (your workspace, or the project you are looking at) as one file.
    'project.export': method(workspaceSchemas.exportProject, ({ pilotId }): BinaryExportFile => {
      // Your name as set under Over; none when you never set one (the file then says nothing).
      const exportedBy = getSetting(control.ownDb(), 'user.name');
      const { bytes, info } = exportProjectFile(db, { pilotId, exportedBy, appVersion: appVersion() });
      const subject = info.pilotTitle ? slugFor(info.pilotTitle).slice(0, 40).replace(/-+$/, '') : 'werkruimte';
      return { fileName: `richtsnoer-${subject || 'pilot'}-${localDate()}${PROJECT_FILE_EXTENSION}`, mimeType: PROJECT_MIME, contentBase64: bytes.toString('base64') };
    }),
    // Both swap the open database: the renderer reloads afterwards.
    'project.open': method(workspaceSchemas.openProject, ({ fileName, dataBase64 }): ProjectInfo =>
      control.openProject(fileName, new Uint8Array(Buffer.from(dataBase64, 'base64'))),
    ),
    'project.close': method(noArgs, () => {
      control.closeProject();
      return { mode: 'eigen' as const };
    }),
  };
}
