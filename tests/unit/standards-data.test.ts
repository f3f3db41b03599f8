import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { shortTitleFor, slugFor } from '../../common/naming.js';
import { matchOwners } from '../../scripts/owner-matching.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { removeDir, tempDir } from '../helpers/test-db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const csvPath = path.resolve(root, '../shared/data/standards-catalogue.csv');

type CsvRow = Record<'id' | 'title' | 'type' | 'owner' | 'year_published' | 'year_revised' | 'domain' | 'topic' | 'target_users' | 'url' | 'confidence', string>;
// Read raw (no trim) so "verbatim" really means what the researchers typed.
const rawRows = parse(fs.readFileSync(csvPath, 'utf8'), { columns: true, skip_empty_lines: true }) as CsvRow[];
const data = loadStandardsData();
const byCatalogueId = new Map(data.standards.map((s) => [s.catalogueId, s]));
const orgIds = new Set(data.organisations.map((o) => o.id));

const blankToNull = (v: string) => (v.trim() === '' ? null : v.trim());
const yearOrNull = (v: string) => (v.trim() === '' ? null : Number(v.trim()));

describe('the catalogue CSV and standards-data', () => {
  it('has exactly 154 rows and 154 standards, each CSV id once', () => {
    expect(rawRows).toHaveLength(154);
    expect(data.standards).toHaveLength(154);
    expect(new Set(rawRows.map((r) => r.id)).size).toBe(154);
    const catalogueIds = data.standards.map((s) => s.catalogueId);
    expect(new Set(catalogueIds).size).toBe(154);
    expect([...catalogueIds].sort()).toEqual(rawRows.map((r) => r.id).sort());
    // Order is kept too, so a diff of catalogue.json reads like a diff of the CSV.
    expect(catalogueIds).toEqual(rawRows.map((r) => r.id));
  });

  it('keeps every title, type, topic, target users and url as in the CSV', () => {
    for (const row of rawRows) {
      const s = byCatalogueId.get(row.id);
      expect(s, row.id).toBeDefined();
      expect({ id: row.id, title: s?.title }).toEqual({ id: row.id, title: row.title.trim() });
      expect({ id: row.id, type: s?.type }).toEqual({ id: row.id, type: row.type.trim() });
      expect({ id: row.id, topic: s?.topic }).toEqual({ id: row.id, topic: blankToNull(row.topic) });
      expect({ id: row.id, targetUsers: s?.targetUsers }).toEqual({ id: row.id, targetUsers: blankToNull(row.target_users) });
      expect({ id: row.id, url: s?.url }).toEqual({ id: row.id, url: blankToNull(row.url) });
    }
  });

  it('takes years from the CSV only: blank stays null, nothing is invented', () => {
    let blankPublished = 0;
    let blankRevised = 0;
    for (const row of rawRows) {
      const s = byCatalogueId.get(row.id);
      expect({ id: row.id, published: s?.yearPublished, revised: s?.yearRevised }).toEqual({
        id: row.id,
        published: yearOrNull(row.year_published),
        revised: yearOrNull(row.year_revised),
      });
      if (row.year_published.trim() === '') blankPublished++;
      if (row.year_revised.trim() === '') blankRevised++;
    }
    // The CSV really has gaps; they must survive as nulls.
    expect(blankPublished).toBe(data.standards.filter((s) => s.yearPublished === null).length);
    expect(blankRevised).toBe(data.standards.filter((s) => s.yearRevised === null).length);
    expect(blankPublished).toBeGreaterThan(50);
    expect(blankRevised).toBeGreaterThan(100);
    // Spot checks: KS001 2016/2017, KS002 2015/–, KS003 –/2015.
    expect([byCatalogueId.get('KS001')?.yearPublished, byCatalogueId.get('KS001')?.yearRevised]).toEqual([2016, 2017]);
    expect([byCatalogueId.get('KS002')?.yearPublished, byCatalogueId.get('KS002')?.yearRevised]).toEqual([2015, null]);
    expect([byCatalogueId.get('KS003')?.yearPublished, byCatalogueId.get('KS003')?.yearRevised]).toEqual([null, 2015]);
  });

  it('without any year the status is "onbekend", never a guessed "vastgesteld"', () => {
    for (const s of data.standards) {
      const expected = s.yearPublished === null && s.yearRevised === null ? 'onbekend' : 'vastgesteld';
      expect({ id: s.catalogueId, status: s.status }).toEqual({ id: s.catalogueId, status: expected });
    }
    expect(data.standards.some((s) => s.status === 'onbekend')).toBe(true);
  });

  it('keeps the confidence of every row', () => {
    for (const row of rawRows) {
      expect({ id: row.id, confidence: byCatalogueId.get(row.id)?.confidence }).toEqual({ id: row.id, confidence: row.confidence.trim() });
    }
    const plausible = rawRows.filter((r) => r.confidence.trim() === 'plausible').length;
    expect(plausible).toBeGreaterThan(0);
    expect(data.standards.filter((s) => s.confidence === 'plausible')).toHaveLength(plausible);
    expect(data.standards.filter((s) => s.confidence === 'verified')).toHaveLength(154 - plausible);
  });

  it('keeps the owner text verbatim beside the recognised organisations', () => {
    for (const row of rawRows) {
      expect({ id: row.id, ownerText: byCatalogueId.get(row.id)?.ownerText }).toEqual({ id: row.id, ownerText: blankToNull(row.owner) });
    }
  });

  it('splits the domain column into subsectors, all of them', () => {
    for (const row of rawRows) {
      const expected = row.domain.split(';').map((d) => d.trim()).filter(Boolean);
      expect({ id: row.id, subsectors: byCatalogueId.get(row.id)?.subsectors }).toEqual({ id: row.id, subsectors: expected });
    }
  });

  it('gives every standard a unique slug id', () => {
    const ids = data.standards.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(80 + 1 + 'ks000'.length);
    }
    expect(byCatalogueId.get('KS001')?.id).toBe('richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming');
  });

  it('shortTitle comes from the title pattern, never invented', () => {
    for (const s of data.standards) expect({ id: s.catalogueId, shortTitle: s.shortTitle }).toEqual({ id: s.catalogueId, shortTitle: shortTitleFor(s.title) });
    expect(byCatalogueId.get('KS001')?.shortTitle).toBe('ADHD (jeugdhulp)');
  });

  it('every organisation an owner refers to exists', () => {
    const referenced = new Set(data.standards.flatMap((s) => s.owners.map((o) => o.organisationId)));
    expect(referenced.size).toBeGreaterThan(20);
    for (const id of referenced) expect(orgIds.has(id), id).toBe(true);
  });

  it('organisations have unique ids and unambiguous aliases, and use known kinds and perspectives', () => {
    expect(orgIds.size).toBe(data.organisations.length);
    const aliasOwner = new Map<string, string>();
    for (const o of data.organisations) {
      for (const alias of o.aliases) {
        expect({ alias, also: aliasOwner.get(alias) ?? null }).toEqual({ alias, also: null });
        aliasOwner.set(alias, o.id);
      }
    }
    const kinds = new Set(data.vocabularies.organisation_kind?.map((e) => e.value));
    const perspectives = new Set(data.vocabularies.perspective?.map((e) => e.value));
    for (const o of data.organisations) {
      expect({ id: o.id, kind: kinds.has(o.kind) }).toEqual({ id: o.id, kind: true });
      if (o.perspective !== null) expect({ id: o.id, perspective: perspectives.has(o.perspective) }).toEqual({ id: o.id, perspective: true });
    }
  });

  it('every standard type, status and role is in the vocabularies', () => {
    const values = (kind: string) => new Set(data.vocabularies[kind]?.map((e) => e.value));
    const types = values('type');
    const statuses = values('status');
    const roles = values('role');
    for (const s of data.standards) {
      expect({ id: s.catalogueId, type: types.has(s.type) }).toEqual({ id: s.catalogueId, type: true });
      expect(statuses.has(s.status)).toBe(true);
      for (const o of s.owners) expect(roles.has(o.role)).toBe(true);
    }
  });

  it('the vocabularies hold the 6 perspectives, 5 focus themes and 14 leerlijnen', () => {
    const v = data.vocabularies;
    expect(v.perspective?.map((e) => e.value)).toEqual(['ervaring', 'professionals', 'wijkteams', 'organisaties', 'gemeenten', 'kennis']);
    expect(v.focus_theme).toHaveLength(5);
    expect(v.leerlijn).toHaveLength(14);
    expect(v.focus_theme?.map((e) => e.label)).toContain('Jeugdhulp die werkt');
    expect(v.leerlijn?.map((e) => e.label)).toEqual(expect.arrayContaining(['Veiligheid', 'Technologie en AI', 'Overgang naar volwassenheid']));
    expect(v.pilot_kind?.map((e) => e.value)).toEqual(['horizontaal', 'verticaal', 'vereenvoudigen']);
    for (const [kind, entries] of Object.entries(v)) {
      const list = entries.map((e) => e.value);
      expect({ kind, unique: new Set(list).size }).toEqual({ kind, unique: list.length });
    }
  });
});

