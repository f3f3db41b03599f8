/**
 * Reading the tagging across standards: passages with a combination of tags, co-occurrence
 * matrices, and agreement between two authors (Cohen's kappa). Read-only.
 *
 * One rule everywhere: a tag stands for itself and every tag below it ("Leerlijnen" finds passages
 * tagged with any leerlijn), so a matrix cell and the passages it opens always agree.
 */
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import type {
  AgreementReport,
  AgreementRow,
  AgreementTable,
  AuthorCount,
  CooccurrenceMatrix,
  CooccurrenceTag,
  Passage,
  PassageGroup,
  PassageQuery,
  PassageResult,
} from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import { getVersion } from '../../db/queries/documents.js';
import { loadTagTree, tagIdsOf, tagRefs, type AnnotationRow, type TagTree } from '../../db/queries/tags.js';
import { tagIdSchema } from './tags.js';

/** Characters of section text shown before and after a passage. */
export const PASSAGE_CONTEXT_CHARS = 120;
/** Passages per page when the caller does not say; a leaf tag rarely has more. */
export const DEFAULT_PASSAGE_LIMIT = 1000;
export const MAX_PASSAGE_LIMIT = 10_000;

const tagList = (label: string) => z.array(tagIdSchema(), { error: `Geef een lijst van tags (${label}).` }).max(100, 'Hoogstens 100 tags.').optional();
const standardIds = z.array(z.string().min(1).max(120), { error: 'Geef een lijst van standaarden.' }).max(500).optional();
const author = z.string({ error: 'Geef de naam van een auteur.' }).trim().min(1, 'Geef de naam van een auteur.').max(100, 'Een naam heeft hoogstens 100 tekens.');
const versionId = z.number({ error: 'Geef het nummer van een versie.' }).int('Geef het nummer van een versie.').positive('Geef het nummer van een versie.').max(Number.MAX_SAFE_INTEGER);

export const analysisSchemas = {
  passages: z
    .object({
      all: tagList('alle'),
      not: tagList('niet'),
      any: tagList('een van'),
      standardIds,
      author: author.optional(),
      offset: z.number({ error: 'Geef een getal.' }).int('Geef een heel getal.').min(0, 'Begin bij 0 of later.').max(10_000_000).optional(),
      limit: z.number({ error: 'Geef een getal.' }).int('Geef een heel getal.').min(1, 'Minstens 1.').max(MAX_PASSAGE_LIMIT, `Hoogstens ${MAX_PASSAGE_LIMIT.toLocaleString('nl-NL')} per keer.`).optional(),
    })
    .strict()
    .refine((q) => (q.all?.length ?? 0) + (q.any?.length ?? 0) > 0, { message: 'Kies minstens één tag om passages bij te zoeken.', path: ['all'] }),
  cooccurrence: z.object({ standardIds, author: author.optional() }).strict().default({}),
  agreement: z
    .object({ versionId, authorA: author, authorB: author })
    .strict()
    .refine((a) => a.authorA !== a.authorB, { message: 'Kies twee verschillende auteurs.', path: ['authorB'] }),
  authors: z.object({ versionId }).strict(),
  exportPassages: z.object({ tagId: tagIdSchema() }).strict(),
};

// ---------------------------------------------------------------------------------------------
// Cohen's kappa (pure)

/**
 * Percent agreement, positive agreement and Cohen's kappa of one 2×2 table. Kappa is
 * (pₒ − pₑ) / (1 − pₑ) with pₑ from the two authors' marginals; it is undefined when pₑ = 1
 * (both authors gave the tag in every unit, or in none): then null with the reason.
 */
