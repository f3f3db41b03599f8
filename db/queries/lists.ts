/**
 * Reads of the beter doen/laten/onderzoeken lists: list versions, items with their links and
 * leerlijnen, and the state of each link (follows its annotation, newer version, broken).
 */
import { ITEM_CATEGORIES, type BdlItem, type BdlList, type ItemCategory, type PassageLink } from '../../common/lists.js';
import type { Db } from '../open.js';

export interface ListRow {
  id: number;
  series_id: number;
  title: string;
  version_label: string;
  status: BdlList['status'];
  previous_list_id: number | null;
  description: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface ItemRow {
  id: number;
  list_id: number;
  item_key: string;
  category: ItemCategory;
  ordinal: number;
  statement: string;
  rationale: string | null;
  evidence_types: string;
  target_group: string | null;
  setting: string | null;
  use_contexts: string;
  status: BdlItem['status'];
  knowledge_question: string | null;
  client_wording: string | null;
  pilot_id: number | null;
  dissent: string;
  created_at: string;
  updated_at: string;
}

export interface LinkRow {
  id: number;
  item_id: number;
  kind: 'annotatie' | 'passage';
  annotation_id: string | null;
  standard_id: string;
  version_id: number | null;
  section_id: number | null;
  start_offset: number | null;
  end_offset: number | null;
  quote: string;
  version_label: string | null;
  section_number: string | null;
  section_heading: string | null;
  created_at: string;
  created_by: string;
}

export const getListRow = (db: Db, id: number): ListRow | null => (db.prepare('SELECT * FROM bdl_list WHERE id = ?').get(id) as ListRow | undefined) ?? null;
export const getItemRow = (db: Db, id: number): ItemRow | null => (db.prepare('SELECT * FROM bdl_item WHERE id = ?').get(id) as ItemRow | undefined) ?? null;

function toList(row: ListRow, counts: Map<string, number>): BdlList {
  const countsByCategory = Object.fromEntries(ITEM_CATEGORIES.map((c) => [c, counts.get(`${row.id}/${c}`) ?? 0])) as Record<ItemCategory, number>;
  return {
    id: row.id,
    seriesId: row.series_id,
    title: row.title,
    versionLabel: row.version_label,
    status: row.status,
    previousListId: row.previous_list_id,
    description: row.description,
    createdAt: row.created_at,
    createdBy: row.created_by,
    itemCount: ITEM_CATEGORIES.reduce((n, c) => n + countsByCategory[c], 0),
    countsByCategory,
  };
}

/** Lists, all or one; newest series first, versions of a series in order of creation. */
export function readLists(db: Db, id: number | null = null): BdlList[] {
  const rows = db
    .prepare('SELECT * FROM bdl_list WHERE @id IS NULL OR id = @id ORDER BY series_id DESC, id')
    .all({ id }) as ListRow[];
  const counts = new Map(
    (db.prepare('SELECT list_id, category, count(*) AS n FROM bdl_item WHERE @id IS NULL OR list_id = @id GROUP BY list_id, category').all({ id }) as Array<{ list_id: number; category: string; n: number }>).map(
      (r) => [`${r.list_id}/${r.category}`, r.n],
    ),
  );
  return rows.map((r) => toList(r, counts));
}

interface LinkReadRow extends LinkRow {
  standard_title: string;
  a_exists: number | null;
  a_state: string | null;
  a_quote: string | null;
  a_version_id: number | null;
  a_section_id: number | null;
  a_number: string | null;
  a_heading: string | null;
  v_id: number | null;
  v_label: string | null;
  s_id: number | null;
  s_number: string | null;
  s_heading: string | null;
  s_text: string | null;
}

/**
 * A link as the UI shows it. An annotation link shows where its annotation is now (re-anchoring
 * moved it along); a passage link shows its own span, checked against the section's current text.
 * Nothing is dropped: a link whose target is gone keeps its snapshot and says it is broken.
 */
function toLink(r: LinkReadRow, latest: Map<string, { id: number; label: string }>): PassageLink {
  let broken: string | null = null;
  let quote = r.quote;
  let sectionNumber = r.s_number ?? r.section_number;
  let sectionHeading = r.s_heading ?? r.section_heading;
  if (r.kind === 'annotatie') {
    if (r.a_exists === null) broken = 'De annotatie is verwijderd; de tekst is het laatst bekende citaat.';
    else {
      quote = r.a_quote ?? quote;
      sectionNumber = r.s_number ?? r.a_number;
      sectionHeading = r.s_heading ?? r.a_heading;
      if (r.a_state === 'los' || r.a_section_id === null) broken = 'De annotatie is niet geplaatst (los); plaats haar opnieuw.';
    }
  } else if (r.v_id === null) broken = 'De versie van de standaard is verwijderd.';
  else if (r.s_id === null) broken = 'De sectie bestaat niet meer in deze versie (structuur gewijzigd).';
  else if (r.s_text === null || r.start_offset === null || r.end_offset === null || r.s_text.slice(r.start_offset, r.end_offset) !== r.quote) {
    broken = 'De tekst van de sectie is gewijzigd; het citaat staat er niet meer op deze plek.';
  }
  const newest = latest.get(r.standard_id);
  return {
    id: r.id,
    kind: r.kind,
    annotationId: r.annotation_id,
    sectionId: r.s_id,
    standardId: r.standard_id,
    standardTitle: r.standard_title,
    versionId: r.v_id,
    versionLabel: r.v_label ?? r.version_label,
    sectionNumber,
    sectionHeading,
    quote,
    // Only against a known version: a deleted one is reported as broken instead.
    newerVersion: r.v_id !== null && newest && newest.id !== r.v_id ? newest : null,
    broken: broken !== null,
    brokenReason: broken,
  };
}

const LINKS_SQL = `
  SELECT l.*, st.title AS standard_title,
         CASE WHEN a.id IS NULL THEN NULL ELSE 1 END AS a_exists, a.anchor_state AS a_state, a.quote AS a_quote,
         a.version_id AS a_version_id, a.section_id AS a_section_id, a.section_number AS a_number, a.section_heading AS a_heading,
         v.id AS v_id, v.label AS v_label, s.id AS s_id, s.number AS s_number, s.heading AS s_heading,
         CASE WHEN l.kind = 'passage' THEN s.text END AS s_text
  FROM bdl_item_link l
  JOIN standard st ON st.id = l.standard_id
  LEFT JOIN annotation a ON a.id = l.annotation_id
  LEFT JOIN document_version v ON v.id = CASE WHEN l.kind = 'annotatie' THEN a.version_id ELSE l.version_id END
  LEFT JOIN section s ON s.id = CASE WHEN l.kind = 'annotatie' THEN a.section_id ELSE l.section_id END
  WHERE l.item_id IN (SELECT value FROM json_each(?))
  ORDER BY l.item_id, l.id`;

/** The newest version (by import time, then id) of each standard. */
function latestVersions(db: Db, standardIds: string[]): Map<string, { id: number; label: string }> {
  const latest = new Map<string, { id: number; label: string }>();
  const stmt = db.prepare('SELECT id, label FROM document_version WHERE standard_id = ? ORDER BY imported_at DESC, id DESC LIMIT 1');
  for (const id of new Set(standardIds)) {
    const row = stmt.get(id) as { id: number; label: string } | undefined;
    if (row) latest.set(id, row);
  }
  return latest;
}

const parseArray = <T>(json: string): T[] => JSON.parse(json) as T[];

/** Items with links and leerlijnen: of a list (in group order) or by id (in the order given). */
export function readItems(db: Db, where: { listId: number } | { itemIds: readonly number[] }): BdlItem[] {
  let rows: ItemRow[];
  if ('listId' in where) {
    rows = db.prepare('SELECT * FROM bdl_item WHERE list_id = ?').all(where.listId) as ItemRow[];
    const rank = (c: ItemCategory) => ITEM_CATEGORIES.indexOf(c);
    rows.sort((a, b) => rank(a.category) - rank(b.category) || a.ordinal - b.ordinal || a.id - b.id);
  } else {
    const byId = new Map((db.prepare('SELECT * FROM bdl_item WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(where.itemIds)) as ItemRow[]).map((r) => [r.id, r]));
    rows = where.itemIds.map((id) => byId.get(id)).filter((r): r is ItemRow => r !== undefined);
  }
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const linkRows = db.prepare(LINKS_SQL).all(ids) as LinkReadRow[];
  const latest = latestVersions(db, linkRows.map((l) => l.standard_id));
  const links = new Map<number, PassageLink[]>();
  for (const l of linkRows) links.set(l.item_id, [...(links.get(l.item_id) ?? []), toLink(l, latest)]);
  const leerlijnen = new Map<number, string[]>();
  const leerlijnRows = db
    .prepare(
      `SELECT il.item_id, il.leerlijn FROM bdl_item_leerlijn il LEFT JOIN vocabulary v ON v.kind = 'leerlijn' AND v.value = il.leerlijn
       WHERE il.item_id IN (SELECT value FROM json_each(?)) ORDER BY il.item_id, v.ordinal, il.leerlijn`,
    )
    .all(ids) as Array<{ item_id: number; leerlijn: string }>;
  for (const r of leerlijnRows) leerlijnen.set(r.item_id, [...(leerlijnen.get(r.item_id) ?? []), r.leerlijn]);
  return rows.map((r) => ({
    id: r.id,
    itemKey: r.item_key,
    listId: r.list_id,
    category: r.category,
    ordinal: r.ordinal,
    statement: r.statement,
    rationale: r.rationale,
    evidenceTypes: parseArray(r.evidence_types),
    targetGroup: r.target_group,
    setting: r.setting,
    useContexts: parseArray(r.use_contexts),
    status: r.status,
    knowledgeQuestion: r.knowledge_question,
    clientWording: r.client_wording,
    pilotId: r.pilot_id,
    leerlijnen: leerlijnen.get(r.id) ?? [],
    links: links.get(r.id) ?? [],
    dissent: parseArray(r.dissent),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export const readItem = (db: Db, id: number): BdlItem | null => readItems(db, { itemIds: [id] })[0] ?? null;
