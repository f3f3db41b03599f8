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
export const HEADING_WEIGHT = 10.0;
export const TEXT_WEIGHT = 1.0;

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

/** Matching sections in id order, with their bm25 rank (FTS5: lower is better) at the same index. */
export interface Ranks {
  ids: number[];
  ranks: number[];
}

/**
 * Runs `sql` (selecting `id` and `r`, in id order) and returns its rows as two arrays. Rows travel as
 * two JSON arrays made by SQLite: for 15,000 matches that is some 5 ms cheaper than fetching them as
 * rows. JSON writes a REAL with as many digits as it needs to read back the same double (checked by
 * search-vocab.test.ts), so ranks stay exact.
 */
function ranksOf(db: Db, sql: string, params: unknown[]): Ranks {
  const [ids, ranks] = db.prepare(`SELECT json_group_array(id), json_group_array(r) FROM (${sql})`).raw().get(...params) as [string, string];
  const out: Ranks = { ids: JSON.parse(ids) as number[], ranks: JSON.parse(ranks) as number[] };
  // An aggregate over an ordered subquery keeps its order in practice; SQLite does not promise that.
  for (let i = 1; i < out.ids.length; i++) {
    if ((out.ids[i - 1] as number) > (out.ids[i] as number)) {
      const order = out.ids.map((_, k) => k).sort((a, b) => (out.ids[a] as number) - (out.ids[b] as number));
      return { ids: order.map((k) => out.ids[k] as number), ranks: order.map((k) => out.ranks[k] as number) };
    }
  }
  return out;
}

/**
 * Every section whose words match, ranked. Rows are not joined: per row, a join would cost more than
 * the ranking itself.
 */
export function wordRanks(db: Db, expression: string, scope: number[] | null): Ranks {
  const s = inScope('section_word', scope);
  return ranksOf(db, `SELECT rowid AS id, ${WORD_RANK} AS r FROM section_word WHERE section_word MATCH ?${s.sql} ORDER BY rowid`, [expression, ...s.params]);
}

/** Ids in ascending order from a group_concat list (one JSON.parse instead of 15,000 rows). */
function idList(list: string | null): number[] {
  const ids = list === null ? [] : (JSON.parse(`[${list}]`) as number[]);
  // FTS5 yields rowid order, and group_concat keeps it in practice; SQLite does not promise that.
  for (let i = 1; i < ids.length; i++) if ((ids[i - 1] as number) > (ids[i] as number)) return ids.sort((a, b) => a - b);
  return ids;
}

/** Every section whose words match `expression`, in id order, unranked. */
export function wordIds(db: Db, expression: string): number[] {
  return idList(db.prepare('SELECT group_concat(rowid) FROM section_word WHERE section_word MATCH ?').pluck().get(expression) as string | null);
}

/**
 * Every section that contains the long terms anywhere (also inside compounds), in id order, without
 * ranking them: enough to count the hits found only inside compounds.
 */
export function trigramIds(db: Db, expression: string, shortWords: string | null): number[] {
  const short = shortWords === null ? '' : SHORT_WORDS;
  return idList(
    db
      .prepare(`SELECT group_concat(rowid) FROM section_trigram WHERE section_trigram MATCH ?${short}`)
      .pluck()
      .get(expression, ...(shortWords === null ? [] : [shortWords])) as string | null,
  );
}

/**
 * The sections found only through the trigram index (not by `wordExpression`), ranked. The NOT IN
 * runs before bm25, so sections that are word hits anyway are never ranked here.
 */
export function trigramOnlyRanks(db: Db, expression: string, shortWords: string | null, wordExpression: string, scope: number[] | null): Ranks {
  const short = shortWords === null ? '' : SHORT_WORDS;
  const s = inScope('section_trigram', scope);
  return ranksOf(
    db,
    `SELECT rowid AS id, ${TRIGRAM_RANK} AS r FROM section_trigram
     WHERE section_trigram MATCH ?${short}${s.sql} AND section_trigram.rowid NOT IN (SELECT rowid FROM section_word WHERE section_word MATCH ?) ORDER BY rowid`,
    [expression, ...(shortWords === null ? [] : [shortWords]), ...s.params, wordExpression],
  );
}

/** The trigram bm25 rank of the given sections (all of them trigram matches). */
export function trigramRanksOf(db: Db, expression: string, sectionIds: number[]): Ranks {
  if (sectionIds.length === 0) return { ids: [], ranks: [] };
  // The unary + keeps "rowid IN" out of FTS5's hands (see wordSnippets below).
  return ranksOf(db, `SELECT rowid AS id, ${TRIGRAM_RANK} AS r FROM section_trigram WHERE section_trigram MATCH ? AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid`, [
    expression,
    JSON.stringify(sectionIds),
  ]);
}

/**
 * trigramRanksOf and trigramHighlights in one pass over the trigram matches, for sections that are
 * likely to be shown: each pass over a common phrase's matches costs about as much as the highlights
 * of a few hundred sections.
 */
export function trigramRanksAndHighlights(db: Db, expression: string, sectionIds: number[]): Ranks & { highlights: Map<number, string> } {
  if (sectionIds.length === 0) return { ids: [], ranks: [], highlights: new Map() };
  const rows = db
    .prepare(
      `SELECT rowid AS id, ${TRIGRAM_RANK} AS r, highlight(section_trigram, 1, char(2), char(3)) AS text FROM section_trigram
       WHERE section_trigram MATCH ? AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
    )
    .raw()
    .all(expression, JSON.stringify(sectionIds)) as Array<[number, number, string | null]>;
  return { ids: rows.map((r) => r[0]), ranks: rows.map((r) => r[1]), highlights: new Map(rows.map((r) => [r[0], r[2] ?? ''])) };
}

/**
 * An fts5vocab table over the word index: `row` lists each indexed word, `instance` each occurrence
 * (word, section, column, position). They store nothing, so each connection makes its own in the
 * temp schema when it first needs one: the workspace's schema stays as the migrations made it, and
 * read-only copies (project files) work too. IF NOT EXISTS every time, as a caller's transaction that
 * is rolled back takes the table with it.
 */
function wordVocabTable(db: Db, kind: 'row' | 'instance'): string {
  const name = `temp.search_word_${kind === 'row' ? 'vocab' : 'instance'}`;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${name} USING fts5vocab(main, section_word, ${kind})`);
  return name;
}

