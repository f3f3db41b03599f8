/**
 * The kill -9 test's model of the working group's writes (tests/crash/workgroup-writes.ts make
 * them): what the acknowledged writes say must be stored, how to tell from the database whether
 * the cut-off last write happened (completely), and the checks. Used by tests/unit/crash-kill.test.ts.
 *
 * The model does not take the service's answer on trust: it derives each grid from the previous
 * one and the write (a classification changes one cell and makes its row manual, and nothing else),
 * and compares the answer with that. Only a proposal's new rows come from the answer (or, for a
 * cut-off one, from the database), and those are checked against the aligner run again on the same
 * input: every row and cell of the proposal, or none of it.
 */
import { DECISION_LABEL, type Decision } from '../../common/pilots.js';
import type { Db } from '../../db/open.js';
import { proposeAlignment, type AlignSection } from '../../electron/services/align/index.js';
import { hasContent, pilotVersions, storedGrids } from './prints.js';
import type { GridPrint, GridRowPrint, MergedPrint, SpanPrint, WorkAck, WorkIntent } from './protocol.js';

type WorkOp = WorkIntent['op'];
type Cell = GridRowPrint['cells'][number];

/** The entities whose audit entries this model accounts for, one for one. */
export const WORK_ENTITIES = ['pilot', 'review_round', 'review_comment', 'bdl_list', 'bdl_item', 'voting_round'] as const;

interface Expected {
  action: string;
  /** The details the entry must have (other keys may be there too). */
  details: Record<string, unknown>;
}

export interface WorkModel {
  pilots: Map<number, { title: string; versions: number[]; grid: GridPrint }>;
  rounds: Map<number, { title: string; versionId: number; invitations: Array<[id: number, name: string]> }>;
  /**
   * A comment's passage as written; `moved` once a split or merge of its section moved it (the
   * passage then follows its words to another section or offsets, or is let go when a split cut
   * through it: section-followers.ts), so only its quote is known exactly.
   */
  comments: Map<number, { roundId: number; nr: number; invitationId: number; body: string; span: SpanPrint | null; sectionId: number | null; moved: boolean }>;
  answers: Map<number, { response: string; disposition: string; motivation: string | null; change: string | null }>;
  lists: Map<number, { title: string; versionLabel: string }>;
  items: Map<number, { listId: number; category: string; ordinal: number; statement: string }>;
  votingRounds: Map<number, { listId: number; number: number; title: string; itemIds: number[] }>;
  votes: Map<string, { roundId: number; itemId: number; delegate: string; perspective: string; vote: string; comment: string }>;
  /** Per "entity/entityId", the audit entries in the order the writes were made. */
  audit: Map<string, Expected[]>;
  counts: Record<WorkOp, number>;
}

export const newWorkModel = (): WorkModel => ({
  pilots: new Map(),
  rounds: new Map(),
  comments: new Map(),
  answers: new Map(),
  lists: new Map(),
  items: new Map(),
  votingRounds: new Map(),
  votes: new Map(),
  audit: new Map(),
  counts: { pilot: 0, scope: 0, propose: 0, classify: 0, decide: 0, comment: 0, round: 0, rcomment: 0, answer: 0, list: 0, item: 0, vround: 0, vote: 0 },
});

const all = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const one = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined;
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
/** JSON with object keys sorted, so two values compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
const short = (value: unknown) => {
  const text = canonical(value);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
};
/** Where two grids differ: the row order, and the first few rows that are not the same; null when equal. */
function gridDiff(got: GridPrint, expected: GridPrint): string | null {
  if (same(got, expected)) return null;
  const g = new Map(got.map((r) => [r.id, r]));
  const e = new Map(expected.map((r) => [r.id, r]));
  const rows = [...new Set([...g.keys(), ...e.keys()])].filter((id) => !same(g.get(id), e.get(id)));
  return (
    `${rows.length} of ${expected.length} rows differ (order ${short(got.map((r) => r.id))} vs ${short(expected.map((r) => r.id))}); ` +
    rows
      .slice(0, 3)
      .map((id) => `row ${id}: ${short(g.get(id) ?? null)}, expected ${short(e.get(id) ?? null)}`)
      .join('; ')
  );
}

const voteKey = (roundId: number, itemId: number, delegate: string) => `${roundId}:${itemId}:${delegate}`;

function expectAudit(model: WorkModel, entity: (typeof WORK_ENTITIES)[number], id: number, action: string, details: Record<string, unknown>): void {
  const key = `${entity}/${id}`;
  model.audit.set(key, [...(model.audit.get(key) ?? []), { action, details }]);
}
const auditCount = (model: WorkModel, entity: string, id: number, action: string) => (model.audit.get(`${entity}/${id}`) ?? []).filter((e) => e.action === action).length;

// ---------------------------------------------------------------------------------------------
// Grids: what each write does to the one before.

function withRow(grid: GridPrint, rowId: number, change: (row: GridRowPrint) => GridRowPrint): GridPrint {
  return grid.map((r) => (r.id === rowId ? change(r) : r));
}

