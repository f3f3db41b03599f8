import type { IpcMain, IpcMainInvokeEvent, Shell } from 'electron';
import type { ApiErrorShape } from '../common/errors.js';
import { invokeApi, type ApiHandlers, type ApiResponse } from './api.js';
import { isAppUrl } from './protocol.js';
import { isSafeExternalUrl } from './security.js';

/** The IPC channels; preload.ts uses the same names. */
export const API_CHANNEL = 'api';
export const OPEN_EXTERNAL_CHANNEL = 'shell:openExternal';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Only the app's own page may call the API. senderFrame is the frame that sent the message (null
 * once it navigated away or was destroyed), so a foreign page that somehow got loaded, or an
 * iframe inside ours, is refused even though it shares the preload bridge.
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
  api: ApiHandlers,
  isTrustedSender: SenderCheck,
  shell: Pick<Shell, 'openExternal'>,
): void {
  ipcMain.handle(API_CHANNEL, (event, method: unknown, args: unknown): ApiResponse => {
    if (!isTrustedSender(event)) return refused();
    if (typeof method !== 'string') return failure({ code: 'ONGELDIGE_INVOER', message: 'Onbekende opdracht.' });
    return invokeApi(api, method, args);
  });

  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, async (event, url: unknown): Promise<ApiResponse> => {
    if (!isTrustedSender(event)) return refused();
    // Only web links: file:, javascript:, smb: and custom schemes can run or open things locally.
    if (typeof url !== 'string' || !isSafeExternalUrl(url)) {
      return failure({ code: 'ONGELDIGE_INVOER', message: 'Alleen webadressen (http of https) kunnen worden geopend.' });
    }
    try {
      await shell.openExternal(url);
      return { ok: true, value: null };
    } catch {
      return failure({ code: 'INTERN', message: 'De link kon niet in de browser worden geopend.' });
    }
  });
}
