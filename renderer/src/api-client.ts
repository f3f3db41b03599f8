import type { ApiArgs, ApiMethod, ApiResponse, ApiResult } from '../../electron/api';
import type { ApiErrorCode, ApiErrorShape } from '../../common/errors';

/** The bridge the Electron preload exposes; absent in browser mode. */
interface PreloadBridge {
  invoke(method: string, args: unknown): Promise<ApiResponse>;
  openExternal?(url: string): Promise<void>;
}
declare global {
  interface Window {
    richtsnoer?: PreloadBridge;
  }
}

/** An API failure as the UI sees it: a code, a Dutch message and per-field messages. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly fields: Record<string, string>;
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.code = shape.code;
    this.fields = shape.fields ?? {};
  }
}

async function overHttp(method: string, args: unknown): Promise<ApiResponse> {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Richtsnoer': '1' },
      body: JSON.stringify(args ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, error: { code: 'INTERN', message: 'Richtsnoer is niet bereikbaar. Draait `npm run web` nog?' } };
  }
  if (response.status === 401 || response.status === 403) {
    return { ok: false, error: { code: 'GEEN_TOEGANG', message: 'Geen toegang meer: open Richtsnoer opnieuw via de link uit het startvenster.' } };
  }
  return (await response.json()) as ApiResponse;
}

/** Calls one API method, typed end to end; throws ApiCallError with the Dutch message on failure. */
export async function call<M extends ApiMethod>(method: M, ...args: undefined extends ApiArgs<M> ? [ApiArgs<M>?] : [ApiArgs<M>]): Promise<ApiResult<M>> {
  const payload = args[0];
  const response = window.richtsnoer ? await window.richtsnoer.invoke(method, payload) : await overHttp(method, payload);
  if (!response.ok) throw new ApiCallError(response.error);
  return response.value as ApiResult<M>;
}

export const runningInElectron = (): boolean => window.richtsnoer !== undefined;

/** Opens a web link outside the app: the system browser in Electron, a new tab in browser mode. */
export function openExternal(url: string): void {
  if (!/^https?:\/\//i.test(url)) return;
  if (window.richtsnoer?.openExternal) void window.richtsnoer.openExternal(url);
  else window.open(url, '_blank', 'noopener,noreferrer');
}
