/**
 * Review rounds on drafts (Commentaarrondes): a round on a draft version, the organisations
 * invited with their status, comments on passages (or on a free "hoofdstuk/regel" reference), and
 * the working group's answer to each: reactie, disposition with motivation, and the change made
 * (optionally linked to the passage in the next version). Every write is one IMMEDIATE
 * transaction that re-reads what it checks and writes an audit entry. Imports: review-import.ts;
 * exports: review-export.ts.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import {
  COMMENT_TYPE_LABEL,
  COMMENT_TYPES,
  DISPOSITION_LABEL,
  DISPOSITIONS,
  DISPOSITIONS_NEEDING_MOTIVATION,
  INVITATION_STATUS_LABEL,
  INVITATION_STATUSES,
  ROUND_STATUS_LABEL,
  ROUND_STATUSES,
  type CommentList,
  type CommentType,
  type Disposition,
  type InvitationStatus,
  type ReviewComment,
  type ReviewCounts,
  type ReviewInvitation,
  type ReviewRound,
  type ReviewRoundSummary,
  type RoundStatus,
} from '../../common/review.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { organisationExists } from '../../db/queries/vocabulary.js';
import { verifySpan } from './annotations.js';
import {
  clearableText,
  dateSchema,
  invalid,
  offsetSchema,
  oneOf,
  pilotIdSchema,
  quoteSchema,
  requiredText,
  requirePilot,
  requireSection,
  requireStandard,
  requireVersion,
  rowId,
  sectionLabel,
  shortQuote,
  standardIdSchema,
} from './review-schemas.js';

export const MAX_COMMENT = 20_000;
const roundId = rowId('commentaarronde');
const invitationId = rowId('uitnodiging');
const commentId = rowId('commentaar');
const versionRef = rowId('versie');
const typeSchema = oneOf(COMMENT_TYPES, COMMENT_TYPE_LABEL, 'een type');
const roundStatusSchema = oneOf(ROUND_STATUSES, ROUND_STATUS_LABEL, 'een status');
const dispositionSchema = oneOf(DISPOSITIONS, DISPOSITION_LABEL, 'een besluit');
const organisationIdSchema = z.string({ error: 'Kies een organisatie.' }).trim().min(1, 'Kies een organisatie.').max(120, 'Kies een organisatie.');
export const organisationNameSchema = requiredText('de naam van de organisatie', 200);
const optionalDate = dateSchema.nullable().optional();
const spanFields = { sectionId: rowId('sectie').optional(), start: offsetSchema('het begin').optional(), end: offsetSchema('het einde').optional(), quote: quoteSchema.optional() };

/** A passage is all four of sectionId, start, end and quote, or none of them. */
function checkSpan(a: { sectionId?: number | undefined; start?: number | undefined; end?: number | undefined; quote?: string | undefined }, ctx: z.RefinementCtx, path = 'quote'): void {
  const span = [a.sectionId, a.start, a.end, a.quote];
  if (span.some((v) => v !== undefined) && span.some((v) => v === undefined)) ctx.addIssue({ code: 'custom', message: 'Geef sectie, begin, einde en citaat van de passage samen.', path: [path] });
  else if (a.start !== undefined && a.end !== undefined && a.end <= a.start) ctx.addIssue({ code: 'custom', message: 'Het einde van de selectie ligt na het begin.', path: ['end'] });
}

/** Who a comment is from: an invited organisation, an organisation of the catalogue, or a name. */
const fromFields = { invitationId: invitationId.optional(), organisationId: organisationIdSchema.optional(), organisation: organisationNameSchema.optional() };
const oneSender = (a: { invitationId?: number | undefined; organisationId?: string | undefined; organisation?: string | undefined }) =>
  [a.invitationId, a.organisationId, a.organisation].filter((v) => v !== undefined).length === 1;

