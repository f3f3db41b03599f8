import type { SectionKind, VersionStatus } from '../../common/document.js';
import type { Db } from '../open.js';

export interface SearchFilters {
  types?: string[] | undefined;
  owners?: string[] | undefined;
  versionStatus?: VersionStatus | undefined;
  standardIds?: string[] | undefined;
}

/** One matching section before snippets: enough to rank, count per standard and cut to the limit. */
export interface Candidate {
  id: number;
  standardId: string;
  /** FTS5 bm25: lower (more negative) is better. */
  rank: number;
}

// Heading matches count ten times a match in running text: a section titled "Medicatie" is about
// medication, a paragraph that mentions it once is not.
const HEADING_WEIGHT = 10.0;
const TEXT_WEIGHT = 1.0;

/** The filters as SQL over aliases v (document_version) and st (standard); values travel as JSON. */
function filterClause(f: SearchFilters): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.types && f.types.length > 0) {
    parts.push('st.type IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(f.types));
  }
  if (f.owners && f.owners.length > 0) {
    parts.push('EXISTS (SELECT 1 FROM standard_organisation so WHERE so.standard_id = st.id AND so.organisation_id IN (SELECT value FROM json_each(?)))');
    params.push(JSON.stringify(f.owners));
  }
  if (f.versionStatus) {
    parts.push('v.status = ?');
    params.push(f.versionStatus);
  }
  if (f.standardIds && f.standardIds.length > 0) {
    parts.push('st.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(f.standardIds));
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** Sections whose words match, best first. */
export function matchWords(db: Db, expression: string, filters: SearchFilters): Candidate[] {
  const f = filterClause(filters);
  return db
    .prepare(
      `SELECT section_word.rowid AS id, v.standard_id AS standardId, bm25(section_word, ${HEADING_WEIGHT}, ${TEXT_WEIGHT}) AS rank
       FROM section_word
       JOIN section s ON s.id = section_word.rowid
       JOIN document_version v ON v.id = s.version_id
       JOIN standard st ON st.id = v.standard_id
       WHERE section_word MATCH ?${f.sql}
       ORDER BY rank, id`,
    )
    .all(expression, ...f.params) as Candidate[];
}

/**
 * Sections that contain the long terms anywhere (also inside compounds), best first. Terms too
 * short for trigrams must still occur as words, checked against the word index.
 */
export function matchTrigrams(db: Db, expression: string, shortWords: string | null, filters: SearchFilters): Candidate[] {
  const f = filterClause(filters);
  const short = shortWords === null ? '' : ' AND section_trigram.rowid IN (SELECT rowid FROM section_word WHERE section_word MATCH ?)';
  return db
    .prepare(
      `SELECT section_trigram.rowid AS id, v.standard_id AS standardId, bm25(section_trigram, ${HEADING_WEIGHT}, ${TEXT_WEIGHT}) AS rank
       FROM section_trigram
       JOIN section s ON s.id = section_trigram.rowid
       JOIN document_version v ON v.id = s.version_id
       JOIN standard st ON st.id = v.standard_id
       WHERE section_trigram MATCH ?${short}${f.sql}
       ORDER BY rank, id`,
    )
    .all(expression, ...(shortWords === null ? [] : [shortWords]), ...f.params) as Candidate[];
}

export interface HitRow {
  sectionId: number;
  versionId: number;
  versionLabel: string;
  versionStatus: VersionStatus;
  number: string | null;
  heading: string;
  kind: SectionKind;
  pageStart: number | null;
}

export function hitRows(db: Db, sectionIds: number[]): Map<number, HitRow> {
  const rows = db
    .prepare(
      `SELECT s.id AS sectionId, s.version_id AS versionId, v.label AS versionLabel, v.status AS versionStatus,
              s.number, s.heading, s.kind, s.page_start AS pageStart
       FROM section s JOIN document_version v ON v.id = s.version_id
       WHERE s.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(sectionIds)) as HitRow[];
  return new Map(rows.map((r) => [r.sectionId, r]));
}

export function standardLabels(db: Db, ids: string[]): Map<string, { title: string; type: string }> {
  const rows = db.prepare('SELECT id, title, type FROM standard WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Array<{
    id: string;
    title: string;
    type: string;
  }>;
  return new Map(rows.map((r) => [r.id, { title: r.title, type: r.type }]));
}

// Snippets are made in one pass over the MATCH result for all chosen sections at once. One query
// per section (MATCH … AND rowid = ?) re-reads the term's whole doclist every time: for a common
// trigram phrase that cost about 1 ms per hit. The unary + keeps "rowid IN" out of FTS5's hands
// (it would run the MATCH once per listed id); SQLite filters the rows itself, and the auxiliary
// function then runs only for the rows that pass.

/** FTS5's own best fragment of the section text, for word-index hits. */
export function wordSnippets(db: Db, expression: string, sectionIds: number[], tokens: number): Map<number, string> {
  if (sectionIds.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT rowid AS id, snippet(section_word, 1, char(2), char(3), '…', ?) AS snippet FROM section_word
       WHERE section_word MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(tokens, expression, JSON.stringify(sectionIds)) as Array<{ id: number; snippet: string | null }>;
  return new Map(rows.map((r) => [r.id, r.snippet ?? '']));
}

/**
 * The whole section text with the trigram matches marked, for hits found only through the trigram
 * index. FTS5's snippet() counts trigrams rather than words, so its fragments would be a dozen
 * characters long; the caller cuts a window instead.
 */
export function trigramHighlights(db: Db, expression: string, sectionIds: number[]): Map<number, string> {
  if (sectionIds.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT rowid AS id, highlight(section_trigram, 1, char(2), char(3)) AS text FROM section_trigram
       WHERE section_trigram MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(expression, JSON.stringify(sectionIds)) as Array<{ id: number; text: string | null }>;
  return new Map(rows.map((r) => [r.id, r.text ?? '']));
}