/**
 * FTS5 cuts a token at 32,768 bytes (FTS5_MAX_TOKEN_SIZE): a word index entry that long may stand
 * for a longer word, so the vocabulary no longer says which words contain a given part.
 */
const MAX_TOKEN_BYTES = 32_768;

// Keyed by connection; valid while the word index's structure record is unchanged: FTS5 rewrites
// it with every change it stores (each write adds a segment), whoever makes the change.
const vocabularyCache = new WeakMap<Db, { key: Buffer; words: readonly string[] | null }>();

/**
 * Every distinct word of the word index (as indexed: lower case, diacritics removed), from its
 * fts5vocab table (wordVocabTable). Reading it costs about as much as reading the whole word index
 * (40 ms at 4M words), so it is cached until the index changes. Not cached when `cache` is false:
 * inside a caller's transaction, whose writes may not be in the structure record yet and may still
 * be rolled back. Null when a word reached FTS5's token size limit (see MAX_TOKEN_BYTES).
 */
export function wordVocabulary(db: Db, cache: boolean): readonly string[] | null {
  const key = db.prepare('SELECT block FROM section_word_data WHERE id = 10').pluck().get() as Buffer | undefined;
  const cached = vocabularyCache.get(db);
  if (cache && key !== undefined && cached !== undefined && cached.key.equals(key)) return cached.words;
  const terms = db.prepare(`SELECT term FROM ${wordVocabTable(db, 'row')}`).pluck().all() as string[];
  // A JS string of n code units is at most 3n bytes of UTF-8.
  const words = terms.some((t) => t.length * 3 >= MAX_TOKEN_BYTES && Buffer.byteLength(t) >= MAX_TOKEN_BYTES) ? null : terms;
  if (cache && key !== undefined) vocabularyCache.set(db, { key, words });
  return words;
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

/** SQLite's varint, as FTS5 stores it: big-endian 7-bit groups, high bit set when more follow; a 9th byte holds 8 bits. */
function readVarint(bytes: Uint8Array, at: { i: number }): number {
  let value = 0;
  for (let n = 0; n < 9; n++) {
    const byte = bytes[at.i++] as number;
    if (n === 8) return value * 256 + byte;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return value;
  }
  return value;
}

/** What bm25 reads from the trigram index besides the matches: row count, total and per-row size in tokens. */
export interface TrigramSizes {
  rows: number;
  tokens: number;
  /** Tokens (trigrams) of each section, heading and text together, by section id. */
  size: Int32Array;
}

const trigramSizesCache = new WeakMap<Db, { key: Buffer; sizes: TrigramSizes }>();

/**
 * The numbers FTS5's bm25 uses for the trigram index, read from where FTS5 keeps them: the averages
 * record (row count, then total tokens per column) and the docsize table (tokens per column of each
 * row). Cached like wordVocabulary, keyed by the trigram index's structure record; reading the
 * docsize table takes a few ms at 4M words.
 */
export function trigramSizes(db: Db, cache: boolean): TrigramSizes | null {
  const key = db.prepare('SELECT block FROM section_trigram_data WHERE id = 10').pluck().get() as Buffer | undefined;
  const cached = trigramSizesCache.get(db);
  if (cache && key !== undefined && cached !== undefined && cached.key.equals(key)) return cached.sizes;
  const averages = db.prepare('SELECT block FROM section_trigram_data WHERE id = 1').pluck().get() as Buffer | undefined;
  if (averages === undefined) return null;
  const at = { i: 0 };
  const rows = readVarint(averages, at);
  const tokens = readVarint(averages, at) + readVarint(averages, at);
  const [idList, hex] = db.prepare("SELECT group_concat(id), group_concat(hex(sz), '') FROM (SELECT id, sz FROM section_trigram_docsize ORDER BY id)").raw().get() as [string | null, string | null];
  const ids = idList === null ? [] : (JSON.parse(`[${idList}]`) as number[]);
  const size = new Int32Array((ids[ids.length - 1] ?? 0) + 1);
  const bytes = Buffer.from(hex ?? '', 'hex');
  const pos = { i: 0 };
  for (const id of ids) size[id] = readVarint(bytes, pos) + readVarint(bytes, pos);
  const sizes: TrigramSizes = { rows, tokens, size };
  if (cache && key !== undefined) trigramSizesCache.set(db, { key, sizes });
  return sizes;
}

/**
 * Every occurrence of the given indexed words, as section ids: positive for one in the text, negative
 * for one in the heading. From the fts5vocab instance table, one lookup per word; ids travel as one
 * group_concat string.
 */
export function wordOccurrences(db: Db, words: string[]): number[] {
  const list = db
    .prepare(`SELECT group_concat(CASE i.col WHEN 'heading' THEN -i.doc ELSE i.doc END) FROM json_each(?) w JOIN ${wordVocabTable(db, 'instance')} i ON i.term = w.value`)
    .pluck()
    .get(JSON.stringify(words)) as string | null;
  return list === null ? [] : (JSON.parse(`[${list}]`) as number[]);
}
