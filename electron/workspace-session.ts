/**
 * The workspace session: which database the app is showing, and the api over it. Electron's IPC
 * and browser mode's HTTP server both ask the session for the current api on every call, so the
 * database can be swapped while the app runs:
 * - restore a backup (close the workspace, put the backup in its place, reopen);
 * - open a colleague's project file read-only, and go back to your own workspace.
 *
 * Your own workspace stays open (and locked against a second Richtsnoer) while a project file is
 * shown, so backups keep working and nobody else can take it over in the meantime.
 *
 * Daily backups: at open, and every hour while the app runs, a backup is taken when the newest is
 * 24 hours old. A failed automatic backup never stops the app; the Werkruimte screen shows it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../common/errors.js';
import { PROJECT_READ_ONLY_MESSAGE, type BackupInfo, type ProjectInfo } from '../common/workspace.js';
import { backupDirFor, backupNow, findBackup, integrityProblem, isBackupDue, parseBackupName } from '../db/backup.js';
import { loadMigrations } from '../db/migrate.js';
import { openDatabase, WORKSPACE_IN_USE_MESSAGE, type Db } from '../db/open.js';
import { prepareProjectFile } from '../db/project-file.js';
import { writeAudit } from '../db/queries/audit.js';
import { getSetting } from '../db/queries/settings.js';
import type { Method } from './api-method.js';
import { createApi, invokeApiAsync, type ApiContext, type ApiHandlers, type ApiOptions, type ApiResponse } from './api.js';
import type { WorkspaceControl } from './services/workspace-api.js';
import { openWorkspace, type Workspace } from './workspace.js';

/** What a transport is given: a fixed api (tests) or the session's current one. */
export type ApiSource = ApiHandlers | (() => ApiHandlers);
export const resolveApi = (source: ApiSource): ApiHandlers => (typeof source === 'function' ? source() : source);

const HOUR_MS = 60 * 60 * 1000;

export interface SessionOptions {
  dataDir: string;
  context: Pick<ApiContext, 'mode' | 'appVersion'>;
  apiOptions?: Omit<ApiOptions, 'workspace'>;
  /** The clock, for the daily rule; tests move it. */
  now?: () => Date;
  /** How often a running app checks whether the daily backup is due; null checks only at open. */
  dailyCheckMs?: number | null;
  /** Where opened project files are unpacked; the OS temp folder by default. */
  tempRoot?: string;
}

/** Methods refused up front in a project file: they would write later, in the background. */
const REFUSED_READ_ONLY = new Set(['imports.start']);

const isReadOnlyError = (error: unknown) => String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_READONLY');

/**
 * The api over a project file: the connection is read-only (SQLite refuses every write), and such
 * a refusal comes back as one clear Dutch message instead of a general database error.
 */
export function readOnlyApi(api: ApiHandlers): ApiHandlers {
  const wrapped: Record<string, Method<z.ZodType, unknown>> = {};
  for (const [name, handler] of Object.entries(api) as Array<[string, Method<z.ZodType, unknown>]>) {
    wrapped[name] = {
      input: handler.input,
      run: (args) => {
        if (REFUSED_READ_ONLY.has(name)) throw new ApiError('GEEN_TOEGANG', PROJECT_READ_ONLY_MESSAGE);
        try {
          return handler.run(args);
        } catch (error) {
          if (isReadOnlyError(error)) throw new ApiError('GEEN_TOEGANG', PROJECT_READ_ONLY_MESSAGE);
          throw error;
        }
      },
    };
  }
  return wrapped as ApiHandlers;
}

interface ShownProject {
  db: Db;
  api: ApiHandlers;
  dir: string;
  info: ProjectInfo;
}

export class WorkspaceSession implements WorkspaceControl {
  readonly dataDir: string;
  private own: Workspace;
  private ownApi: ApiHandlers;
  private shown: ShownProject | null = null;
  private backupError: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  /** Opens (creating, migrating and seeding if needed) the workspace in dataDir; throws the Dutch error of openWorkspace. */
  static open(options: SessionOptions): WorkspaceSession {
    return new WorkspaceSession(options);
  }

  private constructor(private readonly options: SessionOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.own = openWorkspace(this.dataDir);
    this.ownApi = this.apiFor(this.own.db, this.own.file);
    this.dailyBackup();
    if (options.dailyCheckMs !== null) {
      this.timer = setInterval(() => this.dailyBackup(), options.dailyCheckMs ?? HOUR_MS);
      this.timer.unref();
    }
  }

  /** The workspace file (not the project file being shown). */
  get file(): string {
    return this.own.file;
  }

  /** The api the transports call now: the project's while one is shown, else your workspace's. */
  get api(): ApiHandlers {
    return this.shown?.api ?? this.ownApi;
  }