function classified(grid: GridPrint, a: { rowId: number; versionId: number; classification: string; note: string }): GridPrint {
  return withRow(grid, a.rowId, (r) => {
    const old = r.cells.find((c) => c[0] === a.versionId);
    const cell: Cell = [a.versionId, a.classification, a.note, old?.[3] ?? []];
    return { ...r, status: 'handmatig', cells: [...r.cells.filter((c) => c[0] !== a.versionId), cell].sort((x, y) => x[0] - y[0]) };
  });
}

function decided(grid: GridPrint, a: { rowId: number; decision: string; versionId: number | null; text: string; dissent: string | null }): GridPrint {
  return withRow(grid, a.rowId, (r) => ({ ...r, decision: a.decision, decisionVersionId: a.decision === 'overnemen' ? a.versionId : null, decisionText: a.text, dissent: a.dissent }));
}

/** A comment makes a proposal the group's row (so a new proposal cannot take it along). */
function commented(grid: GridPrint, a: { rowId: number; body: string }, commentId: number): GridPrint {
  return withRow(grid, a.rowId, (r) => ({ ...r, status: 'handmatig', comments: [...r.comments, [commentId, a.body]] }));
}

/** setVersions: the cells of the versions taken out go (rows stay). */
function scoped(grid: GridPrint, to: number[]): GridPrint {
  return grid.map((r) => ({ ...r, cells: r.cells.filter((c) => to.includes(c[0])) }));
}

/** A proposal replaces the open proposals; accepted and hand-made rows stay, the new ones follow. */
function proposed(grid: GridPrint, newRows: GridPrint): GridPrint {
  return [...grid.filter((r) => r.status === 'handmatig'), ...newRows];
}

const byId = (a: number, b: number) => a - b;

/** sections.split cut `sectionId` in two, `newId` the tail: a cell that held the section holds both parts. */
export function sectionSplit(model: WorkModel, sectionId: number, newId: number): void {
  for (const pilot of model.pilots.values()) {
    pilot.grid = pilot.grid.map((r) => ({ ...r, cells: r.cells.map((c): Cell => (c[3].includes(sectionId) ? [c[0], c[1], c[2], [...c[3], newId].sort(byId)] : c)) }));
  }
  for (const c of model.comments.values()) if (c.sectionId === sectionId) c.moved = true;
}

/**
 * sections.mergeWithPrevious appended `sectionId` to `intoId`: a cell that held it holds `intoId`
 * instead, unless that one is already in a row of the pilot; comments on it move along.
 */
export function sectionMerged(model: WorkModel, sectionId: number, intoId: number): void {
  for (const pilot of model.pilots.values()) {
    const placed = pilot.grid.some((r) => r.cells.some((c) => c[3].includes(intoId)));
    pilot.grid = pilot.grid.map((r) => ({
      ...r,
      cells: r.cells
        .map((c): Cell => (c[3].includes(sectionId) ? [c[0], c[1], c[2], [...c[3].filter((id) => id !== sectionId), ...(placed ? [] : [intoId])].sort(byId)] : c))
        .filter(hasContent),
    }));
  }
  for (const c of model.comments.values()) {
    if (c.sectionId !== sectionId) continue;
    c.sectionId = intoId;
    c.moved = true;
  }
}

// ---------------------------------------------------------------------------------------------
// Acknowledged writes.

/**
 * Folds an acknowledged (or settled) write into the model. Returns the ways the service's answer
 * differs from what the write should have done (empty when it answered as expected).
 */
