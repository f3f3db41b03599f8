import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Organisation, Standard, StandardSummary, Vocabularies } from '../../common/catalogue.js';
import { loadMigrations } from '../../db/migrate.js';
import { createApi, invokeApi, type ApiResponse } from '../../electron/api.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { REVIEW_METHODS, reviewBadCases } from '../helpers/review.js';
import { REPORT_METHODS, reportBadCases } from '../helpers/report-cases.js';
import { MERGE_METHODS, mergeBadCases } from '../helpers/merge-cases.js';
import { beforePrepare, dumpTables, seededWorkspace, tableCounts, TEST_APP_VERSION, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const idOf = (catalogueId: string): string => {
  const s = data.standards.find((x) => x.catalogueId === catalogueId);
  if (!s) throw new Error(`no ${catalogueId}`);
  return s.id;
};
const KS001 = idOf('KS001');
const KS003 = idOf('KS003');

let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace();
});
afterEach(() => ws.cleanup());

/** Every method createApi offers; the test below fails when one is added without a test here. */
const ALL_METHODS = [
  'app.info',
  'settings.setUserName',
  'vocabularies.all',
  'organisations.list',
  'standards.list',
  'standards.get',
  'standards.create',
  'standards.update',
  'standards.retire',
  'standards.restore',
  'audit.list',
  'settings.get',
  'settings.setImportLimit',
  'versions.list',
  'versions.get',
  'versions.update',
  'versions.delete',
  'imports.start',
  'imports.status',
  'imports.cancel',
  'sections.promote',
  'sections.demote',
  'sections.mergeWithPrevious',
  'sections.split',
  'sections.update',
  'search.fulltext',
  'tags.list',
  'tags.create',
  'tags.update',
  'tags.move',
  'tags.merge',
  'tags.delete',
  'tags.exportCsv',
  'tags.importCsv',
  'tags.exportQdc',
  'annotations.create',
  'annotations.update',
  'annotations.delete',
  'annotations.listForVersion',
  'annotations.unplaced',
  'annotations.place',
  'analysis.passages',
  'analysis.cooccurrence',
  'analysis.agreement',
  'analysis.authors',
  'analysis.exportPassagesCsv',
  'lists.list',
  'lists.create',
  'lists.get',
  'lists.update',
  'lists.newVersion',
  'lists.diff',
  'lists.exportCsv',
  'lists.exportDocx',
  'items.create',
  'items.update',
  'items.delete',
  'items.move',
  'items.addLink',
  'items.removeLink',
  'items.createFromAnnotation',
  'sessions.list',
  'sessions.create',
  'sessions.update',
  'sessions.addNote',
  'rounds.list',
  'rounds.create',
  'rounds.vote',
  'rounds.votes',
  'rounds.result',
  'rounds.close',
  'versions.all',
  'pilots.list',
  'pilots.create',
  'pilots.get',
  'pilots.update',
  'pilots.setPhase',
  'pilots.delete',
  'pilots.addMember',
  'pilots.updateMember',
  'pilots.removeMember',
  'pilots.setVersions',
  'pilots.addReflection',
  'pilots.removeReflection',
  'alignment.grid',
  'alignment.propose',
  'alignment.accept',
  'alignment.acceptAll',
  'alignment.reject',
  'alignment.createRow',
  'alignment.renameRow',
  'alignment.moveRow',
  'alignment.deleteRow',
  'alignment.placeSection',
  'alignment.splitRow',
  'alignment.mergeRows',
  'alignment.classify',
  'alignment.decide',
  'alignment.comment',
  'alignment.deleteComment',
  ...REVIEW_METHODS,
  ...REPORT_METHODS,
  ...MERGE_METHODS,
  'catalogue.exportCsv',
  'catalogue.exportXlsx',
  'workspace.status',
  'backups.list',
  'backups.create',
  'backups.setRetention',
  'backups.restore',
  'project.export',
  'project.open',
  'project.close',
  'compare.texts',
  'compare.multi',
].sort();

const validNew = {
  title: 'Richtlijn Pestpreventie op school',
  type: 'richtlijn',
  status: 'concept',
  owners: [
    { organisationId: 'nji', role: 'ontwikkelaar' },
    { organisationId: 'nvo', role: 'eigenaar' },
  ],
  subsectors: ['jeugdhulp', 'onderwijs'],
  yearPublished: 2024,
  yearRevised: 2025,
  url: 'https://example.org/pesten',
  knowledgeBasis: ['wetenschap', 'praktijk'],
};

describe('the api surface', () => {
  it('offers exactly the methods tested here', () => {
    expect(Object.keys(ws.api).sort()).toEqual(ALL_METHODS);
  });
});

