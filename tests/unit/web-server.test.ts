import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandardSummary } from '../../common/catalogue.js';
import { API_HEADER, startWebServer, type WebServer } from '../../electron/web.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/security.js';
import { request, type HttpOptions, type HttpResult } from '../helpers/http.js';
import { dumpTables, removeDir, seededWorkspace, tempDir, type TestWorkspace } from '../helpers/test-db.js';

const INDEX_HTML = '<!doctype html><html lang="nl"><head><title>Richtsnoer</title><script type="module" src="/a.js"></script></head><body><div id="root"></div></body></html>';
const A_JS = 'console.log("richtsnoer");';
const MAX_BODY = 4096;

let ws: TestWorkspace;
let root: string;
let staticDir: string;
let server: WebServer;
let cookie: string;

/** A request with the session cookie and, for /api, the JSON and custom headers a real client sends. */
function authed(options: HttpOptions): Promise<HttpResult> {
  return request(server.port, { ...options, headers: { cookie, ...options.headers } });
}
function api(method: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  return authed({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', [API_HEADER]: '1', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  });
}

beforeAll(async () => {
  ws = seededWorkspace();
  root = tempDir('richtsnoer-web-');
  // The served folder sits inside a parent with files that must never leak.
  staticDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(staticDir, 'a.js'), A_JS);
  fs.writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'package.json'), '{"geheim": true}');
  fs.writeFileSync(path.join(root, 'geheim.txt'), 'GEHEIM');
  fs.mkdirSync(path.join(root, 'renderer-evil'));
  fs.writeFileSync(path.join(root, 'renderer-evil', 'x.js'), 'GEHEIM');
  server = await startWebServer({ api: ws.api, staticDir, maxBodyBytes: MAX_BODY });
  cookie = `richtsnoer_token=${server.token}`;
});

afterAll(async () => {
  await server?.close();
  ws?.cleanup();
  if (root) removeDir(root);
});

describe('binding and token', () => {
  it('listens on 127.0.0.1 only, with a long random token', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.loginUrl).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    // A second server gets a different token.
    const other = await startWebServer({ api: ws.api, staticDir });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });

  it('is not reachable on any other address of this machine', async () => {
    const others = ['127.0.0.2', '::1', ...Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => !a.internal).map((a) => a.address))];
    for (const host of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host, port: server.port }, () => {
          socket.destroy();
          resolve('verbonden');
        });
        socket.setTimeout(2000, () => {
          socket.destroy();
          resolve('timeout');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect({ host, outcome }).not.toEqual({ host, outcome: 'verbonden' });
    }
  });

  it('GET / without a token is 401 with a Dutch message', async () => {
    const res = await request(server.port, { path: '/' });
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/Geen toegang/);
    expect(res.body).not.toContain('<div id="root">');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('GET /?token=wrong is 403', async () => {
    for (const wrong of ['wrong', server.token.slice(0, -1), `${server.token}x`, '']) {
      const res = await request(server.port, { path: `/?token=${encodeURIComponent(wrong)}` });
      expect({ wrong, status: res.status }).toEqual({ wrong, status: 403 });
      expect(res.body).toMatch(/Ongeldige toegangscode/);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('GET /?token=right trades the token for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const res = await request(server.port, { path: `/?token=${server.token}` });
    expect(res.status).toBe(303);
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`richtsnoer_token=${server.token}`);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
    expect(res.headers.location).toBe('/');
    expect(res.headers.location).not.toContain(server.token);

    const deep = await request(server.port, { path: `/standaarden?weergave=tabel&token=${server.token}` });
    expect(deep.status).toBe(303);
    expect(deep.headers.location).toBe('/standaarden?weergave=tabel');
  });

  it('a wrong cookie is refused', async () => {
    const res = await request(server.port, { path: '/', headers: { cookie: 'richtsnoer_token=verkeerd' } });
    expect(res.status).toBe(401);
  });
});

