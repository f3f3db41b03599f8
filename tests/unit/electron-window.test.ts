import { describe, expect, it } from 'vitest';
import { createMainWindow, hardenWebContents, type WindowElectron } from '../../electron/window.js';
import { asReal, createFakeElectron, FakeSession, FakeWebContents } from '../fakes/electron.js';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(devTools = false) {
  const fake = createFakeElectron();
  const window = createMainWindow(asReal<WindowElectron>(fake), {
    preloadPath: '/app/dist-electron/preload.cjs',
    url: 'app://richtsnoer/index.html',
    devTools,
  });
  const [fakeWindow] = fake.windows;
  if (!fakeWindow) throw new Error('no window created');
  return { fake, window, fakeWindow, contents: fakeWindow.webContents };
}

describe('createMainWindow', () => {
  it('builds the window with every security flag set', () => {
    const { fakeWindow } = setup();
    const prefs = fakeWindow.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      preload: '/app/dist-electron/preload.cjs',
      devTools: false,
    });
    // Nothing that would loosen the page: no blink features, no custom node options.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('only allows developer tools when asked (development builds)', () => {
    expect(setup(true).fakeWindow.options.webPreferences.devTools).toBe(true);
  });

  it('loads the app over app:// and shows the window once painted', () => {
    const { fakeWindow } = setup();
    expect(fakeWindow.loadedUrls).toEqual(['app://richtsnoer/index.html']);
    expect(fakeWindow.visible).toBe(false);
    fakeWindow.emit('ready-to-show');
    expect(fakeWindow.visible).toBe(true);
  });

  it('sets the Dutch spellchecker when the dictionary is offered', () => {
    const { contents } = setup();
    if (process.platform === 'darwin') return; // macOS uses the system checker
    expect(contents.session.spellCheckerLanguages).toEqual(['nl']);
  });
});

describe('navigation', () => {
  it('prevents navigation to a foreign site, and opens it in the system browser instead', async () => {
    const { fake, contents } = setup();
    const event = contents.navigate('https://evil.example/phish');
    expect(event.defaultPrevented).toBe(true);
    await flush();
    expect(fake.calls.openExternal).toEqual(['https://evil.example/phish']);
  });

  it('prevents file:, javascript: and data: navigation and never hands them to the shell', async () => {
    const { fake, contents } = setup();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'app://other-host/index.html']) {
      expect(contents.navigate(url).defaultPrevented, url).toBe(true);
    }
    await flush();
    expect(fake.calls.openExternal).toEqual([]);
  });

  it('lets the app navigate within its own origin', () => {
    const { contents } = setup();
    expect(contents.navigate('app://richtsnoer/index.html#/standaard/adhd').defaultPrevented).toBe(false);
  });

  it('also stops foreign subframe navigation and redirects, without opening them', async () => {
    const { fake, contents } = setup();
    expect(contents.navigate('https://evil.example/', 'will-frame-navigate').defaultPrevented).toBe(true);
    expect(contents.navigate('https://evil.example/', 'will-redirect').defaultPrevented).toBe(true);
    expect(contents.navigate('app://richtsnoer/index.html', 'will-redirect').defaultPrevented).toBe(false);
    await flush();
    expect(fake.calls.openExternal).toEqual([]);
  });

  it('prevents webviews from attaching', () => {
    const { contents } = setup();
    expect(contents.attachWebview('https://evil.example/').defaultPrevented).toBe(true);
  });
});

describe('window.open', () => {
  it('denies every new window; http(s) links go to the system browser', async () => {
    const { fake, contents } = setup();
    expect(contents.openWindow('https://www.kwaliteitsstandaarden-jeugd.nl/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('app://richtsnoer/index.html')).toEqual({ action: 'deny' });
    await flush();
    expect(fake.calls.openExternal).toEqual(['https://www.kwaliteitsstandaarden-jeugd.nl/']);
  });

  it('never hands file:, javascript: or other schemes to the shell', async () => {
    const { fake, contents } = setup();
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id', 'not a url']) {
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    }
    await flush();
    expect(fake.calls.openExternal).toEqual([]);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', async () => {
    const { contents } = setup();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(await contents.session.requestPermission(permission), permission).toBe(false);
      expect(contents.session.checkPermission(permission), permission).toBe(false);
    }
    expect(contents.session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('guards any webContents, and only once (an outside link must not open twice)', async () => {
    const fake = createFakeElectron();
    const contents = new FakeWebContents(new FakeSession());
    hardenWebContents(asReal(contents), fake.shell);
    hardenWebContents(asReal(contents), fake.shell);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.navigate('https://example.org/').defaultPrevented).toBe(true);
    await flush();
    expect(fake.calls.openExternal).toEqual(['https://example.org/']);
  });
});
