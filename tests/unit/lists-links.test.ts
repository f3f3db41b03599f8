/**
 * Links from list items to passages keep working when a standard gets a new version: a link to an
 * annotation follows the annotation when the replacing import re-anchors it; a link to a fixed
 * span of the old version says a newer version exists; a link whose target is gone is reported as
 * broken with its quote kept — never dropped.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../common/document.js';
import type { BdlItem, BdlList, PassageLink } from '../../common/lists.js';
import type { Annotation } from '../../common/tags.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { base64, importText, waitForJob } from '../helpers/documents.js';
import { makeItem, makeList } from '../helpers/lists.js';
import { annotate, sectionByHeading, spanOf, tagIdOf } from '../helpers/tags.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const ADHD = data.standards.find((s) => s.catalogueId === 'KS001')?.id ?? '';
const ADHD_TITLE = data.standards.find((s) => s.catalogueId === 'KS001')?.title ?? '';

const V1 = `# 1 Inleiding
Deze richtlijn gaat over kinderen met ADHD en hun ouders.

# 2 Behandeling
Psycho-educatie is de eerste stap. Bied ouders een training aan. Evalueer na drie maanden of de klachten afnemen.

## 2.1 Medicatie
Bespreek medicatiegebruik met ouders en school. Start met een lage dosering methylfenidaat.
`;

// A revision that pushes "Behandeling" to chapter 3 and inserts text before the quote.
const V2 = `# 1 Inleiding
Deze richtlijn gaat over kinderen met ADHD en hun ouders.

# 2 Signalering
Signalering gebeurt op school en in de jeugdgezondheidszorg.

# 3 Behandeling
Eerst wordt de hulpvraag verhelderd. Psycho-educatie is de eerste stap. Bied ouders een training aan. Evalueer na drie maanden of de klachten afnemen.

## 3.1 Medicatie
Bespreek medicatiegebruik met ouders en school.
`;

let ws: TestWorkspace;
let v1: number;
let list: BdlList;
let item: BdlItem;
beforeEach(async () => {
  ws = seededWorkspace();
  v1 = (await importText(ws, ADHD, V1, '2017')).versionId as number;
  list = makeList(ws);
  item = makeItem(ws, list.id, 'Bied ouders een training aan');
});
afterEach(() => ws.cleanup());

const linksOf = (itemId: number): PassageLink[] => ws.ok<{ items: BdlItem[] }>('lists.get', { listId: list.id }).items.find((i) => i.id === itemId)?.links ?? [];

async function importReplacing(text: string, label: string, replacesVersionId?: number): Promise<number> {
  const started = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName: `richtlijn-${label}.md`, dataBase64: base64(text), label, status: 'gepubliceerd', ...(replacesVersionId ? { replacesVersionId } : {}) });
  const done = await waitForJob(ws, started.id);
  expect(done.state).toBe('klaar');
  return done.versionId as number;
}

describe('links to passages', () => {
  it('a link shows standard, version, section and quote', () => {
    const section = sectionByHeading(ws, v1, 'Behandeling');
    const linked = ws.ok<BdlItem>('items.addLink', { itemId: item.id, ...spanOf(section, 'Bied ouders een training aan.') });
    expect(linked.links).toEqual([
      {
        id: expect.any(Number),
        kind: 'passage',
        annotationId: null,
        sectionId: section.id,
        standardId: ADHD,
        standardTitle: ADHD_TITLE,
        versionId: v1,
        versionLabel: '2017',
        sectionNumber: '2',
        sectionHeading: 'Behandeling',
        quote: 'Bied ouders een training aan.',
        newerVersion: null,
        broken: false,
        brokenReason: null,
      },
    ]);
  });

  it('a link to an annotation follows it when a new version replaces the old one; a span link says a newer version exists', async () => {
    const section = sectionByHeading(ws, v1, 'Behandeling');
    const annotation = annotate(ws, section, 'Bied ouders een training aan.', [tagIdOf(ws, 'Leerlijnen/Informele steun')]);
    ws.ok('items.addLink', { itemId: item.id, annotationId: annotation.id });
    ws.ok('items.addLink', { itemId: item.id, ...spanOf(section, 'Psycho-educatie is de eerste stap.') });

    const v2 = await importReplacing(V2, '2025', v1);
    const moved = sectionByHeading(ws, v2, 'Behandeling');
    const [followed, fixed] = linksOf(item.id);
    expect(followed).toMatchObject({
      kind: 'annotatie',
      annotationId: annotation.id,
      versionId: v2,
      versionLabel: '2025',
      sectionId: moved.id,
      sectionNumber: '3',
      quote: 'Bied ouders een training aan.',
      newerVersion: null,
      broken: false,
    });
    expect(fixed).toMatchObject({ kind: 'passage', versionId: v1, versionLabel: '2017', sectionNumber: '2', quote: 'Psycho-educatie is de eerste stap.', newerVersion: { id: v2, label: '2025' }, broken: false });
    // The stored snapshot followed too (so it survives a later delete of the annotation).
    expect(ws.db.prepare('SELECT version_id, section_id, version_label, section_number FROM bdl_item_link WHERE annotation_id = ?').get(annotation.id)).toEqual({ version_id: v2, section_id: moved.id, version_label: '2025', section_number: '3' });
  });

  it('a link to an annotation changed by re-anchoring shows the new text', async () => {
    const section = sectionByHeading(ws, v1, 'Medicatie');
    const annotation = annotate(ws, section, 'Start met een lage dosering methylfenidaat.', [tagIdOf(ws, 'Leerlijnen/Informele steun')]);
    ws.ok('items.addLink', { itemId: item.id, annotationId: annotation.id });
    await importReplacing(V2, '2025', v1);
    // The sentence is gone from v2: the annotation is 'los', the link is broken but keeps its quote.
    const [link] = linksOf(item.id);
    expect(link).toMatchObject({ annotationId: annotation.id, broken: true, brokenReason: expect.stringMatching(/niet geplaatst/), quote: 'Start met een lage dosering methylfenidaat.' });
  });

  it('an import without replacesVersionId leaves links on the old version and flags the newer one', async () => {
    const section = sectionByHeading(ws, v1, 'Behandeling');
    const annotation = annotate(ws, section, 'Bied ouders een training aan.', [tagIdOf(ws, 'Leerlijnen/Informele steun')]);
    ws.ok('items.addLink', { itemId: item.id, annotationId: annotation.id });
    const v2 = await importReplacing(V2, '2025');
    expect(linksOf(item.id)[0]).toMatchObject({ versionId: v1, newerVersion: { id: v2, label: '2025' }, broken: false });
  });

  it('a deleted annotation or version leaves a broken link with its quote, never a dropped one', () => {
    const section = sectionByHeading(ws, v1, 'Behandeling');
    const annotation = annotate(ws, section, 'Bied ouders een training aan.', [tagIdOf(ws, 'Leerlijnen/Informele steun')]);
    ws.ok('items.addLink', { itemId: item.id, annotationId: annotation.id });
    ws.ok('items.addLink', { itemId: item.id, ...spanOf(section, 'Psycho-educatie is de eerste stap.') });
    ws.ok('annotations.delete', { id: annotation.id });
    expect(linksOf(item.id)[0]).toMatchObject({ kind: 'annotatie', annotationId: null, broken: true, brokenReason: expect.stringMatching(/verwijderd/), quote: 'Bied ouders een training aan.', standardTitle: ADHD_TITLE, versionLabel: '2017' });

    ws.ok('versions.delete', { versionId: v1 });
    const links = linksOf(item.id);
    expect(links).toHaveLength(2);
    expect(links[1]).toMatchObject({ kind: 'passage', versionId: null, sectionId: null, broken: true, brokenReason: expect.stringMatching(/versie van de standaard is verwijderd/), quote: 'Psycho-educatie is de eerste stap.', versionLabel: '2017', sectionHeading: 'Behandeling' });
  });

  it('a span link on text a structure edit changed is reported as needing attention', () => {
    const section = sectionByHeading(ws, v1, 'Behandeling');
    ws.ok('items.addLink', { itemId: item.id, ...spanOf(section, 'Evalueer na drie maanden') });
    const at = section.text.indexOf('Bied ouders');
    ws.ok('sections.split', { sectionId: section.id, atOffset: at, heading: 'Training' });
    expect(linksOf(item.id)[0]).toMatchObject({ broken: true, brokenReason: expect.stringMatching(/tekst van de sectie is gewijzigd/), quote: 'Evalueer na drie maanden' });
  });

  it('creates an item from a tagged passage: the statement is the quote and the annotation is linked', () => {
    const section = sectionByHeading(ws, v1, 'Medicatie');
    const annotation: Annotation = annotate(ws, section, 'Bespreek medicatiegebruik met ouders en school.', [tagIdOf(ws, 'Leerlijnen/Informele steun')]);
    const made = ws.ok<BdlItem>('items.createFromAnnotation', { listId: list.id, annotationId: annotation.id, category: 'beter_laten' });
    expect(made).toMatchObject({ category: 'beter_laten', statement: 'Bespreek medicatiegebruik met ouders en school.', status: 'concept', ordinal: 0 });
    expect(made.links).toMatchObject([{ kind: 'annotatie', annotationId: annotation.id, sectionHeading: 'Medicatie', sectionNumber: '2.1', broken: false }]);
  });

  it('refuses a quote that is not the text, a duplicate link, and an unknown annotation, writing nothing', () => {
    const section = sectionByHeading(ws, v1, 'Behandeling');
    const annotation = annotate(ws, section, 'Bied ouders een training aan.', [tagIdOf(ws, 'Leerlijnen/Informele steun')]);
    ws.ok('items.addLink', { itemId: item.id, annotationId: annotation.id });
    const cases: Array<[unknown, string, RegExp]> = [
      [{ itemId: item.id, annotationId: annotation.id }, 'CONFLICT', /al aan het item gekoppeld/],
      [{ itemId: item.id, annotationId: '00000000-0000-0000-0000-000000000000' }, 'NIET_GEVONDEN', /bestaat niet/],
      [{ itemId: item.id, ...spanOf(section, 'Bied ouders'), quote: 'Iets anders' }, 'CONFLICT', /komt niet overeen/],
      [{ itemId: item.id, annotationId: annotation.id, sectionId: section.id }, 'ONGELDIGE_INVOER', /niet allebei/],
      [{ itemId: item.id }, 'ONGELDIGE_INVOER', /Kies een annotatie/],
    ];
    for (const [args, code, message] of cases) {
      const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
      expect(ws.call('items.addLink', args)).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
      expect(totalChanges(ws.db)).toBe(before.changes);
      expect(dumpTables(ws.db)).toEqual(before.dump);
    }
    const link = linksOf(item.id)[0] as PassageLink;
    expect(ws.ok<BdlItem>('items.removeLink', { linkId: link.id }).links).toEqual([]);
  });
});
