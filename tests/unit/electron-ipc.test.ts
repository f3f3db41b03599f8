import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../electron/api.js';
import { API_CHANNEL, isAppFrameSender, OPEN_EXTERNAL_CHANNEL, registerIpc } from '../../electron/ipc.js';
import { asReal, createFakeElectron, type FakeElectron } from '../fakes/electron.js';
import { openTempDb, type TempDb } from '../helpers/test-db.js';

const APP_PAGE = 'app://richtsnoer/index.html';

let temp: TempDb;
let fake: FakeElectron;

beforeEach(() => {
  temp = openTempDb();
  fake = createFakeElectron();
  const api = createApi(temp.db, { mode: 'electron', appVersion: '1.2.3', workspacePath: temp.file });
  registerIpc(asReal(fake.ipcMain), api, isAppFrameSender, fake.shell);
});
afterEach(() => temp.cleanup());

const userName = () => (temp.db.prepare("SELECT value FROM setting WHERE key = 'user.name'").get() as { value: string } | undefined)?.value;

describe('api channel', () => {
  it('registers exactly the api and openExternal channels', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([API_CHANNEL, OPEN_EXTERNAL_CHANNEL].sort());
  });

  it('runs the call for the app page and returns the api result', async () => {
    const result = await fake.invokeFrom(APP_PAGE, 'api', 'app.info', {});
    expect(result).toMatchObject({ ok: true, value: { mode: 'electron', version: '1.2.3', workspacePath: temp.file } });
    expect(await fake.invokeFrom('app://richtsnoer/', 'api', 'settings.setUserName', { name: 'Anne' })).toEqual({ ok: true, value: { userName: 'Anne' } });
    expect(userName()).toBe('Anne');
  });

  it.each([
    ['a foreign https page', 'https://evil.example/'],
    ['another app:// host', 'app://evil/index.html'],
    ['a file:// page', 'file:///tmp/index.html'],
    ['a lookalike host', 'app://richtsnoer.evil.example/'],
    ['about:blank', 'about:blank'],
    ['a destroyed or navigated-away frame', null],
  ])('refuses %s with GEEN_TOEGANG and changes nothing', async (_label, sender) => {
    const result = await fake.invokeFrom(sender, 'api', 'settings.setUserName', { name: 'Mallory' });
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('GEEN_TOEGANG');
    expect(result.error.message).toMatch(/Geen toegang/);
    expect(userName()).toBeUndefined();
  });

  it('turns bad input into a Dutch error, not an exception', async () => {
    expect(await fake.invokeFrom(APP_PAGE, 'api', 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'ONBEKENDE_METHODE' } });
    expect(await fake.invokeFrom(APP_PAGE, 'api', { toString: () => 'app.info' }, {})).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER' } });
    expect(await fake.invokeFrom(APP_PAGE, 'api', '__proto__', {})).toMatchObject({ ok: false, error: { code: 'ONBEKENDE_METHODE' } });
    expect(await fake.invokeFrom(APP_PAGE, 'api', 'settings.setUserName', { name: '' })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER' } });
  });
});

describe('api channel over a workspace session', () => {
  it('asks the getter for the current api on every call, so a swapped database is used at once', async () => {
    const other = openTempDb();
    try {
      const first = createApi(temp.db, { mode: 'electron', appVersion: '1', workspacePath: temp.file });
      const second = createApi(other.db, { mode: 'electron', appVersion: '1', workspacePath: other.file });
      let current = first;
      const swapping = createFakeElectron();
      registerIpc(asReal(swapping.ipcMain), () => current, isAppFrameSender, swapping.shell);
      expect(await swapping.invokeFrom(APP_PAGE, 'api', 'settings.setUserName', { name: 'Eerste' })).toMatchObject({ ok: true });
      current = second;
      expect(await swapping.invokeFrom(APP_PAGE, 'api', 'settings.setUserName', { name: 'Tweede' })).toMatchObject({ ok: true });
      expect(userName()).toBe('Eerste');
      expect(other.db.prepare("SELECT value FROM setting WHERE key = 'user.name'").pluck().get()).toBe('Tweede');
      expect(await swapping.invokeFrom(APP_PAGE, 'api', 'app.info', {})).toMatchObject({ ok: true, value: { workspacePath: other.file } });
    } finally {
      other.cleanup();
    }
  });

  it('awaits a method that answers with a promise and maps its failure to Dutch', async () => {
    // catalogue.exportXlsx is async; an unknown id rejects its promise.
    const result = await fake.invokeFrom(APP_PAGE, 'api', 'catalogue.exportXlsx', { ids: ['bestaat-niet'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN', message: expect.stringContaining('bestaat-niet') } });
  });
});

describe('shell:openExternal channel', () => {
  it('opens http and https links for the app page', async () => {
    expect(await fake.invokeFrom(APP_PAGE, 'shell:openExternal', 'https://www.nji.nl/')).toEqual({ ok: true, value: null });
    expect(await fake.invokeFrom(APP_PAGE, 'shell:openExternal', 'http://example.org/')).toEqual({ ok: true, value: null });
    expect(fake.calls.openExternal).toEqual(['https://www.nji.nl/', 'http://example.org/']);
  });

  it.each(['file:///etc/passwd', 'file://server/share/tool.exe', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id PCWDiagnostic', 'mailto:a@b.nl', '', 'not a url'])(
    'refuses %j',
    async (url) => {
      const result = await fake.invokeFrom(APP_PAGE, 'shell:openExternal', url);
      expect(result).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER' } });
      expect(fake.calls.openExternal).toEqual([]);
    },
  );

  it('refuses non-string input and foreign senders', async () => {
    expect(await fake.invokeFrom(APP_PAGE, 'shell:openExternal', { href: 'https://x.nl/' })).toMatchObject({ ok: false });
    expect(await fake.invokeFrom('https://evil.example/', 'shell:openExternal', 'https://evil.example/again')).toMatchObject({
      ok: false,
      error: { code: 'GEEN_TOEGANG' },
    });
    expect(fake.calls.openExternal).toEqual([]);
  });

  it('reports a failing browser launch in Dutch', async () => {
    const failing = createFakeElectron();
    const api = createApi(temp.db, { mode: 'electron', appVersion: '1', workspacePath: temp.file });
    registerIpc(asReal(failing.ipcMain), api, isAppFrameSender, { openExternal: () => Promise.reject(new Error('no browser')) });
    expect(await failing.invokeFrom(APP_PAGE, 'shell:openExternal', 'https://x.nl/')).toEqual({
      ok: false,
      error: { code: 'INTERN', message: 'De link kon niet in de browser worden geopend.' },
    });
  });
});
