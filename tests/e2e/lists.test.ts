import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, ROOT, screenshot, startHarness, type Harness } from './harness.js';

const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
let h: Harness;
let page: Page;

const api = <T>(method: string, args: unknown): Promise<T> => apiCall<T>(page, method, args);

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  // A tagged passage to start from: import the guideline and tag "Psycho-educatie" through the API.
  await page.goto(`${h.server.url}#/standaard/zorgstandaard-adhd`);
  await page.getByRole('button', { name: 'Versie importeren' }).click();
  await page.setInputFiles('[data-testid="file-input"]', path.join(FIXTURES, 'richtlijn-adhd.pdf'));
  await page.locator('dialog').getByRole('button', { name: 'Importeren' }).click();
  await page.waitForURL(/versie\/\d+/, { timeout: 30_000 });
  const versionId = Number(/versie\/(\d+)/.exec(page.url())?.[1]);
  const version = await api<{ sections: Array<{ id: number; text: string }> }>('versions.get', { versionId });
  const section = version.sections.find((s) => s.text.includes('Psycho-educatie'));
  const start = section?.text.indexOf('Psycho-educatie') ?? -1;
  expect(start).toBeGreaterThanOrEqual(0);
  await api('annotations.create', { sectionId: section?.id, start, end: start + 'Psycho-educatie'.length, quote: 'Psycho-educatie', newTagNames: ['Psycho-educatie'] });
});
afterAll(async () => {
  await h?.close();
});

