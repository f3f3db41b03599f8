/**
 * The alignment grid of a pilot: rows (themes) × the pilot's versions, each cell holding 0..n
 * sections, with a classification per cell, a decision per row and comments.
 *
 * Proposals: the aligner (align/) suggests rows with status 'voorstel'. A person accepts (the row
 * becomes 'handmatig'), rejects (its section pairs are remembered and never proposed together
 * again), or edits it (any edit makes it 'handmatig'). Re-running the proposal replaces only the
 * 'voorstel' rows and never touches a section placed in a 'handmatig' row: manual alignment wins.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import { CLASSIFICATIONS, DECISIONS, DECISION_LABEL, type AlignmentGrid } from '../../common/pilots.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { readGrid } from '../../db/queries/pilots.js';
import { proposeAlignment, type AlignSection } from './align/index.js';
import { clearableText, MAX_LONG_TEXT, requiredText, rowId } from './list-schemas.js';
import { requirePilot } from './pilots.js';

const pilotId = rowId('pilot');
const alignmentRowId = rowId('rij');
const themeSchema = requiredText('een thema', 300);

export const alignmentSchemas = {
  grid: z.object({ pilotId }).strict(),
  propose: z.object({ pilotId }).strict(),
  acceptAll: z
    .object({ pilotId, minConfidence: z.number({ error: 'Geef een zekerheid tussen 0 en 1.' }).min(0, 'Geef een zekerheid tussen 0 en 1.').max(1, 'Geef een zekerheid tussen 0 en 1.').default(0) })
    .strict(),
  row: z.object({ rowId: alignmentRowId }).strict(),
  createRow: z.object({ pilotId, theme: themeSchema, afterRowId: alignmentRowId.nullable().optional() }).strict(),
  renameRow: z.object({ rowId: alignmentRowId, theme: themeSchema }).strict(),
  moveRow: z.object({ rowId: alignmentRowId, toIndex: z.number({ error: 'Geef een positie.' }).int('Geef een hele positie.').min(0, 'Een positie is 0 of meer.').max(100_000) }).strict(),
  placeSection: z.object({ pilotId, sectionId: rowId('sectie'), rowId: alignmentRowId.nullable() }).strict(),
  splitRow: z
    .object({ rowId: alignmentRowId, sectionIds: z.array(rowId('sectie')).min(1, 'Kies de secties die een eigen rij krijgen.').max(500), theme: themeSchema })
    .strict(),
  mergeRows: z.object({ rowId: alignmentRowId, intoRowId: alignmentRowId }).strict().refine((a) => a.rowId !== a.intoRowId, { message: 'Kies twee verschillende rijen.', path: ['intoRowId'] }),
  classify: z
    .object({
      rowId: alignmentRowId,
      versionId: rowId('versie'),
      classification: z.enum(CLASSIFICATIONS, { error: 'Kies gelijk, aanvullend, verschillend, tegenstrijdig, alleen hier of ontbreekt.' }).nullable().optional(),
      note: clearableText(MAX_LONG_TEXT),
    })
    .strict(),
  decide: z
    .object({
      rowId: alignmentRowId,
      decision: z.enum(DECISIONS, { error: 'Kies een besluit: overnemen, samenvoegen, verschil laten staan of nader onderzoeken.' }).nullable(),
      versionId: rowId('versie').nullable().optional(),
      text: clearableText(MAX_LONG_TEXT),
      dissent: clearableText(MAX_LONG_TEXT),
    })
    .strict(),
  comment: z.object({ rowId: alignmentRowId, body: requiredText('een opmerking', MAX_LONG_TEXT) }).strict(),
  deleteComment: z.object({ commentId: rowId('opmerking') }).strict(),
};

interface RowRecord {
  id: number;
  guid: string;
  pilot_id: number;
  ordinal: number;
  theme: string;
  status: 'voorstel' | 'handmatig';
  decision: string | null;
  decision_version_id: number | null;
  decision_text: string | null;
  decision_dissent: string | null;
}

/** What the decision needs besides its kind, in the working group's words. */
function decisionRefusal(decision: (typeof DECISIONS)[number], versionId: number | null, text: string | null): string | null {
  if (decision === 'overnemen' && versionId === null) return 'Kies van welke standaard de formulering wordt overgenomen.';
  if (decision === 'samenvoegen' && !text) return 'Schrijf de samengevoegde tekst (of een eerste opzet) bij het besluit.';
  if (decision === 'verschil_laten' && !text) return 'Geef de reden waarom het verschil blijft staan.';
  if (decision === 'nader_onderzoeken' && !text) return 'Beschrijf wat er nader onderzocht moet worden.';
  return null;
}

