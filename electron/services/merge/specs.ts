/**
 * Every table a merge brings in, in the order they are applied (what a row points at comes first).
 * See spec.ts for what each part means. Not merged: the catalogue (standards are matched by their
 * id and must exist in yours), the metadata and structure of texts you both have, dialogue
 * delegates' order, and anything that records an import job or a setting.
 */
import { ApiError } from '../../../common/errors.js';
import { ITEM_CATEGORY_LABEL, LIST_STATUS_LABEL, USE_CONTEXT_LABEL } from '../../../common/lists.js';
import { CLASSIFICATION_LABEL, DECISION_LABEL, MEMBER_ROLE_LABEL, PILOT_KIND_LABEL, PILOT_ORIGIN_LABEL, PILOT_PHASE_LABEL } from '../../../common/pilots.js';
import {
  ADDRESSEE_LABEL,
  CHAIN_LEVEL_LABEL,
  CHAIN_STATUS_LABEL,
  COMMENT_TYPE_LABEL,
  DISPOSITION_LABEL,
  EVIDENCE_KIND_LABEL,
  INVITATION_STATUS_LABEL,
  PRECONDITION_KIND_LABEL,
  ROUND_STATUS_LABEL,
} from '../../../common/review.js';
import type { Db } from '../../../db/open.js';
import { clip, EMPTY, type Side, showBool, showEnum, showJsonList, showPercent, standardName, versionName } from './model.js';
import type { Entry, PlanCtx, TableSpec } from './spec.js';

// ---------------------------------------------------------------------------------------------
// Reading rows on either side

export function tagPath(side: Side, id: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let cur = side.byId('tag', id); cur && !seen.has(cur.id); cur = side.byId('tag', cur.parent_id)) {
    seen.add(cur.id);
    parts.unshift(String(cur.name));
  }
  return parts.join('/');
}

const pilotTitle = (side: Side, id: unknown) => {
  const p = side.byId('pilot', id);
  return p ? `Pilot “${String(p.title)}”` : null;
};
const rowTheme = (side: Side, id: unknown) => String(side.byId('alignment_row', id)?.theme ?? EMPTY);
const pilotOfRow = (side: Side, id: unknown) => pilotTitle(side, side.byId('alignment_row', id)?.pilot_id);
const listName = (side: Side, id: unknown) => {
  const l = side.byId('bdl_list', id);
  return l ? `Lijst “${String(l.title)}” – ${String(l.version_label)}` : null;
};
const itemName = (side: Side, id: unknown) => `“${clip(side.byId('bdl_item', id)?.statement, 60)}”`;
const sessionName = (side: Side, id: unknown) => {
  const s = side.byId('dialogue_session', id);
  return s ? `Dialoogsessie “${String(s.title)}” (${String(s.date)})` : null;
};
const roundName = (side: Side, id: unknown) => {
  const r = side.byId('voting_round', id);
  return r ? `Stemronde ${String(r.number)}: ${String(r.title)}` : EMPTY;
};
const reviewRoundName = (side: Side, id: unknown) => {
  const r = side.byId('review_round', id);
  return r ? `Commentaarronde “${String(r.title)}”` : null;
};
const commentNr = (side: Side, id: unknown) => String(side.byId('review_comment', id)?.nr ?? '?');
const organisationName = (side: Side, id: unknown) => (id === null || id === undefined ? EMPTY : String(side.byId('organisation', id)?.name ?? id));

/** Your audit entity for a row of a pilot's grid: the pilot, like the alignment service writes it. */
const pilotIdOfRow = (db: Db, rowId: unknown) => String((db.prepare('SELECT pilot_id FROM alignment_row WHERE id = ?').get(rowId) as { pilot_id: number } | undefined)?.pilot_id ?? '');
const column = (db: Db, sql: string, id: number | string) => String((db.prepare(sql).pluck().get(id) as unknown) ?? '');

const showTags = (ids: unknown[], side: Side) => (ids.length ? ids.map((id) => tagPath(side, id)).sort((a, b) => a.localeCompare(b, 'nl')).join(', ') : EMPTY);
const showValues = (labels: Record<string, string> = {}) => (values: unknown[]) => (values.length ? values.map((v) => labels[String(v)] ?? String(v)).sort().join(', ') : EMPTY);

const ROW_STATUS_LABEL = { voorstel: 'Voorstel (niet geaccepteerd)', handmatig: 'Geaccepteerd' };
const VOTE_ROUND_STATUS_LABEL = { open: 'Open', gesloten: 'Gesloten' };

