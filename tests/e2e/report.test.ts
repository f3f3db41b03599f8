/**
 * The harmonisation report in Chromium: the exported HTML runs no script (not even one slipped into
 * the page, thanks to its CSP), prints to a PDF whose text has the headings and tables, and whose
 * pages are written as PNGs to look at; and the Rapport tab shows a live preview in a frame that
 * can run nothing, changes with the audience and downloads the files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../common/tags.js';
import { invokeApi } from '../../electron/api.js';
import { reportPilot, type ReportPilot } from '../helpers/report.js';
import type { TestWorkspace } from '../helpers/test-db.js';
import { screenshot, SCREENSHOTS, startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;
let p: ReportPilot;
let tmp: string;

/** The api of the running app, called directly, in the shape the test helpers use. */
function apiOf(harness: Harness): TestWorkspace {
  const call = (method: string, args?: unknown) => invokeApi(harness.session.api, method, args);
  return {
    call,
    ok<T>(method: string, args?: unknown): T {
      const result = call(method, args);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
  } as TestWorkspace;
}

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  p = await reportPilot(apiOf(h), { hostile: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'richtsnoer-rapport-'));
});
afterAll(async () => {
  await h?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const exportHtml = (audience = 'werkgroep') => apiOf(h).ok<ExportFile>('reports.export', { pilotId: p.pilot.id, audience, format: 'html', tagIds: [p.tagId] });

/** Opens an HTML file as a user would (file://), recording dialogs, console errors and requests. */
async function openFile(html: string, name: string) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, html);
  const viewer = await h.browser.newPage();
  const dialogs: string[] = [];
  const loaded: string[] = [];
  const blocked: string[] = [];
  viewer.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  viewer.on('requestfinished', (r) => loaded.push(r.url()));
  viewer.on('requestfailed', (r) => blocked.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  await viewer.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await viewer.waitForTimeout(300);
  return { viewer, dialogs, loaded: () => loaded.filter((u) => !u.startsWith('file:')), blocked };
}

describe('the HTML report in Chromium', () => {
  it('runs no script: the hostile theme stays text, and even a script slipped into the page is blocked by its CSP', async () => {
    const { content } = exportHtml();
    const opened = await openFile(content, 'rapport.html');
    expect(await opened.viewer.locator('h3', { hasText: 'onerror=alert(1)' }).count()).toBe(1);
    expect(await opened.viewer.evaluate(() => document.querySelectorAll('script, img').length)).toBe(0);
    expect(opened.dialogs).toEqual([]);
    expect(opened.loaded()).toEqual([]);
    expect(opened.blocked).toEqual([]);
    await opened.viewer.close();

    const tampered = content.replace('</body>', '<script>alert("script")</script><img src="x" onerror="alert(\'onerror\')"><img src="https://example.invalid/pixel.png"></body>');
    const attacked = await openFile(tampered, 'gewijzigd.html');
    expect(attacked.dialogs).toEqual([]);
    expect(attacked.loaded()).toEqual([]);
    // Chromium refuses them before they leave: blocked by the report's CSP.
    expect(attacked.blocked.every((b) => b.endsWith(' csp'))).toBe(true);
    expect(attacked.blocked.some((b) => b.startsWith('https://example.invalid/'))).toBe(true);
    await attacked.viewer.close();

    // The control: without the report's CSP the same page does run the script, so the check above can fail.
    const unprotected = await openFile(tampered.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), 'zonder-csp.html');
    expect(unprotected.dialogs).toContain('script');
    await unprotected.viewer.close();
  });

  it('prints to a PDF with the headings and tables, and pages that look like a report', async () => {
    const { content } = exportHtml();
    const opened = await openFile(content, 'rapport-pdf.html');
    const pdf = path.join(tmp, 'rapport.pdf');
    await opened.viewer.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await opened.viewer.close();
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const heading of ['Harmonisatierapport', 'Colofon', 'Inhoud', '1 Samenvatting', '3 Uitlijning en indeling', '4 Besluiten per thema', '5 Vergelijking van tegenstrijdige passages', '8 Open punten', '9 Evaluatie', 'Bijlage A Logboek van besluiten']) {
      expect(text, heading).toContain(heading);
    }
    // A table: its header row and a row with its count, on one line in the layout.
    expect(text).toMatch(/Besluit\s+Aantal/);
    expect(text).toMatch(/Verschil bewust laten staan\s+1/);
    expect(text).toMatch(/Thema\s+ADHD \(jeugdhulp\)/);
    expect(text).toContain('Afwijkend standpunt');

    for (const old of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith('report-page-'))) fs.rmSync(path.join(SCREENSHOTS, old));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(SCREENSHOTS, 'report-page')]);
    const pages = fs.readdirSync(SCREENSHOTS).filter((f) => /^report-page-\d+\.png$/.test(f));
    expect(pages.length).toBeGreaterThanOrEqual(10);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
  });
});

describe('Rapport tab', () => {
  const frame = () => page.frameLocator('iframe.report-preview-frame');

  it('shows the report in a frame that can run nothing, styled, and follows the audience and sections', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${h.server.url}#/pilot/${p.pilot.id}/rapport`);
    await frame().locator('.title-page h1').waitFor();
    const sandbox = await page.locator('iframe.report-preview-frame').getAttribute('sandbox');
    expect(sandbox).toBe('allow-same-origin allow-modals');
    expect(sandbox).not.toContain('allow-scripts');
    // The stylesheet is applied although the frame inherits the app's CSP (no inline styles).
    await expect.poll(() => frame().locator('section.chapter h2').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(23, 54, 93)');
    // Werkgroep: every chapter but the tagged passages (no tag chosen), the chain and comment rounds (none).
    expect(await frame().locator('section.chapter > h2').allInnerTexts()).toHaveLength(9);
    expect(await page.locator('.report-omitted').innerText()).toContain('Getagde passages: Er zijn geen tags gekozen.');

    await page.getByLabel('Medicatie en rolverdeling').check();
    await expect.poll(() => frame().locator('section.chapter > h2').count()).toBe(10);
    await expect.poll(() => frame().locator('.passage .quote').innerText()).toBe('De JGZ start geen medicatie.');
    await page.locator('.breadcrumb').scrollIntoViewIfNeeded();
    await screenshot(page, 'report-tab');

    await page.getByRole('radio', { name: /Bestuurlijk/ }).check();
    expect(await page.getByRole('checkbox', { name: 'Uitlijning en indeling' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Samenvatting' }).isChecked()).toBe(true);
    await expect.poll(() => frame().locator('section.chapter > h2').count()).toBe(4);
    expect(await frame().locator('body').innerText()).not.toContain('Intern:');
    await page.getByRole('checkbox', { name: 'Uitlijning en indeling' }).check();
    await expect.poll(() => frame().locator('section.chapter > h2').count()).toBe(5);
    expect(dialogs).toEqual([]);
  });

  it('downloads Word, HTML and Markdown with sanitised names, and offers printing in browser mode', async () => {
    for (const [button, extension] of [['Word', 'docx'], ['HTML', 'html'], ['Markdown', 'md']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^harmonisatierapport-adhd-richtlijnen-op-een-lijn-bestuurlijk-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`));
      const saved = path.join(tmp, download.suggestedFilename());
      await download.saveAs(saved);
      expect(fs.statSync(saved).size).toBeGreaterThan(1000);
    }
    expect(await page.getByRole('button', { name: 'Afdrukken of PDF' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'PDF', exact: true }).count()).toBe(0);
    expect(h.problems).toEqual([]);
  });
});