export function createAlignmentService(db: Db, actor: () => string) {
  const audit = (pilot: number, action: string, details: Record<string, unknown>) =>
    writeAudit(db, { actor: actor(), action, entity: 'pilot', entityId: String(pilot), details });
  const now = () => new Date().toISOString();
  const touchPilot = (id: number) => db.prepare('UPDATE pilot SET updated_at = ? WHERE id = ?').run(now(), id);

  function requireRow(id: number): RowRecord {
    const row = db.prepare('SELECT * FROM alignment_row WHERE id = ?').get(id) as RowRecord | undefined;
    if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen rij met nummer ${id} in de uitlijning.`);
    return row;
  }

  function pilotVersionIds(pilot: number): number[] {
    return (db.prepare('SELECT version_id FROM pilot_version WHERE pilot_id = ? ORDER BY ordinal').all(pilot) as Array<{ version_id: number }>).map((r) => r.version_id);
  }

  function requireVersionInPilot(pilot: number, versionId: number): void {
    if (!db.prepare('SELECT 1 FROM pilot_version WHERE pilot_id = ? AND version_id = ?').get(pilot, versionId)) {
      throw new ApiError('NIET_GEVONDEN', 'Deze versie hoort niet bij de pilot.');
    }
  }

  /** The cell of (row, version), created when it does not exist yet. */
  function cellId(rowIdValue: number, versionId: number): number {
    const existing = db.prepare('SELECT id FROM alignment_cell WHERE row_id = ? AND version_id = ?').get(rowIdValue, versionId) as { id: number } | undefined;
    if (existing) return existing.id;
    return Number(db.prepare('INSERT INTO alignment_cell (guid, row_id, version_id, updated_at) VALUES (?, ?, ?, ?)').run(randomUUID(), rowIdValue, versionId, now()).lastInsertRowid);
  }

  /** Rows of a pilot in order, renumbered 0..n-1 after the given sequence of ids. */
  function renumber(ids: number[]): void {
    const update = db.prepare('UPDATE alignment_row SET ordinal = ? WHERE id = ?');
    ids.forEach((id, i) => update.run(i, id));
  }

  function rowIds(pilot: number): number[] {
    return (db.prepare('SELECT id FROM alignment_row WHERE pilot_id = ? ORDER BY ordinal, id').all(pilot) as Array<{ id: number }>).map((r) => r.id);
  }

  function insertRow(pilot: number, theme: string, status: 'voorstel' | 'handmatig', confidence: number | null, ordinal: number): number {
    const t = now();
    return Number(
      db
        .prepare('INSERT INTO alignment_row (guid, pilot_id, ordinal, theme, status, confidence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(randomUUID(), pilot, ordinal, theme, status, confidence, t, t).lastInsertRowid,
    );
  }

  /** A person changed this row: from now on it is theirs and a new proposal leaves it alone. */
  function makeManual(row: RowRecord): void {
    if (row.status === 'voorstel') db.prepare("UPDATE alignment_row SET status = 'handmatig', updated_at = ? WHERE id = ?").run(now(), row.id);
  }

  function sectionVersion(sectionId: number): number {
    const s = db.prepare('SELECT version_id FROM section WHERE id = ?').get(sectionId) as { version_id: number } | undefined;
    if (!s) throw new ApiError('NIET_GEVONDEN', `Er is geen sectie met nummer ${sectionId}.`);
    return s.version_id;
  }

  /** Removes a section from whichever row of the pilot holds it; returns that row's id. */
  function unplace(pilot: number, sectionId: number): number | null {
    const at = db
      .prepare(
        `SELECT cs.cell_id, c.row_id FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id
          WHERE cs.section_id = ? AND r.pilot_id = ?`,
      )
      .get(sectionId, pilot) as { cell_id: number; row_id: number } | undefined;
    if (!at) return null;
    db.prepare('DELETE FROM alignment_cell_section WHERE cell_id = ? AND section_id = ?').run(at.cell_id, sectionId);
    return at.row_id;
  }

  function place(rowIdValue: number, versionId: number, sectionId: number, confidence: number | null): void {
    const cell = cellId(rowIdValue, versionId);
    const ordinal = (db.prepare('SELECT coalesce(max(ordinal), -1) + 1 AS n FROM alignment_cell_section WHERE cell_id = ?').get(cell) as { n: number }).n;
    db.prepare('INSERT INTO alignment_cell_section (cell_id, section_id, ordinal, confidence) VALUES (?, ?, ?, ?)').run(cell, sectionId, ordinal, confidence);
  }

  /** Sections of the given row, by version. */
  function rowSections(rowIdValue: number): Array<{ sectionId: number; versionId: number }> {
    return db
      .prepare('SELECT cs.section_id AS sectionId, c.version_id AS versionId FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id WHERE c.row_id = ?')
      .all(rowIdValue) as Array<{ sectionId: number; versionId: number }>;
  }

  function alignInput(pilot: number) {
    const versionIds = pilotVersionIds(pilot);
    const sectionStmt = db.prepare('SELECT id, version_id AS versionId, number, heading, text, kind, level, ordinal, parent_id AS parentId FROM section WHERE version_id = ? ORDER BY ordinal');
    const versions = versionIds.map((versionId) => ({ versionId, sections: sectionStmt.all(versionId) as AlignSection[] }));
    const placedSectionIds = (
      db
        .prepare(
          `SELECT cs.section_id FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id
            WHERE r.pilot_id = ? AND r.status = 'handmatig'`,
        )
        .all(pilot) as Array<{ section_id: number }>
    ).map((r) => r.section_id);
    const rejectedPairs = (db.prepare('SELECT section_a, section_b FROM alignment_rejection WHERE pilot_id = ?').all(pilot) as Array<{ section_a: number; section_b: number }>).map(
      (r) => [r.section_a, r.section_b] as [number, number],
    );
    return { versions, placedSectionIds, rejectedPairs };
  }

  return {
    grid(args: { pilotId: number }): AlignmentGrid {
      requirePilot(db, args.pilotId);
      return readGrid(db, args.pilotId);
    },

    /** Replaces the open proposals by a fresh one; accepted and hand-made rows stay as they are. */
    propose(args: { pilotId: number }): AlignmentGrid & { proposedRows: number } {
      return db
        .transaction(() => {
          requirePilot(db, args.pilotId);
          const input = alignInput(args.pilotId);
          if (input.versions.length < 2) throw new ApiError('CONFLICT', 'Voeg eerst minstens twee versies van standaarden aan de pilot toe; dan valt er iets uit te lijnen.');
          const replaced = (db.prepare("DELETE FROM alignment_row WHERE pilot_id = ? AND status = 'voorstel'").run(args.pilotId)).changes;
          const proposal = proposeAlignment(input);
          let ordinal = (db.prepare('SELECT coalesce(max(ordinal), -1) + 1 AS n FROM alignment_row WHERE pilot_id = ?').get(args.pilotId) as { n: number }).n;
          for (const proposed of proposal) {
            const id = insertRow(args.pilotId, proposed.theme, 'voorstel', proposed.confidence, ordinal++);
            for (const cell of proposed.cells) for (const s of cell.sections) place(id, cell.versionId, s.sectionId, s.confidence);
          }
          touchPilot(args.pilotId);
          audit(args.pilotId, 'voorstel uitlijning', { voorgesteldeRijen: proposal.length, vervangenVoorstellen: replaced });
          return { ...readGrid(db, args.pilotId), proposedRows: proposal.length };
        })
        .immediate();
    },

    accept(args: { rowId: number }): AlignmentGrid {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          if (row.status === 'handmatig') return readGrid(db, row.pilot_id);
          makeManual(row);
          audit(row.pilot_id, 'voorstel geaccepteerd', { rij: row.guid, thema: row.theme });
          return readGrid(db, row.pilot_id);
        })
        .immediate();
    },

    acceptAll(args: z.output<typeof alignmentSchemas.acceptAll>): AlignmentGrid & { accepted: number } {
      return db
        .transaction(() => {
          requirePilot(db, args.pilotId);
          const { changes } = db
            .prepare("UPDATE alignment_row SET status = 'handmatig', updated_at = ? WHERE pilot_id = ? AND status = 'voorstel' AND coalesce(confidence, 0) >= ?")
            .run(now(), args.pilotId, args.minConfidence);
          if (changes) audit(args.pilotId, 'voorstellen geaccepteerd', { aantal: changes, minimaleZekerheid: args.minConfidence });
          return { ...readGrid(db, args.pilotId), accepted: changes };
        })
        .immediate();
    },

    /** Drops a proposed row and remembers its pairs, so no later proposal puts them together again. */
    reject(args: { rowId: number }): AlignmentGrid {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          if (row.status !== 'voorstel') throw new ApiError('CONFLICT', 'Deze rij is al geaccepteerd of met de hand gemaakt. Haal secties eruit of verwijder de rij.');
          const sections = rowSections(row.id);
          const insert = db.prepare('INSERT OR IGNORE INTO alignment_rejection (pilot_id, section_a, section_b) VALUES (?, ?, ?)');
          for (const a of sections) for (const b of sections) if (a.versionId !== b.versionId && a.sectionId < b.sectionId) insert.run(row.pilot_id, a.sectionId, b.sectionId);
          db.prepare('DELETE FROM alignment_row WHERE id = ?').run(row.id);
          renumber(rowIds(row.pilot_id));
          audit(row.pilot_id, 'voorstel afgewezen', { rij: row.guid, thema: row.theme, secties: sections.map((s) => s.sectionId) });
          return readGrid(db, row.pilot_id);
        })
        .immediate();
    },

    createRow(args: z.output<typeof alignmentSchemas.createRow>): AlignmentGrid & { rowId: number } {
      return db
        .transaction(() => {
          requirePilot(db, args.pilotId);
          const ids = rowIds(args.pilotId);
          let at = ids.length;
          if (args.afterRowId != null) {
            const after = requireRow(args.afterRowId);
            if (after.pilot_id !== args.pilotId) throw new ApiError('NIET_GEVONDEN', 'Die rij hoort niet bij deze pilot.');
            at = ids.indexOf(after.id) + 1;
          }
          const id = insertRow(args.pilotId, args.theme, 'handmatig', null, ids.length);
          ids.splice(at, 0, id);
          renumber(ids);
          touchPilot(args.pilotId);
          audit(args.pilotId, 'rij toegevoegd', { thema: args.theme });
          return { ...readGrid(db, args.pilotId), rowId: id };
        })
        .immediate();
    },

    renameRow(args: z.output<typeof alignmentSchemas.renameRow>): AlignmentGrid {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          if (row.theme === args.theme) return readGrid(db, row.pilot_id);
          db.prepare("UPDATE alignment_row SET theme = ?, status = 'handmatig', updated_at = ? WHERE id = ?").run(args.theme, now(), row.id);
          audit(row.pilot_id, 'rij hernoemd', { rij: row.guid, van: row.theme, naar: args.theme });
          return readGrid(db, row.pilot_id);
        })
        .immediate();
    },

    moveRow(args: z.output<typeof alignmentSchemas.moveRow>): AlignmentGrid {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          const ids = rowIds(row.pilot_id).filter((id) => id !== row.id);
          ids.splice(Math.min(args.toIndex, ids.length), 0, row.id);
          renumber(ids);
          return readGrid(db, row.pilot_id);
        })
        .immediate();
    },

    /** A decided row, or one with comments, keeps its record: remove the decision first. */
    deleteRow(args: { rowId: number }): AlignmentGrid {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          if (row.decision) throw new ApiError('CONFLICT', `Bij "${row.theme}" is al een besluit genomen. Trek het besluit eerst in als de rij echt weg moet.`);
          const comments = (db.prepare('SELECT count(*) AS n FROM alignment_comment WHERE row_id = ?').get(row.id) as { n: number }).n;
          if (comments) throw new ApiError('CONFLICT', `Bij "${row.theme}" staan ${comments} ${comments === 1 ? 'opmerking' : 'opmerkingen'}. Voeg de rij samen met een andere in plaats van hem te verwijderen.`);
          const cells = db.prepare('SELECT version_id, classification, note FROM alignment_cell WHERE row_id = ? AND (classification IS NOT NULL OR note IS NOT NULL)').all(row.id);
          const sections = rowSections(row.id).map((s) => s.sectionId);
          db.prepare('DELETE FROM alignment_row WHERE id = ?').run(row.id);
          renumber(rowIds(row.pilot_id));
          audit(row.pilot_id, 'rij verwijderd', { rij: row.guid, thema: row.theme, secties: sections, cellen: cells });
          return readGrid(db, row.pilot_id);
        })
        .immediate();
    },

    /** Puts a section in a row (in its own version's cell), or takes it out of the grid (rowId null). */
    placeSection(args: z.output<typeof alignmentSchemas.placeSection>): AlignmentGrid {
      return db
        .transaction(() => {
          requirePilot(db, args.pilotId);
          const versionId = sectionVersion(args.sectionId);
          requireVersionInPilot(args.pilotId, versionId);
          const target = args.rowId === null ? null : requireRow(args.rowId);
          if (target && target.pilot_id !== args.pilotId) throw new ApiError('NIET_GEVONDEN', 'Die rij hoort niet bij deze pilot.');
          const from = unplace(args.pilotId, args.sectionId);
          if (from !== null) makeManual(requireRow(from));
          if (target) {
            place(target.id, versionId, args.sectionId, null);
            makeManual(target);
          }
          audit(args.pilotId, 'sectie geplaatst', { sectie: args.sectionId, vanRij: from, naarRij: target?.id ?? null });
          return readGrid(db, args.pilotId);
        })
        .immediate();
    },

    /** Moves the chosen sections of a row to a new row right below it. */
    splitRow(args: z.output<typeof alignmentSchemas.splitRow>): AlignmentGrid & { rowId: number } {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          const inRow = new Map(rowSections(row.id).map((s) => [s.sectionId, s.versionId]));
          const missing = args.sectionIds.filter((id) => !inRow.has(id));
          if (missing.length) throw new ApiError('CONFLICT', 'Niet alle gekozen secties staan in deze rij.');
          if (args.sectionIds.length === inRow.size) throw new ApiError('CONFLICT', 'Laat minstens één sectie in de oorspronkelijke rij staan.');
          const ids = rowIds(row.pilot_id);
          const id = insertRow(row.pilot_id, args.theme, 'handmatig', null, ids.length);
          ids.splice(ids.indexOf(row.id) + 1, 0, id);
          renumber(ids);
          for (const sectionId of args.sectionIds) {
            unplace(row.pilot_id, sectionId);
            place(id, inRow.get(sectionId) as number, sectionId, null);
          }
          makeManual(row);
          audit(row.pilot_id, 'rij gesplitst', { rij: row.guid, thema: row.theme, nieuwThema: args.theme, secties: args.sectionIds });
          return { ...readGrid(db, row.pilot_id), rowId: id };
        })
        .immediate();
    },

    /**
     * Merges a row into another: its sections, comments and notes move over. Classifications of the
     * target win; a differing classification of the merged row is kept in the cell note, so
     * nothing a person recorded disappears.
     */
    mergeRows(args: z.output<typeof alignmentSchemas.mergeRows>): AlignmentGrid {
      return db
        .transaction(() => {
          const source = requireRow(args.rowId);
          const target = requireRow(args.intoRowId);
          if (source.pilot_id !== target.pilot_id) throw new ApiError('CONFLICT', 'Rijen van verschillende pilots kunnen niet worden samengevoegd.');
          if (source.decision && target.decision) throw new ApiError('CONFLICT', `Beide rijen hebben een besluit. Trek er eerst één in ("${source.theme}" of "${target.theme}").`);
          for (const s of rowSections(source.id)) {
            unplace(source.pilot_id, s.sectionId);
            place(target.id, s.versionId, s.sectionId, null);
          }
          const sourceCells = db.prepare('SELECT version_id, classification, note FROM alignment_cell WHERE row_id = ?').all(source.id) as Array<{ version_id: number; classification: string | null; note: string | null }>;
          for (const c of sourceCells) {
            if (!c.classification && !c.note) continue;
            const into = cellId(target.id, c.version_id);
            const t = db.prepare('SELECT classification, note FROM alignment_cell WHERE id = ?').get(into) as { classification: string | null; note: string | null };
            const carried = [t.note, c.classification && t.classification && c.classification !== t.classification ? `Uit "${source.theme}": ${c.classification}` : null, c.note ? `Uit "${source.theme}": ${c.note}` : null]
              .filter(Boolean)
              .join('\n');
            db.prepare('UPDATE alignment_cell SET classification = coalesce(classification, ?), note = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(c.classification, carried || null, actor(), now(), into);
          }
          db.prepare('UPDATE alignment_comment SET row_id = ? WHERE row_id = ?').run(target.id, source.id);
          if (source.decision && !target.decision) {
            db.prepare(
              `UPDATE alignment_row SET decision = ?, decision_version_id = ?, decision_text = ?, decision_dissent = ?,
                      decided_by = (SELECT decided_by FROM alignment_row WHERE id = ?), decided_at = (SELECT decided_at FROM alignment_row WHERE id = ?) WHERE id = ?`,
            ).run(source.decision, source.decision_version_id, source.decision_text, source.decision_dissent, source.id, source.id, target.id);
          }
          db.prepare('DELETE FROM alignment_row WHERE id = ?').run(source.id);
          makeManual(target);
          renumber(rowIds(target.pilot_id));
          audit(target.pilot_id, 'rijen samengevoegd', { van: { rij: source.guid, thema: source.theme }, naar: { rij: target.guid, thema: target.theme } });
          return readGrid(db, target.pilot_id);
        })
        .immediate();
    },

    classify(args: z.output<typeof alignmentSchemas.classify>): AlignmentGrid {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          requireVersionInPilot(row.pilot_id, args.versionId);
          const id = cellId(row.id, args.versionId);
          const before = db.prepare('SELECT classification, note FROM alignment_cell WHERE id = ?').get(id) as { classification: string | null; note: string | null };
          const next = {
            classification: args.classification === undefined ? before.classification : args.classification,
            note: args.note === undefined ? before.note : args.note,
          };
          if (next.classification === before.classification && next.note === before.note) return readGrid(db, row.pilot_id);
          db.prepare('UPDATE alignment_cell SET classification = ?, note = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(next.classification, next.note, actor(), now(), id);
          makeManual(row);
          audit(row.pilot_id, 'cel ingedeeld', { rij: row.guid, thema: row.theme, versie: args.versionId, van: before, naar: next });
          return readGrid(db, row.pilot_id);
        })
        .immediate();
    },

    decide(args: z.output<typeof alignmentSchemas.decide>): AlignmentGrid {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          if (row.status === 'voorstel') throw new ApiError('CONFLICT', 'Accepteer of bewerk het voorstel eerst; over een voorstel wordt nog niet besloten.');
          const versionId = args.decision === 'overnemen' ? (args.versionId ?? null) : null;
          if (versionId !== null) requireVersionInPilot(row.pilot_id, versionId);
          const text = args.text ?? null;
          if (args.decision) {
            const refusal = decisionRefusal(args.decision, versionId, text);
            if (refusal) throw new ApiError('ONGELDIGE_INVOER', refusal, { [args.decision === 'overnemen' ? 'versionId' : 'text']: refusal });
          }
          const decided = args.decision ? { by: actor(), at: now() } : { by: null, at: null };
          db.prepare(
            `UPDATE alignment_row SET decision = ?, decision_version_id = ?, decision_text = ?, decision_dissent = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ?`,
          ).run(args.decision, versionId, args.decision ? text : null, args.decision ? (args.dissent ?? null) : null, decided.by, decided.at, now(), row.id);
          audit(row.pilot_id, args.decision ? 'besluit' : 'besluit ingetrokken', {
            rij: row.guid,
            thema: row.theme,
            van: row.decision ? { besluit: DECISION_LABEL[row.decision as (typeof DECISIONS)[number]], tekst: row.decision_text } : null,
            naar: args.decision ? { besluit: DECISION_LABEL[args.decision], versie: versionId, tekst: text, afwijkend: args.dissent ?? null } : null,
          });
          touchPilot(row.pilot_id);
          return readGrid(db, row.pilot_id);
        })
        .immediate();
    },

    comment(args: z.output<typeof alignmentSchemas.comment>): AlignmentGrid {
      return db
        .transaction(() => {
          const row = requireRow(args.rowId);
          db.prepare('INSERT INTO alignment_comment (guid, row_id, author, body, created_at) VALUES (?, ?, ?, ?, ?)').run(randomUUID(), row.id, actor(), args.body, now());
          // Talking about a row is working on it: a commented proposal becomes the group's row, so
          // running the proposal again (which replaces open proposals) cannot take the comment along.
          makeManual(row);
          audit(row.pilot_id, 'opmerking', { rij: row.guid, thema: row.theme, tekst: args.body });
          return readGrid(db, row.pilot_id);
        })
        .immediate();
    },

    deleteComment(args: { commentId: number }): AlignmentGrid {
      return db
        .transaction(() => {
          const c = db
            .prepare('SELECT c.id, c.author, c.body, r.pilot_id, r.guid FROM alignment_comment c JOIN alignment_row r ON r.id = c.row_id WHERE c.id = ?')
            .get(args.commentId) as { id: number; author: string; body: string; pilot_id: number; guid: string } | undefined;
          if (!c) throw new ApiError('NIET_GEVONDEN', `Er is geen opmerking met nummer ${args.commentId}.`);
          if (c.author !== actor()) throw new ApiError('GEEN_TOEGANG', `Deze opmerking is van ${c.author}; alleen de schrijver kan hem verwijderen.`);
          db.prepare('DELETE FROM alignment_comment WHERE id = ?').run(c.id);
          audit(c.pilot_id, 'opmerking verwijderd', { rij: c.guid, tekst: c.body });
          return readGrid(db, c.pilot_id);
        })
        .immediate();
    },
  };
}