/** Deletions your audit log records by stable id: what the merge must not silently bring back. */
function auditTombstones(db: Db, sql: string, table: string): Map<string, { at: string; actor: string; action: string }> {
  const rows = db.prepare(sql).all() as Array<{ id: string | null; at: string; actor: string; action: string }>;
  return new Map(rows.filter((r) => r.id).map((r) => [`${table}|${String(r.id)}`, { at: r.at, actor: r.actor, action: r.action }]));
}

// ---------------------------------------------------------------------------------------------

const tag: TableSpec = {
  table: 'tag',
  kind: 'codeboek',
  pk: 'id',
  refs: { parent_id: { table: 'tag' } },
  identity: ['guid'],
  // The same path is the same tag, even when two people each made "Medicatie" under "Thema's".
  alternates: [['parent_id', 'name']],
  alternatesMatchNull: true,
  nocase: ['name'],
  fields: [
    { column: 'name', label: 'Naam' },
    { column: 'parent_id', label: 'Onder', show: (v, side) => (v === null ? '(bovenste niveau)' : tagPath(side, v)) },
    { column: 'color', label: 'Kleur' },
    { column: 'description', label: 'Omschrijving' },
  ],
  carry: ['updated_at'],
  title: (r, side) => `Tag “${tagPath(side, r.id)}”`,
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('tag', 'ordinal', { parent_id: values.parent_id });
  },
  beforeUpdate(values, mine, ctx) {
    const clash = ctx.db
      .prepare('SELECT 1 FROM tag WHERE coalesce(parent_id, 0) = coalesce(?, 0) AND name = ? COLLATE NOCASE AND id <> ?')
      .get(values.parent_id, values.name, mine.id);
    const cycle = values.parent_id !== null && ctx.db
      .prepare('WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT t.parent_id FROM tag t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL) SELECT 1 FROM up WHERE id = ?')
      .get(values.parent_id, mine.id);
    if (clash || cycle) {
      throw new ApiError('CONFLICT', `De tag “${String(mine.name)}” kan niet als die van je collega worden overgenomen: ${clash ? 'op die plek staat al een tag met die naam' : 'hij zou onder zichzelf komen'}. Kies bij deze tag “mijn”.`);
    }
  },
  auditOf: (_db, id) => ['tag', String(id)],
};

const annotation: TableSpec = {
  table: 'annotation',
  kind: 'annotaties',
  order: 'created_at, id',
  pk: 'id',
  keepPk: true,
  refs: {
    standard_id: { table: 'standard' },
    version_id: { table: 'document_version', mode: 'soft' },
    anchored_from_version_id: { table: 'document_version', mode: 'weak' },
  },
  identity: ['id'],
  fields: [{ column: 'note', label: 'Notitie' }],
  sets: [{ label: 'Tags', table: 'annotation_tag', parent: 'annotation_id', member: 'tag_id', ref: 'tag', show: showTags }],
  spans: [
    {
      label: 'Plaats in de tekst',
      section: 'section_id',
      start: 'start_offset',
      end: 'end_offset',
      quote: 'quote',
      version: 'version_id',
      number: 'section_number',
      heading: 'section_heading',
      prefix: 'prefix',
      suffix: 'suffix',
      annotation: true,
    },
  ],
  carry: ['updated_at'],
  title: (r) => `Annotatie van ${String(r.author)}: “${clip(r.quote, 60)}”`,
  context: (r, side) => standardName(side, r.standard_id),
  tombstones: (db) =>
    auditTombstones(db, "SELECT entity_id AS id, at, actor, action FROM audit_log WHERE entity = 'annotation' AND action = 'verwijderd'", 'annotation'),
  auditOf: (_db, id) => ['annotation', String(id)],
};

const pilot: TableSpec = {
  table: 'pilot',
  kind: 'pilots',
  pk: 'id',
  refs: {},
  identity: ['guid'],
  fields: [
    { column: 'title', label: 'Titel' },
    { column: 'kinds', label: 'Soort', show: showJsonList(PILOT_KIND_LABEL) },
    { column: 'topic', label: 'Onderwerp' },
    { column: 'origin', label: 'Herkomst', show: showEnum(PILOT_ORIGIN_LABEL) },
    { column: 'phase', label: 'Fase', show: showEnum(PILOT_PHASE_LABEL) },
    { column: 'description', label: 'Beschrijving' },
    { column: 'agreement_embedding', label: 'Afspraak inbedding' },
    { column: 'agreement_flexibility', label: 'Afspraak flexibiliteit / lerend aspect' },
    { column: 'evaluation_result', label: 'Resultaat voor de standaard' },
    { column: 'evaluation_learning', label: 'Leerresultaat' },
  ],
  carry: ['updated_at'],
  title: (r) => `Pilot “${String(r.title)}”`,
  auditOf: (_db, id) => ['pilot', String(id)],
};

