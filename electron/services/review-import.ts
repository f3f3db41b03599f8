/**
 * Importing a comment table into a round: a preview first (rows, warnings, errors, organisations
 * that are new to the round), then the import itself, which parses again and stores every row or
 * nothing. Organisation names in the table are matched to the round's invitations and to the
 * catalogue by name or abbreviation ("NIP" finds "Nederlands Instituut van Psychologen (NIP)").
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import type { CommentImportResult, CommentTablePreview, ParsedCommentRow } from '../../common/review.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { MAX_TABLE_BYTES, normaliseHeader, parseCommentTable } from './comment-table.js';
import { organisationNameSchema, markResponded, refuseUnlessOpen, requireRound, takeNumbers } from './review-rounds.js';
import { invalid, requiredText, rowId } from './review-schemas.js';

const MAX_BASE64 = Math.ceil(MAX_TABLE_BYTES / 3) * 4 + 4;

export const importSchemas = {
  table: z
    .object({
      roundId: rowId('commentaarronde'),
      fileName: requiredText('de bestandsnaam', 255),
      dataBase64: z.string({ error: 'Kies een bestand.' }).min(1, 'Kies een bestand.').max(MAX_BASE64, `Het bestand is groter dan ${MAX_TABLE_BYTES / 1024 / 1024} MB.`),
      /** The organisation the table is from, where it has no organisation column (or empty cells). */
      organisation: organisationNameSchema.nullable().optional(),
    })
    .strict(),
};
type TableArgs = z.output<typeof importSchemas.table>;

type Resolved = { invitationId: number; name: string } | { organisationId: string; name: string } | { name: string };

/** Resolves organisation names of a table against the round's invitations, then the catalogue. */
function resolver(db: Db, roundId: number): (text: string) => Resolved {
  const invitations = db
    .prepare('SELECT i.id, i.name, i.organisation_id, o.name AS org_name, o.abbreviation FROM review_invitation i LEFT JOIN organisation o ON o.id = i.organisation_id WHERE i.round_id = ?')
    .all(roundId) as Array<{ id: number; name: string; organisation_id: string | null; org_name: string | null; abbreviation: string | null }>;
  const organisations = db.prepare('SELECT id, name, abbreviation FROM organisation ORDER BY id').all() as Array<{ id: string; name: string; abbreviation: string | null }>;
  const keysOf = (...names: Array<string | null>) => names.filter((n): n is string => Boolean(n)).map(normaliseHeader);
  const byInvitation = new Map<string, { invitationId: number; name: string }>();
  for (const i of invitations) for (const k of keysOf(i.name, i.org_name, i.abbreviation, i.organisation_id)) if (!byInvitation.has(k)) byInvitation.set(k, { invitationId: i.id, name: i.name });
  const byOrganisation = new Map<string, { organisationId: string; name: string; keys: string[] }>();
  for (const o of organisations) {
    const name = o.abbreviation && o.abbreviation !== o.name ? `${o.name} (${o.abbreviation})` : o.name;
    const keys = keysOf(o.name, o.abbreviation, name);
    for (const k of keys) if (!byOrganisation.has(k)) byOrganisation.set(k, { organisationId: o.id, name, keys });
  }
  return (text) => {
    const key = normaliseHeader(text);
    const invited = byInvitation.get(key);
    if (invited) return invited;
    const known = byOrganisation.get(key);
    if (known) {
      // Invited under another of its names (typed "NIP", the table says the full name).
      const invitedAs = known.keys.map((k) => byInvitation.get(k)).find((v) => v !== undefined);
      return invitedAs ?? { organisationId: known.organisationId, name: known.name };
    }
    return { name: text };
  };
}

function parse(db: Db, args: TableArgs): { bytes: Uint8Array; preview: CommentTablePreview; resolve: (text: string) => Resolved } {
  const round = requireRound(db, args.roundId);
  const bytes = new Uint8Array(Buffer.from(args.dataBase64, 'base64'));
  const parsed = parseCommentTable(bytes, args.fileName, { organisation: args.organisation ?? null });
  const resolve = resolver(db, round.id);
  const fresh = new Map<string, string>();
  for (const row of parsed.rows) {
    const r = resolve(row.organisation ?? '');
    if (!('invitationId' in r)) fresh.set(normaliseHeader(r.name), r.name);
  }
  return { bytes, preview: { ...parsed, newOrganisations: [...fresh.values()] }, resolve };
}

