/**
 * Reading pilots and their alignment grid. Writes live in the services (pilots.ts, alignment.ts),
 * each inside its own transaction.
 */
import type { Perspective } from '../../common/lists.js';
import type { SectionKind, VersionStatus } from '../../common/document.js';
import type {
  AlignmentGrid,
  Classification,
  Decision,
  GridCell,
  GridRow,
  MemberRole,
  Pilot,
  PilotKind,
  PilotOrigin,
  PilotPhase,
  PilotProgress,
  PilotSummary,
  PilotVersion,
} from '../../common/pilots.js';
import type { Db } from '../open.js';

export interface PilotRow {
  id: number;
  guid: string;
  title: string;
  kinds: string;
  topic: string | null;
  origin: PilotOrigin;
  phase: PilotPhase;
  description: string | null;
  agreement_embedding: string | null;
  agreement_flexibility: string | null;
  evaluation_result: string | null;
  evaluation_learning: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export function getPilotRow(db: Db, id: number): PilotRow | null {
  return (db.prepare('SELECT * FROM pilot WHERE id = ?').get(id) as PilotRow | undefined) ?? null;
}

export function pilotProgress(db: Db, pilotId: number): PilotProgress {
  const rows = db
    .prepare(
      `SELECT count(*) AS rows,
              coalesce(sum(status = 'voorstel'), 0) AS proposed,
              coalesce(sum(decision IS NOT NULL), 0) AS decided,
              coalesce(sum(status = 'handmatig' AND decision IS NULL), 0) AS undecided
         FROM alignment_row WHERE pilot_id = ?`,
    )
    .get(pilotId) as { rows: number; proposed: number; decided: number; undecided: number };
  // A cell counts when it holds sections or has been classified (an empty, unclassified cell is
  // just the grid's shape, not work to do).
  const cells = db
    .prepare(
      `SELECT count(*) AS cells, coalesce(sum(c.classification IS NOT NULL), 0) AS classified
         FROM alignment_cell c JOIN alignment_row r ON r.id = c.row_id
        WHERE r.pilot_id = ? AND r.status = 'handmatig'
          AND (c.classification IS NOT NULL OR EXISTS (SELECT 1 FROM alignment_cell_section s WHERE s.cell_id = c.id))`,
    )
    .get(pilotId) as { cells: number; classified: number };
  return { ...rows, ...cells };
}

function summary(db: Db, row: PilotRow): PilotSummary {
  const counts = db
    .prepare('SELECT (SELECT count(*) FROM pilot_version WHERE pilot_id = ?) AS versions, (SELECT count(*) FROM pilot_member WHERE pilot_id = ?) AS members')
    .get(row.id, row.id) as { versions: number; members: number };
  return {
    id: row.id,
    guid: row.guid,
    title: row.title,
    kinds: JSON.parse(row.kinds) as PilotKind[],
    topic: row.topic,
    origin: row.origin,
    phase: row.phase,
    versionCount: counts.versions,
    memberCount: counts.members,
    progress: pilotProgress(db, row.id),
    updatedAt: row.updated_at,
  };
}

export function listPilots(db: Db): PilotSummary[] {
  const rows = db.prepare('SELECT * FROM pilot ORDER BY updated_at DESC, id DESC').all() as PilotRow[];
  return rows.map((r) => summary(db, r));
}

export function pilotVersions(db: Db, pilotId: number): PilotVersion[] {
  const rows = db
    .prepare(
      `SELECT v.id AS versionId, s.id AS standardId, s.title AS standardTitle, s.short_title AS standardShortTitle,
              s.owner_text AS owners, s.year_published AS yearPublished, v.label, v.status,
              (SELECT count(*) FROM section WHERE version_id = v.id) AS sectionCount
         FROM pilot_version pv
         JOIN document_version v ON v.id = pv.version_id
         JOIN standard s ON s.id = v.standard_id
        WHERE pv.pilot_id = ?
        ORDER BY pv.ordinal`,
    )
    .all(pilotId) as Array<PilotVersion & { status: VersionStatus }>;
  return rows;
}

export function getPilot(db: Db, id: number): Pilot | null {
  const row = getPilotRow(db, id);
  if (!row) return null;
  const members = db
    .prepare(
      `SELECT m.id, m.name, m.organisation_id AS organisationId,
              coalesce(o.name, m.organisation) AS organisation, m.perspective, m.role
         FROM pilot_member m LEFT JOIN organisation o ON o.id = m.organisation_id
        WHERE m.pilot_id = ? ORDER BY m.ordinal, m.id`,
    )
    .all(id) as Array<{ id: number; name: string; organisationId: string | null; organisation: string | null; perspective: Perspective; role: MemberRole }>;
  const reflections = (
    db.prepare('SELECT id, held_on, perspectives, notes, created_by FROM pilot_reflection WHERE pilot_id = ? ORDER BY held_on, id').all(id) as Array<{
      id: number;
      held_on: string;
      perspectives: string;
      notes: string | null;
      created_by: string;
    }>
  ).map((r) => ({ id: r.id, heldOn: r.held_on, perspectives: JSON.parse(r.perspectives) as Perspective[], notes: r.notes, createdBy: r.created_by }));
  return {
    ...summary(db, row),
    description: row.description,
    agreementEmbedding: row.agreement_embedding,
    agreementFlexibility: row.agreement_flexibility,
    evaluationResult: row.evaluation_result,
    evaluationLearning: row.evaluation_learning,
    createdAt: row.created_at,
    createdBy: row.created_by,
    members,
    versions: pilotVersions(db, id),
    reflections,
  };
}

interface RowRow {
  id: number;
  guid: string;
  ordinal: number;
  theme: string;
  status: 'voorstel' | 'handmatig';
  confidence: number | null;
  decision: Decision | null;
  decision_version_id: number | null;
  decision_text: string | null;
  decision_dissent: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

const EXCERPT_CHARS = 320;

const countWords = (text: string): number => (text.match(/\S+/g) ?? []).length;

export function readGrid(db: Db, pilotId: number): AlignmentGrid {
  const versions = pilotVersions(db, pilotId);
  const rows = db.prepare('SELECT * FROM alignment_row WHERE pilot_id = ? ORDER BY ordinal, id').all(pilotId) as RowRow[];
  const cells = db
    .prepare(
      `SELECT c.id, c.row_id, c.version_id, c.classification, c.note, c.updated_by
         FROM alignment_cell c JOIN alignment_row r ON r.id = c.row_id WHERE r.pilot_id = ?`,
    )
    .all(pilotId) as Array<{ id: number; row_id: number; version_id: number; classification: Classification | null; note: string | null; updated_by: string | null }>;
  const sections = db
    .prepare(
      `SELECT cs.cell_id, cs.confidence, s.id, s.number, s.heading, s.kind, s.text
         FROM alignment_cell_section cs
         JOIN alignment_cell c ON c.id = cs.cell_id
         JOIN alignment_row r ON r.id = c.row_id
         JOIN section s ON s.id = cs.section_id
        WHERE r.pilot_id = ?
        ORDER BY cs.cell_id, s.ordinal`,
    )
    .all(pilotId) as Array<{ cell_id: number; confidence: number | null; id: number; number: string | null; heading: string; kind: SectionKind; text: string }>;
  const comments = db
    .prepare(
      `SELECT c.id, c.row_id, c.author, c.body, c.created_at FROM alignment_comment c JOIN alignment_row r ON r.id = c.row_id
        WHERE r.pilot_id = ? ORDER BY c.created_at, c.id`,
    )
    .all(pilotId) as Array<{ id: number; row_id: number; author: string; body: string; created_at: string }>;

  const sectionsByCell = new Map<number, GridCell['sections']>();
  for (const s of sections) {
    const list = sectionsByCell.get(s.cell_id) ?? [];
    const excerpt = s.text.length > EXCERPT_CHARS ? `${s.text.slice(0, EXCERPT_CHARS).trimEnd()}…` : s.text;
    list.push({ sectionId: s.id, number: s.number, heading: s.heading, kind: s.kind, excerpt, wordCount: countWords(s.text), confidence: s.confidence });
    sectionsByCell.set(s.cell_id, list);
  }
  const cellByKey = new Map(cells.map((c) => [`${c.row_id}:${c.version_id}`, c]));
  const gridRows: GridRow[] = rows.map((r) => ({
    id: r.id,
    guid: r.guid,
    ordinal: r.ordinal,
    theme: r.theme,
    status: r.status,
    confidence: r.confidence,
    decision: r.decision,
    decisionVersionId: r.decision_version_id,
    decisionText: r.decision_text,
    decisionDissent: r.decision_dissent,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    cells: versions.map((v) => {
      const c = cellByKey.get(`${r.id}:${v.versionId}`);
      return c
        ? { id: c.id, versionId: v.versionId, classification: c.classification, note: c.note, updatedBy: c.updated_by, sections: sectionsByCell.get(c.id) ?? [] }
        : { id: 0, versionId: v.versionId, classification: null, note: null, updatedBy: null, sections: [] };
    }),
    comments: comments.filter((c) => c.row_id === r.id).map((c) => ({ id: c.id, author: c.author, body: c.body, createdAt: c.created_at })),
  }));

  const unplacedRows = db
    .prepare(
      `SELECT s.version_id, s.id, s.number, s.heading, s.kind, s.text
         FROM pilot_version pv JOIN section s ON s.version_id = pv.version_id
        WHERE pv.pilot_id = ?
          AND NOT EXISTS (SELECT 1 FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id
                           WHERE cs.section_id = s.id AND r.pilot_id = pv.pilot_id)
        ORDER BY pv.ordinal, s.ordinal`,
    )
    .all(pilotId) as Array<{ version_id: number; id: number; number: string | null; heading: string; kind: SectionKind; text: string }>;
  const unplaced = versions.map((v) => ({
    versionId: v.versionId,
    sections: unplacedRows
      .filter((s) => s.version_id === v.versionId)
      .map((s) => ({ sectionId: s.id, number: s.number, heading: s.heading, kind: s.kind, wordCount: countWords(s.text) })),
  }));
  return { pilotId, versions, rows: gridRows, progress: pilotProgress(db, pilotId), unplaced };
}
