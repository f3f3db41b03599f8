import type { Confidence, KnowledgeBasis, OwnerRole, Standard, StandardOwner, StandardStatus, StandardSummary } from '../../common/catalogue.js';
import type { Db } from '../open.js';

interface StandardRow {
  id: string;
  title: string;
  short_title: string | null;
  type: string;
  status: StandardStatus;
  owner_text: string | null;
  topic: string | null;
  target_users: string | null;
  knowledge_basis: string;
  year_published: number | null;
  year_revised: number | null;
  url: string | null;
  confidence: Confidence;
  source: string;
  notes: string | null;
  retired_at: string | null;
  retired_reason: string | null;
  created_at: string;
  updated_at: string;
  user_modified: number;
  catalogue_id: string | null;
}

/** The fields a user may set on a standard (create and update share them). */
export interface StandardFields {
  title: string;
  shortTitle: string | null;
  type: string;
  status: StandardStatus;
  ownerText: string | null;
  owners: Array<{ organisationId: string; role: OwnerRole }>;
  subsectors: string[];
  topic: string | null;
  targetUsers: string | null;
  knowledgeBasis: KnowledgeBasis[];
  yearPublished: number | null;
  yearRevised: number | null;
  url: string | null;
  confidence: Confidence;
  notes: string | null;
}

const SELECT_STANDARD = 'SELECT s.* FROM standard s';

function ownersByStandard(db: Db, ids: string[] | null): Map<string, StandardOwner[]> {
  const sql = `
    SELECT so.standard_id, so.organisation_id, so.role, o.abbreviation, o.name
    FROM standard_organisation so JOIN organisation o ON o.id = so.organisation_id
    ${ids ? `WHERE so.standard_id IN (${ids.map(() => '?').join(',')})` : ''}
    ORDER BY so.standard_id, CASE so.role WHEN 'eigenaar' THEN 0 WHEN 'autoriserend' THEN 1 WHEN 'beheerder' THEN 2 ELSE 3 END, so.rowid`;
  const rows = db.prepare(sql).all(...(ids ?? [])) as Array<{ standard_id: string; organisation_id: string; role: OwnerRole; abbreviation: string | null; name: string }>;
  const map = new Map<string, StandardOwner[]>();
  for (const r of rows) {
    const list = map.get(r.standard_id) ?? [];
    list.push({ organisationId: r.organisation_id, role: r.role, abbreviation: r.abbreviation, name: r.name });
    map.set(r.standard_id, list);
  }
  return map;
}

function subsectorsByStandard(db: Db, ids: string[] | null): Map<string, string[]> {
  const sql = `SELECT standard_id, subsector FROM standard_subsector ${ids ? `WHERE standard_id IN (${ids.map(() => '?').join(',')})` : ''} ORDER BY standard_id, rowid`;
  const rows = db.prepare(sql).all(...(ids ?? [])) as Array<{ standard_id: string; subsector: string }>;
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.standard_id, [...(map.get(r.standard_id) ?? []), r.subsector]);
  return map;
}

function toSummary(row: StandardRow, owners: StandardOwner[], subsectors: string[]): StandardSummary {
  return {
    id: row.id,
    catalogueId: row.catalogue_id,
    title: row.title,
    shortTitle: row.short_title,
    type: row.type,
    status: row.status,
    ownerText: row.owner_text,
    owners,
    subsectors,
    topic: row.topic,
    yearPublished: row.year_published,
    yearRevised: row.year_revised,
    confidence: row.confidence,
    retired: row.retired_at !== null,
    updatedAt: row.updated_at,
  };
}

/** All standards with owners and subsectors in three queries, whatever the catalogue size. */
export function listStandards(db: Db, args: { includeRetired: boolean }): StandardSummary[] {
  const rows = db.prepare(`${SELECT_STANDARD} ${args.includeRetired ? '' : 'WHERE s.retired_at IS NULL'} ORDER BY s.title COLLATE NOCASE`).all() as StandardRow[];
  const owners = ownersByStandard(db, null);
  const subsectors = subsectorsByStandard(db, null);
  return rows.map((r) => toSummary(r, owners.get(r.id) ?? [], subsectors.get(r.id) ?? []));
}

export function getStandard(db: Db, id: string): Standard | null {
  const row = db.prepare(`${SELECT_STANDARD} WHERE s.id = ?`).get(id) as StandardRow | undefined;
  if (!row) return null;
  const summary = toSummary(row, ownersByStandard(db, [id]).get(id) ?? [], subsectorsByStandard(db, [id]).get(id) ?? []);
  return {
    ...summary,
    targetUsers: row.target_users,
    knowledgeBasis: JSON.parse(row.knowledge_basis) as KnowledgeBasis[],
    url: row.url,
    source: row.source,
    notes: row.notes,
    retiredAt: row.retired_at,
    retiredReason: row.retired_reason,
    createdAt: row.created_at,
    userModified: row.user_modified === 1,
  };
}

