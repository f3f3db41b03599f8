import { contextBridge, ipcRenderer } from 'electron';

/**
 * The renderer's only door to the main process: two functions, each fixed to one channel.
 * ipcRenderer itself is never handed over, so page script cannot pick channels or listen in.
 * Bundled as CommonJS (scripts/build-electron.mjs) because a sandboxed preload cannot load ESM;
 * for the same reason it imports nothing but 'electron' (channel names are repeated from ipc.ts).
 */
const bridge = {
  invoke: (method: string, args?: unknown): Promise<unknown> => ipcRenderer.invoke('api', String(method), args),
  openExternal: (url: string): Promise<unknown> => ipcRenderer.invoke('shell:openExternal', String(url)),
};

export type RichtsnoerBridge = typeof bridge;

contextBridge.exposeInMainWorld('richtsnoer', bridge);
