import { TAG_PATH_SEPARATOR, type AnchorState, type Annotation, type Tag, type TagOrigin, type TagRef } from '../../common/tags.js';
import type { Db } from '../open.js';

export interface TagRow {
  id: number;
  guid: string;
  parent_id: number | null;
  name: string;
  color: string;
  description: string | null;
  origin: TagOrigin;
  ordinal: number;
  created_at: string;
  updated_at: string;
}

/** The codebook as a tree, read once per request: paths, depths, descendants and tree order. */
export interface TagTree {
  byId: Map<number, TagRow>;
  children(id: number | null): TagRow[];
  path(id: number): string;
  depth(id: number): number;
  /** The tag and every tag below it. */
  subtree(id: number): number[];
  /** The tag and every tag above it, nearest first. */
  lineage(id: number): number[];
  /** Ids in tree order: parents before children, siblings by ordinal, then name. */
  order: number[];
  ref(id: number): TagRef;
}

const byOrdinal = (a: TagRow, b: TagRow) => a.ordinal - b.ordinal || a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' }) || a.id - b.id;

export function loadTagTree(db: Db): TagTree {
  const rows = db.prepare('SELECT * FROM tag').all() as TagRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const childMap = new Map<number | null, TagRow[]>();
  for (const r of rows) {
    const list = childMap.get(r.parent_id) ?? [];
    list.push(r);
    childMap.set(r.parent_id, list);
  }
  for (const list of childMap.values()) list.sort(byOrdinal);
  const children = (id: number | null) => childMap.get(id) ?? [];
  const order: number[] = [];
  const depths = new Map<number, number>();
  const paths = new Map<number, string>();
  // Iterative pre-order walk; a cycle cannot exist (moves refuse them), but the seen-set makes sure.
  const stack: Array<{ row: TagRow; depth: number; path: string }> = children(null).map((row) => ({ row, depth: 0, path: row.name })).reverse();
  while (stack.length > 0) {
    const { row, depth, path } = stack.pop() as { row: TagRow; depth: number; path: string };
    if (depths.has(row.id)) continue;
    order.push(row.id);
    depths.set(row.id, depth);
    paths.set(row.id, path);
    for (const child of [...children(row.id)].reverse()) stack.push({ row: child, depth: depth + 1, path: `${path}${TAG_PATH_SEPARATOR}${child.name}` });
  }
  const subtree = (id: number): number[] => {
    const out: number[] = [];
    const todo = [id];
    while (todo.length > 0) {
      const next = todo.pop() as number;
      if (out.includes(next)) continue;
      out.push(next);
      for (const c of children(next)) todo.push(c.id);
    }
    return out;
  };
  const lineage = (id: number): number[] => {
    const out: number[] = [];
    for (let cur: number | null = id; cur !== null && !out.includes(cur); cur = byId.get(cur)?.parent_id ?? null) out.push(cur);
    return out;
  };
  const path = (id: number) => paths.get(id) ?? byId.get(id)?.name ?? '';
  return {
    byId,
    children,
    path,
    depth: (id) => depths.get(id) ?? 0,
    subtree,
    lineage,
    order,
    ref: (id) => {
      const row = byId.get(id);
      return { id, name: row?.name ?? '', path: path(id), color: row?.color ?? '#000000' };
    },
  };
}

/**
 * Per tag: annotations with the tag itself, and distinct annotations in its subtree. A leaf's
 * total is its direct count; only tags with children need a DISTINCT count over their subtree
 * (an annotation may carry a parent and its child), each one index range scan.
 */
export function tagAnnotationCounts(db: Db, tree: TagTree = loadTagTree(db)): Map<number, { direct: number; total: number }> {
  const direct = new Map((db.prepare('SELECT tag_id, count(*) FROM annotation_tag GROUP BY tag_id').raw().all() as Array<[number, number]>));
  const distinct = db.prepare('SELECT count(DISTINCT annotation_id) FROM annotation_tag WHERE tag_id IN (SELECT value FROM json_each(?))').pluck();
  const counts = new Map<number, { direct: number; total: number }>();
  for (const id of tree.order) {
    const own = direct.get(id) ?? 0;
    const subtree = tree.subtree(id);
    const total = subtree.length === 1 ? own : subtree.some((t) => direct.has(t)) ? (distinct.get(JSON.stringify(subtree)) as number) : 0;
    if (own > 0 || total > 0) counts.set(id, { direct: own, total });
  }
  return counts;
}

