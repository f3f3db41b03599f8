import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../db/migrate.js';
import { openDatabase, type Db } from '../../db/open.js';
import { insertVersion } from '../../db/queries/documents.js';
import { seedDatabase } from '../../db/seed.js';
import { parseMini, SAMPLE } from '../helpers/documents.js';
import { checkIndexes } from '../helpers/documents.js';
import { dumpTables, openTempDb, type TempDb } from '../helpers/test-db.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function catalogueAt001(): TempDb {
  const t = openTempDb({ migrate: false });
  cleanups.push(t.cleanup);
  migrate(t.db, loadMigrations().slice(0, 1));
  seedDatabase(t.db);
  t.db.prepare("INSERT INTO setting (key, value) VALUES ('user.name', 'Sanne')").run();
  t.db.prepare("UPDATE standard SET notes = 'eigen notitie', user_modified = 1 WHERE catalogue_id = 'KS001'").run();
  return t;
}

const CATALOGUE_TABLES = ['organisation', 'vocabulary', 'standard', 'standard_organisation', 'standard_subsector', 'audit_log'];
const pick = (dump: Record<string, unknown[]>, tables: string[]) => Object.fromEntries(tables.map((t) => [t, dump[t]]));

function storeSample(db: Db, standardId: string): number {
  return db.transaction(() =>
    insertVersion(
      db,
      { standardId, label: '2017', status: 'gepubliceerd', fileName: 'a.md', format: 'markdown', sha256: 'a'.repeat(64), byteSize: 10, pageCount: null, wordCount: 5, warnings: [], importedAt: '2026-01-01T00:00:00.000Z', importedBy: 'test' },
      parseMini(SAMPLE).sections,
    ),
  )();
}

