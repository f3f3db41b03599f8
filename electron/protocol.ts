import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security.js';

/**
 * The renderer is served from app://richtsnoer/ instead of file://: a standard, secure scheme gives
 * the page a real origin (so the CSP's 'self', fetch and storage behave as on the web), and the
 * handler can only ever hand out files from the renderer build, unlike file:// which reaches the
 * whole disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'richtsnoer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of the app's own pages (app://richtsnoer/…). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before the app's 'ready' event: Electron only accepts privileges that early. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

const refuse = (status: number, text: string) => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

/**
 * The real path of a regular file inside root, or null. Resolving symlinks first means a link
 * planted in the build folder cannot lead out of it.
 */
async function fileInside(root: string, candidate: string): Promise<string | null> {
  try {
    const real = await fs.realpath(candidate);
    const realRoot = await fs.realpath(root);
    if (!real.startsWith(realRoot + path.sep)) return null;
    return (await fs.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/**
 * Builds the app:// handler. Kept apart from protocol.handle so it can be tested with plain
 * Request objects and a temporary folder.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    let url: URL;
    let pathname: string;
    try {
      url = new URL(request.url);
      // Decoding after URL parsing catches %2e%2e%2f-style traversal that the parser leaves alone.
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400, 'Ongeldig adres.');
    }
    if (url.host !== APP_HOST) return refuse(404, 'Niet gevonden.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Methode niet toegestaan.');
    if (pathname.includes('\0')) return refuse(400, 'Ongeldig adres.');
    // Refuse rather than normalise '..': no page of ours ever asks for it. Backslashes count too,
    // because Windows treats them as separators.
    if (pathname.split(/[\\/]/).includes('..')) return refuse(403, 'Geen toegang.');

    const candidate = path.resolve(root, '.' + pathname);
    const inside = candidate === root || candidate.startsWith(root + path.sep);
    if (!inside) return refuse(403, 'Geen toegang.');

    let file = await fileInside(root, candidate);
    // Client-side routes have no extension and all load the single page.
    if (!file && path.extname(pathname) === '') file = await fileInside(root, path.join(root, 'index.html'));
    if (!file) return refuse(404, 'Niet gevonden.');

    const body = request.method === 'HEAD' ? null : await fs.readFile(file);
    return new Response(body, { status: 200, headers: headers(MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream') });
  };
}

/** Serves the renderer build on app://; call after 'ready'. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