const pilotMember: TableSpec = {
  table: 'pilot_member',
  kind: 'pilots',
  pk: 'id',
  refs: { pilot_id: { table: 'pilot' }, organisation_id: { table: 'organisation', mode: 'soft' } },
  identity: ['pilot_id', 'name'],
  nocase: ['name'],
  fields: [
    { column: 'organisation_id', label: 'Organisatie (uit de lijst)', show: (v, side) => organisationName(side, v) },
    { column: 'organisation', label: 'Organisatie' },
    { column: 'perspective', label: 'Perspectief' },
    { column: 'role', label: 'Rol', show: showEnum(MEMBER_ROLE_LABEL) },
  ],
  title: (r) => `Werkgroeplid ${String(r.name)}`,
  context: (r, side) => pilotTitle(side, r.pilot_id),
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('pilot_member', 'ordinal', { pilot_id: values.pilot_id });
  },
  auditOf: (db, id) => ['pilot', column(db, 'SELECT pilot_id FROM pilot_member WHERE id = ?', id)],
};

const pilotVersion: TableSpec = {
  table: 'pilot_version',
  kind: 'pilots',
  order: 'pilot_id, ordinal',
  pk: null,
  refs: { pilot_id: { table: 'pilot' }, version_id: { table: 'document_version' } },
  identity: ['pilot_id', 'version_id'],
  fields: [],
  title: (r, side) => `Versie in de pilot: ${versionName(side, r.version_id)}`,
  context: (r, side) => pilotTitle(side, r.pilot_id),
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('pilot_version', 'ordinal', { pilot_id: values.pilot_id });
  },
  auditOf: () => ['pilot', ''],
};

const pilotReflection: TableSpec = {
  table: 'pilot_reflection',
  kind: 'pilots',
  pk: 'id',
  refs: { pilot_id: { table: 'pilot' } },
  identity: ['guid'],
  fields: [
    { column: 'held_on', label: 'Datum' },
    { column: 'perspectives', label: 'Aanwezige perspectieven', show: showJsonList() },
    { column: 'notes', label: 'Notities' },
  ],
  title: (r) => `Reflectiemoment van ${String(r.held_on)}`,
  context: (r, side) => pilotTitle(side, r.pilot_id),
  auditOf: (db, id) => ['pilot', column(db, 'SELECT pilot_id FROM pilot_reflection WHERE id = ?', id)],
};

const alignmentRow: TableSpec = {
  table: 'alignment_row',
  kind: 'uitlijning',
  order: 'pilot_id, ordinal, id',
  pk: 'id',
  refs: { pilot_id: { table: 'pilot' }, decision_version_id: { table: 'document_version', mode: 'soft' } },
  identity: ['guid'],
  fields: [
    { column: 'theme', label: 'Thema' },
    { column: 'status', label: 'Status', show: showEnum(ROW_STATUS_LABEL) },
    { column: 'decision', label: 'Besluit', show: showEnum(DECISION_LABEL) },
    { column: 'decision_version_id', label: 'Formulering van', show: (v, side) => versionName(side, v) },
    { column: 'decision_text', label: 'Toelichting bij het besluit' },
    { column: 'decision_dissent', label: 'Afwijkende standpunten' },
  ],
  carry: ['decided_by', 'decided_at', 'confidence', 'updated_at'],
  title: (r) => `Rij “${String(r.theme)}”`,
  context: (r, side) => pilotTitle(side, r.pilot_id),
  // The aligner's open proposals are machine output, remade on request: only rows a person
  // accepted or made travel.
  skip: (entry) =>
    entry.mine === null && entry.their.status === 'voorstel'
      ? 'Een voorstel van de automatische uitlijning dat je collega niet heeft geaccepteerd; laat Richtsnoer zo nodig opnieuw voorstellen.'
      : null,
  tombstones: (db) =>
    auditTombstones(
      db,
      `SELECT coalesce(json_extract(details, '$.van.rij'), json_extract(details, '$.rij')) AS id, at, actor, action FROM audit_log
        WHERE entity = 'pilot' AND action IN ('rij verwijderd', 'voorstel afgewezen', 'rijen samengevoegd')`,
      'alignment_row',
    ),
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('alignment_row', 'ordinal', { pilot_id: values.pilot_id });
  },
  auditOf: (db, id) => ['pilot', pilotIdOfRow(db, id)],
};