describe('owner matching', () => {
  const orgs = data.organisations;
  const sorted = (list: Array<{ organisationId: string; role: string }>) =>
    [...list].sort((a, b) => (a.organisationId + a.role).localeCompare(b.organisationId + b.role));

  it('reads owner, maintainer and developer parts of a JGZ owner phrase', () => {
    expect(sorted(matchOwners('AJN; V&VN vakgroep Jeugd; NVDA (beheer NCJ); ontwikkelaar TNO i.s.m. NJi', orgs))).toEqual(
      sorted([
        { organisationId: 'ajn', role: 'eigenaar' },
        { organisationId: 'venvn', role: 'eigenaar' },
        { organisationId: 'nvda', role: 'eigenaar' },
        { organisationId: 'ncj', role: 'beheerder' },
        { organisationId: 'tno', role: 'ontwikkelaar' },
        { organisationId: 'nji', role: 'ontwikkelaar' },
      ]),
    );
  });

  it('recognises a long alias once and keeps the programme name out', () => {
    expect(sorted(matchOwners('NIP; NVO; BPSW (Programma Richtlijnen jeugdhulp en jeugdbescherming); ontwikkelaar Trimbos-instituut', orgs))).toEqual(
      sorted([
        { organisationId: 'nip', role: 'eigenaar' },
        { organisationId: 'nvo', role: 'eigenaar' },
        { organisationId: 'bpsw', role: 'eigenaar' },
        { organisationId: 'trimbos', role: 'ontwikkelaar' },
      ]),
    );
  });

  it('does not match an abbreviation inside a longer word, and is case-sensitive', () => {
    expect(matchOwners('NIPT-werkgroep; ANIP', orgs)).toEqual([]);
    expect(matchOwners('nvo en nip', orgs)).toEqual([]);
    expect(matchOwners('', orgs)).toEqual([]);
    // "NVP" must not be found in "NVvP" and vice versa.
    expect(matchOwners('NVvP', orgs)).toEqual([{ organisationId: 'nvvp', role: 'eigenaar' }]);
  });

  it('keeps matches for the CSV rows as stored in the seed', () => {
    for (const row of rawRows) {
      expect({ id: row.id, owners: byCatalogueId.get(row.id)?.owners }).toEqual({ id: row.id, owners: matchOwners(row.owner.trim(), orgs) });
    }
    // KS022 is the example phrase from the programme's catalogue.
    expect(sorted(byCatalogueId.get('KS022')?.owners ?? [])).toEqual(
      sorted(matchOwners('AJN; V&VN vakgroep Jeugd; NVDA (beheer NCJ); ontwikkelaar TNO i.s.m. NJi', orgs)),
    );
  });

  it('a row with an empty owner has no owners and a null owner text', () => {
    const empty = rawRows.filter((r) => r.owner.trim() === '');
    expect(empty.length).toBeGreaterThan(0);
    for (const row of empty) {
      expect(byCatalogueId.get(row.id)?.owners).toEqual([]);
      expect(byCatalogueId.get(row.id)?.ownerText).toBeNull();
    }
  });
});