export const reviewSchemas = {
  list: z.object({ standardId: standardIdSchema.optional() }).strict().default({}),
  create: z
    .object({
      title: requiredText('een titel', 300),
      versionId: versionRef,
      previousVersionId: versionRef.nullable().optional(),
      nextVersionId: versionRef.nullable().optional(),
      pilotId: pilotIdSchema.nullable().optional(),
      status: roundStatusSchema.default('open'),
      opensOn: optionalDate,
      deadline: optionalDate,
      description: clearableText(MAX_COMMENT),
      organisations: z
        .array(z.object({ organisationId: organisationIdSchema.optional(), name: organisationNameSchema.optional() }).strict().refine((o) => (o.organisationId === undefined) !== (o.name === undefined), { message: 'Kies een organisatie of typ een naam.' }), {
          error: 'Geef een lijst van organisaties.',
        })
        .max(200, 'Hoogstens 200 organisaties.')
        .default([]),
    })
    .strict()
    .refine((a) => !a.deadline || !a.opensOn || a.deadline >= a.opensOn, { message: 'De sluitingsdatum ligt na de startdatum.', path: ['deadline'] }),
  round: z.object({ roundId }).strict(),
  update: z
    .object({
      roundId,
      title: requiredText('een titel', 300).optional(),
      status: roundStatusSchema.optional(),
      opensOn: optionalDate,
      deadline: optionalDate,
      description: clearableText(MAX_COMMENT),
      previousVersionId: versionRef.nullable().optional(),
      nextVersionId: versionRef.nullable().optional(),
      pilotId: pilotIdSchema.nullable().optional(),
    })
    .strict()
    .refine((a) => Object.entries(a).some(([k, v]) => k !== 'roundId' && v !== undefined), { message: 'Geef minstens één veld om te wijzigen.', path: ['title'] }),
  invite: z
    .object({ roundId, organisationId: organisationIdSchema.optional(), name: organisationNameSchema.optional(), contact: clearableText(300) })
    .strict()
    .refine((a) => (a.organisationId === undefined) !== (a.name === undefined), { message: 'Kies een organisatie uit de lijst of typ een naam.', path: ['organisationId'] }),
  updateInvitation: z
    .object({ invitationId, status: oneOf(INVITATION_STATUSES, INVITATION_STATUS_LABEL, 'een status').optional(), contact: clearableText(300) })
    .strict()
    .refine((a) => a.status !== undefined || a.contact !== undefined, { message: 'Geef een nieuwe status of contactpersoon.', path: ['status'] }),
  invitation: z.object({ invitationId }).strict(),
  comments: z
    .object({ roundId, invitationId: invitationId.optional(), type: typeSchema.optional(), disposition: dispositionSchema.optional(), unanswered: z.boolean({ error: 'Kies ja of nee.' }).optional() })
    .strict(),
  createComment: z
    .object({ roundId, ...fromFields, author: clearableText(200), type: typeSchema.default('inhoudelijk'), body: requiredText('het commentaar', MAX_COMMENT), ...spanFields, reference: clearableText(500) })
    .strict()
    .refine(oneSender, { message: 'Kies van welke organisatie het commentaar is.', path: ['invitationId'] })
    .superRefine((a, ctx) => checkSpan(a, ctx)),
  updateComment: z
    .object({ commentId, invitationId: invitationId.optional(), author: clearableText(200), type: typeSchema.optional(), body: requiredText('het commentaar', MAX_COMMENT).optional(), reference: clearableText(500) })
    .strict()
    .refine((a) => Object.entries(a).some(([k, v]) => k !== 'commentId' && v !== undefined), { message: 'Geef minstens één veld om te wijzigen.', path: ['body'] }),
  comment: z.object({ commentId }).strict(),
  answer: z
    .object({
      commentId,
      response: requiredText('de reactie van de werkgroep', MAX_COMMENT),
      disposition: dispositionSchema,
      motivation: clearableText(MAX_COMMENT),
      change: clearableText(MAX_COMMENT),
      changeSectionId: rowId('sectie').optional(),
      changeStart: offsetSchema('het begin').optional(),
      changeEnd: offsetSchema('het einde').optional(),
      changeQuote: quoteSchema.optional(),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (DISPOSITIONS_NEEDING_MOTIVATION.includes(a.disposition) && !a.motivation) {
        ctx.addIssue({ code: 'custom', message: `Geef een motivering bij "${DISPOSITION_LABEL[a.disposition].toLowerCase()}".`, path: ['motivation'] });
      }
      const span = [a.changeStart, a.changeEnd, a.changeQuote];
      if (span.some((v) => v !== undefined) && (span.some((v) => v === undefined) || a.changeSectionId === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'Geef sectie, begin, einde en citaat van de gewijzigde passage samen.', path: ['changeQuote'] });
      } else if (a.changeStart !== undefined && a.changeEnd !== undefined && a.changeEnd <= a.changeStart) {
        ctx.addIssue({ code: 'custom', message: 'Het einde van de selectie ligt na het begin.', path: ['changeEnd'] });
      }
    }),
};

// ---------------------------------------------------------------------------------------------
// Reading

