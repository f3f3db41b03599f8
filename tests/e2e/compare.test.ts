import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, screenshot, startHarness, type Harness } from './harness.js';

const STANDARD = 'richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming';
let h: Harness;
let page: Page;

/** Themes for the long middle part, so the texts are long enough to scroll. */
const THEMES = ['Signalering', 'Screening', 'Diagnostiek', 'Psycho-educatie', 'Oudertraining', 'Leerkrachtbegeleiding', 'Gedragstherapie', 'Samenwerking met school', 'Samenwerking met de huisarts', 'Monitoring', 'Nazorg', 'Transitie naar volwassenheid'];

function guideline(revised: boolean): string {
  const recommendation = revised
    ? 'De jeugdprofessional kan ouders een oudertraining aanbieden. Evalueer het effect binnen 8 weken met de ouders en de jeugdige.'
    : 'De jeugdprofessional moet ouders een oudertraining aanbieden. Evalueer het effect binnen 6 weken met de ouders en de jeugdige.';
  const moved = 'Leg de afspraken over de behandeling vast in het dossier van de jeugdige.';
  const background = revised
    ? `ADHD komt veel voor bij kinderen en jongeren. Ouders vragen vaak om ouderbegeleiding. ${moved}`
    : `${moved} ADHD komt veel voor bij kinderen en jongeren. Ouders vragen vaak om ouderbegeleiding.`;
  const themes = THEMES.map(
    (theme, i) =>
      `## 3.${i + 1} ${theme}\n\n` +
      [1, 2, 3]
        .map((p) => `Bij ${theme.toLowerCase()} bespreekt de jeugdprofessional de situatie met het gezin (alinea ${p}). De werkgroep beschrijft wat in de praktijk werkt en waar professionals op letten bij ${theme.toLowerCase()}, zodat de zorg aansluit bij de vraag van de jeugdige en de ouders.${revised && i === 9 && p === 2 ? ' Betrek ook de school bij het monitoren.' : ''}`)
        .join('\n\n'),
  );
  return [
    '# 1 Inleiding',
    'Deze richtlijn gaat over de coördinatie van zorg bij kinderen met ADHD.',
    '## 1.1 Achtergrond',
    background,
    '# 2 Behandeling',
    'Psycho-educatie is de eerste stap.',
    '## Aanbeveling 1',
    recommendation,
    revised ? '## 2.2 Medicatie' : '## 2.1 Medicatie',
    'Bespreek medicatiegebruik met ouders en school.',
    '# 3 Thema’s',
    'De thema’s hieronder volgen de hulp van signalering tot nazorg.',
    ...themes,
  ].join('\n\n');
}

async function importVersion(text: string, fileName: string, label: string, standard = STANDARD): Promise<string> {
  await page.goto(`${h.server.url}#/standaard/${standard}`);
  await page.getByRole('button', { name: 'Versie importeren' }).click();
  await page.setInputFiles('[data-testid="file-input"]', { name: fileName, mimeType: 'text/markdown', buffer: Buffer.from(text, 'utf8') });
  await page.getByLabel('Label van deze versie').fill(label);
  await page.locator('dialog').getByRole('button', { name: 'Importeren' }).click();
  await page.waitForURL(/#\/standaard\/[^/]+\/versie\/\d+$/, { timeout: 30_000 });
  await page.waitForSelector('.toc a');
  return page.url();
}

const announcement = () => page.locator('[data-testid="cmp-announcement"]').innerText();
const changeCount = async () => Number((await page.locator('#cmp-changes-title').innerText()).match(/\((\d+)\)/)?.[1] ?? -1);

/** The heading of the section on each column's reading line (a third down), for the scroll check. */
const sectionsOnReadingLine = () =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.cmp-scroll')).map((col) => {
      const line = col.getBoundingClientRect().top + 0.3 * col.clientHeight;
      const sections = Array.from(col.querySelectorAll<HTMLElement>('.cmp-section'));
      const at = sections.filter((s) => s.getBoundingClientRect().top <= line).pop();
      return { scrollTop: col.scrollTop, heading: at?.querySelector('.cmp-heading')?.textContent?.trim() ?? '' };
    }),
  );

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  await importVersion(guideline(false).replace(/moet ouders/, 'dient ouders'), 'zorgstandaard.md', 'GGZ 2019', 'zorgstandaard-adhd');
  await importVersion(guideline(false), 'richtlijn-2017.md', 'Gepubliceerd 2017');
  await importVersion(guideline(true), 'richtlijn-2026.md', 'Concept 2026');
});
afterAll(async () => {
  await h?.close();
});