  invoke(name: string, args?: unknown): Promise<ApiResponse> {
    return invokeApiAsync(this.api, name, args);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private apiFor(db: Db, workspacePath: string): ApiHandlers {
    return createApi(db, { ...this.options.context, workspacePath }, { ...this.options.apiOptions, workspace: this });
  }

  /** Takes the daily backup when it is due; returns it, or null when not due or when it failed. */
  dailyBackup(): BackupInfo | null {
    if (this.closed) return null;
    try {
      if (!isBackupDue(this.own.file, this.now())) return null;
      const backup = backupNow(this.own.db, 'dagelijks', { now: this.now() });
      this.backupError = null;
      return backup;
    } catch (error) {
      this.backupError = `De automatische back-up is mislukt: ${(error as Error).message}`;
      console.warn(`[backup] ${this.backupError}`);
      return null;
    }
  }

  // WorkspaceControl

  ownDb(): Db {
    return this.own.db;
  }

  project(): ProjectInfo | null {
    return this.shown?.info ?? null;
  }

  lastBackupError(): string | null {
    return this.backupError;
  }

  /**
   * Replaces the workspace with a backup. Order matters: the backup is checked and copied beside
   * the workspace first (so retention cannot remove it meanwhile), then the current state is backed
   * up, and only then is the workspace closed, the copy renamed over it and the workspace reopened
   * (which migrates an older backup, taking a before-migration backup). Should reopening fail, the
   * state from just before is put back.
   */
  restore(name: string): { restored: BackupInfo; safety: BackupInfo } {
    const source = findBackup(this.own.file, name);
    const parsed = parseBackupName(name);
    checkRestorable(source);
    const restored: BackupInfo = { name, createdAt: parsed!.createdAt.toISOString(), reason: parsed!.reason, sizeBytes: fs.statSync(source).size };

    const staging = `${this.own.file}.terugzetten`;
    fs.rmSync(staging, { force: true });
    fs.copyFileSync(source, staging);
    let safety: BackupInfo;
    try {
      safety = backupNow(this.own.db, 'voor-terugzetten', { now: this.now() });
    } catch (error) {
      fs.rmSync(staging, { force: true });
      throw error;
    }
    this.closeProject();
    this.replaceWorkspaceWith(staging);
    try {
      this.reopen();
    } catch (error) {
      // Another Richtsnoer took the workspace in the moment it was closed: leave its file alone.
      if ((error as Error).message === WORKSPACE_IN_USE_MESSAGE) throw error;
      this.replaceWorkspaceWith(path.join(backupDirFor(this.own.file), safety.name), { copy: true });
      this.reopen();
      throw new ApiError('DATABASE', `Terugzetten is mislukt (${(error as Error).message}); je werkruimte is weer zoals vlak ervoor.`);
    }
    const actor = getSetting(this.own.db, 'user.name') ?? 'gebruiker';
    this.own.db
      .transaction(() =>
        writeAudit(this.own.db, { actor, action: 'terugzetten', entity: 'werkruimte', entityId: name, details: { backUp: name, vooraf: safety.name } }),
      )
      .immediate();
    return { restored, safety };
  }

  /** Closes the workspace and puts `file` in its place (renamed, or copied to keep the original). */
  private replaceWorkspaceWith(file: string, options: { copy?: boolean } = {}): void {
    if (this.own.db.open) this.own.db.close();
    // A clean close checkpoints and removes the WAL; a leftover one would be replayed onto the
    // replacement and must go (its content is in the backup taken just before).
    for (const sidecar of ['-wal', '-shm', '-journal']) fs.rmSync(this.own.file + sidecar, { force: true });
    if (options.copy) fs.copyFileSync(file, this.own.file);
    else fs.renameSync(file, this.own.file);
  }

  private reopen(): void {
    this.own = openWorkspace(this.dataDir);
    this.ownApi = this.apiFor(this.own.db, this.own.file);
  }

  openProject(fileName: string, bytes: Uint8Array): ProjectInfo {
    const prepared = prepareProjectFile(fileName, bytes, this.options.tempRoot ? { tempRoot: this.options.tempRoot } : {});
    let db: Db;
    try {
      db = openDatabase(prepared.file, { readonly: true });
      db.pragma('trusted_schema = OFF');
    } catch (error) {
      fs.rmSync(prepared.dir, { recursive: true, force: true });
      throw error;
    }
    // Only now that the new one is sound does the previous project (if any) close.
    this.closeProject();
    this.shown = { db, api: readOnlyApi(this.apiFor(db, prepared.info.fileName)), dir: prepared.dir, info: prepared.info };
    return prepared.info;
  }

  closeProject(): void {
    const shown = this.shown;
    if (!shown) return;
    this.shown = null;
    shown.db.close();
    fs.rmSync(shown.dir, { recursive: true, force: true });
  }

  /** Closes everything (app quit). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.closeProject();
    if (this.own.db.open) this.own.db.close();
  }
}

/** A backup is restorable when it is sound and not from a newer Richtsnoer. */
function checkRestorable(file: string): void {
  if (integrityProblem(file) !== null) {
    throw new ApiError('DATABASE', 'Deze back-up is beschadigd (de controle met integrity_check faalt); er is niets teruggezet. Kies een andere back-up.');
  }
  const db = openDatabase(file, { readonly: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = loadMigrations().length;
    if (version > latest) {
      throw new ApiError('DATABASE', `Deze back-up komt uit een nieuwere versie van Richtsnoer (schema ${version}; deze versie kent ${latest}); er is niets teruggezet.`);
    }
    const hasCatalogue = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'standard'").get() !== undefined;
    if (version < 1 || !hasCatalogue) throw new ApiError('DATABASE', 'Dit is geen back-up van een Richtsnoer-werkruimte; er is niets teruggezet.');
  } finally {
    db.close();
  }
}
