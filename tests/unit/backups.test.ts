/**
 * Backups: made with VACUUM INTO and checked with integrity_check, named by date, time and reason,
 * daily (at open and while running), before every migration, kept for N days (never the newest
 * three), and restored from the app through the workspace session, which swaps the database under
 * the api without a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../common/errors.js';
import type { BackupInfo, BackupOverview } from '../../common/workspace.js';
import {
  backupDirFor,
  backupFileName,
  backupNow,
  integrityProblem,
  isBackupDue,
  listBackups,
  parseBackupName,
  pruneBackups,
} from '../../db/backup.js';
import { loadMigrations, migrate, schemaVersion } from '../../db/migrate.js';
import { openDatabase, type Db } from '../../db/open.js';
import { WorkspaceSession } from '../../electron/workspace-session.js';
import { dumpTables, removeDir, seededWorkspace, tempDir, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T0 = new Date(2026, 2, 10, 9, 30, 0); // 10 March 2026, 09:30 local time

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function workspace(): TestWorkspace {
  const ws = seededWorkspace();
  cleanups.push(ws.cleanup);
  return ws;
}

function scratch(): string {
  const dir = tempDir('richtsnoer-backup-');
  cleanups.push(() => removeDir(dir));
  return dir;
}

function readOnly<T>(file: string, fn: (db: Db) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A session over a temp data dir with a clock the test moves. */
function session(dataDir: string, clock: { now: Date }, extra: { dailyCheckMs?: number | null } = {}): WorkspaceSession {
  const s = WorkspaceSession.open({ dataDir, context: { mode: 'test', appVersion: 'test' }, now: () => clock.now, dailyCheckMs: extra.dailyCheckMs ?? null });
  cleanups.push(() => s.close());
  return s;
}

async function ok<T>(s: WorkspaceSession, method: string, args?: unknown): Promise<T> {
  const response = await s.invoke(method, args);
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
  return response.value as T;
}

/** Overwrites one page of a closed database file with garbage. */
function damagePage(file: string, page: number): void {
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  bytes.fill(0xa5, (page - 1) * pageSize + 8, page * pageSize);
  fs.writeFileSync(file, bytes);
}

