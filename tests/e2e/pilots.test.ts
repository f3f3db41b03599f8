import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../common/document.js';
import { ADHD_STANDARDS, ADHD_TEXTS } from '../helpers/pilots.js';
import { apiCall, screenshot, startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;

async function importMarkdown(standardId: string, text: string): Promise<void> {
  const job = await apiCall<ImportJob>(page, 'imports.start', { standardId, fileName: 'richtlijn.md', dataBase64: Buffer.from(text).toString('base64'), label: '2024', status: 'gepubliceerd' });
  const until = Date.now() + 20_000;
  while ((await apiCall<ImportJob>(page, 'imports.status', { jobId: job.id })).state === 'bezig') {
    if (Date.now() > until) throw new Error('import did not finish');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const done = await apiCall<ImportJob>(page, 'imports.status', { jobId: job.id });
  if (done.state !== 'klaar') throw new Error(`import failed: ${JSON.stringify(done.error)}`);
}

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  for (const key of Object.keys(ADHD_STANDARDS) as Array<keyof typeof ADHD_STANDARDS>) await importMarkdown(ADHD_STANDARDS[key], ADHD_TEXTS[key]);
});
afterAll(async () => {
  await h?.close();
});

describe('harmonisation pilot in browser mode', () => {
  it('creates the ADHD pilot, picks three standards and refuses to start without agreements', async () => {
    await page.goto(`${h.server.url}#/harmonisatie`);
    await page.getByLabel('Titel').fill('ADHD: richtlijnen op één lijn');
    await page.getByLabel('Onderwerp').fill('ADHD');
    await page.getByRole('button', { name: 'Pilot aanmaken' }).click();
    await page.waitForURL(/#\/pilot\/\d+$/);
    for (const name of ['ADHD (jeugdhulp)', 'ADHD: signalering', 'ADHD (GGZ)']) {
      await page.getByLabel('Zoek een standaard').fill(name.slice(0, 12));
      const option = page.getByLabel('Versie', { exact: true }).locator('option', { hasText: name });
      await page.getByLabel('Versie', { exact: true }).selectOption({ label: (await option.first().textContent()) ?? '' });
      await page.getByRole('button', { name: 'Versie toevoegen' }).click();
      await expect.poll(() => page.locator('.version-order li', { hasText: name }).count()).toBe(1);
    }
    const start = page.getByRole('button', { name: 'Naar fase "Gestart"' });
    expect(await start.isDisabled()).toBe(true);
    expect(await page.locator('#fase-blokkade').innerText()).toContain('de afspraak over inbedding en de afspraak over flexibiliteit');
    await page.getByLabel('Inbedding').fill('De uitkomst gaat mee in de herziening van de drie standaarden.');
    await page.locator('.saved-text', { hasText: 'Inbedding' }).getByRole('button', { name: 'Opslaan' }).click();
    await page.getByLabel('Flexibiliteit en lerend aspect').fill('Na drie sessies evalueren we de werkwijze.');
    await page.locator('.saved-text', { hasText: 'Flexibiliteit' }).getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => start.isDisabled()).toBe(false);
    await start.click();
    await expect.poll(() => page.locator('.phase-stepper li.current').innerText()).toBe('Gestart');
    await screenshot(page, '40-pilot-overzicht');
  });

  it('proposes an alignment, accepts a row, classifies a cell and records a decision', async () => {
    await page.getByRole('link', { name: 'Uitlijning' }).click();
    await page.getByRole('button', { name: 'Voorstel uitlijning' }).click();
    await expect.poll(() => page.locator('.alignment-grid tbody tr.proposal').count()).toBeGreaterThan(2);
    await screenshot(page, '41-uitlijning-voorstel');
    const medication = page.locator('.alignment-grid tbody tr', { hasText: /Medica/ }).first();
    await medication.getByRole('button', { name: 'Accepteren' }).click();
    await expect.poll(() => medication.getAttribute('class')).toContain('open');
    await medication.getByRole('combobox', { name: /Indeling van ADHD: signalering/ }).selectOption('tegenstrijdig');
    await expect.poll(() => medication.locator('td.class-tegenstrijdig').count()).toBe(1);
    await medication.getByRole('button', { name: 'Besluiten…' }).click();
    const panel = page.locator('.row-panel');
    await panel.getByLabel('Formulering overnemen').check();
    await panel.getByLabel('Formulering van').selectOption({ label: 'ADHD (GGZ) · 2024' });
    await panel.getByLabel('Toelichting (optioneel)').fill('De GGZ-tekst noemt de evaluatietermijn het duidelijkst.');
    await panel.getByLabel('Afwijkende standpunten (wie, en waarom)').fill('JGZ: start zelf geen medicatie.');
    await panel.getByRole('button', { name: 'Besluit opslaan' }).click();
    await expect.poll(() => medication.locator('.badge-decided').innerText()).toBe('Formulering overnemen');
    expect(await page.locator('.grid-progress').innerText()).toMatch(/^1 van 1 rij besloten/);
    await panel.getByLabel('Nieuwe opmerking').fill('Terugkoppelen aan NHG.');
    await panel.getByRole('button', { name: 'Plaatsen' }).click();
    await expect.poll(() => panel.locator('.comments').innerText()).toContain('Terugkoppelen aan NHG.');
    await screenshot(page, '42-uitlijning-besluit');
    // The comparison link puts the medication sections of two standards side by side.
    const compare = panel.getByRole('link', { name: /Vergelijk 2 kolommen/ });
    expect(await compare.getAttribute('href')).toMatch(/^#\/vergelijken\?links=s%3A\d+&rechts=s%3A\d+$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.row-panel').count()).toBe(0);
    await medication.getByRole('button', { name: 'Besluiten…' }).or(medication.getByRole('button', { name: /Details van/ })).first().click();
    await page.locator('.row-panel').getByRole('link', { name: /Vergelijk 2 kolommen/ }).click();
    await page.waitForURL(/#\/vergelijken\?/);
    // The JGZ text says it starts no medication where the youth-care text weighs it: a negation and
    // an obligation word, flagged above rewording.
    const changes = page.locator('[data-testid="change-list"]');
    await expect.poll(() => changes.innerText(), { timeout: 15_000 }).toMatch(/Ontkenning gewijzigd|Modaal woord gewijzigd/);
    expect(await page.locator('.cmp-column-head').allInnerTexts()).toEqual([expect.stringContaining('ADHD (jeugdhulp)'), expect.stringContaining('ADHD: signalering')]);
    await screenshot(page, '43-vergelijk-cellen');
    expect(h.problems).toEqual([]);
  });
});
