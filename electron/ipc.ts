import type { IpcMain, IpcMainInvokeEvent, Shell } from 'electron';
import type { ApiErrorShape } from '../common/errors.js';
import { invokeApiAsync, type ApiResponse } from './api.js';
import { isAppUrl } from './protocol.js';
import { openInBrowser } from './window.js';
import { resolveApi, type ApiSource } from './workspace-session.js';

/** The IPC channels; preload.ts uses the same names. */
export const API_CHANNEL = 'api';
export const OPEN_EXTERNAL_CHANNEL = 'shell:openExternal';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Only the app's own pages may call the API. Navigation is already locked down, but this is the
 * last line: should a foreign page ever end up in a window that has the preload bridge, its calls
 * are refused. senderFrame is null once the sending frame navigated away or was destroyed.
 */
export const isAppFrameSender: SenderCheck = (event) => {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
};

const refused = (): ApiResponse => ({
  ok: false,
  error: { code: 'GEEN_TOEGANG', message: 'Geen toegang: dit verzoek komt niet van Richtsnoer zelf.' },
});
const failure = (error: ApiErrorShape): ApiResponse => ({ ok: false, error });

/** Wires the one API and the external-link opener to ipcMain.handle; nothing else is reachable. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  /** The api, or a getter for the session's current one (it changes on restore or opening a project). */
  api: ApiSource,
  isTrustedSender: SenderCheck,
  shell: Pick<Shell, 'openExternal'>,
): void {
  ipcMain.handle(API_CHANNEL, async (event, method: unknown, args: unknown): Promise<ApiResponse> => {
    if (!isTrustedSender(event)) return refused();
    if (typeof method !== 'string') return failure({ code: 'ONGELDIGE_INVOER', message: 'Onbekende opdracht.' });
    return invokeApiAsync(resolveApi(api), method, args);
  });

  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, async (event, url: unknown): Promise<ApiResponse> => {
    if (!isTrustedSender(event)) return refused();
    const notAllowed = failure({ code: 'ONGELDIGE_INVOER', message: 'Alleen webadressen (http of https) kunnen worden geopend.' });
    if (typeof url !== 'string') return notAllowed;
    try {
      // openInBrowser refuses everything but http(s).
      return (await openInBrowser(shell, url)) ? { ok: true, value: null } : notAllowed;
    } catch {
      return failure({ code: 'INTERN', message: 'De link kon niet in de browser worden geopend.' });
    }
  });
}