describe('backupNow', () => {
  it('writes a readable, integrity-checked, complete copy into backups/ beside the workspace', () => {
    const ws = workspace();
    ws.ok('standards.update', { id: ws.ok<Array<{ id: string }>>('standards.list', {})[0]!.id, patch: { notes: 'staat in de back-up' } });
    const before = dumpTables(ws.db);
    const backup = backupNow(ws.db, 'handmatig', { now: T0 });

    expect(backup).toEqual({ name: 'werkruimte_2026-03-10_09-30-00_handmatig.sqlite', createdAt: T0.toISOString(), reason: 'handmatig', sizeBytes: expect.any(Number) });
    const file = path.join(ws.dir, 'backups', backup.name);
    expect(backupDirFor(ws.file)).toBe(path.join(ws.dir, 'backups'));
    expect(fs.statSync(file).size).toBe(backup.sizeBytes);
    expect(integrityProblem(file)).toBeNull();
    expect(readOnly(file, (db) => dumpTables(db))).toEqual(before);
    // A single self-contained file: not in WAL mode, no -wal beside it, no leftover .partial.
    expect(readOnly(file, (db) => db.pragma('journal_mode', { simple: true }))).toBe('delete');
    expect(fs.readdirSync(path.join(ws.dir, 'backups'))).toEqual([backup.name]);
    // The workspace itself is untouched.
    expect(dumpTables(ws.db)).toEqual(before);
  });

  it('gives two backups in the same second different names, and parses names back', () => {
    const ws = workspace();
    const a = backupNow(ws.db, 'dagelijks', { now: T0 });
    const b = backupNow(ws.db, 'dagelijks', { now: T0 });
    expect([a.name, b.name]).toEqual(['werkruimte_2026-03-10_09-30-00_dagelijks.sqlite', 'werkruimte_2026-03-10_09-30-00_dagelijks-2.sqlite']);
    expect(listBackups(ws.file).map((x) => x.name)).toEqual([b.name, a.name]);
    // Same second, another reason: the later file is listed first.
    const c = backupNow(ws.db, 'voor-terugzetten', { now: T0 });
    expect(listBackups(ws.file)[0]?.name).toBe(c.name);
    expect(parseBackupName(backupFileName(T0, 'voor-bijwerken'))).toEqual({ createdAt: T0, reason: 'voor-bijwerken', counter: 1 });
    for (const bad of ['werkruimte.sqlite', '../werkruimte_2026-03-10_09-30-00_dagelijks.sqlite', 'werkruimte_2026-03-10_09-30-00_onbekend.sqlite', 'werkruimte_2026-13-10_09-30-00_dagelijks.sqlite.partial']) {
      expect(parseBackupName(bad)).toBeNull();
    }
  });

  it('refuses a damaged workspace with "Beschadigd", leaving no partial file', () => {
    const ws = workspace();
    const root = ws.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'standard'").pluck().get() as number;
    ws.db.close();
    damagePage(ws.file, root);
    const db = openDatabase(ws.file);
    cleanups.push(() => db.close());
    let error: unknown = null;
    try {
      backupNow(db, 'handmatig', { now: T0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/^Beschadigd bestand/);
    expect(fs.readdirSync(path.join(ws.dir, 'backups'))).toEqual([]);
  });

  it('integrityProblem finds damage that a plain open does not', () => {
    const ws = workspace();
    const backup = backupNow(ws.db, 'handmatig', { now: T0 });
    const file = path.join(ws.dir, 'backups', backup.name);
    const copy = path.join(ws.dir, 'kopie.sqlite');
    fs.copyFileSync(file, copy);
    const root = readOnly(copy, (db) => db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'standard_subsector'").pluck().get() as number);
    damagePage(copy, root);
    readOnly(copy, (db) => db.prepare('SELECT count(*) FROM sqlite_schema').get()); // opens fine
    expect(integrityProblem(copy)).not.toBeNull();
    expect(integrityProblem(path.join(ws.dir, 'bestaat-niet.sqlite'))).not.toBeNull();
  });
});

describe('the daily rule', () => {
  it('backs up at open when there is no backup or the newest is 24 hours old, and not otherwise', () => {
    const dataDir = scratch();
    const clock = { now: T0 };
    const first = session(dataDir, clock);
    expect(listBackups(first.file).map((b) => [b.reason, b.createdAt])).toEqual([['dagelijks', T0.toISOString()]]);

    clock.now = new Date(T0.getTime() + 23 * HOUR);
    expect(first.dailyBackup()).toBeNull();
    expect(isBackupDue(first.file, clock.now)).toBe(false);
    clock.now = new Date(T0.getTime() + DAY);
    expect(first.dailyBackup()?.reason).toBe('dagelijks');
    first.close();

    // Reopening the app the next morning: not due yet. Two days later: due.
    clock.now = new Date(T0.getTime() + 30 * HOUR);
    session(dataDir, clock).close();
    expect(listBackups(path.join(dataDir, 'werkruimte.sqlite'))).toHaveLength(2);
    clock.now = new Date(T0.getTime() + 49 * HOUR);
    session(dataDir, clock).close();
    expect(listBackups(path.join(dataDir, 'werkruimte.sqlite')).map((b) => b.createdAt)).toEqual([
      new Date(T0.getTime() + 49 * HOUR).toISOString(),
      new Date(T0.getTime() + DAY).toISOString(),
      T0.toISOString(),
    ]);
  });

  it('any backup counts: a manual one postpones the daily one', () => {
    const dataDir = scratch();
    const clock = { now: T0 };
    const s = session(dataDir, clock);
    clock.now = new Date(T0.getTime() + 20 * HOUR);
    backupNow(s.ownDb(), 'handmatig', { now: clock.now });
    clock.now = new Date(T0.getTime() + 30 * HOUR);
    expect(s.dailyBackup()).toBeNull();
  });

  it('keeps checking while the app runs', async () => {
    const dataDir = scratch();
    const clock = { now: T0 };
    const s = session(dataDir, clock, { dailyCheckMs: 20 });
    expect(listBackups(s.file)).toHaveLength(1);
    clock.now = new Date(T0.getTime() + 25 * HOUR);
    await vi.waitFor(() => expect(listBackups(s.file)).toHaveLength(2), { timeout: 3000, interval: 20 });
  });

  it('a failing automatic backup does not stop the app and is reported on the Werkruimte screen', async () => {
    const dataDir = scratch();
    fs.writeFileSync(path.join(dataDir, 'backups'), 'geen map'); // the folder cannot be made
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanups.push(() => warn.mockRestore());
    const s = session(dataDir, { now: T0 });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/automatische back-up is mislukt/));
    const overview = await ok<BackupOverview>(s, 'backups.list');
    expect(overview.backups).toEqual([]);
    expect(overview.lastError).toMatch(/^De automatische back-up is mislukt: De map voor back-ups kon niet worden gemaakt/);
    expect(await ok<unknown[]>(s, 'standards.list', {})).toHaveLength(154);
  });
});

describe('before a migration', () => {
  function oldWorkspace(dir: string, version: number): string {
    const file = path.join(dir, 'werkruimte.sqlite');
    const db = openDatabase(file, { migrate: false });
    migrate(db, loadMigrations().slice(0, version));
    db.prepare("INSERT INTO setting (key, value) VALUES ('user.name', 'Oude Versie'), ('test.merk', 'uit schema " + version + "')").run();
    db.close();
    return file;
  }

  it('backs up an older workspace before migrating it, and the backup is the old schema with its data', () => {
    const dir = scratch();
    const file = oldWorkspace(dir, 3);
    const before = readOnly(file, (db) => dumpTables(db));
    const db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(schemaVersion(db)).toBe(loadMigrations().length);

    const backups = listBackups(file);
    expect(backups.map((b) => b.reason)).toEqual(['voor-bijwerken']);
    const copy = path.join(dir, 'backups', backups[0]!.name);
    expect(integrityProblem(copy)).toBeNull();
    readOnly(copy, (old) => {
      expect(old.pragma('user_version', { simple: true })).toBe(3);
      expect(dumpTables(old)).toEqual(before);
    });
  });

  it('takes none for a new workspace, a current one, or a newer one (which is refused)', () => {
    const dir = scratch();
    const file = path.join(dir, 'werkruimte.sqlite');
    openDatabase(file).close(); // new
    openDatabase(file).close(); // current
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);

    const newer = path.join(scratch(), 'werkruimte.sqlite');
    const raw = new Database(newer);
    raw.pragma(`user_version = ${loadMigrations().length + 1}`);
    raw.close();
    expect(() => openDatabase(newer)).toThrow(/nieuwere versie/);
    expect(fs.existsSync(path.join(path.dirname(newer), 'backups'))).toBe(false);
  });

  it('does not migrate when the backup cannot be made, and says so in Dutch', () => {
    const dir = scratch();
    const file = oldWorkspace(dir, 2);
    fs.writeFileSync(path.join(dir, 'backups'), 'geen map');
    let error: unknown = null;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/^De werkruimte kon niet worden geopend: vóór het bijwerken kon geen back-up worden gemaakt/);
    expect(readOnly(file, (db) => db.pragma('user_version', { simple: true }))).toBe(2);
    // The lock was released: once the folder can be made, the same file opens and migrates.
    fs.rmSync(path.join(dir, 'backups'));
    const db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(listBackups(file)).toHaveLength(1);
  });
});

