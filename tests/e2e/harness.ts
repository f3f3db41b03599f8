import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { WorkspaceSession } from '../../electron/workspace-session.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  /** The app's workspace session, as `npm run web` has it (restore and project files swap its api). */
  session: WorkspaceSession;
  dataDir: string;
  server: WebServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen so far; tests assert it stays empty. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Browser mode end to end: a fresh workspace in a temp folder, the real web server over the built
 * renderer, and Debian's Chromium driven by playwright-core. Missing Chromium or a missing renderer
 * build is an error, never a skip: CI must run these tests.
 */
export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium ontbreekt op ${CHROMIUM}; installeer het pakket 'chromium' (zie .ci/run).`);
  const staticDir = path.join(ROOT, 'dist/renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('De renderer is niet gebouwd; draai eerst `npm run build:renderer`.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'richtsnoer-e2e-'));
  const session = WorkspaceSession.open({ dataDir, context: { mode: 'browser', appVersion: 'test' }, dailyCheckMs: null });
  const server = await startWebServer({ api: () => session.api, staticDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'nl-NL' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(server.loginUrl);
  await page.waitForSelector('[data-testid="result-count"]');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    session,
    dataDir,
    server,
    browser,
    context,
    page,
    problems,
    async close() {
      await browser.close();
      await server.close();
      session.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Calls the api from inside the page (same cookie and headers as the UI), for test setup. */
export async function apiCall<T>(page: Page, method: string, args: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, args }) => {
      const r = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Richtsnoer': '1' }, body: JSON.stringify(args) });
      const body = (await r.json()) as { ok: boolean; value: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message);
      return body.value;
    },
    { method, args },
  ) as Promise<T>;
}
