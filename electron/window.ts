import type { BrowserWindow, Session, Shell, WebContents } from 'electron';
import { isAppUrl } from './protocol.js';
import { isSafeExternalUrl } from './security.js';

/** The parts of the electron module this file needs; tests pass a fake. */
export type WindowElectron = {
  BrowserWindow: typeof BrowserWindow;
  shell: Pick<Shell, 'openExternal'>;
};

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  /** Developer tools only in development builds. */
  devTools: boolean;
}

/**
 * The app's one call to shell.openExternal, so the scheme check cannot be forgotten anywhere:
 * web links go to the system browser; file:, javascript:, smb: and custom schemes, which could run
 * or open something locally, go nowhere. Resolves false when refused; rejects if the OS fails.
 */
export async function openInBrowser(shell: Pick<Shell, 'openExternal'>, url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}

function openOutside(shell: Pick<Shell, 'openExternal'>, url: string): void {
  openInBrowser(shell, url).catch((error: unknown) => console.error('[window] openExternal failed', error));
}

const hardened = new WeakSet<WebContents>();

/**
 * The page may only ever show the app's own pages. Every navigation away (a link, a script, a
 * redirect, a dropped file) is stopped, every new window refused, and webviews never attach. Main
 * applies this to every webContents that is created, not only the main window's.
 */
export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  // Main hardens every new webContents and createMainWindow hardens its own: once is enough, and
  // twice would open an outside link twice.
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    // A plain link in imported guideline text should still open, just not inside the app.
    openOutside(shell, event.url);
  });
  // Subframes and redirects are stopped too, but never opened outside (no user click behind them).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(shell, url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * No camera, microphone, location, notifications, clipboard reading, HID/USB/serial…: the app needs
 * none of them, so both the asynchronous request and the synchronous check say no.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Dutch spelling underlines in text fields. macOS uses the system checker and ignores this;
  // elsewhere Chromium fetches the Dutch hunspell dictionary once (a word list, no user text).
  try {
    if (process.platform !== 'darwin' && session.availableSpellCheckerLanguages.includes('nl')) {
      session.setSpellCheckerLanguages(['nl']);
    }
  } catch (error) {
    console.error('[window] spellchecker languages not set', error);
  }
}

export function createMainWindow(electron: WindowElectron, options: MainWindowOptions): BrowserWindow {
  // A bare `new BrowserWindow(…)` (not electron.BrowserWindow) so electronegativity can inspect the
  // options: its checks only recognise that form.
  const { BrowserWindow, shell } = electron;
  const window = new BrowserWindow({
    width: 1320,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    title: 'Richtsnoer',
    // Shown once painted, so the user never sees a white flash.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      // The renderer is a web page: no Node, its own JavaScript world, a sandboxed process.
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
      // Middle-click (auxclick) on a link is another way to open windows; the app has no use for it.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: true,
      devTools: options.devTools,
    },
  });
  hardenWebContents(window.webContents, shell);
  hardenSession(window.webContents.session);
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => console.error('[window] loading the app failed', error));
  return window;
}
