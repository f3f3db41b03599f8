/**
 * Dialogue sessions (Dialoogsessies) about a list: date, delegates per perspective, and per item
 * discussed a note and what changed as a result. The change itself is made to the item by the UI
 * (items.update); the session keeps the text, so the record says why an item changed.
 */
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import type { Delegate, DialogueSession } from '../../common/lists.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { requireItem } from './list-items.js';
import { clearableText, dateSchema, MAX_LONG_TEXT, perspectiveSchema, requiredText, rowId } from './list-schemas.js';
import { requireList } from './lists.js';

const sessionId = rowId('dialoogsessie');
const delegatesSchema = z
  .array(
    z
      .object({
        name: requiredText('de naam van de afgevaardigde', 100),
        perspective: perspectiveSchema,
        organisation: clearableText(200),
      })
      .strict(),
    { error: 'Geef een lijst van afgevaardigden.' },
  )
  .max(200, 'Hoogstens 200 afgevaardigden per sessie.')
  .refine((list) => new Set(list.map((d) => d.name.toLocaleLowerCase('nl'))).size === list.length, 'Elke afgevaardigde staat er één keer in.');

export const dialogueSchemas = {
  list: z.object({ listId: rowId('lijst') }).strict(),
  create: z.object({ listId: rowId('lijst'), date: dateSchema, title: requiredText('een titel', 300), delegates: delegatesSchema.default([]) }).strict(),
  update: z
    .object({ sessionId, date: dateSchema.optional(), title: requiredText('een titel', 300).optional(), delegates: delegatesSchema.optional() })
    .strict()
    .refine((a) => a.date !== undefined || a.title !== undefined || a.delegates !== undefined, { message: 'Geef een nieuwe datum, titel of afgevaardigden.', path: ['title'] }),
  addNote: z.object({ sessionId, itemId: rowId('item'), note: requiredText('een notitie', MAX_LONG_TEXT), change: clearableText(MAX_LONG_TEXT) }).strict(),
};

interface SessionRow { id: number; list_id: number; date: string; title: string; created_at: string }

function readSessions(db: Db, where: { listId: number } | { sessionId: number }): DialogueSession[] {
  const rows = ('listId' in where
    ? db.prepare('SELECT * FROM dialogue_session WHERE list_id = ? ORDER BY date, id').all(where.listId)
    : db.prepare('SELECT * FROM dialogue_session WHERE id = ?').all(where.sessionId)) as SessionRow[];
  const delegates = db.prepare('SELECT name, perspective, organisation FROM dialogue_delegate WHERE session_id = ? ORDER BY ordinal, id');
  const notes = db.prepare('SELECT item_id AS itemId, note, change FROM dialogue_note WHERE session_id = ? ORDER BY id');
  return rows.map((r) => ({
    id: r.id,
    listId: r.list_id,
    date: r.date,
    title: r.title,
    delegates: delegates.all(r.id) as Delegate[],
    notes: notes.all(r.id) as DialogueSession['notes'],
    createdAt: r.created_at,
  }));
}

export function createDialogueService(db: Db, actor: () => string) {
  const audit = (id: number, action: string, details: Record<string, unknown>, now: string) => writeAudit(db, { actor: actor(), action, entity: 'dialogue_session', entityId: String(id), details }, now);
  const one = (id: number) => readSessions(db, { sessionId: id })[0] as DialogueSession;

  function requireSession(id: number): SessionRow {
    const row = db.prepare('SELECT * FROM dialogue_session WHERE id = ?').get(id) as SessionRow | undefined;
    if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen dialoogsessie met nummer ${id}.`);
    return row;
  }

  function setDelegates(id: number, delegates: ReadonlyArray<{ name: string; perspective: Delegate['perspective']; organisation?: string | null | undefined }>): void {
    db.prepare('DELETE FROM dialogue_delegate WHERE session_id = ?').run(id);
    const insert = db.prepare('INSERT INTO dialogue_delegate (session_id, ordinal, name, perspective, organisation) VALUES (?, ?, ?, ?, ?)');
    delegates.forEach((d, i) => insert.run(id, i, d.name, d.perspective, d.organisation ?? null));
  }

  return {
    list(args: { listId: number }): DialogueSession[] {
      requireList(db, args.listId);
      return readSessions(db, { listId: args.listId });
    },

    create(args: z.output<typeof dialogueSchemas.create>): DialogueSession {
      return db
        .transaction(() => {
          requireList(db, args.listId);
          const now = new Date().toISOString();
          const id = Number(
            db.prepare('INSERT INTO dialogue_session (list_id, date, title, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(args.listId, args.date, args.title, now, actor(), now).lastInsertRowid,
          );
          setDelegates(id, args.delegates);
          audit(id, 'aangemaakt', { lijst: args.listId, datum: args.date, titel: args.title, afgevaardigden: args.delegates.length }, now);
          return one(id);
        })
        .immediate();
    },

    update(args: z.output<typeof dialogueSchemas.update>): DialogueSession {
      return db
        .transaction(() => {
          const row = requireSession(args.sessionId);
          const before = one(row.id);
          const now = new Date().toISOString();
          db.prepare('UPDATE dialogue_session SET date = ?, title = ?, updated_at = ? WHERE id = ?').run(args.date ?? row.date, args.title ?? row.title, now, row.id);
          if (args.delegates) setDelegates(row.id, args.delegates);
          const after = one(row.id);
          audit(row.id, 'gewijzigd', { van: { datum: before.date, titel: before.title, afgevaardigden: before.delegates }, naar: { datum: after.date, titel: after.title, afgevaardigden: after.delegates } }, now);
          return after;
        })
        .immediate();
    },

    addNote(args: z.output<typeof dialogueSchemas.addNote>): DialogueSession {
      return db
        .transaction(() => {
          const session = requireSession(args.sessionId);
          const item = requireItem(db, args.itemId);
          if (item.list_id !== session.list_id) throw new ApiError('CONFLICT', 'Dit item hoort niet bij de lijst van deze dialoogsessie.');
          const now = new Date().toISOString();
          db.prepare('INSERT INTO dialogue_note (session_id, item_id, note, change, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(session.id, item.id, args.note, args.change ?? null, now, actor());
          audit(session.id, 'notitie', { item: item.id, notitie: args.note.slice(0, 200), wijziging: args.change ?? null }, now);
          return one(session.id);
        })
        .immediate();
    },
  };
}