describe('naming', () => {
  it('shortTitleFor keeps ADHD standards of different settings apart', () => {
    expect(shortTitleFor('Richtlijn ADHD voor jeugdhulp en jeugdbescherming')).toBe('ADHD (jeugdhulp)');
    expect(shortTitleFor('JGZ-richtlijn ADHD')).toBe('ADHD (JGZ)');
    expect(shortTitleFor('NHG-Standaard ADHD bij kinderen')).toBe('ADHD bij kinderen (NHG)');
    expect(shortTitleFor('Zorgstandaard ADHD')).toBe('ADHD (GGZ)');
    expect(shortTitleFor('Richtlijn scheiding')).toBe('Scheiding');
    expect(shortTitleFor('Kwaliteitskader Jeugd')).toBeNull();
    expect(shortTitleFor('Richtlijn')).toBeNull();
  });

  it('slugFor makes stable ascii slugs', () => {
    expect(slugFor('Richtlijn Residentiële jeugdhulp')).toBe('richtlijn-residentiele-jeugdhulp');
    expect(slugFor('V&VN: coördinatie  van zorg!')).toBe('v-en-vn-coordinatie-van-zorg');
    expect(slugFor('  --  ')).toBe('');
    const long = slugFor('a '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-')).toBe(false);
  });
});

describe('committed catalogue.json', () => {
  const sandbox = tempDir('richtsnoer-build-');
  afterAll(() => removeDir(sandbox));

  it('is what the builder makes from the CSV today', () => {
    // Run the real builder on a copy of its inputs, so the committed file is never rewritten here.
    for (const file of ['scripts/build-standards-data.ts', 'scripts/owner-matching.ts', 'common/naming.ts', 'standards-data/organisations.json']) {
      fs.mkdirSync(path.dirname(path.join(sandbox, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(sandbox, file));
    }
    fs.copyFileSync(path.join(root, 'package.json'), path.join(sandbox, 'package.json'));
    // 'junction' also works on Windows without extra rights; elsewhere the type is ignored.
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(sandbox, 'node_modules'), 'junction');
    const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    execFileSync(process.execPath, [tsx, path.join(sandbox, 'scripts/build-standards-data.ts'), csvPath], { cwd: sandbox, stdio: 'pipe' });
    const built = fs.readFileSync(path.join(sandbox, 'standards-data/catalogue.json'), 'utf8');
    const committed = fs.readFileSync(path.join(root, 'standards-data/catalogue.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(built));
    expect(committed).toBe(built);
  }, 60_000);
});
