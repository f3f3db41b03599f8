/**
 * Migration 003 (codebook and annotations): upgrading a workspace with texts keeps every row,
 * the codebook arrives with the next seed, the constraints hold, and the hot queries use indexes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../db/migrate.js';
import { openDatabase, type Db } from '../../db/open.js';
import { insertVersion } from '../../db/queries/documents.js';
import { seedDatabase } from '../../db/seed.js';
import { parseMini, SAMPLE } from '../helpers/documents.js';
import { dumpTables, openTempDb, type TempDb } from '../helpers/test-db.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function temp(options: Parameters<typeof openTempDb>[0] = {}): TempDb {
  const t = openTempDb(options);
  cleanups.push(t.cleanup);
  return t;
}

function storeSample(db: Db, standardId: string): number {
  return db.transaction(() =>
    insertVersion(
      db,
      { standardId, label: '2017', status: 'gepubliceerd', fileName: 'a.md', format: 'markdown', sha256: 'a'.repeat(64), byteSize: 10, pageCount: null, wordCount: 5, warnings: [], importedAt: '2026-01-01T00:00:00.000Z', importedBy: 'test' },
      parseMini(SAMPLE).sections,
    ),
  )();
}

const UUID = '00000000-0000-4000-8000-000000000001';

describe('migration 003 (tags)', () => {
  it('upgrades a 002 workspace with texts and keeps every row; the codebook comes with the next seed', () => {
    const t = temp({ migrate: false });
    migrate(t.db, loadMigrations().slice(0, 2));
    seedDatabase(t.db);
    const standardId = (t.db.prepare('SELECT id FROM standard ORDER BY id LIMIT 1').get() as { id: string }).id;
    storeSample(t.db, standardId);
    t.db.prepare("INSERT INTO setting (key, value) VALUES ('user.name', 'Sanne')").run();
    expect(schemaVersion(t.db)).toBe(2);
    expect(t.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'tag'").get()).toBeUndefined();
    const before = dumpTables(t.db);
    t.db.close();

    const upgraded = openDatabase(t.file);
    try {
      expect(schemaVersion(upgraded)).toBe(loadMigrations().length);
      const after = dumpTables(upgraded);
      for (const [table, rows] of Object.entries(before)) expect({ table, rows: after[table] }).toEqual({ table, rows });
      expect([after.tag, after.annotation, after.annotation_tag, after.tag_seed]).toEqual([[], [], [], []]);
      seedDatabase(upgraded);
      expect((upgraded.prepare('SELECT count(*) AS n FROM tag').get() as { n: number }).n).toBe(3 + 5 + 14 + 6);
      expect((upgraded.prepare('SELECT count(*) AS n FROM tag_seed').get() as { n: number }).n).toBe(28);
    } finally {
      upgraded.close();
    }
  });

  it('creates STRICT tables and enforces its constraints', () => {
    const t = temp();
    seedDatabase(t.db);
    const strict = t.db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('tag', 'tag_seed', 'annotation', 'annotation_tag') ORDER BY name").all();
    expect(strict).toEqual([
      { name: 'annotation', strict: 1 },
      { name: 'annotation_tag', strict: 1 },
      { name: 'tag', strict: 1 },
      { name: 'tag_seed', strict: 1 },
    ]);
    const insertTag = (parent: number | null, name: string, color = '#aabbcc') =>
      t.db.prepare("INSERT INTO tag (guid, parent_id, name, color, origin, created_at, updated_at) VALUES (lower(hex(randomblob(18))), ?, ?, ?, 'eigen', 'nu', 'nu')").run(parent, name, color);
    // Top-level names are unique too (NULL parents), ignoring case.
    expect(() => insertTag(null, 'leerlijnen')).toThrow(/UNIQUE constraint failed/);
    expect(() => insertTag(1, 'jeugdhulp die werkt')).toThrow(/UNIQUE constraint failed/);
    expect(() => insertTag(null, 'A/B')).toThrow(/CHECK constraint failed/);
    expect(() => insertTag(null, '   ')).toThrow(/CHECK constraint failed/);
    expect(() => insertTag(null, 'Kleur', '#AABBCC')).toThrow(/CHECK constraint failed/);
    expect(() => insertTag(null, 'Kleur', 'rood')).toThrow(/CHECK constraint failed/);
    const parentless = t.db.transaction(() => insertTag(424242, 'Wees'));
    expect(() => parentless()).toThrow(/FOREIGN KEY/);

    const standardId = (t.db.prepare('SELECT id FROM standard LIMIT 1').get() as { id: string }).id;
    const versionId = storeSample(t.db, standardId);
    const sectionId = (t.db.prepare('SELECT id FROM section WHERE version_id = ? LIMIT 1').get(versionId) as { id: number }).id;
    const insertAnnotation = (state: string, section: number | null, start: number | null, end: number | null, id = UUID) =>
      t.db
        .prepare("INSERT INTO annotation (id, standard_id, version_id, section_id, start_offset, end_offset, quote, author, created_at, updated_at, anchor_state) VALUES (?, ?, ?, ?, ?, ?, 'x', 'ik', 'nu', 'nu', ?)")
        .run(id, standardId, versionId, section, start, end, state);
    expect(() => insertAnnotation('los', sectionId, 0, 1)).toThrow(/CHECK constraint failed/);
    expect(() => insertAnnotation('geplaatst', null, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insertAnnotation('geplaatst', sectionId, 5, 5)).toThrow(/CHECK constraint failed/);
    expect(() => insertAnnotation('los', null, 0, null)).toThrow(/CHECK constraint failed/);
    expect(() => insertAnnotation('weg', sectionId, 0, 1)).toThrow(/CHECK constraint failed/);
    expect(() => insertAnnotation('geplaatst', sectionId, 0, 1, 'kort')).toThrow(/CHECK constraint failed/);
    insertAnnotation('geplaatst', sectionId, 0, 1);
    expect(() => t.db.prepare('INSERT INTO annotation_tag (annotation_id, tag_id) VALUES (?, 424242)').run(UUID)).toThrow(/FOREIGN KEY/);
    t.db.prepare('INSERT INTO annotation_tag (annotation_id, tag_id) VALUES (?, 1)').run(UUID);
    // A tag in use cannot simply be deleted (the service asks what should happen first).
    expect(() => t.db.prepare('DELETE FROM tag WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    // Nor can a standard with annotations.
    expect(() => t.db.prepare('DELETE FROM standard WHERE id = ?').run(standardId)).toThrow(/FOREIGN KEY/);
  });

  it('a deleted version or section leaves its annotations "los", whoever deletes it', () => {
    const t = temp();
    seedDatabase(t.db);
    const standardId = (t.db.prepare('SELECT id FROM standard LIMIT 1').get() as { id: string }).id;
    const versionId = storeSample(t.db, standardId);
    const [first, second] = t.db.prepare('SELECT id FROM section WHERE version_id = ? ORDER BY ordinal LIMIT 2').all(versionId) as Array<{ id: number }>;
    const add = (id: string, section: number) =>
      t.db
        .prepare("INSERT INTO annotation (id, standard_id, version_id, section_id, start_offset, end_offset, quote, author, created_at, updated_at, anchor_state) VALUES (?, ?, ?, ?, 0, 4, 'Deze', 'ik', 'nu', 'nu', 'geplaatst')")
        .run(id, standardId, versionId, section);
    add(UUID, first?.id as number);
    add(UUID.replace(/1$/, '2'), second?.id as number);
    t.db.prepare('UPDATE section SET parent_id = NULL WHERE parent_id = ?').run(second?.id);
    t.db.prepare('DELETE FROM section WHERE id = ?').run(second?.id);
    expect(t.db.prepare('SELECT id, version_id, section_id, start_offset, anchor_state FROM annotation ORDER BY id').all()).toEqual([
      { id: UUID, version_id: versionId, section_id: first?.id, start_offset: 0, anchor_state: 'geplaatst' },
      { id: UUID.replace(/1$/, '2'), version_id: versionId, section_id: null, start_offset: null, anchor_state: 'los' },
    ]);
    t.db.prepare('DELETE FROM document_version WHERE id = ?').run(versionId);
    expect(t.db.prepare("SELECT count(*) AS n FROM annotation WHERE anchor_state = 'los' AND version_id IS NULL AND section_id IS NULL").get()).toEqual({ n: 2 });
  });
});

describe('query plans of the tag queries', () => {
  const planOf = (db: Db, sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');

  it('passages by tag, annotations of a section or version, loose ones per standard use indexes', () => {
    const t = temp();
    expect(planOf(t.db, 'SELECT annotation_id FROM annotation_tag WHERE tag_id IN (SELECT value FROM json_each(?))', '[1]')).toMatch(/SEARCH annotation_tag USING COVERING INDEX annotation_tag_tag_idx \(tag_id=\?\)/);
    expect(planOf(t.db, 'SELECT tag_id FROM annotation_tag WHERE annotation_id = ?', UUID)).toMatch(/SEARCH annotation_tag USING PRIMARY KEY \(annotation_id=\?\)/);
    expect(planOf(t.db, 'SELECT * FROM annotation WHERE section_id = ? ORDER BY start_offset', 1)).toMatch(/SEARCH annotation USING INDEX annotation_section_idx \(section_id=\?\)/);
    expect(planOf(t.db, 'SELECT * FROM annotation WHERE section_id = ? ORDER BY start_offset', 1)).not.toMatch(/TEMP B-TREE/);
    expect(planOf(t.db, 'SELECT * FROM annotation WHERE version_id = ? AND author = ?', 1, 'x')).toMatch(/SEARCH annotation USING INDEX annotation_version_author_idx \(version_id=\? AND author=\?\)/);
    expect(planOf(t.db, "SELECT * FROM annotation WHERE anchor_state = 'los' AND (? IS NULL OR standard_id = ?)", null, null)).toMatch(/USING INDEX annotation_loose_idx/);
    expect(planOf(t.db, "SELECT * FROM annotation WHERE anchor_state = 'los' AND standard_id = ?", 'x')).toMatch(/SEARCH annotation USING INDEX annotation_loose_idx \(standard_id=\?\)/);
    expect(planOf(t.db, 'SELECT id FROM annotation WHERE standard_id IN (SELECT value FROM json_each(?)) AND author = ?', '[]', 'x')).toMatch(/SEARCH annotation USING INDEX annotation_standard_idx \(standard_id=\? AND author=\?\)/);
    expect(planOf(t.db, 'SELECT * FROM tag WHERE coalesce(parent_id, 0) = coalesce(?, 0) AND name = ? COLLATE NOCASE', null, 'x')).toMatch(/SEARCH tag USING INDEX tag_sibling_name_idx/);
  });
});