export function standardIdExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM standard WHERE id = ?').get(id) !== undefined;
}

export function insertStandard(
  db: Db,
  id: string,
  fields: StandardFields,
  meta: { source: string; now: string; seedHash: string | null; userModified: boolean; catalogueId: string | null },
): void {
  db.prepare(
    `INSERT INTO standard (id, catalogue_id, title, short_title, type, status, owner_text, topic, target_users, knowledge_basis,
       year_published, year_revised, url, confidence, source, notes, created_at, updated_at, seed_hash, user_modified)
     VALUES (@id, @catalogueId, @title, @shortTitle, @type, @status, @ownerText, @topic, @targetUsers, @knowledgeBasis,
       @yearPublished, @yearRevised, @url, @confidence, @source, @notes, @now, @now, @seedHash, @userModified)`,
  ).run({ id, catalogueId: meta.catalogueId, ...fieldParams(fields), source: meta.source, now: meta.now, seedHash: meta.seedHash, userModified: meta.userModified ? 1 : 0 });
  replaceRelations(db, id, fields);
}

export function updateStandardRow(db: Db, id: string, fields: StandardFields, meta: { now: string; seedHash?: string | null; userModified: boolean }): void {
  db.prepare(
    `UPDATE standard SET title = @title, short_title = @shortTitle, type = @type, status = @status, owner_text = @ownerText,
       topic = @topic, target_users = @targetUsers, knowledge_basis = @knowledgeBasis, year_published = @yearPublished,
       year_revised = @yearRevised, url = @url, confidence = @confidence, notes = @notes, updated_at = @now,
       user_modified = @userModified ${meta.seedHash !== undefined ? ', seed_hash = @seedHash' : ''}
     WHERE id = @id`,
  ).run({ id, ...fieldParams(fields), now: meta.now, userModified: meta.userModified ? 1 : 0, ...(meta.seedHash !== undefined ? { seedHash: meta.seedHash } : {}) });
  replaceRelations(db, id, fields);
}

export function setRetired(db: Db, id: string, retired: { at: string; reason: string } | null, now: string): void {
  db.prepare('UPDATE standard SET retired_at = ?, retired_reason = ?, updated_at = ?, user_modified = 1 WHERE id = ?').run(
    retired?.at ?? null,
    retired?.reason ?? null,
    now,
    id,
  );
}

function fieldParams(f: StandardFields) {
  return {
    title: f.title,
    shortTitle: f.shortTitle,
    type: f.type,
    status: f.status,
    ownerText: f.ownerText,
    topic: f.topic,
    targetUsers: f.targetUsers,
    knowledgeBasis: JSON.stringify(f.knowledgeBasis),
    yearPublished: f.yearPublished,
    yearRevised: f.yearRevised,
    url: f.url,
    confidence: f.confidence,
    notes: f.notes,
  };
}

function replaceRelations(db: Db, id: string, fields: StandardFields): void {
  db.prepare('DELETE FROM standard_organisation WHERE standard_id = ?').run(id);
  const insertOwner = db.prepare('INSERT OR IGNORE INTO standard_organisation (standard_id, organisation_id, role) VALUES (?, ?, ?)');
  for (const owner of fields.owners) insertOwner.run(id, owner.organisationId, owner.role);
  db.prepare('DELETE FROM standard_subsector WHERE standard_id = ?').run(id);
  const insertSub = db.prepare('INSERT OR IGNORE INTO standard_subsector (standard_id, subsector) VALUES (?, ?)');
  for (const sub of fields.subsectors) insertSub.run(id, sub);
}

/** Standards a given organisation owns, via the organisation index (a hot query for the owner facet). */
export function standardIdsForOrganisation(db: Db, organisationId: string): string[] {
  return (db.prepare('SELECT DISTINCT standard_id FROM standard_organisation WHERE organisation_id = ?').all(organisationId) as Array<{ standard_id: string }>).map((r) => r.standard_id);
}

/** Standards in a subsector, via the subsector index (the subsector facet). */
export function standardIdsForSubsector(db: Db, subsector: string): string[] {
  return (db.prepare('SELECT standard_id FROM standard_subsector WHERE subsector = ? ORDER BY standard_id').all(subsector) as Array<{ standard_id: string }>).map((r) => r.standard_id);
}

/** Standards of one type, via the type index (the type facet). */
export function standardIdsOfType(db: Db, type: string): string[] {
  return (db.prepare('SELECT id FROM standard WHERE type = ? ORDER BY id').all(type) as Array<{ id: string }>).map((r) => r.id);
}
