/**
 * Project files (.richtsnoer): export the workspace or one pilot, open it read-only in another
 * Richtsnoer (reads work, every write is refused in Dutch, your own workspace stays as it was),
 * and refuse anything that is not a sound project file with a clear Dutch "onbekend/beschadigd"
 * message, changing nothing (a fast-check property over random, truncated, flipped, foreign and
 * newer files).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StandardSummary } from '../../common/catalogue.js';
import type { BinaryExportFile } from '../../common/lists.js';
import { PROJECT_READ_ONLY_MESSAGE, type ProjectInfo, type WorkspaceStatus } from '../../common/workspace.js';
import { listBackups } from '../../db/backup.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { PROJECT_APPLICATION_ID } from '../../db/project-file.js';
import type { ApiResponse } from '../../electron/api.js';
import { WorkspaceSession } from '../../electron/workspace-session.js';
import { dumpTables, removeDir, tempDir, totalChanges } from '../helpers/test-db.js';

const RUNS = Number(process.env.RICHTSNOER_PROJECT_FUZZ_RUNS) || 120;

/** A colleague's app (the exporter) and yours (the one opening), each with its own data folder. */
let root: string;
let exporter: WorkspaceSession;
let mine: WorkspaceSession;
let tempRoot: string;
let project: Buffer;
let exportedStandards: StandardSummary[];

async function ok<T>(s: WorkspaceSession, method: string, args?: unknown): Promise<T> {
  const response = await s.invoke(method, args);
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
  return response.value as T;
}

const open = (s: WorkspaceSession, bytes: Uint8Array, fileName = 'van-anne.richtsnoer'): Promise<ApiResponse> =>
  s.invoke('project.open', { fileName, dataBase64: Buffer.from(bytes).toString('base64') });

function sqliteBytes(build: (db: Database.Database) => void): Buffer {
  const file = path.join(root, `bouw-${crypto.randomUUID()}.sqlite`);
  const db = new Database(file);
  try {
    build(db);
  } finally {
    db.close();
  }
  const bytes = fs.readFileSync(file);
  fs.rmSync(file);
  return bytes;
}

/** The project file with some SQL run on it (keeping its application id). */
function alteredProject(sql: string): Buffer {
  const file = path.join(root, `wijzig-${crypto.randomUUID()}.sqlite`);
  fs.writeFileSync(file, project);
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  const bytes = fs.readFileSync(file);
  fs.rmSync(file);
  return bytes;
}

function insertPilot(s: WorkspaceSession, title: string, member: string): number {
  const db = s.ownDb();
  const now = new Date().toISOString();
  const id = Number(
    db
      .prepare("INSERT INTO pilot (guid, title, origin, phase, description, created_at, created_by, updated_at) VALUES (?, ?, 'partner', 'lopend', ?, ?, 'Anne', ?)")
      .run(crypto.randomUUID(), title, `Beschrijving van ${title}`, now, now).lastInsertRowid,
  );
  db.prepare("INSERT INTO pilot_member (pilot_id, name, perspective, role) VALUES (?, ?, 'professionals', 'lid')").run(id, member);
  db.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, details) VALUES (?, 'Anne', 'aangemaakt', 'pilot', ?, ?)").run(now, String(id), JSON.stringify({ titel: title }));
  return id;
}

const leftovers = () => fs.readdirSync(tempRoot);

beforeAll(async () => {
  root = tempDir('richtsnoer-project-');
  tempRoot = path.join(root, 'tmp');
  fs.mkdirSync(tempRoot);
  exporter = WorkspaceSession.open({ dataDir: path.join(root, 'anne'), context: { mode: 'test', appVersion: 'test' }, dailyCheckMs: null, tempRoot });
  mine = WorkspaceSession.open({ dataDir: path.join(root, 'ik'), context: { mode: 'test', appVersion: 'test' }, dailyCheckMs: null, tempRoot });
  await ok(exporter, 'settings.setUserName', { name: 'Anne de Wit' });
  const first = (await ok<StandardSummary[]>(exporter, 'standards.list', {}))[0]!;
  await ok(exporter, 'standards.update', { id: first.id, patch: { notes: 'alleen bij Anne' } });
  await ok(mine, 'settings.setUserName', { name: 'Ik' });
  exportedStandards = await ok<StandardSummary[]>(exporter, 'standards.list', { includeRetired: true });
  const file = await ok<BinaryExportFile>(exporter, 'project.export', {});
  project = Buffer.from(file.contentBase64, 'base64');
});
afterAll(() => {
  exporter?.close();
  mine?.close();
  if (root) removeDir(root);
});
afterEach(() => {
  mine.closeProject();
  expect(leftovers()).toEqual([]);
});

