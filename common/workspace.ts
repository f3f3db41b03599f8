/** Backups, project files and the workspace session, as backend and renderer both see them. */

/** Why a backup was taken; part of its file name, so the folder reads like a log. */
export const BACKUP_REASONS = ['dagelijks', 'voor-bijwerken', 'voor-terugzetten', 'voor-samenvoegen', 'handmatig'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABEL: Record<BackupReason, string> = {
  dagelijks: 'Dagelijkse back-up',
  'voor-bijwerken': 'Vóór het bijwerken naar een nieuwe versie',
  'voor-terugzetten': 'Vóór het terugzetten van een back-up',
  'voor-samenvoegen': 'Vóór het samenvoegen',
  handmatig: 'Handmatig gemaakt',
};

export interface BackupInfo {
  /** The file name in the backups folder; the only handle the renderer gets (never a path). */
  name: string;
  /** When it was taken (ISO 8601). */
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
}

export interface BackupOverview {
  /** Where the backups are, to show (not to use: the renderer never passes paths back). */
  folder: string;
  retentionDays: number;
  /** The newest this many are kept whatever their age. */
  minimumKept: number;
  backups: BackupInfo[];
  /** The last automatic backup that failed in this session, if any. */
  lastError: string | null;
}

export const DEFAULT_RETENTION_DAYS = 30;
export const MIN_BACKUPS_KEPT = 3;
export const MAX_RETENTION_DAYS = 3650;

/** What a project file says about itself (stored in its setting table when it is exported). */
export interface ProjectInfo {
  fileName: string;
  exportedAt: string | null;
  exportedBy: string | null;
  appVersion: string | null;
  scope: 'werkruimte' | 'pilot';
  pilotTitle: string | null;
}

export interface WorkspaceStatus {
  /** 'eigen': your own workspace; 'project': a colleague's project file, read-only. */
  mode: 'eigen' | 'project';
  project: ProjectInfo | null;
  /** The pilots of the open database, for "export one pilot". */
  pilots: Array<{ id: number; title: string }>;
}

export const PROJECT_FILE_EXTENSION = '.richtsnoer';

/** Every write refused while a project file is open says this. */
export const PROJECT_READ_ONLY_MESSAGE =
  'Dit projectbestand is alleen te lezen: je kunt er niets in wijzigen. Ga terug naar je eigen werkruimte om verder te werken.';
