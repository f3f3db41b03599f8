/**
 * Project files (`.richtsnoer`): a workspace, or one pilot of it, as a single SQLite snapshot that a
 * colleague opens read-only in their own Richtsnoer.
 *
 * A project file is a VACUUM INTO copy (see db/backup.ts) with
 * - `PRAGMA application_id` set to Richtsnoer's id, so any other SQLite file is recognised as
 *   "not a project" from its header alone;
 * - `PRAGMA user_version` as in every workspace: a newer schema is refused, an older one migrated
 *   (on a private copy, never on the file the user chose);
 * - where it came from in its `setting` table (`project.*` keys).
 *
 * Opening never trusts the file: the header is checked, the bytes are written to a private temp
 * folder, `integrity_check` and `foreign_key_check` must pass, and the schema must be exactly the
 * one Richtsnoer's migrations build for that version. `trusted_schema` is off on every connection
 * to it, so a crafted view or trigger cannot call functions with side effects.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../common/errors.js';
import type { ProjectInfo } from '../common/workspace.js';
import { integrityProblem, snapshotTo } from './backup.js';
import { loadMigrations, migrate, type Migration } from './migrate.js';
import type { Db } from './open.js';

/** "RSNR" as a big-endian 32-bit integer. */
export const PROJECT_APPLICATION_ID = 0x52534e52;
export const PROJECT_MIME = 'application/vnd.richtsnoer.project+sqlite3';

const KEYS = {
  exportedAt: 'project.exportedAt',
  exportedBy: 'project.exportedBy',
  appVersion: 'project.appVersion',
  scope: 'project.scope',
  pilotTitle: 'project.pilotTitle',
} as const;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface ExportProjectOptions {
  /** Only this pilot (the others are removed from the copy); the whole workspace when absent. */
  pilotId?: number | null;
  exportedBy: string | null;
  appVersion: string;
  now?: Date;
  /** Where the temporary copy is made; the OS temp folder by default. */
  tempRoot?: string;
}

/** Shown in file names and the banner; safe to display (no control characters, bounded). */
export function displayName(fileName: string): string {
  const base = path.basename(fileName.replace(/\\/g, '/'));
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'projectbestand';
}

