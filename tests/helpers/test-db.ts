/**
 * Real SQLite workspaces in temporary folders for the unit tests: no mocks of the database, so a
 * test sees exactly the pragmas, constraints and query plans the app gets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApi, invokeApi, type ApiHandlers, type ApiOptions, type ApiResponse } from '../../electron/api.js';
import { openDatabase, type Db, type OpenOptions } from '../../db/open.js';
import { seedDatabase } from '../../db/seed.js';
import type { StandardsData } from '../../standards-data/schema.js';

/** A fresh temporary folder; remove it with removeDir. */
export function tempDir(prefix = 'richtsnoer-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface TempDb {
  db: Db;
  dir: string;
  file: string;
  /** Closes the database (if still open) and removes the folder. */
  cleanup(): void;
}

export function openTempDb(options: OpenOptions = {}): TempDb {
  const dir = tempDir();
  const file = path.join(dir, 'werkruimte.sqlite');
  const db = openDatabase(file, options);
  return {
    db,
    dir,
    file,
    cleanup() {
      if (db.open) db.close();
      removeDir(dir);
    },
  };
}

export interface TestWorkspace extends TempDb {
  api: ApiHandlers;
  /** invokeApi on this workspace's api. */
  call(method: string, args?: unknown): ApiResponse;
  /** invokeApi that fails the test unless the call succeeded; returns the value. */
  ok<T = unknown>(method: string, args?: unknown): T;
}

export const TEST_APP_VERSION = '9.9.9-test';

let template: string | null = null;

/** A seeded database file made once per test process; copying it is much faster than seeding. */
function seededTemplate(): string {
  if (template && fs.existsSync(template)) return template;
  const dir = tempDir('richtsnoer-template-');
  const file = path.join(dir, 'template.sqlite');
  const db = openDatabase(file);
  seedDatabase(db);
  db.close(); // checkpoints the WAL into the main file
  process.once('exit', () => removeDir(dir));
  template = file;
  return file;
}

/**
 * A migrated and seeded workspace with the real api on top (the default seed unless data is given);
 * options reach createApi, e.g. a stand-in document parser.
 */
export function seededWorkspace(data?: StandardsData, options: ApiOptions = {}): TestWorkspace {
  let temp: TempDb;
  if (data) {
    temp = openTempDb();
    seedDatabase(temp.db, data);
  } else {
    const dir = tempDir();
    const file = path.join(dir, 'werkruimte.sqlite');
    fs.copyFileSync(seededTemplate(), file);
    const db = openDatabase(file);
    temp = {
      db,
      dir,
      file,
      cleanup() {
        if (db.open) db.close();
        removeDir(dir);
      },
    };
  }
  const api = createApi(temp.db, { mode: 'test', appVersion: TEST_APP_VERSION, workspacePath: temp.file }, options);
  const call = (method: string, args?: unknown) => invokeApi(api, method, args);
  return {
    ...temp,
    api,
    call,
    ok<T>(method: string, args?: unknown): T {
      const result = call(method, args);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
  };
}

/** Names of the user tables (not sqlite_* internals), sorted. */
export function userTables(db: Db): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>
  ).map((r) => r.name);
}

export function tableCounts(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of userTables(db)) {
    counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  return counts;
}

/** Every row of every user table, in a stable order: for "nothing changed" assertions. */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of userTables(db)) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => `"${c.name}"`);
    dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all();
  }
  return dump;
}

/** The schema as SQLite stores it (tables, indexes, triggers, views), sorted by name. */
export function schemaSnapshot(db: Db): Array<{ type: string; name: string; tbl_name: string; sql: string | null }> {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
}

/** Rows changed by this connection since it opened; unchanged means nothing was written. */
export function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/** A deep copy, so a test can change seed data without touching the loaded original. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * Calls `hook` (once) just before this connection prepares a statement matching `pattern`, to
 * interleave another connection's write at an exact point of an api call. Returns an undo function.
 */
export function beforePrepare(db: Db, pattern: RegExp, hook: () => void): () => void {
  const original = Object.getPrototypeOf(db).prepare as Db['prepare'];
  let fired = false;
  const prepare = (source: string) => {
    if (!fired && pattern.test(source)) {
      fired = true;
      hook();
    }
    return original.call(db, source);
  };
  Object.defineProperty(db, 'prepare', { value: prepare, configurable: true, writable: true });
  return () => void Reflect.deleteProperty(db, 'prepare');
}