describe('retention', () => {
  const at = (days: number) => new Date(T0.getTime() + days * DAY);

  it('removes backups older than the retention period, keeping the newest three whatever their age', () => {
    const ws = workspace();
    for (const day of [-60, -50, -40, -20, -10, -1]) backupNow(ws.db, 'dagelijks', { now: at(day) });
    const stranger = path.join(ws.dir, 'backups', 'mijn-eigen-kopie.sqlite');
    fs.writeFileSync(stranger, 'niet van Richtsnoer');
    backupNow(ws.db, 'handmatig', { now: at(0) }); // prunes with the default 30 days
    expect(listBackups(ws.file).map((b) => b.createdAt)).toEqual([at(0), at(-1), at(-10), at(-20)].map((d) => d.toISOString()));
    expect(fs.existsSync(stranger)).toBe(true); // not ours, never deleted
  });

  it('never deletes the newest three, even when all are old', () => {
    const ws = workspace();
    for (const day of [-100, -90, -80]) backupNow(ws.db, 'dagelijks', { now: at(day) });
    expect(pruneBackups(ws.file, 30, at(0))).toEqual([]);
    expect(listBackups(ws.file)).toHaveLength(3);
    backupNow(ws.db, 'dagelijks', { now: at(-70) });
    expect(pruneBackups(ws.file, 30, at(0))).toEqual([backupFileName(at(-100), 'dagelijks')]);
  });

  it('is a setting (backup.retentionDays) with Dutch validation, and applies at the next backup', () => {
    const ws = workspace();
    for (const day of [-9, -8, -7, -6, -2]) backupNow(ws.db, 'dagelijks', { now: at(day) });
    const overview = ws.ok<BackupOverview>('backups.list');
    expect(overview).toMatchObject({ retentionDays: 30, minimumKept: 3, folder: path.join(ws.dir, 'backups'), lastError: null });
    expect(overview.backups).toHaveLength(5);

    expect(ws.ok<BackupOverview>('backups.setRetention', { days: 5 }).retentionDays).toBe(5);
    expect(ws.db.prepare("SELECT value FROM setting WHERE key = 'backup.retentionDays'").pluck().get()).toBe('5');
    const before = totalChanges(ws.db);
    for (const days of [0, -1, 3651, 2.5, '7']) {
      const result = ws.call('backups.setRetention', { days });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/dag/);
    }
    expect(totalChanges(ws.db)).toBe(before);

    backupNow(ws.db, 'handmatig', { now: at(0) });
    // Older than 5 days: -9, -8, -7, -6; the newest three (0, -2, -6) stay anyway.
    expect(listBackups(ws.file).map((b) => b.createdAt)).toEqual([at(0), at(-2), at(-6)].map((d) => d.toISOString()));
  });
});