describe('migration 002 (documents)', () => {
  it('upgrades a seeded 001 workspace and keeps every catalogue row', () => {
    const t = catalogueAt001();
    const before = dumpTables(t.db);
    expect(schemaVersion(t.db)).toBe(1);
    t.db.close();

    const upgraded = openDatabase(t.file);
    try {
      expect(schemaVersion(upgraded)).toBe(loadMigrations().length);
      const after = dumpTables(upgraded);
      expect(pick(after, CATALOGUE_TABLES)).toEqual(pick(before, CATALOGUE_TABLES));
      expect(after.setting).toEqual([
        { key: 'import.maxBytes', value: String(100 * 1024 * 1024) },
        { key: 'user.name', value: 'Sanne' },
      ]);
      expect(after.document_version).toEqual([]);
      expect(after.section).toEqual([]);
    } finally {
      upgraded.close();
    }
  });

  it('keeps an import limit a workspace already had', () => {
    const t = openTempDb({ migrate: false });
    cleanups.push(t.cleanup);
    migrate(t.db, loadMigrations().slice(0, 1));
    t.db.prepare("INSERT INTO setting (key, value) VALUES ('import.maxBytes', '5242880')").run();
    migrate(t.db);
    expect(t.db.prepare("SELECT value FROM setting WHERE key = 'import.maxBytes'").get()).toEqual({ value: '5242880' });
  });

  it('creates STRICT tables, the indexes, two FTS5 tables with the right tokenizers, and the sync triggers', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    const list = t.db.prepare("SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('document_version', 'section', 'section_word', 'section_trigram')").all();
    expect(list).toEqual(
      expect.arrayContaining([
        { name: 'document_version', type: 'table', strict: 1 },
        { name: 'section', type: 'table', strict: 1 },
        { name: 'section_word', type: 'virtual', strict: 0 },
        { name: 'section_trigram', type: 'virtual', strict: 0 },
      ]),
    );
    const sql = (name: string) => (t.db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string }).sql;
    expect(sql('section_word')).toMatch(/tokenize = 'unicode61 remove_diacritics 2'/);
    expect(sql('section_trigram')).toMatch(/tokenize = 'trigram remove_diacritics 1'/);
    const names = (t.db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['section_version_ordinal_idx', 'section_parent_idx', 'section_fts_insert', 'section_fts_delete', 'section_fts_update']));
  });

  it('enforces its constraints: status, kind, unique file per standard, parents that exist', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    seedDatabase(t.db);
    const standardId = (t.db.prepare('SELECT id FROM standard LIMIT 1').get() as { id: string }).id;
    const versionId = storeSample(t.db, standardId);
    expect(() => storeSample(t.db, standardId)).toThrow(/UNIQUE constraint failed: document_version.standard_id, document_version.sha256/);
    expect(() => t.db.prepare("UPDATE document_version SET status = 'gepubliceerd!' WHERE id = ?").run(versionId)).toThrow(/CHECK constraint failed/);
    expect(() => t.db.prepare("UPDATE section SET kind = 'hoofdstuk' WHERE version_id = ?").run(versionId)).toThrow(/CHECK constraint failed/);
    expect(() => t.db.prepare('UPDATE section SET level = 0 WHERE version_id = ?').run(versionId)).toThrow(/CHECK constraint failed/);
    // The parent check is deferred to the commit, so edits can reorder freely inside a transaction.
    const orphan = t.db.transaction(() => t.db.prepare('UPDATE section SET parent_id = 999999 WHERE version_id = ? AND parent_id IS NOT NULL').run(versionId));
    expect(() => orphan()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => t.db.prepare("INSERT INTO document_version (standard_id, label, status, file_name, format, sha256, byte_size, imported_at, imported_by) VALUES ('bestaat-niet', 'x', 'concept', 'x', 'text', ?, 1, 'nu', 'ik')").run('b'.repeat(64))).toThrow(/FOREIGN KEY/);
  });

  it('deleting a standard cascades to versions, sections and both indexes', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    seedDatabase(t.db);
    const standardId = (t.db.prepare('SELECT id FROM standard LIMIT 1').get() as { id: string }).id;
    storeSample(t.db, standardId);
    const indexed = () => (t.db.prepare("SELECT count(*) AS n FROM section_word WHERE section_word MATCH 'ouderbegeleiding'").get() as { n: number }).n;
    expect(indexed()).toBe(1);
    t.db.prepare('DELETE FROM standard WHERE id = ?').run(standardId);
    expect(t.db.prepare('SELECT count(*) AS n FROM section').get()).toEqual({ n: 0 });
    expect(t.db.prepare('SELECT count(*) AS n FROM section_word_docsize').get()).toEqual({ n: 0 });
    expect(t.db.prepare('SELECT count(*) AS n FROM section_trigram_docsize').get()).toEqual({ n: 0 });
    expect(indexed()).toBe(0);
    checkIndexes(t.db);
  });
});

describe('query plans of the document queries', () => {
  const planOf = (db: Db, sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');

  it('sections of a version, versions of a standard and child lookups use indexes', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    expect(planOf(t.db, 'SELECT * FROM section WHERE version_id = ? ORDER BY ordinal', 1)).toMatch(/SEARCH section USING INDEX section_version_ordinal_idx \(version_id=\?\)/);
    expect(planOf(t.db, 'SELECT * FROM section WHERE version_id = ? ORDER BY ordinal', 1)).not.toMatch(/TEMP B-TREE/);
    expect(planOf(t.db, 'SELECT * FROM document_version v WHERE v.standard_id = ?', 'x')).toMatch(/SEARCH v USING INDEX sqlite_autoindex_document_version_1 \(standard_id=\?\)/);
    expect(planOf(t.db, 'SELECT count(*) FROM section s WHERE s.version_id = ?', 1)).toMatch(/SEARCH s USING COVERING INDEX section_version_ordinal_idx/);
    expect(planOf(t.db, 'SELECT id FROM section WHERE parent_id = ?', 1)).toMatch(/SEARCH section USING COVERING INDEX section_parent_idx/);
  });
});