export function applyWorkAck(model: WorkModel, ack: WorkAck): string[] {
  const problems: string[] = [];
  const differs = (what: string, got: unknown, expected: unknown) => {
    if (same(got, expected)) return;
    const grids = what === 'grid' ? gridDiff(got as GridPrint, expected as GridPrint) : null;
    problems.push(grids ? `${ack.op}: the answer's grid: ${grids}` : `${ack.op}: ${what} ${short(got)}, expected ${short(expected)}`);
  };
  model.counts[ack.op]++;
  const pilotOf = (id: number) => {
    const pilot = model.pilots.get(id);
    if (!pilot) problems.push(`${ack.op} on pilot ${id}, which the model does not know`);
    return pilot ?? { title: '', versions: [], grid: [] };
  };
  switch (ack.op) {
    case 'pilot':
      model.pilots.set(ack.pilotId, { title: ack.title, versions: [], grid: [] });
      expectAudit(model, 'pilot', ack.pilotId, 'aangemaakt', { titel: ack.title });
      break;
    case 'scope': {
      const pilot = pilotOf(ack.pilotId);
      differs('versions before', ack.from, pilot.versions);
      pilot.versions = ack.to;
      pilot.grid = scoped(pilot.grid, ack.to);
      differs('grid', ack.grid, pilot.grid);
      expectAudit(model, 'pilot', ack.pilotId, 'versies', { van: ack.from, naar: ack.to });
      break;
    }
    case 'propose': {
      const pilot = pilotOf(ack.pilotId);
      const before = new Set(pilot.grid.map((r) => r.id));
      const newRows = ack.grid.filter((r) => r.status === 'voorstel');
      if (newRows.some((r) => before.has(r.id))) problems.push(`propose kept proposed rows ${newRows.filter((r) => before.has(r.id)).map((r) => r.id)}`);
      if (newRows.length !== ack.proposedRows) problems.push(`propose answered proposedRows ${ack.proposedRows} with ${newRows.length} proposed rows in its grid`);
      const replaced = pilot.grid.filter((r) => r.status === 'voorstel').length;
      pilot.grid = proposed(pilot.grid, newRows);
      differs('grid', ack.grid, pilot.grid);
      expectAudit(model, 'pilot', ack.pilotId, 'voorstel uitlijning', { voorgesteldeRijen: newRows.length, vervangenVoorstellen: replaced });
      break;
    }
    case 'classify': {
      const pilot = pilotOf(ack.pilotId);
      const row = pilot.grid.find((r) => r.id === ack.rowId);
      const old = row?.cells.find((c) => c[0] === ack.versionId);
      pilot.grid = classified(pilot.grid, ack);
      differs('grid', ack.grid, pilot.grid);
      expectAudit(model, 'pilot', ack.pilotId, 'cel ingedeeld', {
        rij: row?.guid,
        thema: row?.theme,
        versie: ack.versionId,
        van: { classification: old?.[1] ?? null, note: old?.[2] ?? null },
        naar: { classification: ack.classification, note: ack.note },
      });
      break;
    }
    case 'decide': {
      const pilot = pilotOf(ack.pilotId);
      const row = pilot.grid.find((r) => r.id === ack.rowId);
      pilot.grid = decided(pilot.grid, ack);
      differs('grid', ack.grid, pilot.grid);
      expectAudit(model, 'pilot', ack.pilotId, 'besluit', {
        rij: row?.guid,
        thema: row?.theme,
        van: row?.decision ? { besluit: DECISION_LABEL[row.decision as Decision], tekst: row.decisionText } : null,
        naar: { besluit: DECISION_LABEL[ack.decision as Decision], versie: ack.decision === 'overnemen' ? ack.versionId : null, tekst: ack.text, afwijkend: ack.dissent },
      });
      break;
    }
    case 'comment': {
      const pilot = pilotOf(ack.pilotId);
      const row = pilot.grid.find((r) => r.id === ack.rowId);
      pilot.grid = commented(pilot.grid, ack, ack.commentId);
      differs('grid', ack.grid, pilot.grid);
      expectAudit(model, 'pilot', ack.pilotId, 'opmerking', { rij: row?.guid, thema: row?.theme, tekst: ack.body });
      break;
    }
    case 'round':
      model.rounds.set(ack.roundId, { title: ack.title, versionId: ack.versionId, invitations: ack.invitations });
      expectAudit(model, 'review_round', ack.roundId, 'aangemaakt', { titel: ack.title, versie: ack.versionId, organisaties: ack.invitations.length });
      break;
    case 'rcomment': {
      const round = model.rounds.get(ack.roundId);
      if (!round) problems.push(`rcomment in round ${ack.roundId}, which the model does not know`);
      else if (!round.invitations.some(([id]) => id === ack.invitation[0])) round.invitations.push(ack.invitation);
      const last = Math.max(0, ...[...model.comments.values()].filter((c) => c.roundId === ack.roundId).map((c) => c.nr));
      if (ack.nr !== last + 1) problems.push(`rcomment got nr ${ack.nr}, the round's last was ${last}`);
      model.comments.set(ack.commentId, { roundId: ack.roundId, nr: ack.nr, invitationId: ack.invitation[0], body: ack.body, span: ack.span, sectionId: ack.span?.sectionId ?? null, moved: false });
      expectAudit(model, 'review_comment', ack.commentId, 'aangemaakt', { ronde: ack.roundId, nr: ack.nr, sectie: ack.span?.sectionId ?? null });
      break;
    }
    case 'answer': {
      const comment = model.comments.get(ack.commentId);
      if (!comment) problems.push(`answer to comment ${ack.commentId}, which the model does not know`);
      const before = model.answers.get(ack.commentId);
      model.answers.set(ack.commentId, { response: ack.response, disposition: ack.disposition, motivation: ack.motivation, change: ack.change });
      expectAudit(model, 'review_comment', ack.commentId, before ? 'antwoord gewijzigd' : 'beantwoord', {
        ronde: comment?.roundId,
        nr: comment?.nr,
        besluit: ack.disposition,
        ...(before ? { eerder: { reactie: before.response, besluit: before.disposition, motivering: before.motivation, wijziging: before.change } } : {}),
      });
      break;
    }
    case 'list':
      model.lists.set(ack.listId, { title: ack.title, versionLabel: ack.versionLabel });
      expectAudit(model, 'bdl_list', ack.listId, 'aangemaakt', { titel: ack.title, versie: ack.versionLabel });
      break;
    case 'item': {
      const inGroup = [...model.items.values()].filter((i) => i.listId === ack.listId && i.category === ack.category).length;
      if (ack.ordinal !== inGroup) problems.push(`item ${ack.itemId} got position ${ack.ordinal} in a group of ${inGroup}`);
      model.items.set(ack.itemId, { listId: ack.listId, category: ack.category, ordinal: ack.ordinal, statement: ack.statement });
      expectAudit(model, 'bdl_item', ack.itemId, 'aangemaakt', { lijst: ack.listId, categorie: ack.category, stelling: ack.statement });
      break;
    }
    case 'vround': {
      differs('items of the new round', ack.itemIds, itemsInPlay(model, ack.listId));
      const number = [...model.votingRounds.values()].filter((r) => r.listId === ack.listId).length + 1;
      if (ack.number !== number) problems.push(`voting round ${ack.roundId} got number ${ack.number}, expected ${number}`);
      model.votingRounds.set(ack.roundId, { listId: ack.listId, number: ack.number, title: ack.title, itemIds: ack.itemIds });
      expectAudit(model, 'voting_round', ack.roundId, 'aangemaakt', { lijst: ack.listId, nummer: ack.number, items: ack.itemIds });
      break;
    }
    case 'vote':
      model.votes.set(voteKey(ack.roundId, ack.itemId, ack.delegate), { roundId: ack.roundId, itemId: ack.itemId, delegate: ack.delegate, perspective: ack.perspective, vote: ack.vote, comment: ack.comment });
      expectAudit(model, 'voting_round', ack.roundId, 'stem', { item: ack.itemId, afgevaardigde: ack.delegate, perspectief: ack.perspective, stem: ack.vote });
      break;
  }
  return problems;
}