export function createReviewImportService(db: Db, actor: () => string) {
  return {
    preview(args: TableArgs): CommentTablePreview {
      return parse(db, args).preview;
    },

    /** Stores every row of the table, or nothing: a table with errors, a closed round or a file read before is refused. */
    import(args: TableArgs): CommentImportResult {
      const { bytes, preview, resolve } = parse(db, args);
      if (preview.errors.length > 0) {
        const more = preview.errors.length > 3 ? ` En nog ${preview.errors.length - 3} andere.` : '';
        throw invalid('dataBase64', `De tabel is niet ingelezen. ${preview.errors.slice(0, 3).join(' ')}${more}`);
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return db
        .transaction(() => {
          const round = requireRound(db, args.roundId);
          refuseUnlessOpen(round);
          const earlier = db.prepare('SELECT file_name, imported_at, row_count FROM review_import WHERE round_id = ? AND sha256 = ?').get(round.id, sha256) as
            | { file_name: string; imported_at: string; row_count: number }
            | undefined;
          if (earlier) {
            throw new ApiError('CONFLICT', `Dit bestand is al ingelezen in deze ronde (${earlier.file_name}, ${earlier.imported_at.slice(0, 10)}, ${earlier.row_count} commentaren). Er is niets dubbel opgeslagen.`);
          }
          const now = new Date().toISOString();
          const importId = Number(
            db
              .prepare('INSERT INTO review_import (round_id, file_name, format, sha256, row_count, warnings, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
              .run(round.id, args.fileName, preview.format, sha256, preview.rows.length, JSON.stringify(preview.warnings), now, actor()).lastInsertRowid,
          );
          // Organisations new to the round have, by sending comments, responded.
          const invitationFor = new Map<string, number>();
          const added: string[] = [];
          const invite = db.prepare('INSERT INTO review_invitation (guid, round_id, organisation_id, name, status, invited_at, responded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
          const invitationOf = (row: ParsedCommentRow): number => {
            const r = resolve(row.organisation ?? '');
            if ('invitationId' in r) return r.invitationId;
            const key = normaliseHeader(r.name);
            const known = invitationFor.get(key);
            if (known !== undefined) return known;
            const id = Number(invite.run(randomUUID(), round.id, 'organisationId' in r ? r.organisationId : null, r.name, 'gereageerd', now, now).lastInsertRowid);
            invitationFor.set(key, id);
            added.push(r.name);
            return id;
          };
          const first = takeNumbers(db, round.id, preview.rows.length);
          const insert = db.prepare(
            `INSERT INTO review_comment (guid, round_id, nr, invitation_id, author, type, body, reference, import_id, source_row, created_at, created_by, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          );
          const touched = new Set<number>();
          preview.rows.forEach((row, k) => {
            const invitation = invitationOf(row);
            touched.add(invitation);
            insert.run(randomUUID(), round.id, first + k, invitation, row.author, row.type, row.body, row.reference, importId, row.row, now, actor(), now);
          });
          for (const id of touched) markResponded(db, id, now);
          db.prepare('UPDATE review_round SET updated_at = ? WHERE id = ?').run(now, round.id);
          writeAudit(
            db,
            { actor: actor(), action: 'commentaartabel ingelezen', entity: 'review_round', entityId: String(round.id), details: { bestand: args.fileName, formaat: preview.format, commentaren: preview.rows.length, nieuweOrganisaties: added } },
            now,
          );
          return {
            imported: preview.rows.length,
            firstNr: preview.rows.length ? first : null,
            lastNr: preview.rows.length ? first + preview.rows.length - 1 : null,
            invitationsAdded: added,
            warnings: preview.warnings,
          };
        })
        .immediate();
    },
  };
}
