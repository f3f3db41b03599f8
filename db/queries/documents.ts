import { blocksToHtml, blocksToText } from '../../common/blocks.js';
import type { Block, DocumentVersion, ImportFormat, ParsedSection, Section, SectionKind, VersionStatus } from '../../common/document.js';
import type { Db } from '../open.js';

interface VersionRow {
  id: number;
  standard_id: string;
  label: string;
  status: VersionStatus;
  file_name: string;
  format: ImportFormat;
  sha256: string;
  byte_size: number;
  page_count: number | null;
  word_count: number;
  warnings: string;
  imported_at: string;
  imported_by: string;
  section_count: number;
}

interface SectionRow {
  id: number;
  version_id: number;
  parent_id: number | null;
  ordinal: number;
  level: number;
  number: string | null;
  heading: string;
  kind: SectionKind;
  blocks: string;
  text: string;
  html: string;
  page_start: number | null;
  page_end: number | null;
}

/** A section with its blocks: what structure edits work on. */
export interface StoredSection extends Section {
  blocks: Block[];
}

const SELECT_VERSION = `SELECT v.*, (SELECT count(*) FROM section s WHERE s.version_id = v.id) AS section_count FROM document_version v`;

function toVersion(r: VersionRow): DocumentVersion {
  return {
    id: r.id,
    standardId: r.standard_id,
    label: r.label,
    status: r.status,
    fileName: r.file_name,
    format: r.format,
    sha256: r.sha256,
    byteSize: r.byte_size,
    pageCount: r.page_count,
    sectionCount: r.section_count,
    wordCount: r.word_count,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    warnings: JSON.parse(r.warnings) as string[],
  };
}

function toSection(r: SectionRow): Section {
  return {
    id: r.id,
    versionId: r.version_id,
    parentId: r.parent_id,
    ordinal: r.ordinal,
    level: r.level,
    number: r.number,
    heading: r.heading,
    kind: r.kind,
    text: r.text,
    html: r.html,
    pageStart: r.page_start,
    pageEnd: r.page_end,
  };
}

export interface NewVersion {
  standardId: string;
  label: string;
  status: VersionStatus;
  fileName: string;
  format: ImportFormat;
  sha256: string;
  byteSize: number;
  pageCount: number | null;
  wordCount: number;
  warnings: string[];
  importedAt: string;
  importedBy: string;
}

/**
 * Parent of each position in a flat reading-order list: the nearest earlier position with a lower
 * level, or null. This is the one rule that turns levels into a tree, on import and after edits.
 */
export function parentPositions(levels: readonly number[]): Array<number | null> {
  const stack: number[] = [];
  return levels.map((level, i) => {
    while (stack.length > 0 && (levels[stack[stack.length - 1] as number] as number) >= level) stack.pop();
    const parent = stack.length > 0 ? (stack[stack.length - 1] as number) : null;
    stack.push(i);
    return parent;
  });
}

