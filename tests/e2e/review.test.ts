/**
 * Review rounds and chains in browser mode: a round on an imported draft, a comment on a selected
 * passage and one with a free reference, a comment table read in (preview, then confirm), the
 * working group's answers, the commentaartabel exported and its rows checked; then the chain of
 * the standard with a knelpunt at procurement level and the overview per level and addressee.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocxTables, toGrid } from '../../electron/services/comment-table.js';
import { readCsv } from '../../electron/services/csv.js';
import { unzip } from '../helpers/lists.js';
import { ROOT, screenshot, SCREENSHOTS, startHarness, type Harness } from './harness.js';

const STANDARD = 'richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming';
let h: Harness;
let page: Page;

function guideline(draft: boolean): string {
  return [
    '# 1 Inleiding',
    'Deze richtlijn gaat over de coördinatie van zorg bij kinderen met ADHD.',
    '## 1.1 Achtergrond',
    'ADHD komt veel voor bij kinderen en jongeren. Ouders vragen vaak om ouderbegeleiding.',
    '# 2 Behandeling',
    'Psycho-educatie is de eerste stap.',
    '## Aanbeveling 1',
    draft
      ? 'De jeugdprofessional biedt ouders een oudertraining aan en evalueert het effect binnen 8 weken met de ouders en de jeugdige.'
      : 'De jeugdprofessional moet ouders een oudertraining aanbieden.',
    '## 2.1 Medicatie',
    'Bespreek medicatiegebruik met ouders en school.',
    '# 3 Samenwerking',
    'Maak afspraken met school en huisarts over de rolverdeling.',
  ].join('\n\n');
}

async function importVersion(text: string, fileName: string, label: string, status: 'concept' | 'gepubliceerd'): Promise<number> {
  await page.goto(`${h.server.url}#/standaard/${STANDARD}`);
  await page.getByRole('button', { name: 'Versie importeren' }).click();
  await page.setInputFiles('[data-testid="file-input"]', { name: fileName, mimeType: 'text/markdown', buffer: Buffer.from(text, 'utf8') });
  await page.getByLabel('Label van deze versie').fill(label);
  await page.locator('dialog').getByLabel('Status').selectOption(status);
  await page.locator('dialog').getByRole('button', { name: 'Importeren' }).click();
  await page.waitForURL(/#\/standaard\/[^/]+\/versie\/\d+$/, { timeout: 30_000 });
  return Number(/versie\/(\d+)$/.exec(page.url())?.[1]);
}

/** Selects `phrase` inside the draft text the way a mouse would (a DOM range), so the reading view's selection hook sees it. */
async function selectInDraft(phrase: string): Promise<void> {
  await page.evaluate((text) => {
    const root = document.querySelector('.review-draft-text');
    if (!root) throw new Error('no draft text');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`phrase not found: ${text}`);
  }, phrase);
}

async function download(button: string, file: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const target = path.join(SCREENSHOTS, file);
  await d.saveAs(target);
  return fs.readFileSync(target);
}

const counts = () => page.locator('[data-testid="review-counts"]').innerText();

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  await importVersion(guideline(false), 'richtlijn-2017.md', 'Gepubliceerd 2017', 'gepubliceerd');
  await importVersion(guideline(true), 'richtlijn-concept.md', 'Concept 2026-03', 'concept');
});
afterAll(async () => {
  await h?.close();
});

