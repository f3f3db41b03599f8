import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, screenshot, startHarness, type Harness } from './harness.js';

const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});
afterAll(async () => {
  await h?.close();
});

async function importFile(standardId: string, file: string, label: string, status: 'gepubliceerd' | 'concept'): Promise<void> {
  await page.goto(`${h.server.url}#/standaard/${standardId}`);
  await page.getByRole('button', { name: 'Versie importeren' }).click();
  await page.setInputFiles('[data-testid="file-input"]', path.join(FIXTURES, file));
  await page.getByLabel('Label van deze versie').fill(label);
  await page.locator('dialog select').selectOption(status);
  await page.locator('dialog').getByRole('button', { name: 'Importeren' }).click();
  // A finished import opens the reading view of the new version.
  await page.waitForURL(/#\/standaard\/[^/]+\/versie\/\d+$/, { timeout: 30_000 });
  await page.waitForSelector('.toc a');
}

describe('importing and reading texts in browser mode', () => {
  it('imports a Word file through the dialog and shows its structure beside the text', async () => {
    await importFile('richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming', 'richtlijn.docx', 'Gepubliceerd 2017', 'gepubliceerd');
    const toc = await page.locator('.toc a').allInnerTexts();
    expect(toc.length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.reading-text').innerText()).toContain('Gepubliceerd 2017');
    await screenshot(page, '10-leesweergave-docx');
  });

  it('imports a PDF, removes running headers, keeps page numbers per section, marks recommendations', async () => {
    await importFile('zorgstandaard-adhd', 'richtlijn-adhd.pdf', 'Concept 2026-03', 'concept');
    const text = await page.locator('.reading-text').innerText();
    expect(text).not.toMatch(/Richtlijn ADHD – Conceptversie 2026\s*\n.*Richtlijn ADHD – Conceptversie 2026/s);
    expect(await page.locator('.page-ref').count()).toBeGreaterThan(0);
    expect(await page.locator('.doc-section.kind-recommendation').count()).toBeGreaterThan(0);
    await screenshot(page, '11-leesweergave-pdf');
    // Jump to a section from the table of contents.
    const last = page.locator('.toc a').last();
    const target = await last.innerText();
    await last.click();
    await expect.poll(() => page.url()).toMatch(/sectie=\d+/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(target.replace(/^\S+\s/, '').slice(0, 10));
  });

  it('refuses a damaged file with a Dutch reason and stores nothing', async () => {
    await page.goto(`${h.server.url}#/standaard/zorgstandaard-autisme`);
    await page.getByRole('button', { name: 'Versie importeren' }).click();
    await page.setInputFiles('[data-testid="file-input"]', path.join(FIXTURES, 'geen-pdf.pdf'));
    await page.locator('dialog').getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => page.locator('dialog .error').innerText(), { timeout: 20_000 }).toMatch(/PDF/);
    await screenshot(page, '12-import-fout');
    await page.locator('dialog').getByRole('button', { name: 'Sluiten' }).click();
    await expect.poll(() => page.locator('#versies').count()).toBe(1);
    expect(await page.locator('[data-testid="versions"]').count()).toBe(0);
  });

  it('corrects the structure (demote, then promote) and the correction survives a reload', async () => {
    await page.goto(`${h.server.url}#/standaard/richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming`);
    await page.locator('[data-testid="versions"] a').first().click();
    await page.waitForSelector('.toc a');
    await page.getByRole('button', { name: 'Structuur corrigeren' }).click();
    const second = page.locator('.doc-section').nth(1);
    const before = await second.getAttribute('class');
    await second.getByRole('button', { name: 'Lager niveau →' }).click();
    await expect.poll(() => page.locator('[role="status"]').innerText()).toMatch(/lager gezet/);
    await page.reload();
    await page.waitForSelector('.toc a');
    const after = await page.locator('.doc-section').nth(1).getAttribute('class');
    expect(after).not.toBe(before);
    expect(await page.locator('.toc > ol > li > ol').count()).toBeGreaterThan(0);
    await screenshot(page, '13-structuur');
  });

  it('finds imported text by full-text search, compounds and diacritics included, and jumps to the section', async () => {
    await page.goto(`${h.server.url}#/zoeken`);
    await page.getByLabel('Zoekterm').fill('begeleiding');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="search-count"]').innerText()).toMatch(/treffer/);
    expect(await page.locator('mark').count()).toBeGreaterThan(0);
    await screenshot(page, '14-zoeken-teksten');
    // Hostile input never breaks the search.
    for (const q of ['"', 'NEAR(a b)', 'a-b', '*', '-', '(((']) {
      await page.getByLabel('Zoekterm').fill(q);
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await expect.poll(() => page.locator('[data-testid="search-count"]').innerText()).toBeTruthy();
      expect(await page.locator('[role="alert"]').count()).toBe(0);
    }
    await page.getByLabel('Zoekterm').fill('begeleiding');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.locator('.hit-title').first().click();
    await page.waitForURL(/versie\/\d+\?sectie=\d+/);
    await page.waitForSelector('.toc a.active');
  });

  it('ran without console errors or CSP violations', () => {
    expect(h.problems).toEqual([]);
  });
});
