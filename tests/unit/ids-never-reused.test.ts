/**
 * Ids are never handed out twice (migration 008, db/autoincrement.ts). Without AUTOINCREMENT,
 * SQLite gives a new row max(id) + 1, so deleting the newest row and creating another reused its
 * id, and the audit log then told two rows' stories under one id (found by the kill -9 harness).
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, invokeApi } from '../../electron/api.js';
import { loadMigrations, migrate, schemaVersion } from '../../db/migrate.js';
import { openDatabase, type Db } from '../../db/open.js';
import { seedDatabase } from '../../db/seed.js';
import type { Section } from '../../common/document.js';
import type { VersionWithSections } from '../../electron/services/documents.js';
import { checkIndexes, importText, SAMPLE } from '../helpers/documents.js';
import { adhdPilot } from '../helpers/pilots.js';
import { dumpTables, removeDir, seededWorkspace, tempDir, TEST_APP_VERSION, type TestWorkspace } from '../helpers/test-db.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Ordinary tables (not FTS5 shadow tables) whose key is an INTEGER column named id. */
function integerIdTables(db: Db): Array<{ name: string; sql: string }> {
  return db
    .prepare(
      `SELECT s.name, s.sql FROM sqlite_schema s JOIN pragma_table_list t ON t.schema = 'main' AND t.name = s.name
        WHERE t.type = 'table' AND s.name NOT LIKE 'sqlite_%'
          AND EXISTS (SELECT 1 FROM pragma_table_info(s.name) c WHERE c.name = 'id' AND c.pk = 1 AND c.type = 'INTEGER')
        ORDER BY s.name`,
    )
    .all() as Array<{ name: string; sql: string }>;
}

const sectionsOf = (ws: TestWorkspace, versionId: number) => ws.ok<VersionWithSections>('versions.get', { versionId }).sections;
const maxSectionId = (db: Db) => (db.prepare('SELECT max(id) AS n FROM section').get() as { n: number }).n;

describe('ids are never reused', () => {
  it('every table keyed by an integer id is AUTOINCREMENT on a fresh workspace', () => {
    const ws = seededWorkspace();
    cleanups.push(ws.cleanup);
    const tables = integerIdTables(ws.db);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['audit_log', 'section', 'document_version', 'tag', 'alignment_row', 'pilot']));
    expect(tables.length).toBeGreaterThanOrEqual(20);
    expect(tables.filter((t) => !/\bid\s+INTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b/i.test(t.sql)).map((t) => t.name)).toEqual([]);
    // The FTS5 shadow tables keep their own layout.
    const shadow = ws.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'section_word_data'").get() as { sql: string };
    expect(shadow.sql).not.toMatch(/AUTOINCREMENT/);
  });

  it('merging away the newest section and splitting another gives a new id, and each audit entry names one section', async () => {
    const ws = seededWorkspace();
    cleanups.push(ws.cleanup);
    const standardId = (ws.db.prepare('SELECT id FROM standard ORDER BY id LIMIT 1').get() as { id: string }).id;
    const job = await importText(ws, standardId, SAMPLE);
    const versionId = job.versionId as number;
    const newest = maxSectionId(ws.db);
    ws.ok('sections.mergeWithPrevious', { sectionId: newest });
    expect(maxSectionId(ws.db)).toBe(newest - 1);
    const target = sectionsOf(ws, versionId).find((s: Section) => s.text.length > 20) as Section;
    const split = ws.ok<VersionWithSections>('sections.split', { sectionId: target.id, atOffset: Math.floor(target.text.length / 2), heading: 'Tweede deel' });
    const added = split.sections.find((s) => s.heading === 'Tweede deel') as Section;
    expect(added.id).toBeGreaterThan(newest);
    const merges = ws.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sectie-samengevoegd' AND details ->> '$.sectionId' = ?").get(newest) as { n: number };
    const splits = ws.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sectie-gesplitst' AND details ->> '$.nieuw.sectionId' = ?").get(newest) as { n: number };
    expect([merges.n, splits.n]).toEqual([1, 0]);
  });

  it('a deleted tag or version does not lend its id to the next one', async () => {
    const ws = seededWorkspace();
    cleanups.push(ws.cleanup);
    const tag = ws.ok<{ id: number }>('tags.create', { name: 'Tijdelijk' });
    ws.ok('tags.delete', { id: tag.id });
    expect(ws.ok<{ id: number }>('tags.create', { name: 'Nieuw' }).id).toBeGreaterThan(tag.id);

    const standardId = (ws.db.prepare('SELECT id FROM standard ORDER BY id LIMIT 1').get() as { id: string }).id;
    const first = (await importText(ws, standardId, SAMPLE, 'eerste')).versionId as number;
    ws.ok('versions.delete', { versionId: first });
    const second = (await importText(ws, standardId, `${SAMPLE}\nNog een zin.\n`, 'tweede')).versionId as number;
    expect(second).toBeGreaterThan(first);
  });
});

