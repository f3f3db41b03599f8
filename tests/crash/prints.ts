/**
 * Reading the working group's data from a database in the prints of protocol.ts: the kill -9 test
 * compares these with its model, and the crash writer reads what a merge brought in with them (so
 * the writer's ack and the test's settling of a cut-off merge read it the same way).
 */
import type { Db } from '../../db/open.js';
import type { AnswerPrint, GridPrint, GridRowPrint, MergedPrint, OutlineEntry, ReviewCommentPrint } from './protocol.js';

type Cell = GridRowPrint['cells'][number];

const all = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const one = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined;

export const hasContent = (c: Cell) => c[1] !== null || c[2] !== null || c[3].length > 0;

/** Every pilot's grid, in the writer's print (see printGrid in workgroup-writes.ts). */
export function storedGrids(db: Db): Map<number, GridPrint> {
  const grids = new Map<number, GridPrint>();
  for (const p of all<{ id: number }>(db, 'SELECT id FROM pilot ORDER BY id')) grids.set(p.id, []);
  const rows = new Map<number, GridRowPrint>();
  for (const r of all<{ id: number; pilot_id: number; guid: string; theme: string; status: 'voorstel' | 'handmatig'; confidence: number | null; decision: string | null; decision_version_id: number | null; decision_text: string | null; decision_dissent: string | null }>(
    db,
    'SELECT id, pilot_id, guid, theme, status, confidence, decision, decision_version_id, decision_text, decision_dissent FROM alignment_row ORDER BY pilot_id, ordinal, id',
  )) {
    const row: GridRowPrint = {
      id: r.id,
      guid: r.guid,
      theme: r.theme,
      status: r.status,
      confidence: r.confidence,
      decision: r.decision,
      decisionVersionId: r.decision_version_id,
      decisionText: r.decision_text,
      dissent: r.decision_dissent,
      cells: [],
      comments: [],
    };
    rows.set(r.id, row);
    grids.get(r.pilot_id)?.push(row);
  }
  const sectionsOf = new Map<number, number[]>();
  for (const s of all<{ cell_id: number; section_id: number }>(db, 'SELECT cell_id, section_id FROM alignment_cell_section ORDER BY cell_id, section_id')) {
    sectionsOf.set(s.cell_id, [...(sectionsOf.get(s.cell_id) ?? []), s.section_id]);
  }
  for (const c of all<{ id: number; row_id: number; version_id: number; classification: string | null; note: string | null }>(db, 'SELECT id, row_id, version_id, classification, note FROM alignment_cell ORDER BY row_id, version_id')) {
    const cell: Cell = [c.version_id, c.classification, c.note, sectionsOf.get(c.id) ?? []];
    if (hasContent(cell)) rows.get(c.row_id)?.cells.push(cell);
  }
  for (const c of all<{ id: number; row_id: number; body: string }>(db, 'SELECT id, row_id, body FROM alignment_comment ORDER BY created_at, id')) rows.get(c.row_id)?.comments.push([c.id, c.body]);
  return grids;
}

export const pilotVersions = (db: Db, pilotId: number) => all<{ version_id: number }>(db, 'SELECT version_id FROM pilot_version WHERE pilot_id = ? ORDER BY ordinal', pilotId).map((r) => r.version_id);

export const outlineIn = (db: Db, versionId: number): OutlineEntry[] =>
  all<{ id: number; heading: string }>(db, 'SELECT id, heading FROM section WHERE version_id = ? ORDER BY ordinal', versionId).map((s) => [s.id, s.heading]);

/** The versions a merge copied in: each has its 'overgenomen bij samenvoegen' audit entry. */
export const mergedVersionIds = (db: Db): number[] =>
  all<{ entity_id: string }>(db, "SELECT entity_id FROM audit_log WHERE entity = 'document_version' AND action = 'overgenomen bij samenvoegen' ORDER BY id").map((r) => Number(r.entity_id));

export function reviewCommentsOf(db: Db, roundId: number): ReviewCommentPrint[] {
  return all<{ id: number; nr: number; invitation_id: number; body: string; section_id: number | null; start_offset: number | null; end_offset: number | null; quote: string | null }>(
    db,
    'SELECT id, nr, invitation_id, body, section_id, start_offset, end_offset, quote FROM review_comment WHERE round_id = ? ORDER BY nr',
    roundId,
  ).map((c) => ({
    id: c.id,
    roundId,
    nr: c.nr,
    invitationId: c.invitation_id,
    body: c.body,
    // A passage a split cut through keeps its quote, without section or offsets (-1 here).
    span: c.quote === null ? null : { sectionId: c.section_id ?? -1, start: c.start_offset ?? -1, end: c.end_offset ?? -1, quote: c.quote },
    sectionId: c.section_id,
  }));
}

