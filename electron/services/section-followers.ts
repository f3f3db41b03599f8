import type { Db } from '../../db/open.js';
import { placeAfterSplit } from './anchoring.js';

/**
 * What points into a section other than annotations (annotations.ts moves those) follows a
 * structure correction, inside the same transaction:
 *
 * - review comments on a passage of a draft, and the span a response names as the change made;
 * - chain evidence (a passage, or a whole section) and chain recommendations;
 * - the alignment grid: a cell that held a section keeps holding its text.
 *
 * Before this, merging a section away set their section to NULL (comments kept only their quote)
 * or, for the grid, deleted the section from its cells: a working group's placement was lost
 * without a word. A split left tail passages pointing at offsets beyond the shortened head.
 */

interface SpanTable {
  table: string;
  section: string;
  start: string;
  end: string;
  /** Columns with the section's number and heading as shown, kept in step. */
  labels: [number: string, heading: string];
  /** Without offsets the passage is the whole section (chain evidence). */
  wholeSection: boolean;
}

const SPANS: SpanTable[] = [
  { table: 'review_comment', section: 'section_id', start: 'start_offset', end: 'end_offset', labels: ['section_number', 'section_heading'], wholeSection: false },
  { table: 'review_response', section: 'change_section_id', start: 'change_start', end: 'change_end', labels: ['change_section_number', 'change_section_heading'], wholeSection: false },
  { table: 'chain_evidence', section: 'section_id', start: 'start_offset', end: 'end_offset', labels: ['section_number', 'section_heading'], wholeSection: true },
];

interface SectionLabel {
  number: string | null;
  heading: string;
}

const labelOf = (db: Db, id: number): SectionLabel => db.prepare('SELECT number, heading FROM section WHERE id = ?').get(id) as SectionLabel;

/**
 * `fromId` (whose text was `fromLength` characters) is appended to `intoId`, its text starting at
 * `shift`. Call before the row of `fromId` is deleted.
 */
export function followMerge(db: Db, fromId: number, intoId: number, shift: number, fromLength: number): void {
  const into = labelOf(db, intoId);
  for (const t of SPANS) {
    // A whole-section passage becomes the span the section's text has now.
    const [start, end] = t.wholeSection ? [`coalesce(${t.start} + ?, ?)`, `coalesce(${t.end} + ?, ?)`] : [`${t.start} + ?`, `${t.end} + ?`];
    const params = t.wholeSection ? [shift, shift, shift, shift + fromLength] : [shift, shift];
    db.prepare(`UPDATE ${t.table} SET ${t.section} = ?, ${t.start} = ${start}, ${t.end} = ${end}, ${t.labels[0]} = ?, ${t.labels[1]} = ? WHERE ${t.section} = ?`).run(
      intoId,
      ...params,
      into.number,
      into.heading,
      fromId,
    );
  }
  db.prepare('UPDATE chain_recommendation SET section_id = ? WHERE section_id = ?').run(intoId, fromId);
  // A cell that held the merged section holds the section its text went into, unless that one
  // has a row of its own in the same pilot (a section sits in one row per pilot).
  db.prepare(
    `INSERT INTO alignment_cell_section (cell_id, section_id, ordinal, confidence)
     SELECT cs.cell_id, ?, cs.ordinal, cs.confidence
       FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id
      WHERE cs.section_id = ?
        AND NOT EXISTS (SELECT 1 FROM alignment_cell_section cs2 JOIN alignment_cell c2 ON c2.id = cs2.cell_id JOIN alignment_row r2 ON r2.id = c2.row_id
                         WHERE cs2.section_id = ? AND r2.pilot_id = r.pilot_id)`,
  ).run(intoId, fromId, intoId);
}

/**
 * Section `sectionId` (whose text was `before`) was cut in two; the tail is `newId`. Spans in the
 * tail move there with shifted offsets; one across the cut keeps its quote and labels but no
 * longer points into the text (it is shown as its quote and section label, without a link),
 * since clipping would change what the commenter quoted. Cells holding the section hold both parts.
 */
export function followSplit(db: Db, sectionId: number, before: string, newId: number): void {
  const text = (id: number) => (db.prepare('SELECT text FROM section WHERE id = ?').get(id) as { text: string }).text;
  const head = text(sectionId);
  const tail = text(newId);
  const tailLabel = labelOf(db, newId);
  for (const t of SPANS) {
    const rows = db.prepare(`SELECT rowid AS id, ${t.start} AS start, ${t.end} AS end FROM ${t.table} WHERE ${t.section} = ? AND ${t.start} IS NOT NULL`).all(sectionId) as Array<{ id: number; start: number; end: number }>;
    for (const row of rows) {
      const where = placeAfterSplit(before, head, tail, row);
      if (where !== null && where !== 'straddles' && where.part === 'head') continue;
      if (where !== null && where !== 'straddles') {
        db.prepare(`UPDATE ${t.table} SET ${t.section} = ?, ${t.start} = ?, ${t.end} = ?, ${t.labels[0]} = ?, ${t.labels[1]} = ? WHERE rowid = ?`).run(
          newId,
          where.start,
          where.end,
          tailLabel.number,
          tailLabel.heading,
          row.id,
        );
      } else {
        db.prepare(`UPDATE ${t.table} SET ${t.section} = NULL, ${t.start} = NULL, ${t.end} = NULL WHERE rowid = ?`).run(row.id);
      }
    }
  }
  db.prepare(
    `INSERT INTO alignment_cell_section (cell_id, section_id, ordinal, confidence)
     SELECT cell_id, ?, ordinal, confidence FROM alignment_cell_section WHERE section_id = ?`,
  ).run(newId, sectionId);
}