describe('upgrading a 007 workspace with work in it', () => {
  it('keeps every row and id, the indexes and triggers, and from then on never reuses an id', async () => {
    const migrations = loadMigrations();
    const dir = tempDir('richtsnoer-ids-');
    cleanups.push(() => removeDir(dir));
    const file = path.join(dir, 'werkruimte.sqlite');

    // A workspace as Richtsnoer 007 left it: catalogue, imported texts, annotations, a pilot with rows.
    const old = openDatabase(file, { migrate: false });
    migrate(old, migrations.slice(0, 7));
    seedDatabase(old);
    const api = createApi(old, { mode: 'test', appVersion: TEST_APP_VERSION, workspacePath: file });
    const ws = {
      db: old,
      dir,
      file,
      api,
      cleanup: () => undefined,
      call: (method: string, args?: unknown) => invokeApi(api, method, args),
      ok<T>(method: string, args?: unknown): T {
        const result = invokeApi(api, method, args);
        if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
        return result.value as T;
      },
    } satisfies TestWorkspace;
    const { pilot, versionIds } = await adhdPilot(ws);
    ws.ok('alignment.propose', { pilotId: pilot.id });
    const section = sectionsOf(ws, versionIds.jeugdhulp)[1] as Section;
    ws.ok('annotations.create', { sectionId: section.id, start: 0, end: 4, quote: section.text.slice(0, 4), tagIds: [(old.prepare('SELECT id FROM tag LIMIT 1').get() as { id: number }).id] });
    // The newest section goes: a 007 workspace would hand its id out again.
    const newest = maxSectionId(old);
    ws.ok('sections.mergeWithPrevious', { sectionId: newest });
    const before = dumpTables(old);
    expect(before.alignment_row?.length).toBeGreaterThan(0);
    expect(schemaVersion(old)).toBe(7);
    old.close();

    const db = openDatabase(file);
    cleanups.push(() => db.open && db.close());
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(dumpTables(db)).toEqual(before);
    expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    checkIndexes(db);

    // Triggers still fire: an edited heading is found, a deleted version takes its sections along
    // and leaves its annotations loose rather than deleting them.
    const upgraded = createApi(db, { mode: 'test', appVersion: TEST_APP_VERSION, workspacePath: file });
    const ok = <T>(method: string, args?: unknown): T => {
      const result = invokeApi(upgraded, method, args);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
      return result.value as T;
    };
    ok('sections.update', { sectionId: section.id, heading: 'Zeldzaamwoordkop' });
    expect(db.prepare("SELECT rowid FROM section_word WHERE section_word MATCH 'zeldzaamwoordkop'").pluck().all()).toEqual([section.id]);
    // The id of the section merged away before the upgrade stays retired (the audit log knew it).
    const target = (ok<VersionWithSections>('versions.get', { versionId: versionIds.jgz }).sections.find((s) => s.text.length > 20)) as Section;
    const split = ok<VersionWithSections>('sections.split', { sectionId: target.id, atOffset: Math.floor(target.text.length / 2), heading: 'Na de upgrade' });
    expect((split.sections.find((s) => s.heading === 'Na de upgrade') as Section).id).toBeGreaterThan(newest);
  });
});