/** Inserts a version and its sections (the caller holds the transaction). Returns the version id. */
export function insertVersion(db: Db, v: NewVersion, sections: readonly ParsedSection[]): number {
  const versionId = Number(
    db
      .prepare(
        `INSERT INTO document_version (standard_id, label, status, file_name, format, sha256, byte_size, page_count, word_count, warnings, imported_at, imported_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.standardId, v.label, v.status, v.fileName, v.format, v.sha256, v.byteSize, v.pageCount, v.wordCount, JSON.stringify(v.warnings), v.importedAt, v.importedBy)
      .lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO section (version_id, parent_id, ordinal, level, number, heading, kind, blocks, text, html, page_start, page_end)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const parents = parentPositions(sections.map((s) => s.level));
  const ids: number[] = [];
  sections.forEach((s, i) => {
    const parent = parents[i];
    const parentId = parent === null || parent === undefined ? null : (ids[parent] ?? null);
    const result = insert.run(versionId, parentId, i, s.level, s.number, s.heading, s.kind, JSON.stringify(s.blocks), blocksToText(s.blocks), blocksToHtml(s.blocks), s.pageStart, s.pageEnd);
    ids.push(Number(result.lastInsertRowid));
  });
  return versionId;
}

export function findVersionBySha(db: Db, standardId: string, sha256: string): { id: number; label: string } | null {
  return (db.prepare('SELECT id, label FROM document_version WHERE standard_id = ? AND sha256 = ?').get(standardId, sha256) as { id: number; label: string } | undefined) ?? null;
}

/** Versions of a standard, newest import first. */
export function listVersions(db: Db, standardId: string): DocumentVersion[] {
  return (db.prepare(`${SELECT_VERSION} WHERE v.standard_id = ? ORDER BY v.imported_at DESC, v.id DESC`).all(standardId) as VersionRow[]).map(toVersion);
}

/** Every version of every standard, with the standard's title: for pickers (pilots, comparison). */
export function listAllVersions(db: Db): Array<DocumentVersion & { standardTitle: string; standardShortTitle: string | null }> {
  const rows = db.prepare(`${SELECT_VERSION} ORDER BY v.standard_id, v.imported_at DESC, v.id DESC`).all() as VersionRow[];
  const titles = new Map(
    (db.prepare('SELECT id, title, short_title FROM standard WHERE id IN (SELECT DISTINCT standard_id FROM document_version)').all() as Array<{ id: string; title: string; short_title: string | null }>).map((s) => [s.id, s]),
  );
  return rows.map((r) => {
    const v = toVersion(r);
    const s = titles.get(v.standardId);
    return { ...v, standardTitle: s?.title ?? v.standardId, standardShortTitle: s?.short_title ?? null };
  });
}

export function getVersion(db: Db, id: number): DocumentVersion | null {
  const row = db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(id) as VersionRow | undefined;
  return row ? toVersion(row) : null;
}

export function listSections(db: Db, versionId: number): Section[] {
  return (db.prepare('SELECT * FROM section WHERE version_id = ? ORDER BY ordinal').all(versionId) as SectionRow[]).map(toSection);
}

export function getStoredSection(db: Db, id: number): StoredSection | null {
  const row = db.prepare('SELECT * FROM section WHERE id = ?').get(id) as SectionRow | undefined;
  return row ? { ...toSection(row), blocks: JSON.parse(row.blocks) as Block[] } : null;
}

/** The outline of a version (id and level in reading order): all a structure edit needs to plan. */
export function versionOutline(db: Db, versionId: number): Array<{ id: number; level: number; ordinal: number; parentId: number | null }> {
  return db.prepare('SELECT id, level, ordinal, parent_id AS parentId FROM section WHERE version_id = ? ORDER BY ordinal').all(versionId) as Array<{
    id: number;
    level: number;
    ordinal: number;
    parentId: number | null;
  }>;
}

export function updateVersionRow(db: Db, id: number, fields: { label: string; status: VersionStatus }): void {
  db.prepare('UPDATE document_version SET label = ?, status = ? WHERE id = ?').run(fields.label, fields.status, id);
}

export function deleteVersionRow(db: Db, id: number): void {
  db.prepare('DELETE FROM document_version WHERE id = ?').run(id);
}

/** The editable content of a section; text and html are always regenerated from the blocks. */
export interface SectionContent {
  heading: string;
  number: string | null;
  kind: SectionKind;
  blocks: Block[];
  pageStart: number | null;
  pageEnd: number | null;
}

export function updateSectionContent(db: Db, id: number, c: SectionContent): void {
  db.prepare('UPDATE section SET heading = ?, number = ?, kind = ?, blocks = ?, text = ?, html = ?, page_start = ?, page_end = ? WHERE id = ?').run(
    c.heading,
    c.number,
    c.kind,
    JSON.stringify(c.blocks),
    blocksToText(c.blocks),
    blocksToHtml(c.blocks),
    c.pageStart,
    c.pageEnd,
    id,
  );
}

/** Only heading, number and kind: leaves blocks, text and html (and so the index) alone if unchanged. */
export function updateSectionLabels(db: Db, id: number, fields: { heading: string; number: string | null; kind: SectionKind }): void {
  const current = db.prepare('SELECT heading FROM section WHERE id = ?').get(id) as { heading: string } | undefined;
  if (current?.heading === fields.heading) db.prepare('UPDATE section SET number = ?, kind = ? WHERE id = ?').run(fields.number, fields.kind, id);
  else db.prepare('UPDATE section SET heading = ?, number = ?, kind = ? WHERE id = ?').run(fields.heading, fields.number, fields.kind, id);
}

/** Inserts a section at a free ordinal (after the last one); rewriteOutline then puts it in place. */
export function appendSection(db: Db, versionId: number, level: number, c: SectionContent): number {
  const next = (db.prepare('SELECT coalesce(max(ordinal), -1) + 1 AS n FROM section WHERE version_id = ?').get(versionId) as { n: number }).n;
  return Number(
    db
      .prepare(
        `INSERT INTO section (version_id, parent_id, ordinal, level, number, heading, kind, blocks, text, html, page_start, page_end)
         VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(versionId, next, level, c.number, c.heading, c.kind, JSON.stringify(c.blocks), blocksToText(c.blocks), blocksToHtml(c.blocks), c.pageStart, c.pageEnd)
      .lastInsertRowid,
  );
}

export function deleteSectionRow(db: Db, id: number): void {
  db.prepare('DELETE FROM section WHERE id = ?').run(id);
}

/**
 * Writes a version's outline: `order` lists every remaining section in its new reading order with
 * its new level; ordinals become 0..n-1 and parent ids follow from the levels. Only rows that
 * change are written. Ordinals go through negative values first because (version_id, ordinal) is
 * unique and SQLite checks that per row, not per statement.
 */
export function rewriteOutline(db: Db, versionId: number, order: ReadonlyArray<{ id: number; level: number }>): void {
  const current = new Map(versionOutline(db, versionId).map((r) => [r.id, r]));
  const parents = parentPositions(order.map((o) => o.level));
  const moved: Array<{ id: number; ordinal: number }> = [];
  const setOrdinal = db.prepare('UPDATE section SET ordinal = ? WHERE id = ?');
  const setShape = db.prepare('UPDATE section SET level = ?, parent_id = ? WHERE id = ?');
  order.forEach((o, ordinal) => {
    const before = current.get(o.id);
    const parent = parents[ordinal];
    const parentId = parent === null || parent === undefined ? null : (order[parent]?.id ?? null);
    if (!before || before.ordinal !== ordinal) {
      moved.push({ id: o.id, ordinal });
      setOrdinal.run(-1 - ordinal, o.id);
    }
    if (!before || before.level !== o.level || before.parentId !== parentId) setShape.run(o.level, parentId, o.id);
  });
  for (const m of moved) setOrdinal.run(m.ordinal, m.id);
}
