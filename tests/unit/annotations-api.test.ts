/**
 * Annotations through the api with the real importers: creating (offsets checked against the
 * stored text), editing by the author only, listing, structure edits that move the text under
 * them, deleting a version, and re-anchoring when a new version replaces an old one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../common/catalogue.js';
import type { ImportJob } from '../../common/document.js';
import type { Annotation, Tag, UnplacedAnnotation } from '../../common/tags.js';
import type { VersionWithSections } from '../../electron/services/documents.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { base64, importText, waitForJob } from '../helpers/documents.js';
import { annotate, checkAnnotations, sectionByHeading, spanOf, tagIdOf } from '../helpers/tags.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const ADHD = data.standards.find((s) => s.catalogueId === 'KS001')?.id ?? '';
const OTHER = data.standards.find((s) => s.catalogueId === 'KS003')?.id ?? '';

const V1 = `# 1 Inleiding
Deze richtlijn gaat over kinderen met ADHD en hun ouders.

# 2 Behandeling
Psycho-educatie is de eerste stap. Bied ouders een training aan. Evalueer na drie maanden of de klachten afnemen.

## 2.1 Medicatie
Bespreek medicatiegebruik met ouders en school. Start met een lage dosering methylfenidaat.

# 3 Samenwerking
Werk samen met school en huisarts. Leg afspraken vast in het dossier.
`;

// A revision: a sentence inserted before one quote, words inserted inside another, text appended
// after a third, one passage deleted, and a new chapter pushing the numbering down.
const V2 = `# 1 Inleiding
Deze richtlijn gaat over kinderen met ADHD en hun ouders.

# 2 Nieuw hoofdstuk
Signalering gebeurt op school en in de jeugdgezondheidszorg.

# 3 Behandeling
Eerst wordt de hulpvraag samen met het gezin verhelderd. Psycho-educatie is de eerste stap. Bied ouders altijd een training aan. Evalueer na drie maanden of de klachten afnemen.

## 3.1 Medicatie
Bespreek medicatiegebruik met ouders en school.

# 4 Samenwerking
Werk samen met school en huisarts. Leg afspraken vast in het dossier. Betrek ook de gemeente.
`;

let ws: TestWorkspace;
let v1: number;
let INFORMEEL: number;
let VEILIGHEID: number;
let ERVARING: number;

beforeEach(async () => {
  ws = seededWorkspace();
  v1 = (await importText(ws, ADHD, V1, '2017')).versionId as number;
  INFORMEEL = tagIdOf(ws, 'Leerlijnen/Informele steun');
  VEILIGHEID = tagIdOf(ws, 'Leerlijnen/Veiligheid');
  ERVARING = tagIdOf(ws, 'Perspectieven/Ervaring');
});
afterEach(() => ws.cleanup());

const section = (heading: string, versionId = v1) => sectionByHeading(ws, versionId, heading);
const listFor = (versionId: number, author?: string) => ws.ok<Annotation[]>('annotations.listForVersion', author ? { versionId, author } : { versionId });

/** A call that must fail with code and message and write nothing at all. */
function refused(method: string, args: unknown, code: string, message: RegExp): void {
  const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
  const result = ws.call(method, args);
  expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
  expect(totalChanges(ws.db)).toBe(before.changes);
  expect(dumpTables(ws.db)).toEqual(before.dump);
}