/**
 * What a merge brought in: the given versions with their outlines, the pilot and the review round
 * with these guids, with everything on them (null when not there).
 */
export function readMerged(db: Db, versionIds: number[], pilotGuid: string, roundGuid: string): MergedPrint {
  const versions = versionIds.map((id) => {
    const v = one<{ standard_id: string; label: string }>(db, 'SELECT standard_id, label FROM document_version WHERE id = ?', id);
    return { id, standardId: v?.standard_id ?? '?', label: v?.label ?? '?', outline: outlineIn(db, id) };
  });
  const p = one<{ id: number; title: string }>(db, 'SELECT id, title FROM pilot WHERE guid = ?', pilotGuid);
  const pilot = p ? { id: p.id, guid: pilotGuid, title: p.title, versions: pilotVersions(db, p.id), grid: storedGrids(db).get(p.id) ?? [] } : null;
  const r = one<{ id: number; title: string; version_id: number | null }>(db, 'SELECT id, title, version_id FROM review_round WHERE guid = ?', roundGuid);
  const round = r
    ? {
        id: r.id,
        guid: roundGuid,
        title: r.title,
        versionId: r.version_id,
        invitations: all<{ id: number; name: string }>(db, 'SELECT id, name FROM review_invitation WHERE round_id = ? ORDER BY id', r.id).map((i): [number, string] => [i.id, i.name]),
        comments: reviewCommentsOf(db, r.id),
        answers: all<{ comment_id: number; response: string; disposition: string; motivation: string | null; change_text: string | null }>(
          db,
          'SELECT a.comment_id, a.response, a.disposition, a.motivation, a.change_text FROM review_response a JOIN review_comment c ON c.id = a.comment_id WHERE c.round_id = ? ORDER BY c.nr',
          r.id,
        ).map((a): AnswerPrint => ({ commentId: a.comment_id, response: a.response, disposition: a.disposition, motivation: a.motivation, change: a.change_text })),
      }
    : null;
  return { versions, pilot, round };
}

/**
 * A merged print without the ids that differ between two workspaces (versions by standard and
 * label, sections by heading): what the colleague made and what arrived must be equal in this.
 */
export function mergedContent(print: MergedPrint): unknown {
  const version = new Map(print.versions.map((v) => [v.id, `${v.standardId} ${v.label}`]));
  const heading = new Map(print.versions.flatMap((v) => v.outline.map(([id, h]): [number, string] => [id, h])));
  const invitation = new Map(print.round?.invitations ?? []);
  const byComment = new Map((print.round?.comments ?? []).map((c) => [c.id, c.nr]));
  return {
    versions: print.versions.map((v) => [version.get(v.id), v.outline.map(([, h]) => h)]).sort(),
    pilot: print.pilot && {
      title: print.pilot.title,
      versions: print.pilot.versions.map((id) => version.get(id) ?? `? ${id}`),
      rows: print.pilot.grid.map((r) => ({
        ...r,
        id: undefined,
        decisionVersionId: r.decisionVersionId === null ? null : (version.get(r.decisionVersionId) ?? `? ${r.decisionVersionId}`),
        cells: r.cells.map(([v, classification, note, sections]) => [version.get(v) ?? `? ${v}`, classification, note, sections.map((s) => heading.get(s) ?? `? ${s}`)]),
        comments: r.comments.map(([, body]) => body),
      })),
    },
    round: print.round && {
      title: print.round.title,
      version: print.round.versionId === null ? null : (version.get(print.round.versionId) ?? `? ${print.round.versionId}`),
      invitations: print.round.invitations.map(([, name]) => name).sort(),
      comments: print.round.comments.map((c) => ({ ...c, id: undefined, roundId: undefined, invitationId: invitation.get(c.invitationId), sectionId: c.sectionId === null ? null : heading.get(c.sectionId), span: c.span && { ...c.span, sectionId: heading.get(c.span.sectionId) } })),
      answers: print.round.answers.map((a) => ({ ...a, commentId: byComment.get(a.commentId) })),
    },
  };
}
