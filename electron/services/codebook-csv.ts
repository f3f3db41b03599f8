/**
 * The codebook as CSV (columns pad, naam, kleur, beschrijving) and tagged passages as CSV.
 * Import adds what is missing by path and updates colour and description of tags that exist; it
 * never deletes or renames (an empty cell leaves a value alone). The whole file is checked first:
 * one bad row and nothing is written.
 */
import { z } from 'zod';
import { slugFor } from '../../common/naming.js';
import { ApiError } from '../../common/errors.js';
import { TAG_PATH_SEPARATOR, type CodebookImportReport, type ExportFile } from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { listTags, loadTagTree, updateTagFields } from '../../db/queries/tags.js';
import { CSV_MIME, readCsv, toCsv } from './csv.js';
import type { AnalysisService } from './tag-analysis.js';
import { ensureTagPath, MAX_TAG_DESCRIPTION, MAX_TAG_NAME } from './tags.js';

export const CODEBOOK_COLUMNS = ['pad', 'naam', 'kleur', 'beschrijving'] as const;
export const PASSAGE_COLUMNS = ['standaard', 'versie', 'sectie', 'citaat', 'notitie', 'auteur', 'datum', 'tags'] as const;

const MAX_CSV_CHARS = 2_000_000;
const MAX_ROWS = 5000;

export const codebookCsvSchemas = {
  importCsv: z
    .object({ csv: z.string({ error: 'Geef de inhoud van een CSV-bestand.' }).min(1, 'Het CSV-bestand is leeg.').max(MAX_CSV_CHARS, 'Een CSV-bestand voor het codeboek heeft hoogstens 2 miljoen tekens.') })
    .strict(),
};

/** English headers are accepted too, for codebooks made elsewhere. */
const HEADER_ALIASES: Record<string, (typeof CODEBOOK_COLUMNS)[number]> = {
  pad: 'pad',
  path: 'pad',
  naam: 'naam',
  name: 'naam',
  kleur: 'kleur',
  color: 'kleur',
  colour: 'kleur',
  beschrijving: 'beschrijving',
  description: 'beschrijving',
};

interface CodebookRow {
  line: number;
  path: string;
  color: string | null;
  description: string | null;
}

const refuse = (problem: string): never => {
  throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. CSV: ${problem}`, { csv: problem });
};

/** Parses and checks every row; throws one Dutch error listing the first problems. */
export function parseCodebookCsv(text: string): CodebookRow[] {
  let cells: string[][];
  try {
    cells = readCsv(text);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse(`het bestand is geen geldige CSV${line ? ` (regel ${line})` : ''}.`);
  }
  const [header, ...body] = cells;
  const columns = (header ?? []).map((h) => HEADER_ALIASES[h.trim().toLowerCase()]);
  const at = (name: (typeof CODEBOOK_COLUMNS)[number]) => columns.indexOf(name);
  if (at('pad') < 0 && at('naam') < 0) refuse('de eerste regel moet de kolomnamen geven, met minstens "pad" of "naam" (en eventueel "kleur" en "beschrijving").');
  if (body.length > MAX_ROWS) refuse(`hoogstens ${MAX_ROWS} tags per bestand.`);
  const problems: string[] = [];
  const rows: CodebookRow[] = [];
  body.forEach((cellsOfRow, i) => {
    const line = i + 2;
    const cell = (name: (typeof CODEBOOK_COLUMNS)[number]) => (at(name) >= 0 ? (cellsOfRow[at(name)] ?? '').trim() : '');
    const path = (cell('pad') || cell('naam'))
      .normalize('NFC')
      .split(TAG_PATH_SEPARATOR)
      .map((n) => n.trim())
      .join(TAG_PATH_SEPARATOR);
    if (cellsOfRow.every((c) => c.trim() === '')) return;
    const names = path.split(TAG_PATH_SEPARATOR);
    if (path === '' || names.some((n) => n === '')) problems.push(`regel ${line}: geen geldig pad ("${path}"); gebruik namen gescheiden door "/".`);
    else if (names.some((n) => n.length > MAX_TAG_NAME)) problems.push(`regel ${line}: een naam heeft hoogstens ${MAX_TAG_NAME} tekens.`);
    else if (cell('pad') && cell('naam') && cell('naam').toLowerCase() !== (names[names.length - 1] ?? '').toLowerCase()) {
      problems.push(`regel ${line}: naam "${cell('naam')}" is niet het laatste deel van pad "${path}".`);
    }
    const color = cell('kleur');
    if (color && !/^#[0-9a-fA-F]{6}$/.test(color)) problems.push(`regel ${line}: kleur "${color}" is geen #rrggbb.`);
    const description = cell('beschrijving');
    if (description.length > MAX_TAG_DESCRIPTION) problems.push(`regel ${line}: een beschrijving heeft hoogstens ${MAX_TAG_DESCRIPTION} tekens.`);
    rows.push({ line, path, color: color ? color.toLowerCase() : null, description: description || null });
  });
  if (problems.length > 0) refuse(`${problems.slice(0, 5).join(' ')}${problems.length > 5 ? ` En nog ${problems.length - 5} fouten.` : ''}`);
  if (rows.length === 0) refuse('er staan geen tags in het bestand.');
  return rows;
}

