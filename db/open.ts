import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../common/errors.js';
import { loadMigrations, migrate, refuseNewerDatabase } from './migrate.js';

export type Db = Database.Database;

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
    if (migrations) refuseNewerDatabase(db, migrations);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
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