export function agreementOf(t: AgreementTable): { percentAgreement: number; positiveAgreement: number | null; kappa: number | null; kappaReason: string | null } {
  const n = t.a + t.b + t.c + t.d;
  const positiveAgreement = 2 * t.a + t.b + t.c > 0 ? (2 * t.a) / (2 * t.a + t.b + t.c) : null;
  if (n === 0) return { percentAgreement: 0, positiveAgreement, kappa: null, kappaReason: 'Er zijn geen secties om te vergelijken.' };
  const po = (t.a + t.d) / n;
  const pe = ((t.a + t.b) * (t.a + t.c) + (t.c + t.d) * (t.b + t.d)) / (n * n);
  if (1 - pe < 1e-12) {
    const reason =
      t.a === n
        ? 'Kappa is niet te berekenen: beide auteurs gaven deze tag in elke sectie (de verwachte overeenstemming is dan al 100%).'
        : 'Kappa is niet te berekenen: geen van beide auteurs gaf deze tag (de verwachte overeenstemming is dan al 100%).';
    return { percentAgreement: po, positiveAgreement, kappa: null, kappaReason: reason };
  }
  return { percentAgreement: po, positiveAgreement, kappa: (po - pe) / (1 - pe), kappaReason: null };
}

// ---------------------------------------------------------------------------------------------

function requireTags(tree: TagTree, ids: readonly number[]): void {
  for (const id of ids) if (!tree.byId.has(id)) throw new ApiError('NIET_GEVONDEN', `Er is geen tag met nummer ${id}.`);
}

/** A tag as a matrix row: the tag and its place in the tree. */
const matrixTag = (tree: TagTree, id: number): CooccurrenceTag => ({ ...tree.ref(id), parentId: tree.byId.get(id)?.parent_id ?? null, depth: tree.depth(id) });

/** Every tag an annotation counts for: its tags and all their ancestors (memoised per tree). */
function rollUp(tree: TagTree): (tagId: number) => number[] {
  const memo = new Map<number, number[]>();
  return (tagId) => {
    let lineage = memo.get(tagId);
    if (!lineage) memo.set(tagId, (lineage = tree.lineage(tagId)));
    return lineage;
  };
}

/** Drops half of a surrogate pair left at the edge of a slice. */
function cleanEdges(text: string): string {
  let s = text;
  if (/^[\uDC00-\uDFFF]/.test(s)) s = s.slice(1);
  if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  return s;
}

type PassageRow = Pick<
  AnnotationRow,
  'id' | 'standard_id' | 'version_id' | 'section_id' | 'start_offset' | 'end_offset' | 'quote' | 'section_number' | 'section_heading' | 'note' | 'author' | 'created_at' | 'anchor_state'
>;