export function createCodebookCsvService(db: Db, actor: () => string, analysis: AnalysisService) {
  return {
    exportCsv(): ExportFile {
      const rows = listTags(db).map((t) => [t.path, t.name, t.color, t.description]);
      return { fileName: 'codeboek.csv', mimeType: CSV_MIME, content: toCsv(CODEBOOK_COLUMNS, rows) };
    },

    importCsv(args: { csv: string }): CodebookImportReport {
      const rows = parseCodebookCsv(args.csv);
      return db
        .transaction(() => {
          const now = new Date().toISOString();
          const report: CodebookImportReport = { rows: rows.length, created: 0, updated: 0, unchanged: 0 };
          for (const row of rows) {
            const made = ensureTagPath(db, row.path, now, actor(), row.color ?? undefined);
            report.created += made.created.length;
            const tag = loadTagTree(db).byId.get(made.id);
            if (!tag) continue;
            const next = { name: tag.name, color: row.color ?? tag.color, description: row.description ?? tag.description };
            const changed = next.color !== tag.color || next.description !== tag.description;
            // A tag this row created is counted as created (its colour came with it; its description follows here).
            if (made.created[made.created.length - 1] === row.path) {
              if (changed) updateTagFields(db, tag.id, next, now);
              continue;
            }
            if (!changed) {
              report.unchanged++;
              continue;
            }
            updateTagFields(db, tag.id, next, now);
            report.updated++;
            const diff: Record<string, unknown> = {};
            if (next.color !== tag.color) diff.kleur = { van: tag.color, naar: next.color };
            if (next.description !== tag.description) diff.beschrijving = { van: tag.description, naar: next.description };
            writeAudit(db, { actor: actor(), action: 'gewijzigd', entity: 'tag', entityId: String(tag.id), details: { pad: row.path, bron: 'csv', ...diff } }, now);
          }
          writeAudit(db, { actor: actor(), action: 'codeboek-geimporteerd', entity: 'codebook', entityId: 'csv', details: { ...report } }, now);
          return report;
        })
        .immediate();
    },

    /** Every passage with the tag (or a tag below it), across all standards, one row each. */
    exportPassagesCsv(args: { tagId: number }): ExportFile {
      const tree = loadTagTree(db);
      const result = analysis.allPassages({ all: [args.tagId] });
      const rows = result.groups.flatMap((g) =>
        g.passages.map((p) => [
          g.standardTitle,
          p.versionLabel,
          [p.sectionNumber, p.sectionHeading].filter(Boolean).join(' ') || (p.anchorState === 'los' ? '(niet geplaatst)' : ''),
          p.quote,
          p.note,
          p.author,
          p.createdAt.slice(0, 10),
          p.tags.map((t) => t.path).join('; '),
        ]),
      );
      const slug = slugFor(tree.path(args.tagId).replace(/\//g, ' ')) || 'tag';
      return { fileName: `passages-${slug}.csv`, mimeType: CSV_MIME, content: toCsv(PASSAGE_COLUMNS, rows) };
    },
  };
}
