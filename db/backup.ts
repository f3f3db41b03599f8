/**
 * Automatic and manual backups of a workspace, in a `backups/` folder beside the workspace file.
 *
 * A backup is made with `VACUUM INTO` rather than better-sqlite3's `db.backup()`: the whole API is
 * synchronous (one transaction per call, no awaits between reading and writing), and VACUUM INTO is
 * synchronous too. It copies one consistent snapshot (a read transaction, WAL content included)
 * into a fresh, compact file in rollback-journal mode, so a backup is a single self-contained
 * file that can be copied, mailed or opened read-only. It refuses to overwrite an existing file.
 * At workspace sizes (a few MB to a few hundred MB) it takes milliseconds to seconds.
 *
 * Each copy is written under a `.partial` name, synced, checked with `PRAGMA integrity_check` on a
 * separate read-only connection, and only then renamed to its readable final name
 * (`werkruimte_2026-11-25_14-03-12_dagelijks.sqlite`): a crash half-way never leaves something that
 * looks like a backup.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../common/errors.js';
import { BACKUP_REASONS, DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_BACKUPS_KEPT, type BackupInfo, type BackupReason } from '../common/workspace.js';
import type { Db } from './open.js';
import { getSetting, setSetting } from './queries/settings.js';

export const BACKUP_FOLDER = 'backups';
const RETENTION_KEY = 'backup.retentionDays';
const DAY_MS = 24 * 60 * 60 * 1000;
const PARTIAL = '.partial';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const REASONS = BACKUP_REASONS.join('|');
const NAME = new RegExp(`^werkruimte_(\\d{4})-(\\d{2})-(\\d{2})_(\\d{2})-(\\d{2})-(\\d{2})_(${REASONS})(?:-(\\d{1,3}))?\\.sqlite$`);

export function backupDirFor(workspaceFile: string): string {
  return path.join(path.dirname(path.resolve(workspaceFile)), BACKUP_FOLDER);
}

/** Local time, because people read these names in their file manager. */
export function backupFileName(at: Date, reason: BackupReason, counter = 1): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}_${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  return `werkruimte_${stamp}_${reason}${counter > 1 ? `-${counter}` : ''}.sqlite`;
}

export function parseBackupName(name: string): { createdAt: Date; reason: BackupReason; counter: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, reason, counter] = m;
  const createdAt = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, reason: reason as BackupReason, counter: counter ? Number(counter) : 1 };
}

/** The backups of a workspace, newest first. Files that do not carry a backup name are ignored (and never deleted). */
export function listBackups(workspaceFile: string): BackupInfo[] {
  const dir = backupDirFor(workspaceFile);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const backups: Array<BackupInfo & { order: number[] }> = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir, name));
      if (!stat.isFile()) continue;
    } catch {
      continue;
    }
    // Within one second (a backup by hand, then one before a restore) the file's mtime decides.
    backups.push({ name, createdAt: parsed.createdAt.toISOString(), reason: parsed.reason, sizeBytes: stat.size, order: [parsed.createdAt.getTime(), stat.mtimeMs, parsed.counter] });
  }
  const newestFirst = (a: number[], b: number[]) => (b[0]! - a[0]!) || (b[1]! - a[1]!) || (b[2]! - a[2]!);
  return backups.sort((a, b) => newestFirst(a.order, b.order)).map(({ order: _order, ...b }) => b);
}

/** The path of a listed backup; the name must be exactly one of ours, so no path can be smuggled in. */
export function findBackup(workspaceFile: string, name: string): string {
  if (!parseBackupName(name) || !listBackups(workspaceFile).some((b) => b.name === name)) {
    throw new ApiError('NIET_GEVONDEN', `Er is geen back-up "${name.slice(0, 120)}". Vernieuw de lijst en kies opnieuw.`);
  }
  return path.join(backupDirFor(workspaceFile), name);
}

export function retentionDays(db: Db): number {
  const value = Number(getSetting(db, RETENTION_KEY));
  return Number.isSafeInteger(value) && value >= 1 && value <= MAX_RETENTION_DAYS ? value : DEFAULT_RETENTION_DAYS;
}

export function setRetentionDays(db: Db, days: number): void {
  setSetting(db, RETENTION_KEY, String(days));
}

/** null when the file is a sound SQLite database, otherwise what is wrong (for the message). */
export function integrityProblem(file: string): string | null {
  let check: Db | null = null;
  try {
    check = new Database(file, { readonly: true, fileMustExist: true });
    const rows = check.prepare('PRAGMA integrity_check').pluck().all() as string[];
    return rows.length === 1 && rows[0] === 'ok' ? null : rows.slice(0, 3).join('; ');
  } catch (error) {
    return (error as Error).message;
  } finally {
    check?.close();
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename durable; directories cannot be opened for syncing on Windows, where this is moot. */
function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // not supported on this platform
  }
}