describe('project.export', () => {
  it('writes one integrity-checked SQLite file that says it is a Richtsnoer project, and changes nothing', async () => {
    const before = dumpTables(exporter.ownDb());
    const changes = totalChanges(exporter.ownDb());
    const file = await ok<BinaryExportFile>(exporter, 'project.export', {});
    expect(totalChanges(exporter.ownDb())).toBe(changes);
    expect(dumpTables(exporter.ownDb())).toEqual(before);
    expect(file.fileName).toMatch(/^richtsnoer-werkruimte-\d{4}-\d{2}-\d{2}\.richtsnoer$/);
    expect(file.mimeType).toBe('application/vnd.richtsnoer.project+sqlite3');

    const bytes = Buffer.from(file.contentBase64, 'base64');
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(bytes.readUInt32BE(68)).toBe(PROJECT_APPLICATION_ID);
    expect(bytes.readInt32BE(60)).toBe(loadMigrations().length);
    const copyFile = path.join(root, 'controle.richtsnoer');
    fs.writeFileSync(copyFile, bytes);
    const db = new Database(copyFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      const settings = Object.fromEntries((db.prepare("SELECT key, value FROM setting WHERE key LIKE 'project.%'").all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));
      expect(settings).toMatchObject({ 'project.exportedBy': 'Anne de Wit', 'project.scope': 'werkruimte', 'project.appVersion': expect.any(String) });
      // The whole workspace: every table the same as the exporter's, apart from the project.* settings.
      const { setting: copySettings, ...copyRest } = dumpTables(db);
      const { setting: ownSettings, ...ownRest } = before;
      expect(copyRest).toEqual(ownRest);
      expect((copySettings as Array<{ key: string }>).filter((r) => !r.key.startsWith('project.'))).toEqual(ownSettings);
    } finally {
      db.close();
    }
  });

  it('names no one when the exporter never set a name', async () => {
    const nameless = WorkspaceSession.open({ dataDir: path.join(root, 'naamloos'), context: { mode: 'test', appVersion: 'test' }, dailyCheckMs: null, tempRoot });
    try {
      const file = await ok<BinaryExportFile>(nameless, 'project.export');
      const info = await ok<ProjectInfo>(mine, 'project.open', { fileName: file.fileName, dataBase64: file.contentBase64 });
      expect(info.exportedBy).toBeNull();
      expect(info.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    } finally {
      nameless.close();
    }
  });

  it('exports one pilot: the other pilots, their members and history are not in the file at all', async () => {
    const keep = insertPilot(exporter, 'Pilot ADHD-standaarden', 'Karin Jansen');
    insertPilot(exporter, 'Geheime pilot Autisme', 'Piet Geheimhouder');
    const file = await ok<BinaryExportFile>(exporter, 'project.export', { pilotId: keep });
    expect(file.fileName).toMatch(/^richtsnoer-pilot-adhd-standaarden-\d{4}-\d{2}-\d{2}\.richtsnoer$/);
    const bytes = Buffer.from(file.contentBase64, 'base64');
    // Vacuumed after deleting: not even a free page keeps the other pilot's text.
    for (const secret of ['Geheime pilot Autisme', 'Piet Geheimhouder']) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('Karin Jansen', 'utf8'))).toBe(true);

    const info = await ok<ProjectInfo>(mine, 'project.open', { fileName: file.fileName, dataBase64: file.contentBase64 });
    expect(info).toMatchObject({ scope: 'pilot', pilotTitle: 'Pilot ADHD-standaarden', exportedBy: 'Anne de Wit' });
    expect((await ok<WorkspaceStatus>(mine, 'workspace.status')).pilots).toEqual([{ id: keep, title: 'Pilot ADHD-standaarden' }]);
    const audit = await ok<Array<{ entity: string; entityId: string }>>(mine, 'audit.list', { entity: 'pilot' });
    expect(audit.map((a) => a.entityId)).toEqual([String(keep)]);

    expect(await exporter.invoke('project.export', { pilotId: 99999 })).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN' } });
    exporter.ownDb().exec('DELETE FROM pilot');
  });
});

