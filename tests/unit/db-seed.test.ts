import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Standard, StandardSummary } from '../../common/catalogue.js';
import { seedDatabase } from '../../db/seed.js';
import { openWorkspace } from '../../electron/workspace.js';
import { loadStandardsData, type StandardsData } from '../../standards-data/schema.js';
import { clone, dumpTables, openTempDb, removeDir, seededWorkspace, tableCounts, tempDir } from '../helpers/test-db.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const data = loadStandardsData();
const idOf = (catalogueId: string): string => {
  const s = data.standards.find((x) => x.catalogueId === catalogueId);
  if (!s) throw new Error(`no ${catalogueId}`);
  return s.id;
};
const KS001 = idOf('KS001');
const KS002 = idOf('KS002');
const KS003 = idOf('KS003');

/** A copy of the seed data with some standards changed, as a later Richtsnoer release would ship. */
function changedSeed(changes: Record<string, (s: StandardsData['standards'][number]) => void>): StandardsData {
  const copy = clone(data);
  for (const [catalogueId, change] of Object.entries(changes)) {
    const target = copy.standards.find((s) => s.catalogueId === catalogueId);
    if (!target) throw new Error(`no ${catalogueId}`);
    change(target);
  }
  return copy;
}

function workspace(seed?: StandardsData) {
  const ws = seededWorkspace(seed);
  cleanups.push(ws.cleanup);
  return ws;
}

describe('seeding a fresh workspace', () => {
  it('brings in every standard, organisation and vocabulary entry', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    const report = seedDatabase(t.db, data, '2026-01-01T00:00:00.000Z');
    expect(report).toEqual({ inserted: 154, updated: 0, keptUserEdits: 0, unchanged: 0 });
    const counts = tableCounts(t.db);
    expect(counts.standard).toBe(154);
    expect(counts.organisation).toBe(data.organisations.length);
    expect(counts.vocabulary).toBe(Object.values(data.vocabularies).reduce((n, list) => n + list.length, 0));
    expect(counts.standard_organisation).toBe(
      data.standards.reduce((n, s) => n + new Set(s.owners.map((o) => `${o.organisationId}:${o.role}`)).size, 0),
    );
    expect(counts.standard_subsector).toBe(data.standards.reduce((n, s) => n + new Set(s.subsectors).size, 0));
    expect(counts.audit_log).toBe(1);
    const audit = t.db.prepare('SELECT actor, action, entity, entity_id, details FROM audit_log').get();
    expect(audit).toEqual({
      actor: 'systeem',
      action: 'catalogus-geladen',
      entity: 'catalogue',
      entity_id: 'seed',
      details: JSON.stringify({ inserted: 154, updated: 0, keptUserEdits: 0, unchanged: 0 }),
    });
    const row = t.db.prepare('SELECT catalogue_id, year_published, year_revised, confidence, user_modified, created_at, seed_hash FROM standard WHERE id = ?').get(KS003);
    expect(row).toMatchObject({ catalogue_id: 'KS003', year_published: null, year_revised: 2015, confidence: 'verified', user_modified: 0, created_at: '2026-01-01T00:00:00.000Z' });
    expect((row as { seed_hash: string }).seed_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is all or nothing: a bad seed row leaves the database empty', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    const bad = clone(data);
    const last = bad.standards[bad.standards.length - 1];
    if (!last) throw new Error('empty seed');
    last.owners = [{ organisationId: 'bestaat-niet', role: 'eigenaar' }];
    expect(() => seedDatabase(t.db, bad)).toThrow(/FOREIGN KEY/);
    // Only what the migrations themselves write remains: migration 002's default import limit,
    // and the empty FTS5 indexes' bookkeeping rows.
    const left = Object.entries(tableCounts(t.db)).filter(([table, n]) => n !== 0 && !/^section_(word|trigram)_/.test(table));
    expect(left).toEqual([['setting', 1]]);
  });
});

