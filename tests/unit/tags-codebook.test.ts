/**
 * The codebook: the seeded groups, seeding that never duplicates or overwrites, and every tag
 * operation with what it does to annotations (create, update, move, merge, delete).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../common/catalogue.js';
import type { Annotation, Tag, TagDeleteResult, TagMergeResult } from '../../common/tags.js';
import { seedDatabase } from '../../db/seed.js';
import { seedGuid } from '../../db/seed-codebook.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { importText } from '../helpers/documents.js';
import { annotate, checkAnnotations, sectionByHeading, tagByPath, tagIdOf } from '../helpers/tags.js';
import { clone, dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const ADHD = data.standards.find((s) => s.catalogueId === 'KS001')?.id ?? '';

let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace();
});
afterEach(() => ws.cleanup());

const tags = () => ws.ok<Tag[]>('tags.list');
const paths = () => tags().map((t) => t.path);

function refused(method: string, args: unknown, code: string, message: RegExp, fields: string[] = []): void {
  const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
  const result = ws.call(method, args);
  expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
  if (!result.ok) for (const f of fields) expect(Object.keys(result.error.fields ?? {})).toContain(f);
  expect(totalChanges(ws.db)).toBe(before.changes);
  expect(dumpTables(ws.db)).toEqual(before.dump);
}

/** A version with a few sections to annotate. */
async function version(): Promise<number> {
  return (await importText(ws, ADHD, '# Behandeling\nBied ouders een training aan. Evalueer na drie maanden.\n\n# Samenwerking\nWerk samen met school en huisarts.', '2017')).versionId as number;
}