describe('opening a project file read-only', () => {
  it('shows the colleague’s data: reads work, and your own workspace is kept aside', async () => {
    const myBefore = dumpTables(mine.ownDb());
    const info = await ok<ProjectInfo>(mine, 'project.open', { fileName: 'C:\\Users\\anne\\Documents\\van-anne.richtsnoer', dataBase64: project.toString('base64') });
    expect(info).toMatchObject({ fileName: 'van-anne.richtsnoer', exportedBy: 'Anne de Wit', scope: 'werkruimte', pilotTitle: null });
    expect(await ok<WorkspaceStatus>(mine, 'workspace.status')).toMatchObject({ mode: 'project', project: info });
    expect(await ok<StandardSummary[]>(mine, 'standards.list', { includeRetired: true })).toEqual(exportedStandards);
    expect(await ok<{ userName: string; workspacePath: string }>(mine, 'app.info')).toMatchObject({ userName: 'Anne de Wit', workspacePath: 'van-anne.richtsnoer' });
    const first = exportedStandards[0]!;
    expect((await ok<{ notes: string }>(mine, 'standards.get', { id: first.id })).notes).toBe('alleen bij Anne');
    await ok(mine, 'tags.list');
    await ok(mine, 'lists.list');
    const csv = await ok<{ content: string }>(mine, 'catalogue.exportCsv', { ids: [first.id] });
    expect(csv.content).toContain('alleen bij Anne');

    // Passing it on: the project shown can be exported again, under your name.
    const again = await ok<BinaryExportFile>(mine, 'project.export');
    const againBytes = Buffer.from(again.contentBase64, 'base64');
    expect(againBytes.readUInt32BE(68)).toBe(PROJECT_APPLICATION_ID);
    expect(againBytes.includes(Buffer.from('alleen bij Anne', 'utf8'))).toBe(true);

    // Backups are of your own workspace, also now.
    const backup = await ok<{ reason: string }>(mine, 'backups.create');
    expect(backup.reason).toBe('handmatig');
    expect(listBackups(mine.file).length).toBeGreaterThanOrEqual(1);

    await ok(mine, 'project.close');
    expect(await ok<WorkspaceStatus>(mine, 'workspace.status')).toMatchObject({ mode: 'eigen', project: null });
    expect((await ok<{ notes: string | null }>(mine, 'standards.get', { id: first.id })).notes).toBeNull();
    expect(dumpTables(mine.ownDb())).toEqual(myBefore);
    // Back home, writing works again.
    await ok(mine, 'standards.update', { id: first.id, patch: { notes: 'van mij' } });
    await ok(mine, 'standards.update', { id: first.id, patch: { notes: null } });
  });

  it('refuses every write with the Dutch read-only message, and nothing changes anywhere', async () => {
    await ok(mine, 'project.open', { fileName: 'van-anne.richtsnoer', dataBase64: project.toString('base64') });
    const myChanges = totalChanges(mine.ownDb());
    const first = exportedStandards[0]!;
    const writes: Array<[string, unknown]> = [
      ['standards.update', { id: first.id, patch: { notes: 'poging' } }],
      ['standards.create', { title: 'Nieuwe standaard in het project', type: 'richtlijn', status: 'concept' }],
      ['standards.retire', { id: first.id, reason: 'mag niet' }],
      ['tags.create', { name: 'Poging' }],
      ['settings.setUserName', { name: 'Indringer' }],
      ['settings.setImportLimit', { megabytes: 5 }],
      ['lists.create', { title: 'Lijst', versionLabel: 'v1' }],
      ['imports.start', { standardId: first.id, fileName: 'a.txt', label: 'x', status: 'concept', dataBase64: Buffer.from('Hallo').toString('base64') }],
    ];
    for (const [method, args] of writes) {
      const response = await mine.invoke(method, args);
      expect(response, method).toEqual({ ok: false, error: { code: 'GEEN_TOEGANG', message: PROJECT_READ_ONLY_MESSAGE } });
    }
    expect(PROJECT_READ_ONLY_MESSAGE).toMatch(/^Dit projectbestand is alleen te lezen/);
    expect(await ok<StandardSummary[]>(mine, 'standards.list', { includeRetired: true })).toEqual(exportedStandards);
    expect(totalChanges(mine.ownDb())).toBe(myChanges);
  });

  it('opens an older project file (migrated on a private copy) and refuses a newer one', async () => {
    const migrations = loadMigrations();
    const older = sqliteBytes((db) => {
      db.pragma('foreign_keys = ON');
      migrate(db, migrations.slice(0, 4));
      db.prepare("INSERT INTO setting (key, value) VALUES ('project.exportedBy', 'Oude Anne')").run();
      db.pragma(`application_id = ${PROJECT_APPLICATION_ID}`);
      db.pragma('journal_mode = DELETE');
    });
    const info = await ok<ProjectInfo>(mine, 'project.open', { fileName: 'oud.richtsnoer', dataBase64: older.toString('base64') });
    expect(info.exportedBy).toBe('Oude Anne');
    expect(await ok<{ schemaVersion: number }>(mine, 'app.info')).toMatchObject({ schemaVersion: migrations.length });
    await ok(mine, 'project.close');

    const newer = Buffer.from(project);
    newer.writeInt32BE(migrations.length + 3, 60);
    expect(await open(mine, newer)).toEqual({
      ok: false,
      error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/^Dit projectbestand is gemaakt met een nieuwere versie van Richtsnoer \(schema \d+; deze versie kent \d+\)/) },
    });
  });

  it('a bad file while a project is open leaves that project open; a good one replaces it', async () => {
    await ok(mine, 'project.open', { fileName: 'eerste.richtsnoer', dataBase64: project.toString('base64') });
    expect((await open(mine, crypto.randomBytes(5000))).ok).toBe(false);
    expect(mine.project()?.fileName).toBe('eerste.richtsnoer');
    await ok(mine, 'project.open', { fileName: 'tweede.richtsnoer', dataBase64: project.toString('base64') });
    expect(mine.project()?.fileName).toBe('tweede.richtsnoer');
    expect(leftovers()).toHaveLength(1); // the first private copy is gone
  });
});