describe('review rounds in browser mode', () => {
  it('starts a round on the imported draft from the standard’s page', async () => {
    await page.goto(`${h.server.url}#/standaard/${STANDARD}`);
    await page.getByRole('link', { name: 'Commentaarronde starten' }).click();
    await page.waitForURL(/#\/rondes\?standaard=/);
    await expect.poll(() => page.getByLabel('Conceptversie').inputValue()).not.toBe('');
    expect(await page.getByLabel('Conceptversie').locator('option:checked').innerText()).toContain('Concept 2026-03');
    await page.getByLabel('Reactietermijn tot').fill('2099-06-01');
    await page.getByRole('checkbox', { name: 'NIP', exact: true }).check();
    await page.getByRole('checkbox', { name: 'NVO', exact: true }).check();
    await page.getByLabel("Andere organisaties (gescheiden door komma's)").fill('Ouderpanel ADHD');
    await page.getByRole('button', { name: 'Ronde starten' }).click();
    await page.waitForURL(/#\/ronde\/\d+$/);
    await expect.poll(counts).toContain('0 commentaren');
    expect(await page.getByRole('link', { name: 'Vergelijk met vorige versie' }).getAttribute('href')).toMatch(/^#\/vergelijken\?links=v:\d+&rechts=v:\d+$/);
    await page.getByRole('link', { name: /Organisaties en termijn/ }).click();
    await expect.poll(() => page.locator('[data-testid="invitations"] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-testid="invitations"]').innerText()).toContain('Ouderpanel ADHD');
  });

  it('comments on a selected passage of the draft and with a chapter/line reference', async () => {
    await page.getByRole('link', { name: 'Concepttekst' }).click();
    await page.waitForSelector('.review-draft-text .section-body');
    await selectInDraft('biedt ouders een oudertraining aan');
    await page.getByRole('button', { name: 'Commentaar (C)' }).click();
    const dialog = page.locator('dialog.comment-form');
    await expect.poll(() => dialog.locator('h2').innerText()).toContain('Aanbeveling 1');
    await dialog.getByLabel(/^Organisatie/).selectOption({ label: 'Nederlands Instituut van Psychologen (NIP)' });
    await dialog.getByLabel(/^Type/).selectOption('bezwaar');
    await dialog.getByLabel('Auteur (optioneel)').fill('J. de Vries');
    await dialog.getByLabel('Commentaar', { exact: true }).fill('Oudertraining is niet voor elk gezin passend; maak de aanbeveling minder stellig.');
    await dialog.getByRole('button', { name: 'Commentaar opslaan' }).click();
    await expect.poll(() => page.locator('[role="status"]').innerText()).toContain('Commentaar 1 opgeslagen');
    await expect.poll(() => page.locator('.review-draft-text mark.annotation').count()).toBe(1);
    expect(await page.locator('.review-draft-text mark.annotation').innerText()).toBe('biedt ouders een oudertraining aan');
    await page.locator('.review-draft-text mark.annotation').click();
    await expect.poll(() => page.locator('.review-opened').innerText()).toContain('Oudertraining is niet voor elk gezin passend');
    await screenshot(page, 'review-draft');
    await page.locator('.review-opened').getByRole('button', { name: 'Sluiten' }).click();

    await page.getByRole('link', { name: /^Commentaren/ }).click();
    await page.getByRole('button', { name: 'Commentaar toevoegen' }).click();
    await dialog.getByLabel(/^Organisatie/).selectOption({ label: 'Nederlandse Vereniging van Pedagogen en Onderwijskundigen (NVO)' });
    await dialog.getByLabel(/^Type/).selectOption('redactioneel');
    await dialog.getByLabel('Hoofdstuk, paragraaf of regel').fill('H2, r. 14');
    await dialog.getByLabel('Commentaar', { exact: true }).fill('Schrijf "medicatiegebruik" overal aaneen.');
    await dialog.getByRole('button', { name: 'Commentaar opslaan' }).click();
    await expect.poll(() => page.locator('[data-testid="comment-card"]').count()).toBe(2);
    expect(await page.locator('[data-testid="comment-card"]').first().innerText()).toContain('Aanbeveling 1: “biedt ouders een oudertraining aan”');
    await expect.poll(counts).toContain('2 commentaren');
  });

  it('reads in a comment table: preview with warnings, then confirm', async () => {
    await page.getByRole('link', { name: 'Commentaartabel inlezen' }).click();
    const csv =
      '\uFEFFCommentaartabel Richtlijn ADHD;;;\r\n' +
      'Organisatie;Hoofdstuk/regel;Commentaar;Type;Reactie werkgroep\r\n' +
      'Ouderpanel ADHD;H1;Leg uit wat ADHD is in gewone taal.;inhoudelijk;\r\n' +
      ';;;;\r\n' +
      'BPSW;H3;Noem ook de jeugdbeschermer als samenwerkingspartner.;I;\r\n';
    await page.setInputFiles('[data-testid="comment-table-input"]', { name: 'reacties-partijen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Voorbeeld tonen' }).click();
    const preview = page.locator('[data-testid="import-preview"]');
    await expect.poll(() => preview.count()).toBe(1);
    expect(await preview.innerText()).toContain('1 lege rij overgeslagen.');
    expect(await preview.innerText()).toContain('Leg uit wat ADHD is in gewone taal.');
    expect(await preview.innerText()).toMatch(/Nog niet uitgenodigd.*BPSW/);
    await screenshot(page, 'review-import');
    await page.getByRole('button', { name: '2 commentaren inlezen' }).click();
    await page.waitForURL(/#\/ronde\/\d+$/);
    await expect.poll(() => page.locator('[role="status"]').innerText()).toContain('2 commentaren ingelezen (nr. 3–4)');
    await expect.poll(() => page.locator('[data-testid="comment-card"]').count()).toBe(4);
  });

  it('answers comments with reactie, besluit, motivering and wijziging; counts and the unanswered list follow', async () => {
    const card = (nr: number) => page.locator('[data-testid="comment-card"]').nth(nr - 1);
    await card(1).getByRole('button', { name: /Beantwoorden/ }).click();
    await card(1).getByLabel('Reactie werkgroep').fill('De werkgroep houdt de aanbeveling aan; de onderbouwing is sterk.');
    await card(1).getByRole('radio', { name: 'Niet overgenomen' }).check();
    await card(1).getByLabel(/Motivering/).fill('Drie RCT’s laten effect zien bij alle gezinnen.');
    await card(1).getByRole('button', { name: 'Antwoord opslaan' }).click();
    await expect.poll(() => card(1).innerText()).toContain('Reactie werkgroep: De werkgroep houdt de aanbeveling aan');
    await card(2).getByRole('button', { name: /Beantwoorden/ }).click();
    await card(2).getByLabel('Reactie werkgroep').fill('Aangepast.');
    await card(2).getByRole('radio', { name: 'Overgenomen', exact: true }).check();
    await card(2).getByLabel('Wijziging in de tekst (optioneel)').fill('“medicatiegebruik” aaneengeschreven in H2');
    await card(2).getByRole('button', { name: 'Antwoord opslaan' }).click();
    await expect.poll(counts).toMatch(/2\s*beantwoord/);
    expect(await counts()).toMatch(/2\s*onbeantwoord/);
    await page.getByRole('checkbox', { name: /Alleen onbeantwoord/ }).check();
    await expect.poll(() => page.locator('[data-testid="comment-card"]').count()).toBe(2);
    expect(await page.locator('[data-testid="comment-card"] .comment-nr').allInnerTexts()).toEqual(['3', '4']);
    await page.getByRole('checkbox', { name: /Alleen onbeantwoord/ }).uncheck();
    await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    await screenshot(page, 'review-round');
  });

  it('exports the commentaartabel (CSV and Word) with the expected rows', async () => {
    const csv = readCsv((await download('Commentaartabel (CSV)', 'commentaartabel.csv')).toString('utf8'));
    expect(csv[0]?.slice(0, 6)).toEqual(['Nr', 'Organisatie', 'Passage', 'Commentaar', 'Reactie werkgroep', 'Wijziging']);
    expect(csv.slice(1).map((r) => r.slice(0, 6))).toEqual([
      ['1', 'Nederlands Instituut van Psychologen (NIP)', 'Aanbeveling 1: “biedt ouders een oudertraining aan”', 'Oudertraining is niet voor elk gezin passend; maak de aanbeveling minder stellig.', 'De werkgroep houdt de aanbeveling aan; de onderbouwing is sterk.', ''],
      ['2', 'Nederlandse Vereniging van Pedagogen en Onderwijskundigen (NVO)', 'H2, r. 14', 'Schrijf "medicatiegebruik" overal aaneen.', 'Aangepast.', '“medicatiegebruik” aaneengeschreven in H2'],
      ['3', 'Ouderpanel ADHD', 'H1', 'Leg uit wat ADHD is in gewone taal.', '', ''],
      ['4', 'Beroepsvereniging van Professionals in Sociaal Werk (BPSW)', 'H3', 'Noem ook de jeugdbeschermer als samenwerkingspartner.', '', ''],
    ]);
    expect(csv[1]?.[7]).toBe('Niet overgenomen');
    const docx = await download('Commentaartabel (Word)', 'commentaartabel.docx');
    const [table] = readDocxTables(unzip(docx).get('word/document.xml')?.toString('utf8') ?? '').map(toGrid);
    const rows = (table ?? []).map((r) => r.map((c) => c.text));
    expect(rows[0]).toEqual(['Nr', 'Organisatie', 'Passage', 'Commentaar', 'Reactie werkgroep', 'Wijziging']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    expect(rows[1]?.[4]).toBe('Niet overgenomen\nDe werkgroep houdt de aanbeveling aan; de onderbouwing is sterk.\nMotivering: Drie RCT’s laten effect zien bij alle gezinnen.');
    expect(rows[3]?.[4]).toBe('Nog niet beantwoord');
  });

  it('closing the round settles who did not respond; the rounds list shows the progress', async () => {
    await page.getByRole('link', { name: /Organisaties en termijn/ }).click();
    await page.getByLabel('Status van de ronde').selectOption('gesloten');
    await page.getByRole('button', { name: 'Ronde opslaan' }).click();
    await expect.poll(() => page.locator('[role="status"]').innerText()).toContain('Ronde gesloten');
    await page.goto(`${h.server.url}#/rondes`);
    const row = page.locator('[data-testid="review-rounds"] tbody tr').first();
    await expect.poll(() => row.innerText()).toContain('Gesloten');
    expect(await row.innerText()).toMatch(/4 van 4\s+4\s+2/);
  });
});

describe('the chain of a standard', () => {
  it('adds a recommendation from the text with its preconditions, and shows the knelpunten per level and addressee', async () => {
    await page.goto(`${h.server.url}#/standaard/${STANDARD}`);
    await page.getByRole('link', { name: 'Keten en knelpunten' }).click();
    await page.waitForURL(/#\/keten\?standaard=/);
    await page.getByText('Aanbeveling toevoegen').click();
    const from = page.getByLabel(/Uit de tekst/);
    await expect.poll(() => from.locator('option').count()).toBeGreaterThan(1);
    await from.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).first().click();
    await expect.poll(() => page.locator('[data-testid="chain-table"] .chain-rec-label').count()).toBe(1);

    const add = async (kind: string, text: string, level: string, status: string, addressees: string[]) => {
      await page.getByRole('button', { name: /Randvoorwaarde toevoegen/ }).click();
      await page.getByLabel('Soort randvoorwaarde (nieuw)').selectOption({ label: kind });
      await page.getByLabel('Randvoorwaarde (nieuw)', { exact: true }).fill(text);
      await page.getByLabel('Niveau (nieuw)', { exact: true }).selectOption({ label: level });
      await page.getByLabel('Status (nieuw)', { exact: true }).selectOption({ label: status });
      for (const a of addressees) await page.locator('.chain-add-row').getByRole('checkbox', { name: a }).check();
      await page.getByRole('button', { name: 'Toevoegen', exact: true }).last().click();
      await expect.poll(() => page.locator('[role="status"]').innerText()).toContain('Randvoorwaarde toegevoegd');
    };
    await add('Financiering', 'Oudertraining wordt vergoed in het inkoopcontract', 'Gemeente / inkoop', 'Knelpunt', ['Gemeenten', 'Rijk']);
    await expect.poll(() => page.locator('[data-testid="chain-link"]').count()).toBe(1);
    await add('Scholing', 'Jeugdprofessionals zijn getraind in oudertraining', 'Team', 'Geregeld', ['Beroepsverenigingen']);
    await expect.poll(() => page.locator('[data-testid="chain-link"]').count()).toBe(2);

    // A procurement clause as evidence: it then shows as a procurement item resting on the recommendation.
    const first = page.locator('[data-testid="chain-link"]').first();
    await first.getByRole('button', { name: /\+ bewijs/ }).click();
    await first.getByLabel('Soort bewijs').selectOption({ label: 'Inkoopafspraak' });
    await first.getByLabel('Verwijzing').fill('Inkoopkader Jeugd Rijnmond 2026, art. 4.2');
    await first.getByLabel('Tekst of toelichting').fill('Tarief dekt 2 uur oudertraining');
    await first.getByRole('button', { name: 'Bewijs toevoegen' }).click();
    await expect.poll(() => page.locator('.chain-procurement').innerText()).toContain('Inkoopkader Jeugd Rijnmond 2026, art. 4.2: Tarief dekt 2 uur oudertraining');

    const bottlenecks = page.locator('[data-testid="bottlenecks"]');
    await expect.poll(() => bottlenecks.innerText()).toMatch(/1\s*randvoorwaarde is een knelpunt · 1 geregeld · 0 onbekend/);
    const perLevel = bottlenecks.getByRole('table', { name: 'Knelpunten per niveau' });
    expect(await perLevel.getByRole('row', { name: /Gemeente \/ inkoop/ }).innerText()).toMatch(/Gemeente \/ inkoop\s+1\s+Oudertraining wordt vergoed/);
    expect(await perLevel.getByRole('row', { name: /^Team/ }).innerText()).toMatch(/Team\s+0/);
    const perAddressee = bottlenecks.getByRole('table', { name: 'Knelpunten per adressaat' });
    expect(await perAddressee.getByRole('row', { name: /^Gemeenten/ }).innerText()).toMatch(/Gemeenten\s+1/);
    expect(await perAddressee.getByRole('row', { name: /^Rijk/ }).innerText()).toMatch(/Rijk\s+1/);
    expect(await perAddressee.getByRole('row', { name: /^Beroepsverenigingen/ }).innerText()).toMatch(/Beroepsverenigingen\s+0/);
    await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    await screenshot(page, 'chain');

    // The programme-wide overview counts the same knelpunt.
    await page.goto(`${h.server.url}#/keten`);
    await expect.poll(() => page.locator('[data-testid="bottlenecks"]').innerText()).toMatch(/1\s*randvoorwaarde is een knelpunt/);
    await screenshot(page, 'chain-overview');
    const csv = readCsv((await download('Exporteren (CSV)', 'keten.csv')).toString('utf8'));
    expect(csv.slice(1).map((r) => [r[3], r[4], r[6]])).toEqual([
      ['Oudertraining wordt vergoed in het inkoopcontract', 'Gemeente / inkoop', 'Knelpunt'],
      ['Jeugdprofessionals zijn getraind in oudertraining', 'Team', 'Geregeld'],
    ]);
  });

  it('has no serious accessibility problems and ran without console errors', async () => {
    const axeSource = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const check = async () => {
      await page.evaluate(axeSource);
      return page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
        return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`);
      });
    };
    await page.goto(`${h.server.url}#/keten?standaard=${STANDARD}`);
    await page.waitForSelector('[data-testid="chain-table"]');
    expect(await check()).toEqual([]);
    await page.goto(`${h.server.url}#/ronde/1`);
    await page.waitForSelector('[data-testid="comment-card"]');
    expect(await check()).toEqual([]);
    await page.goto(`${h.server.url}#/rondes`);
    await page.waitForSelector('[data-testid="review-rounds"]');
    expect(await check()).toEqual([]);
    expect(h.problems).toEqual([]);
  });
});