/** Every tag in tree order with path, depth and counts. */
export function listTags(db: Db): Tag[] {
  const tree = loadTagTree(db);
  const counts = tagAnnotationCounts(db, tree);
  return tree.order.map((id) => toTag(tree, id, counts));
}

export function toTag(tree: TagTree, id: number, counts: Map<number, { direct: number; total: number }>): Tag {
  const r = tree.byId.get(id) as TagRow;
  return {
    id: r.id,
    guid: r.guid,
    parentId: r.parent_id,
    name: r.name,
    path: tree.path(id),
    color: r.color,
    description: r.description,
    origin: r.origin,
    ordinal: r.ordinal,
    depth: tree.depth(id),
    childCount: tree.children(id).length,
    annotationCount: counts.get(id)?.direct ?? 0,
    totalAnnotationCount: counts.get(id)?.total ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getTag(db: Db, id: number): Tag | null {
  const tree = loadTagTree(db);
  return tree.byId.has(id) ? toTag(tree, id, tagAnnotationCounts(db, tree)) : null;
}

/** A sibling (same parent) with this name, ignoring case; `exceptId` is left out. */
export function siblingNamed(db: Db, parentId: number | null, name: string, exceptId: number | null = null): TagRow | null {
  return (
    (db.prepare('SELECT * FROM tag WHERE coalesce(parent_id, 0) = coalesce(?, 0) AND name = ? COLLATE NOCASE AND id IS NOT ?').get(parentId, name, exceptId) as TagRow | undefined) ?? null
  );
}

export function nextTagOrdinal(db: Db, parentId: number | null): number {
  return (db.prepare('SELECT coalesce(max(ordinal), -1) + 1 AS n FROM tag WHERE coalesce(parent_id, 0) = coalesce(?, 0)').get(parentId) as { n: number }).n;
}

export interface NewTag {
  guid: string;
  parentId: number | null;
  name: string;
  color: string;
  description: string | null;
  origin: TagOrigin;
  ordinal: number;
  now: string;
}

export function insertTag(db: Db, t: NewTag): number {
  return Number(
    db
      .prepare('INSERT INTO tag (guid, parent_id, name, color, description, origin, ordinal, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(t.guid, t.parentId, t.name, t.color, t.description, t.origin, t.ordinal, t.now, t.now).lastInsertRowid,
  );
}

export function updateTagFields(db: Db, id: number, f: { name: string; color: string; description: string | null }, now: string): void {
  db.prepare('UPDATE tag SET name = ?, color = ?, description = ?, updated_at = ? WHERE id = ?').run(f.name, f.color, f.description, now, id);
}

export function setTagPlace(db: Db, id: number, parentId: number | null, ordinal: number, now: string): void {
  db.prepare('UPDATE tag SET parent_id = ?, ordinal = ?, updated_at = ? WHERE id = ?').run(parentId, ordinal, now, id);
}

export function tagCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM tag').get() as { n: number }).n;
}

// ---------------------------------------------------------------------------------------------
// Annotations

export interface AnnotationRow {
  id: string;
  standard_id: string;
  version_id: number | null;
  section_id: number | null;
  start_offset: number | null;
  end_offset: number | null;
  quote: string;
  original_quote: string | null;
  prefix: string;
  suffix: string;
  section_number: string | null;
  section_heading: string | null;
  note: string | null;
  author: string;
  created_at: string;
  updated_at: string;
  anchor_state: AnchorState;
  anchored_from_version_id: number | null;
}

/** Tag ids per annotation, for a set of annotations (one query). */
export function tagIdsOf(db: Db, annotationIds: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  if (annotationIds.length === 0) return map;
  const rows = db
    .prepare('SELECT annotation_id AS a, tag_id AS t FROM annotation_tag WHERE annotation_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(annotationIds)) as Array<{ a: string; t: number }>;
  for (const r of rows) {
    const list = map.get(r.a) ?? [];
    list.push(r.t);
    map.set(r.a, list);
  }
  return map;
}

/** Tag references in tree order, so every list shows an annotation's tags the same way. */
export function tagRefs(tree: TagTree, ids: readonly number[]): TagRef[] {
  const position = new Map(tree.order.map((id, i) => [id, i]));
  return [...ids].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)).map((id) => tree.ref(id));
}

export function toAnnotation(r: AnnotationRow, tags: TagRef[]): Annotation {
  return {
    id: r.id,
    standardId: r.standard_id,
    versionId: r.version_id,
    sectionId: r.section_id,
    start: r.start_offset,
    end: r.end_offset,
    quote: r.quote,
    originalQuote: r.original_quote,
    prefix: r.prefix,
    suffix: r.suffix,
    sectionNumber: r.section_number,
    sectionHeading: r.section_heading,
    note: r.note,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    anchorState: r.anchor_state,
    anchoredFromVersionId: r.anchored_from_version_id,
    tags,
  };
}

/** Rows as API annotations, with their tags. */
export function withTags(db: Db, rows: readonly AnnotationRow[], tree: TagTree = loadTagTree(db)): Annotation[] {
  const tags = tagIdsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toAnnotation(r, tagRefs(tree, tags.get(r.id) ?? [])));
}

