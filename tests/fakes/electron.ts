/**
 * A small stand-in for the `electron` module: the binary is not available on build machines, so
 * the Electron layer is tested against this fake. It records what the code under test asked for
 * and lets a test play the part of Electron (emit navigation events, invoke IPC from a given page,
 * request a permission). Only the members the app uses exist.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: any[]) => unknown;

/** Electron's Event: preventDefault plus the event's details (url, …). */
export class FakeEvent {
  defaultPrevented = false;
  constructor(details: Record<string, unknown> = {}) {
    Object.assign(this, details);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
  [key: string]: unknown;
}

export class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  spellCheckerLanguages: string[] = [];
  availableSpellCheckerLanguages = ['en-US', 'nl', 'de'];
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener | null): void {
    this.devicePermissionHandler = handler;
  }
  setSpellCheckerLanguages(languages: string[]): void {
    this.spellCheckerLanguages = languages;
  }
  /** Plays a page asking for a permission; resolves with what the app answered. */
  requestPermission(permission: string): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.permissionRequestHandler) return resolve(true); // Electron's default is to grant.
      this.permissionRequestHandler({}, permission, resolve, { requestingUrl: 'app://richtsnoer/index.html' });
    });
  }
  checkPermission(permission: string): boolean {
    if (!this.permissionCheckHandler) return true;
    return Boolean(this.permissionCheckHandler(null, permission, 'app://richtsnoer', {}));
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Listener | null = null;
  replacedMisspellings: string[] = [];
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  replaceMisspelling(word: string): void {
    this.replacedMisspellings.push(word);
  }
  /** Plays the page navigating (a link click or location change); returns the event to inspect. */
  navigate(url: string, eventName: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' = 'will-navigate'): FakeEvent {
    const event = new FakeEvent({ url, isMainFrame: true, isSameDocument: false });
    this.emit(eventName, event, url);
    return event;
  }
  /** Plays window.open / target=_blank; returns the handler's answer. */
  openWindow(url: string): { action: string } {
    if (!this.windowOpenHandler) return { action: 'allow' };
    const details = { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } };
    return this.windowOpenHandler(details) as { action: string };
  }
  attachWebview(src: string): FakeEvent {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, { nodeIntegration: true }, { src });
    return event;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  loadedUrls: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  constructor(readonly options: Record<string, any>, session: FakeSession) {
    super();
    this.webContents = new FakeWebContents(session);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
}

export interface FakeIpcEvent {
  senderFrame: { url: string } | null;
}

export interface FakeElectronOptions {
  userData?: string;
  gotSingleInstanceLock?: boolean;
  isPackaged?: boolean;
}

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const defaultSession = new FakeSession();
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, Listener>();
  const calls = {
    quit: 0,
    exitCodes: [] as number[],
    enableSandbox: 0,
    openExternal: [] as string[],
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as unknown[],
    privilegedSchemes: [] as unknown[],
    applicationMenu: null as { template: any[] } | null,
    exposed: [] as { key: string; api: any }[],
    rendererInvokes: [] as unknown[][],
  };
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: () => options.gotSingleInstanceLock ?? true,
    enableSandbox: () => {
      calls.enableSandbox += 1;
    },
    quit: () => {
      calls.quit += 1;
    },
    exit: (code = 0) => {
      calls.exitCodes.push(code);
    },
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`);
      return options.userData ?? '/nonexistent/userData';
    },
    getVersion: () => '0.0.0-test',
    whenReady: () => Promise.resolve(),
  });

  class BrowserWindow extends FakeBrowserWindow {
    constructor(windowOptions: Record<string, any>) {
      super(windowOptions, defaultSession);
      windows.push(this);
      // Electron emits this for every new webContents.
      app.emit('web-contents-created', new FakeEvent(), this.webContents);
    }
  }

  return {
    app,
    BrowserWindow,
    session: { defaultSession },
    shell: {
      openExternal: (url: string) => {
        calls.openExternal.push(url);
        return Promise.resolve();
      },
    },
    dialog: {
      showErrorBox: (title: string, content: string) => {
        calls.errorBoxes.push({ title, content });
      },
      showMessageBox: (...args: unknown[]) => {
        calls.messageBoxes.push(args);
        return Promise.resolve({ response: 0, checkboxChecked: false });
      },
    },
    Menu: {
      buildFromTemplate: (template: any[]) => ({ template, popup: () => undefined }),
      setApplicationMenu: (menu: { template: any[] } | null) => {
        calls.applicationMenu = menu;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
        protocolHandlers.set(scheme, handler);
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        calls.exposed.push({ key, api });
      },
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        calls.rendererInvokes.push(args);
        return Promise.resolve({ ok: true, value: args });
      },
    },
    // Test-side handles.
    calls,
    windows,
    ipcHandlers,
    protocolHandlers,
    /** Plays a renderer frame at senderUrl calling ipcRenderer.invoke(channel, ...args). */
    async invokeFrom(senderUrl: string | null, channel: string, ...args: unknown[]): Promise<any> {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`no ipcMain handler for ${channel}`);
      const event: FakeIpcEvent = { senderFrame: senderUrl === null ? null : { url: senderUrl } };
      return handler(event, ...args);
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** The fake stands in where the code expects (parts of) the real module. */
export const asReal = <T>(fake: unknown): T => fake as T;