describe('good input', () => {
  it('app.info reports version, mode, schema version, workspace and user', () => {
    expect(ws.ok('app.info')).toEqual({
      version: TEST_APP_VERSION,
      mode: 'test',
      schemaVersion: loadMigrations().length,
      workspacePath: ws.file,
      userName: 'gebruiker',
    });
    expect(ws.ok('app.info', {})).toMatchObject({ mode: 'test' });
  });

  it('settings.setUserName trims, stores and is used as the actor', () => {
    expect(ws.ok('settings.setUserName', { name: '  Sanne de Vries  ' })).toEqual({ userName: 'Sanne de Vries' });
    expect(ws.db.prepare("SELECT value FROM setting WHERE key = 'user.name'").get()).toEqual({ value: 'Sanne de Vries' });
    expect(ws.ok<{ userName: string }>('app.info').userName).toBe('Sanne de Vries');
    ws.ok('settings.setUserName', { name: 'Ahmed' });
    expect(ws.ok<{ userName: string }>('app.info').userName).toBe('Ahmed');
    // user.name and the import limit that migration 002 writes.
    expect(tableCounts(ws.db).setting).toBe(2);
  });

  it('vocabularies.all returns every kind in seed order', () => {
    const vocabularies = ws.ok<Vocabularies>('vocabularies.all');
    expect(Object.keys(vocabularies).sort()).toEqual(Object.keys(data.vocabularies).sort());
    for (const [kind, entries] of Object.entries(data.vocabularies)) {
      expect(vocabularies[kind]?.map((e) => e.value)).toEqual(entries.map((e) => e.value));
    }
    expect(vocabularies.perspective).toHaveLength(6);
    expect(vocabularies.leerlijn).toHaveLength(14);
    expect(vocabularies.confidence?.find((e) => e.value === 'plausible')).toEqual({
      value: 'plausible',
      label: 'Te controleren',
      description: expect.stringContaining('Aannemelijk'),
    });
    expect(vocabularies.type?.[0]).toEqual({ value: 'richtlijn', label: 'Richtlijn', description: null });
  });

  it('organisations.list returns all organisations sorted by abbreviation', () => {
    const organisations = ws.ok<Organisation[]>('organisations.list');
    expect(organisations).toHaveLength(data.organisations.length);
    expect(organisations.find((o) => o.id === 'venvn')).toEqual({
      id: 'venvn',
      abbreviation: 'V&VN',
      name: expect.stringContaining('Verpleegkundigen'),
      kind: 'beroepsvereniging',
      perspective: 'professionals',
    });
    const keys = organisations.map((o) => (o.abbreviation ?? o.name).toLowerCase());
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('standards.list returns the 154 standards with owners, sorted by title', () => {
    const list = ws.ok<StandardSummary[]>('standards.list');
    expect(list).toHaveLength(154);
    expect(list.every((s) => !s.retired)).toBe(true);
    expect(new Set(list.map((s) => s.catalogueId)).size).toBe(154);
    const titles = list.map((s) => s.title.toLowerCase());
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const ks001 = list.find((s) => s.id === KS001);
    expect(ks001).toMatchObject({
      catalogueId: 'KS001',
      shortTitle: 'ADHD (jeugdhulp)',
      type: 'richtlijn',
      status: 'vastgesteld',
      yearPublished: 2016,
      yearRevised: 2017,
      confidence: 'verified',
      subsectors: ['jeugdhulp', 'jeugdbescherming'],
    });
    expect(ks001?.owners.map((o) => `${o.abbreviation}:${o.role}`)).toEqual(['NIP:eigenaar', 'NVO:eigenaar', 'BPSW:eigenaar', 'Trimbos:ontwikkelaar']);
    expect(list.filter((s) => s.confidence === 'plausible').length).toBe(data.standards.filter((s) => s.confidence === 'plausible').length);
    expect(ws.ok<StandardSummary[]>('standards.list', { includeRetired: true })).toHaveLength(154);
  });

  it('standards.get returns the full standard with owner abbreviations and names', () => {
    const s = ws.ok<Standard>('standards.get', { id: idOf('KS022') });
    expect(s).toMatchObject({
      catalogueId: 'KS022',
      title: 'JGZ-richtlijn Kindermishandeling',
      ownerText: 'AJN; V&VN vakgroep Jeugd; NVDA (beheer NCJ); ontwikkelaar TNO i.s.m. NJi',
      source: 'KBL-catalogus (standards-catalogue.csv)',
      userModified: false,
      retired: false,
      retiredAt: null,
      knowledgeBasis: [],
      notes: null,
    });
    expect(s.owners.map((o) => [o.organisationId, o.abbreviation, o.role])).toEqual([
      ['ajn', 'AJN', 'eigenaar'],
      ['venvn', 'V&VN', 'eigenaar'],
      ['nvda', 'NVDA', 'eigenaar'],
      ['ncj', 'NCJ', 'beheerder'],
      ['nji', 'NJi', 'ontwikkelaar'],
      ['tno', 'TNO', 'ontwikkelaar'],
    ]);
    expect(s.owners.map((o) => o.name)).toEqual(s.owners.map((o) => data.organisations.find((x) => x.id === o.organisationId)?.name));
    const ks003 = ws.ok<Standard>('standards.get', { id: KS003 });
    expect([ks003.yearPublished, ks003.yearRevised]).toEqual([null, 2015]);
  });

  it('standards.create makes a slug id, a user-modified row and an audit entry with the actor', () => {
    ws.ok('settings.setUserName', { name: 'Werkgroep Pesten' });
    const created = ws.ok<Standard>('standards.create', { ...validNew, shortTitle: '  ', notes: ' Eerste versie ' });
    expect(created).toMatchObject({
      id: 'richtlijn-pestpreventie-op-school',
      catalogueId: null,
      title: 'Richtlijn Pestpreventie op school',
      shortTitle: null,
      type: 'richtlijn',
      status: 'concept',
      yearPublished: 2024,
      yearRevised: 2025,
      url: 'https://example.org/pesten',
      knowledgeBasis: ['wetenschap', 'praktijk'],
      confidence: 'verified',
      notes: 'Eerste versie',
      source: 'gebruiker',
      userModified: true,
      retired: false,
      subsectors: ['jeugdhulp', 'onderwijs'],
    });
    expect(created.owners.map((o) => [o.organisationId, o.abbreviation, o.role])).toEqual([
      ['nvo', 'NVO', 'eigenaar'],
      ['nji', 'NJi', 'ontwikkelaar'],
    ]);
    expect(created.createdAt).toBe(created.updatedAt);
    const audit = ws.ok<AuditEntry[]>('audit.list', { entity: 'standard', entityId: created.id });
    expect(audit).toEqual([
      {
        id: expect.any(Number),
        at: created.createdAt,
        actor: 'Werkgroep Pesten',
        action: 'aangemaakt',
        entity: 'standard',
        entityId: 'richtlijn-pestpreventie-op-school',
        details: { title: 'Richtlijn Pestpreventie op school' },
      },
    ]);
    expect(ws.ok<StandardSummary[]>('standards.list')).toHaveLength(155);

    // The same title again gets a distinct id; a title with only symbols still gets an id.
    expect(ws.ok<Standard>('standards.create', validNew).id).toBe('richtlijn-pestpreventie-op-school-2');
    expect(ws.ok<Standard>('standards.create', validNew).id).toBe('richtlijn-pestpreventie-op-school-3');
    expect(ws.ok<Standard>('standards.create', { title: '!!! ???', type: 'other', status: 'onbekend' }).id).toBe('standaard');
  });

  it('standards.create for a title of a seeded standard does not clash with it', () => {
    const seeded = data.standards.find((s) => s.catalogueId === 'KS001');
    const created = ws.ok<Standard>('standards.create', { title: seeded?.title, type: 'richtlijn', status: 'concept' });
    expect(created.id).toBe(`${KS001}-2`);
    expect(ws.ok<Standard>('standards.get', { id: KS001 }).catalogueId).toBe('KS001');
  });

  it('standards.update writes a field diff to the audit log and marks the row as user-modified', () => {
    ws.ok('settings.setUserName', { name: 'Lotte' });
    const before = ws.ok<Standard>('standards.get', { id: KS001 });
    const updated = ws.ok<Standard>('standards.update', {
      id: KS001,
      expectedUpdatedAt: before.updatedAt,
      patch: { topic: 'ADHD, herzien onderwerp', yearRevised: 2025, owners: [{ organisationId: 'nip', role: 'eigenaar' }] },
    });
    expect(updated.topic).toBe('ADHD, herzien onderwerp');
    expect(updated.yearRevised).toBe(2025);
    expect(updated.yearPublished).toBe(2016);
    expect(updated.title).toBe(before.title);
    expect(updated.userModified).toBe(true);
    expect(updated.updatedAt >= before.updatedAt).toBe(true);
    expect(updated.updatedAt).not.toBe(before.updatedAt);
    expect(updated.owners).toEqual([{ organisationId: 'nip', abbreviation: 'NIP', name: expect.any(String), role: 'eigenaar' }]);

    const [entry, ...rest] = ws.ok<AuditEntry[]>('audit.list', { entity: 'standard', entityId: KS001 });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ actor: 'Lotte', action: 'gewijzigd', at: updated.updatedAt });
    expect(entry?.details).toEqual({
      topic: { van: before.topic, naar: 'ADHD, herzien onderwerp' },
      yearRevised: { van: 2017, naar: 2025 },
      owners: {
        van: before.owners.map((o) => ({ organisationId: o.organisationId, role: o.role })),
        naar: [{ organisationId: 'nip', role: 'eigenaar' }],
      },
    });
  });

  it('standards.update without a real change writes nothing', () => {
    const before = ws.ok<Standard>('standards.get', { id: KS001 });
    const changes = totalChanges(ws.db);
    const result = ws.ok<Standard>('standards.update', { id: KS001, patch: { title: before.title, topic: before.topic } });
    expect(result).toEqual(before);
    expect(totalChanges(ws.db)).toBe(changes);
    expect(tableCounts(ws.db).audit_log).toBe(1);
  });

  it('standards.update with a stale expectedUpdatedAt is a CONFLICT', () => {
    const before = ws.ok<Standard>('standards.get', { id: KS001 });
    ws.ok('standards.update', { id: KS001, expectedUpdatedAt: before.updatedAt, patch: { notes: 'eerste' } });
    const snapshot = snapshotOf(KS001);
    const result = ws.call('standards.update', { id: KS001, expectedUpdatedAt: before.updatedAt, patch: { notes: 'tweede' } });
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/intussen gewijzigd/) } });
    expect(snapshotOf(KS001)).toEqual(snapshot);
    expect(ws.ok<Standard>('standards.get', { id: KS001 }).notes).toBe('eerste');
  });

  it('standards.retire hides a standard from the default list; includeRetired shows it; restore brings it back', () => {
    ws.ok('settings.setUserName', { name: 'Programmateam' });
    const retired = ws.ok<Standard>('standards.retire', { id: KS003, reason: '  Opgevolgd door nieuwe richtlijn  ' });
    expect(retired).toMatchObject({ retired: true, retiredReason: 'Opgevolgd door nieuwe richtlijn', userModified: true });
    expect(retired.retiredAt).toBe(retired.updatedAt);

    const visible = ws.ok<StandardSummary[]>('standards.list');
    expect(visible).toHaveLength(153);
    expect(visible.some((s) => s.id === KS003)).toBe(false);
    const all = ws.ok<StandardSummary[]>('standards.list', { includeRetired: true });
    expect(all).toHaveLength(154);
    expect(all.find((s) => s.id === KS003)?.retired).toBe(true);
    // A retired standard can still be opened.
    expect(ws.ok<Standard>('standards.get', { id: KS003 }).retired).toBe(true);

    const restored = ws.ok<Standard>('standards.restore', { id: KS003 });
    expect(restored).toMatchObject({ retired: false, retiredAt: null, retiredReason: null });
    expect(ws.ok<StandardSummary[]>('standards.list')).toHaveLength(154);

    const audit = ws.ok<AuditEntry[]>('audit.list', { entity: 'standard', entityId: KS003 });
    expect(audit.map((a) => [a.actor, a.action, a.details])).toEqual([
      ['Programmateam', 'teruggezet', {}],
      ['Programmateam', 'teruggetrokken', { reden: 'Opgevolgd door nieuwe richtlijn' }],
    ]);
  });

  it('audit.list filters by entity and id, newest first, and honours the limit', () => {
    ws.ok('standards.update', { id: KS001, patch: { notes: 'een' } });
    ws.ok('standards.update', { id: KS001, patch: { notes: 'twee' } });
    ws.ok('standards.update', { id: KS003, patch: { notes: 'drie' } });
    const all = ws.ok<AuditEntry[]>('audit.list');
    expect(all.map((a) => a.action)).toEqual(['gewijzigd', 'gewijzigd', 'gewijzigd', 'catalogus-geladen']);
    expect(all.map((a) => a.id)).toEqual([...all.map((a) => a.id)].sort((a, b) => b - a));
    const ks001 = ws.ok<AuditEntry[]>('audit.list', { entity: 'standard', entityId: KS001 });
    expect(ks001.map((a) => (a.details as { notes: { naar: string } }).notes.naar)).toEqual(['twee', 'een']);
    expect(ws.ok<AuditEntry[]>('audit.list', { limit: 1 })).toHaveLength(1);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'catalogue' }).map((a) => a.action)).toEqual(['catalogus-geladen']);
    expect(ws.ok<AuditEntry[]>('audit.list', { entity: 'standard', entityId: 'bestaat-niet' })).toEqual([]);
  });
});

/** Counts of every table, the audit count, and the full state of one standard with its relations. */
function snapshotOf(id: string) {
  return {
    counts: tableCounts(ws.db),
    auditMax: ws.db.prepare('SELECT max(id) AS id FROM audit_log').get(),
    row: ws.db.prepare('SELECT * FROM standard WHERE id = ?').get(id) ?? null,
    owners: ws.db.prepare('SELECT * FROM standard_organisation WHERE standard_id = ? ORDER BY organisation_id, role').all(id),
    subsectors: ws.db.prepare('SELECT * FROM standard_subsector WHERE standard_id = ? ORDER BY subsector').all(id),
    settings: ws.db.prepare('SELECT * FROM setting ORDER BY key').all(),
  };
}

interface BadCase {
  name: string;
  method: string;
  args: unknown;
  code: string;
  message: RegExp;
  /** Fields the error must name, if any. */
  fields?: string[];
  /** Standard whose row must stay exactly as it was. */
  watch?: string;
  setup?: () => void;
}

