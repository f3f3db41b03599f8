/**
 * The workspace end to end in browser mode: export the filtered catalogue (CSV and Excel), make a
 * backup and restore an earlier one from the Werkruimte screen, export a project file and open it
 * read-only (banner, writes refused, back to your own workspace).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../electron/services/csv.js';
import { apiCall, screenshot, SCREENSHOTS, startHarness, type Harness } from './harness.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});
afterAll(async () => {
  await h?.close();
});

const resultCount = () => page.locator('[data-testid="result-count"]').innerText();

async function seriousAxeViolations(): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

async function download(trigger: () => Promise<void>, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const target = path.join(SCREENSHOTS, name);
  await file.saveAs(target);
  return target;
}

async function openWorkspaceScreen(): Promise<void> {
  await page.goto(h.server.url + '#/werkruimte');
  await page.waitForSelector('[data-testid="backups"] tbody tr');
}

describe('catalogue export', () => {
  it('exports exactly the filtered list, in its order, as CSV and as Excel', async () => {
    await page.goto(h.server.url + '#/catalogus?type=zorgstandaard&sort=year-desc');
    await expect.poll(resultCount).toBe('12 van 154 standaarden · 1 filter actief');
    const shownIds = await page.locator('.standards-table a.row-link').evaluateAll((links) => links.map((a) => a.getAttribute('data-standard-id')));
    expect(shownIds).toHaveLength(12);

    await page.getByText('Exporteren', { exact: true }).click();
    await expect.poll(() => page.locator('.export-menu-items').innerText()).toContain('De 12 standaarden in deze lijst');
    await screenshot(page, 'workspace-export-menu');
    const csvPath = await download(() => page.getByRole('button', { name: 'CSV (Excel, puntkomma)' }).click(), 'catalogus.csv');
    expect(path.basename(csvPath)).toBe('catalogus.csv');
    const rows = readCsv(fs.readFileSync(csvPath, 'utf8'));
    expect(rows[0]?.slice(0, 6)).toEqual(['Id', 'Catalogusnummer', 'Titel', 'Korte titel', 'Type', 'Status']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(shownIds);
    expect(rows.slice(1).every((r) => r[4] === 'Zorgstandaard')).toBe(true);

    await page.getByText('Exporteren', { exact: true }).click();
    const xlsxPath = await download(() => page.getByRole('button', { name: 'Excel-werkmap (.xlsx)' }).click(), 'catalogus.xlsx');
    const [sheet] = await readXlsxFile(fs.readFileSync(xlsxPath));
    expect(sheet?.data).toHaveLength(13);
    expect(sheet?.data.slice(1).map((r) => r[0])).toEqual(shownIds);
  });
});

describe('backups', () => {
  it('lists the daily backup, makes one on request, and restores an earlier one after saying what happens', async () => {
    const id = ((await apiCall<Array<{ id: string }>>(page, 'standards.list', {}))[0] as { id: string }).id;
    await openWorkspaceScreen();
    await expect.poll(() => page.locator('[data-testid="backups"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="backups"] tbody').innerText()).toContain('Dagelijkse back-up');
    const daily = await page.locator('[data-testid="backups"] tbody tr').first().getAttribute('data-backup');

    // Work done after the daily backup, then a manual backup of it.
    await apiCall(page, 'standards.update', { id, patch: { notes: 'Na de dagelijkse back-up' } });
    await page.getByRole('button', { name: 'Nu een back-up maken' }).click();
    await expect.poll(() => page.locator('[data-testid="backups"] tbody tr').count()).toBe(2);
    expect(await page.getByRole('status').first().innerText()).toMatch(/^Back-up gemaakt op .* \(\d+ kB\) en gecontroleerd\.$/);
    expect(fs.readdirSync(path.join(h.dataDir, 'backups')).filter((n) => n.endsWith('_handmatig.sqlite'))).toHaveLength(1);

    // Restore the daily one: the dialog says what happens; the page reloads onto the restored workspace.
    await page.locator(`tr[data-backup="${daily}"]`).getByRole('button', { name: /terugzetten/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Back-up terugzetten?' });
    await expect.poll(() => dialog.innerText()).toMatch(/wordt vervangen door de back-up van/);
    expect(await dialog.innerText()).toMatch(/maakt eerst een back-up van de huidige toestand/);
    await screenshot(page, 'workspace-restore-dialog');
    await dialog.getByRole('button', { name: 'Terugzetten' }).click();
    await page.waitForSelector('text=is teruggezet');
    await page.waitForSelector('[data-testid="backups"] tbody tr');
    expect(await page.locator('[data-testid="backups"] tbody').innerText()).toContain('Vóór het terugzetten van een back-up');
    expect(((await apiCall<{ notes: string | null }>(page, 'standards.get', { id })).notes)).toBeNull();

    await page.locator('.workspace-screen h1').scrollIntoViewIfNeeded();
    await screenshot(page, 'workspace');
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('keeps the retention setting and refuses nonsense in Dutch', async () => {
    await openWorkspaceScreen();
    const days = page.getByLabel('Back-ups bewaren (dagen)');
    await expect.poll(() => days.inputValue()).toBe('30');
    await days.fill('14');
    await page.locator('form', { has: days }).getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForSelector('text=Back-ups worden 14 dagen bewaard');
    expect(await apiCall(page, 'backups.list', {})).toMatchObject({ retentionDays: 14 });
    // The field stops 0 in the browser (min=1); the backend refuses it too.
    await expect(apiCall(page, 'backups.setRetention', { days: 0 })).rejects.toThrow(/minstens 1 dag/);
  });
});

describe('project files', () => {
  it('exports a project file, opens it read-only with a banner that refuses writes, and goes back', async () => {
    await openWorkspaceScreen();
    await page.locator('#project-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'workspace-project-section');
    const projectPath = await download(() => page.getByRole('button', { name: 'Projectbestand exporteren' }).click(), 'werkruimte.richtsnoer');
    expect(fs.readFileSync(projectPath).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');

    await page.getByLabel(/^Projectbestand openen/).setInputFiles(projectPath);
    await page.waitForSelector('[data-testid="read-only-banner"]');
    expect(await page.locator('[data-testid="read-only-banner"]').innerText()).toMatch(/Alleen lezen\. Je bekijkt het projectbestand werkruimte\.richtsnoer/);
    await page.waitForSelector('text=geopend, alleen om te lezen');
    await screenshot(page, 'workspace-project');

    // The banner stays on every screen, and a write is refused in Dutch.
    await page.goto(h.server.url + '#/catalogus');
    await page.waitForSelector('[data-testid="result-count"]');
    expect(await page.locator('[data-testid="read-only-banner"]').isVisible()).toBe(true);
    const id = ((await apiCall<Array<{ id: string }>>(page, 'standards.list', {}))[0] as { id: string }).id;
    await expect(apiCall(page, 'standards.update', { id, patch: { notes: 'poging' } })).rejects.toThrow(/Dit projectbestand is alleen te lezen/);

    await page.getByRole('button', { name: 'Terug naar mijn werkruimte' }).click();
    await page.waitForSelector('[data-testid="result-count"]');
    await expect.poll(() => page.locator('[data-testid="read-only-banner"]').count()).toBe(0);
    await apiCall(page, 'standards.update', { id, patch: { notes: 'weer thuis' } });
    expect(((await apiCall<{ notes: string | null }>(page, 'standards.get', { id })).notes)).toBe('weer thuis');
  });

  it('refuses a file that is not a project in Dutch and stays in your workspace', async () => {
    await openWorkspaceScreen();
    const bogus = path.join(SCREENSHOTS, 'geen-project.richtsnoer');
    fs.writeFileSync(bogus, 'Dit is geen projectbestand.\n'.repeat(50));
    await page.getByLabel(/^Projectbestand openen/).setInputFiles(bogus);
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toContainEqual(expect.stringMatching(/^Onbekend bestand: “geen-project\.richtsnoer” is geen Richtsnoer-projectbestand/));
    expect(await page.locator('[data-testid="read-only-banner"]').count()).toBe(0);
    expect(h.problems).toEqual([]);
  });
});
