import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../common/errors.js';
import { rebuildWithAutoincrement } from './autoincrement.js';
import type { Db } from './open.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** The folder with NNN-name.sql files; the Electron bundle sets RICHTSNOER_MIGRATIONS_DIR. */
export function migrationsDir(): string {
  return process.env.RICHTSNOER_MIGRATIONS_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`Migration numbering has a gap at ${m.version}`);
  });
  return migrations;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Throws the Dutch DATABASE error when the database was written by a newer Richtsnoer; returns its
 * schema version otherwise. openDatabase calls this before it changes anything (journal mode).
 */
export function refuseNewerDatabase(db: Db, migrations: Migration[] = loadMigrations()): number {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new ApiError(
      'DATABASE',
      `Deze werkruimte is gemaakt met een nieuwere versie van Richtsnoer (schema ${current}; deze versie kent ${latest}). Werk Richtsnoer bij om haar te openen.`,
    );
  }
  return current;
}

/**
 * Steps that SQL cannot say generically. A migration file names one on a line
 * `-- richtsnoer:step <name>`; it runs after the file's SQL, in the same transaction. Steps
 * rebuild tables, so they run with foreign_keys OFF (which SQLite only lets us change outside a
 * transaction) and the transaction ends with a foreign_key_check that must come back empty.
 */
const STEPS: Record<string, (db: Db) => unknown> = {
  'rebuild-with-autoincrement': rebuildWithAutoincrement,
};

function stepOf(migration: Migration): ((db: Db) => unknown) | null {
  const name = /^--\s*richtsnoer:step\s+([a-z0-9-]+)\s*$/m.exec(migration.sql)?.[1];
  if (name === undefined) return null;
  const step = STEPS[name];
  if (!step) throw new Error(`Migration ${migration.version} names an unknown step "${name}"`);
  return step;
}

/**
 * Applies pending migrations, each in its own transaction together with its user_version bump, so
 * a failure in migration k leaves the database at k-1 with its data untouched.
 * A database written by a newer Richtsnoer is refused rather than half-understood.
 */
export function migrate(db: Db, migrations: Migration[] = loadMigrations()): number {
  const current = refuseNewerDatabase(db, migrations);
  for (const migration of migrations.slice(current)) {
    const step = stepOf(migration);
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (step) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (step) {
          step(db);
          const broken = db.prepare('PRAGMA foreign_key_check').all();
          if (broken.length > 0) throw new Error(`Migration ${migration.version} left broken references: ${JSON.stringify(broken.slice(0, 3))}`);
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (step) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
  return schemaVersion(db);
}