interface RoundRow {
  id: number;
  guid: string;
  title: string;
  standard_id: string;
  standard_title: string;
  pilot_id: number | null;
  version_id: number | null;
  version_label: string;
  previous_version_id: number | null;
  previous_label: string | null;
  next_version_id: number | null;
  next_label: string | null;
  status: RoundStatus;
  opens_on: string | null;
  deadline: string | null;
  description: string | null;
  last_nr: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

const SELECT_ROUND = `SELECT r.id, r.guid, r.title, r.standard_id, s.title AS standard_title, r.pilot_id, r.version_id, coalesce(v.label, r.version_label) AS version_label,
       r.previous_version_id, pv.label AS previous_label, r.next_version_id, nv.label AS next_label, r.status, r.opens_on, r.deadline, r.description, r.last_nr,
       r.created_at, r.created_by, r.updated_at
  FROM review_round r
  JOIN standard s ON s.id = r.standard_id
  LEFT JOIN document_version v ON v.id = r.version_id
  LEFT JOIN document_version pv ON pv.id = r.previous_version_id
  LEFT JOIN document_version nv ON nv.id = r.next_version_id`;

export function requireRound(db: Db, id: number): RoundRow {
  const row = db.prepare(`${SELECT_ROUND} WHERE r.id = ?`).get(id) as RoundRow | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen commentaarronde met nummer ${id}.`);
  return row;
}

const today = () => new Date().toISOString().slice(0, 10);

export function roundCounts(db: Db, id: number): ReviewCounts {
  const rows = db
    .prepare('SELECT c.nr, c.type, resp.disposition FROM review_comment c LEFT JOIN review_response resp ON resp.comment_id = c.id WHERE c.round_id = ? ORDER BY c.nr')
    .all(id) as Array<{ nr: number; type: CommentType; disposition: Disposition | null }>;
  const invitations = db.prepare('SELECT status, count(*) AS n FROM review_invitation WHERE round_id = ? GROUP BY status').all(id) as Array<{ status: InvitationStatus; n: number }>;
  const unanswered = rows.filter((r) => r.disposition === null).map((r) => r.nr);
  return {
    total: rows.length,
    answered: rows.length - unanswered.length,
    unanswered: unanswered.length,
    unansweredNumbers: unanswered,
    byDisposition: Object.fromEntries(DISPOSITIONS.map((d) => [d, rows.filter((r) => r.disposition === d).length])) as Record<Disposition, number>,
    byType: Object.fromEntries(COMMENT_TYPES.map((t) => [t, rows.filter((r) => r.type === t).length])) as Record<CommentType, number>,
    invitations: Object.fromEntries(INVITATION_STATUSES.map((s) => [s, invitations.find((r) => r.status === s)?.n ?? 0])) as Record<InvitationStatus, number>,
  };
}

function toSummary(db: Db, r: RoundRow): ReviewRoundSummary {
  return {
    id: r.id,
    guid: r.guid,
    title: r.title,
    standardId: r.standard_id,
    standardTitle: r.standard_title,
    pilotId: r.pilot_id,
    versionId: r.version_id,
    versionLabel: r.version_label,
    previousVersionId: r.previous_version_id,
    previousVersionLabel: r.previous_label,
    nextVersionId: r.next_version_id,
    nextVersionLabel: r.next_label,
    status: r.status,
    opensOn: r.opens_on,
    deadline: r.deadline,
    description: r.description,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    counts: roundCounts(db, r.id),
  };
}

export function readInvitations(db: Db, round: { id: number; deadline: string | null }): ReviewInvitation[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.guid, i.organisation_id, i.name, i.contact, i.status, i.invited_at, i.responded_at,
              (SELECT count(*) FROM review_comment c WHERE c.invitation_id = i.id) AS comments,
              (SELECT count(*) FROM review_comment c JOIN review_response resp ON resp.comment_id = c.id WHERE c.invitation_id = i.id) AS answered
         FROM review_invitation i WHERE i.round_id = ? ORDER BY i.name COLLATE NOCASE`,
    )
    .all(round.id) as Array<{ id: number; guid: string; organisation_id: string | null; name: string; contact: string | null; status: InvitationStatus; invited_at: string; responded_at: string | null; comments: number; answered: number }>;
  const overdue = round.deadline !== null && today() > round.deadline;
  return rows.map((i) => ({
    id: i.id,
    guid: i.guid,
    organisationId: i.organisation_id,
    name: i.name,
    contact: i.contact,
    status: i.status,
    invitedAt: i.invited_at,
    respondedAt: i.responded_at,
    commentCount: i.comments,
    answeredCount: i.answered,
    overdue: overdue && i.status === 'uitgenodigd',
  }));
}

export function readRound(db: Db, id: number): ReviewRound {
  const row = requireRound(db, id);
  const imports = db.prepare('SELECT id, file_name, format, row_count, imported_at, imported_by FROM review_import WHERE round_id = ? ORDER BY id').all(id) as Array<{
    id: number;
    file_name: string;
    format: 'docx' | 'csv';
    row_count: number;
    imported_at: string;
    imported_by: string;
  }>;
  return {
    ...toSummary(db, row),
    invitations: readInvitations(db, row),
    imports: imports.map((i) => ({ id: i.id, fileName: i.file_name, format: i.format, rowCount: i.row_count, importedAt: i.imported_at, importedBy: i.imported_by })),
  };
}

interface CommentRow {
  id: number;
  guid: string;
  round_id: number;
  nr: number;
  invitation_id: number;
  organisation: string;
  author: string | null;
  type: CommentType;
  body: string;
  section_id: number | null;
  start_offset: number | null;
  end_offset: number | null;
  quote: string | null;
  section_number: string | null;
  section_heading: string | null;
  reference: string | null;
  import_id: number | null;
  source_row: number | null;
  created_at: string;
  created_by: string;
  r_guid: string | null;
  response: string | null;
  disposition: Disposition | null;
  motivation: string | null;
  change_text: string | null;
  change_version_id: number | null;
  change_version_label: string | null;
  change_section_id: number | null;
  change_section_number: string | null;
  change_section_heading: string | null;
  change_quote: string | null;
  answered_by: string | null;
  answered_at: string | null;
}

/** The passage column of the comment table: "§4.2 Medicatie: “…”", the free reference, or both. */
export function passageLine(c: Pick<ReviewComment, 'quote' | 'sectionNumber' | 'sectionHeading' | 'reference'>): string {
  const anchored = c.quote ? `${[sectionLabel(c.sectionNumber, c.sectionHeading)].filter(Boolean).join('')}${c.sectionNumber || c.sectionHeading ? ': ' : ''}“${shortQuote(c.quote, 300)}”` : '';
  return [c.reference, anchored].filter(Boolean).join(' — ') || 'Algemeen';
}