function readSetting(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

function infoOf(db: Db, fileName: string): ProjectInfo {
  return {
    fileName,
    exportedAt: readSetting(db, KEYS.exportedAt),
    exportedBy: readSetting(db, KEYS.exportedBy),
    appVersion: readSetting(db, KEYS.appVersion),
    scope: readSetting(db, KEYS.scope) === 'pilot' ? 'pilot' : 'werkruimte',
    pilotTitle: readSetting(db, KEYS.pilotTitle),
  };
}

/**
 * Writes the project file and returns its bytes. The workspace itself is only read. For one pilot,
 * the other pilots (with their members, grid, comments: ON DELETE CASCADE) and their audit entries
 * are deleted from the copy, and the copy is vacuumed so no deleted page keeps their text.
 */
export function exportProjectFile(db: Db, options: ExportProjectOptions): { bytes: Buffer; info: ProjectInfo } {
  let pilotTitle: string | null = null;
  if (options.pilotId !== undefined && options.pilotId !== null) {
    const pilot = db.prepare('SELECT title FROM pilot WHERE id = ?').get(options.pilotId) as { title: string } | undefined;
    if (!pilot) throw new ApiError('NIET_GEVONDEN', `Er is geen pilot met nummer ${options.pilotId}.`);
    pilotTitle = pilot.title;
  }
  const dir = fs.mkdtempSync(path.join(options.tempRoot ?? os.tmpdir(), 'richtsnoer-export-'));
  try {
    const file = path.join(dir, 'project.richtsnoer');
    snapshotTo(db, file);
    const copy = new Database(file);
    try {
      copy.pragma('foreign_keys = ON');
      copy.transaction(() => {
        if (pilotTitle !== null) {
          const others = copy.prepare('SELECT id FROM pilot WHERE id <> ?').pluck().all(options.pilotId) as number[];
          const deleteAudit = copy.prepare("DELETE FROM audit_log WHERE entity = 'pilot' AND entity_id = ?");
          for (const id of others) deleteAudit.run(String(id));
          copy.prepare('DELETE FROM pilot WHERE id <> ?').run(options.pilotId);
        }
        // A project exported again (from a project file) describes this export only.
        copy.prepare("DELETE FROM setting WHERE key LIKE 'project.%'").run();
        const set = copy.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
        set.run(KEYS.exportedAt, (options.now ?? new Date()).toISOString());
        if (options.exportedBy) set.run(KEYS.exportedBy, options.exportedBy);
        set.run(KEYS.appVersion, options.appVersion);
        set.run(KEYS.scope, pilotTitle === null ? 'werkruimte' : 'pilot');
        if (pilotTitle !== null) set.run(KEYS.pilotTitle, pilotTitle);
      })();
      copy.pragma(`application_id = ${PROJECT_APPLICATION_ID}`);
      if (pilotTitle !== null) copy.exec('VACUUM');
    } finally {
      copy.close();
    }
    const problem = integrityProblem(file);
    if (problem !== null) throw new ApiError('DATABASE', 'Het projectbestand doorstond de controle (integrity_check) niet; er is niets geëxporteerd.');
    const bytes = fs.readFileSync(file);
    const verify = new Database(file, { readonly: true });
    try {
      return { bytes, info: infoOf(verify, 'project.richtsnoer') };
    } finally {
      verify.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const unknownFile = (name: string, detail = '') =>
  new ApiError('ONGELDIGE_INVOER', `Onbekend bestand: “${name}” is geen Richtsnoer-projectbestand${detail}. Er is niets gewijzigd.`);
const damagedFile = (name: string, detail: string) =>
  new ApiError(
    'ONGELDIGE_INVOER',
    `Beschadigd bestand: “${name}” is geen leesbaar Richtsnoer-projectbestand (${detail}). Vraag de afzender het opnieuw te exporteren. Er is niets gewijzigd.`,
  );

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };
const SCHEMA_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";
const referenceSchemas = new Map<string, string>();

/** The schema Richtsnoer's own migrations 1..version build, to compare a foreign file against. */
function referenceSchema(migrations: Migration[], version: number): string {
  const key = `${version}:${migrations.length}`;
  const cached = referenceSchemas.get(key);
  if (cached) return cached;
  const mem = new Database(':memory:');
  try {
    // Through the runner, so code steps (migration 008's rebuild) shape the reference too.
    migrate(mem, migrations.slice(0, version));
    const schema = JSON.stringify(mem.prepare(SCHEMA_SQL).all() as SchemaRow[]);
    referenceSchemas.set(key, schema);
    return schema;
  } finally {
    mem.close();
  }
}

/** Checks the 100-byte header before SQLite sees the file: a random or foreign file stops here. */
function checkHeader(name: string, bytes: Uint8Array, latest: number): number {
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 100));
  if (bytes.length < 512 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) throw unknownFile(name);
  if (header.readUInt32BE(68) !== PROJECT_APPLICATION_ID) throw unknownFile(name, ' (wel een SQLite-database, maar van een ander programma)');
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw damagedFile(name, 'de kop van het bestand klopt niet');
  if (bytes.length % pageSize !== 0) throw damagedFile(name, 'het bestand is onvolledig');
  const pages = header.readUInt32BE(28);
  if (pages !== 0 && header.readUInt32BE(24) === header.readUInt32BE(92) && pages * pageSize !== bytes.length) throw damagedFile(name, 'het bestand is onvolledig');
  const version = header.readInt32BE(60);
  if (version > latest) {
    throw new ApiError(
      'ONGELDIGE_INVOER',
      `Dit projectbestand is gemaakt met een nieuwere versie van Richtsnoer (schema ${version}; deze versie kent ${latest}). Werk Richtsnoer bij om het te openen. Er is niets gewijzigd.`,
    );
  }
  if (version < 1) throw unknownFile(name);
  return version;
}

export interface PreparedProject {
  /** A private, validated, migrated copy; open it read-only. */
  file: string;
  /** The temp folder holding it; remove it when the project is closed. */
  dir: string;
  info: ProjectInfo;
}

/**
 * Validates the bytes of a project file and puts a private copy, migrated to this version's
 * schema, in a new temp folder. Throws a Dutch ApiError ("Onbekend bestand" / "Beschadigd bestand" /
 * "nieuwere versie") and leaves nothing behind for anything that is not a sound project file.
 */
export function prepareProjectFile(fileName: string, bytes: Uint8Array, options: { tempRoot?: string; migrations?: Migration[] } = {}): PreparedProject {
  const name = displayName(fileName);
  const migrations = options.migrations ?? loadMigrations();
  const version = checkHeader(name, bytes, migrations.length);
  const dir = fs.mkdtempSync(path.join(options.tempRoot ?? os.tmpdir(), 'richtsnoer-project-'));
  const file = path.join(dir, 'project.richtsnoer');
  let db: Db | null = null;
  try {
    fs.writeFileSync(file, bytes);
    db = new Database(file, { fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    db.pragma('foreign_keys = OFF');
    const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw damagedFile(name, 'de controle van de database (integrity_check) faalt');
    if (JSON.stringify(db.prepare(SCHEMA_SQL).all()) !== referenceSchema(migrations, version)) {
      throw unknownFile(name, ' (de opbouw van de database wijkt af)');
    }
    if (db.prepare('PRAGMA foreign_key_check').all().length > 0) throw damagedFile(name, 'verwijzingen tussen gegevens kloppen niet');
    db.pragma('foreign_keys = ON');
    if (version < migrations.length) migrate(db, migrations);
    const info = infoOf(db, name);
    db.pragma('journal_mode = DELETE');
    db.close();
    db = null;
    return { file, dir, info };
  } catch (error) {
    if (db?.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (error instanceof ApiError) throw error;
    const code = String((error as { code?: unknown }).code ?? '');
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw damagedFile(name, 'de database is beschadigd');
    if (code.startsWith('SQLITE_')) throw damagedFile(name, 'de database kon niet worden gelezen');
    // Writing the private copy failed (disk full, no temp folder): not the file's fault.
    if (/^E[A-Z]+$/.test(code)) throw new ApiError('DATABASE', `Het projectbestand kon niet worden geopend: ${(error as Error).message}. Er is niets gewijzigd.`);
    throw damagedFile(name, 'de inhoud kon niet worden gelezen');
  }
}