describe('static files', () => {
  it('with the cookie, GET / serves index.html with the CSP and hardening headers', async () => {
    const res = await authed({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-(inline|eval)/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves a script with its type, and client routes fall back to index.html', async () => {
    const js = await authed({ path: '/a.js' });
    expect(js.status).toBe(200);
    expect(js.body).toBe(A_JS);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    const route = await authed({ path: '/standaard/richtlijn-adhd' });
    expect(route.status).toBe(200);
    expect(route.body).toBe(INDEX_HTML);

    const missing = await authed({ path: '/bestaat-niet.js' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatch(/Niet gevonden/);
  });

  it('never serves a file outside staticDir', async () => {
    const attempts = [
      '/../package.json',
      '/../geheim.txt',
      '/%2e%2e/package.json',
      '/%2E%2E/geheim.txt',
      '/..%2fpackage.json',
      '/..%2Fgeheim.txt',
      '/%2e%2e%2fgeheim.txt',
      '/assets/../../geheim.txt',
      '/assets/%2e%2e/%2e%2e/geheim.txt',
      '/..%5cgeheim.txt',
      '/../renderer-evil/x.js',
      '/%2e%2e/renderer-evil/x.js',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      `/${'..%2f'.repeat(10)}etc/passwd`,
      '/geheim.txt%00.js',
    ];
    for (const attempt of attempts) {
      const res = await authed({ path: attempt });
      expect({ attempt, leaked: res.body.includes('GEHEIM') || res.body.includes('geheim') || res.body.includes('root:') }).toEqual({ attempt, leaked: false });
      expect({ attempt, ok: res.status === 404 || res.status === 400 || (res.status === 200 && res.body === INDEX_HTML) }).toEqual({ attempt, ok: true });
    }
  });

  it('a malformed percent-encoding is a 400, not a crash', async () => {
    const res = await authed({ path: '/%E0%A4%A.js' });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/Ongeldig pad/);
  });

  it('only GET and HEAD for pages', async () => {
    const res = await authed({ method: 'DELETE', path: '/' });
    expect(res.status).toBe(405);
    const head = await authed({ method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('Host and Origin', () => {
  it('a foreign Host header is 421, even with the right token or cookie', async () => {
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, `127.0.0.1.nip.io:${server.port}`, `localhost.evil.example:${server.port}`]) {
      const page = await request(server.port, { path: '/', headers: { host, cookie } });
      expect({ host, status: page.status }).toEqual({ host, status: 421 });
      const login = await request(server.port, { path: `/?token=${server.token}`, headers: { host } });
      expect({ host, status: login.status }).toEqual({ host, status: 421 });
      expect(login.headers['set-cookie']).toBeUndefined();
      const call = await api('standards.list', {}, { host });
      expect({ host, status: call.status }).toEqual({ host, status: 421 });
      expect(call.body).not.toContain('"ok":true');
    }
  });

  it('localhost:PORT is accepted as Host', async () => {
    const res = await authed({ path: '/', headers: { host: `localhost:${server.port}` } });
    expect(res.status).toBe(200);
  });

  it('a foreign Origin is 403 for pages, login and the api', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`]) {
      const call = await api('standards.list', {}, { origin });
      expect({ origin, status: call.status }).toEqual({ origin, status: 403 });
      expect(call.body).toMatch(/herkomst/);
      const login = await request(server.port, { path: `/?token=${server.token}`, headers: { origin } });
      expect({ origin, status: login.status }).toEqual({ origin, status: 403 });
    }
  });

  it('the own origin is accepted', async () => {
    const call = await api('standards.list', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(call.status).toBe(200);
    expect((JSON.parse(call.body) as { ok: boolean }).ok).toBe(true);
  });
});

describe('the api over HTTP', () => {
  it('POST /api/standards.list with the header returns the catalogue', async () => {
    const res = await api('standards.list', {});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(res.body) as { ok: true; value: StandardSummary[] };
    expect(body.ok).toBe(true);
    expect(body.value).toHaveLength(154);
    expect(body.value.find((s) => s.catalogueId === 'KS001')?.shortTitle).toBe('ADHD (jeugdhulp)');
    // An empty body means "no arguments".
    const empty = await api('standards.list', undefined);
    expect((JSON.parse(empty.body) as { value: unknown[] }).value).toHaveLength(154);
  });

  it('without the x-richtsnoer: 1 header it is 403 and nothing runs', async () => {
    const before = dumpTables(ws.db);
    for (const value of [undefined, '0', 'true']) {
      const headers: Record<string, string> = { cookie, 'content-type': 'application/json' };
      if (value !== undefined) headers[API_HEADER] = value;
      const res = await request(server.port, { method: 'POST', path: '/api/settings.setUserName', headers, body: JSON.stringify({ name: 'Aanvaller' }) });
      expect({ value, status: res.status }).toEqual({ value, status: 403 });
    }
    expect(dumpTables(ws.db)).toEqual(before);
  });

  it('without the cookie the api is 401', async () => {
    const res = await request(server.port, {
      method: 'POST',
      path: '/api/standards.list',
      headers: { 'content-type': 'application/json', [API_HEADER]: '1' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('GET on /api is 405', async () => {
    for (const p of ['/api/standards.list', '/api/']) {
      const res = await authed({ path: p, headers: { [API_HEADER]: '1' } });
      expect({ p, status: res.status }).toEqual({ p, status: 405 });
    }
  });

  it('a form post (text/plain) is refused with 415', async () => {
    const res = await api('standards.list', {}, { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('invalid JSON is 400 with a Dutch message', async () => {
    const res = await authed({
      method: 'POST',
      path: '/api/standards.list',
      headers: { 'content-type': 'application/json', [API_HEADER]: '1' },
      body: '{"includeRetired": tru',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: 'Het verzoek is geen geldige JSON.' } });
  });

  it('an oversize body is 413 and nothing is written', async () => {
    const before = dumpTables(ws.db);
    const res = await api('standards.create', { title: 'Te groot', type: 'richtlijn', status: 'concept', notes: 'x'.repeat(MAX_BODY * 4) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: 'Het verzoek is te groot.' } });
    expect(dumpTables(ws.db)).toEqual(before);
    // The server still answers afterwards.
    expect((await api('app.info', {})).status).toBe(200);
  });

  it('a body just under the limit is accepted', async () => {
    const name = 'N'.repeat(50);
    const res = await api('settings.setUserName', { name });
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { userName: name } });
  });

  it('bad input and unknown methods come back as Dutch errors', async () => {
    const bad = JSON.parse((await api('standards.create', { title: 'x', type: 'richtlijn', status: 'concept' })).body) as { ok: boolean; error: { code: string; message: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('ONGELDIGE_INVOER');
    expect(bad.error.message).toMatch(/Titel/);
    const unknown = JSON.parse((await api('systeem.verwijderAlles', {})).body) as { error: { code: string } };
    expect(unknown.error.code).toBe('ONBEKENDE_METHODE');
    const proto = JSON.parse((await api('__proto__', {})).body) as { error: { code: string } };
    expect(proto.error.code).toBe('ONBEKENDE_METHODE');
  });

  it('a malformed percent-encoding in the method name is an error answer, not a crash', async () => {
    const res = await authed({
      method: 'POST',
      path: '/api/standards.list%E0%A4%A',
      headers: { 'content-type': 'application/json', [API_HEADER]: '1' },
      body: '{}',
    });
    expect(res.status).toBeLessThan(500);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'ONBEKENDE_METHODE' } });
    // And the server is still alive.
    expect((await api('app.info', {})).status).toBe(200);
  });

  it('writes through HTTP land in the database', async () => {
    const res = await api('standards.create', { title: 'Handreiking via de browser', type: 'handreiking', status: 'concept' });
    const body = JSON.parse(res.body) as { ok: boolean; value: { id: string } };
    expect(body).toMatchObject({ ok: true, value: { id: 'handreiking-via-de-browser' } });
    expect(ws.db.prepare('SELECT title FROM standard WHERE id = ?').get('handreiking-via-de-browser')).toEqual({ title: 'Handreiking via de browser' });
  });
});

describe('closing', () => {
  it('close() stops listening', async () => {
    const other = await startWebServer({ api: ws.api, staticDir });
    const port = other.port;
    expect((await request(port, { path: '/' })).status).toBe(401);
    await other.close();
    await expect(request(port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