export function createAnalysisService(db: Db) {
  /** SQL conditions and parameters for a passage query; each tag includes its subtree. */
  function passageFilter(tree: TagTree, q: PassageQuery): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const inTags = 'SELECT annotation_id FROM annotation_tag WHERE tag_id IN (SELECT value FROM json_each(?))';
    for (const id of q.all ?? []) {
      where.push(`a.id IN (${inTags})`);
      params.push(JSON.stringify(tree.subtree(id)));
    }
    if (q.any?.length) {
      where.push(`a.id IN (${inTags})`);
      params.push(JSON.stringify([...new Set(q.any.flatMap((id) => tree.subtree(id)))]));
    }
    if (q.not?.length) {
      where.push(`a.id NOT IN (${inTags})`);
      params.push(JSON.stringify([...new Set(q.not.flatMap((id) => tree.subtree(id)))]));
    }
    if (q.standardIds?.length) {
      where.push('a.standard_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(q.standardIds));
    }
    if (q.author !== undefined) {
      where.push('a.author = ?');
      params.push(q.author);
    }
    return { where, params };
  }

  /** Rows from a list of ids ("SELECT … WHERE id IN json"), as a map by id. */
  function byIds<R extends { id: number | string }>(sql: string, ids: ReadonlyArray<number | string>): Map<R['id'], R> {
    return new Map((db.prepare(sql).all(JSON.stringify([...new Set(ids)])) as R[]).map((r) => [r.id, r]));
  }

  /**
   * The passages, grouped by standard (by title), each group in reading order: newest version
   * first, then section order and offset. One page at a time (offset/limit over that order):
   * the order needs only narrow keys of every match, and the wide part — quote, note, the section
   * text for context, the tags — is read for the page alone. At 10,000 annotations a group tag
   * can match thousands of passages (see bench/tags.ts).
   */
  function passages(q: PassageQuery, page: { offset: number; limit: number } = { offset: q.offset ?? 0, limit: q.limit ?? DEFAULT_PASSAGE_LIMIT }): PassageResult {
    const tree = loadTagTree(db);
    requireTags(tree, [...(q.all ?? []), ...(q.any ?? []), ...(q.not ?? [])]);
    const { where, params } = passageFilter(tree, q);
    const keys = db
      .prepare(`SELECT a.id, a.standard_id, a.version_id, a.section_id, a.start_offset, a.created_at FROM annotation a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
      .raw()
      .all(...params) as Array<[string, string, number | null, number | null, number | null, string]>;
    const standards = byIds<{ id: string; title: string; short_title: string | null }>('SELECT id, title, short_title FROM standard WHERE id IN (SELECT value FROM json_each(?))', keys.map((k) => k[1]));
    const versions = byIds<{ id: number; label: string; imported_at: string }>(
      'SELECT id, label, imported_at FROM document_version WHERE id IN (SELECT value FROM json_each(?))',
      keys.flatMap((k) => (k[2] === null ? [] : [k[2]])),
    );
    // ordinal sits before the wide columns of a section row, so this reads no text.
    const ordinals = new Map(
      db.prepare('SELECT id, ordinal FROM section WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify([...new Set(keys.flatMap((k) => (k[3] === null ? [] : [k[3]])))])) as Array<[number, number]>,
    );
    // Ranks computed once (standards by Dutch title, versions newest first), so the sort compares numbers.
    const collator = new Intl.Collator('nl', { sensitivity: 'base' });
    const standardRank = new Map(
      [...standards.values()].sort((a, b) => collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((st, i) => [st.id, i]),
    );
    const versionRank = new Map(
      [...versions.values()].sort((a, b) => (a.imported_at < b.imported_at ? 1 : a.imported_at > b.imported_at ? -1 : b.id - a.id)).map((v, i) => [v.id, i]),
    );
    const sortKey = new Map(
      keys.map(([id, standard, version, section, start]) => [
        id,
        [standardRank.get(standard) ?? 0, version === null ? Infinity : (versionRank.get(version) ?? Infinity), section === null ? Infinity : (ordinals.get(section) ?? Infinity), start ?? 0],
      ]),
    );
    keys.sort((x, y) => {
      const kx = sortKey.get(x[0]) as number[];
      const ky = sortKey.get(y[0]) as number[];
      for (let i = 0; i < 4; i++) if (kx[i] !== ky[i]) return (kx[i] as number) < (ky[i] as number) ? -1 : 1;
      return x[5] < y[5] ? -1 : x[5] > y[5] ? 1 : x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0;
    });
    const perStandard = new Map<string, number>();
    for (const k of keys) perStandard.set(k[1], (perStandard.get(k[1]) ?? 0) + 1);

    const pageIds = keys.slice(page.offset, page.offset + page.limit).map((k) => k[0]);
    const rows = byIds<PassageRow>(
      `SELECT id, standard_id, version_id, section_id, start_offset, end_offset, quote, section_number, section_heading, note, author, created_at, anchor_state
       FROM annotation WHERE id IN (SELECT value FROM json_each(?))`,
      pageIds,
    );
    // Section texts once per section, sliced here: offsets are UTF-16 units, SQLite's substr counts code points.
    const texts = byIds<{ id: number; text: string }>(
      'SELECT id, text FROM section WHERE id IN (SELECT value FROM json_each(?))',
      [...rows.values()].flatMap((r) => (r.section_id === null ? [] : [r.section_id])),
    );
    const tagIds = tagIdsOf(db, pageIds);
    const groups: PassageGroup[] = [];
    for (const id of pageIds) {
      const r = rows.get(id) as PassageRow;
      let group = groups[groups.length - 1];
      if (!group || group.standardId !== r.standard_id) {
        const standard = standards.get(r.standard_id);
        group = { standardId: r.standard_id, standardTitle: standard?.title ?? r.standard_id, standardShortTitle: standard?.short_title ?? null, count: perStandard.get(r.standard_id) ?? 0, passages: [] };
        groups.push(group);
      }
      const text = r.section_id === null ? '' : (texts.get(r.section_id)?.text ?? '');
      const start = r.start_offset ?? 0;
      const end = r.end_offset ?? 0;
      const passage: Passage = {
        annotationId: r.id,
        versionId: r.version_id,
        versionLabel: r.version_id === null ? null : (versions.get(r.version_id)?.label ?? null),
        sectionId: r.section_id,
        sectionNumber: r.section_number,
        sectionHeading: r.section_heading,
        start: r.start_offset,
        end: r.end_offset,
        quote: r.quote,
        contextBefore: text ? cleanEdges(text.slice(Math.max(0, start - PASSAGE_CONTEXT_CHARS), start)) : '',
        contextAfter: text ? cleanEdges(text.slice(end, end + PASSAGE_CONTEXT_CHARS)) : '',
        note: r.note,
        author: r.author,
        createdAt: r.created_at,
        anchorState: r.anchor_state,
        tags: tagRefs(tree, tagIds.get(r.id) ?? []),
      };
      group.passages.push(passage);
    }
    return { groups, total: keys.length, offset: page.offset, limit: page.limit, truncated: page.offset + pageIds.length < keys.length };
  }

  /** Every passage (no paging), for exports. */
  function allPassages(q: PassageQuery): PassageResult {
    return passages(q, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
  }

  /**
   * Tags × standards and tags × tags. Two tags co-occur when one annotation has both (after
   * rolling tags up to their ancestors). Overlapping annotations with different tags do not
   * count: with several authors tagging the same text that would mix their work, and a count
   * could not be opened as one passages query. Counted in dense typed arrays: 10,000
   * annotations with their ancestors make a few hundred thousand increments.
   */
  function cooccurrence(q: { standardIds?: string[] | undefined; author?: string | undefined }): CooccurrenceMatrix {
    const tree = loadTagTree(db);
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.standardIds?.length) {
      where.push('a.standard_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(q.standardIds));
    }
    if (q.author !== undefined) {
      where.push('a.author = ?');
      params.push(q.author);
    }
    // Two narrow reads joined here: faster than a join that looks every annotation up by its UUID.
    const standardOf = new Map(db.prepare(`SELECT a.id, a.standard_id FROM annotation a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).raw().all(...params) as Array<[string, string]>);
    const links = db.prepare('SELECT annotation_id, tag_id FROM annotation_tag ORDER BY annotation_id').raw().all() as Array<[string, number]>;
    const index = new Map(tree.order.map((id, i) => [id, i]));
    const lineages = tree.order.map((id) => tree.lineage(id).map((t) => index.get(t) as number));
    const standardIds = [...new Set(standardOf.values())];
    const column = new Map(standardIds.map((id, i) => [id, i]));
    const T = tree.order.length;
    const S = standardIds.length;
    const perStandard = new Int32Array(T * S);
    const pairs = new Int32Array(T * T);
    const seen = new Uint8Array(T);
    let set: number[] = [];
    let annotationCount = 0;
    const flush = (standard: string | undefined) => {
      if (standard !== undefined && set.length > 0) {
        annotationCount++;
        const j = column.get(standard) as number;
        for (const i of set) {
          perStandard[i * S + j] = (perStandard[i * S + j] ?? 0) + 1;
          for (const k of set) pairs[i * T + k] = (pairs[i * T + k] ?? 0) + 1;
        }
      }
      for (const i of set) seen[i] = 0;
      set = [];
    };
    // links are ordered by annotation: collect each annotation's rolled-up tags, then count them.
    let current: string | null = null;
    for (const [annotationId, tagId] of links) {
      if (annotationId !== current) {
        flush(current === null ? undefined : standardOf.get(current));
        current = annotationId;
      }
      if (!standardOf.has(annotationId)) continue;
      for (const i of lineages[index.get(tagId) as number] ?? []) {
        if (!seen[i]) {
          seen[i] = 1;
          set.push(i);
        }
      }
    }
    flush(current === null ? undefined : standardOf.get(current));
    const used = tree.order.map((_, i) => i).filter((i) => pairs[i * T + i]);
    const standardRows = db
      .prepare('SELECT id, title, short_title AS shortTitle FROM standard WHERE id IN (SELECT value FROM json_each(?)) ORDER BY title COLLATE NOCASE, id')
      .all(JSON.stringify(standardIds)) as Array<{ id: string; title: string; shortTitle: string | null }>;
    return {
      tags: used.map((i) => matrixTag(tree, tree.order[i] as number)),
      standards: standardRows,
      tagStandard: used.map((i) => standardRows.map((s) => perStandard[i * S + (column.get(s.id) as number)] as number)),
      tagTag: used.map((i) => used.map((k) => pairs[i * T + k] as number)),
      annotationCount,
    };
  }

  /**
   * How alike two authors tagged one version. Units are the version's sections: an author
   * "coded section S with tag T" when any of their placed annotations in S has T (or a tag below
   * it). Sections are the natural unit because two people rarely select the same characters,
   * while "does this section speak to T?" is what a working group compares. Loose annotations
   * (no section) are left out. Sections neither author tagged count as agreement (d), so percent
   * agreement runs high on long documents: kappa and positive agreement correct for that.
   */
  function agreement(args: { versionId: number; authorA: string; authorB: string }): AgreementReport {
    if (!getVersion(db, args.versionId)) throw new ApiError('NIET_GEVONDEN', `Er is geen versie met nummer ${args.versionId}.`);
    const tree = loadTagTree(db);
    const up = rollUp(tree);
    const units = (db.prepare('SELECT count(*) AS n FROM section WHERE version_id = ?').get(args.versionId) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT a.id, a.author, a.section_id AS section, t.tag_id AS tag FROM annotation a JOIN annotation_tag t ON t.annotation_id = a.id
         WHERE a.version_id = ? AND a.section_id IS NOT NULL AND a.author IN (?, ?)`,
      )
      .all(args.versionId, args.authorA, args.authorB) as Array<{ id: string; author: string; section: number; tag: number }>;
    const side = () => ({ coded: new Map<number, Set<number>>(), direct: new Set<number>(), annotations: new Set<string>() });
    const A = side();
    const B = side();
    for (const r of rows) {
      const s = r.author === args.authorA ? A : B;
      s.annotations.add(r.id);
      s.direct.add(r.tag);
      for (const id of up(r.tag)) {
        let set = s.coded.get(id);
        if (!set) s.coded.set(id, (set = new Set()));
        set.add(r.section);
      }
    }
    const tableFor = (tagId: number): AgreementTable => {
      const sa = A.coded.get(tagId) ?? new Set<number>();
      const sb = B.coded.get(tagId) ?? new Set<number>();
      let a = 0;
      for (const s of sa) if (sb.has(s)) a++;
      const b = sa.size - a;
      const c = sb.size - a;
      return { a, b, c, d: units - a - b - c };
    };
    const used = tree.order.filter((id) => A.coded.has(id) || B.coded.has(id));
    const rowsOut: AgreementRow[] = used.map((id) => {
      const table = tableFor(id);
      return { tag: matrixTag(tree, id), table, ...agreementOf(table) };
    });
    const pooled: AgreementTable = { a: 0, b: 0, c: 0, d: 0 };
    for (const row of rowsOut) {
      if (!A.direct.has(row.tag.id) && !B.direct.has(row.tag.id)) continue;
      pooled.a += row.table.a;
      pooled.b += row.table.b;
      pooled.c += row.table.c;
      pooled.d += row.table.d;
    }
    const overall = agreementOf(pooled);
    return {
      versionId: args.versionId,
      authorA: args.authorA,
      authorB: args.authorB,
      units,
      annotationsA: A.annotations.size,
      annotationsB: B.annotations.size,
      rows: rowsOut,
      overall: { table: pooled, percentAgreement: overall.percentAgreement, kappa: overall.kappa, kappaReason: overall.kappaReason },
    };
  }

  function authors(args: { versionId: number }): AuthorCount[] {
    if (!getVersion(db, args.versionId)) throw new ApiError('NIET_GEVONDEN', `Er is geen versie met nummer ${args.versionId}.`);
    return db
      .prepare('SELECT author, count(*) AS annotationCount FROM annotation WHERE version_id = ? GROUP BY author ORDER BY author COLLATE NOCASE')
      .all(args.versionId) as AuthorCount[];
  }

  return { passages, allPassages, cooccurrence, agreement, authors };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
