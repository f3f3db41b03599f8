import type { SectionKind, VersionStatus } from '../../common/document.js';
import type { Db } from '../open.js';

export interface SearchFilters {
  types?: string[] | undefined;
  owners?: string[] | undefined;
  versionStatus?: VersionStatus | undefined;
  standardIds?: string[] | undefined;
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

/** The sections of one version: one range of ids (the usual case), or the ids themselves. */
type VersionSections = { lo: number; hi: number } | number[];

// Keyed by connection. Valid while nothing was written: PRAGMA data_version changes with every
// commit by another connection, total_changes() with every row this connection writes.
const sectionsCache = new WeakMap<Db, { key: string; versions: Map<number, VersionSections> }>();

/**
 * The section ids of every version, from the (version_id, ordinal) index: an import gives a version
 * one unbroken range of ids, so this is one row per version; a version whose ids are not one range
 * (a split adds a section with a new id) lists its ids. Cached until the next write, as reading the
 * index costs about 2 ms per search at 4M words. Not cached when `cache` is false: inside a caller's
 * transaction, which may still roll back what it wrote.
 */
function versionSections(db: Db, cache: boolean): Map<number, VersionSections> {
  const key = `${String(db.pragma('data_version', { simple: true }))}:${String(db.prepare('SELECT total_changes()').pluck().get())}`;
  const cached = sectionsCache.get(db);
  if (cached?.key === key) return cached.versions;
  const versions = new Map<number, VersionSections>();
  const listIds = db.prepare('SELECT id FROM section WHERE version_id = ?').pluck();
  for (const [versionId, lo, hi, count] of db.prepare('SELECT version_id, min(id), max(id), count(*) FROM section GROUP BY version_id').raw().all() as Array<[number, number, number, number]>) {
    versions.set(versionId, hi - lo + 1 === count ? { lo, hi } : (listIds.all(versionId) as number[]));
  }
  if (cache) sectionsCache.set(db, { key, versions });
  return versions;
}

/**
 * Which standard each section belongs to, for the versions that pass the filters. Search maps every
 * matching section to its standard; a join on section per match costs a B-tree lookup into a table
 * whose rows hold whole texts (about 5 µs each: 80 ms for a term in every section of 4M words), so
 * the mapping is made from id ranges per version instead (versionSections).
 */
export interface SectionOwners {
  /** The standards of the versions in scope. */
  standards: string[];
  /** The versions in scope when filters leave some out; null when every version is in scope. */
  scope: number[] | null;
  /** Index into `standards` of this section's standard; -1 when its version is out of scope. */
  standardIndex(sectionId: number): number;
}

export function sectionOwners(db: Db, filters: SearchFilters, cache: boolean): SectionOwners {
  const f = filterClause(filters);
  const versions = db
    .prepare(`SELECT v.id AS versionId, v.standard_id AS standardId FROM document_version v JOIN standard st ON st.id = v.standard_id WHERE 1${f.sql}`)
    .all(...f.params) as Array<{ versionId: number; standardId: string }>;
  const sections = versionSections(db, cache);
  const standards: string[] = [];
  const indexOfStandard = new Map<string, number>();
  const ranges: Array<{ lo: number; hi: number; index: number }> = [];
  const listed = new Map<number, number>();
  for (const v of versions) {
    let index = indexOfStandard.get(v.standardId);
    if (index === undefined) {
      index = standards.push(v.standardId) - 1;
      indexOfStandard.set(v.standardId, index);
    }
    const ids = sections.get(v.versionId);
    if (ids === undefined) continue;
    if (Array.isArray(ids)) for (const id of ids) listed.set(id, index);
    else ranges.push({ ...ids, index });
  }
  // Ranges of whole versions never overlap each other: every id inside one belongs to that version.
  ranges.sort((x, y) => x.lo - y.lo);
  const los = Float64Array.from(ranges, (r) => r.lo);
  // Filters that leave every version with sections in scope restrict nothing.
  const inScope = new Set(versions.map((v) => v.versionId));
  const restricted = f.sql !== '' && [...sections.keys()].some((versionId) => !inScope.has(versionId));
  return {
    standards,
    scope: restricted ? [...inScope] : null,
    standardIndex(sectionId) {
      if (listed.size > 0) {
        const index = listed.get(sectionId);
        if (index !== undefined) return index;
      }
      let lo = 0;
      let hi = los.length - 1;
      while (lo <= hi) {
        const m = (lo + hi) >> 1;
        if ((los[m] as number) <= sectionId) lo = m + 1;
        else hi = m - 1;
      }
      const range = ranges[hi];
      return range !== undefined && sectionId <= range.hi ? range.index : -1;
    },
  };
}

const WORD_RANK = `bm25(section_word, ${HEADING_WEIGHT}, ${TEXT_WEIGHT})`;
const TRIGRAM_RANK = `bm25(section_trigram, ${HEADING_WEIGHT}, ${TEXT_WEIGHT})`;
// Terms too short for trigrams must still occur as words, checked against the word index. The unary
// + keeps the IN list away from FTS5, which would run the trigram MATCH once per listed id (seconds
// for a common short word such as "de").
const SHORT_WORDS = ' AND +section_trigram.rowid IN (SELECT rowid FROM section_word WHERE section_word MATCH ?)';

/**
 * With filters, only sections of versions in scope are ranked: bm25 is the costly part, and it runs
 * only for rows that pass the WHERE clause. The unary + as in SHORT_WORDS.
 */
function inScope(table: string, scope: number[] | null): { sql: string; params: unknown[] } {
  if (scope === null) return { sql: '', params: [] };
  return { sql: ` AND +${table}.rowid IN (SELECT id FROM section WHERE version_id IN (SELECT value FROM json_each(?)))`, params: [JSON.stringify(scope)] };
}

/**
 * Every section whose words match, as [section id, bm25 rank] in id order (FTS5 bm25: lower is
 * better). Rows come back as arrays and unjoined: per row, an object or a join would cost more than
 * the ranking itself.
 */
export function wordRanks(db: Db, expression: string, scope: number[] | null): Array<[number, number]> {
  const s = inScope('section_word', scope);
  return db
    .prepare(`SELECT rowid, ${WORD_RANK} FROM section_word WHERE section_word MATCH ?${s.sql} ORDER BY rowid`)
    .raw()
    .all(expression, ...s.params) as Array<[number, number]>;
}

/**
 * Every section that contains the long terms anywhere (also inside compounds), in id order, without
 * ranking them: enough to count the hits found only inside compounds. The ids come back as one
 * group_concat string (one JSON.parse instead of 15,000 rows for a common term).
 */
export function trigramIds(db: Db, expression: string, shortWords: string | null): number[] {
  const short = shortWords === null ? '' : SHORT_WORDS;
  const list = db
    .prepare(`SELECT group_concat(rowid) FROM section_trigram WHERE section_trigram MATCH ?${short}`)
    .pluck()
    .get(expression, ...(shortWords === null ? [] : [shortWords])) as string | null;
  const ids = list === null ? [] : (JSON.parse(`[${list}]`) as number[]);
  // FTS5 yields rowid order, and group_concat keeps it in practice; SQLite does not promise that.
  for (let i = 1; i < ids.length; i++) if ((ids[i - 1] as number) > (ids[i] as number)) return ids.sort((a, b) => a - b);
  return ids;
}

/**
 * The sections found only through the trigram index (not by `wordExpression`), ranked, as
 * [section id, bm25 rank]. The NOT IN runs before bm25, so sections that are word hits anyway are
 * never ranked here.
 */
export function trigramOnlyRanks(db: Db, expression: string, shortWords: string | null, wordExpression: string, scope: number[] | null): Array<[number, number]> {
  const short = shortWords === null ? '' : SHORT_WORDS;
  const s = inScope('section_trigram', scope);
  return db
    .prepare(
      `SELECT rowid, ${TRIGRAM_RANK} FROM section_trigram
       WHERE section_trigram MATCH ?${short}${s.sql} AND section_trigram.rowid NOT IN (SELECT rowid FROM section_word WHERE section_word MATCH ?)`,
    )
    .raw()
    .all(expression, ...(shortWords === null ? [] : [shortWords]), ...s.params, wordExpression) as Array<[number, number]>;
}

/** The trigram bm25 rank of the given sections (all of them trigram matches). */
export function trigramRanksOf(db: Db, expression: string, sectionIds: number[]): Array<[number, number]> {
  if (sectionIds.length === 0) return [];
  // The unary + keeps "rowid IN" out of FTS5's hands (see wordSnippets below).
  return db
    .prepare(`SELECT rowid, ${TRIGRAM_RANK} FROM section_trigram WHERE section_trigram MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(expression, JSON.stringify(sectionIds)) as Array<[number, number]>;
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
