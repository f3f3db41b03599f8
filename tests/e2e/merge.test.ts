/**
 * Samenvoegen end to end in browser mode: Anna's workspace and Bert's copy of it diverge (the same
 * cell classified differently, a comment only Bert has); Anna uploads Bert's project file on the
 * Werkruimte screen, sees the plan with the conflict side by side, chooses Bert's version, merges,
 * and finds the result on screen: the summary, the backup taken first, and the grid.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MergePlan } from '../../common/merge.js';
import type { AlignmentGrid } from '../../common/pilots.js';
import { adhdPilot, rowByTheme } from '../helpers/pilots.js';
import { removeDir, seededWorkspace, tempDir } from '../helpers/test-db.js';
import { workspaceCopy } from '../helpers/workspaces.js';
import { apiCall, screenshot, startHarness, type Harness } from './harness.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousAxeViolations(): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

let h: Harness;
let page: Page;
let dir: string;
let bertFile: string;
let pilotId: number;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  dir = tempDir('richtsnoer-e2e-merge-');

  // The shared start: a pilot on the three ADHD texts, aligned, one cell classified "gelijk".
  const start = seededWorkspace();
  start.ok('settings.setUserName', { name: 'Anna' });
  const { pilot, versionIds } = await adhdPilot(start);
  start.ok('alignment.propose', { pilotId: pilot.id });
  start.ok('alignment.acceptAll', { pilotId: pilot.id });
  const signalering = rowByTheme(start.ok<AlignmentGrid>('alignment.grid', { pilotId: pilot.id }), /^Signalering$/);
  start.ok('alignment.classify', { rowId: signalering.id, versionId: versionIds.jgz, classification: 'gelijk' });
  const startBytes = Buffer.from(start.ok<{ contentBase64: string }>('project.export', {}).contentBase64, 'base64');
  start.cleanup();

  // Bert's copy: the same cell "tegenstrijdig" with a note, and a comment on the row.
  const bert = workspaceCopy(startBytes, 'Bert');
  bert.ok('alignment.classify', { rowId: signalering.id, versionId: versionIds.jgz, classification: 'tegenstrijdig', note: 'De JGZ signaleert op contactmomenten, niet thuis.' });
  bert.ok('alignment.comment', { rowId: signalering.id, body: 'Bert: kijk ook naar de rol van de huisarts.' });
  bertFile = path.join(dir, 'werk-van-bert.richtsnoer');
  fs.writeFileSync(bertFile, Buffer.from(bert.ok<{ contentBase64: string }>('project.export', {}).contentBase64, 'base64'));
  bert.cleanup();

  // Anna's workspace in the app starts as the shared start (merged in: everything is new).
  await apiCall(page, 'settings.setUserName', { name: 'Anna' });
  const first = await apiCall<MergePlan>(page, 'merge.preview', { fileName: 'start.richtsnoer', dataBase64: startBytes.toString('base64') });
  expect(first.totals.conflicten).toBe(0);
  await apiCall(page, 'merge.apply', { planId: first.planId, resolutions: {} });
  pilotId = (await apiCall<Array<{ id: number; title: string }>>(page, 'pilots.list', {}))[0]?.id as number;
});

afterAll(async () => {
  await h?.close();
  if (dir) removeDir(dir);
});

describe('merging a colleague’s project file', () => {
  it('shows the plan with the conflict side by side, applies the choice, and shows the result', async () => {
    await page.goto(`${h.server.url}#/werkruimte`);
    await page.waitForSelector('#merge-title');
    await page.getByLabel(/^Projectbestand kiezen om samen te voegen/).setInputFiles(bertFile);
    await page.waitForSelector('[data-testid="merge-plan"]');

    const plan = page.locator('[data-testid="merge-plan"]');
    expect(await plan.locator('p').first().innerText()).toMatch(/^werk-van-bert\.richtsnoer van Bert \(geëxporteerd op .+\): 1 nieuw onderdeel, \d+ gelijk, 1 conflict\.$/);
    expect(await plan.locator('tr[data-kind="opmerkingen"]').innerText()).toMatch(/Opmerkingen bij rijen\s+Opmerking van Bert bij rij “Signalering”\s+1\s+0/);
    expect(await plan.locator('tr[data-kind="indelingen"] td').nth(2).innerText()).toBe('1');

    const conflict = plan.locator('fieldset.merge-conflict');
    expect(await conflict.count()).toBe(1);
    expect(await conflict.locator('legend').innerText()).toMatch(/^Cel “Signalering” × ADHD: signalering.* · Pilot “ADHD horizontaal”$/);
    expect(await conflict.locator('tbody tr').first().innerText()).toMatch(/^Indeling\s+Gelijk\s+Tegenstrijdig$/);
    expect(await conflict.locator('tbody tr').nth(1).innerText()).toMatch(/^Notitie\s+—\s+De JGZ signaleert op contactmomenten, niet thuis\.$/);
    const mergeButton = page.getByRole('button', { name: 'Samenvoegen', exact: true });
    expect(await mergeButton.isDisabled()).toBe(true);
    expect(await plan.innerText()).toContain('Nog 1 conflict zonder keuze.');

    await conflict.getByLabel('Versie van Bert overnemen').check();
    await expect.poll(() => mergeButton.isDisabled()).toBe(false);
    // Tall enough to show the counts and the conflict with the choice made in one picture.
    await page.setViewportSize({ width: 1400, height: 1350 });
    await plan.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'merge');
    await page.setViewportSize({ width: 1400, height: 900 });
    expect(await seriousAxeViolations()).toEqual([]);

    await mergeButton.click();
    await page.waitForSelector('[data-testid="merge-result"]');
    const result = await page.locator('[data-testid="merge-result"]').innerText();
    expect(result).toMatch(/Samengevoegd met het werk van Bert: 1 toegevoegd, 1 overgenomen van Bert, 0 eigen versie behouden\./);
    expect(result).toMatch(/Back-up vooraf: .+ \(vóór het samenvoegen, \d+ kB\)/);
    await screenshot(page, 'merge-result');
    expect(await seriousAxeViolations()).toEqual([]);
    // The backups list on the same screen shows the backup the merge took.
    await expect.poll(() => page.locator('[data-testid="backups"] tbody').innerText()).toContain('Vóór het samenvoegen');
    expect(fs.readdirSync(path.join(h.dataDir, 'backups')).filter((n) => n.endsWith('_voor-samenvoegen.sqlite'))).toHaveLength(2);

    // The grid shows Bert's classification and note, and his comment on the row.
    await page.goto(`${h.server.url}#/pilot/${pilotId}/uitlijning`);
    const select = page.getByLabel(/^Indeling van .*signalering.* bij Signalering$/);
    await expect.poll(() => select.inputValue()).toBe('tegenstrijdig');
    expect(await page.locator('.cell-note', { hasText: 'De JGZ signaleert op contactmomenten, niet thuis.' }).count()).toBe(1);
    expect(await page.locator('tr', { has: select }).locator('.badge', { hasText: '1 opmerking' }).count()).toBe(1);
    expect(h.problems).toEqual([]);
  });
});