const longText = (n: number) => 'x'.repeat(n);
const create = (overrides: Record<string, unknown>, drop: string[] = []) => {
  const args: Record<string, unknown> = { ...validNew, ...overrides };
  for (const key of drop) delete args[key];
  return args;
};

/** List 1 (with item 1, and round 1 with or without a vote) for the list cases' setups. */
const makeList = () => ws.ok('lists.create', { title: 'Lijst', versionLabel: 'Conceptlijst' });
const makeListWithItem = () => {
  makeList();
  ws.ok('items.create', { listId: 1, category: 'beter_doen', statement: 'Bied ouders een training aan' });
};
const makeRound = (withVote: boolean) => {
  makeListWithItem();
  ws.ok('rounds.create', { listId: 1, title: 'Ronde 1' });
  if (withVote) ws.ok('rounds.vote', { roundId: 1, itemId: 1, delegate: 'Anna', perspective: 'ervaring', vote: 'oneens' });
};

const badCases: BadCase[] = [
  // Unknown methods, including names that exist on every object.
  { name: 'unknown method', method: 'standards.delete', args: { id: KS001 }, code: 'ONBEKENDE_METHODE', message: /Onbekende opdracht "standards\.delete"/ },
  { name: 'prototype method name', method: 'toString', args: undefined, code: 'ONBEKENDE_METHODE', message: /Onbekende opdracht/ },
  { name: '__proto__ as method', method: '__proto__', args: {}, code: 'ONBEKENDE_METHODE', message: /Onbekende opdracht/ },
  { name: 'constructor as method', method: 'constructor', args: {}, code: 'ONBEKENDE_METHODE', message: /Onbekende opdracht/ },
  { name: 'very long method name is cut', method: 'x'.repeat(500), args: {}, code: 'ONBEKENDE_METHODE', message: /^Onbekende opdracht "x{60}"\.$/ },

  // app / settings / vocabularies / organisations
  { name: 'app.info with an unknown field', method: 'app.info', args: { debug: true }, code: 'ONGELDIGE_INVOER', message: /Controleer de invoer.*debug/ },
  { name: 'app.info with null', method: 'app.info', args: null, code: 'ONGELDIGE_INVOER', message: /Controleer de invoer/ },
  { name: 'vocabularies.all with an array', method: 'vocabularies.all', args: [1], code: 'ONGELDIGE_INVOER', message: /Controleer de invoer/ },
  { name: 'organisations.list with an unknown field', method: 'organisations.list', args: { kind: 'x' }, code: 'ONGELDIGE_INVOER', message: /kind/ },
  { name: 'setUserName without name', method: 'settings.setUserName', args: {}, code: 'ONGELDIGE_INVOER', message: /Naam/, fields: ['name'] },
  { name: 'setUserName blank', method: 'settings.setUserName', args: { name: '   ' }, code: 'ONGELDIGE_INVOER', message: /Naam: Vul je naam in/, fields: ['name'] },
  { name: 'setUserName too long', method: 'settings.setUserName', args: { name: longText(101) }, code: 'ONGELDIGE_INVOER', message: /hoogstens 100 tekens/ },
  { name: 'setUserName as number', method: 'settings.setUserName', args: { name: 42 }, code: 'ONGELDIGE_INVOER', message: /Naam/ },
  { name: 'setUserName with extra field', method: 'settings.setUserName', args: { name: 'Jan', admin: true }, code: 'ONGELDIGE_INVOER', message: /admin/ },

  // list / get
  { name: 'list with a string flag', method: 'standards.list', args: { includeRetired: 'ja' }, code: 'ONGELDIGE_INVOER', message: /includeRetired/ },
  { name: 'list with an unknown field', method: 'standards.list', args: { filter: 'adhd' }, code: 'ONGELDIGE_INVOER', message: /filter/ },
  { name: 'get without id', method: 'standards.get', args: {}, code: 'ONGELDIGE_INVOER', message: /Id: Geef het id van een standaard/, fields: ['id'] },
  { name: 'get with numeric id', method: 'standards.get', args: { id: 7 }, code: 'ONGELDIGE_INVOER', message: /Id/ },
  { name: 'get with unknown id', method: 'standards.get', args: { id: 'bestaat-niet' }, code: 'NIET_GEVONDEN', message: /geen standaard met id "bestaat-niet"/ },
  { name: 'get with a too long id', method: 'standards.get', args: { id: longText(121) }, code: 'ONGELDIGE_INVOER', message: /Id/ },

  // create
  { name: 'create without arguments', method: 'standards.create', args: undefined, code: 'ONGELDIGE_INVOER', message: /Controleer de invoer/ },
  { name: 'create without title', method: 'standards.create', args: create({}, ['title']), code: 'ONGELDIGE_INVOER', message: /Titel: Titel is verplicht/, fields: ['title'] },
  { name: 'create with a too-short title', method: 'standards.create', args: create({ title: ' ab ' }), code: 'ONGELDIGE_INVOER', message: /Titel: Een titel heeft minstens 3 tekens/, fields: ['title'] },
  { name: 'create with a too-long title', method: 'standards.create', args: create({ title: longText(301) }), code: 'ONGELDIGE_INVOER', message: /Titel: Een titel heeft hoogstens 300 tekens/ },
  { name: 'create with a numeric title', method: 'standards.create', args: create({ title: 12345 }), code: 'ONGELDIGE_INVOER', message: /Titel/ },
  { name: 'create with an unknown field', method: 'standards.create', args: create({ eigenaar: 'NJi' }), code: 'ONGELDIGE_INVOER', message: /eigenaar/ },
  { name: 'create with revised before published', method: 'standards.create', args: create({ yearPublished: 2020, yearRevised: 2019 }), code: 'ONGELDIGE_INVOER', message: /Jaar van herziening: Het jaar van herziening ligt niet vóór het jaar van publicatie/, fields: ['yearRevised'] },
  { name: 'create with a year as text', method: 'standards.create', args: create({ yearPublished: '2019' }), code: 'ONGELDIGE_INVOER', message: /Jaar van publicatie: Vul een jaartal in/ },
  { name: 'create with a year out of range', method: 'standards.create', args: create({ yearPublished: 1850, yearRevised: null }), code: 'ONGELDIGE_INVOER', message: /Jaar van publicatie: Een jaartal ligt tussen 1900 en 2100/ },
  { name: 'create with a fractional year', method: 'standards.create', args: create({ yearPublished: 2019.5, yearRevised: null }), code: 'ONGELDIGE_INVOER', message: /heel getal/ },
  { name: 'create with a javascript: url', method: 'standards.create', args: create({ url: 'javascript:alert(1)' }), code: 'ONGELDIGE_INVOER', message: /Webadres: Een webadres begint met http:\/\/ of https:\/\//, fields: ['url'] },
  { name: 'create with an ftp url', method: 'standards.create', args: create({ url: 'ftp://example.org/x' }), code: 'ONGELDIGE_INVOER', message: /Webadres/ },
  { name: 'create with an unknown type', method: 'standards.create', args: create({ type: 'wetsvoorstel' }), code: 'ONGELDIGE_INVOER', message: /Onbekend type "wetsvoorstel"/, fields: ['type'] },
  { name: 'create with an unknown status', method: 'standards.create', args: create({ status: 'gepubliceerd' }), code: 'ONGELDIGE_INVOER', message: /Status: Kies een geldige status/ },
  { name: 'create with an unknown organisation', method: 'standards.create', args: create({ owners: [{ organisationId: 'spookbureau', role: 'eigenaar' }] }), code: 'ONGELDIGE_INVOER', message: /Onbekende organisatie "spookbureau"/, fields: ['owners.0.organisationId'] },
  { name: 'create with an unknown role', method: 'standards.create', args: create({ owners: [{ organisationId: 'nji', role: 'sponsor' }] }), code: 'ONGELDIGE_INVOER', message: /Kies een geldige rol/ },
  { name: 'create with an unknown knowledge basis', method: 'standards.create', args: create({ knowledgeBasis: ['intuïtie'] }), code: 'ONGELDIGE_INVOER', message: /Kennisbasis: Kies wetenschap, praktijk of ervaring/ },
  { name: 'create with an unknown confidence', method: 'standards.create', args: create({ confidence: 'zeker' }), code: 'ONGELDIGE_INVOER', message: /Betrouwbaarheid: Kies geverifieerd of te controleren/ },
  { name: 'create with subsectors as a string', method: 'standards.create', args: create({ subsectors: 'jeugdhulp' }), code: 'ONGELDIGE_INVOER', message: /Subsectoren/ },
  { name: 'create with too-long notes', method: 'standards.create', args: create({ notes: longText(5001) }), code: 'ONGELDIGE_INVOER', message: /Notities: Maximaal 5000 tekens/ },

  // update
  { name: 'update of an unknown id', method: 'standards.update', args: { id: 'bestaat-niet', patch: { title: 'Nieuwe titel' } }, code: 'NIET_GEVONDEN', message: /geen standaard met id "bestaat-niet"/ },
  { name: 'update without patch', method: 'standards.update', args: { id: KS001 }, code: 'ONGELDIGE_INVOER', message: /Wijzigingen/, watch: KS001 },
  { name: 'update with a patch array', method: 'standards.update', args: { id: KS001, patch: ['title'] }, code: 'ONGELDIGE_INVOER', message: /Wijzigingen/, watch: KS001 },
  { name: 'update with an unknown field in the patch', method: 'standards.update', args: { id: KS001, patch: { catalogueId: 'KS999' } }, code: 'ONGELDIGE_INVOER', message: /catalogueId/, watch: KS001 },
  { name: 'update trying to change the id', method: 'standards.update', args: { id: KS001, patch: { id: 'nieuw-id' } }, code: 'ONGELDIGE_INVOER', message: /Controleer de invoer/, watch: KS001 },
  { name: 'update with an unknown top-level field', method: 'standards.update', args: { id: KS001, patch: {}, force: true }, code: 'ONGELDIGE_INVOER', message: /force/, watch: KS001 },
  { name: 'update with a too-short title', method: 'standards.update', args: { id: KS001, patch: { title: 'x' } }, code: 'ONGELDIGE_INVOER', message: /Titel: Een titel heeft minstens 3 tekens/, fields: ['title'], watch: KS001 },
  { name: 'update with revised before published', method: 'standards.update', args: { id: KS001, patch: { yearRevised: 2010 } }, code: 'ONGELDIGE_INVOER', message: /Jaar van herziening/, fields: ['yearRevised'], watch: KS001 },
  { name: 'update with a non-http url', method: 'standards.update', args: { id: KS001, patch: { url: 'file:///etc/passwd' } }, code: 'ONGELDIGE_INVOER', message: /Webadres/, watch: KS001 },
  { name: 'update with an unknown type', method: 'standards.update', args: { id: KS001, patch: { type: 'roman' } }, code: 'ONGELDIGE_INVOER', message: /Onbekend type "roman"/, watch: KS001 },
  { name: 'update with an unknown organisation', method: 'standards.update', args: { id: KS001, patch: { owners: [{ organisationId: 'nip', role: 'eigenaar' }, { organisationId: 'xyz', role: 'beheerder' }] } }, code: 'ONGELDIGE_INVOER', message: /Onbekende organisatie "xyz"/, fields: ['owners.1.organisationId'], watch: KS001 },
  { name: 'update with status null', method: 'standards.update', args: { id: KS001, patch: { status: null } }, code: 'ONGELDIGE_INVOER', message: /Status/, watch: KS001 },
  { name: 'update with a stale version', method: 'standards.update', args: { id: KS001, expectedUpdatedAt: '2000-01-01T00:00:00.000Z', patch: { notes: 'x' } }, code: 'CONFLICT', message: /intussen gewijzigd/, watch: KS001 },

  // retire / restore
  { name: 'retire of an unknown id', method: 'standards.retire', args: { id: 'bestaat-niet', reason: 'Verouderd' }, code: 'NIET_GEVONDEN', message: /geen standaard met id "bestaat-niet"/ },
  { name: 'retire without reason', method: 'standards.retire', args: { id: KS001 }, code: 'ONGELDIGE_INVOER', message: /Reden: Geef een reden/, fields: ['reason'], watch: KS001 },
  { name: 'retire with a too-short reason', method: 'standards.retire', args: { id: KS001, reason: ' x ' }, code: 'ONGELDIGE_INVOER', message: /Reden: Geef een reden van minstens 3 tekens/, watch: KS001 },
  {
    name: 'retire of an already retired standard',
    method: 'standards.retire',
    args: { id: KS003, reason: 'Nog een keer' },
    code: 'CONFLICT',
    message: /al uit de catalogus teruggetrokken/,
    watch: KS003,
    setup: () => void ws.ok('standards.retire', { id: KS003, reason: 'Verouderd' }),
  },
  { name: 'restore of an unknown id', method: 'standards.restore', args: { id: 'bestaat-niet' }, code: 'NIET_GEVONDEN', message: /geen standaard met id/ },
  { name: 'restore of a standard that is not retired', method: 'standards.restore', args: { id: KS001 }, code: 'CONFLICT', message: /staat al in de catalogus/, watch: KS001 },
  { name: 'restore with a wrong type', method: 'standards.restore', args: { id: ['a'] }, code: 'ONGELDIGE_INVOER', message: /Id/ },

  // settings, versions, imports, sections, search: input checks on an empty workspace. The cases
  // that need a stored version are in documents-api.test.ts.
  { name: 'settings.get with an unknown field', method: 'settings.get', args: { all: true }, code: 'ONGELDIGE_INVOER', message: /all/ },
  { name: 'setImportLimit of 0', method: 'settings.setImportLimit', args: { megabytes: 0 }, code: 'ONGELDIGE_INVOER', message: /Maximale bestandsgrootte: De grens is minstens 1 MB/, fields: ['megabytes'] },
  { name: 'setImportLimit over 1000', method: 'settings.setImportLimit', args: { megabytes: 1001 }, code: 'ONGELDIGE_INVOER', message: /hoogstens 1000 MB/ },
  { name: 'setImportLimit as text', method: 'settings.setImportLimit', args: { megabytes: '50' }, code: 'ONGELDIGE_INVOER', message: /Maximale bestandsgrootte/ },
  { name: 'versions.list without standardId', method: 'versions.list', args: {}, code: 'ONGELDIGE_INVOER', message: /Standaard: Geef het id van een standaard/, fields: ['standardId'] },
  { name: 'versions.list of an unknown standard', method: 'versions.list', args: { standardId: 'bestaat-niet' }, code: 'NIET_GEVONDEN', message: /geen standaard met id "bestaat-niet"/ },
  { name: 'versions.get with a text id', method: 'versions.get', args: { versionId: '1' }, code: 'ONGELDIGE_INVOER', message: /Versie: Geef het nummer van een versie/, fields: ['versionId'] },
  { name: 'versions.get of an unknown version', method: 'versions.get', args: { versionId: 42 }, code: 'NIET_GEVONDEN', message: /geen versie met nummer 42/ },
  { name: 'versions.update of an unknown version', method: 'versions.update', args: { versionId: 42, label: 'x' }, code: 'NIET_GEVONDEN', message: /geen versie met nummer 42/ },
  { name: 'versions.delete with a negative id', method: 'versions.delete', args: { versionId: -1 }, code: 'ONGELDIGE_INVOER', message: /Versie/ },
  { name: 'imports.start without a file', method: 'imports.start', args: { standardId: KS001, fileName: 'a.pdf', label: '2017', status: 'concept' }, code: 'ONGELDIGE_INVOER', message: /Bestand: Kies een bestand/, fields: ['dataBase64'] },
  { name: 'imports.start with bad base64', method: 'imports.start', args: { standardId: KS001, fileName: 'a.pdf', dataBase64: 'niet*base64!', label: '2017', status: 'concept' }, code: 'ONGELDIGE_INVOER', message: /geen geldige base64/ },
  { name: 'imports.start for an unknown standard', method: 'imports.start', args: { standardId: 'bestaat-niet', fileName: 'a.txt', dataBase64: 'aGFsbG8=', label: '2017', status: 'concept' }, code: 'NIET_GEVONDEN', message: /geen standaard met id "bestaat-niet"/ },
  { name: 'imports.status of an unknown job', method: 'imports.status', args: { jobId: 'bestaat-niet' }, code: 'NIET_GEVONDEN', message: /niet \(meer\) bekend/ },
  { name: 'imports.cancel without job', method: 'imports.cancel', args: {}, code: 'ONGELDIGE_INVOER', message: /Import/, fields: ['jobId'] },
  { name: 'sections.promote of an unknown section', method: 'sections.promote', args: { sectionId: 7 }, code: 'NIET_GEVONDEN', message: /geen sectie met nummer 7/ },
  { name: 'sections.demote with a fraction', method: 'sections.demote', args: { sectionId: 1.5 }, code: 'ONGELDIGE_INVOER', message: /Sectie: Geef het nummer van een sectie/ },
  { name: 'sections.mergeWithPrevious with an unknown field', method: 'sections.mergeWithPrevious', args: { sectionId: 1, force: true }, code: 'ONGELDIGE_INVOER', message: /force/ },
  { name: 'sections.split without heading', method: 'sections.split', args: { sectionId: 1, atBlock: 1 }, code: 'ONGELDIGE_INVOER', message: /Kop: Geef een kop/, fields: ['heading'] },
  { name: 'sections.update with nothing to change', method: 'sections.update', args: { sectionId: 1 }, code: 'ONGELDIGE_INVOER', message: /Geef een nieuwe kop, een nummer of een soort/ },
  { name: 'search.fulltext without query', method: 'search.fulltext', args: {}, code: 'ONGELDIGE_INVOER', message: /Zoekterm: Geef een zoekterm/, fields: ['query'] },
  { name: 'search.fulltext with a 10,001-character query', method: 'search.fulltext', args: { query: longText(10_001) }, code: 'ONGELDIGE_INVOER', message: /hoogstens 10\.000 tekens/ },

  // codebook: input checks on the seeded codebook (tags 1–3 are the groups, 4 the first focus theme).
  // Cases that need annotations are in tags-codebook.test.ts and annotations-api.test.ts.
  { name: 'tags.list with an unknown field', method: 'tags.list', args: { all: true }, code: 'ONGELDIGE_INVOER', message: /all/ },
  { name: 'tags.create without name', method: 'tags.create', args: {}, code: 'ONGELDIGE_INVOER', message: /Naam: Geef de tag een naam/, fields: ['name'] },
  { name: 'tags.create with a blank name', method: 'tags.create', args: { name: '   ' }, code: 'ONGELDIGE_INVOER', message: /Naam: Geef de tag een naam/ },
  { name: 'tags.create with a "/" in the name', method: 'tags.create', args: { name: 'Ouder/kind' }, code: 'ONGELDIGE_INVOER', message: /mag geen "\/" bevatten/, fields: ['name'] },
  { name: 'tags.create with a too-long name', method: 'tags.create', args: { name: longText(101) }, code: 'ONGELDIGE_INVOER', message: /hoogstens 100 tekens/ },
  { name: 'tags.create with a bad colour', method: 'tags.create', args: { name: 'X', color: '#12345' }, code: 'ONGELDIGE_INVOER', message: /Kleur: Kies een kleur als #rrggbb/, fields: ['color'] },
  { name: 'tags.create with a too-long description', method: 'tags.create', args: { name: 'X', description: longText(2001) }, code: 'ONGELDIGE_INVOER', message: /Beschrijving: Een beschrijving heeft hoogstens 2000 tekens/ },
  { name: 'tags.create under an unknown parent', method: 'tags.create', args: { name: 'X', parentId: 9999 }, code: 'NIET_GEVONDEN', message: /geen bovenliggende tag met nummer 9999/ },
  { name: 'tags.create with a taken name', method: 'tags.create', args: { name: 'LEERLIJNEN' }, code: 'CONFLICT', message: /Er staat al een tag "Leerlijnen" op het hoogste niveau/ },
  { name: 'tags.update with nothing to change', method: 'tags.update', args: { id: 4 }, code: 'ONGELDIGE_INVOER', message: /Geef een nieuwe naam, kleur of beschrijving/ },
  { name: 'tags.update of an unknown tag', method: 'tags.update', args: { id: 9999, name: 'X' }, code: 'NIET_GEVONDEN', message: /geen tag met nummer 9999/ },
  { name: 'tags.update with a text id', method: 'tags.update', args: { id: '4', name: 'X' }, code: 'ONGELDIGE_INVOER', message: /Id: Geef het nummer van een tag/, fields: ['id'] },
  { name: 'tags.move without parentId', method: 'tags.move', args: { id: 4 }, code: 'ONGELDIGE_INVOER', message: /Bovenliggende tag/, fields: ['parentId'] },
  { name: 'tags.move under itself', method: 'tags.move', args: { id: 1, parentId: 1 }, code: 'CONFLICT', message: /niet onder zichzelf/ },
  { name: 'tags.move under its own child', method: 'tags.move', args: { id: 1, parentId: 4 }, code: 'CONFLICT', message: /eigen subtags/ },
  { name: 'tags.move with a negative position', method: 'tags.move', args: { id: 4, parentId: null, position: -1 }, code: 'ONGELDIGE_INVOER', message: /Positie: Een positie is 0 of meer/ },
  { name: 'tags.merge with itself', method: 'tags.merge', args: { sourceId: 4, targetId: 4 }, code: 'ONGELDIGE_INVOER', message: /Doeltag: Kies twee verschillende tags/, fields: ['targetId'] },
  { name: 'tags.merge into its own child', method: 'tags.merge', args: { sourceId: 1, targetId: 4 }, code: 'CONFLICT', message: /want die staat eronder/ },
  { name: 'tags.merge of an unknown tag', method: 'tags.merge', args: { sourceId: 9999, targetId: 4 }, code: 'NIET_GEVONDEN', message: /geen tag met nummer 9999/ },
  { name: 'tags.delete with an unknown choice for children', method: 'tags.delete', args: { id: 1, children: 'alles' }, code: 'ONGELDIGE_INVOER', message: /Onderliggende tags: Kies "verwijderen" of "naar-bovenliggende"/, fields: ['children'] },
  { name: 'tags.delete whose children would clash at the top level', method: 'tags.delete', args: { id: 1 }, code: 'CONFLICT', message: /al een tag "\w/, setup: () => void ws.ok('tags.create', { name: 'Jeugdhulp die werkt' }) },
  { name: 'tags.delete with an unknown choice', method: 'tags.delete', args: { id: 4, annotations: 'weggooien' }, code: 'ONGELDIGE_INVOER', message: /Annotaties: Kies "verwijderen" of "naar-bovenliggende"/ },
  { name: 'tags.delete of an unknown tag', method: 'tags.delete', args: { id: 9999 }, code: 'NIET_GEVONDEN', message: /geen tag met nummer 9999/ },
  { name: 'tags.exportCsv with an argument', method: 'tags.exportCsv', args: { tagId: 1 }, code: 'ONGELDIGE_INVOER', message: /tagId/ },
  { name: 'tags.importCsv without csv', method: 'tags.importCsv', args: {}, code: 'ONGELDIGE_INVOER', message: /CSV: Geef de inhoud van een CSV-bestand/, fields: ['csv'] },
  { name: 'tags.importCsv with a path instead of content', method: 'tags.importCsv', args: { path: '/etc/passwd' }, code: 'ONGELDIGE_INVOER', message: /path/ },
  { name: 'tags.importCsv without header', method: 'tags.importCsv', args: { csv: 'x;y\n' }, code: 'ONGELDIGE_INVOER', message: /CSV: de eerste regel moet de kolomnamen geven/, fields: ['csv'] },
  { name: 'tags.exportQdc with an argument', method: 'tags.exportQdc', args: { pretty: true }, code: 'ONGELDIGE_INVOER', message: /pretty/ },
  { name: 'annotations.create without section', method: 'annotations.create', args: { start: 0, end: 4, quote: 'Deze', tagIds: [4] }, code: 'ONGELDIGE_INVOER', message: /Sectie: Geef het nummer van een sectie/, fields: ['sectionId'] },
  { name: 'annotations.create without tags', method: 'annotations.create', args: { sectionId: 1, start: 0, end: 4, quote: 'Deze' }, code: 'ONGELDIGE_INVOER', message: /Tags: Kies minstens één tag, of maak er een/, fields: ['tagIds'] },
  { name: 'annotations.create with end before start', method: 'annotations.create', args: { sectionId: 1, start: 4, end: 2, quote: 'De', tagIds: [4] }, code: 'ONGELDIGE_INVOER', message: /Einde: Het einde van de selectie ligt na het begin/, fields: ['end'] },
  { name: 'annotations.create with a negative start', method: 'annotations.create', args: { sectionId: 1, start: -1, end: 2, quote: 'De', tagIds: [4] }, code: 'ONGELDIGE_INVOER', message: /Begin: Het begin is 0 of meer/, fields: ['start'] },
  { name: 'annotations.create with an empty quote', method: 'annotations.create', args: { sectionId: 1, start: 0, end: 2, quote: '', tagIds: [4] }, code: 'ONGELDIGE_INVOER', message: /Citaat: Selecteer eerst tekst/ },
  { name: 'annotations.create in an unknown section', method: 'annotations.create', args: { sectionId: 777, start: 0, end: 2, quote: 'De', tagIds: [4] }, code: 'NIET_GEVONDEN', message: /geen sectie met nummer 777/ },
  { name: 'annotations.create with an author field', method: 'annotations.create', args: { sectionId: 1, start: 0, end: 2, quote: 'De', tagIds: [4], author: 'iemand anders' }, code: 'ONGELDIGE_INVOER', message: /author/ },
  { name: 'annotations.update with nothing to change', method: 'annotations.update', args: { id: '00000000-0000-4000-8000-000000000000' }, code: 'ONGELDIGE_INVOER', message: /Geef een nieuwe notitie of nieuwe tags/ },
  { name: 'annotations.update of an unknown annotation', method: 'annotations.update', args: { id: '00000000-0000-4000-8000-000000000000', note: 'x' }, code: 'NIET_GEVONDEN', message: /bestaat niet \(meer\)/ },
  { name: 'annotations.update with a bad id', method: 'annotations.update', args: { id: 'abc', note: 'x' }, code: 'ONGELDIGE_INVOER', message: /Id: Geef het id van een annotatie/, fields: ['id'] },
  { name: 'annotations.delete of an unknown annotation', method: 'annotations.delete', args: { id: '00000000-0000-4000-8000-000000000000' }, code: 'NIET_GEVONDEN', message: /bestaat niet \(meer\)/ },
  { name: 'annotations.delete without id', method: 'annotations.delete', args: {}, code: 'ONGELDIGE_INVOER', message: /Id/, fields: ['id'] },
  { name: 'annotations.listForVersion of an unknown version', method: 'annotations.listForVersion', args: { versionId: 42 }, code: 'NIET_GEVONDEN', message: /geen versie met nummer 42/ },
  { name: 'annotations.listForVersion with a blank author', method: 'annotations.listForVersion', args: { versionId: 1, author: ' ' }, code: 'ONGELDIGE_INVOER', message: /Auteur: Geef de naam van een auteur/ },
  { name: 'annotations.unplaced of an unknown standard', method: 'annotations.unplaced', args: { standardId: 'bestaat-niet' }, code: 'NIET_GEVONDEN', message: /geen standaard met id "bestaat-niet"/ },
  { name: 'annotations.unplaced with an unknown field', method: 'annotations.unplaced', args: { versionId: 1 }, code: 'ONGELDIGE_INVOER', message: /versionId/ },
  { name: 'annotations.place of an unknown annotation', method: 'annotations.place', args: { id: '00000000-0000-4000-8000-000000000000', sectionId: 1, start: 0, end: 2, quote: 'De' }, code: 'NIET_GEVONDEN', message: /bestaat niet \(meer\)/ },
  { name: 'annotations.place without quote', method: 'annotations.place', args: { id: '00000000-0000-4000-8000-000000000000', sectionId: 1, start: 0, end: 2 }, code: 'ONGELDIGE_INVOER', message: /Citaat: Geef de geselecteerde tekst mee/, fields: ['quote'] },
  { name: 'analysis.passages without tags', method: 'analysis.passages', args: {}, code: 'ONGELDIGE_INVOER', message: /Alle tags: Kies minstens één tag/, fields: ['all'] },
  { name: 'analysis.passages with only "not"', method: 'analysis.passages', args: { not: [4] }, code: 'ONGELDIGE_INVOER', message: /Kies minstens één tag/ },
  { name: 'analysis.passages with an unknown tag', method: 'analysis.passages', args: { all: [9999] }, code: 'NIET_GEVONDEN', message: /geen tag met nummer 9999/ },
  { name: 'analysis.passages with limit 0', method: 'analysis.passages', args: { all: [4], limit: 0 }, code: 'ONGELDIGE_INVOER', message: /Aantal: Minstens 1/, fields: ['limit'] },
  { name: 'analysis.passages with tags as text', method: 'analysis.passages', args: { all: '4' }, code: 'ONGELDIGE_INVOER', message: /Alle tags/ },
  { name: 'analysis.cooccurrence with standards as text', method: 'analysis.cooccurrence', args: { standardIds: KS001 }, code: 'ONGELDIGE_INVOER', message: /Standaarden: Geef een lijst van standaarden/ },
  { name: 'analysis.agreement with the same author twice', method: 'analysis.agreement', args: { versionId: 1, authorA: 'Sanne', authorB: 'Sanne' }, code: 'ONGELDIGE_INVOER', message: /Auteur B: Kies twee verschillende auteurs/, fields: ['authorB'] },
  { name: 'analysis.agreement without authors', method: 'analysis.agreement', args: { versionId: 1 }, code: 'ONGELDIGE_INVOER', message: /Auteur A: Geef de naam van een auteur/ },
  { name: 'analysis.agreement of an unknown version', method: 'analysis.agreement', args: { versionId: 42, authorA: 'A', authorB: 'B' }, code: 'NIET_GEVONDEN', message: /geen versie met nummer 42/ },
  { name: 'analysis.authors of an unknown version', method: 'analysis.authors', args: { versionId: 42 }, code: 'NIET_GEVONDEN', message: /geen versie met nummer 42/ },
  { name: 'analysis.authors without version', method: 'analysis.authors', args: {}, code: 'ONGELDIGE_INVOER', message: /Versie: Geef het nummer van een versie/ },
  { name: 'analysis.exportPassagesCsv of an unknown tag', method: 'analysis.exportPassagesCsv', args: { tagId: 9999 }, code: 'NIET_GEVONDEN', message: /geen tag met nummer 9999/ },
  { name: 'analysis.exportPassagesCsv without tag', method: 'analysis.exportPassagesCsv', args: {}, code: 'ONGELDIGE_INVOER', message: /Tag: Geef het nummer van een tag/, fields: ['tagId'] },

  // beter doen/laten/onderzoeken lists. Setups make list 1 with item 1 (and round 1) in the fresh workspace.
  { name: 'lists.list with an unknown field', method: 'lists.list', args: { all: true }, code: 'ONGELDIGE_INVOER', message: /all/ },
  { name: 'lists.create without title', method: 'lists.create', args: { versionLabel: 'v1' }, code: 'ONGELDIGE_INVOER', message: /Titel: Vul een titel in/, fields: ['title'] },
  { name: 'lists.create without version label', method: 'lists.create', args: { title: 'Lijst', versionLabel: '  ' }, code: 'ONGELDIGE_INVOER', message: /Versienaam/, fields: ['versionLabel'] },
  { name: 'lists.create with a status', method: 'lists.create', args: { title: 'Lijst', versionLabel: 'v1', status: 'vastgesteld' }, code: 'ONGELDIGE_INVOER', message: /status/ },
  { name: 'lists.get of an unknown list', method: 'lists.get', args: { listId: 42 }, code: 'NIET_GEVONDEN', message: /geen lijst met nummer 42/ },
  { name: 'lists.get with a text id', method: 'lists.get', args: { listId: '1' }, code: 'ONGELDIGE_INVOER', message: /Lijst: Geef het nummer van een lijst/, fields: ['listId'] },
  { name: 'lists.update without changes', method: 'lists.update', args: { listId: 1 }, code: 'ONGELDIGE_INVOER', message: /Geef een nieuwe titel/, setup: () => void makeList() },
  { name: 'lists.update with an unknown status', method: 'lists.update', args: { listId: 1, status: 'gepubliceerd' }, code: 'ONGELDIGE_INVOER', message: /Status: Kies concept, in consultatie/, setup: () => void makeList() },
  { name: 'lists.update of an unknown list', method: 'lists.update', args: { listId: 42, title: 'x' }, code: 'NIET_GEVONDEN', message: /geen lijst met nummer 42/ },
  { name: 'lists.newVersion with a taken label', method: 'lists.newVersion', args: { listId: 1, versionLabel: 'Conceptlijst' }, code: 'CONFLICT', message: /al een versie "Conceptlijst"/, setup: () => void makeList() },
  { name: 'lists.newVersion of an unknown list', method: 'lists.newVersion', args: { listId: 42, versionLabel: 'v2' }, code: 'NIET_GEVONDEN', message: /geen lijst met nummer 42/ },
  { name: 'lists.diff without list', method: 'lists.diff', args: {}, code: 'ONGELDIGE_INVOER', message: /Lijst/, fields: ['listId'] },
  { name: 'lists.exportCsv with an unknown audience', method: 'lists.exportCsv', args: { listId: 1, audience: 'pers', grouping: 'categorie' }, code: 'ONGELDIGE_INVOER', message: /Versie: Kies een versie voor professionals of voor cliënten/, setup: () => void makeList() },
  { name: 'lists.exportCsv of an unknown list', method: 'lists.exportCsv', args: { listId: 42, audience: 'professionals', grouping: 'categorie' }, code: 'NIET_GEVONDEN', message: /geen lijst met nummer 42/ },
  { name: 'lists.exportDocx with an unknown grouping', method: 'lists.exportDocx', args: { listId: 1, audience: 'clienten', grouping: 'thema' }, code: 'ONGELDIGE_INVOER', message: /Indeling: Kies indeling per categorie of per gebruikscontext/, setup: () => void makeList() },
  { name: 'lists.exportDocx of an unknown list', method: 'lists.exportDocx', args: { listId: 42 }, code: 'NIET_GEVONDEN', message: /geen lijst met nummer 42/ },
  { name: 'items.create without statement', method: 'items.create', args: { listId: 1, category: 'beter_doen', statement: ' ' }, code: 'ONGELDIGE_INVOER', message: /Stelling: Vul de stelling in/, fields: ['statement'], setup: () => void makeList() },
  { name: 'items.create with an unknown category', method: 'items.create', args: { listId: 1, category: 'beter_niet', statement: 'x' }, code: 'ONGELDIGE_INVOER', message: /Categorie: Kies beter doen, beter laten of beter onderzoeken/, setup: () => void makeList() },
  { name: 'items.create with an unknown evidence type', method: 'items.create', args: { listId: 1, category: 'beter_doen', statement: 'x', evidenceTypes: ['intuïtie'] }, code: 'ONGELDIGE_INVOER', message: /Soort kennis/, setup: () => void makeList() },
  { name: 'items.create with an unknown leerlijn', method: 'items.create', args: { listId: 1, category: 'beter_doen', statement: 'x', leerlijnen: ['geen'] }, code: 'ONGELDIGE_INVOER', message: /Onbekende leerlijn/, setup: () => void makeList() },
  { name: 'items.create in an unknown list', method: 'items.create', args: { listId: 42, category: 'beter_doen', statement: 'x' }, code: 'NIET_GEVONDEN', message: /geen lijst met nummer 42/ },
  { name: 'items.update without fields', method: 'items.update', args: { itemId: 1 }, code: 'ONGELDIGE_INVOER', message: /minstens één veld/, setup: () => void makeListWithItem() },
  { name: 'items.update with an unknown status', method: 'items.update', args: { itemId: 1, status: 'gepubliceerd' }, code: 'ONGELDIGE_INVOER', message: /Status: Kies concept, besproken/, setup: () => void makeListWithItem() },
  { name: 'items.update of an unknown item', method: 'items.update', args: { itemId: 42, statement: 'x' }, code: 'NIET_GEVONDEN', message: /geen item met nummer 42/ },
  { name: 'items.delete of an item with votes', method: 'items.delete', args: { itemId: 1 }, code: 'CONFLICT', message: /vervallen/, setup: () => void makeRound(true) },
  { name: 'items.delete of an unknown item', method: 'items.delete', args: { itemId: 42 }, code: 'NIET_GEVONDEN', message: /geen item met nummer 42/ },
  { name: 'items.move without category or position', method: 'items.move', args: { itemId: 1 }, code: 'ONGELDIGE_INVOER', message: /nieuwe categorie of positie/, setup: () => void makeListWithItem() },
  { name: 'items.move to a negative position', method: 'items.move', args: { itemId: 1, ordinal: -1 }, code: 'ONGELDIGE_INVOER', message: /Positie: Een positie is 0 of meer/, setup: () => void makeListWithItem() },
  { name: 'items.addLink without a target', method: 'items.addLink', args: { itemId: 1 }, code: 'ONGELDIGE_INVOER', message: /Kies een annotatie/, setup: () => void makeListWithItem() },
  { name: 'items.addLink to an unknown section', method: 'items.addLink', args: { itemId: 1, sectionId: 42, start: 0, end: 3, quote: 'abc' }, code: 'NIET_GEVONDEN', message: /geen sectie met nummer 42/, setup: () => void makeListWithItem() },
  { name: 'items.addLink to an unknown annotation', method: 'items.addLink', args: { itemId: 1, annotationId: '00000000-0000-0000-0000-000000000000' }, code: 'NIET_GEVONDEN', message: /Deze annotatie bestaat niet/, setup: () => void makeListWithItem() },
  { name: 'items.removeLink of an unknown link', method: 'items.removeLink', args: { linkId: 42 }, code: 'NIET_GEVONDEN', message: /geen link met nummer 42/ },
  { name: 'items.createFromAnnotation with a bad id', method: 'items.createFromAnnotation', args: { listId: 1, annotationId: 'x', category: 'beter_doen' }, code: 'ONGELDIGE_INVOER', message: /Annotatie: Geef het id van een annotatie/, setup: () => void makeList() },
  { name: 'items.createFromAnnotation of an unknown annotation', method: 'items.createFromAnnotation', args: { listId: 1, annotationId: '00000000-0000-0000-0000-000000000000', category: 'beter_doen' }, code: 'NIET_GEVONDEN', message: /Deze annotatie bestaat niet/, setup: () => void makeList() },
  { name: 'sessions.list of an unknown list', method: 'sessions.list', args: { listId: 42 }, code: 'NIET_GEVONDEN', message: /geen lijst met nummer 42/ },
  { name: 'sessions.create with a bad date', method: 'sessions.create', args: { listId: 1, date: '12-02-2026', title: 'Sessie' }, code: 'ONGELDIGE_INVOER', message: /Datum: Geef een datum als JJJJ-MM-DD/, fields: ['date'], setup: () => void makeList() },
  { name: 'sessions.create with an unknown perspective', method: 'sessions.create', args: { listId: 1, date: '2026-02-12', title: 'Sessie', delegates: [{ name: 'Anna', perspective: 'ouders' }] }, code: 'ONGELDIGE_INVOER', message: /Perspectief: Kies een perspectief/, fields: ['delegates.0.perspective'], setup: () => void makeList() },
  { name: 'sessions.update without changes', method: 'sessions.update', args: { sessionId: 1 }, code: 'ONGELDIGE_INVOER', message: /nieuwe datum, titel of afgevaardigden/ },
  { name: 'sessions.update of an unknown session', method: 'sessions.update', args: { sessionId: 42, title: 'x' }, code: 'NIET_GEVONDEN', message: /geen dialoogsessie met nummer 42/ },
  { name: 'sessions.addNote without note', method: 'sessions.addNote', args: { sessionId: 1, itemId: 1, note: '' }, code: 'ONGELDIGE_INVOER', message: /Notitie: Vul een notitie in/ },
  { name: 'sessions.addNote to an unknown session', method: 'sessions.addNote', args: { sessionId: 42, itemId: 1, note: 'x' }, code: 'NIET_GEVONDEN', message: /geen dialoogsessie met nummer 42/, setup: () => void makeListWithItem() },
  { name: 'rounds.list of an unknown list', method: 'rounds.list', args: { listId: 42 }, code: 'NIET_GEVONDEN', message: /geen lijst met nummer 42/ },
  { name: 'rounds.create with a threshold over 1', method: 'rounds.create', args: { listId: 1, title: 'Ronde', rule: { minAgree: 70 } }, code: 'ONGELDIGE_INVOER', message: /Drempel eens: De drempel ligt tussen 0 en 1/, fields: ['rule.minAgree'], setup: () => void makeListWithItem() },
  { name: 'rounds.create with items and a carry-over', method: 'rounds.create', args: { listId: 1, title: 'Ronde', itemIds: [1], carryOverFrom: 1 }, code: 'ONGELDIGE_INVOER', message: /niet allebei/, setup: () => void makeListWithItem() },
  { name: 'rounds.create carrying over an open round', method: 'rounds.create', args: { listId: 1, title: 'Ronde 2', carryOverFrom: 1 }, code: 'CONFLICT', message: /Sluit ronde 1 eerst/, setup: () => void makeRound(false) },
  { name: 'rounds.vote in a closed round', method: 'rounds.vote', args: { roundId: 1, itemId: 1, delegate: 'Anna', perspective: 'ervaring', vote: 'eens' }, code: 'CONFLICT', message: /Ronde 1 is gesloten/, setup: () => { makeRound(true); ws.ok('rounds.close', { roundId: 1 }); } },
  { name: 'rounds.vote with an unknown vote', method: 'rounds.vote', args: { roundId: 1, itemId: 1, delegate: 'Anna', perspective: 'ervaring', vote: 'ja' }, code: 'ONGELDIGE_INVOER', message: /Stem: Stem eens, neutraal of oneens/, setup: () => void makeRound(false) },
  { name: 'rounds.vote without delegate', method: 'rounds.vote', args: { roundId: 1, itemId: 1, perspective: 'ervaring', vote: 'eens' }, code: 'ONGELDIGE_INVOER', message: /Afgevaardigde/, fields: ['delegate'] },
  { name: 'rounds.votes of an unknown round', method: 'rounds.votes', args: { roundId: 42 }, code: 'NIET_GEVONDEN', message: /geen stemronde met nummer 42/ },
  { name: 'rounds.result with a text id', method: 'rounds.result', args: { roundId: 'een' }, code: 'ONGELDIGE_INVOER', message: /Stemronde: Geef het nummer van een stemronde/ },
  { name: 'rounds.close of a closed round', method: 'rounds.close', args: { roundId: 1 }, code: 'CONFLICT', message: /al gesloten/, setup: () => { makeRound(true); ws.ok('rounds.close', { roundId: 1 }); } },

  // pilots and alignment (the lifecycle rules themselves: pilots-api.test.ts)
  { name: 'versions.all with an argument', method: 'versions.all', args: { standardId: 'x' }, code: 'ONGELDIGE_INVOER', message: /standardId/ },
  { name: 'pilots.list with an argument', method: 'pilots.list', args: { phase: 'gestart' }, code: 'ONGELDIGE_INVOER', message: /phase/ },
  { name: 'pilots.create without title', method: 'pilots.create', args: { title: '', kinds: ['horizontaal'], origin: 'partner' }, code: 'ONGELDIGE_INVOER', message: /Vul een titel in/, fields: ['title'] },
  { name: 'pilots.get of an unknown pilot', method: 'pilots.get', args: { pilotId: 42 }, code: 'NIET_GEVONDEN', message: /geen pilot met nummer 42/ },
  { name: 'pilots.update with an unknown origin', method: 'pilots.update', args: { pilotId: 1, origin: 'ergens' }, code: 'ONGELDIGE_INVOER', message: /herkomst/ },
  { name: 'pilots.setPhase to an unknown phase', method: 'pilots.setPhase', args: { pilotId: 1, phase: 'klaar' }, code: 'ONGELDIGE_INVOER', message: /Kies een fase/ },
  { name: 'pilots.delete of an unknown pilot', method: 'pilots.delete', args: { pilotId: 42 }, code: 'NIET_GEVONDEN', message: /geen pilot met nummer 42/ },
  { name: 'pilots.addMember without role', method: 'pilots.addMember', args: { pilotId: 1, name: 'Anna', perspective: 'ervaring' }, code: 'ONGELDIGE_INVOER', message: /Kies een rol/ },
  { name: 'pilots.updateMember of an unknown member', method: 'pilots.updateMember', args: { memberId: 42, name: 'Anna' }, code: 'NIET_GEVONDEN', message: /geen lid met nummer 42/ },
  { name: 'pilots.removeMember with a text id', method: 'pilots.removeMember', args: { memberId: 'een' }, code: 'ONGELDIGE_INVOER', message: /Geef het nummer van een lid/ },
  { name: 'pilots.setVersions with a version twice', method: 'pilots.setVersions', args: { pilotId: 1, versionIds: [1, 1] }, code: 'ONGELDIGE_INVOER', message: /twee keer/ },
  { name: 'pilots.addReflection on a date that does not exist', method: 'pilots.addReflection', args: { pilotId: 1, heldOn: '2026-02-30', perspectives: [] }, code: 'ONGELDIGE_INVOER', message: /bestaat niet/ },
  { name: 'pilots.removeReflection of an unknown moment', method: 'pilots.removeReflection', args: { reflectionId: 42 }, code: 'NIET_GEVONDEN', message: /geen reflectiemoment met nummer 42/ },
  { name: 'alignment.grid of an unknown pilot', method: 'alignment.grid', args: { pilotId: 42 }, code: 'NIET_GEVONDEN', message: /geen pilot met nummer 42/ },
  { name: 'alignment.propose of an unknown pilot', method: 'alignment.propose', args: { pilotId: 42 }, code: 'NIET_GEVONDEN', message: /geen pilot met nummer 42/ },
  { name: 'alignment.accept of an unknown row', method: 'alignment.accept', args: { rowId: 42 }, code: 'NIET_GEVONDEN', message: /geen rij met nummer 42/ },
  { name: 'alignment.acceptAll with a confidence over 1', method: 'alignment.acceptAll', args: { pilotId: 1, minConfidence: 80 }, code: 'ONGELDIGE_INVOER', message: /tussen 0 en 1/ },
  { name: 'alignment.reject of an unknown row', method: 'alignment.reject', args: { rowId: 42 }, code: 'NIET_GEVONDEN', message: /geen rij met nummer 42/ },
  { name: 'alignment.createRow without theme', method: 'alignment.createRow', args: { pilotId: 1, theme: ' ' }, code: 'ONGELDIGE_INVOER', message: /Vul een thema in/ },
  { name: 'alignment.renameRow of an unknown row', method: 'alignment.renameRow', args: { rowId: 42, theme: 'Medicatie' }, code: 'NIET_GEVONDEN', message: /geen rij met nummer 42/ },
  { name: 'alignment.moveRow to a negative position', method: 'alignment.moveRow', args: { rowId: 1, toIndex: -1 }, code: 'ONGELDIGE_INVOER', message: /0 of meer/ },
  { name: 'alignment.deleteRow of an unknown row', method: 'alignment.deleteRow', args: { rowId: 42 }, code: 'NIET_GEVONDEN', message: /geen rij met nummer 42/ },
  { name: 'alignment.placeSection without row', method: 'alignment.placeSection', args: { pilotId: 1, sectionId: 1 }, code: 'ONGELDIGE_INVOER', message: /rij/ },
  { name: 'alignment.splitRow without sections', method: 'alignment.splitRow', args: { rowId: 1, sectionIds: [], theme: 'X' }, code: 'ONGELDIGE_INVOER', message: /Kies de secties/ },
  { name: 'alignment.mergeRows into itself', method: 'alignment.mergeRows', args: { rowId: 1, intoRowId: 1 }, code: 'ONGELDIGE_INVOER', message: /twee verschillende rijen/ },
  { name: 'alignment.classify with an unknown classification', method: 'alignment.classify', args: { rowId: 1, versionId: 1, classification: 'anders' }, code: 'ONGELDIGE_INVOER', message: /gelijk, aanvullend/ },
  { name: 'alignment.decide with an unknown decision', method: 'alignment.decide', args: { rowId: 1, decision: 'stemmen' }, code: 'ONGELDIGE_INVOER', message: /Kies een besluit/ },
  { name: 'alignment.comment without text', method: 'alignment.comment', args: { rowId: 1, body: '' }, code: 'ONGELDIGE_INVOER', message: /Vul een opmerking in/ },
  { name: 'alignment.deleteComment of an unknown comment', method: 'alignment.deleteComment', args: { commentId: 42 }, code: 'NIET_GEVONDEN', message: /geen opmerking met nummer 42/ },

  // catalogue export, backups and project files (behaviour: catalogue-export, backups and project-file tests)
  { name: 'catalogue.exportCsv without standards', method: 'catalogue.exportCsv', args: { ids: [] }, code: 'ONGELDIGE_INVOER', message: /./ },
  { name: 'catalogue.exportXlsx with ids as text', method: 'catalogue.exportXlsx', args: { ids: 'ks001' }, code: 'ONGELDIGE_INVOER', message: /./ },
  { name: 'workspace.status with an argument', method: 'workspace.status', args: { x: 1 }, code: 'ONGELDIGE_INVOER', message: /Onbekend veld/ },
  { name: 'backups.list with an argument', method: 'backups.list', args: { x: 1 }, code: 'ONGELDIGE_INVOER', message: /Onbekend veld/ },
  { name: 'backups.create with an argument', method: 'backups.create', args: { reason: 'x' }, code: 'ONGELDIGE_INVOER', message: /Onbekend veld/ },
  { name: 'backups.setRetention of 0 days', method: 'backups.setRetention', args: { days: 0 }, code: 'ONGELDIGE_INVOER', message: /./ },
  { name: 'backups.restore without a name', method: 'backups.restore', args: { name: 5 }, code: 'ONGELDIGE_INVOER', message: /./ },
  { name: 'project.export of a text pilot id', method: 'project.export', args: { pilotId: 'een' }, code: 'ONGELDIGE_INVOER', message: /Pilot/ },
  { name: 'project.open without data', method: 'project.open', args: { fileName: 'x.richtsnoer' }, code: 'ONGELDIGE_INVOER', message: /./ },
  { name: 'project.close with an argument', method: 'project.close', args: { x: 1 }, code: 'ONGELDIGE_INVOER', message: /Onbekend veld/ },

  // side-by-side comparison (behaviour: compare-api.test.ts)
  { name: 'compare.texts of an unknown version', method: 'compare.texts', args: { left: { versionId: 999999 }, right: { versionId: 999998 } }, code: 'NIET_GEVONDEN', message: /geen versie met nummer 999999/ },
  { name: 'compare.multi without others', method: 'compare.multi', args: { reference: { versionId: 1 }, others: [] }, code: 'ONGELDIGE_INVOER', message: /./ },

  // audit
  { name: 'audit.list with limit 0', method: 'audit.list', args: { limit: 0 }, code: 'ONGELDIGE_INVOER', message: /Aantal/, fields: ['limit'] },
  { name: 'audit.list with a huge limit', method: 'audit.list', args: { limit: 100_000 }, code: 'ONGELDIGE_INVOER', message: /Aantal/ },
  { name: 'audit.list with a text limit', method: 'audit.list', args: { limit: '10' }, code: 'ONGELDIGE_INVOER', message: /Aantal/ },
  { name: 'audit.list with an unknown field', method: 'audit.list', args: { actor: 'Jan' }, code: 'ONGELDIGE_INVOER', message: /actor/ },
  ...reviewBadCases(() => ws),
  ...reportBadCases(() => ws),
  ...mergeBadCases(() => ws),
];

describe('bad input gives a Dutch error and writes nothing', () => {
  it('covers every method', () => {
    const covered = new Set(badCases.map((c) => c.method));
    for (const method of ALL_METHODS) expect({ method, covered: covered.has(method) }).toEqual({ method, covered: true });
  });

  for (const c of badCases) {
    it(`${c.method}: ${c.name} → ${c.code}`, () => {
      c.setup?.();
      const watched = c.watch ?? KS001;
      const before = { snapshot: snapshotOf(watched), dump: dumpTables(ws.db), changes: totalChanges(ws.db) };

      const result: ApiResponse = ws.call(c.method, c.args);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(c.code);
      expect(result.error.message).toMatch(c.message);
      // Dutch, human, and no internals.
      expect(result.error.message).not.toMatch(/ZodError|SqliteError|SQLITE_|at .*\.ts:\d+|undefined is not|Cannot read/);
      expect(result.error.message).not.toMatch(/^(Invalid|Expected|Required|Unrecognized)/);
      if (c.code === 'ONGELDIGE_INVOER') expect(result.error.message).toMatch(/^Controleer de invoer\. /);
      for (const field of c.fields ?? []) expect(Object.keys(result.error.fields ?? {})).toContain(field);
      // The answer can cross a process boundary unchanged.
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);

      expect(totalChanges(ws.db)).toBe(before.changes);
      expect(snapshotOf(watched)).toEqual(before.snapshot);
      expect(dumpTables(ws.db)).toEqual(before.dump);
    });
  }
});

describe('database failures', () => {
  it('a locked workspace gives a Dutch DATABASE error and writes nothing', () => {
    ws.db.pragma('busy_timeout = 0');
    const other = new Database(ws.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const before = tableCounts(ws.db);
      const result = ws.call('standards.create', validNew);
      expect(result).toEqual({ ok: false, error: { code: 'DATABASE', message: expect.stringMatching(/in gebruik door een ander proces/) } });
      other.exec('ROLLBACK');
      expect(tableCounts(ws.db)).toEqual(before);
      expect(ws.call('standards.get', { id: 'richtlijn-pestpreventie-op-school' })).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN' } });
    } finally {
      other.close();
    }
  });

  it('a failure halfway through a write rolls the whole write back', () => {
    // A trigger makes the audit insert fail after the standard row was written in the same transaction.
    ws.db.exec("CREATE TEMP TRIGGER weiger_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit geweigerd'); END");
    const before = { dump: dumpTables(ws.db) };
    const created = ws.call('standards.create', validNew);
    expect(created).toEqual({ ok: false, error: { code: 'DATABASE', message: 'De database kon de opdracht niet uitvoeren; er is niets gewijzigd.' } });
    const updated = ws.call('standards.update', { id: KS001, patch: { notes: 'wordt teruggedraaid' } });
    expect(updated).toMatchObject({ ok: false, error: { code: 'DATABASE' } });
    const retired = ws.call('standards.retire', { id: KS001, reason: 'wordt teruggedraaid' });
    expect(retired).toMatchObject({ ok: false, error: { code: 'DATABASE' } });
    expect(dumpTables(ws.db)).toEqual(before.dump);
  });

  it('two processes on one workspace: an update never silently overwrites a concurrent edit', () => {
    // Electron and browser mode may open the same workspace file. Another connection edits KS001
    // while this api is between reading the row (and checking expectedUpdatedAt) and writing it.
    const otherConnection = new Database(ws.file);
    otherConnection.pragma('busy_timeout = 0');
    const otherApi = createApi(otherConnection, { mode: 'browser', appVersion: '1', workspacePath: ws.file });
    try {
      const before = ws.ok<Standard>('standards.get', { id: KS001 });
      let concurrent: ApiResponse | undefined;
      const undo = beforePrepare(ws.db, /FROM vocabulary/, () => {
        concurrent = invokeApi(otherApi, 'standards.update', { id: KS001, expectedUpdatedAt: before.updatedAt, patch: { notes: 'van het andere proces' } });
      });
      const mine = ws.call('standards.update', { id: KS001, expectedUpdatedAt: before.updatedAt, patch: { topic: 'van dit proces' } });
      undo();
      expect(concurrent).toBeDefined();
      // Both cannot have succeeded on the same expectedUpdatedAt: one must lose visibly.
      expect([mine.ok, concurrent?.ok]).not.toEqual([true, true]);
      const after = ws.ok<Standard>('standards.get', { id: KS001 });
      if (concurrent?.ok) expect(after.notes).toBe('van het andere proces');
      if (mine.ok) expect(after.topic).toBe('van dit proces');
      const failed = mine.ok ? concurrent : mine;
      expect(failed).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(CONFLICT|DATABASE)$/) } });
      // Exactly one edit in the audit log, with a diff against what was really there.
      const audit = ws.ok<AuditEntry[]>('audit.list', { entity: 'standard', entityId: KS001 });
      expect(audit).toHaveLength(1);
    } finally {
      otherConnection.close();
    }
  });

  it('a second api on the same database sees the same data (no hidden state)', () => {
    ws.ok('standards.update', { id: KS001, patch: { notes: 'gedeeld' } });
    const second = createApi(ws.db, { mode: 'browser', appVersion: '1', workspacePath: ws.file });
    const result = invokeApi(second, 'standards.get', { id: KS001 });
    expect(result).toMatchObject({ ok: true, value: { notes: 'gedeeld', userModified: true } });
  });
});