describe('restore', () => {
  it('replaces the workspace with the backup after backing up the current state, without a restart; round trip with integrity_check', async () => {
    const dataDir = scratch();
    const clock = { now: T0 };
    const s = session(dataDir, clock);
    const [daily] = listBackups(s.file) as [BackupInfo];
    const backupFile = path.join(dataDir, 'backups', daily.name);
    const atBackup = readOnly(backupFile, (db) => dumpTables(db));

    // Work after the backup.
    const id = (await ok<Array<{ id: string }>>(s, 'standards.list', {}))[0]!.id;
    await ok(s, 'settings.setUserName', { name: 'Fatima' });
    await ok(s, 'standards.update', { id, patch: { notes: 'na de back-up' } });
    await ok(s, 'tags.create', { name: 'Na de back-up' });
    const beforeRestore = dumpTables(s.ownDb());
    const oldDb = s.ownDb();
    const oldApi = s.api;

    clock.now = new Date(T0.getTime() + HOUR);
    const result = await ok<{ restored: BackupInfo; safety: BackupInfo }>(s, 'backups.restore', { name: daily.name });
    expect(result.restored).toEqual(daily);
    expect(result.safety).toMatchObject({ reason: 'voor-terugzetten', createdAt: clock.now.toISOString() });

    // The session swapped database and api; the old connection is closed.
    expect(oldDb.open).toBe(false);
    expect(s.api).not.toBe(oldApi);
    const restored = s.ownDb();
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(restored.pragma('journal_mode', { simple: true })).toBe('wal');
    const { audit_log: restoredAudit = [], ...restoredRest } = dumpTables(restored);
    const { audit_log: backupAudit = [], ...backupRest } = atBackup;
    expect(restoredRest).toEqual(backupRest);
    // Everything of the backup, plus one entry saying it was restored (by the user of the backup).
    expect(restoredAudit.slice(0, -1)).toEqual(backupAudit);
    expect(restoredAudit.at(-1)).toMatchObject({ action: 'terugzetten', entity: 'werkruimte', entity_id: daily.name, actor: 'gebruiker' });
    expect((await ok<{ notes: string | null }>(s, 'standards.get', { id })).notes).toBeNull();
    expect(await ok<{ userName: string }>(s, 'app.info')).toMatchObject({ userName: 'gebruiker' });

    // The backup taken just before holds exactly the state that was replaced: restoring it undoes the restore.
    const safetyFile = path.join(dataDir, 'backups', result.safety.name);
    expect(integrityProblem(safetyFile)).toBeNull();
    expect(readOnly(safetyFile, (db) => dumpTables(db))).toEqual(beforeRestore);
    clock.now = new Date(T0.getTime() + 2 * HOUR);
    await ok(s, 'backups.restore', { name: result.safety.name });
    expect((await ok<{ notes: string | null }>(s, 'standards.get', { id })).notes).toBe('na de back-up');
    expect(await ok<{ userName: string }>(s, 'app.info')).toMatchObject({ userName: 'Fatima' });

    // And the workspace is still locked against a second Richtsnoer after all that.
    expect(() => openDatabase(s.file)).toThrow(/al geopend/);
  });

  it('refuses names that are not a listed backup, and a damaged backup, changing nothing', async () => {
    const dataDir = scratch();
    const s = session(dataDir, { now: T0 });
    const [daily] = listBackups(s.file) as [BackupInfo];
    const before = dumpTables(s.ownDb());
    const api = s.api;
    for (const name of ['../werkruimte.sqlite', 'werkruimte.sqlite', '/etc/passwd', backupFileName(new Date(2020, 0, 1), 'dagelijks'), '']) {
      const response = await s.invoke('backups.restore', { name });
      expect(response.ok).toBe(false);
    }
    // A file in the folder with a backup's name but damaged inside.
    const fake = backupFileName(new Date(T0.getTime() - DAY), 'handmatig');
    fs.copyFileSync(path.join(dataDir, 'backups', daily.name), path.join(dataDir, 'backups', fake));
    const root = readOnly(path.join(dataDir, 'backups', fake), (db) => db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'standard'").pluck().get() as number);
    damagePage(path.join(dataDir, 'backups', fake), root);
    const response = await s.invoke('backups.restore', { name: fake });
    expect(response).toMatchObject({ ok: false, error: { code: 'DATABASE', message: expect.stringMatching(/^Deze back-up is beschadigd/) } });

    expect(s.api).toBe(api);
    expect(dumpTables(s.ownDb())).toEqual(before);
    expect(listBackups(s.file).map((b) => b.name).sort()).toEqual([daily.name, fake].sort()); // no safety backup taken
  });

  it('restores a backup from an older schema: it is migrated on reopen, with its own before-migration backup', async () => {
    const dataDir = scratch();
    // The real clock: the before-migration backup inside openDatabase uses it for retention too.
    const start = new Date();
    const clock = { now: start };
    const s = session(dataDir, clock);
    const old = path.join(dataDir, 'oud.sqlite');
    const db = openDatabase(old, { migrate: false });
    migrate(db, loadMigrations().slice(0, 4));
    db.prepare("INSERT INTO setting (key, value) VALUES ('user.name', 'Uit versie 4')").run();
    db.close();
    const name = backupFileName(new Date(start.getTime() - 3 * DAY), 'handmatig');
    fs.copyFileSync(old, path.join(dataDir, 'backups', name));

    clock.now = new Date(start.getTime() + 1000);
    await ok(s, 'backups.restore', { name });
    expect(schemaVersion(s.ownDb())).toBe(loadMigrations().length);
    expect(await ok<{ userName: string }>(s, 'app.info')).toMatchObject({ userName: 'Uit versie 4' });
    expect(await ok<unknown[]>(s, 'standards.list', {})).toHaveLength(154); // seeded on reopen
    expect(listBackups(s.file).map((b) => b.reason).sort()).toEqual(['dagelijks', 'handmatig', 'voor-bijwerken', 'voor-terugzetten']);
  });

  it('is not available on an api without a session', () => {
    const ws = workspace();
    const backup = backupNow(ws.db, 'handmatig', { now: T0 });
    expect(ws.call('backups.restore', { name: backup.name })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ws.ok<BackupInfo>('backups.create').reason).toBe('handmatig');
  });
});