describe('comparing two versions side by side', () => {
  it('opens the comparison from the reading view with "Vergelijk met…"', async () => {
    await page.getByRole('button', { name: 'Vergelijk met…' }).click();
    const dialog = page.locator('dialog.cmp-pick');
    await dialog.getByLabel('Zoek een standaard of versie').fill('2017');
    await dialog.getByRole('button', { name: 'Gepubliceerd 2017' }).click();
    await page.waitForURL(/#\/vergelijken\?links=v:\d+&rechts=v:\d+$/);
    await page.waitForSelector('[data-testid="change-list"]');
    const titles = await page.locator('.cmp-column-head').allInnerTexts();
    expect(titles[0]).toContain('ADHD (jeugdhulp)');
    expect(titles[0]).toContain('Concept 2026');
    expect(titles[1]).toContain('Gepubliceerd 2017');
    // Make the older version the left column.
    await page.getByRole('button', { name: 'Kolommen wisselen' }).click();
    await expect.poll(async () => (await page.locator('.cmp-column-head').first().innerText())).toContain('Gepubliceerd 2017');
    await page.waitForSelector('[data-testid="change-list"]');
  });

  it('flags the changed obligation word and the changed number above rewordings', async () => {
    const list = page.locator('[data-testid="change-list"]');
    await expect.poll(() => list.innerText()).toContain('Modaal woord gewijzigd');
    const modal = list.locator('li', { hasText: 'Modaal woord gewijzigd' }).first();
    expect(await modal.locator('del').innerText()).toBe('moet');
    expect(await modal.locator('ins').innerText()).toBe('kan');
    const number = list.locator('li', { hasText: 'Getal gewijzigd' }).first();
    expect(await number.locator('del').innerText()).toBe('6');
    expect(await number.locator('ins').innerText()).toBe('8');
    // In the texts: struck through on the left, inserted on the right, both flagged.
    expect(await page.locator('.cmp-column').nth(0).locator('del.cmp-deleted.sig-modaal').innerText()).toBe('moet');
    expect(await page.locator('.cmp-column').nth(1).locator('ins.cmp-inserted.sig-modaal').innerText()).toBe('kan');
    // The moved sentence is a move on both sides, linked by one id.
    const movedLeft = await page.locator('.cmp-column').nth(0).locator('.cmp-moved').first().getAttribute('data-move');
    expect(movedLeft).not.toBeNull();
    expect(await page.locator('.cmp-column').nth(1).locator(`.cmp-moved[data-move="${movedLeft}"]`).innerText()).toContain('Leg de afspraken');
    expect(await page.locator('.sig-badge.sig-verplaatst').innerText()).toMatch(/Verplaatst\s*1/);
  });

  it('steps through the changes with the keyboard and announces each', async () => {
    await page.locator('main h1').click();
    await page.keyboard.press('n');
    await expect.poll(announcement).toMatch(/^Wijziging 1 van \d+\./);
    await page.keyboard.press('n');
    await expect.poll(announcement).toMatch(/^Wijziging 2 van \d+\./);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(announcement).toMatch(/^Wijziging 3 van \d+\./);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(announcement).toMatch(/^Wijziging 2 van \d+\./);
    expect(await page.locator('.cmp-change[aria-current="true"]').count()).toBe(1);
    // The current change is marked in the text of both columns.
    expect(await page.locator('.cmp-column').nth(1).locator('.is-current').count()).toBeGreaterThan(0);
    // Step to the modal change and check it is announced as such.
    for (let i = 0; i < 10 && !/Modaal woord gewijzigd/.test(await announcement()); i++) await page.keyboard.press('n');
    expect(await announcement()).toMatch(/Modaal woord gewijzigd\. “moet” wordt “kan”, in Aanbeveling 1\./);
    await screenshot(page, 'compare');
  });

  it('ignores renumbering when asked, and keeps the choice', async () => {
    const before = await changeCount();
    expect(await page.locator('[data-testid="change-list"]').innerText()).toContain('2.1');
    await page.getByLabel('Negeer nummering').check();
    await expect.poll(changeCount).toBe(before - 1);
    expect(await page.locator('[data-testid="change-list"]').innerText()).not.toMatch(/2\.1\s*→\s*2\.2/);
    await page.reload();
    await page.waitForSelector('[data-testid="change-list"]');
    expect(await page.getByLabel('Negeer nummering').isChecked()).toBe(true);
    await page.getByLabel('Negeer nummering').uncheck();
    await expect.poll(changeCount).toBe(before);
  });

  it('scrolls the columns together by aligned sections', async () => {
    const right = page.locator('.cmp-scroll').nth(1);
    await right.hover();
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 700);
    await expect.poll(async () => (await sectionsOnReadingLine())[0]?.scrollTop ?? 0).toBeGreaterThan(1000);
    await expect.poll(async () => {
      const [l, r] = await sectionsOnReadingLine();
      return l?.heading && l.heading === r?.heading ? l.heading : `${l?.heading} ≠ ${r?.heading}`;
    }).toMatch(/^3\.\d+ /);
  });

  it('shows a third column against the chosen reference', async () => {
    await page.getByRole('button', { name: 'Kolom toevoegen…' }).click();
    const dialog = page.locator('dialog.cmp-pick');
    // Versions already shown are not offered again.
    await expect.poll(() => dialog.innerText()).toContain('GGZ 2019');
    expect(await dialog.getByRole('button', { name: 'Concept 2026' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'GGZ 2019' }).click();
    await page.waitForURL(/extra=v:\d+$/);
    await expect.poll(() => page.locator('.cmp-column').count()).toBe(3);
    await page.waitForSelector('.cmp-pairs');
    expect(await page.getByLabel('Referentie').locator('option').count()).toBe(3);
    expect(await page.locator('.cmp-column-head').nth(2).innerText()).toContain('ADHD (GGZ)');
    // The GGZ text differs from the 2017 reference by one modal word.
    await page.getByRole('button', { name: /ADHD \(GGZ\)/ }).click();
    await expect.poll(changeCount).toBe(1);
    expect(await page.locator('[data-testid="change-list"]').innerText()).toMatch(/moet\s*→\s*dient/);
    await screenshot(page, 'compare-3');
    // Another reference: the columns are compared with the GGZ text now.
    await page.getByLabel('Referentie').selectOption({ index: 2 });
    await expect.poll(async () => (await page.locator('.cmp-column-head').first().innerText())).toContain('ADHD (GGZ)');
    await page.getByRole('button', { name: 'Kolom 3 weghalen' }).click();
    await expect.poll(() => page.locator('.cmp-column').count()).toBe(2);
  });

  it('has no serious accessibility problems and ran without console errors or CSP violations', async () => {
    await page.waitForSelector('[data-testid="change-list"]');
    await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
      return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`);
    });
    expect(violations).toEqual([]);
    expect(h.problems).toEqual([]);
  });
});