describe('creating annotations', () => {
  it('keeps quote, offsets, context, note, author, date and tags, with an audit entry', () => {
    ws.ok('settings.setUserName', { name: 'Sanne' });
    const behandeling = section('Behandeling');
    const quote = 'Bied ouders een training aan.';
    const a = annotate(ws, behandeling, quote, [INFORMEEL, ERVARING], { note: '  Vergelijk met JGZ  ' });
    expect(a).toMatchObject({
      standardId: ADHD,
      versionId: v1,
      sectionId: behandeling.id,
      start: behandeling.text.indexOf(quote),
      end: behandeling.text.indexOf(quote) + quote.length,
      quote,
      originalQuote: null,
      prefix: 'Psycho-educatie is de eerste stap. ',
      suffix: ' Evalueer na drie maanden of de klachten',
      sectionNumber: '2',
      sectionHeading: 'Behandeling',
      note: 'Vergelijk met JGZ',
      author: 'Sanne',
      anchorState: 'geplaatst',
      anchoredFromVersionId: null,
    });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.createdAt).toBe(a.updatedAt);
    // Tags in codebook order: leerlijnen before perspectives.
    expect(a.tags.map((t) => t.path)).toEqual(['Leerlijnen/Informele steun', 'Perspectieven/Ervaring']);
    expect(behandeling.text.slice(a.start ?? 0, a.end ?? 0)).toBe(quote);
    const [entry] = ws.ok<AuditEntry[]>('audit.list', { entity: 'annotation', entityId: a.id });
    expect(entry).toMatchObject({ actor: 'Sanne', action: 'aangemaakt', details: { citaat: quote, tags: [INFORMEEL, ERVARING], versionId: v1 } });
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    checkAnnotations(ws.db);
  });

  it('trims white space off the ends of a selection', () => {
    const behandeling = section('Behandeling');
    const at = behandeling.text.indexOf(' Bied ouders');
    const a = ws.ok<Annotation>('annotations.create', { sectionId: behandeling.id, start: at, end: at + 31, quote: behandeling.text.slice(at, at + 31), tagIds: [INFORMEEL] });
    expect(a).toMatchObject({ start: at + 1, end: at + 30, quote: 'Bied ouders een training aan.' });
  });

  it('makes tags on the fly from names and paths, reusing existing ones whatever their case', () => {
    const before = ws.ok<Tag[]>('tags.list').length;
    const a = annotate(ws, section('Medicatie'), 'Start met een lage dosering methylfenidaat.', [], { newTagNames: ['Medicatie', 'leerlijnen/informele steun', 'Eigen codes/Dosering/Start'] });
    expect(a.tags.map((t) => t.path)).toEqual(['Leerlijnen/Informele steun', 'Medicatie', 'Eigen codes/Dosering/Start']);
    const tags = ws.ok<Tag[]>('tags.list');
    expect(tags.length).toBe(before + 4);
    expect(tags.find((t) => t.path === 'Eigen codes/Dosering/Start')).toMatchObject({ origin: 'eigen', depth: 2, annotationCount: 1 });
    expect(tags.find((t) => t.path === 'Eigen codes')).toMatchObject({ annotationCount: 0, totalAnnotationCount: 1, childCount: 1 });
    const created = ws.ok<AuditEntry[]>('audit.list', { entity: 'tag' }).map((e) => e.details.pad);
    expect(created).toEqual(expect.arrayContaining(['Medicatie', 'Eigen codes', 'Eigen codes/Dosering', 'Eigen codes/Dosering/Start']));
  });

  it('refuses a selection that is not the stored text, and writes nothing', () => {
    const behandeling = section('Behandeling');
    const span = spanOf(behandeling, 'Bied ouders een training aan.');
    refused('annotations.create', { ...span, quote: 'Bied ouders een cursus aan.', tagIds: [INFORMEEL] }, 'CONFLICT', /komt niet overeen met de tekst van de sectie/);
    refused('annotations.create', { ...span, start: span.start + 1, tagIds: [INFORMEEL] }, 'CONFLICT', /Laad de sectie opnieuw/);
    refused('annotations.create', { ...span, end: behandeling.text.length + 5, tagIds: [INFORMEEL] }, 'ONGELDIGE_INVOER', /Einde: Het einde ligt voorbij de tekst van de sectie \(\d+ tekens\)/);
    refused('annotations.create', { sectionId: behandeling.id, start: 34, end: 35, quote: ' ', tagIds: [INFORMEEL] }, 'ONGELDIGE_INVOER', /niet alleen witruimte/);
    refused('annotations.create', { ...span, tagIds: [999_999] }, 'NIET_GEVONDEN', /geen tag met nummer 999999/);
    refused('annotations.create', { ...span, sectionId: 999_999, tagIds: [INFORMEEL] }, 'NIET_GEVONDEN', /geen sectie met nummer 999999/);
    refused('annotations.create', { ...span, tagIds: [] }, 'ONGELDIGE_INVOER', /Tags: Kies minstens één tag, of maak er een/);
    refused('annotations.create', { ...span, start: 10, end: 5, tagIds: [INFORMEEL] }, 'ONGELDIGE_INVOER', /Einde: Het einde van de selectie ligt na het begin/);
    refused('annotations.create', { ...span, tagIds: [INFORMEEL], newTagNames: ['Goed', 'Fout//pad'] }, 'ONGELDIGE_INVOER', /Nieuwe tags: Geef een naam, of een pad van namen/);
  });

  it('refuses a selection edge in the middle of a surrogate pair (half an emoji)', async () => {
    const version = (await importText(ws, ADHD, '# Emoji\nOuders 😀 tevreden.', 'emoji')).versionId as number;
    const emoji = sectionByHeading(ws, version, 'Emoji');
    const at = emoji.text.indexOf('😀');
    refused('annotations.create', { sectionId: emoji.id, start: at + 1, end: at + 5, quote: emoji.text.slice(at + 1, at + 5), tagIds: [INFORMEEL] }, 'ONGELDIGE_INVOER', /midden in een teken/);
    const ok = ws.ok<Annotation>('annotations.create', { sectionId: emoji.id, start: at, end: at + 2, quote: '😀', tagIds: [INFORMEEL] });
    expect(ok).toMatchObject({ start: at, end: at + 2, quote: '😀' });
  });
});

