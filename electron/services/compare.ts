/**
 * Side-by-side comparison of guideline texts: loads the columns (whole versions or sections of
 * one version), diffs each against the reference column and labels them for the UI. Read-only,
 * so no transaction or audit: each call reads a consistent snapshot through one statement per column.
 * Two whole versions are diffed per aligned section pair (bounded in time, see common/diff/sections.ts);
 * anything else as one text.
 */
import { z } from 'zod';
import type { ColumnLabel, CompareColumn, CompareDiff, CompareMultiResult, CompareSpec, CompareTextsResult } from '../../common/compare.js';
import { alignSections, buildSideText, diffSectioned, diffTexts, headingLine, VERSION_TIME_BUDGET_MS, type DiffOptions, type SectionInput } from '../../common/diff/index.js';
import { DEFAULT_DIFF_OPTIONS } from '../../common/diff/types.js';
import type { VersionStatus } from '../../common/document.js';
import { ApiError } from '../../common/errors.js';
import type { Db } from '../../db/open.js';
import { rowId } from './list-schemas.js';

/** A column is at most this many sections; a whole version is asked for with versionId. */
export const MAX_SECTIONS_PER_COLUMN = 500;
/** The reference and at most three others: four columns. */
export const MAX_OTHERS = 3;

const SPEC_MESSAGE = 'Geef per kolom een versie (versionId) of een lijst van secties (sectionIds).';
const spec = z
  .object(
    {
      versionId: rowId('versie').optional(),
      sectionIds: z
        .array(rowId('sectie'), { error: 'Geef een lijst van secties.' })
        .min(1, 'Kies minstens één sectie.')
        .max(MAX_SECTIONS_PER_COLUMN, `Kies hoogstens ${MAX_SECTIONS_PER_COLUMN} secties; vergelijk anders de hele versie.`)
        .optional(),
    },
    { error: SPEC_MESSAGE },
  )
  .strict()
  .refine((a) => (a.versionId === undefined) !== (a.sectionIds === undefined), { message: SPEC_MESSAGE })
  .transform((a): CompareSpec => (a.versionId !== undefined ? { versionId: a.versionId } : { sectionIds: a.sectionIds ?? [] }));

const flag = (what: string) => z.boolean({ error: `${what}: kies aan of uit.` }).optional();
const options = z
  .object({
    ignoreNumbering: flag('Negeer nummering'),
    ignoreWhitespace: flag('Negeer witruimte'),
    ignorePunctuation: flag('Negeer leestekens'),
    ignoreCase: flag('Negeer hoofdletters'),
    detectMoves: flag('Verplaatsingen tonen'),
  }, { error: 'Geef de opties als een lijst van aan/uit-keuzes.' })
  .strict()
  .optional()
  .transform((o): DiffOptions => ({ ...DEFAULT_DIFF_OPTIONS, ...Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) }));

export const compareSchemas = {
  texts: z.object({ left: spec, right: spec, options }).strict(),
  multi: z
    .object({
      reference: spec,
      others: z.array(spec, { error: 'Geef de andere kolommen als lijst.' }).min(1, 'Kies minstens één tekst om met de referentie te vergelijken.').max(MAX_OTHERS, `Vergelijk hoogstens ${MAX_OTHERS} teksten met de referentie (vier kolommen).`),
      options,
    })
    .strict(),
};

interface SectionRow {
  id: number;
  version_id: number;
  ordinal: number;
  level: number;
  number: string | null;
  heading: string;
  kind: string;
  text: string;
}

interface VersionRow {
  id: number;
  label: string;
  status: VersionStatus;
  standard_id: string;
  title: string;
  short_title: string | null;
}

interface LoadedColumn extends CompareColumn {
  /** Sections as the diff engine takes them; for a whole version all of them. */
  inputs: SectionInput[];
  wholeVersion: boolean;
}

const SECTION_COLUMNS = 'id, version_id, ordinal, level, number, heading, kind, text';

function sectionsLabel(rows: readonly SectionRow[]): string {
  const first = headingLine(rows[0] as SectionRow) || 'Sectie zonder kop';
  if (rows.length === 1) return first;
  const last = headingLine(rows[rows.length - 1] as SectionRow) || 'sectie zonder kop';
  return `${first} – ${last} (${rows.length} secties)`;
}

