import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness.js';

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
const rowTitles = () => page.locator('.standards-table tbody a.row-link').allInnerTexts();

async function search(text: string): Promise<void> {
  await page.fill('.search-field input', text);
  // The list filters as you type and then writes the query into the URL; once the URL has it, the
  // rows on screen are those of the full query (not of a prefix typed a moment earlier).
  await page.waitForFunction((q) => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') === q, text);
}

/** axe-core in the page; injected through the debugger protocol, so the app's CSP stays strict. */
async function seriousAxeViolations(): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

describe('catalogue in browser mode', () => {
  it('shows all 154 standards from the researched catalogue', async () => {
    expect(await resultCount()).toBe('154 standaarden');
    await screenshot(page, '01-catalogus');
  });

  it('finds the ADHD standards despite a typo, and opens the first with Enter', async () => {
    await search('ADHS');
    const titles = await rowTitles();
    expect(titles).toContain('Richtlijn ADHD voor jeugdhulp en jeugdbescherming');
    expect(titles.length).toBeGreaterThanOrEqual(5);
    expect(titles.every((t) => !/Autisme/.test(t))).toBe(true);
    await screenshot(page, '02-zoeken-adhs');
    await page.press('.search-field input', 'Enter');
    await page.waitForURL(/#\/standaard\//);
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/ADHD/);
  });

  it('filters by facet with counts, keeps the filter in the URL, and survives a reload', async () => {
    await page.goto(h.server.url + '#/catalogus');
    await page.waitForSelector('[data-testid="result-count"]');
    const zorgLabel = page.locator('.facet label', { has: page.locator('input[data-facet="type"][value="zorgstandaard"]') });
    await expect.poll(() => zorgLabel.locator('.facet-count').innerText()).toBe('12');
    await zorgLabel.locator('input').check();
    await expect.poll(resultCount).toBe('12 van 154 standaarden · 1 filter actief');
    expect(page.url()).toContain('type=zorgstandaard');
    await page.locator('.facet label', { has: page.locator('input[data-facet="confidence"][value="verified"]') }).locator('input').check();
    const narrowed = await resultCount();
    expect(narrowed).toMatch(/^\d+ van 154 standaarden · 2 filters actief$/);
    await page.reload();
    await page.waitForSelector('[data-testid="result-count"]');
    expect(await resultCount()).toBe(narrowed);
    expect(await page.locator('input[data-facet="type"][value="zorgstandaard"]').isChecked()).toBe(true);
    await screenshot(page, '03-filters');
    await page.getByRole('button', { name: 'Wis filters' }).click();
    await expect.poll(resultCount).toBe('154 standaarden');
  });

  it('opens a standard by deep link, edits it, and shows the change and its history after a reload', async () => {
    await page.goto(h.server.url + '#/standaard/zorgstandaard-adhd');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Zorgstandaard ADHD');
    await screenshot(page, '04-detail');
    await page.getByRole('link', { name: 'Bewerken' }).click();
    await page.waitForSelector('#f-title');
    await screenshot(page, '05-bewerken');
    await page.fill('#f-shortTitle', 'ADHD (GGZ-zorgstandaard)');
    await page.fill('#f-yearRevised', '2024');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/#\/standaard\/zorgstandaard-adhd$/);
    await page.reload();
    await expect.poll(() => page.locator('.fields').innerText()).toContain('ADHD (GGZ-zorgstandaard)');
    expect(await page.locator('.fields').innerText()).toContain('2024');
    const history = await page.locator('.audit').innerText();
    expect(history).toMatch(/Gewijzigd door gebruiker \(korte titel, jaar van herziening\)/);
    // The search sees the new short title at once.
    await page.goto(h.server.url + '#/catalogus');
    await search('GGZ-zorgstandaard');
    expect(await rowTitles()).toContain('Zorgstandaard ADHD');
  });

  it('refuses an invalid standard with a Dutch message per field, then creates it once corrected', async () => {
    await page.goto(h.server.url + '#/nieuw');
    await page.waitForSelector('#f-title');
    await page.fill('#f-title', 'AB');
    await page.fill('#f-yearPublished', '2020');
    await page.fill('#f-yearRevised', '2018');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('.error-summary').innerText()).toMatch(/Controleer de invoer/);
    expect(await page.locator('#err-title').innerText()).toMatch(/minstens 3 tekens/);
    expect(await page.locator('#err-yearRevised').innerText()).toMatch(/niet vóór het jaar van publicatie/);
    await screenshot(page, '06-validatie');
    await page.fill('#f-title', 'Handreiking Zorgcoördinatie in het wijkteam');
    await page.fill('#f-yearRevised', '');
    await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await page.locator('.owner-row select').first().selectOption('vng');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/#\/standaard\/handreiking-zorgcoordinatie-in-het-wijkteam$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Handreiking Zorgcoördinatie in het wijkteam');
    expect(await page.locator('.simple-table').innerText()).toContain('Vereniging van Nederlandse Gemeenten');
    await page.goto(h.server.url + '#/catalogus');
    await search('coordinatie');
    expect(await rowTitles()).toContain('Handreiking Zorgcoördinatie in het wijkteam');
    expect(await resultCount()).toMatch(/van 155 standaarden/);
  });

  it('retires a standard with a reason: hidden from the list, visible with "Teruggetrokken tonen", restorable', async () => {
    await page.goto(h.server.url + '#/standaard/handreiking-zorgcoordinatie-in-het-wijkteam');
    await page.getByRole('button', { name: 'Terugtrekken' }).click();
    await page.fill('dialog textarea', 'Dubbel opgenomen');
    await screenshot(page, '07-terugtrekken');
    await page.locator('dialog').getByRole('button', { name: 'Terugtrekken' }).click();
    await expect.poll(() => page.locator('.notice').first().innerText()).toContain('Dubbel opgenomen');
    await page.goto(h.server.url + '#/catalogus');
    await expect.poll(resultCount).toBe('154 standaarden');
    await page.getByLabel('Teruggetrokken tonen').check();
    await expect.poll(resultCount).toBe('155 standaarden');
    await page.goto(h.server.url + '#/standaard/handreiking-zorgcoordinatie-in-het-wijkteam');
    await page.getByRole('button', { name: 'Terugzetten' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Terugtrekken' }).count()).toBe(1);
  });

  it('jumps to any standard with the command palette (Ctrl+K), by keyboard only', async () => {
    await page.goto(h.server.url + '#/catalogus');
    await page.waitForSelector('[data-testid="result-count"]');
    await page.keyboard.press('Control+k');
    await page.waitForSelector('dialog.palette[open] [cmdk-input]');
    await page.keyboard.type('autisme');
    await expect.poll(() => page.locator('[cmdk-item]').allInnerTexts()).toContain('Zorgstandaard Autisme');
    await screenshot(page, '08-opdrachtenpalet');
    await page.locator('[cmdk-item]', { hasText: 'Zorgstandaard Autisme' }).hover();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/standaard\/zorgstandaard-autisme$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Zorgstandaard Autisme');
  });

  it('has no serious or critical accessibility problems on the catalogue screens (axe-core)', async () => {
    const screens = ['#/catalogus', '#/catalogus?type=richtlijn&q=adhd', '#/standaard/richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming', '#/standaard/richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming/bewerken', '#/nieuw', '#/over'];
    for (const screen of screens) {
      await page.goto(h.server.url + screen);
      await page.waitForSelector('main h1');
      expect({ screen, violations: await seriousAxeViolations() }).toEqual({ screen, violations: [] });
    }
  });

  it('ran without console errors or CSP violations', () => {
    expect(h.problems).toEqual([]);
  });
});