describe('editing, deleting and listing', () => {
  it('update changes note and tags (tagIds replaces the set) with an audit diff; the same values write nothing', () => {
    const a = annotate(ws, section('Behandeling'), 'Bied ouders een training aan.', [INFORMEEL]);
    const updated = ws.ok<Annotation>('annotations.update', { id: a.id, note: 'Nieuwe notitie', tagIds: [VEILIGHEID, INFORMEEL], newTagNames: ['Training'] });
    expect(updated.note).toBe('Nieuwe notitie');
    expect(updated.tags.map((t) => t.path)).toEqual(['Leerlijnen/Informele steun', 'Leerlijnen/Veiligheid', 'Training']);
    expect(updated.updatedAt >= a.updatedAt).toBe(true);
    const [entry] = ws.ok<AuditEntry[]>('audit.list', { entity: 'annotation', entityId: a.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'gewijzigd', details: { notitie: { van: null, naar: 'Nieuwe notitie' }, nieuweTags: ['Training'] } });
    const changes = totalChanges(ws.db);
    expect(ws.ok<Annotation>('annotations.update', { id: a.id, note: ' Nieuwe notitie ', tagIds: updated.tags.map((t) => t.id) })).toEqual(updated);
    expect(totalChanges(ws.db)).toBe(changes);
    expect(ws.ok<Annotation>('annotations.update', { id: a.id, note: '' }).note).toBeNull();
    refused('annotations.update', { id: a.id, tagIds: [] }, 'ONGELDIGE_INVOER', /minstens één tag/);
  });

  it('only the author changes, places or deletes an annotation', () => {
    ws.ok('settings.setUserName', { name: 'Sanne' });
    const a = annotate(ws, section('Behandeling'), 'Bied ouders een training aan.', [INFORMEEL]);
    ws.ok('settings.setUserName', { name: 'Ahmed' });
    refused('annotations.update', { id: a.id, note: 'van Ahmed' }, 'CONFLICT', /Deze annotatie is van Sanne/);
    refused('annotations.delete', { id: a.id }, 'CONFLICT', /Alleen de auteur/);
    refused('annotations.place', { id: a.id, ...spanOf(section('Inleiding'), 'ADHD') }, 'CONFLICT', /van Sanne/);
    // Ahmed tags the same words independently.
    const mine = annotate(ws, section('Behandeling'), 'Bied ouders een training aan.', [VEILIGHEID]);
    expect(mine.author).toBe('Ahmed');
    expect(listFor(v1).map((x) => x.author)).toEqual(['Sanne', 'Ahmed']);
    expect(listFor(v1, 'Sanne').map((x) => x.id)).toEqual([a.id]);
    expect(ws.ok('analysis.authors', { versionId: v1 })).toEqual([
      { author: 'Ahmed', annotationCount: 1 },
      { author: 'Sanne', annotationCount: 1 },
    ]);
  });

  it('delete removes the annotation and its tags; the audit keeps what was deleted', () => {
    const a = annotate(ws, section('Behandeling'), 'Bied ouders een training aan.', [INFORMEEL], { note: 'weg' });
    expect(ws.ok('annotations.delete', { id: a.id })).toEqual({ deleted: a.id });
    expect(listFor(v1)).toEqual([]);
    expect(ws.db.prepare('SELECT count(*) AS n FROM annotation_tag').get()).toEqual({ n: 0 });
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'annotation', entityId: a.id, limit: 1 })[0]).toMatchObject({ action: 'verwijderd', details: { citaat: a.quote, notitie: 'weg', tags: [INFORMEEL] } });
    refused('annotations.delete', { id: a.id }, 'NIET_GEVONDEN', /bestaat niet \(meer\)/);
  });

  it('listForVersion is in reading order: by section, then offset', () => {
    const c = annotate(ws, section('Samenwerking'), 'huisarts', [INFORMEEL]);
    const b = annotate(ws, section('Behandeling'), 'Evalueer na drie maanden', [INFORMEEL]);
    const a = annotate(ws, section('Behandeling'), 'Psycho-educatie', [INFORMEEL]);
    expect(listFor(v1).map((x) => x.id)).toEqual([a.id, b.id, c.id]);
  });
});