export function createCompareService(db: Db) {
  const versionRow = (id: number): VersionRow => {
    const row = db
      .prepare('SELECT v.id, v.label, v.status, v.standard_id, s.title, s.short_title FROM document_version v JOIN standard s ON s.id = v.standard_id WHERE v.id = ?')
      .get(id) as VersionRow | undefined;
    if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen versie met nummer ${id}.`);
    return row;
  };

  const toInput = (r: SectionRow): SectionInput => ({ id: r.id, number: r.number, heading: r.heading, level: r.level, kind: r.kind, text: r.text });

  function load(s: CompareSpec): LoadedColumn {
    let rows: SectionRow[];
    let version: VersionRow;
    const wholeVersion = 'versionId' in s;
    if ('versionId' in s) {
      version = versionRow(s.versionId);
      rows = db.prepare(`SELECT ${SECTION_COLUMNS} FROM section WHERE version_id = ? ORDER BY ordinal`).all(s.versionId) as SectionRow[];
    } else {
      const ids = [...new Set(s.sectionIds)];
      rows = db.prepare(`SELECT ${SECTION_COLUMNS} FROM section WHERE id IN (SELECT value FROM json_each(?)) ORDER BY ordinal`).all(JSON.stringify(ids)) as SectionRow[];
      const missing = ids.filter((id) => !rows.some((r) => r.id === id));
      if (missing.length) throw new ApiError('NIET_GEVONDEN', missing.length === 1 ? `Er is geen sectie met nummer ${missing[0]}.` : `Er zijn geen secties met de nummers ${missing.join(', ')}.`);
      const versions = new Set(rows.map((r) => r.version_id));
      if (versions.size > 1) throw new ApiError('ONGELDIGE_INVOER', 'De secties van één kolom komen uit één versie. Kies per kolom secties van dezelfde versie.', { sectionIds: 'Secties uit verschillende versies.' });
      version = versionRow((rows[0] as SectionRow).version_id);
    }
    const side = buildSideText(rows.map(toInput));
    const standardTitle = version.short_title?.trim() || version.title;
    const sectionsPart = wholeVersion ? null : sectionsLabel(rows);
    const label: ColumnLabel = {
      scope: wholeVersion ? 'versie' : 'secties',
      standardId: version.standard_id,
      standardTitle,
      versionId: version.id,
      versionLabel: version.label,
      versionStatus: version.status,
      sectionsLabel: sectionsPart,
      title: [standardTitle, version.label, sectionsPart].filter(Boolean).join(' · '),
    };
    return { label, text: side.text, sections: side.sections, inputs: rows.map(toInput), wholeVersion };
  }

  const column = ({ label, text, sections }: LoadedColumn): CompareColumn => ({ label, text, sections });

  function diff(left: LoadedColumn, right: LoadedColumn, o: DiffOptions, deadline: number): CompareDiff {
    if (left.wholeVersion && right.wholeVersion) {
      return diffSectioned(left, right, alignSections(left.inputs, right.inputs), o, { deadline });
    }
    // The edit script is for tests and tools; the UI has both texts.
    const { left: l, right: r, changes, anchors, coarse, counts } = diffTexts(left.text, right.text, o, { deadline });
    return { left: l, right: r, changes, anchors, coarse, counts, pairs: null };
  }

  return {
    texts(args: z.output<typeof compareSchemas.texts>): CompareTextsResult {
      const left = load(args.left);
      const right = load(args.right);
      return { left: column(left), right: column(right), diff: diff(left, right, args.options, Date.now() + VERSION_TIME_BUDGET_MS), options: args.options };
    },

    multi(args: z.output<typeof compareSchemas.multi>): CompareMultiResult {
      const reference = load(args.reference);
      const others = args.others.map(load);
      // One budget for the whole call, shared out over the pairs still to do.
      const until = Date.now() + VERSION_TIME_BUDGET_MS * 1.5;
      return {
        reference: column(reference),
        others: others.map((other, k) => ({ column: column(other), diff: diff(reference, other, args.options, Date.now() + Math.max(0, until - Date.now()) / (others.length - k)) })),
        options: args.options,
      };
    },
  };
}
