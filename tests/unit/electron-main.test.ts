import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp, type ElectronMain } from '../../electron/main.js';
import { asReal, createFakeElectron, FakeSession, FakeWebContents, type FakeElectron, type FakeElectronOptions } from '../fakes/electron.js';
import { removeDir, tempDir } from '../helpers/test-db.js';

// main.ts imports the real module for its Electron-only entry; the tests hand startApp a fake.
vi.mock('electron', () => ({}));

const flush = () => new Promise((resolve) => setImmediate(resolve));
const options = (dir: string) => ({
  rendererDir: path.join(dir, 'renderer'),
  preloadPath: path.join(dir, 'preload.cjs'),
});

let dir: string;
const savedEnv = { data: process.env.RICHTSNOER_DATA_DIR, migrations: process.env.RICHTSNOER_MIGRATIONS_DIR };
const started: FakeElectron[] = [];

beforeEach(() => {
  dir = tempDir('richtsnoer-main-');
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Richtsnoer</title>');
  delete process.env.RICHTSNOER_DATA_DIR;
  delete process.env.RICHTSNOER_MIGRATIONS_DIR;
});
afterEach(() => {
  for (const fake of started.splice(0)) fake.app.emit('will-quit'); // closes the workspace
  removeDir(dir);
  for (const [key, value] of [['RICHTSNOER_DATA_DIR', savedEnv.data], ['RICHTSNOER_MIGRATIONS_DIR', savedEnv.migrations]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function start(fakeOptions: FakeElectronOptions = {}, extra: { migrationsDir?: string } = {}) {
  const fake = createFakeElectron({ userData: path.join(dir, 'userData'), ...fakeOptions });
  started.push(fake);
  startApp(asReal<ElectronMain>(fake), { ...options(dir), ...extra });
  await flush();
  return fake;
}

describe('startApp', () => {
  it('enables the sandbox and registers app:// before ready, and opens nothing until then', async () => {
    const fake = createFakeElectron({ userData: path.join(dir, 'userData') });
    let ready!: () => void;
    fake.app.whenReady = () => new Promise<void>((resolve) => (ready = resolve));
    startApp(asReal<ElectronMain>(fake), options(dir));
    started.push(fake);
    expect(fake.calls.enableSandbox).toBe(1);
    expect(fake.calls.privilegedSchemes).toHaveLength(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.protocolHandlers.size).toBe(0);
    ready();
    await flush();
    expect(fake.windows).toHaveLength(1);
  });

  it('opens the workspace in userData, serves app:// and the api, and loads the app page', async () => {
    const fake = await start();
    expect(fs.existsSync(path.join(dir, 'userData', 'werkruimte.sqlite'))).toBe(true);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    const page = await fake.protocolHandlers.get('app')!(new Request('app://richtsnoer/index.html'));
    expect(await page.text()).toContain('<title>Richtsnoer</title>');

    const info = await fake.invokeFrom('app://richtsnoer/index.html', 'api', 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron', workspacePath: path.join(dir, 'userData', 'werkruimte.sqlite') } });
    expect(await fake.invokeFrom('https://evil.example/', 'api', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'GEEN_TOEGANG' } });

    const [window] = fake.windows;
    expect(window?.loadedUrls).toEqual(['app://richtsnoer/index.html']);
    expect(window?.options.webPreferences).toMatchObject({ preload: path.join(dir, 'preload.cjs'), sandbox: true, contextIsolation: true });
    expect(fake.calls.errorBoxes).toEqual([]);
  });

  it('denies permissions on the default session', async () => {
    const fake = await start();
    expect(await fake.session.defaultSession.requestPermission('media')).toBe(false);
    expect(fake.session.defaultSession.checkPermission('notifications')).toBe(false);
  });

  it('guards every webContents that gets created, not just the main window', async () => {
    const fake = await start();
    const other = new FakeWebContents(new FakeSession());
    fake.app.emit('web-contents-created', {}, other);
    expect(other.navigate('https://evil.example/').defaultPrevented).toBe(true);
    expect(other.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(other.attachWebview('https://evil.example/').defaultPrevented).toBe(true);
  });

  it('sets a Dutch application menu; developer items only when not packaged', async () => {
    const dev = await start({ isPackaged: false });
    const labels = (fake: FakeElectron) => fake.calls.applicationMenu?.template.map((item: { label?: string }) => item.label);
    expect(labels(dev)).toEqual(expect.arrayContaining(['Bestand', 'Bewerken', 'Beeld', 'Help']));
    const roles = (fake: FakeElectron) =>
      fake.calls.applicationMenu?.template.flatMap((item: { submenu?: { role?: string }[] }) => item.submenu?.map((s) => s.role) ?? []);
    expect(roles(dev)).toContain('toggleDevTools');
    expect(dev.windows[0]?.options.webPreferences.devTools).toBe(true);
    dev.app.emit('will-quit');

    const packaged = await start({ isPackaged: true });
    expect(roles(packaged)).not.toContain('toggleDevTools');
    expect(roles(packaged)).not.toContain('reload');
    expect(packaged.windows[0]?.options.webPreferences.devTools).toBe(false);
  });

  it('shows "Over Richtsnoer" with the version and workspace', async () => {
    const fake = await start();
    const help = fake.calls.applicationMenu?.template.find((item: { label?: string }) => item.label === 'Help');
    help.submenu[0].click();
    const [args] = fake.calls.messageBoxes as unknown[][];
    const box = args?.at(-1) as { title: string; detail: string };
    expect(box.title).toBe('Over Richtsnoer');
    expect(box.detail).toContain('werkruimte.sqlite');
  });

  it('quits at once when another copy already runs, touching nothing', async () => {
    const fake = await start({ gotSingleInstanceLock: false });
    expect(fake.calls.quit).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fs.existsSync(path.join(dir, 'userData'))).toBe(false);
  });

  it('brings the existing window forward when a second copy starts', async () => {
    const fake = await start();
    const window = fake.windows[0]!;
    window.minimized = true;
    fake.app.emit('second-instance', {}, [], dir);
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('shows a Dutch error box and exits when the workspace cannot be opened', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const fake = await start({ userData: blocker });
    expect(fake.calls.errorBoxes).toHaveLength(1);
    expect(fake.calls.errorBoxes[0]?.title).toBe('Richtsnoer kan niet starten');
    expect(fake.calls.errorBoxes[0]?.content).toContain('De werkruimte kon niet worden geopend.');
    expect(fake.calls.errorBoxes[0]?.content).toContain(blocker);
    expect(fake.calls.exitCodes).toEqual([1]);
    expect(fake.windows).toHaveLength(0);
  });

  it('refuses a workspace written by a newer Richtsnoer with the Dutch explanation', async () => {
    const userData = path.join(dir, 'newer');
    fs.mkdirSync(userData);
    const db = new Database(path.join(userData, 'werkruimte.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    const fake = await start({ userData });
    expect(fake.calls.errorBoxes[0]?.content).toMatch(/nieuwere versie van Richtsnoer/);
    expect(fake.windows).toHaveLength(0);
  });

  it('points the migrations at the folder next to the bundle', async () => {
    const migrationsDir = path.join(dir, 'migrations');
    fs.cpSync(path.resolve('db', 'migrations'), migrationsDir, { recursive: true });
    const fake = await start({}, { migrationsDir });
    expect(process.env.RICHTSNOER_MIGRATIONS_DIR).toBe(migrationsDir);
    expect(fake.calls.errorBoxes).toEqual([]);
  });

  it('serves the workspace through its session: a daily backup at start, and a restore over IPC swaps the database without a restart', async () => {
    const fake = await start();
    const call = (method: string, args: unknown = {}) => fake.invokeFrom('app://richtsnoer/index.html', 'api', method, args);
    const overview = await call('backups.list');
    expect(overview).toMatchObject({ ok: true, value: { folder: path.join(dir, 'userData', 'backups'), backups: [{ reason: 'dagelijks' }] } });
    await call('settings.setUserName', { name: 'Na de back-up' });
    const restored = await call('backups.restore', { name: overview.value.backups[0].name });
    expect(restored).toMatchObject({ ok: true, value: { safety: { reason: 'voor-terugzetten' } } });
    expect(await call('app.info')).toMatchObject({ ok: true, value: { userName: 'gebruiker', workspacePath: path.join(dir, 'userData', 'werkruimte.sqlite') } });
    expect(fake.calls.errorBoxes).toEqual([]);
    // Quitting closes the reopened database (its WAL is checkpointed away).
    fake.app.emit('will-quit');
    expect(fs.existsSync(path.join(dir, 'userData', 'werkruimte.sqlite-wal'))).toBe(false);
  });

  it('closes the workspace database when the app quits', async () => {
    const fake = await start();
    const wal = path.join(dir, 'userData', 'werkruimte.sqlite-wal');
    expect(fs.existsSync(wal)).toBe(true);
    fake.app.emit('will-quit');
    // SQLite checkpoints and removes the WAL file when the last connection closes cleanly.
    expect(fs.existsSync(wal)).toBe(false);
  });
});
