import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../common/errors.js';
import { loadMigrations, migrate, schemaVersion, type Migration } from '../../db/migrate.js';
import { openDatabase } from '../../db/open.js';
import { dumpTables, openTempDb, removeDir, schemaSnapshot, tempDir, userTables } from '../helpers/test-db.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function scratchDir(): string {
  const dir = tempDir();
  cleanups.push(() => removeDir(dir));
  return dir;
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Runs fn and returns what it threw (failing the test if it did not throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('migrations on a fresh database', () => {
  it('applies every migration and records the count in user_version', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(1);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations[0]?.name).toBe('catalogue');

    const t = openTempDb();
    cleanups.push(t.cleanup);
    expect(schemaVersion(t.db)).toBe(migrations.length);
    expect(t.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(userTables(t.db)).toEqual(
      expect.arrayContaining(['audit_log', 'organisation', 'setting', 'standard', 'standard_organisation', 'standard_subsector', 'vocabulary']),
    );
  });

  it('sets WAL, synchronous=FULL and foreign keys', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    expect(t.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(t.db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Foreign keys are really enforced, not just reported.
    expect(() =>
      t.db.prepare("INSERT INTO standard_organisation (standard_id, organisation_id, role) VALUES ('geen', 'geen', 'eigenaar')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('the pragmas hold again after reopening the file', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    t.db.close();
    const again = openDatabase(t.file);
    try {
      expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(again.pragma('synchronous', { simple: true })).toBe(2);
      expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(schemaVersion(again)).toBe(loadMigrations().length);
    } finally {
      again.close();
    }
  });

  it('makes every table STRICT', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    const tables = t.db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
      name: string;
      strict: number;
    }>;
    // FTS5 virtual tables and their shadow tables are SQLite's own and cannot be STRICT; every
    // other table must be.
    const fts = (t.db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('virtual', 'shadow')").all() as Array<{ name: string }>).map((r) => r.name);
    expect(fts.every((name) => /^section_(word|trigram)(_(data|idx|docsize|config))?$/.test(name))).toBe(true);
    expect(tables.length).toBe(userTables(t.db).filter((name) => !fts.includes(name)).length);
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const table of tables) expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
    // And STRICT means a wrong type is refused rather than silently stored.
    expect(() => t.db.prepare("INSERT INTO vocabulary (kind, value, label, ordinal) VALUES ('a', 'b', 'c', ?)").run('geen getal')).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
  });

  it('migrating again is a no-op', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    const before = schemaSnapshot(t.db);
    expect(migrate(t.db)).toBe(loadMigrations().length);
    expect(schemaSnapshot(t.db)).toEqual(before);
  });
});

describe('a database from a newer Richtsnoer', () => {
  for (const journal of ['delete', 'wal'] as const) {
    it(`is refused with a Dutch DATABASE error and left untouched (${journal} journal)`, () => {
      const dir = scratchDir();
      const file = path.join(dir, 'nieuwer.sqlite');
      const newer = loadMigrations().length + 5;
      const raw = new Database(file);
      raw.pragma(`journal_mode = ${journal}`);
      raw.exec("CREATE TABLE toekomst (id INTEGER PRIMARY KEY, tekst TEXT NOT NULL) STRICT; INSERT INTO toekomst (tekst) VALUES ('uit de toekomst')");
      raw.pragma(`user_version = ${newer}`);
      raw.close();
      const hashBefore = sha256(file);
      const filesBefore = fs.readdirSync(dir).sort();

      const error = thrown(() => openDatabase(file));
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('DATABASE');
      expect((error as ApiError).message).toMatch(/nieuwere versie van Richtsnoer/);
      expect((error as ApiError).message).toContain(`schema ${newer}`);

      expect(sha256(file)).toBe(hashBefore);
      expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);
      const check = new Database(file, { readonly: true });
      try {
        expect(check.pragma('user_version', { simple: true })).toBe(newer);
        expect(check.pragma('journal_mode', { simple: true })).toBe(journal);
        expect(check.prepare('SELECT tekst FROM toekomst').all()).toEqual([{ tekst: 'uit de toekomst' }]);
        expect(userTables(check)).toEqual(['toekomst']);
      } finally {
        check.close();
      }
    });
  }

  it('migrate() itself refuses too, without applying anything', () => {
    const t = openTempDb({ migrate: false });
    cleanups.push(t.cleanup);
    t.db.pragma('user_version = 3');
    const one: Migration[] = [{ version: 1, name: 'een', sql: 'CREATE TABLE een (x INTEGER) STRICT;' }];
    const error = thrown(() => migrate(t.db, one));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('DATABASE');
    expect(userTables(t.db)).toEqual([]);
    expect(schemaVersion(t.db)).toBe(3);
  });
});