function toComment(r: CommentRow): ReviewComment {
  const base = {
    id: r.id,
    guid: r.guid,
    roundId: r.round_id,
    nr: r.nr,
    invitationId: r.invitation_id,
    organisation: r.organisation,
    author: r.author,
    type: r.type,
    body: r.body,
    sectionId: r.section_id,
    start: r.section_id === null ? null : r.start_offset,
    end: r.section_id === null ? null : r.end_offset,
    quote: r.quote,
    sectionNumber: r.section_number,
    sectionHeading: r.section_heading,
    reference: r.reference,
  };
  return {
    ...base,
    passage: passageLine(base),
    source: r.import_id === null && r.source_row === null ? 'handmatig' : 'import',
    sourceRow: r.source_row,
    createdAt: r.created_at,
    createdBy: r.created_by,
    response:
      r.disposition === null || r.response === null || r.r_guid === null
        ? null
        : {
            guid: r.r_guid,
            response: r.response,
            disposition: r.disposition,
            motivation: r.motivation,
            change: r.change_text,
            changeVersionId: r.change_version_id,
            changeVersionLabel: r.change_version_label,
            changeSectionId: r.change_section_id,
            changeSectionNumber: r.change_section_number,
            changeSectionHeading: r.change_section_heading,
            changeQuote: r.change_quote,
            answeredBy: r.answered_by ?? '',
            answeredAt: r.answered_at ?? '',
          },
  };
}

export interface CommentFilter {
  invitationId?: number | undefined;
  type?: CommentType | undefined;
  disposition?: Disposition | undefined;
  unanswered?: boolean | undefined;
  commentId?: number | undefined;
}

export function readComments(db: Db, round: number, filter: CommentFilter = {}): ReviewComment[] {
  const where = ['c.round_id = ?'];
  const params: unknown[] = [round];
  if (filter.commentId !== undefined) {
    where.push('c.id = ?');
    params.push(filter.commentId);
  }
  if (filter.invitationId !== undefined) {
    where.push('c.invitation_id = ?');
    params.push(filter.invitationId);
  }
  if (filter.type !== undefined) {
    where.push('c.type = ?');
    params.push(filter.type);
  }
  if (filter.disposition !== undefined) {
    where.push('resp.disposition = ?');
    params.push(filter.disposition);
  }
  if (filter.unanswered === true) where.push('resp.id IS NULL');
  if (filter.unanswered === false) where.push('resp.id IS NOT NULL');
  const rows = db
    .prepare(
      `SELECT c.id, c.guid, c.round_id, c.nr, c.invitation_id, i.name AS organisation, c.author, c.type, c.body, c.section_id, c.start_offset, c.end_offset, c.quote,
              c.section_number, c.section_heading, c.reference, c.import_id, c.source_row, c.created_at, c.created_by,
              resp.guid AS r_guid, resp.response, resp.disposition, resp.motivation, resp.change_text, resp.change_version_id,
              coalesce(cv.label, resp.change_version_label) AS change_version_label, resp.change_section_id, resp.change_section_number, resp.change_section_heading,
              resp.change_quote, resp.answered_by, resp.answered_at
         FROM review_comment c
         JOIN review_invitation i ON i.id = c.invitation_id
         LEFT JOIN review_response resp ON resp.comment_id = c.id
         LEFT JOIN document_version cv ON cv.id = resp.change_version_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.nr`,
    )
    .all(...params) as CommentRow[];
  // A structure edit (splitting a section) can leave offsets pointing at other text. Such a
  // comment keeps its section and quote but loses its exact span, so no wrong words are highlighted.
  const textOf = db.prepare('SELECT text FROM section WHERE id = ?');
  const texts = new Map<number, string>();
  for (const r of rows) {
    if (r.section_id === null || r.start_offset === null || r.end_offset === null) continue;
    if (!texts.has(r.section_id)) texts.set(r.section_id, (textOf.get(r.section_id) as { text: string } | undefined)?.text ?? '');
    if (texts.get(r.section_id)?.slice(r.start_offset, r.end_offset) !== r.quote) r.start_offset = r.end_offset = null;
  }
  return rows.map(toComment);
}

// ---------------------------------------------------------------------------------------------
// Writing

interface InvitationRow {
  id: number;
  round_id: number;
  organisation_id: string | null;
  name: string;
  contact: string | null;
  status: InvitationStatus;
  responded_at: string | null;
}

function requireInvitation(db: Db, id: number): InvitationRow {
  const row = db.prepare('SELECT id, round_id, organisation_id, name, contact, status, responded_at FROM review_invitation WHERE id = ?').get(id) as InvitationRow | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen uitnodiging met nummer ${id}.`);
  return row;
}

interface CommentRowPlain {
  id: number;
  round_id: number;
  nr: number;
  invitation_id: number;
  author: string | null;
  type: CommentType;
  body: string;
  reference: string | null;
}

function requireComment(db: Db, id: number): CommentRowPlain {
  const row = db.prepare('SELECT id, round_id, nr, invitation_id, author, type, body, reference FROM review_comment WHERE id = ?').get(id) as CommentRowPlain | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen commentaar met nummer ${id}.`);
  return row;
}

const organisationName = (db: Db, id: string): string => {
  const row = db.prepare('SELECT name, abbreviation FROM organisation WHERE id = ?').get(id) as { name: string; abbreviation: string | null } | undefined;
  if (!row) throw invalid('organisationId', `Onbekende organisatie "${id}".`);
  return row.abbreviation && row.abbreviation !== row.name ? `${row.name} (${row.abbreviation})` : row.name;
};