describe('seeding is idempotent', () => {
  it('a second run inserts nothing and leaves every table identical', () => {
    const t = openTempDb();
    cleanups.push(t.cleanup);
    seedDatabase(t.db, data, '2026-01-01T00:00:00.000Z');
    const before = dumpTables(t.db);
    const second = seedDatabase(t.db, data, '2026-02-02T00:00:00.000Z');
    expect(second).toEqual({ inserted: 0, updated: 0, keptUserEdits: 0, unchanged: 154 });
    expect(dumpTables(t.db)).toEqual(before);
    const third = seedDatabase(t.db);
    expect(third).toEqual({ inserted: 0, updated: 0, keptUserEdits: 0, unchanged: 154 });
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('reopening a workspace (as the app does at every start) changes nothing', () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const first = openWorkspace(dir);
    expect(first.seed.inserted).toBe(154);
    const before = dumpTables(first.db);
    first.db.close();
    const second = openWorkspace(dir);
    try {
      expect(second.file).toBe(first.file);
      expect(second.seed).toEqual({ inserted: 0, updated: 0, keptUserEdits: 0, unchanged: 154 });
      expect(dumpTables(second.db)).toEqual(before);
    } finally {
      second.db.close();
    }
  });
});

describe('seeding never overwrites the user', () => {
  it("keeps a user's edit when the seed changes, and a changed seed follows an untouched row", () => {
    const ws = workspace();
    ws.ok('settings.setUserName', { name: 'Fatima' });
    const edited = ws.ok<Standard>('standards.update', { id: KS001, patch: { topic: 'Eigen omschrijving van de werkgroep' } });
    expect(edited.userModified).toBe(true);
    const untouchedBefore = ws.ok<Standard>('standards.get', { id: KS002 });
    expect(untouchedBefore.userModified).toBe(false);

    const newer = changedSeed({
      KS001: (s) => {
        s.topic = 'Nieuwe omschrijving uit de catalogus';
        s.title = 'Richtlijn ADHD voor jeugdhulp en jeugdbescherming (herzien)';
      },
      KS002: (s) => {
        s.topic = 'Bijgewerkt onderwerp uit de catalogus';
        s.yearRevised = 2024;
        s.owners = [...s.owners, { organisationId: 'ncj', role: 'beheerder' }];
        s.subsectors = ['jeugdbescherming'];
      },
    });
    const now = '2030-05-05T05:05:05.000Z';
    const report = seedDatabase(ws.db, newer, now);
    expect(report).toEqual({ inserted: 0, updated: 1, keptUserEdits: 1, unchanged: 152 });

    const kept = ws.ok<Standard>('standards.get', { id: KS001 });
    expect(kept.topic).toBe('Eigen omschrijving van de werkgroep');
    expect(kept.title).toBe('Richtlijn ADHD voor jeugdhulp en jeugdbescherming');
    expect(kept.userModified).toBe(true);
    expect(kept.updatedAt).toBe(edited.updatedAt);

    const followed = ws.ok<Standard>('standards.get', { id: KS002 });
    expect(followed.topic).toBe('Bijgewerkt onderwerp uit de catalogus');
    expect(followed.yearRevised).toBe(2024);
    expect(followed.yearPublished).toBe(untouchedBefore.yearPublished);
    expect(followed.owners.map((o) => `${o.organisationId}:${o.role}`)).toContain('ncj:beheerder');
    expect(followed.subsectors).toEqual(['jeugdbescherming']);
    expect(followed.userModified).toBe(false);
    expect(followed.updatedAt).toBe(now);
    expect(followed.createdAt).toBe(untouchedBefore.createdAt);

    const auditKs002 = ws.ok<AuditEntry[]>('audit.list', { entity: 'standard', entityId: KS002 });
    expect(auditKs002).toEqual([
      { id: expect.any(Number), at: now, actor: 'systeem', action: 'bijgewerkt-uit-catalogus', entity: 'standard', entityId: KS002, details: {} },
    ]);
    const auditKs001 = ws.ok<AuditEntry[]>('audit.list', { entity: 'standard', entityId: KS001 });
    expect(auditKs001.map((a) => [a.actor, a.action])).toEqual([['Fatima', 'gewijzigd']]);

    // The changed seed is itself idempotent.
    const before = dumpTables(ws.db);
    expect(seedDatabase(ws.db, newer, '2031-01-01T00:00:00.000Z')).toEqual({ inserted: 0, updated: 0, keptUserEdits: 1, unchanged: 153 });
    expect(dumpTables(ws.db)).toEqual(before);
  });

  it('a retired standard stays retired, with its reason, after any seed', () => {
    const ws = workspace();
    const retired = ws.ok<Standard>('standards.retire', { id: KS003, reason: 'Vervangen door een nieuwere richtlijn' });
    expect(retired.retired).toBe(true);

    const sameSeed = seedDatabase(ws.db, data);
    expect(sameSeed).toEqual({ inserted: 0, updated: 0, keptUserEdits: 1, unchanged: 153 });
    const newer = changedSeed({ KS003: (s) => void (s.title = 'Richtlijn Crisisplaatsing (nieuwe titel)') });
    expect(seedDatabase(ws.db, newer)).toEqual({ inserted: 0, updated: 0, keptUserEdits: 1, unchanged: 153 });

    const after = ws.ok<Standard>('standards.get', { id: KS003 });
    expect(after.retired).toBe(true);
    expect(after.retiredReason).toBe('Vervangen door een nieuwere richtlijn');
    expect(after.retiredAt).toBe(retired.retiredAt);
    expect(after.title).toBe(retired.title);
    const list = ws.ok<StandardSummary[]>('standards.list', {});
    expect(list).toHaveLength(153);
    expect(list.some((s) => s.id === KS003)).toBe(false);
  });

  it('a standard the user created is left alone by the seed', () => {
    const ws = workspace();
    const created = ws.ok<Standard>('standards.create', { title: 'Werkkaart pestpreventie', type: 'handreiking', status: 'concept' });
    const row = () => ws.db.prepare('SELECT * FROM standard WHERE id = ?').get(created.id);
    const before = row();
    expect(seedDatabase(ws.db, data)).toEqual({ inserted: 0, updated: 0, keptUserEdits: 0, unchanged: 154 });
    expect(row()).toEqual(before);
    expect(ws.ok<StandardSummary[]>('standards.list', {})).toHaveLength(155);
  });

  it('a new standard in a later seed is added, with a load entry in the audit log', () => {
    const ws = workspace();
    const newer = clone(data);
    newer.standards.push({
      id: 'richtlijn-nieuw-onderwerp',
      catalogueId: 'KS999',
      title: 'Richtlijn Nieuw onderwerp',
      shortTitle: 'Nieuw onderwerp',
      type: 'richtlijn',
      status: 'onbekend',
      ownerText: 'NJi',
      owners: [{ organisationId: 'nji', role: 'eigenaar' }],
      subsectors: ['jeugdhulp'],
      topic: null,
      targetUsers: null,
      yearPublished: null,
      yearRevised: null,
      url: null,
      confidence: 'plausible',
    });
    expect(seedDatabase(ws.db, newer, '2030-01-01T00:00:00.000Z')).toEqual({ inserted: 1, updated: 0, keptUserEdits: 0, unchanged: 154 });
    const added = ws.ok<Standard>('standards.get', { id: 'richtlijn-nieuw-onderwerp' });
    expect(added).toMatchObject({ catalogueId: 'KS999', yearPublished: null, confidence: 'plausible', userModified: false, status: 'onbekend' });
    expect(added.owners).toEqual([{ organisationId: 'nji', role: 'eigenaar', abbreviation: 'NJi', name: expect.any(String) }]);
    const loads = ws.db.prepare("SELECT details FROM audit_log WHERE action = 'catalogus-geladen' ORDER BY id").all() as Array<{ details: string }>;
    expect(loads.map((l) => JSON.parse(l.details) as unknown)).toEqual([
      { inserted: 154, updated: 0, keptUserEdits: 0, unchanged: 0 },
      { inserted: 1, updated: 0, keptUserEdits: 0, unchanged: 154 },
    ]);
  });

  it('seeded organisations follow the seed; an organisation the user added is kept', () => {
    const ws = workspace();
    ws.db.prepare("INSERT INTO organisation (id, abbreviation, name, kind, perspective, from_seed) VALUES ('eigen-org', 'EO', 'Eigen organisatie', 'overig', NULL, 0)").run();
    const newer = clone(data);
    const nji = newer.organisations.find((o) => o.id === 'nji');
    if (!nji) throw new Error('no nji');
    nji.name = 'Nederlands Jeugdinstituut (nieuwe naam)';
    newer.organisations.push({ id: 'eigen-org', abbreviation: 'XX', name: 'Overschreven', kind: 'overig', perspective: null, aliases: ['XX'] });
    seedDatabase(ws.db, newer);
    expect(ws.db.prepare("SELECT name FROM organisation WHERE id = 'nji'").get()).toEqual({ name: 'Nederlands Jeugdinstituut (nieuwe naam)' });
    expect(ws.db.prepare("SELECT abbreviation, name, from_seed FROM organisation WHERE id = 'eigen-org'").get()).toEqual({
      abbreviation: 'EO',
      name: 'Eigen organisatie',
      from_seed: 0,
    });
  });
});
