/**
 * Electron entry point (bundled to dist-electron/main.cjs by scripts/build-electron.mjs).
 * Everything Electron-specific is wired here and kept thin: the app itself is the same createApi
 * that browser mode serves over HTTP.
 */
import * as electron from 'electron';
import type { BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppFrameSender, registerIpc } from './ipc.js';
import { buildAppMenuTemplate, buildContextMenuTemplate } from './menu.js';
import { APP_INDEX_URL, handleAppProtocol, registerAppScheme } from './protocol.js';
import { createPdfPrinter } from './report-pdf.js';
import { appVersion } from './version.js';
import { createMainWindow, hardenSession, hardenWebContents } from './window.js';
import { WorkspaceSession } from './workspace-session.js';

export type ElectronMain = Pick<typeof electron, 'app' | 'BrowserWindow' | 'Menu' | 'dialog' | 'ipcMain' | 'protocol' | 'session' | 'shell'>;

export interface StartOptions {
  /** The vite build (dist/renderer), served on app://richtsnoer/. */
  rendererDir: string;
  preloadPath: string;
  /** The .sql files copied next to the bundle; db/migrate.ts reads RICHTSNOER_MIGRATIONS_DIR. */
  migrationsDir?: string;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function startApp(electron: ElectronMain, options: StartOptions): void {
  const { app, dialog, Menu, protocol, shell } = electron;

  // A second copy would open the same SQLite workspace and fight over it: hand over and leave.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Both must happen before 'ready'.
  app.enableSandbox();
  registerAppScheme(protocol);

  let mainWindow: BrowserWindow | null = null;
  let workspace: WorkspaceSession | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every webContents, not just the main window's, gets the same navigation and popup denial.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    workspace?.close();
    workspace = null;
  });

  const fail = (title: string, error: unknown) => {
    dialog.showErrorBox(title, describeError(error));
    app.exit(1);
  };

  app
    .whenReady()
    .then(() => {
      if (options.migrationsDir) process.env.RICHTSNOER_MIGRATIONS_DIR = options.migrationsDir;
      // RICHTSNOER_DATA_DIR lets Electron and browser mode point at the same test workspace.
      const dataDir = process.env.RICHTSNOER_DATA_DIR ? path.resolve(process.env.RICHTSNOER_DATA_DIR) : app.getPath('userData');
      try {
        workspace = WorkspaceSession.open({ dataDir, context: { mode: 'electron', appVersion: appVersion() }, apiOptions: { printPdf: createPdfPrinter(electron) } });
      } catch (error) {
        dialog.showErrorBox(
          'Richtsnoer kan niet starten',
          `De werkruimte kon niet worden geopend.\n\n${describeError(error)}\n\nMap: ${dataDir}`,
        );
        app.exit(1);
        return;
      }
      const ws = workspace;

      hardenSession(electron.session.defaultSession);
      handleAppProtocol(protocol, options.rendererDir);
      // A getter: restoring a backup or opening a project file swaps the api behind the session.
      registerIpc(electron.ipcMain, () => ws.api, isAppFrameSender, shell);

      const showAbout = () => {
        const about = {
          type: 'info' as const,
          title: 'Over Richtsnoer',
          message: `Richtsnoer ${appVersion()}`,
          detail: `Werkplaats voor het harmoniseren van kwaliteitsstandaarden in de jeugdsector.\n\nWerkruimte: ${ws.file}`,
          buttons: ['Sluiten'],
        };
        void (mainWindow ? dialog.showMessageBox(mainWindow, about) : dialog.showMessageBox(about));
      };
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(buildAppMenuTemplate({ isPackaged: app.isPackaged, isMac: process.platform === 'darwin', onAbout: showAbout })),
      );

      const window = createMainWindow(electron, { preloadPath: options.preloadPath, url: APP_INDEX_URL, devTools: !app.isPackaged });
      window.webContents.on('context-menu', (_event, params) => {
        const items = buildContextMenuTemplate(params, window.webContents);
        if (items.length > 0) Menu.buildFromTemplate(items).popup({ window });
      });
      window.on('closed', () => {
        mainWindow = null;
      });
      mainWindow = window;
    })
    .catch((error: unknown) => fail('Richtsnoer kan niet starten', error));
}

// Only inside Electron itself; tests import this file to call startApp with a fake module.
if (process.versions.electron) {
  // In the bundle import.meta.url is shimmed to dist-electron/main.cjs.
  const here = path.dirname(fileURLToPath(import.meta.url));
  startApp(electron, {
    rendererDir: path.join(here, '..', 'dist', 'renderer'),
    preloadPath: path.join(here, 'preload.cjs'),
    migrationsDir: path.join(here, 'migrations'),
  });
}