describe('structure edits keep annotations on their words', () => {
  it('merge: the second section’s annotations move into the first, shifted past its text and the kept heading', () => {
    const first = annotate(ws, section('Behandeling'), 'Evalueer na drie maanden', [INFORMEEL]);
    const second = annotate(ws, section('Medicatie'), 'Start met een lage dosering methylfenidaat.', [VEILIGHEID]);
    const behandeling = section('Behandeling');
    const result = ws.ok<VersionWithSections>('sections.mergeWithPrevious', { sectionId: section('Medicatie').id });
    expect(result.unplacedAnnotations).toBeUndefined();
    const merged = result.sections.find((s) => s.id === behandeling.id);
    const moved = listFor(v1).find((x) => x.id === second.id) as Annotation;
    // "first text" + "\n\n" + heading line "2.1 Medicatie" + "\n\n" + the second text.
    expect(moved).toMatchObject({ sectionId: behandeling.id, start: (second.start ?? 0) + behandeling.text.length + 2 + '2.1 Medicatie'.length + 2, sectionHeading: 'Behandeling', anchorState: 'geplaatst' });
    expect(merged?.text.slice(moved.start ?? 0, moved.end ?? 0)).toBe(second.quote);
    expect(moved.prefix).toBe('2.1 Medicatie\n\nBespreek medicatiegebruik met ouders en school. '.slice(-40));
    expect(listFor(v1).find((x) => x.id === first.id)).toMatchObject({ start: first.start, end: first.end });
    checkAnnotations(ws.db);
  });

  it('split: annotations after the split point move to the new section; before it they stay', () => {
    const behandeling = section('Behandeling');
    const before = annotate(ws, behandeling, 'Psycho-educatie is de eerste stap.', [INFORMEEL]);
    const after = annotate(ws, behandeling, 'Evalueer na drie maanden', [VEILIGHEID]);
    const cut = behandeling.text.indexOf('Evalueer');
    const result = ws.ok<VersionWithSections>('sections.split', { sectionId: behandeling.id, atOffset: cut, heading: 'Evaluatie' });
    const evaluatie = result.sections.find((s) => s.heading === 'Evaluatie');
    expect(evaluatie?.text).toBe('Evalueer na drie maanden of de klachten afnemen.');
    expect(listFor(v1).find((x) => x.id === after.id)).toMatchObject({ sectionId: evaluatie?.id, start: 0, end: 24, sectionHeading: 'Evaluatie', prefix: '', anchorState: 'geplaatst' });
    expect(listFor(v1).find((x) => x.id === before.id)).toMatchObject({ sectionId: behandeling.id, start: before.start, end: before.end });
    checkAnnotations(ws.db);
  });

  it('split through an annotation leaves it "los" (not clipped), reports it, and its author places it again', () => {
    const behandeling = section('Behandeling');
    const through = annotate(ws, behandeling, 'Bied ouders een training aan. Evalueer na drie maanden', [INFORMEEL], { note: 'over de grens' });
    const result = ws.ok<VersionWithSections>('sections.split', { sectionId: behandeling.id, atOffset: behandeling.text.indexOf('Evalueer'), heading: 'Evaluatie' });
    expect(result.unplacedAnnotations).toBe(1);
    const loose = listFor(v1).find((x) => x.id === through.id) as Annotation;
    expect(loose).toMatchObject({ anchorState: 'los', versionId: v1, sectionId: null, start: null, end: null, quote: through.quote, note: 'over de grens', sectionHeading: 'Behandeling' });
    expect(loose.tags.map((t) => t.id)).toEqual([INFORMEEL]);
    expect(ws.ok<UnplacedAnnotation[]>('annotations.unplaced', { standardId: ADHD })).toEqual([expect.objectContaining({ id: through.id, standardTitle: expect.stringContaining('ADHD'), versionLabel: '2017' })]);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'document_version', entityId: String(v1), limit: 1 })[0]?.details).toMatchObject({ annotatiesLos: 1 });

    const placed = ws.ok<Annotation>('annotations.place', { id: through.id, ...spanOf(section('Behandeling'), 'Bied ouders een training aan.') });
    expect(placed).toMatchObject({ anchorState: 'geplaatst', quote: 'Bied ouders een training aan.', originalQuote: through.quote, sectionHeading: 'Behandeling' });
    expect(ws.ok('annotations.unplaced', {})).toEqual([]);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'annotation', entityId: through.id, limit: 1 })[0]).toMatchObject({ action: 'geplaatst' });
    checkAnnotations(ws.db);
  });

  it('promote and demote leave annotations alone; a new heading or number is followed', () => {
    const a = annotate(ws, section('Medicatie'), 'lage dosering', [INFORMEEL]);
    ws.ok('sections.promote', { sectionId: section('Medicatie').id });
    ws.ok('sections.demote', { sectionId: section('Medicatie').id });
    expect(listFor(v1)).toEqual([a]);
    ws.ok('sections.update', { sectionId: a.sectionId, heading: 'Medicamenteuze behandeling', number: '2.2' });
    expect(listFor(v1)).toEqual([{ ...a, sectionHeading: 'Medicamenteuze behandeling', sectionNumber: '2.2' }]);
  });

  it('split at a block inside a list or table keeps every annotation on its words', async () => {
    const v = (await importText(ws, ADHD, `# Aanbeveling
Bied ouders een training aan.

- oudertraining
- gezinsbegeleiding
- schoolbegeleiding

| Middel | Dosering |
| --- | --- |
| methylfenidaat | laag beginnen |

Evalueer na drie maanden.`, 'lijst')).versionId as number;
    const rec = sectionByHeading(ws, v, 'Aanbeveling');
    const head = annotate(ws, rec, 'oudertraining', [INFORMEEL]);
    const tailList = annotate(ws, rec, 'schoolbegeleiding', [INFORMEEL]);
    const tailTable = annotate(ws, rec, 'laag beginnen', [VEILIGHEID]);
    // An offset inside the second list item: the cut moves to that item's start.
    ws.ok('sections.split', { sectionId: rec.id, atOffset: rec.text.indexOf('gezinsbegeleiding') + 3, heading: 'Vervolg' });
    const vervolg = sectionByHeading(ws, v, 'Vervolg');
    expect(vervolg.text.startsWith('gezinsbegeleiding\nschoolbegeleiding')).toBe(true);
    const now = new Map(listFor(v).map((x) => [x.id, x]));
    expect(now.get(head.id)).toMatchObject({ sectionId: rec.id, start: head.start });
    expect(now.get(tailList.id)).toMatchObject({ sectionId: vervolg.id, start: vervolg.text.indexOf('schoolbegeleiding') });
    expect(now.get(tailTable.id)).toMatchObject({ sectionId: vervolg.id, start: vervolg.text.indexOf('laag beginnen') });
    // And back: merging restores the offsets the annotations had (plus the kept heading line).
    ws.ok('sections.mergeWithPrevious', { sectionId: vervolg.id });
    const merged = sectionByHeading(ws, v, 'Aanbeveling');
    expect(listFor(v).find((x) => x.id === tailTable.id)).toMatchObject({ sectionId: rec.id, start: merged.text.indexOf('laag beginnen') });
    checkAnnotations(ws.db);
  });
});

