import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../helpers/test-db.js';

/**
 * Builds the real bundles with scripts/build-electron.mjs into a temporary folder and checks what
 * Electron will load: CommonJS only, nothing required that is not shipped, migrations next to
 * main.cjs. The last test starts main.cjs in plain Node with a tiny stand-in for 'electron', to
 * prove the bundle boots: import.meta.url shim, migrations folder, seed JSON, api over IPC.
 */
let base: string;
let outdir: string;

beforeAll(() => {
  base = tempDir('richtsnoer-build-');
  outdir = path.join(base, 'dist-electron');
  const result = spawnSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', outdir], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
}, 120_000);
afterAll(() => removeDir(base));

const requiresIn = (code: string) => [...code.matchAll(/\brequire\((["'])([^"']+)\1\)/g)].map((m) => m[2]);
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const ROOT_FOR_DEPS = path.resolve(import.meta.dirname, '../..');

describe('electron bundle', () => {
  it('bundles the preload as CommonJS that requires nothing but electron', () => {
    const code = fs.readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    expect(new Set(requiresIn(code))).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("richtsnoer"');
  });

  it('bundles main as CommonJS that requires only electron, runtime dependencies and Node built-ins', () => {
    const code = fs.readFileSync(path.join(outdir, 'main.cjs'), 'utf8');
    const dependencies = new Set(Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT_FOR_DEPS, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies));
    const packageOf = (id: string) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] ?? id));
    const foreign = requiresIn(code).filter((id) => !builtins.has(id!) && id !== 'electron' && !dependencies.has(packageOf(id!)));
    expect(foreign).toEqual([]);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toContain('import.meta');
    expect(code.startsWith("const __importMetaUrl = require('url').pathToFileURL(__filename).href;")).toBe(true);
  });

  it('copies every migration next to the bundle', () => {
    const source = fs.readdirSync(path.resolve('db', 'migrations')).filter((f) => f.endsWith('.sql')).sort();
    expect(source.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(outdir, 'migrations')).sort()).toEqual(source);
  });

  it('boots: opens a workspace with the copied migrations and answers the app page over IPC', () => {
    fs.mkdirSync(path.join(base, 'dist', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(base, 'dist', 'renderer', 'index.html'), '<title>Richtsnoer</title>');
    const userData = path.join(base, 'userData');
    const fakeElectron = path.join(base, 'fake-electron.cjs');
    // A minimal 'electron' for plain Node; it prints a JSON report once the window loads.
    fs.writeFileSync(
      fakeElectron,
      `
const Module = require('node:module');
const { EventEmitter } = require('node:events');
Object.defineProperty(process.versions, 'electron', { value: '40.0.0' });
const report = { handlers: [], schemes: [], windows: [] };
const ipc = new Map();
let appHandler = null;
const session = { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {}, setSpellCheckerLanguages() {}, availableSpellCheckerLanguages: [] };
const app = Object.assign(new EventEmitter(), {
  isPackaged: true, requestSingleInstanceLock: () => true, enableSandbox() {}, quit() {}, exit(code) { report.exit = code; },
  getPath: () => ${JSON.stringify(userData)}, whenReady: () => Promise.resolve(),
});
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = Object.assign(new EventEmitter(), { session, setWindowOpenHandler() {} });
    report.windows.push({ preload: options.webPreferences.preload, sandbox: options.webPreferences.sandbox });
  }
  async loadURL(url) {
    report.url = url;
    report.info = await ipc.get('api')({ senderFrame: { url } }, 'app.info', {});
    report.standards = await ipc.get('api')({ senderFrame: { url } }, 'standards.list', {});
    const page = await appHandler(new Request(url));
    report.page = { status: page.status, csp: page.headers.get('content-security-policy'), body: await page.text() };
    report.migrationsDir = process.env.RICHTSNOER_MIGRATIONS_DIR;
    process.stdout.write(JSON.stringify(report));
    process.exit(0);
  }
  once() {}
}
const electron = {
  app, BrowserWindow, session: { defaultSession: session }, shell: { openExternal: async () => {} },
  dialog: { showErrorBox: (title, body) => { process.stdout.write(JSON.stringify({ errorBox: title + ': ' + body })); process.exit(3); }, showMessageBox: async () => ({}) },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu() {} },
  protocol: { registerSchemesAsPrivileged: (s) => report.schemes.push(...s), handle: (scheme, h) => { report.handlers.push(scheme); appHandler = h; } },
  ipcMain: { handle: (channel, h) => ipc.set(channel, h) },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
`,
    );
    const env = { ...process.env };
    delete env.RICHTSNOER_DATA_DIR;
    delete env.RICHTSNOER_MIGRATIONS_DIR;
    // In the package node_modules sits next to dist-electron; here the project's stands in.
    env.NODE_PATH = path.resolve('node_modules');
    const result = spawnSync(process.execPath, ['-r', fakeElectron, path.join(outdir, 'main.cjs')], {
      encoding: 'utf8',
      timeout: 60_000,
      env,
      cwd: base, // nothing may be found relative to the working directory
    });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.errorBox).toBeUndefined();
    expect(report.migrationsDir).toBe(path.join(outdir, 'migrations'));
    expect(report.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(report.handlers).toEqual(['app']);
    expect(report.windows).toEqual([{ preload: path.join(outdir, 'preload.cjs'), sandbox: true }]);
    expect(report.url).toBe('app://richtsnoer/index.html');
    expect(report.info).toMatchObject({ ok: true, value: { mode: 'electron', schemaVersion: fs.readdirSync(path.join(outdir, 'migrations')).length } });
    expect(report.standards.ok).toBe(true);
    expect(report.page).toMatchObject({ status: 200, body: '<title>Richtsnoer</title>' });
    expect(report.page.csp).toContain("script-src 'self'");
    expect(fs.existsSync(path.join(userData, 'werkruimte.sqlite'))).toBe(true);
  }, 60_000);
});