describe('a failing migration', () => {
  const good: Migration = {
    version: 1,
    name: 'eerste',
    sql: `CREATE TABLE item (id INTEGER PRIMARY KEY, naam TEXT NOT NULL) STRICT;
          INSERT INTO item (naam) VALUES ('appel'), ('peer');`,
  };
  // The first statement would succeed on its own; the second is broken, so the whole step must roll back.
  const broken: Migration = {
    version: 2,
    name: 'kapot',
    sql: `ALTER TABLE item ADD COLUMN kleur TEXT;
          INSERT INTO item (naam) VALUES ('kers');
          CREATE TABLE kapot (x GEENTYPE) STRICT;`,
  };

  it('leaves user_version at the last good step and its data intact', () => {
    const t = openTempDb({ migrate: false });
    cleanups.push(t.cleanup);
    expect(migrate(t.db, [good])).toBe(1);
    const dataAfterFirst = dumpTables(t.db);
    const schemaAfterFirst = schemaSnapshot(t.db);

    expect(() => migrate(t.db, [good, broken])).toThrow();
    expect(schemaVersion(t.db)).toBe(1);
    expect(dumpTables(t.db)).toEqual(dataAfterFirst);
    expect(t.db.prepare('SELECT naam FROM item ORDER BY id').all()).toEqual([{ naam: 'appel' }, { naam: 'peer' }]);
    expect(schemaSnapshot(t.db)).toEqual(schemaAfterFirst);
    expect(t.db.inTransaction).toBe(false);
  });

  it('on a fresh database in one run: step 1 stays, step 2 is rolled back', () => {
    const t = openTempDb({ migrate: false });
    cleanups.push(t.cleanup);
    expect(() => migrate(t.db, [good, broken])).toThrow();
    expect(schemaVersion(t.db)).toBe(1);
    expect(userTables(t.db)).toEqual(['item']);
    expect((t.db.prepare('SELECT name FROM pragma_table_info(?)').all('item') as Array<{ name: string }>).map((c) => c.name)).toEqual(['id', 'naam']);
    expect(t.db.prepare('SELECT count(*) AS n FROM item').get()).toEqual({ n: 2 });

    // Once the migration is fixed, the same database upgrades cleanly.
    const fixed: Migration = { ...broken, sql: broken.sql.replace('GEENTYPE', 'INTEGER') };
    expect(migrate(t.db, [good, fixed])).toBe(2);
    expect(t.db.prepare('SELECT naam FROM item ORDER BY id').all()).toEqual([{ naam: 'appel' }, { naam: 'peer' }, { naam: 'kers' }]);
  });

  it('through openDatabase the file stays at the old version', () => {
    // The real migrations cannot be broken from here, so check the whole-file effect with migrate().
    const dir = scratchDir();
    const file = path.join(dir, 'w.sqlite');
    const db = openDatabase(file, { migrate: false });
    migrate(db, [good]);
    expect(() => migrate(db, [good, broken])).toThrow();
    db.close();
    const reopened = new Database(file, { readonly: true });
    try {
      expect(reopened.pragma('user_version', { simple: true })).toBe(1);
      expect(reopened.prepare('SELECT count(*) AS n FROM item').get()).toEqual({ n: 2 });
    } finally {
      reopened.close();
    }
  });
});

describe('a file that is not a workspace', () => {
  const cases: Array<[string, Buffer | string]> = [
    ['random bytes', randomBytes(8192)],
    ['a text file', 'Dit is geen database maar een boodschappenlijstje:\n- melk\n- brood\n'.repeat(20)],
    ['a short text file', 'hallo\n'],
    ['a PDF header', Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)])],
  ];
  for (const [label, content] of cases) {
    it(`gives "Beschadigd bestand" for ${label}, and leaves the file alone`, () => {
      const dir = scratchDir();
      const file = path.join(dir, 'werkruimte.sqlite');
      fs.writeFileSync(file, content);
      const hashBefore = sha256(file);
      const error = thrown(() => openDatabase(file));
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('DATABASE');
      expect((error as ApiError).message).toMatch(/^Beschadigd bestand/);
      expect(sha256(file)).toBe(hashBefore);
    });
  }

  it('a SQLite file with a damaged header is reported as damaged too', () => {
    const dir = scratchDir();
    const file = path.join(dir, 'w.sqlite');
    const db = openDatabase(file);
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.write('Geen SQLite meer!', 0, 'latin1');
    fs.writeFileSync(file, bytes);
    const error = thrown(() => openDatabase(file));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/^Beschadigd bestand/);
  });

  it('a folder where the file should be gives a Dutch error, not a crash', () => {
    const dir = scratchDir();
    const error = thrown(() => openDatabase(dir));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('DATABASE');
    expect((error as ApiError).message).toMatch(/werkruimte kon niet worden geopend|Beschadigd bestand/);
  });
});

describe('schema snapshot', () => {
  it('migrating one step at a time gives the same schema as a fresh database', () => {
    const migrations = loadMigrations();
    const fresh = openTempDb();
    cleanups.push(fresh.cleanup);
    const expected = schemaSnapshot(fresh.db);
    expect(expected.length).toBeGreaterThan(0);

    const stepwise = openTempDb({ migrate: false });
    cleanups.push(stepwise.cleanup);
    const seen: number[] = [];
    for (let step = 1; step <= migrations.length; step++) {
      // A separate migrate() call (and, for the file, a reopen) per step, as an app upgrade would do.
      expect(migrate(stepwise.db, migrations.slice(0, step))).toBe(step);
      seen.push(schemaVersion(stepwise.db));
    }
    expect(seen).toEqual(migrations.map((m) => m.version));
    expect(schemaSnapshot(stepwise.db)).toEqual(expected);
  });

  it('upgrading from every older version via openDatabase reaches the fresh schema', () => {
    const migrations = loadMigrations();
    const fresh = openTempDb();
    cleanups.push(fresh.cleanup);
    const expected = schemaSnapshot(fresh.db);
    for (let from = 0; from < migrations.length; from++) {
      const dir = scratchDir();
      const file = path.join(dir, `v${from}.sqlite`);
      const old = openDatabase(file, { migrate: false });
      migrate(old, migrations.slice(0, from));
      expect(schemaVersion(old)).toBe(from);
      old.close();
      const upgraded = openDatabase(file);
      try {
        expect(schemaVersion(upgraded)).toBe(migrations.length);
        expect(schemaSnapshot(upgraded)).toEqual(expected);
      } finally {
        upgraded.close();
      }
    }
  });
});