describe('the seeded codebook', () => {
  it('has three groups with the focus themes, leerlijnen and perspectives of DOMAIN.md below them', () => {
    const list = tags();
    const top = list.filter((t) => t.parentId === null);
    expect(top.map((t) => [t.name, t.origin, t.childCount])).toEqual([
      ["Focusthema's", 'groep', 5],
      ['Leerlijnen', 'groep', 14],
      ['Perspectieven', 'groep', 6],
    ]);
    for (const [group, kind] of [["Focusthema's", 'focus_theme'], ['Leerlijnen', 'leerlijn'], ['Perspectieven', 'perspective']] as const) {
      const children = list.filter((t) => t.parentId === top.find((g) => g.name === group)?.id);
      expect(children.map((t) => t.name)).toEqual((data.vocabularies[kind] ?? []).map((e) => e.label));
      expect(children.every((t) => t.origin === kind && t.depth === 1 && t.path === `${group}/${t.name}`)).toBe(true);
    }
    expect(tagByPath(ws, 'Perspectieven/Ervaring').description).toBe('Kinderen, jongeren en ouders.');
    expect(list.every((t) => /^#[0-9a-f]{6}$/.test(t.color))).toBe(true);
    // Tree order: every parent before its children.
    const seen = new Set<number>();
    for (const t of list) {
      if (t.parentId !== null) expect(seen.has(t.parentId)).toBe(true);
      seen.add(t.id);
    }
    // Guids of seeded tags are the same in every workspace.
    expect(tagByPath(ws, 'Leerlijnen').guid).toBe(seedGuid('groep:leerlijn'));
    expect(tagByPath(ws, 'Leerlijnen/Veiligheid').guid).toBe(seedGuid('leerlijn:veiligheid'));
    expect(seedGuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('seeding again changes nothing; a rename, a move and a deletion by the user are kept', () => {
    const before = dumpTables(ws.db);
    seedDatabase(ws.db);
    expect(dumpTables(ws.db)).toEqual(before);

    const veiligheid = tagIdOf(ws, 'Leerlijnen/Veiligheid');
    ws.ok('tags.update', { id: veiligheid, name: 'Veilig opgroeien', color: '#123456' });
    ws.ok('tags.move', { id: tagIdOf(ws, 'Leerlijnen/Lerende beweging pleegzorg'), parentId: null });
    ws.ok('tags.delete', { id: tagIdOf(ws, 'Perspectieven/Kennis') });
    const edited = dumpTables(ws.db);
    seedDatabase(ws.db);
    expect(dumpTables(ws.db)).toEqual(edited);
    expect(paths()).toContain('Leerlijnen/Veilig opgroeien');
    expect(paths()).toContain('Lerende beweging pleegzorg');
    expect(paths()).not.toContain('Leerlijnen/Veiligheid');
    expect(paths()).not.toContain('Perspectieven/Kennis');
  });

  it('a later vocabulary entry is added once, under its group; a same-named tag of the user is adopted', () => {
    ws.ok('tags.create', { name: 'Jeugd', parentId: tagIdOf(ws, 'Perspectieven') });
    const next = clone(data);
    next.vocabularies.leerlijn?.push({ value: 'nieuw', label: 'Nieuwe leerlijn' });
    next.vocabularies.perspective?.push({ value: 'jeugd', label: 'jeugd' });
    const count = tags().length;
    seedDatabase(ws.db, next);
    expect(tags().length).toBe(count + 1);
    expect(tagByPath(ws, 'Leerlijnen/Nieuwe leerlijn')).toMatchObject({ origin: 'leerlijn' });
    expect(tagByPath(ws, 'Perspectieven/Jeugd').origin).toBe('eigen');
    seedDatabase(ws.db, next);
    expect(tags().length).toBe(count + 1);
  });
});

describe('tags.create and tags.update', () => {
  it('create: a tag at the top level or under a parent, with colour, description and an audit entry', () => {
    ws.ok('settings.setUserName', { name: 'Lotte' });
    const top = ws.ok<Tag>('tags.create', { name: '  Randvoorwaarden ', color: '#AABBCC', description: ' Tijd, scholing, financiering ' });
    expect(top).toMatchObject({ name: 'Randvoorwaarden', path: 'Randvoorwaarden', parentId: null, color: '#aabbcc', description: 'Tijd, scholing, financiering', origin: 'eigen', depth: 0, annotationCount: 0 });
    const child = ws.ok<Tag>('tags.create', { name: 'Tijd', parentId: top.id });
    expect(child).toMatchObject({ path: 'Randvoorwaarden/Tijd', depth: 1, ordinal: 0, color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect(ws.ok<Tag>('tags.create', { name: 'Scholing', parentId: top.id }).ordinal).toBe(1);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'tag', entityId: String(child.id) })[0]).toMatchObject({ actor: 'Lotte', action: 'aangemaakt', details: { pad: 'Randvoorwaarden/Tijd' } });
    // The same name is fine under another parent.
    expect(ws.ok<Tag>('tags.create', { name: 'Tijd' }).path).toBe('Tijd');
  });

  it('create refuses a sibling with the same name (ignoring case), a "/" and an unknown parent', () => {
    refused('tags.create', { name: 'leerlijnen' }, 'CONFLICT', /Er staat al een tag "Leerlijnen" op het hoogste niveau/);
    refused('tags.create', { name: 'VEILIGHEID', parentId: tagIdOf(ws, 'Leerlijnen') }, 'CONFLICT', /al een tag "Veiligheid" onder "Leerlijnen"/);
    refused('tags.create', { name: 'Ouder/verzorger' }, 'ONGELDIGE_INVOER', /Naam: Een tagnaam mag geen "\/" bevatten/, ['name']);
    refused('tags.create', { name: 'X', parentId: 999 }, 'NIET_GEVONDEN', /geen bovenliggende tag met nummer 999/);
    refused('tags.create', { name: 'X', color: 'rood' }, 'ONGELDIGE_INVOER', /Kleur: Kies een kleur als #rrggbb/, ['color']);
  });

  it('update renames, recolours and describes with an audit diff; unchanged values write nothing; "" clears the description', () => {
    const id = tagIdOf(ws, 'Leerlijnen/Informele steun');
    const updated = ws.ok<Tag>('tags.update', { id, name: 'Informele steun en netwerk', description: 'Steun uit het eigen netwerk' });
    expect(updated).toMatchObject({ path: 'Leerlijnen/Informele steun en netwerk', description: 'Steun uit het eigen netwerk' });
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'tag', entityId: String(id), limit: 1 })[0]?.details).toEqual({
      pad: 'Leerlijnen/Informele steun',
      naam: { van: 'Informele steun', naar: 'Informele steun en netwerk' },
      beschrijving: { van: null, naar: 'Steun uit het eigen netwerk' },
    });
    const changes = totalChanges(ws.db);
    expect(ws.ok<Tag>('tags.update', { id, name: 'Informele steun en netwerk' })).toEqual(updated);
    expect(totalChanges(ws.db)).toBe(changes);
    expect(ws.ok<Tag>('tags.update', { id, description: '  ' }).description).toBeNull();
    refused('tags.update', { id, name: 'veiligheid' }, 'CONFLICT', /al een tag "Veiligheid" onder "Leerlijnen"/);
    refused('tags.update', { id }, 'ONGELDIGE_INVOER', /Geef een nieuwe naam, kleur of beschrijving/);
  });
});

describe('tags.move', () => {
  it('moves a tag (with its subtree) under another parent or to the top, at a position', () => {
    const eigen = ws.ok<Tag>('tags.create', { name: 'Eigen' });
    const a = ws.ok<Tag>('tags.create', { name: 'A', parentId: eigen.id });
    ws.ok<Tag>('tags.create', { name: 'A1', parentId: a.id });
    const moved = ws.ok<Tag>('tags.move', { id: a.id, parentId: tagIdOf(ws, 'Leerlijnen'), position: 0 });
    expect(moved).toMatchObject({ path: 'Leerlijnen/A', ordinal: 0, depth: 1 });
    expect(paths()).toContain('Leerlijnen/A/A1');
    expect(tags().filter((t) => t.parentId === tagIdOf(ws, 'Leerlijnen')).map((t) => t.name).slice(0, 2)).toEqual(['A', 'Versterken van de grondhouding']);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'tag', entityId: String(a.id), limit: 1 })[0]?.details).toMatchObject({ van: 'Eigen/A', naar: 'Leerlijnen/A' });
    expect(ws.ok<Tag>('tags.move', { id: a.id, parentId: null }).path).toBe('A');
    // Reordering among siblings.
    const last = ws.ok<Tag>('tags.move', { id: tagIdOf(ws, 'Perspectieven/Kennis'), parentId: tagIdOf(ws, 'Perspectieven'), position: 0 });
    expect(tags().filter((t) => t.parentId === last.parentId).map((t) => t.name)).toEqual(['Kennis', 'Ervaring', 'Professionals', 'Wijkteams', 'Organisaties', 'Gemeenten']);
    const changes = totalChanges(ws.db);
    ws.ok('tags.move', { id: last.id, parentId: last.parentId, position: 0 });
    expect(totalChanges(ws.db)).toBe(changes);
  });

  it('refuses a cycle and a name clash, writing nothing', () => {
    const leerlijnen = tagIdOf(ws, 'Leerlijnen');
    refused('tags.move', { id: leerlijnen, parentId: tagIdOf(ws, 'Leerlijnen/Veiligheid') }, 'CONFLICT', /niet onder zichzelf of onder een van haar eigen subtags/);
    refused('tags.move', { id: leerlijnen, parentId: leerlijnen }, 'CONFLICT', /niet onder zichzelf/);
    ws.ok('tags.create', { name: 'Veiligheid' });
    refused('tags.move', { id: tagIdOf(ws, 'Leerlijnen/Veiligheid'), parentId: null }, 'CONFLICT', /al een tag "Veiligheid" op het hoogste niveau/);
    refused('tags.move', { id: leerlijnen }, 'ONGELDIGE_INVOER', /Bovenliggende tag/, ['parentId']);
  });
});