const alignmentCell: TableSpec = {
  table: 'alignment_cell',
  kind: 'indelingen',
  pk: 'id',
  refs: { row_id: { table: 'alignment_row' }, version_id: { table: 'document_version' } },
  // Cells are made when first used, each with a new guid: (row, version) is what identifies one.
  identity: ['row_id', 'version_id'],
  fields: [
    { column: 'classification', label: 'Indeling', show: showEnum(CLASSIFICATION_LABEL) },
    { column: 'note', label: 'Notitie' },
  ],
  carry: ['updated_by', 'updated_at'],
  title: (r, side) => `Cel “${rowTheme(side, r.row_id)}” × ${versionName(side, r.version_id)}`,
  // An empty cell is only the grid's shape (made when a section is placed): no classification work.
  kindOf: (r) => (r.classification !== null || r.note !== null ? 'indelingen' : 'uitlijning'),
  context: (r, side) => pilotOfRow(side, r.row_id),
  auditOf: (db, id) => ['pilot', pilotIdOfRow(db, column(db, 'SELECT row_id FROM alignment_cell WHERE id = ?', id))],
};

const alignmentComment: TableSpec = {
  table: 'alignment_comment',
  kind: 'opmerkingen',
  order: 'created_at, id',
  pk: 'id',
  refs: { row_id: { table: 'alignment_row' } },
  identity: ['guid'],
  fields: [{ column: 'body', label: 'Opmerking' }],
  title: (r, side) => `Opmerking van ${String(r.author)} bij rij “${rowTheme(side, r.row_id)}”`,
  context: (r, side) => pilotOfRow(side, r.row_id),
  auditOf: (db, id) => ['pilot', pilotIdOfRow(db, column(db, 'SELECT row_id FROM alignment_comment WHERE id = ?', id))],
};

const bdlList: TableSpec = {
  table: 'bdl_list',
  kind: 'lijsten',
  order: 'id',
  pk: 'id',
  refs: { series_id: { table: 'bdl_list' }, previous_list_id: { table: 'bdl_list', mode: 'soft' } },
  identity: ['guid'],
  fields: [
    { column: 'title', label: 'Titel' },
    { column: 'version_label', label: 'Versie' },
    { column: 'status', label: 'Status', show: showEnum(LIST_STATUS_LABEL) },
    { column: 'description', label: 'Omschrijving' },
  ],
  carry: ['updated_at'],
  title: (r) => `Lijst “${String(r.title)}” – ${String(r.version_label)}`,
  beforeInsert(values, ctx) {
    // Two people who each made "Herziene lijst" of one list: the colleague's gets their name on.
    const taken = ctx.db.prepare('SELECT 1 FROM bdl_list WHERE series_id = ? AND version_label = ? COLLATE NOCASE');
    if (typeof values.series_id === 'number' && values.series_id > 0 && taken.get(values.series_id, values.version_label)) {
      const base = `${String(values.version_label)} (${ctx.from})`;
      let label = base;
      for (let n = 2; taken.get(values.series_id, label); n++) label = `${base} ${n}`;
      values.version_label = label;
    }
  },
  auditOf: (_db, id) => ['bdl_list', String(id)],
};

const bdlItem: TableSpec = {
  table: 'bdl_item',
  kind: 'lijsten',
  order: 'list_id, category, ordinal, id',
  pk: 'id',
  refs: { list_id: { table: 'bdl_list' }, pilot_id: { table: 'pilot', mode: 'soft' } },
  identity: ['list_id', 'item_key'],
  fields: [
    { column: 'category', label: 'Categorie', show: showEnum(ITEM_CATEGORY_LABEL) },
    { column: 'statement', label: 'Uitspraak' },
    { column: 'rationale', label: 'Toelichting' },
    { column: 'evidence_types', label: 'Soort kennis', show: showJsonList() },
    { column: 'target_group', label: 'Doelgroep' },
    { column: 'setting', label: 'Setting' },
    { column: 'use_contexts', label: 'Gebruik', show: showJsonList(USE_CONTEXT_LABEL) },
    { column: 'status', label: 'Status' },
    { column: 'knowledge_question', label: 'Kennisvraag' },
    { column: 'client_wording', label: 'Cliëntversie' },
    { column: 'pilot_id', label: 'Uit pilot', show: (v, side) => String(side.byId('pilot', v)?.title ?? EMPTY) },
    { column: 'dissent', label: 'Niet eens (perspectieven)', show: showJsonList() },
  ],
  sets: [{ label: 'Leerlijnen', table: 'bdl_item_leerlijn', parent: 'item_id', member: 'leerlijn', show: showValues() }],
  carry: ['updated_at'],
  title: (r) => `Item “${clip(r.statement, 60)}”`,
  context: (r, side) => listName(side, r.list_id),
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('bdl_item', 'ordinal', { list_id: values.list_id, category: values.category });
  },
  beforeUpdate(values, mine, ctx) {
    if (values.category === mine.category) return;
    // Into the other group at its end, closing the gap in the group it leaves.
    ctx.db.prepare('UPDATE bdl_item SET ordinal = ordinal - 1 WHERE list_id = ? AND category = ? AND ordinal > ?').run(mine.list_id, mine.category, mine.ordinal);
    values.ordinal = ctx.next('bdl_item', 'ordinal', { list_id: mine.list_id, category: values.category });
  },
  auditOf: (_db, id) => ['bdl_item', String(id)],
};

