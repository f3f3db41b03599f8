import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, screenshot, startHarness, type Harness } from './harness.js';

const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
const STANDARD = 'zorgstandaard-adhd';
let h: Harness;
let page: Page;
let readingUrl = '';

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  await page.goto(`${h.server.url}#/standaard/${STANDARD}`);
  await page.getByRole('button', { name: 'Versie importeren' }).click();
  await page.setInputFiles('[data-testid="file-input"]', path.join(FIXTURES, 'richtlijn-adhd.pdf'));
  await page.locator('dialog').getByRole('button', { name: 'Importeren' }).click();
  await page.waitForURL(/versie\/\d+/, { timeout: 30_000 });
  await page.waitForSelector('.section-body p');
  readingUrl = page.url();
});
afterAll(async () => {
  await h?.close();
});

/** Selects the first occurrence of `phrase` in the reading view, as a user dragging the mouse would. */
async function select(phrase: string): Promise<void> {
  const found = await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.querySelector('.reading-text') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(text);
      if (at >= 0 && node.parentElement?.closest('.section-body')) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return true;
      }
    }
    return false;
  }, phrase);
  expect(found).toBe(true);
  await page.waitForSelector('.tag-float');
}

describe('tagging passages in browser mode', () => {
  it('tags a selected passage with the keyboard, creating a tag on the fly', async () => {
    await select('Psycho-educatie');
    await page.keyboard.press('t');
    await page.waitForSelector('dialog.tag-picker[open]');
    await page.keyboard.type('Voorlichting ouders');
    await expect.poll(() => page.locator('[cmdk-item][data-selected="true"]').innerText()).toContain('Nieuwe tag');
    await page.keyboard.press('Enter');
    // Also an existing tag from the seeded codebook (a perspective).
    await page.keyboard.type('Ervaring');
    await expect.poll(() => page.locator('[cmdk-item][data-selected="true"]').innerText()).toContain('Ervaring');
    await page.keyboard.press('Enter');
    await screenshot(page, '20-tag-kiezer');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('mark.annotation').count()).toBeGreaterThan(0);
    expect(await page.locator('mark.annotation').first().innerText()).toBe('Psycho-educatie');
    await screenshot(page, '21-getagde-passage');
  });

  it('tags a second passage by right-click and opens an annotation by clicking its highlight', async () => {
    await select('medicatie');
    await page.locator('.reading-text').click({ button: 'right', position: { x: 5, y: 5 } });
    await page.waitForSelector('dialog.tag-picker[open]');
    await page.keyboard.type('Voorlichting');
    await expect.poll(() => page.locator('[cmdk-item][data-selected="true"]').innerText()).toContain('Voorlichting ouders');
    await page.keyboard.press('Enter');
    await page.getByLabel('Notitie (optioneel)').fill('Volgorde van behandeling verschilt per standaard');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('mark.annotation').count()).toBe(2);
    await page.locator('mark.annotation', { hasText: 'medicatie' }).click();
    await expect.poll(() => page.locator('dialog .annotation-list').innerText()).toContain('Volgorde van behandeling verschilt');
    await page.locator('dialog').getByRole('button', { name: 'Sluiten' }).click();
  });

  it('finds the tagged passages through the tag view, with a jump back to the source', async () => {
    await page.goto(`${h.server.url}#/codeboek`);
    await page.getByRole('link', { name: 'Voorlichting ouders' }).click();
    await expect.poll(() => page.locator('[data-testid="passage-count"]').innerText()).toBe('2 passages in 1 standaard');
    expect(await page.locator('.passage mark').allInnerTexts()).toEqual(expect.arrayContaining(['Psycho-educatie', 'medicatie']));
    await screenshot(page, '22-passages-per-tag');
    await page.locator('.hits a', { hasText: /Concept|richtlijn/i }).first().click();
    await page.waitForURL(/versie\/\d+\?sectie=\d+/);
  });

  it('renames the tag in the codebook and still finds its passages', async () => {
    await page.goto(`${h.server.url}#/codeboek`);
    await page.getByRole('button', { name: 'Bewerken: Voorlichting ouders' }).click();
    await page.getByLabel('Naam').fill('Psycho-educatie ouders');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('[role="status"]').innerText()).toContain('Psycho-educatie ouders');
    await screenshot(page, '23-codeboek');
    await page.getByRole('link', { name: 'Psycho-educatie ouders' }).click();
    await expect.poll(() => page.locator('[data-testid="passage-count"]').innerText()).toBe('2 passages in 1 standaard');
  });

  it('combines tags (A and B, A not B) and shows the co-occurrence matrix, clickable', async () => {
    const tags = (await page.evaluate(async () => {
      const r = await fetch('/api/tags.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Richtsnoer': '1' }, body: '{}' });
      return ((await r.json()) as { value: Array<{ id: number; name: string }> }).value;
    })) as Array<{ id: number; name: string }>;
    const own = tags.find((t) => t.name === 'Psycho-educatie ouders');
    const ervaring = tags.find((t) => t.name === 'Ervaring');
    expect(own && ervaring).toBeTruthy();
    await page.goto(`${h.server.url}#/tags?all=${own?.id}&all=${ervaring?.id}`);
    await expect.poll(() => page.locator('[data-testid="passage-count"]').innerText()).toBe('1 passage in 1 standaard');
    await page.goto(`${h.server.url}#/tags?all=${own?.id}&not=${ervaring?.id}`);
    // The count is the same as for "A and B", so wait for the passage itself to change.
    await expect.poll(() => page.locator('.passage mark').allInnerTexts()).toEqual(['medicatie']);
    expect(await page.locator('[data-testid="passage-count"]').innerText()).toBe('1 passage in 1 standaard');
    await page.goto(`${h.server.url}#/tags?tab=matrix`);
    await page.waitForSelector('[data-testid="matrix"]');
    await screenshot(page, '24-samenhang');
    await page.locator('[data-testid="matrix"] a.matrix-cell').first().click();
    await expect.poll(() => page.locator('[data-testid="passage-count"]').innerText()).toMatch(/passage/);
  });

  it('moves annotations to a replacing version, and lets the user place the one whose text is gone', async () => {
    // The new version: the same text as markdown, without the section that held "medicatie".
    const versionId = Number(/versie\/(\d+)/.exec(readingUrl)?.[1]);
    const markdown = await page.evaluate(async (id) => {
      const r = await fetch('/api/versions.get', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Richtsnoer': '1' }, body: JSON.stringify({ versionId: id }) });
      const { value } = (await r.json()) as { value: { sections: Array<{ level: number; number: string | null; heading: string; text: string }> } };
      return value.sections
        .filter((s) => !s.text.includes('medicatie'))
        .map((s) => `${'#'.repeat(Math.min(6, s.level))} ${s.number ? `${s.number} ` : ''}${s.heading}\n\n${s.text}`)
        .join('\n\n');
    }, versionId);
    const file = path.join(await import('node:os').then((os) => os.tmpdir()), 'zorgstandaard-adhd-herzien.md');
    await import('node:fs').then((fs) => fs.writeFileSync(file, markdown));
    await page.goto(`${h.server.url}#/standaard/${STANDARD}`);
    await page.getByRole('button', { name: 'Versie importeren' }).click();
    await page.setInputFiles('[data-testid="file-input"]', file);
    await page.getByLabel('Vervangt deze versie een eerdere?').selectOption({ index: 1 });
    await page.locator('dialog').getByRole('button', { name: 'Importeren' }).click();
    await page.waitForURL(/verankerd=/, { timeout: 30_000 });
    await expect.poll(() => page.locator('[role="status"]').first().innerText()).toMatch(/1 precies teruggevonden.*1 niet geplaatst/s);
    // Highlights arrive with the annotations, just after the text.
    await expect.poll(() => page.locator('mark.annotation').allInnerTexts()).toEqual(['Psycho-educatie']);
    await screenshot(page, '25-nieuwe-versie-verankerd');
    await page.getByRole('link', { name: '1 niet geplaatst' }).click();
    await expect.poll(() => page.locator('.hits li').count()).toBe(1);
    await page.locator('.hits a.button').click();
    await page.waitForSelector('.placing');
    await select('ouders');
    await page.getByRole('button', { name: 'Hier plaatsen' }).click();
    await expect.poll(() => page.locator('mark.annotation').count()).toBe(2);
    await page.goto(`${h.server.url}#/tags?tab=los`);
    await expect.poll(() => page.locator('main').innerText()).toContain('Alle annotaties staan op hun plaats');
  });

  it('has no serious accessibility problems on the tagging screens, and no console errors', async () => {
    for (const screen of ['#/codeboek', '#/tags?tab=matrix', '#/tags?tab=overeenstemming', '#/tags?tab=los']) {
      await page.goto(h.server.url + screen);
      await page.waitForSelector('main h1');
      await page.evaluate(await import('node:fs').then((fs) => fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')));
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe;
        return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect({ screen, violations }).toEqual({ screen, violations: [] });
    }
    // The replaced version still opens (its annotations moved on to the new version).
    await page.goto(readingUrl);
    await page.waitForSelector('.section-body p');
    await expect.poll(() => page.locator('.annotation-bar').innerText()).toContain('0 annotaties in deze versie');
    expect(await page.locator('mark.annotation').count()).toBe(0);
    expect(h.problems).toEqual([]);
  });
});