const isCorruption = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
};

export const DAMAGED_BACKUP_MESSAGE =
  'Beschadigd bestand: de kopie van de werkruimte doorstond de controle (integrity_check) niet, dus de werkruimte zelf is waarschijnlijk beschadigd. Er is niets gewijzigd; zet zo nodig een eerdere back-up terug.';

/**
 * Writes a consistent, integrity-checked copy of `db` to `target` (which must not exist yet).
 * Throws a Dutch ApiError and leaves no file behind when anything fails.
 */
export function snapshotTo(db: Db, target: string): void {
  const partial = target + PARTIAL;
  fs.rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    fsyncFile(partial);
    if (integrityProblem(partial) !== null) throw new ApiError('DATABASE', DAMAGED_BACKUP_MESSAGE);
    fs.renameSync(partial, target);
    fsyncDir(path.dirname(target));
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof ApiError) throw error;
    if (isCorruption(error)) throw new ApiError('DATABASE', DAMAGED_BACKUP_MESSAGE);
    throw new ApiError('DATABASE', `De back-up kon niet worden gemaakt: ${(error as Error).message}`);
  }
}

export interface BackupOptions {
  /** The clock; tests move it. */
  now?: Date;
}

/**
 * Takes a backup of the workspace behind `db` now, then applies the retention rule. The merge and
 * restore code call this before they change a workspace wholesale.
 */
export function backupNow(db: Db, reason: BackupReason, options: BackupOptions = {}): BackupInfo {
  if (db.memory || db.readonly) throw new ApiError('DATABASE', 'Van deze database kan geen back-up worden gemaakt.');
  const now = options.now ?? new Date();
  const dir = backupDirFor(db.name);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new ApiError('DATABASE', `De map voor back-ups kon niet worden gemaakt: ${(error as Error).message}`);
  }
  let counter = 1;
  while (fs.existsSync(path.join(dir, backupFileName(now, reason, counter)))) counter++;
  const name = backupFileName(now, reason, counter);
  const target = path.join(dir, name);
  snapshotTo(db, target);
  try {
    pruneBackups(db.name, retentionDays(db), now);
  } catch {
    // The backup itself is made; old ones are cleared next time.
  }
  return { name, createdAt: (parseBackupName(name)?.createdAt ?? now).toISOString(), reason, sizeBytes: fs.statSync(target).size };
}

/**
 * Deletes backups older than `days`, but never the newest MIN_BACKUPS_KEPT: a workspace left alone
 * for a year still has its last backups. Leftover `.partial` files of a crashed backup go too.
 * Returns the names deleted.
 */
export function pruneBackups(workspaceFile: string, days: number, now = new Date()): string[] {
  const dir = backupDirFor(workspaceFile);
  const deleted: string[] = [];
  listBackups(workspaceFile).forEach((backup, index) => {
    if (index < MIN_BACKUPS_KEPT) return;
    if (now.getTime() - new Date(backup.createdAt).getTime() <= days * DAY_MS) return;
    try {
      fs.rmSync(path.join(dir, backup.name));
      deleted.push(backup.name);
    } catch {
      // In use or gone already: the next prune tries again.
    }
  });
  for (const name of safeReaddir(dir)) {
    if (!name.endsWith(PARTIAL) || !parseBackupName(name.slice(0, -PARTIAL.length))) continue;
    try {
      if (now.getTime() - fs.statSync(path.join(dir, name)).mtimeMs > 60 * 60 * 1000) fs.rmSync(path.join(dir, name));
    } catch {
      // ignore
    }
  }
  return deleted;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** The daily rule: a backup is due when there is none, or the newest is 24 hours old. */
export function isBackupDue(workspaceFile: string, now = new Date()): boolean {
  const newest = listBackups(workspaceFile)[0];
  return !newest || now.getTime() - new Date(newest.createdAt).getTime() >= DAY_MS;
}

/**
 * openDatabase calls this when an existing workspace is about to be migrated. Without a good
 * backup the migration does not run: the message starts like openDatabase's own refusals.
 */
export function backupBeforeMigration(db: Db): BackupInfo {
  try {
    return backupNow(db, 'voor-bijwerken');
  } catch (error) {
    const message = (error as Error).message;
    if (/^Beschadigd/.test(message)) throw error;
    throw new ApiError('DATABASE', `De werkruimte kon niet worden geopend: vóór het bijwerken kon geen back-up worden gemaakt (${message}). Er is niets gewijzigd.`);
  }
}