const bdlItemLink: TableSpec = {
  table: 'bdl_item_link',
  kind: 'lijsten',
  pk: 'id',
  refs: {
    item_id: { table: 'bdl_item' },
    annotation_id: { table: 'annotation', mode: 'soft' },
    standard_id: { table: 'standard' },
    version_id: { table: 'document_version', mode: 'soft' },
  },
  identity: ['item_id', 'kind', 'quote', 'created_at'],
  alternates: [['item_id', 'annotation_id']],
  fields: [],
  spans: [{ label: null, section: 'section_id', start: 'start_offset', end: 'end_offset', quote: 'quote', version: 'version_id', number: 'section_number', heading: 'section_heading', versionLabel: 'version_label' }],
  title: (r, side) => `Bron bij item ${itemName(side, r.item_id)}: “${clip(r.quote, 50)}”`,
  context: (r, side) => listName(side, side.byId('bdl_item', r.item_id)?.list_id),
  auditOf: (db, id) => ['bdl_item', column(db, 'SELECT item_id FROM bdl_item_link WHERE id = ?', id)],
};

const dialogueSession: TableSpec = {
  table: 'dialogue_session',
  kind: 'dialoog',
  pk: 'id',
  refs: { list_id: { table: 'bdl_list' } },
  identity: ['guid'],
  fields: [
    { column: 'date', label: 'Datum' },
    { column: 'title', label: 'Titel' },
  ],
  carry: ['updated_at'],
  title: (r) => `Dialoogsessie “${String(r.title)}” (${String(r.date)})`,
  context: (r, side) => listName(side, r.list_id),
  auditOf: (_db, id) => ['dialogue_session', String(id)],
};

const dialogueDelegate: TableSpec = {
  table: 'dialogue_delegate',
  kind: 'dialoog',
  order: 'session_id, ordinal',
  pk: 'id',
  refs: { session_id: { table: 'dialogue_session' } },
  identity: ['session_id', 'name'],
  nocase: ['name'],
  fields: [
    { column: 'perspective', label: 'Perspectief' },
    { column: 'organisation', label: 'Organisatie' },
  ],
  title: (r) => `Afgevaardigde ${String(r.name)}`,
  context: (r, side) => sessionName(side, r.session_id),
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('dialogue_delegate', 'ordinal', { session_id: values.session_id });
  },
  auditOf: (db, id) => ['dialogue_session', column(db, 'SELECT session_id FROM dialogue_delegate WHERE id = ?', id)],
};

const dialogueNote: TableSpec = {
  table: 'dialogue_note',
  kind: 'dialoog',
  pk: 'id',
  refs: { session_id: { table: 'dialogue_session' }, item_id: { table: 'bdl_item' } },
  identity: ['guid'],
  fields: [
    { column: 'note', label: 'Notitie' },
    { column: 'change', label: 'Wat er veranderde' },
  ],
  title: (r, side) => `Notitie bij item ${itemName(side, r.item_id)}`,
  context: (r, side) => sessionName(side, r.session_id),
  auditOf: (db, id) => ['dialogue_session', column(db, 'SELECT session_id FROM dialogue_note WHERE id = ?', id)],
};

const votingRound: TableSpec = {
  table: 'voting_round',
  kind: 'stemmen',
  order: 'id',
  pk: 'id',
  refs: { list_id: { table: 'bdl_list' }, carry_over_from: { table: 'voting_round', mode: 'soft' } },
  identity: ['guid'],
  fields: [
    { column: 'title', label: 'Titel' },
    { column: 'min_agree', label: 'Drempel eens', show: showPercent },
    { column: 'require_median_agree', label: 'Mediaan eens vereist', show: showBool },
    { column: 'per_perspective', label: 'In elk perspectief', show: showBool },
    { column: 'status', label: 'Status', show: showEnum(VOTE_ROUND_STATUS_LABEL) },
  ],
  carry: ['closed_at'],
  title: (r) => `Stemronde ${String(r.number)}: ${String(r.title)}`,
  context: (r, side) => listName(side, r.list_id),
  beforeInsert(values, ctx) {
    const taken = ctx.db.prepare('SELECT 1 FROM voting_round WHERE list_id = ? AND number = ?').get(values.list_id, values.number);
    if (taken) values.number = ctx.next('voting_round', 'number', { list_id: values.list_id }) || 1;
  },
  auditOf: (_db, id) => ['voting_round', String(id)],
};

