import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApi } from '../../electron/api.js';
import { startWebServer, type WebServer } from '../../electron/web.js';
import { openWorkspace, type Workspace } from '../../electron/workspace.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  workspace: Workspace;
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
  const workspace = openWorkspace(dataDir);
  const api = createApi(workspace.db, { mode: 'browser', appVersion: 'test', workspacePath: workspace.file });
  const server = await startWebServer({ api, staticDir });
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
    workspace,
    server,
    browser,
    context,
    page,
    problems,
    async close() {
      await browser.close();
      await server.close();
      workspace.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