/** The answers a refused file may get: the three Dutch refusals of db/project-file.ts. */
const REFUSAL = /^(Onbekend bestand: “[^”]*” is geen Richtsnoer-projectbestand|Beschadigd bestand: “[^”]*” is geen leesbaar Richtsnoer-projectbestand \(.+\)\. Vraag de afzender|Dit projectbestand is gemaakt met een nieuwere versie van Richtsnoer)/;
/** What a read on a file that opened (damage that integrity_check cannot see, e.g. in a text) may answer. */
const READ_ANSWER = /^(De database kon de opdracht niet uitvoeren; er is niets gewijzigd\.|Er ging onverwacht iets mis; er is niets gewijzigd\.|Er is geen standaard met)/;

describe('damaged and hostile files', () => {
  const cases: Array<[string, () => Buffer]> = [
    ['an empty file', () => Buffer.alloc(0)],
    ['random bytes', () => crypto.randomBytes(64 * 1024)],
    ['a text file renamed', () => Buffer.from('Dit is geen project.\n'.repeat(100))],
    ['the first half of a project file', () => project.subarray(0, Math.floor(project.length / 2))],
    ['a project file missing its last byte', () => project.subarray(0, project.length - 1)],
    ['another application’s SQLite database', () => sqliteBytes((db) => db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')"))],
    ['an empty SQLite database', () => sqliteBytes((db) => db.exec('CREATE TABLE t (x)'))],
    ['a Richtsnoer workspace without the project mark', () => alteredProject('PRAGMA application_id = 0')],
    [
      'a foreign database wearing Richtsnoer’s application id and schema version',
      () =>
        sqliteBytes((db) => {
          db.exec('CREATE TABLE standard (id TEXT); CREATE TABLE setting (key TEXT, value TEXT)');
          db.pragma(`application_id = ${PROJECT_APPLICATION_ID}`);
          db.pragma(`user_version = ${loadMigrations().length}`);
        }),
    ],
    ['a project file with an extra view', () => alteredProject('CREATE VIEW kwaad AS SELECT * FROM standard')],
    ['a project file with an extra trigger', () => alteredProject("CREATE TRIGGER kwaad AFTER INSERT ON tag BEGIN DELETE FROM standard; END")],
    ['a project file with a broken reference', () => alteredProject("PRAGMA foreign_keys = OFF; INSERT INTO standard_subsector (standard_id, subsector) VALUES ('bestaat-niet', 'jeugdhulp')")],
  ];
  for (const [label, bytes] of cases) {
    it(`refuses ${label} in Dutch and changes nothing`, async () => {
      const myChanges = totalChanges(mine.ownDb());
      const api = mine.api;
      const response = await open(mine, bytes());
      expect(response.ok).toBe(false);
      if (!response.ok) {
        expect(response.error.code).toBe('ONGELDIGE_INVOER');
        expect(response.error.message).toMatch(REFUSAL);
        expect(response.error.message).toMatch(/Er is niets gewijzigd\.$/);
      }
      expect(mine.api).toBe(api);
      expect(mine.project()).toBeNull();
      expect(totalChanges(mine.ownDb())).toBe(myChanges);
    });
  }

  it('property: whatever the bytes, the file opens and reads answer, or it is refused in Dutch; your workspace never changes', async () => {
    const pageSize = project.readUInt16BE(16);
    const pages = project.length / pageSize;
    const latest = loadMigrations().length;
    const mutate = (edits: Array<{ at: number; value: number }>) => {
      const copy = Buffer.from(project);
      for (const e of edits) copy[e.at % copy.length] = e.value;
      return copy;
    };
    const arbitrary = fc.oneof(
      fc.uint8Array({ maxLength: 8192 }).map((b) => ({ kind: 'willekeurig', bytes: Buffer.from(b) })),
      fc.nat({ max: project.length - 1 }).map((n) => ({ kind: `afgekapt op ${n}`, bytes: project.subarray(0, n) })),
      fc.array(fc.record({ at: fc.nat({ max: project.length - 1 }), value: fc.nat({ max: 255 }) }), { minLength: 1, maxLength: 12 }).map((edits) => ({ kind: 'bytes veranderd', bytes: mutate(edits) })),
      fc.array(fc.record({ at: fc.nat({ max: 99 }), value: fc.nat({ max: 255 }) }), { minLength: 1, maxLength: 4 }).map((edits) => ({ kind: 'kop veranderd', bytes: mutate(edits) })),
      fc.record({ page: fc.integer({ min: 1, max: pages }), fill: fc.nat({ max: 255 }) }).map(({ page, fill }) => {
        const copy = Buffer.from(project);
        copy.fill(fill, (page - 1) * pageSize, page * pageSize);
        return { kind: `pagina ${page} gevuld met ${fill}`, bytes: copy };
      }),
      fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((b) => ({ kind: 'iets aangeplakt', bytes: Buffer.concat([project, Buffer.from(b)]) })),
      fc.integer({ min: latest + 1, max: latest + 1000 }).map((v) => {
        const copy = Buffer.from(project);
        copy.writeInt32BE(v, 60);
        return { kind: `schema ${v}`, bytes: copy };
      }),
    );
    const myBefore = dumpTables(mine.ownDb());
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ kind, bytes }) => {
        const myChanges = totalChanges(mine.ownDb());
        const api = mine.api;
        const response = await open(mine, bytes);
        if (response.ok) {
          // Damage integrity_check cannot see (inside a text): the file is shown; reads answer.
          expect(mine.project(), kind).not.toBeNull();
          for (const [method, args] of [['standards.list', {}], ['tags.list', undefined], ['lists.list', undefined], ['standards.get', { id: exportedStandards[0]!.id }]] as const) {
            const read = await mine.invoke(method, args);
            if (!read.ok) expect(read.error.message, `${kind}: ${method}`).toMatch(READ_ANSWER);
          }
          expect(await mine.invoke('standards.update', { id: exportedStandards[0]!.id, patch: { notes: 'x' } })).toMatchObject({ ok: false });
          expect((await mine.invoke('project.close', {})).ok).toBe(true);
        } else {
          expect(response.error.message, kind).toMatch(REFUSAL);
          expect(mine.api, kind).toBe(api);
          expect(mine.project(), kind).toBeNull();
        }
        expect(totalChanges(mine.ownDb()), kind).toBe(myChanges);
        expect(leftovers(), kind).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(dumpTables(mine.ownDb())).toEqual(myBefore);
  }, 120_000);
});