const votingRoundItem: TableSpec = {
  table: 'voting_round_item',
  kind: 'stemmen',
  order: 'round_id, ordinal',
  pk: null,
  refs: { round_id: { table: 'voting_round' }, item_id: { table: 'bdl_item' } },
  identity: ['round_id', 'item_id'],
  fields: [],
  title: (r, side) => `Item ${itemName(side, r.item_id)} in ${roundName(side, r.round_id)}`,
  context: (r, side) => listName(side, side.byId('voting_round', r.round_id)?.list_id),
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('voting_round_item', 'ordinal', { round_id: values.round_id });
  },
  auditOf: () => ['voting_round', ''],
};

/** Your votes per round and delegate (lower case), for "speaks for one perspective per round". */
const perspectivesByDelegate = new WeakMap<Side, Map<string, string>>();
function myPerspective(side: Side, roundId: unknown, delegate: unknown): string | undefined {
  let map = perspectivesByDelegate.get(side);
  if (!map) {
    map = new Map();
    for (const v of side.rows('vote', 'id')) map.set(`${String(v.round_id)}|${String(v.delegate).toLowerCase()}`, String(v.perspective));
    perspectivesByDelegate.set(side, map);
  }
  return map.get(`${String(roundId)}|${String(delegate).toLowerCase()}`);
}

const vote: TableSpec = {
  table: 'vote',
  kind: 'stemmen',
  pk: 'id',
  refs: { round_id: { table: 'voting_round' }, item_id: { table: 'bdl_item' } },
  identity: ['round_id', 'item_id', 'delegate'],
  nocase: ['delegate'],
  fields: [
    { column: 'perspective', label: 'Perspectief' },
    { column: 'vote', label: 'Stem' },
    { column: 'comment', label: 'Toelichting' },
  ],
  carry: ['voted_at', 'recorded_by'],
  title: (r, side) => `Stem van ${String(r.delegate)} op item ${itemName(side, r.item_id)}`,
  context: (r, side) => roundName(side, r.round_id),
  skip(entry: Entry, ctx: PlanCtx) {
    const round = ctx.myRow('voting_round', entry.refs.get('round_id'));
    if (!round) return null;
    // A closed round's result is on record (and its dissent stored on the items): it stays as it is.
    if (round.status === 'gesloten') return `${roundName(ctx.mine, round.id)} is bij jou gesloten; de stemmen daarin blijven zoals ze zijn.`;
    const perspective = myPerspective(ctx.mine, round.id, entry.their.delegate);
    if (perspective !== undefined && perspective !== entry.their.perspective) {
      return `${String(entry.their.delegate)} stemt in jouw ${roundName(ctx.mine, round.id).toLowerCase()} al namens het perspectief ${perspective}.`;
    }
    return null;
  },
  auditOf: (db, id) => ['voting_round', column(db, 'SELECT round_id FROM vote WHERE id = ?', id)],
};

const chainRecommendation: TableSpec = {
  table: 'chain_recommendation',
  kind: 'ketens',
  order: 'ordinal, id',
  pk: 'id',
  refs: { standard_id: { table: 'standard' }, pilot_id: { table: 'pilot' }, version_id: { table: 'document_version', mode: 'soft' } },
  identity: ['guid'],
  fields: [
    { column: 'label', label: 'Aanduiding' },
    { column: 'text', label: 'Aanbeveling' },
  ],
  spans: [{ label: null, section: 'section_id', version: 'version_id' }],
  carry: ['updated_at'],
  title: (r) => `Aanbeveling “${clip(r.text, 60)}”`,
  context: (r, side) => (r.pilot_id !== null ? pilotTitle(side, r.pilot_id) : standardName(side, r.standard_id)),
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('chain_recommendation', 'ordinal', { standard_id: values.standard_id, pilot_id: values.pilot_id });
  },
  auditOf: (_db, id) => ['chain_recommendation', String(id)],
};