describe('beter doen / laten / onderzoeken lists in browser mode', () => {
  it('creates a list and an item from a tagged passage, linked to its source', async () => {
    await page.goto(`${h.server.url}#/lijsten`);
    await page.getByRole('button', { name: 'Lijst maken' }).click();
    await page.waitForURL(/#\/lijst\/\d+$/);
    await page.goto(`${h.server.url}#/tags`);
    await page.getByLabel('Met tag').selectOption({ label: 'Psycho-educatie (1)' });
    await page.getByRole('button', { name: 'Op lijst zetten' }).click();
    await page.locator('.tag-action select').first().selectOption({ index: 1 });
    await page.locator('.tag-action select').nth(1).selectOption('beter_doen');
    await page.getByRole('button', { name: 'Item maken' }).click();
    await page.waitForURL(/#\/lijst\/\d+$/);
    await expect.poll(() => page.locator('.item-card').count()).toBe(1);
    expect(await page.locator('.item-links').innerText()).toContain('Psycho-educatie');
    expect(await page.locator('.item-links').innerText()).toContain('Zorgstandaard ADHD');
    // Fill in the item as the working group would.
    await page.locator('.item-card').getByRole('button', { name: 'Bewerken' }).click();
    await page.getByLabel('Stelling (kort)').fill('Geef ouders psycho-educatie voordat medicatie wordt overwogen');
    await page.getByLabel('Cliëntvriendelijke formulering').fill('Je krijgt eerst uitleg over ADHD');
    await page.getByLabel('Keuze professional met jongere en gezin').check();
    await page.locator('dialog').getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('.item-statement').innerText()).toBe('Geef ouders psycho-educatie voordat medicatie wordt overwogen');
    await screenshot(page, '30-lijst');
  });

  it('holds a dialogue session with delegates per perspective and notes what changed', async () => {
    await page.getByRole('link', { name: 'Dialoogsessies' }).click();
    await page.getByLabel('Naam afgevaardigde 1').fill('Sara (jongerenpanel)');
    await page.getByRole('button', { name: 'Afgevaardigde toevoegen' }).click();
    await page.getByLabel('Naam afgevaardigde 2').fill('Wethouder De Boer');
    await page.getByLabel('Perspectief van afgevaardigde 2').selectOption('gemeenten');
    await page.getByRole('button', { name: 'Sessie vastleggen' }).click();
    await expect.poll(() => page.locator('.search-group').first().innerText()).toContain('Wethouder De Boer');
    await page.getByLabel('Besproken item').selectOption({ index: 1 });
    await page.getByLabel('Wat is er besproken').fill('Jongeren willen de uitleg ook schriftelijk.');
    await page.getByLabel('Wat verandert er aan het item (optioneel)').fill('Cliëntversie aangevuld');
    await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
    await expect.poll(() => page.locator('.session-notes').innerText()).toContain('Cliëntversie aangevuld');
    await screenshot(page, '31-dialoogsessie');
  });

  it('runs a voting round per perspective: consensus overall, dissent of one perspective kept on record', async () => {
    await page.getByRole('link', { name: 'Stemrondes' }).click();
    await page.getByLabel('De drempel geldt in elk perspectief').check();
    await page.getByRole('button', { name: 'Ronde starten' }).click();
    const vote = async (name: string, perspective: string, choice: 'Eens' | 'Oneens', comment = '') => {
      await page.locator('.ballot input').first().fill(name);
      await page.locator('.ballot select').first().selectOption(perspective);
      await page.getByRole('radio', { name: new RegExp(`^${choice}:`) }).check();
      if (comment) await page.getByLabel(/^Toelichting bij/).fill(comment);
      await page.getByRole('button', { name: 'Stemmen vastleggen' }).click();
      await expect.poll(() => page.locator('[role="status"]').innerText()).toContain(name);
    };
    await vote('Sara', 'ervaring', 'Eens');
    await vote('Jan', 'professionals', 'Eens');
    await vote('Piet', 'professionals', 'Eens');
    await vote('Wethouder De Boer', 'gemeenten', 'Oneens', 'Niet uitvoerbaar binnen het inkoopkader');
    const result = page.locator('[data-testid^="uitslag-"]');
    await expect.poll(() => result.innerText()).toContain('75%');
    expect(await result.innerText()).toContain('Nee');
    await screenshot(page, '32-stemronde');
    await page.getByRole('button', { name: 'Ronde sluiten' }).click();
    await page.getByRole('link', { name: 'Items' }).click();
    await expect.poll(() => page.locator('.dissent').innerText()).toMatch(/gemeenten/i);
    expect(await page.locator('.dissent').innerText()).toContain('Niet uitvoerbaar binnen het inkoopkader');
  });

  it('exports the list as Word and CSV, and a new version shows what changed', async () => {
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren (Word)' }).click()]);
    const docxPath = path.join(ROOT, 'tests/e2e/screenshots/lijst.docx');
    await docx.saveAs(docxPath);
    expect(fs.readFileSync(docxPath).subarray(0, 2).toString()).toBe('PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren (CSV)' }).click()]);
    const csvPath = path.join(ROOT, 'tests/e2e/screenshots/lijst.csv');
    await csv.saveAs(csvPath);
    const csvText = fs.readFileSync(csvPath, 'utf8');
    expect(csvText).toContain('Geef ouders psycho-educatie voordat medicatie wordt overwogen');
    expect(csvText).toContain('Zorgstandaard ADHD');
    await page.getByLabel('Nieuwe versie').fill('Herziene lijst');
    await page.getByRole('button', { name: 'Versie maken' }).click();
    await page.waitForURL(/verschillen$/);
    await expect.poll(() => page.locator('[data-testid="list-diff"]').innerText()).toContain('1 ongewijzigd');
    await page.getByRole('link', { name: 'Items' }).click();
    await page.getByRole('button', { name: 'Item toevoegen' }).nth(2).click();
    await page.getByLabel('Stelling (kort)').fill('Onderzoek het effect van ouderbegeleiding bij jonge kinderen');
    await page.getByLabel('Kennisvraag').fill('Werkt ouderbegeleiding ook onder de zes jaar?');
    await page.locator('dialog').getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('link', { name: 'Verschillen met vorige versie' }).click();
    await expect.poll(() => page.locator('[data-testid="list-diff"]').innerText()).toContain('1 toegevoegd');
    await screenshot(page, '33-verschillen');
  });

  it('ran without console errors', () => {
    expect(h.problems).toEqual([]);
  });
});