/**
 * What a merge of a colleague's file brought in becomes part of the model as it arrived (the test
 * compares it with what the colleague made); the merge writes no audit entries for these.
 */
export function absorbMerged(model: WorkModel, merged: MergedPrint): void {
  if (merged.pilot) model.pilots.set(merged.pilot.id, { title: merged.pilot.title, versions: merged.pilot.versions, grid: merged.pilot.grid });
  if (merged.round) {
    const { id: roundId, title, versionId, invitations, comments, answers } = merged.round;
    model.rounds.set(roundId, { title, versionId: versionId ?? -1, invitations });
    for (const { id, ...c } of comments) model.comments.set(id, { ...c, moved: c.sectionId === null });
    for (const { commentId, ...a } of answers) model.answers.set(commentId, a);
  }
}

/** The items a new voting round starts with: all of the list (none is 'vervallen' here), in list order. */
function itemsInPlay(model: WorkModel, listId: number): number[] {
  return [...model.items.entries()]
    .filter(([, i]) => i.listId === listId)
    .sort(([ia, a], [ib, b]) => (a.category < b.category ? -1 : a.category > b.category ? 1 : a.ordinal - b.ordinal || ia - ib))
    .map(([id]) => id);
}

/**
 * The aligner run again on the pilot's input as the database has it now (alignment.ts's
 * alignInput): after a proposal that input is what it was before it, as a proposal changes
 * neither the sections, nor the manual rows, nor the rejections.
 */
function proposalNow(db: Db, pilotId: number) {
  const versions = pilotVersions(db, pilotId).map((versionId) => ({
    versionId,
    sections: all<AlignSection>(db, 'SELECT id, version_id AS versionId, number, heading, text, kind, level, ordinal, parent_id AS parentId FROM section WHERE version_id = ? ORDER BY ordinal', versionId),
  }));
  const placedSectionIds = all<{ section_id: number }>(
    db,
    `SELECT cs.section_id FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id
      WHERE r.pilot_id = ? AND r.status = 'handmatig'`,
    pilotId,
  ).map((r) => r.section_id);
  const rejectedPairs = all<{ a: number; b: number }>(db, 'SELECT section_a AS a, section_b AS b FROM alignment_rejection WHERE pilot_id = ?', pilotId).map((r): [number, number] => [r.a, r.b]);
  return proposeAlignment({ versions, placedSectionIds, rejectedPairs });
}

/** The stored proposed rows of a pilot against a fresh run of the aligner: theme, confidence, every section of every cell. */
function checkProposal(db: Db, pilotId: number, fail: (message: string) => void): void {
  const expected = proposalNow(db, pilotId).map((row) => ({
    theme: row.theme,
    confidence: row.confidence,
    sections: row.cells.flatMap((c) => c.sections.map((s) => [c.versionId, s.sectionId, s.confidence])).sort((x, y) => (x[1] as number) - (y[1] as number)),
  }));
  const stored = all<{ id: number; theme: string; confidence: number | null }>(db, "SELECT id, theme, confidence FROM alignment_row WHERE pilot_id = ? AND status = 'voorstel' ORDER BY ordinal, id", pilotId).map((r) => ({
    theme: r.theme,
    confidence: r.confidence,
    sections: all<{ version_id: number; section_id: number; confidence: number | null }>(
      db,
      'SELECT c.version_id, cs.section_id, cs.confidence FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id WHERE c.row_id = ? ORDER BY cs.section_id',
      r.id,
    ).map((s) => [s.version_id, s.section_id, s.confidence]),
  }));
  if (!same(stored, expected)) fail(`pilot ${pilotId}: ${stored.length} proposed rows stored, the aligner proposes ${expected.length}; stored ${short(stored)}, expected ${short(expected)}`);
}