const chainLink: TableSpec = {
  table: 'chain_link',
  kind: 'ketens',
  order: 'recommendation_id, ordinal, id',
  pk: 'id',
  refs: { recommendation_id: { table: 'chain_recommendation' }, owner_organisation_id: { table: 'organisation', mode: 'soft' } },
  identity: ['guid'],
  fields: [
    { column: 'precondition_kind', label: 'Soort randvoorwaarde', show: showEnum(PRECONDITION_KIND_LABEL) },
    { column: 'precondition', label: 'Randvoorwaarde' },
    { column: 'level', label: 'Niveau', show: showEnum(CHAIN_LEVEL_LABEL) },
    { column: 'status', label: 'Status', show: showEnum(CHAIN_STATUS_LABEL) },
    { column: 'owner', label: 'Eigenaar' },
    { column: 'owner_organisation_id', label: 'Eigenaar (organisatie)', show: (v, side) => organisationName(side, v) },
    { column: 'note', label: 'Notitie' },
  ],
  sets: [{ label: 'Signaal aan', table: 'chain_link_addressee', parent: 'link_id', member: 'addressee', show: showValues(ADDRESSEE_LABEL) }],
  carry: ['updated_at', 'updated_by'],
  title: (r) => `Randvoorwaarde “${clip(r.precondition, 60)}”`,
  context: (r, side) => `Bij aanbeveling “${clip(side.byId('chain_recommendation', r.recommendation_id)?.text, 50)}”`,
  beforeInsert(values, ctx) {
    values.ordinal = ctx.next('chain_link', 'ordinal', { recommendation_id: values.recommendation_id });
  },
  auditOf: (_db, id) => ['chain_link', String(id)],
};

const chainEvidence: TableSpec = {
  table: 'chain_evidence',
  kind: 'ketens',
  pk: 'id',
  refs: { link_id: { table: 'chain_link' }, standard_id: { table: 'standard' }, version_id: { table: 'document_version', mode: 'soft' } },
  identity: ['guid'],
  fields: [
    { column: 'kind', label: 'Soort', show: showEnum(EVIDENCE_KIND_LABEL) },
    { column: 'reference', label: 'Verwijzing' },
    { column: 'text', label: 'Tekst' },
  ],
  spans: [{ label: null, section: 'section_id', start: 'start_offset', end: 'end_offset', quote: 'quote', version: 'version_id', number: 'section_number', heading: 'section_heading', versionLabel: 'version_label' }],
  title: (r) => `Onderbouwing (${showEnum(EVIDENCE_KIND_LABEL)(r.kind).toLowerCase()}): ${clip(r.quote ?? r.text ?? r.reference, 50)}`,
  context: (r, side) => `Bij randvoorwaarde “${clip(side.byId('chain_link', r.link_id)?.precondition, 50)}”`,
  auditOf: (db, id) => ['chain_link', column(db, 'SELECT link_id FROM chain_evidence WHERE id = ?', id)],
};

const reviewRound: TableSpec = {
  table: 'review_round',
  kind: 'commentaarrondes',
  pk: 'id',
  refs: {
    standard_id: { table: 'standard' },
    pilot_id: { table: 'pilot', mode: 'soft' },
    version_id: { table: 'document_version', mode: 'soft' },
    previous_version_id: { table: 'document_version', mode: 'soft' },
    next_version_id: { table: 'document_version', mode: 'soft' },
  },
  identity: ['guid'],
  fields: [
    { column: 'title', label: 'Titel' },
    { column: 'status', label: 'Status', show: showEnum(ROUND_STATUS_LABEL) },
    { column: 'opens_on', label: 'Opent op' },
    { column: 'deadline', label: 'Sluit op' },
    { column: 'description', label: 'Omschrijving' },
    { column: 'previous_version_id', label: 'Vergeleken met', show: (v, side) => versionName(side, v) },
    { column: 'next_version_id', label: 'Volgende versie', show: (v, side) => versionName(side, v) },
    { column: 'pilot_id', label: 'Pilot', show: (v, side) => String(side.byId('pilot', v)?.title ?? EMPTY) },
  ],
  carry: ['updated_at'],
  title: (r) => `Commentaarronde “${String(r.title)}”`,
  context: (r, side) => standardName(side, r.standard_id),
  auditOf: (_db, id) => ['review_round', String(id)],
};

const reviewInvitation: TableSpec = {
  table: 'review_invitation',
  kind: 'commentaarrondes',
  pk: 'id',
  refs: { round_id: { table: 'review_round' }, organisation_id: { table: 'organisation', mode: 'soft' } },
  identity: ['guid'],
  alternates: [['round_id', 'name'], ['round_id', 'organisation_id']],
  nocase: ['name'],
  fields: [
    { column: 'status', label: 'Status', show: showEnum(INVITATION_STATUS_LABEL) },
    { column: 'contact', label: 'Contact' },
  ],
  carry: ['responded_at'],
  title: (r) => `Uitnodiging van ${String(r.name)}`,
  context: (r, side) => reviewRoundName(side, r.round_id),
  auditOf: (db, id) => ['review_round', column(db, 'SELECT round_id FROM review_invitation WHERE id = ?', id)],
};