describe('tags.merge', () => {
  it('moves annotations to the target (duplicates collapse), merges same-named children, deletes the source', async () => {
    const v = await version();
    const behandeling = sectionByHeading(ws, v, 'Behandeling');
    const source = ws.ok<Tag>('tags.create', { name: 'Oudertraining' });
    const target = ws.ok<Tag>('tags.create', { name: 'Ouderbegeleiding' });
    const sourceChild = ws.ok<Tag>('tags.create', { name: 'Groep', parentId: source.id });
    const targetChild = ws.ok<Tag>('tags.create', { name: 'groep', parentId: target.id });
    const onlySource = ws.ok<Tag>('tags.create', { name: 'Individueel', parentId: source.id });
    const a1 = annotate(ws, behandeling, 'Bied ouders een training aan.', [source.id]);
    const a2 = annotate(ws, behandeling, 'Evalueer na drie maanden.', [source.id, target.id]);
    const a3 = annotate(ws, behandeling, 'training', [sourceChild.id, targetChild.id]);
    const result = ws.ok<TagMergeResult>('tags.merge', { sourceId: source.id, targetId: target.id });
    expect(result).toMatchObject({ tagsMerged: 2, annotationsMoved: 1, duplicatesCollapsed: 2, target: { id: target.id, annotationCount: 2, totalAnnotationCount: 3 } });
    expect(paths().filter((p) => p.startsWith('Ouder') || p.startsWith('Oudertraining'))).toEqual(['Ouderbegeleiding', 'Ouderbegeleiding/groep', 'Ouderbegeleiding/Individueel']);
    const byId = new Map(ws.ok<Annotation[]>('annotations.listForVersion', { versionId: v }).map((a) => [a.id, a.tags.map((t) => t.id)]));
    expect(byId.get(a1.id)).toEqual([target.id]);
    expect(byId.get(a2.id)).toEqual([target.id]);
    expect(byId.get(a3.id)).toEqual([targetChild.id]);
    expect(tagByPath(ws, 'Ouderbegeleiding/Individueel').id).toBe(onlySource.id);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'tag', entityId: String(target.id), limit: 1 })[0]).toMatchObject({ action: 'samengevoegd', details: { bron: 'Oudertraining', doel: 'Ouderbegeleiding', annotaties: 1, dubbel: 2, tags: 2 } });
    checkAnnotations(ws.db);
  });

  it('a child merged into its parent; a seeded tag merged away is not seeded back', () => {
    const groep = tagIdOf(ws, 'Perspectieven');
    ws.ok('tags.merge', { sourceId: tagIdOf(ws, 'Perspectieven/Wijkteams'), targetId: groep });
    expect(paths()).not.toContain('Perspectieven/Wijkteams');
    seedDatabase(ws.db);
    expect(paths()).not.toContain('Perspectieven/Wijkteams');
  });

  it('a tag whose child has its own name can be merged into its parent', () => {
    const parent = ws.ok<Tag>('tags.create', { name: 'P' });
    const source = ws.ok<Tag>('tags.create', { name: 'S', parentId: parent.id });
    ws.ok<Tag>('tags.create', { name: 'S', parentId: source.id });
    ws.ok('tags.merge', { sourceId: source.id, targetId: parent.id });
    expect(paths().filter((p) => p === 'P' || p.startsWith('P/'))).toEqual(['P', 'P/S']);
  });

  it('refuses merging into its own descendant, the same tag, or unknown tags, writing nothing', () => {
    refused('tags.merge', { sourceId: tagIdOf(ws, 'Leerlijnen'), targetId: tagIdOf(ws, 'Leerlijnen/Veiligheid') }, 'CONFLICT', /want die staat eronder/);
    refused('tags.merge', { sourceId: 3, targetId: 3 }, 'ONGELDIGE_INVOER', /Kies twee verschillende tags/);
    refused('tags.merge', { sourceId: 3, targetId: 99_999 }, 'NIET_GEVONDEN', /geen doeltag met nummer 99999/);
  });
});