/** The invitation of an organisation in a round, by catalogue id or by name (any case); null when not invited. */
export function findInvitation(db: Db, round: number, who: { organisationId?: string | undefined; name?: string | undefined }): InvitationRow | null {
  const select = 'SELECT id, round_id, organisation_id, name, contact, status, responded_at FROM review_invitation';
  if (who.organisationId !== undefined) {
    return (db.prepare(`${select} WHERE round_id = ? AND (organisation_id = ? OR name = ? COLLATE NOCASE)`).get(round, who.organisationId, organisationName(db, who.organisationId)) as InvitationRow | undefined) ?? null;
  }
  return (db.prepare(`${select} WHERE round_id = ? AND name = ? COLLATE NOCASE`).get(round, who.name ?? '') as InvitationRow | undefined) ?? null;
}

/** Invites an organisation; `responded` for one whose comments arrive without an invitation. */
export function insertInvitation(db: Db, round: number, who: { organisationId?: string | undefined; name?: string | undefined; contact?: string | null | undefined }, now: string, responded = false): number {
  if (who.organisationId !== undefined && !organisationExists(db, who.organisationId)) throw invalid('organisationId', `Onbekende organisatie "${who.organisationId}".`);
  const name = who.organisationId !== undefined ? organisationName(db, who.organisationId) : (who.name ?? '');
  if (findInvitation(db, round, who)) throw new ApiError('CONFLICT', `${name} is al uitgenodigd voor deze ronde.`);
  return Number(
    db
      .prepare('INSERT INTO review_invitation (guid, round_id, organisation_id, name, contact, status, invited_at, responded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), round, who.organisationId ?? null, name, who.contact ?? null, responded ? 'gereageerd' : 'uitgenodigd', now, responded ? now : null).lastInsertRowid,
  );
}

/** An organisation that sends comments has responded. */
export function markResponded(db: Db, invitation: number, now: string): void {
  db.prepare("UPDATE review_invitation SET status = 'gereageerd', responded_at = coalesce(responded_at, ?) WHERE id = ? AND status <> 'gereageerd'").run(now, invitation);
}

export function refuseUnlessOpen(round: { status: RoundStatus }): void {
  if (round.status === 'open') return;
  throw new ApiError(
    'CONFLICT',
    round.status === 'gesloten'
      ? 'Deze commentaarronde is gesloten. Heropen de ronde om nog commentaar toe te voegen.'
      : 'Deze commentaarronde staat nog in voorbereiding. Open de ronde om commentaar toe te voegen.',
  );
}

/** Hands out the next comment numbers of a round (never reused, also after a delete). */
export function takeNumbers(db: Db, round: number, count: number): number {
  const first = (db.prepare('SELECT last_nr + 1 AS n FROM review_round WHERE id = ?').get(round) as { n: number }).n;
  db.prepare('UPDATE review_round SET last_nr = last_nr + ? WHERE id = ?').run(count, round);
  return first;
}

/** A version that a round refers to must be of the round's standard and not the draft itself. */
function checkRelatedVersion(db: Db, id: number | null | undefined, standardId: string, draftId: number | null, field: string, what: string): void {
  if (id === null || id === undefined) return;
  const v = requireVersion(db, id);
  if (v.standard_id !== standardId) throw invalid(field, `De ${what} moet een versie van dezelfde standaard zijn.`);
  if (v.id === draftId) throw invalid(field, `De ${what} kan niet de conceptversie zelf zijn.`);
}

export function createReviewRoundsService(db: Db, actor: () => string) {
  const audit = (entity: string, id: number, action: string, details: Record<string, unknown>, now: string) => writeAudit(db, { actor: actor(), action, entity, entityId: String(id), details }, now);
  const touch = (round: number, now: string) => db.prepare('UPDATE review_round SET updated_at = ? WHERE id = ?').run(now, round);
  const one = (round: number, comment: number): ReviewComment => readComments(db, round, { commentId: comment })[0] as ReviewComment;

  return {
    list(args: { standardId?: string | undefined }): ReviewRoundSummary[] {
      const rows = (args.standardId === undefined
        ? db.prepare(`${SELECT_ROUND} ORDER BY r.created_at DESC, r.id DESC`).all()
        : db.prepare(`${SELECT_ROUND} WHERE r.standard_id = ? ORDER BY r.created_at DESC, r.id DESC`).all(args.standardId)) as RoundRow[];
      return rows.map((r) => toSummary(db, r));
    },

    get(args: { roundId: number }): ReviewRound {
      return readRound(db, args.roundId);
    },

    create(args: z.output<typeof reviewSchemas.create>): ReviewRound {
      return db
        .transaction(() => {
          const draft = requireVersion(db, args.versionId);
          requireStandard(db, draft.standard_id);
          if (args.pilotId) requirePilot(db, args.pilotId);
          checkRelatedVersion(db, args.nextVersionId, draft.standard_id, draft.id, 'nextVersionId', 'volgende versie');
          // The version to compare with: as chosen, or else the newest one imported before the draft.
          let previous = args.previousVersionId;
          if (previous === undefined) {
            previous =
              (
                db
                  .prepare('SELECT id FROM document_version WHERE standard_id = ? AND id <> ? AND (imported_at < ? OR (imported_at = ? AND id < ?)) ORDER BY imported_at DESC, id DESC LIMIT 1')
                  .get(draft.standard_id, draft.id, draft.imported_at, draft.imported_at, draft.id) as { id: number } | undefined
              )?.id ?? null;
          }
          checkRelatedVersion(db, previous, draft.standard_id, draft.id, 'previousVersionId', 'vorige versie');
          // The whole list is checked before anything is written.
          const names = new Set<string>();
          for (const o of args.organisations) {
            if (o.organisationId !== undefined && !organisationExists(db, o.organisationId)) throw invalid('organisations', `Onbekende organisatie "${o.organisationId}".`);
            const name = o.organisationId !== undefined ? organisationName(db, o.organisationId) : (o.name ?? '');
            if (names.has(name.toLowerCase())) throw new ApiError('CONFLICT', `${name} is al uitgenodigd: de organisatie staat twee keer in de lijst.`);
            names.add(name.toLowerCase());
          }
          const now = new Date().toISOString();
          const id = Number(
            db
              .prepare(
                `INSERT INTO review_round (guid, title, standard_id, pilot_id, version_id, version_label, previous_version_id, next_version_id, status, opens_on, deadline, description, created_at, created_by, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(
                randomUUID(),
                args.title,
                draft.standard_id,
                args.pilotId ?? null,
                draft.id,
                draft.label,
                previous,
                args.nextVersionId ?? null,
                args.status,
                args.opensOn ?? null,
                args.deadline ?? null,
                args.description ?? null,
                now,
                actor(),
                now,
              ).lastInsertRowid,
          );
          for (const o of args.organisations) insertInvitation(db, id, { organisationId: o.organisationId, name: o.name }, now);
          audit('review_round', id, 'aangemaakt', { titel: args.title, standaard: draft.standard_id, versie: draft.id, organisaties: args.organisations.length }, now);
          return readRound(db, id);
        })
        .immediate();
    },

    update(args: z.output<typeof reviewSchemas.update>): ReviewRound {
      return db
        .transaction(() => {
          const row = requireRound(db, args.roundId);
          const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
          const next = {
            title: pick(args.title, row.title),
            status: pick(args.status, row.status),
            opens_on: pick(args.opensOn, row.opens_on),
            deadline: pick(args.deadline, row.deadline),
            description: pick(args.description, row.description),
            previous_version_id: pick(args.previousVersionId, row.previous_version_id),
            next_version_id: pick(args.nextVersionId, row.next_version_id),
            pilot_id: pick(args.pilotId, row.pilot_id),
          };
          if (next.deadline && next.opens_on && next.deadline < next.opens_on) throw invalid('deadline', 'De sluitingsdatum ligt na de startdatum.');
          if (args.previousVersionId !== undefined) checkRelatedVersion(db, args.previousVersionId, row.standard_id, row.version_id, 'previousVersionId', 'vorige versie');
          if (args.nextVersionId !== undefined) checkRelatedVersion(db, args.nextVersionId, row.standard_id, row.version_id, 'nextVersionId', 'volgende versie');
          if (args.pilotId) requirePilot(db, args.pilotId);
          const diff = Object.fromEntries(
            (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== row[k]).map((k) => [k, { van: row[k], naar: next[k] }]),
          );
          if (Object.keys(diff).length === 0) return readRound(db, row.id);
          const now = new Date().toISOString();
          db.prepare(
            'UPDATE review_round SET title = ?, status = ?, opens_on = ?, deadline = ?, description = ?, previous_version_id = ?, next_version_id = ?, pilot_id = ?, updated_at = ? WHERE id = ?',
          ).run(next.title, next.status, next.opens_on, next.deadline, next.description, next.previous_version_id, next.next_version_id, next.pilot_id, now, row.id);
          let noResponse = 0;
          if (next.status === 'gesloten' && row.status !== 'gesloten') {
            // Closing the round settles who did not respond.
            noResponse = db.prepare("UPDATE review_invitation SET status = 'geen_reactie' WHERE round_id = ? AND status = 'uitgenodigd'").run(row.id).changes;
          } else if (row.status === 'gesloten' && next.status !== 'gesloten') {
            // Reopening: those without comments may still respond.
            db.prepare("UPDATE review_invitation SET status = 'uitgenodigd' WHERE round_id = ? AND status = 'geen_reactie' AND NOT EXISTS (SELECT 1 FROM review_comment c WHERE c.invitation_id = review_invitation.id)").run(row.id);
          }
          audit('review_round', row.id, 'gewijzigd', { ...diff, ...(noResponse ? { geenReactie: noResponse } : {}) }, now);
          return readRound(db, row.id);
        })
        .immediate();
    },

    /** Only a round without comments can be deleted; one with comments is closed instead. */
    delete(args: { roundId: number }): { deleted: number } {
      return db
        .transaction(() => {
          const row = requireRound(db, args.roundId);
          const n = (db.prepare('SELECT count(*) AS n FROM review_comment WHERE round_id = ?').get(row.id) as { n: number }).n;
          if (n > 0) throw new ApiError('CONFLICT', `Deze ronde heeft ${n} ${n === 1 ? 'commentaar' : 'commentaren'} en wordt daarom niet verwijderd. Sluit de ronde in plaats daarvan.`);
          db.prepare('DELETE FROM review_round WHERE id = ?').run(row.id);
          audit('review_round', row.id, 'verwijderd', { titel: row.title }, new Date().toISOString());
          return { deleted: row.id };
        })
        .immediate();
    },

    invite(args: z.output<typeof reviewSchemas.invite>): ReviewRound {
      return db
        .transaction(() => {
          const round = requireRound(db, args.roundId);
          const now = new Date().toISOString();
          const id = insertInvitation(db, round.id, args, now);
          touch(round.id, now);
          audit('review_round', round.id, 'uitgenodigd', { uitnodiging: id, organisatie: args.organisationId ?? args.name }, now);
          return readRound(db, round.id);
        })
        .immediate();
    },

    updateInvitation(args: z.output<typeof reviewSchemas.updateInvitation>): ReviewRound {
      return db
        .transaction(() => {
          const row = requireInvitation(db, args.invitationId);
          const status = args.status ?? row.status;
          const contact = args.contact === undefined ? row.contact : args.contact;
          const comments = (db.prepare('SELECT count(*) AS n FROM review_comment WHERE invitation_id = ?').get(row.id) as { n: number }).n;
          if (status !== 'gereageerd' && comments > 0) {
            throw new ApiError('CONFLICT', `${row.name} heeft ${comments} ${comments === 1 ? 'commentaar' : 'commentaren'} gegeven en heeft dus gereageerd.`);
          }
          if (status === row.status && contact === row.contact) return readRound(db, row.round_id);
          const now = new Date().toISOString();
          db.prepare('UPDATE review_invitation SET status = ?, contact = ?, responded_at = ? WHERE id = ?').run(status, contact, status === 'gereageerd' ? (row.responded_at ?? now) : null, row.id);
          touch(row.round_id, now);
          audit('review_round', row.round_id, 'uitnodiging gewijzigd', { organisatie: row.name, ...(status !== row.status ? { status: { van: row.status, naar: status } } : {}) }, now);
          return readRound(db, row.round_id);
        })
        .immediate();
    },

    removeInvitation(args: { invitationId: number }): ReviewRound {
      return db
        .transaction(() => {
          const row = requireInvitation(db, args.invitationId);
          const comments = (db.prepare('SELECT count(*) AS n FROM review_comment WHERE invitation_id = ?').get(row.id) as { n: number }).n;
          if (comments > 0) throw new ApiError('CONFLICT', `${row.name} heeft al commentaar gegeven en kan niet van de ronde worden gehaald.`);
          db.prepare('DELETE FROM review_invitation WHERE id = ?').run(row.id);
          const now = new Date().toISOString();
          touch(row.round_id, now);
          audit('review_round', row.round_id, 'uitnodiging verwijderd', { organisatie: row.name }, now);
          return readRound(db, row.round_id);
        })
        .immediate();
    },

    comments(args: z.output<typeof reviewSchemas.comments>): CommentList {
      requireRound(db, args.roundId);
      if (args.invitationId !== undefined && requireInvitation(db, args.invitationId).round_id !== args.roundId) throw invalid('invitationId', 'Deze organisatie hoort niet bij deze ronde.');
      return { comments: readComments(db, args.roundId, args), counts: roundCounts(db, args.roundId) };
    },

    createComment(args: z.output<typeof reviewSchemas.createComment>): ReviewComment {
      return db
        .transaction(() => {
          const round = requireRound(db, args.roundId);
          refuseUnlessOpen(round);
          const now = new Date().toISOString();
          let span: { sectionId: number; start: number; end: number; quote: string; number: string | null; heading: string } | null = null;
          if (args.sectionId !== undefined) {
            const s = requireSection(db, args.sectionId);
            if (s.version_id !== round.version_id) throw invalid('sectionId', 'Deze passage staat niet in de conceptversie van deze ronde.');
            const at = verifySpan(s.text, args.start as number, args.end as number, args.quote as string);
            span = { sectionId: s.id, ...at, number: s.number, heading: s.heading };
          }
          let invitation: number;
          if (args.invitationId !== undefined) {
            const inv = requireInvitation(db, args.invitationId);
            if (inv.round_id !== round.id) throw invalid('invitationId', 'Deze organisatie hoort niet bij deze ronde.');
            invitation = inv.id;
          } else {
            const who = { organisationId: args.organisationId, name: args.organisation };
            invitation = findInvitation(db, round.id, who)?.id ?? insertInvitation(db, round.id, who, now, true);
          }
          const nr = takeNumbers(db, round.id, 1);
          const id = Number(
            db
              .prepare(
                `INSERT INTO review_comment (guid, round_id, nr, invitation_id, author, type, body, section_id, start_offset, end_offset, quote, section_number, section_heading, reference, created_at, created_by, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(
                randomUUID(),
                round.id,
                nr,
                invitation,
                args.author ?? null,
                args.type,
                args.body,
                span?.sectionId ?? null,
                span?.start ?? null,
                span?.end ?? null,
                span?.quote ?? null,
                span?.number ?? null,
                span?.heading ?? null,
                args.reference ?? null,
                now,
                actor(),
                now,
              ).lastInsertRowid,
          );
          markResponded(db, invitation, now);
          touch(round.id, now);
          audit('review_comment', id, 'aangemaakt', { ronde: round.id, nr, type: args.type, sectie: span?.sectionId ?? null }, now);
          return one(round.id, id);
        })
        .immediate();
    },

    updateComment(args: z.output<typeof reviewSchemas.updateComment>): ReviewComment {
      return db
        .transaction(() => {
          const row = requireComment(db, args.commentId);
          if (args.invitationId !== undefined && requireInvitation(db, args.invitationId).round_id !== row.round_id) throw invalid('invitationId', 'Deze organisatie hoort niet bij deze ronde.');
          const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
          const next = { invitation_id: pick(args.invitationId, row.invitation_id), author: pick(args.author, row.author), type: pick(args.type, row.type), body: pick(args.body, row.body), reference: pick(args.reference, row.reference) };
          const diff = Object.fromEntries((Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== row[k]).map((k) => [k, { van: row[k], naar: next[k] }]));
          if (Object.keys(diff).length === 0) return one(row.round_id, row.id);
          const now = new Date().toISOString();
          db.prepare('UPDATE review_comment SET invitation_id = ?, author = ?, type = ?, body = ?, reference = ?, updated_at = ? WHERE id = ?').run(
            next.invitation_id,
            next.author,
            next.type,
            next.body,
            next.reference,
            now,
            row.id,
          );
          if (next.invitation_id !== row.invitation_id) markResponded(db, next.invitation_id, now);
          touch(row.round_id, now);
          audit('review_comment', row.id, 'gewijzigd', { ronde: row.round_id, nr: row.nr, ...diff }, now);
          return one(row.round_id, row.id);
        })
        .immediate();
    },

    deleteComment(args: { commentId: number }): { deleted: number; nr: number } {
      return db
        .transaction(() => {
          const row = requireComment(db, args.commentId);
          db.prepare('DELETE FROM review_comment WHERE id = ?').run(row.id);
          const now = new Date().toISOString();
          touch(row.round_id, now);
          audit('review_comment', row.id, 'verwijderd', { ronde: row.round_id, nr: row.nr, commentaar: row.body }, now);
          return { deleted: row.id, nr: row.nr };
        })
        .immediate();
    },

    /** The working group's answer; answering again replaces it (the audit log keeps the earlier one). */
    answer(args: z.output<typeof reviewSchemas.answer>): ReviewComment {
      return db
        .transaction(() => {
          const row = requireComment(db, args.commentId);
          const round = requireRound(db, row.round_id);
          let change: { versionId: number; versionLabel: string; sectionId: number; number: string | null; heading: string; start: number | null; end: number | null; quote: string | null } | null = null;
          if (args.changeSectionId !== undefined) {
            const s = requireSection(db, args.changeSectionId);
            if (s.standard_id !== round.standard_id || s.version_id === round.version_id) throw invalid('changeSectionId', 'Kies de gewijzigde passage in een volgende versie van deze standaard.');
            if (round.next_version_id !== null && s.version_id !== round.next_version_id) throw invalid('changeSectionId', `Kies de gewijzigde passage in de volgende versie (${round.next_label ?? 'onbekend'}).`);
            const at = args.changeQuote === undefined ? null : verifySpan(s.text, args.changeStart as number, args.changeEnd as number, args.changeQuote);
            change = { versionId: s.version_id, versionLabel: s.label, sectionId: s.id, number: s.number, heading: s.heading, start: at?.start ?? null, end: at?.end ?? null, quote: at?.quote ?? null };
          }
          const before = db.prepare('SELECT guid, response, disposition, motivation, change_text FROM review_response WHERE comment_id = ?').get(row.id) as
            | { guid: string; response: string; disposition: Disposition; motivation: string | null; change_text: string | null }
            | undefined;
          const now = new Date().toISOString();
          db.prepare('DELETE FROM review_response WHERE comment_id = ?').run(row.id);
          db.prepare(
            `INSERT INTO review_response (guid, comment_id, response, disposition, motivation, change_text, change_version_id, change_section_id, change_start, change_end, change_quote,
                                          change_version_label, change_section_number, change_section_heading, answered_by, answered_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            before?.guid ?? randomUUID(),
            row.id,
            args.response,
            args.disposition,
            args.motivation ?? null,
            args.change ?? null,
            change?.versionId ?? null,
            change?.sectionId ?? null,
            change?.start ?? null,
            change?.end ?? null,
            change?.quote ?? null,
            change?.versionLabel ?? null,
            change?.number ?? null,
            change?.heading ?? null,
            actor(),
            now,
          );
          touch(row.round_id, now);
          audit(
            'review_comment',
            row.id,
            before ? 'antwoord gewijzigd' : 'beantwoord',
            { ronde: row.round_id, nr: row.nr, besluit: args.disposition, ...(before ? { eerder: { reactie: before.response, besluit: before.disposition, motivering: before.motivation, wijziging: before.change_text } } : {}) },
            now,
          );
          return one(row.round_id, row.id);
        })
        .immediate();
    },

    clearAnswer(args: { commentId: number }): ReviewComment {
      return db
        .transaction(() => {
          const row = requireComment(db, args.commentId);
          const before = db.prepare('SELECT response, disposition FROM review_response WHERE comment_id = ?').get(row.id) as { response: string; disposition: Disposition } | undefined;
          if (!before) return one(row.round_id, row.id);
          const now = new Date().toISOString();
          db.prepare('DELETE FROM review_response WHERE comment_id = ?').run(row.id);
          touch(row.round_id, now);
          audit('review_comment', row.id, 'antwoord ingetrokken', { ronde: row.round_id, nr: row.nr, reactie: before.response, besluit: before.disposition }, now);
          return one(row.round_id, row.id);
        })
        .immediate();
    },
  };
}
