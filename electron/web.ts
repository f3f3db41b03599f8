import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { invokeApiAsync } from './api.js';
import { CONTENT_SECURITY_POLICY } from './security.js';
import { resolveApi, type ApiSource } from './workspace-session.js';

/**
 * Browser mode: serves the built renderer and the same API over HTTP, on 127.0.0.1 only.
 * Access needs the per-run token, handed over once in the printed URL and then kept in an
 * HttpOnly SameSite=Strict cookie. Host and Origin are checked so a web page elsewhere (or a
 * DNS-rebinding attack) cannot call the API, and every API call must carry a custom header, which a
 * cross-site form or image cannot send.
 */
export interface WebServerOptions {
  /** The api, or a getter for the session's current one (it changes on restore or opening a project). */
  api: ApiSource;
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest accepted request body; imports send files as bytes, so this is generous. */
  maxBodyBytes?: number;
}

export interface WebServer {
  url: string;
  /** The URL with the token, to open once in the browser. */
  loginUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'richtsnoer_token';
export const API_HEADER = 'x-richtsnoer';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: http.IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...baseHeaders(), ...extra });
  res.end(body);
}

function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 200 * 1024 * 1024;
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 421, 'Onbekende host.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'Geen toegang vanaf deze herkomst.');
    const url = new URL(req.url ?? '/', `http://${host}`);

    // First visit: trade the token in the URL for a cookie, then drop it from the address bar.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (!safeEqual(queryToken, token)) return send(res, 403, 'Ongeldige toegangscode. Gebruik de link die Richtsnoer bij het starten toonde.');
      url.searchParams.delete('token');
      return send(res, 303, '', 'text/plain', {
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search + url.hash,
      });
    }
    const authorised = (() => {
      const value = cookieToken(req);
      return value !== null && safeEqual(value, token);
    })();
    if (!authorised) return send(res, 401, 'Geen toegang: open Richtsnoer via de link met toegangscode die bij het starten werd getoond.');

    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Methode niet toegestaan.');
    return serveStatic(res, url.pathname);
  });

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): void {
    if (req.method !== 'POST') return send(res, 405, 'Methode niet toegestaan.');
    if (req.headers[API_HEADER] !== '1') return send(res, 403, 'Ontbrekende koptekst.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Alleen JSON.');
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        aborted = true;
        send(res, 413, JSON.stringify({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: 'Het verzoek is te groot.' } }), 'application/json');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (aborted) return;
      let args: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        args = text === '' ? undefined : JSON.parse(text);
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: 'Het verzoek is geen geldige JSON.' } }), 'application/json; charset=utf-8');
      }
      // A malformed %-escape would make decodeURIComponent throw here, outside any handler, and
      // take the whole server down; the raw name then simply is an unknown method.
      let name = method;
      try {
        name = decodeURIComponent(method);
      } catch {
        // keep the raw name
      }
      void invokeApiAsync(resolveApi(options.api), name, args).then((result) => send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8'));
    });
  }

  function serveStatic(res: http.ServerResponse, pathname: string): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'Ongeldig pad.');
    }
    const candidate = path.resolve(staticRoot, '.' + path.posix.normalize(decoded));
    const inside = candidate === staticRoot || candidate.startsWith(staticRoot + path.sep);
    let file = inside && fs.existsSync(candidate) && fs.statSync(candidate).isFile() ? candidate : null;
    // Client-side routes (#/standaard/…) all load index.html.
    if (!file && !path.extname(decoded)) file = path.join(staticRoot, 'index.html');
    if (!file || !fs.existsSync(file)) return send(res, 404, 'Niet gevonden.');
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
      ...baseHeaders(),
    });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base + '/',
    loginUrl: `${base}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