describe('deleting a version', () => {
  it('leaves its annotations "los" on the standard, with quote, tags and last place kept', () => {
    const a = annotate(ws, section('Behandeling'), 'Bied ouders een training aan.', [INFORMEEL]);
    expect(ws.ok('versions.delete', { versionId: v1 })).toEqual({ deleted: v1, unplacedAnnotations: 1 });
    const [loose] = ws.ok<UnplacedAnnotation[]>('annotations.unplaced', {});
    expect(loose).toMatchObject({ id: a.id, anchorState: 'los', versionId: null, sectionId: null, quote: a.quote, sectionNumber: '2', sectionHeading: 'Behandeling', versionLabel: null, standardId: ADHD });
    expect(loose?.tags.map((t) => t.id)).toEqual([INFORMEEL]);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'document_version', entityId: String(v1), limit: 1 })[0]?.details).toMatchObject({ annotatiesLos: 1 });
    checkAnnotations(ws.db);
  });

  it('a loose annotation can be placed on another version of its standard, not on another standard', async () => {
    const a = annotate(ws, section('Behandeling'), 'Bied ouders een training aan.', [INFORMEEL]);
    const v2 = (await importText(ws, ADHD, V2, '2025')).versionId as number;
    ws.ok('versions.delete', { versionId: v1 });
    const other = (await importText(ws, OTHER, '# Andere standaard\nBied ouders een training aan.', 'x')).versionId as number;
    refused('annotations.place', { id: a.id, ...spanOf(sectionByHeading(ws, other, 'Andere standaard'), 'Bied ouders een training aan.') }, 'CONFLICT', /eigen standaard/);
    const placed = ws.ok<Annotation>('annotations.place', { id: a.id, ...spanOf(sectionByHeading(ws, v2, 'Behandeling'), 'Bied ouders altijd een training aan.') });
    expect(placed).toMatchObject({ versionId: v2, anchorState: 'geplaatst', quote: 'Bied ouders altijd een training aan.', originalQuote: 'Bied ouders een training aan.' });
    checkAnnotations(ws.db);
  });
});

