import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  createAppProtocolHandler,
  handleAppProtocol,
  isAppUrl,
  registerAppScheme,
} from '../../electron/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/security.js';
import { asReal, createFakeElectron } from '../fakes/electron.js';
import { removeDir, tempDir } from '../helpers/test-db.js';

// A real folder: renderer build in <tmp>/dist/renderer, a secret next to it that must stay out of reach.
let base: string;
let rendererDir: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = tempDir('richtsnoer-protocol-');
  rendererDir = path.join(base, 'dist', 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Richtsnoer</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log("app")');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(base, 'dist', 'secret.txt'), 'GEHEIM');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'GEHEIM');
  handler = createAppProtocolHandler(rendererDir);
});
afterAll(() => removeDir(base));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// scheme', () => {
  it('is registered as standard, secure and fetch-capable', () => {
    const fake = createFakeElectron();
    registerAppScheme(asReal(fake.protocol));
    expect(fake.calls.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('is handled by the renderer-folder handler', async () => {
    const fake = createFakeElectron();
    handleAppProtocol(asReal(fake.protocol), rendererDir);
    const registered = fake.protocolHandlers.get('app');
    expect(registered).toBeDefined();
    const response = await registered!(new Request(APP_INDEX_URL));
    expect(response.status).toBe(200);
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl('app://richtsnoer/index.html')).toBe(true);
    expect(isAppUrl('app://richtsnoer/')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://richtsnoer.evil.example/')).toBe(false);
    expect(isAppUrl('https://richtsnoer/')).toBe(false);
    expect(isAppUrl('file:///richtsnoer/index.html')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });
});

describe('serving files', () => {
  it('serves index.html and assets with the right type', async () => {
    const index = await get('app://richtsnoer/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Richtsnoer</title>');

    const script = await get('app://richtsnoer/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("app")');
    expect((await get('app://richtsnoer/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://richtsnoer/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('puts the CSP and nosniff on every response, errors included', async () => {
    for (const url of ['app://richtsnoer/index.html', 'app://richtsnoer/assets/index-abc.js', 'app://richtsnoer/missing.js', 'app://richtsnoer/%2e%2e%2fsecret.txt', 'app://other/index.html']) {
      const response = await get(url);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('falls back to index.html for extensionless paths (client-side routes) and the root', async () => {
    for (const url of ['app://richtsnoer/', 'app://richtsnoer/standaarden', 'app://richtsnoer/pilot/12/uitlijning']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(await response.text(), url).toContain('<title>Richtsnoer</title>');
    }
  });

  it('answers 404 for missing files with an extension', async () => {
    expect((await get('app://richtsnoer/assets/nope.js')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://richtsnoer/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://richtsnoer/index.html', 'POST')).status).toBe(405);
  });

  it('serves nothing for another host', async () => {
    const response = await get('app://evil/index.html');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('Richtsnoer</title>');
  });
});

describe('path traversal', () => {
  it.each([
    'app://richtsnoer/../secret.txt',
    'app://richtsnoer/../../secret.txt',
    'app://richtsnoer/%2e%2e/secret.txt',
    'app://richtsnoer/%2e%2e%2fsecret.txt',
    'app://richtsnoer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://richtsnoer/..%2f..%2fsecret.txt',
    'app://richtsnoer/..%5c..%5csecret.txt',
    'app://richtsnoer/%2e%2e%5csecret.txt',
    'app://richtsnoer/%00index.html',
    'app://richtsnoer/%E0%A4%A',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(await response.text()).not.toContain('GEHEIM');
    // Either refused or (when URL parsing already folded the ..) not found / the app shell.
    expect([200, 400, 403, 404]).toContain(response.status);
    if (response.status === 200) expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('treats an encoded absolute path as a path inside the folder', async () => {
    const response = await get(`app://richtsnoer/${encodeURIComponent(path.join(base, 'secret.txt'))}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('GEHEIM');
  });

  it('refuses encoded .. segments outright', async () => {
    expect((await get('app://richtsnoer/%2e%2e%2fsecret.txt')).status).toBe(403);
    expect((await get('app://richtsnoer/..%5csecret.txt')).status).toBe(403);
  });

  it('does not follow a symlink planted inside the folder out of it', async () => {
    const link = path.join(rendererDir, 'link.txt');
    try {
      fs.symlinkSync(path.join(base, 'secret.txt'), link);
    } catch {
      return; // no symlink rights (Windows without developer mode)
    }
    try {
      const response = await get('app://richtsnoer/link.txt');
      expect(await response.text()).not.toContain('GEHEIM');
    } finally {
      fs.rmSync(link, { force: true });
    }
  });
});
