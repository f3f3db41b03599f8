import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../common/errors.js';
import { backupBeforeMigration } from './backup.js';
import { loadMigrations, migrate, refuseNewerDatabase } from './migrate.js';

export type Db = Database.Database;

/** Shown when another Richtsnoer process (or window) already has this workspace open for writing. */
export const WORKSPACE_IN_USE_MESSAGE =
  'De werkruimte is al geopend in een ander Richtsnoer-venster of -proces. Sluit dat eerst en probeer het daarna opnieuw.';

/**
 * One writer per workspace. The lock is a SQLite EXCLUSIVE lock on a small companion file
 * ("werkruimte.sqlite.lock") held by a second connection for as long as the workspace is open:
 * - the operating system drops it when the process ends in any way (kill -9, power cut, crash), so a
 *   stale lock can never lock the user out; there is no pid to check or file to clean up;
 * - the workspace database itself stays in normal WAL locking, so backup tools and the tests'
 *   deliberate second connections (api.test.ts lost-update case) can still read and write it;
 * - busy_timeout 0: a second opener is refused at once instead of waiting.
 * The lock file is never deleted (deleting a lock file races with a process that has just opened it).
 */
function acquireWriterLock(file: string): Db {
  let real = path.resolve(file);
  try {
    real = fs.realpathSync(file);
  } catch {
    // Not there (yet): the resolved path names the same file.
  }
  const lock = new Database(`${real}.lock`);
  try {
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.pragma('journal_mode = MEMORY');
    // In EXCLUSIVE locking mode the lock taken by the first write transaction is kept after COMMIT.
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
    return lock;
  } catch (error) {
    lock.close();
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new ApiError('DATABASE', WORKSPACE_IN_USE_MESSAGE);
    throw error;
  }
}

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

/**
 * Opens a workspace database with the pragmas the whole app relies on: WAL for concurrent readers,
 * synchronous=FULL so an acknowledged write survives a power cut, and foreign keys enforced.
 * A file that is not a SQLite database, or is damaged, gives a clear Dutch error instead of a crash.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new ApiError('DATABASE', `De werkruimte kon niet worden geopend: ${(error as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Touching the schema forces SQLite to read the header, so a damaged file fails here, before
    // anything is written to it.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const migrations = (options.migrate ?? !options.readonly) ? loadMigrations() : null;
    // A newer workspace is refused before the journal-mode switch below would rewrite its header.
    const current = migrations ? refuseNewerDatabase(db, migrations) : 0;
    // Second-writer guard (see acquireWriterLock): taken before anything is written, after the
    // read-only checks above so a refused file gets no lock file next to it. Readers need no lock.
    if (!options.readonly && file !== ':memory:') {
      const lock = acquireWriterLock(file);
      const close = db.close.bind(db);
      Object.defineProperty(db, 'close', {
        configurable: true,
        writable: true,
        value: () => {
          try {
            return close();
          } finally {
            if (lock.open) lock.close();
          }
        },
      });
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // An existing workspace is backed up before its schema changes (db/backup.ts).
    if (migrations && current > 0 && current < migrations.length && !options.readonly && file !== ':memory:') backupBeforeMigration(db);
    if (migrations) migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new ApiError('DATABASE', 'Beschadigd bestand: dit is geen leesbare Richtsnoer-werkruimte.');
    }
    throw new ApiError('DATABASE', `De werkruimte kon niet worden geopend: ${(error as Error).message}`);
  }
}