describe('tags.delete', () => {
  it('an unused leaf goes without questions; seeding does not bring it back', () => {
    const id = tagIdOf(ws, 'Leerlijnen/Technologie en AI');
    expect(ws.ok('tags.delete', { id })).toEqual({ deletedTags: 1, childrenMoved: 0, annotationsRetagged: 0, annotationsUntagged: 0, annotationsDeleted: 0 });
    seedDatabase(ws.db);
    expect(paths()).not.toContain('Leerlijnen/Technologie en AI');
  });

  it('asks for an explicit choice when annotations would lose a tag, writing nothing until then', async () => {
    const v = await version();
    annotate(ws, sectionByHeading(ws, v, 'Behandeling'), 'Bied ouders een training aan.', [tagIdOf(ws, 'Leerlijnen/Veiligheid')]);
    const leerlijnen = tagIdOf(ws, 'Leerlijnen');
    refused('tags.delete', { id: leerlijnen, children: 'verwijderen' }, 'ONGELDIGE_INVOER', /Annotaties: Deze tags zijn gebruikt in één annotatie/, ['annotations']);
    refused('tags.delete', { id: tagIdOf(ws, 'Leerlijnen/Veiligheid') }, 'ONGELDIGE_INVOER', /"Veiligheid" is gebruikt in één annotatie; kies of die de tag verliezen/, ['annotations']);
    refused('tags.delete', { id: leerlijnen, children: 'verwijderen', annotations: 'naar-bovenliggende' }, 'ONGELDIGE_INVOER', /staat op het hoogste niveau en heeft geen bovenliggende tag/);
    refused('tags.delete', { id: leerlijnen, children: 'alles' }, 'ONGELDIGE_INVOER', /Onderliggende tags: Kies "verwijderen" of "naar-bovenliggende"/);
  });

  it('without a choice for children they move up: a group goes, its tags stay', () => {
    const group = tagIdOf(ws, 'Perspectieven');
    expect(ws.ok<TagDeleteResult>('tags.delete', { id: group })).toEqual({ deletedTags: 1, childrenMoved: 6, annotationsRetagged: 0, annotationsUntagged: 0, annotationsDeleted: 0 });
    expect(paths()).toEqual(expect.arrayContaining(['Ervaring', 'Professionals', 'Kennis']));
    expect(paths()).not.toContain('Perspectieven');
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'tag', entityId: String(group), limit: 1 })[0]?.details).toMatchObject({ pad: 'Perspectieven', onderliggendeTags: 'naar-bovenliggende', childrenMoved: 6 });
  });

  it('"naar-bovenliggende": annotations get the parent (one copy), and children move up', async () => {
    const v = await version();
    const behandeling = sectionByHeading(ws, v, 'Behandeling');
    const parent = ws.ok<Tag>('tags.create', { name: 'Behandeling' });
    const mid = ws.ok<Tag>('tags.create', { name: 'Training', parentId: parent.id });
    const leaf = ws.ok<Tag>('tags.create', { name: 'Groep', parentId: mid.id });
    const a = annotate(ws, behandeling, 'Bied ouders een training aan.', [mid.id]);
    const b = annotate(ws, behandeling, 'Evalueer na drie maanden.', [mid.id, parent.id]);
    const c = annotate(ws, behandeling, 'training', [leaf.id]);
    const result = ws.ok<TagDeleteResult>('tags.delete', { id: mid.id, children: 'naar-bovenliggende', annotations: 'naar-bovenliggende' });
    expect(result).toEqual({ deletedTags: 1, childrenMoved: 1, annotationsRetagged: 2, annotationsUntagged: 0, annotationsDeleted: 0 });
    expect(paths().filter((p) => p.startsWith('Behandeling'))).toEqual(['Behandeling', 'Behandeling/Groep']);
    const byId = new Map(ws.ok<Annotation[]>('annotations.listForVersion', { versionId: v }).map((x) => [x.id, x.tags.map((t) => t.id)]));
    expect([byId.get(a.id), byId.get(b.id), byId.get(c.id)]).toEqual([[parent.id], [parent.id], [leaf.id]]);
    checkAnnotations(ws.db);
  });

  it('"verwijderen": annotations lose the tags; one left without tags is deleted (and listed in the audit)', async () => {
    const v = await version();
    const behandeling = sectionByHeading(ws, v, 'Behandeling');
    const group = ws.ok<Tag>('tags.create', { name: 'Tijdelijk' });
    const child = ws.ok<Tag>('tags.create', { name: 'Kind', parentId: group.id });
    const keep = tagIdOf(ws, 'Leerlijnen/Veiligheid');
    const onlyThese = annotate(ws, behandeling, 'Bied ouders een training aan.', [group.id, child.id]);
    const alsoOther = annotate(ws, behandeling, 'Evalueer na drie maanden.', [child.id, keep]);
    const untouched = annotate(ws, behandeling, 'training', [keep]);
    const result = ws.ok<TagDeleteResult>('tags.delete', { id: group.id, children: 'verwijderen', annotations: 'verwijderen' });
    expect(result).toEqual({ deletedTags: 2, childrenMoved: 0, annotationsRetagged: 0, annotationsUntagged: 1, annotationsDeleted: 1 });
    const left = new Map(ws.ok<Annotation[]>('annotations.listForVersion', { versionId: v }).map((x) => [x.id, x.tags.map((t) => t.id)]));
    expect(Object.fromEntries(left)).toEqual({ [alsoOther.id]: [keep], [untouched.id]: [keep] });
    const [entry] = ws.ok<AuditEntry[]>('audit.list', { entity: 'tag', entityId: String(group.id), limit: 1 });
    expect(entry).toMatchObject({ action: 'verwijderd', details: { pad: 'Tijdelijk', annotationsDeleted: 1, verwijderdeAnnotaties: [{ id: onlyThese.id, citaat: onlyThese.quote, auteur: 'gebruiker' }] } });
    checkAnnotations(ws.db);
  });

  it('children moved up cannot clash with a sibling name, but may take the deleted tag’s own name', () => {
    const a = ws.ok<Tag>('tags.create', { name: 'A' });
    ws.ok<Tag>('tags.create', { name: 'Leerlijnen', parentId: a.id });
    refused('tags.delete', { id: a.id }, 'CONFLICT', /al een tag "Leerlijnen" op het hoogste niveau/);
    const b = ws.ok<Tag>('tags.create', { name: 'B' });
    const inner = ws.ok<Tag>('tags.create', { name: 'b', parentId: b.id });
    ws.ok('tags.delete', { id: b.id, children: 'naar-bovenliggende' });
    expect(tagByPath(ws, 'b').id).toBe(inner.id);
  });
});

describe('tags.list counts', () => {
  it('direct annotations per tag and distinct annotations in its subtree', async () => {
    const v = await version();
    const behandeling = sectionByHeading(ws, v, 'Behandeling');
    const veiligheid = tagIdOf(ws, 'Leerlijnen/Veiligheid');
    const informeel = tagIdOf(ws, 'Leerlijnen/Informele steun');
    annotate(ws, behandeling, 'Bied ouders een training aan.', [veiligheid, informeel]);
    annotate(ws, behandeling, 'Evalueer na drie maanden.', [veiligheid]);
    annotate(ws, behandeling, 'training', [tagIdOf(ws, 'Leerlijnen')]);
    expect(tagByPath(ws, 'Leerlijnen')).toMatchObject({ annotationCount: 1, totalAnnotationCount: 3 });
    expect(tagByPath(ws, 'Leerlijnen/Veiligheid')).toMatchObject({ annotationCount: 2, totalAnnotationCount: 2 });
    expect(tagByPath(ws, 'Perspectieven')).toMatchObject({ annotationCount: 0, totalAnnotationCount: 0 });
  });
});