const reviewImport: TableSpec = {
  table: 'review_import',
  kind: 'commentaarrondes',
  pk: 'id',
  refs: { round_id: { table: 'review_round' } },
  identity: ['round_id', 'sha256'],
  fields: [],
  title: (r) => `Ingelezen commentaartabel ${String(r.file_name)}`,
  context: (r, side) => reviewRoundName(side, r.round_id),
  auditOf: (db, id) => ['review_round', column(db, 'SELECT round_id FROM review_import WHERE id = ?', id)],
};

const reviewComment: TableSpec = {
  table: 'review_comment',
  kind: 'commentaren',
  order: 'round_id, nr',
  pk: 'id',
  refs: { round_id: { table: 'review_round' }, invitation_id: { table: 'review_invitation' }, import_id: { table: 'review_import', mode: 'soft' } },
  identity: ['guid'],
  fields: [
    { column: 'invitation_id', label: 'Organisatie', show: (v, side) => String(side.byId('review_invitation', v)?.name ?? EMPTY) },
    { column: 'author', label: 'Naam' },
    { column: 'type', label: 'Soort', show: showEnum(COMMENT_TYPE_LABEL) },
    { column: 'body', label: 'Commentaar' },
    { column: 'reference', label: 'Verwijzing' },
  ],
  spans: [{ label: null, section: 'section_id', start: 'start_offset', end: 'end_offset', quote: 'quote', number: 'section_number', heading: 'section_heading' }],
  carry: ['updated_at'],
  title: (r, side) => `Commentaar ${String(r.nr)} van ${String(side.byId('review_invitation', r.invitation_id)?.name ?? EMPTY)}: “${clip(r.body, 50)}”`,
  context: (r, side) => reviewRoundName(side, r.round_id),
  beforeInsert(values, ctx) {
    // Numbers are never reused in a round; one you already gave out gets the next free number.
    const used = ctx.db.prepare('SELECT 1 FROM review_comment WHERE round_id = ? AND nr = ?').get(values.round_id, values.nr);
    if (used) {
      const last = ctx.db.prepare('SELECT max(coalesce((SELECT max(nr) FROM review_comment WHERE round_id = @r), 0), last_nr) FROM review_round WHERE id = @r').pluck().get({ r: values.round_id }) as number;
      values.nr = last + 1;
    }
  },
  afterInsert(_id, values, ctx) {
    ctx.db.prepare('UPDATE review_round SET last_nr = max(last_nr, ?) WHERE id = ?').run(values.nr, values.round_id);
    // An organisation with comments has responded (as the review service keeps it).
    ctx.db.prepare("UPDATE review_invitation SET status = 'gereageerd', responded_at = coalesce(responded_at, ?) WHERE id = ? AND status <> 'gereageerd'").run(ctx.now, values.invitation_id);
  },
  auditOf: (_db, id) => ['review_comment', String(id)],
};

const reviewResponse: TableSpec = {
  table: 'review_response',
  kind: 'antwoorden',
  pk: 'id',
  refs: { comment_id: { table: 'review_comment' }, change_version_id: { table: 'document_version', mode: 'soft' } },
  // One answer per comment: answered on both sides means one answer in conflict, whatever its guid.
  identity: ['comment_id'],
  fields: [
    { column: 'response', label: 'Reactie werkgroep' },
    { column: 'disposition', label: 'Besluit', show: showEnum(DISPOSITION_LABEL) },
    { column: 'motivation', label: 'Motivering' },
    { column: 'change_text', label: 'Wijziging' },
  ],
  spans: [
    {
      label: 'Gewijzigde passage',
      section: 'change_section_id',
      start: 'change_start',
      end: 'change_end',
      quote: 'change_quote',
      version: 'change_version_id',
      number: 'change_section_number',
      heading: 'change_section_heading',
      versionLabel: 'change_version_label',
    },
  ],
  carry: ['answered_by', 'answered_at'],
  title: (r, side) => `Antwoord op commentaar ${commentNr(side, r.comment_id)}`,
  context: (r, side) => reviewRoundName(side, side.byId('review_comment', r.comment_id)?.round_id),
  auditOf: (db, id) => ['review_comment', column(db, 'SELECT comment_id FROM review_response WHERE id = ?', id)],
};

/** In apply order; the alignment grid's sections and rejections follow alignment_cell (plan.ts). */
export const SPECS: TableSpec[] = [
  tag,
  annotation,
  pilot,
  pilotMember,
  pilotVersion,
  pilotReflection,
  alignmentRow,
  alignmentCell,
  alignmentComment,
  bdlList,
  bdlItem,
  bdlItemLink,
  dialogueSession,
  dialogueDelegate,
  dialogueNote,
  votingRound,
  votingRoundItem,
  vote,
  chainRecommendation,
  chainLink,
  chainEvidence,
  reviewRound,
  reviewInvitation,
  reviewImport,
  reviewComment,
  reviewResponse,
];