// ---------------------------------------------------------------------------------------------
// The cut-off write.

/**
 * Decides from the database whether the cut-off write happened; if it did, checks that all of it
 * is there and folds it into the model. `fail` records what is wrong.
 */
export function settleWork(db: Db, model: WorkModel, intent: WorkIntent, fail: (message: string) => void): boolean {
  const fold = (ack: WorkAck) => {
    for (const problem of applyWorkAck(model, ack)) fail(problem);
    return true;
  };
  const unique = <T>(rows: T[], what: string): T | undefined => {
    if (rows.length > 1) fail(`${rows.length} ${what}`);
    return rows[0];
  };
  const gridOf = (pilotId: number) => model.pilots.get(pilotId)?.grid ?? [];
  switch (intent.op) {
    case 'pilot': {
      const row = unique(all<{ id: number }>(db, 'SELECT id FROM pilot WHERE title = ?', intent.title), `pilots titled ${intent.title}`);
      return row ? fold({ op: 'pilot', pilotId: row.id, title: intent.title }) : false;
    }
    case 'scope': {
      const stored = pilotVersions(db, intent.pilotId);
      if (same(stored, intent.from)) return false;
      if (!same(stored, intent.to)) fail(`pilot ${intent.pilotId} has versions ${short(stored)}: neither ${short(intent.from)} nor ${short(intent.to)}`);
      return fold({ op: 'scope', pilotId: intent.pilotId, from: intent.from, to: intent.to, grid: scoped(gridOf(intent.pilotId), intent.to) });
    }
    case 'propose': {
      const stored = storedGrids(db).get(intent.pilotId) ?? [];
      const newRows = stored.filter((r) => r.status === 'voorstel');
      const oldIds = gridOf(intent.pilotId).filter((r) => r.status === 'voorstel').map((r) => r.id);
      const audited = (one<{ n: number }>(db, "SELECT count(*) AS n FROM audit_log WHERE entity = 'pilot' AND entity_id = ? AND action = 'voorstel uitlijning'", String(intent.pilotId))?.n ?? 0) > auditCount(model, 'pilot', intent.pilotId, 'voorstel uitlijning');
      if (!audited && same(newRows.map((r) => r.id), oldIds)) return false;
      checkProposal(db, intent.pilotId, fail);
      return fold({ op: 'propose', pilotId: intent.pilotId, proposedRows: newRows.length, grid: proposed(gridOf(intent.pilotId), newRows) });
    }
    case 'classify': {
      const cell = one<{ classification: string | null; note: string | null }>(db, 'SELECT classification, note FROM alignment_cell WHERE row_id = ? AND version_id = ?', intent.rowId, intent.versionId);
      if (cell?.note !== intent.note) return false;
      if (cell.classification !== intent.classification) fail(`cell (${intent.rowId}, ${intent.versionId}) has the note but classification ${cell.classification}`);
      return fold({ ...intent, grid: classified(gridOf(intent.pilotId), intent) });
    }
    case 'decide': {
      const row = one<{ decision: string | null; decision_text: string | null }>(db, 'SELECT decision, decision_text FROM alignment_row WHERE id = ?', intent.rowId);
      if (row?.decision_text !== intent.text) return false;
      if (row.decision !== intent.decision) fail(`row ${intent.rowId} has the decision's text but decision ${row.decision}`);
      return fold({ ...intent, grid: decided(gridOf(intent.pilotId), intent) });
    }
    case 'comment': {
      const c = unique(all<{ id: number; row_id: number }>(db, 'SELECT id, row_id FROM alignment_comment WHERE body = ?', intent.body), `grid comments ${intent.body}`);
      if (!c) return false;
      if (c.row_id !== intent.rowId) fail(`grid comment ${c.id} is on row ${c.row_id}, written on ${intent.rowId}`);
      return fold({ ...intent, commentId: c.id, grid: commented(gridOf(intent.pilotId), intent, c.id) });
    }
    case 'round': {
      const round = unique(all<{ id: number; version_id: number }>(db, 'SELECT id, version_id FROM review_round WHERE title = ?', intent.title), `review rounds titled ${intent.title}`);
      if (!round) return false;
      const invitations = all<{ id: number; name: string }>(db, 'SELECT id, name FROM review_invitation WHERE round_id = ? ORDER BY id', round.id).map((i): [number, string] => [i.id, i.name]);
      if (!same([...invitations.map(([, name]) => name)].sort(), [...intent.organisations].sort())) fail(`round ${round.id} invites ${short(invitations)}, the write invited ${short(intent.organisations)}`);
      return fold({ op: 'round', roundId: round.id, versionId: intent.versionId, title: intent.title, invitations });
    }
    case 'rcomment': {
      const c = unique(
        all<{ id: number; round_id: number; nr: number; invitation_id: number; name: string; section_id: number | null; start_offset: number | null; end_offset: number | null; quote: string | null }>(
          db,
          'SELECT c.id, c.round_id, c.nr, c.invitation_id, i.name, c.section_id, c.start_offset, c.end_offset, c.quote FROM review_comment c JOIN review_invitation i ON i.id = c.invitation_id WHERE c.body = ?',
          intent.body,
        ),
        `review comments ${intent.body}`,
      );
      if (!c) {
        if (intent.newOrganisation && one(db, 'SELECT 1 FROM review_invitation WHERE round_id = ? AND name = ?', intent.roundId, intent.newOrganisation)) {
          fail(`${intent.newOrganisation} was invited, but the comment that invited it is not there`);
        }
        return false;
      }
      if (c.round_id !== intent.roundId) fail(`review comment ${c.id} is in round ${c.round_id}, written in ${intent.roundId}`);
      if (intent.invitationId !== null ? c.invitation_id !== intent.invitationId : c.name !== intent.newOrganisation) fail(`review comment ${c.id} is from ${c.name} (${c.invitation_id})`);
      const span = c.section_id === null || c.start_offset === null || c.end_offset === null || c.quote === null ? null : { sectionId: c.section_id, start: c.start_offset, end: c.end_offset, quote: c.quote };
      if (!same(span, intent.span)) fail(`review comment ${c.id} has passage ${short(span)}, written ${short(intent.span)}`);
      return fold({ op: 'rcomment', commentId: c.id, roundId: c.round_id, nr: c.nr, invitation: [c.invitation_id, c.name], body: intent.body, span });
    }
    case 'answer': {
      const r = one<{ response: string; disposition: string; motivation: string | null; change_text: string | null }>(db, 'SELECT response, disposition, motivation, change_text FROM review_response WHERE comment_id = ?', intent.commentId);
      if (r?.response !== intent.response) return false;
      if (!same([r.disposition, r.motivation, r.change_text], [intent.disposition, intent.motivation, intent.change])) fail(`answer to comment ${intent.commentId} is ${short(r)}, written ${short(intent)}`);
      return fold({ ...intent });
    }
    case 'list': {
      const row = unique(all<{ id: number }>(db, 'SELECT id FROM bdl_list WHERE title = ?', intent.title), `lists titled ${intent.title}`);
      return row ? fold({ op: 'list', listId: row.id, title: intent.title, versionLabel: intent.versionLabel }) : false;
    }
    case 'item': {
      const row = unique(all<{ id: number; ordinal: number }>(db, 'SELECT id, ordinal FROM bdl_item WHERE statement = ?', intent.statement), `items ${intent.statement}`);
      return row ? fold({ op: 'item', itemId: row.id, listId: intent.listId, category: intent.category, ordinal: row.ordinal, statement: intent.statement }) : false;
    }
    case 'vround': {
      const row = unique(all<{ id: number; number: number }>(db, 'SELECT id, number FROM voting_round WHERE title = ?', intent.title), `voting rounds titled ${intent.title}`);
      if (!row) return false;
      const itemIds = all<{ item_id: number }>(db, 'SELECT item_id FROM voting_round_item WHERE round_id = ? ORDER BY ordinal', row.id).map((r) => r.item_id);
      return fold({ op: 'vround', roundId: row.id, listId: intent.listId, number: row.number, title: intent.title, itemIds });
    }
    case 'vote': {
      const row = one<{ comment: string | null }>(db, 'SELECT comment FROM vote WHERE round_id = ? AND item_id = ? AND delegate = ?', intent.roundId, intent.itemId, intent.delegate);
      return row?.comment === intent.comment ? fold({ ...intent }) : false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The checks after every kill.

/** Sets of ids: what the database has that the model does not, and the other way round. */
function sameIds(what: string, stored: Iterable<number>, expected: Iterable<number>, problems: string[]): void {
  const s = new Set(stored);
  const e = new Set(expected);
  const extra = [...s].filter((id) => !e.has(id));
  const missing = [...e].filter((id) => !s.has(id));
  if (extra.length) problems.push(`${what}: ${extra.length} stored that no write made (${extra.slice(0, 10).join(', ')})`);
  if (missing.length) problems.push(`${what}: ${missing.length} acknowledged but missing (${missing.slice(0, 10).join(', ')})`);
}

export function checkWork(db: Db, model: WorkModel): string[] {
  const problems: string[] = [];

  // Pilots, their versions, and every grid exactly as the writes left it.
  const pilots = all<{ id: number; title: string }>(db, 'SELECT id, title FROM pilot');
  sameIds('pilots', pilots.map((p) => p.id), model.pilots.keys(), problems);
  const grids = storedGrids(db);
  for (const [id, expected] of model.pilots) {
    const title = pilots.find((p) => p.id === id)?.title;
    if (title !== undefined && title !== expected.title) problems.push(`pilot ${id}: title ${title}, acknowledged ${expected.title}`);
    const versions = pilotVersions(db, id);
    if (!same(versions, expected.versions)) problems.push(`pilot ${id}: versions ${short(versions)}, acknowledged ${short(expected.versions)}`);
    const grid = grids.get(id) ?? [];
    const diff = gridDiff(grid, expected.grid);
    if (diff) problems.push(`pilot ${id}: grid differs: ${diff}`);
  }
  // A cell holds sections of its own version only, and only versions of its pilot have cells.
  for (const r of all<{ cell_id: number; section_id: number }>(db, 'SELECT cs.cell_id, cs.section_id FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN section s ON s.id = cs.section_id WHERE s.version_id <> c.version_id')) {
    problems.push(`cell ${r.cell_id} holds section ${r.section_id} of another version`);
  }
  for (const r of all<{ id: number; version_id: number }>(db, 'SELECT c.id, c.version_id FROM alignment_cell c JOIN alignment_row r ON r.id = c.row_id WHERE NOT EXISTS (SELECT 1 FROM pilot_version pv WHERE pv.pilot_id = r.pilot_id AND pv.version_id = c.version_id)')) {
    problems.push(`cell ${r.id} is for version ${r.version_id}, which is not in its pilot`);
  }

  // Review rounds, invitations, comments (numbered 1..n without gaps) and answers.
  const rounds = all<{ id: number; title: string; version_id: number | null; status: string; last_nr: number }>(db, 'SELECT id, title, version_id, status, last_nr FROM review_round');
  sameIds('review rounds', rounds.map((r) => r.id), model.rounds.keys(), problems);
  for (const r of rounds) {
    const expected = model.rounds.get(r.id);
    if (!expected) continue;
    if (r.title !== expected.title || r.version_id !== expected.versionId || r.status !== 'open') problems.push(`review round ${r.id}: ${short(r)}, acknowledged ${short(expected)}`);
    const invitations = all<{ id: number; name: string }>(db, 'SELECT id, name FROM review_invitation WHERE round_id = ? ORDER BY id', r.id).map((i): [number, string] => [i.id, i.name]);
    if (!same(invitations, [...expected.invitations].sort((a, b) => a[0] - b[0]))) problems.push(`review round ${r.id}: invitations ${short(invitations)}, acknowledged ${short(expected.invitations)}`);
    const nrs = [...model.comments.values()].filter((c) => c.roundId === r.id).map((c) => c.nr);
    if (r.last_nr !== nrs.length || Math.max(0, ...nrs) !== nrs.length) problems.push(`review round ${r.id}: last number ${r.last_nr}, ${nrs.length} comments numbered up to ${Math.max(0, ...nrs)}`);
  }
  for (const i of all<{ id: number; status: string; responded_at: string | null; comments: number }>(
    db,
    'SELECT i.id, i.status, i.responded_at, (SELECT count(*) FROM review_comment c WHERE c.invitation_id = i.id) AS comments FROM review_invitation i',
  )) {
    // Only comments change an invitation here: an organisation that commented has responded, one that did not has not.
    if ((i.comments > 0) !== (i.status === 'gereageerd') || (i.status === 'gereageerd') !== (i.responded_at !== null)) problems.push(`invitation ${i.id}: ${i.status} (responded ${i.responded_at}) with ${i.comments} comments`);
  }
  const comments = all<{ id: number; round_id: number; nr: number; invitation_id: number; body: string; section_id: number | null; start_offset: number | null; end_offset: number | null; quote: string | null }>(
    db,
    'SELECT id, round_id, nr, invitation_id, body, section_id, start_offset, end_offset, quote FROM review_comment',
  );
  sameIds('review comments', comments.map((c) => c.id), model.comments.keys(), problems);
  const sectionText = new Map(all<{ id: number; version_id: number; text: string }>(db, 'SELECT s.id, s.version_id, s.text FROM section s WHERE s.id IN (SELECT section_id FROM review_comment)').map((s) => [s.id, s]));
  for (const c of comments) {
    const e = model.comments.get(c.id);
    if (!e) continue;
    const expected = { round_id: e.roundId, nr: e.nr, invitation_id: e.invitationId, body: e.body, quote: e.span?.quote ?? null };
    const stored = { round_id: c.round_id, nr: c.nr, invitation_id: c.invitation_id, body: c.body, quote: c.quote };
    if (!same(stored, expected)) problems.push(`review comment ${c.id}: ${short(c)}, acknowledged ${short(expected)}`);
    const at = [c.section_id, c.start_offset, c.end_offset];
    if (!e.moved && !same(at, [e.sectionId, e.span?.start ?? null, e.span?.end ?? null])) problems.push(`review comment ${c.id}: passage at ${short(at)}, acknowledged ${short(e.span)}`);
    // Wherever a passage went, it points at its words in the round's draft, or (cut through by a split) at nothing.
    if (c.section_id === null) {
      if (c.start_offset !== null || c.end_offset !== null) problems.push(`review comment ${c.id}: offsets ${c.start_offset}-${c.end_offset} without a section`);
    } else {
      const s = sectionText.get(c.section_id);
      if (!s || s.version_id !== model.rounds.get(c.round_id)?.versionId) problems.push(`review comment ${c.id}: section ${c.section_id} is in version ${s?.version_id}, the round's draft is ${model.rounds.get(c.round_id)?.versionId}`);
      else if (s.text.slice(c.start_offset ?? 0, c.end_offset ?? 0) !== c.quote) problems.push(`review comment ${c.id}: text at its offsets is ${short(s.text.slice(c.start_offset ?? 0, c.end_offset ?? 0))}, quote ${short(c.quote)}`);
    }
  }
  const answers = all<{ comment_id: number; response: string; disposition: string; motivation: string | null; change_text: string | null }>(db, 'SELECT comment_id, response, disposition, motivation, change_text FROM review_response');
  sameIds('answers to review comments', answers.map((a) => a.comment_id), model.answers.keys(), problems);
  for (const a of answers) {
    const e = model.answers.get(a.comment_id);
    if (e && !same([a.response, a.disposition, a.motivation, a.change_text], [e.response, e.disposition, e.motivation, e.change])) problems.push(`answer to comment ${a.comment_id}: ${short(a)}, acknowledged ${short(e)}`);
  }

  // Lists, items (positions 0..n-1 per group), voting rounds with their items, votes.
  const lists = all<{ id: number; title: string; version_label: string }>(db, 'SELECT id, title, version_label FROM bdl_list');
  sameIds('lists', lists.map((l) => l.id), model.lists.keys(), problems);
  for (const l of lists) {
    const e = model.lists.get(l.id);
    if (e && (l.title !== e.title || l.version_label !== e.versionLabel)) problems.push(`list ${l.id}: ${short(l)}, acknowledged ${short(e)}`);
  }
  const items = all<{ id: number; list_id: number; category: string; ordinal: number; statement: string }>(db, 'SELECT id, list_id, category, ordinal, statement FROM bdl_item ORDER BY list_id, category, ordinal');
  sameIds('items', items.map((i) => i.id), model.items.keys(), problems);
  const groups = new Map<string, number[]>();
  for (const i of items) {
    const e = model.items.get(i.id);
    if (e && !same([i.list_id, i.category, i.ordinal, i.statement], [e.listId, e.category, e.ordinal, e.statement])) problems.push(`item ${i.id}: ${short(i)}, acknowledged ${short(e)}`);
    groups.set(`${i.list_id}/${i.category}`, [...(groups.get(`${i.list_id}/${i.category}`) ?? []), i.ordinal]);
  }
  for (const [group, ordinals] of groups) if (ordinals.some((o, k) => o !== k)) problems.push(`items of ${group} at positions ${ordinals.join(', ')}`);
  const votingRounds = all<{ id: number; list_id: number; number: number; title: string; status: string }>(db, 'SELECT id, list_id, number, title, status FROM voting_round');
  sameIds('voting rounds', votingRounds.map((r) => r.id), model.votingRounds.keys(), problems);
  for (const r of votingRounds) {
    const e = model.votingRounds.get(r.id);
    if (!e) continue;
    const itemIds = all<{ item_id: number }>(db, 'SELECT item_id FROM voting_round_item WHERE round_id = ? ORDER BY ordinal', r.id).map((x) => x.item_id);
    if (!same([r.list_id, r.number, r.title, r.status, itemIds], [e.listId, e.number, e.title, 'open', e.itemIds])) problems.push(`voting round ${r.id}: ${short({ ...r, itemIds })}, acknowledged ${short(e)}`);
  }
  const votes = all<{ round_id: number; item_id: number; delegate: string; perspective: string; vote: string; comment: string | null }>(db, 'SELECT round_id, item_id, delegate, perspective, vote, comment FROM vote');
  if (votes.length !== model.votes.size) problems.push(`${votes.length} votes stored, ${model.votes.size} acknowledged`);
  for (const v of votes) {
    const e = model.votes.get(voteKey(v.round_id, v.item_id, v.delegate));
    if (!e || !same([v.perspective, v.vote, v.comment], [e.perspective, e.vote, e.comment])) problems.push(`vote ${short(v)}, acknowledged ${short(e ?? null)}`);
  }

  // The audit log: per pilot, round, comment, list, item and voting round, exactly the entries
  // of the writes made, in their order, with their values.
  const stored = new Map<string, Array<{ action: string; details: Record<string, unknown> }>>();
  for (const a of all<{ entity: string; entity_id: string; action: string; details: string }>(
    db,
    `SELECT entity, entity_id, action, details FROM audit_log WHERE actor <> 'systeem' AND entity IN (${WORK_ENTITIES.map(() => '?').join(', ')}) ORDER BY id`,
    ...WORK_ENTITIES,
  )) {
    const key = `${a.entity}/${a.entity_id}`;
    stored.set(key, [...(stored.get(key) ?? []), { action: a.action, details: JSON.parse(a.details) as Record<string, unknown> }]);
  }
  for (const key of new Set([...stored.keys(), ...model.audit.keys()])) {
    const got = stored.get(key) ?? [];
    const wanted = model.audit.get(key) ?? [];
    const matches = (k: number) => {
      const g = got[k];
      const w = wanted[k];
      return g !== undefined && w !== undefined && g.action === w.action && Object.entries(w.details).every(([field, value]) => same(g.details[field] ?? null, value ?? null));
    };
    for (let k = 0; k < Math.max(got.length, wanted.length); k++) {
      if (matches(k)) continue;
      problems.push(`audit of ${key}: ${got.length} entries, ${wanted.length} writes; entry ${k + 1} is ${short(got[k] ?? null)}, expected ${short(wanted[k] ?? null)}`);
      break;
    }
  }
  return problems;
}