export function getAnnotationRow(db: Db, id: string): AnnotationRow | null {
  return (db.prepare('SELECT * FROM annotation WHERE id = ?').get(id) as AnnotationRow | undefined) ?? null;
}

/** A version's annotations in reading order (placed ones by section and offset, then the loose ones). */
export function annotationRowsForVersion(db: Db, versionId: number, author: string | null): AnnotationRow[] {
  return db
    .prepare(
      `SELECT a.* FROM annotation a LEFT JOIN section s ON s.id = a.section_id
       WHERE a.version_id = ? AND (? IS NULL OR a.author = ?)
       ORDER BY s.ordinal IS NULL, s.ordinal, a.start_offset, a.end_offset, a.created_at, a.id`,
    )
    .all(versionId, author, author) as AnnotationRow[];
}

export function annotationRowsForSection(db: Db, sectionId: number): AnnotationRow[] {
  return db.prepare('SELECT * FROM annotation WHERE section_id = ? ORDER BY start_offset, id').all(sectionId) as AnnotationRow[];
}

export interface NewAnnotation {
  id: string;
  standardId: string;
  versionId: number;
  sectionId: number;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  sectionNumber: string | null;
  sectionHeading: string;
  note: string | null;
  author: string;
  now: string;
}

export function insertAnnotation(db: Db, a: NewAnnotation): void {
  db.prepare(
    `INSERT INTO annotation (id, standard_id, version_id, section_id, start_offset, end_offset, quote, prefix, suffix, section_number, section_heading, note, author, created_at, updated_at, anchor_state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'geplaatst')`,
  ).run(a.id, a.standardId, a.versionId, a.sectionId, a.start, a.end, a.quote, a.prefix, a.suffix, a.sectionNumber, a.sectionHeading, a.note, a.author, a.now, a.now);
}

/** A new place for an annotation (on a section), with its context as it is there. */
export interface Placement {
  versionId: number;
  sectionId: number;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  sectionNumber: string | null;
  sectionHeading: string;
  state: Exclude<AnchorState, 'los'>;
}

/**
 * Moves an annotation. A changed quote keeps the first quote in original_quote. updated_at is
 * left alone: it records the author's edits, not the system's bookkeeping.
 */
export function placeAnnotation(db: Db, id: string, p: Placement, anchoredFrom: number | null = null): void {
  db.prepare(
    `UPDATE annotation SET version_id = ?, section_id = ?, start_offset = ?, end_offset = ?,
       original_quote = CASE WHEN quote = ? THEN original_quote ELSE coalesce(original_quote, quote) END,
       quote = ?, prefix = ?, suffix = ?, section_number = ?, section_heading = ?, anchor_state = ?,
       anchored_from_version_id = coalesce(?, anchored_from_version_id)
     WHERE id = ?`,
  ).run(p.versionId, p.sectionId, p.start, p.end, p.quote, p.quote, p.prefix, p.suffix, p.sectionNumber, p.sectionHeading, p.state, anchoredFrom, id);
}

/** Leaves an annotation 'los' on a version (its quote, context and tags kept for placing by hand). */
export function loosenAnnotation(db: Db, id: string, versionId: number | null, anchoredFrom: number | null = null): void {
  db.prepare(
    `UPDATE annotation SET version_id = ?, section_id = NULL, start_offset = NULL, end_offset = NULL, anchor_state = 'los',
       anchored_from_version_id = coalesce(?, anchored_from_version_id) WHERE id = ?`,
  ).run(versionId, anchoredFrom, id);
}

export function setAnnotationTags(db: Db, id: string, tagIds: readonly number[]): void {
  db.prepare('DELETE FROM annotation_tag WHERE annotation_id = ?').run(id);
  const insert = db.prepare('INSERT OR IGNORE INTO annotation_tag (annotation_id, tag_id) VALUES (?, ?)');
  for (const tagId of tagIds) insert.run(id, tagId);
}