describe('re-anchoring when a new version replaces the old one', () => {
  it('places, moves and lists for placing by hand — through a real import — and drops nothing', async () => {
    ws.ok('settings.setUserName', { name: 'Sanne' });
    const before = annotate(ws, section('Behandeling'), 'Psycho-educatie is de eerste stap.', [INFORMEEL]);
    const inside = annotate(ws, section('Behandeling'), 'Bied ouders een training aan.', [VEILIGHEID], { note: 'kern' });
    const after = annotate(ws, section('Samenwerking'), 'Leg afspraken vast in het dossier.', [ERVARING]);
    const deleted = annotate(ws, section('Medicatie'), 'Start met een lage dosering methylfenidaat.', [VEILIGHEID, ERVARING]);
    const unchanged = annotate(ws, section('Inleiding'), 'kinderen met ADHD', [INFORMEEL]);
    ws.ok('settings.setUserName', { name: 'Ahmed' });
    const other = annotate(ws, section('Medicatie'), 'Bespreek medicatiegebruik met ouders en school.', [INFORMEEL]);

    const started = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName: 'richtlijn-2025.md', dataBase64: base64(V2), label: '2025', status: 'gepubliceerd', replacesVersionId: v1 });
    const job = await waitForJob(ws, started.id, 20_000);
    expect(job).toMatchObject({ state: 'klaar', anchoring: { placed: 4, moved: 1, unplaced: 1 } });
    const v2 = job.versionId as number;

    const now = new Map(listFor(v2).map((x) => [x.id, x]));
    expect(now.size).toBe(6);
    expect(listFor(v1)).toEqual([]);
    const behandeling = sectionByHeading(ws, v2, 'Behandeling');
    expect(now.get(before.id)).toMatchObject({ sectionId: behandeling.id, start: behandeling.text.indexOf(before.quote), quote: before.quote, anchorState: 'geplaatst', anchoredFromVersionId: v1, sectionNumber: '3' });
    expect(now.get(inside.id)).toMatchObject({ sectionId: behandeling.id, quote: 'Bied ouders altijd een training aan.', originalQuote: 'Bied ouders een training aan.', anchorState: 'verplaatst', note: 'kern', author: 'Sanne' });
    expect(now.get(after.id)).toMatchObject({ sectionId: sectionByHeading(ws, v2, 'Samenwerking').id, quote: after.quote, anchorState: 'geplaatst' });
    expect(now.get(unchanged.id)).toMatchObject({ start: unchanged.start, end: unchanged.end, anchorState: 'geplaatst' });
    expect(now.get(other.id)).toMatchObject({ author: 'Ahmed', anchorState: 'geplaatst', sectionId: sectionByHeading(ws, v2, 'Medicatie').id });
    // The deleted passage: kept, with its tags, on the new version, waiting for a person.
    expect(now.get(deleted.id)).toMatchObject({ anchorState: 'los', versionId: v2, sectionId: null, quote: deleted.quote, anchoredFromVersionId: v1, sectionHeading: 'Medicatie' });
    expect(now.get(deleted.id)?.tags.map((t) => t.id)).toEqual([VEILIGHEID, ERVARING]);
    expect(ws.ok<UnplacedAnnotation[]>('annotations.unplaced', { standardId: ADHD })).toEqual([
      expect.objectContaining({ id: deleted.id, versionLabel: '2025', anchoredFromVersionLabel: '2017' }),
    ]);
    // The old version is still there (now without annotations); the import's audit has the counts.
    expect(ws.ok<VersionWithSections>('versions.get', { versionId: v1 }).version.label).toBe('2017');
    const [entry] = ws.ok<AuditEntry[]>('audit.list', { entity: 'document_version', entityId: String(v2), limit: 1 });
    expect(entry?.details).toMatchObject({ vervangt: v1, annotaties: { geplaatst: 4, verplaatst: 1, los: 1, losIds: [deleted.id] } });
    checkAnnotations(ws.db);
  });

  it('an import without replacesVersionId leaves the annotations of other versions alone', async () => {
    const a = annotate(ws, section('Behandeling'), 'Psycho-educatie is de eerste stap.', [INFORMEEL]);
    const job = await importText(ws, ADHD, V2, '2025');
    expect(job.anchoring).toBeUndefined();
    expect(listFor(v1)).toEqual([a]);
  });

  it('refuses to replace a version of another standard or one that does not exist, writing nothing', async () => {
    const other = (await importText(ws, OTHER, '# Andere\nTekst.', 'x')).versionId as number;
    const args = { standardId: ADHD, fileName: 'v2.md', dataBase64: base64(V2), label: '2025', status: 'concept' };
    refused('imports.start', { ...args, replacesVersionId: other }, 'ONGELDIGE_INVOER', /Vervangt versie: Een nieuwe versie kan alleen een versie van dezelfde standaard vervangen/);
    refused('imports.start', { ...args, replacesVersionId: 424242 }, 'NIET_GEVONDEN', /geen versie met nummer 424242/);
    refused('imports.start', { ...args, replacesVersionId: 'v1' }, 'ONGELDIGE_INVOER', /Vervangt versie/);
  });

  it('a replaced version deleted while the import runs: the import stores nothing', async () => {
    annotate(ws, section('Behandeling'), 'Psycho-educatie is de eerste stap.', [INFORMEEL]);
    const started = ws.ok<ImportJob>('imports.start', { standardId: ADHD, fileName: 'v2.md', dataBase64: base64(V2), label: '2025', status: 'concept', replacesVersionId: v1 });
    ws.ok('versions.delete', { versionId: v1 });
    const before = dumpTables(ws.db);
    const job = await waitForJob(ws, started.id, 20_000);
    expect(job).toMatchObject({ state: 'mislukt', error: { code: 'NIET_GEVONDEN', message: expect.stringMatching(/intussen verwijderd; er is niets opgeslagen/) } });
    expect(dumpTables(ws.db)).toEqual(before);
  });
});
