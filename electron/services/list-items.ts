/**
 * Items of a list and their links to passages. An item is kept in its group (category) at a
 * position 0..n-1; every write keeps those positions gapless. A link is to an annotation (it
 * follows the annotation when re-anchoring moves it) or to a fixed span of a section, and always
 * keeps a snapshot of the quoted text so it never loses what it pointed at.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import type { BdlItem, ItemCategory } from '../../common/lists.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { getItemRow, readItem, type ItemRow } from '../../db/queries/lists.js';
import { getAnnotationRow } from '../../db/queries/tags.js';
import { verifySpan } from './annotations.js';
import { categorySchema, itemFields, MAX_STATEMENT, ordinalSchema, requiredText, rowId } from './list-schemas.js';
import { requireList } from './lists.js';

const itemId = rowId('item');
const annotationId = z.string({ error: 'Geef het id van een annotatie.' }).regex(/^[0-9a-fA-F-]{36}$/, 'Geef het id van een annotatie.');
const offset = z.number({ error: 'Geef een positie in de tekst als getal.' }).int('Geef een positie als heel getal.').min(0, 'Een positie is 0 of meer.').max(10_000_000);

export const itemSchemas = {
  create: z.object({ listId: rowId('lijst'), ...itemFields, category: categorySchema, statement: requiredText('de stelling', MAX_STATEMENT) }).strict(),
  update: z
    .object({ itemId, ...itemFields })
    .strict()
    .refine((a) => Object.keys(a).some((k) => k !== 'itemId' && a[k as keyof typeof a] !== undefined), { message: 'Geef minstens één veld om te wijzigen.', path: ['statement'] }),
  id: z.object({ itemId }).strict(),
  move: z
    .object({ itemId, category: categorySchema.optional(), ordinal: ordinalSchema.optional() })
    .strict()
    .refine((a) => a.category !== undefined || a.ordinal !== undefined, { message: 'Geef een nieuwe categorie of positie.', path: ['ordinal'] }),
  /** Either { itemId, annotationId } or { itemId, sectionId, start, end, quote }. */
  addLink: z
    .object({
      itemId,
      annotationId: annotationId.optional(),
      sectionId: rowId('sectie').optional(),
      start: offset.optional(),
      end: offset.optional(),
      quote: z.string({ error: 'Geef de geselecteerde tekst mee.' }).min(1, 'Selecteer eerst tekst.').max(50_000, 'Een citaat heeft hoogstens 50.000 tekens.').optional(),
    })
    .strict()
    .superRefine((a, ctx) => {
      const span = [a.sectionId, a.start, a.end, a.quote];
      if (a.annotationId !== undefined) {
        if (span.some((v) => v !== undefined)) ctx.addIssue({ code: 'custom', message: 'Kies een annotatie óf een passage, niet allebei.', path: ['annotationId'] });
        return;
      }
      if (span.some((v) => v === undefined)) ctx.addIssue({ code: 'custom', message: 'Kies een annotatie, of een passage (sectie, begin, einde en citaat).', path: ['annotationId'] });
      else if ((a.end as number) <= (a.start as number)) ctx.addIssue({ code: 'custom', message: 'Het einde van de selectie ligt na het begin.', path: ['end'] });
    }),
  removeLink: z.object({ linkId: rowId('link') }).strict(),
  createFromAnnotation: z.object({ listId: rowId('lijst'), annotationId, category: categorySchema }).strict(),
};

type ItemInput = z.output<typeof itemSchemas.update>;
type NewItem = Omit<ItemInput, 'itemId'> & { category: ItemCategory; statement: string };

export function requireItem(db: Db, id: number): ItemRow {
  const row = getItemRow(db, id);
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen item met nummer ${id}.`);
  return row;
}

/** Leerlijnen come from the 'leerlijn' vocabulary (the vocabulary's key is (kind, value), so no foreign key). */
function checkLeerlijnen(db: Db, values: readonly string[]): void {
  const known = new Set((db.prepare("SELECT value FROM vocabulary WHERE kind = 'leerlijn'").all() as Array<{ value: string }>).map((r) => r.value));
  const unknown = values.filter((v) => !known.has(v));
  if (unknown.length) {
    const message = `Onbekende leerlijn: ${unknown.map((v) => `"${v}"`).join(', ')}.`;
    throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Leerlijnen: ${message}`, { leerlijnen: message });
  }
}

const groupSize = (db: Db, listId: number, category: ItemCategory): number =>
  (db.prepare('SELECT count(*) AS n FROM bdl_item WHERE list_id = ? AND category = ?').get(listId, category) as { n: number }).n;

/** Takes an item out of its group's order (closing the gap), then puts it at `ordinal` in `category`. */
function place(db: Db, row: ItemRow, category: ItemCategory, ordinal: number | null): number {
  db.prepare('UPDATE bdl_item SET ordinal = ordinal - 1 WHERE list_id = ? AND category = ? AND ordinal > ? AND id <> ?').run(row.list_id, row.category, row.ordinal, row.id);
  const others = groupSize(db, row.list_id, category) - (category === row.category ? 1 : 0);
  const at = Math.min(ordinal ?? others, others);
  db.prepare('UPDATE bdl_item SET ordinal = ordinal + 1 WHERE list_id = ? AND category = ? AND ordinal >= ? AND id <> ?').run(row.list_id, category, at, row.id);
  db.prepare('UPDATE bdl_item SET category = ?, ordinal = ? WHERE id = ?').run(category, at, row.id);
  return at;
}

function setLeerlijnen(db: Db, id: number, values: readonly string[]): void {
  db.prepare('DELETE FROM bdl_item_leerlijn WHERE item_id = ?').run(id);
  const insert = db.prepare('INSERT INTO bdl_item_leerlijn (item_id, leerlijn) VALUES (?, ?)');
  for (const v of values) insert.run(id, v);
}

/** Statement prefilled from a quote: white space collapsed, cut at the limit with an ellipsis. */
export function statementFromQuote(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_STATEMENT ? flat : `${flat.slice(0, MAX_STATEMENT - 1).trimEnd()}…`;
}

export function createItemsService(db: Db, actor: () => string) {
  const audit = (id: number, action: string, details: Record<string, unknown>, now: string) => writeAudit(db, { actor: actor(), action, entity: 'bdl_item', entityId: String(id), details }, now);
  const one = (id: number): BdlItem => readItem(db, id) as BdlItem;

  function checkPilot(pilotId: number | null | undefined): void {
    if (pilotId != null && !db.prepare('SELECT 1 FROM pilot WHERE id = ?').get(pilotId)) throw new ApiError('NIET_GEVONDEN', `Er is geen pilot met nummer ${pilotId}.`);
  }

  function insertItem(listId: number, fields: NewItem, now: string): number {
    if (fields.leerlijnen) checkLeerlijnen(db, fields.leerlijnen);
    checkPilot(fields.pilotId);
    const id = Number(
      db
        .prepare(
          `INSERT INTO bdl_item (list_id, item_key, category, ordinal, statement, rationale, evidence_types, target_group, setting, use_contexts,
                                 status, knowledge_question, client_wording, pilot_id, created_at, updated_at)
           VALUES (@listId, @key, @category, @ordinal, @statement, @rationale, @evidence, @targetGroup, @setting, @contexts, @status, @question, @client, @pilot, @now, @now)`,
        )
        .run({
          listId,
          key: randomUUID(),
          category: fields.category,
          ordinal: groupSize(db, listId, fields.category),
          statement: fields.statement,
          rationale: fields.rationale ?? null,
          evidence: JSON.stringify(fields.evidenceTypes ?? []),
          targetGroup: fields.targetGroup ?? null,
          setting: fields.setting ?? null,
          contexts: JSON.stringify(fields.useContexts ?? []),
          status: fields.status ?? 'concept',
          question: fields.knowledgeQuestion ?? null,
          client: fields.clientWording ?? null,
          pilot: fields.pilotId ?? null,
          now,
        }).lastInsertRowid,
    );
    if (fields.leerlijnen) setLeerlijnen(db, id, fields.leerlijnen);
    return id;
  }

  function linkAnnotation(item: ItemRow, annotation: string, now: string): number {
    const a = getAnnotationRow(db, annotation);
    if (!a) throw new ApiError('NIET_GEVONDEN', 'Deze annotatie bestaat niet (meer).');
    if (db.prepare('SELECT 1 FROM bdl_item_link WHERE item_id = ? AND annotation_id = ?').get(item.id, a.id)) {
      throw new ApiError('CONFLICT', 'Deze annotatie is al aan het item gekoppeld.');
    }
    const label = a.version_id === null ? null : ((db.prepare('SELECT label FROM document_version WHERE id = ?').get(a.version_id) as { label: string } | undefined)?.label ?? null);
    return Number(
      db
        .prepare(
          `INSERT INTO bdl_item_link (item_id, kind, annotation_id, standard_id, version_id, section_id, start_offset, end_offset, quote, version_label, section_number, section_heading, created_at, created_by)
           VALUES (?, 'annotatie', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(item.id, a.id, a.standard_id, a.version_id, a.section_id, a.start_offset, a.end_offset, a.quote, label, a.section_number, a.section_heading, now, actor()).lastInsertRowid,
    );
  }

  function linkSpan(item: ItemRow, span: { sectionId: number; start: number; end: number; quote: string }, now: string): number {
    const section = db
      .prepare('SELECT s.id, s.version_id, s.number, s.heading, s.text, v.standard_id, v.label FROM section s JOIN document_version v ON v.id = s.version_id WHERE s.id = ?')
      .get(span.sectionId) as { id: number; version_id: number; number: string | null; heading: string; text: string; standard_id: string; label: string } | undefined;
    if (!section) throw new ApiError('NIET_GEVONDEN', `Er is geen sectie met nummer ${span.sectionId}.`);
    const at = verifySpan(section.text, span.start, span.end, span.quote);
    if (db.prepare("SELECT 1 FROM bdl_item_link WHERE item_id = ? AND kind = 'passage' AND section_id = ? AND start_offset = ? AND end_offset = ?").get(item.id, section.id, at.start, at.end)) {
      throw new ApiError('CONFLICT', 'Deze passage is al aan het item gekoppeld.');
    }
    return Number(
      db
        .prepare(
          `INSERT INTO bdl_item_link (item_id, kind, annotation_id, standard_id, version_id, section_id, start_offset, end_offset, quote, version_label, section_number, section_heading, created_at, created_by)
           VALUES (?, 'passage', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(item.id, section.standard_id, section.version_id, section.id, at.start, at.end, at.quote, section.label, section.number, section.heading, now, actor()).lastInsertRowid,
    );
  }

  return {
    create(args: z.output<typeof itemSchemas.create>): BdlItem {
      return db
        .transaction(() => {
          requireList(db, args.listId);
          const now = new Date().toISOString();
          const id = insertItem(args.listId, args, now);
          audit(id, 'aangemaakt', { lijst: args.listId, categorie: args.category, stelling: args.statement }, now);
          return one(id);
        })
        .immediate();
    },

    update(args: ItemInput): BdlItem {
      return db
        .transaction(() => {
          const row = requireItem(db, args.itemId);
          const before = one(row.id);
          if (args.leerlijnen) checkLeerlijnen(db, args.leerlijnen);
          checkPilot(args.pilotId);
          const now = new Date().toISOString();
          if (args.category !== undefined && args.category !== row.category) place(db, row, args.category, null);
          const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
          db.prepare(
            `UPDATE bdl_item SET statement = ?, rationale = ?, evidence_types = ?, target_group = ?, setting = ?, use_contexts = ?, status = ?,
                                 knowledge_question = ?, client_wording = ?, pilot_id = ? WHERE id = ?`,
          ).run(
            pick(args.statement, row.statement),
            pick(args.rationale, row.rationale),
            args.evidenceTypes ? JSON.stringify(args.evidenceTypes) : row.evidence_types,
            pick(args.targetGroup, row.target_group),
            pick(args.setting, row.setting),
            args.useContexts ? JSON.stringify(args.useContexts) : row.use_contexts,
            pick(args.status, row.status),
            pick(args.knowledgeQuestion, row.knowledge_question),
            pick(args.clientWording, row.client_wording),
            pick(args.pilotId, row.pilot_id),
            row.id,
          );
          if (args.leerlijnen) setLeerlijnen(db, row.id, args.leerlijnen);
          const after = one(row.id);
          const changed = (Object.keys(after) as Array<keyof BdlItem>).filter((k) => k !== 'updatedAt' && k !== 'ordinal' && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
          if (changed.length === 0) return before;
          db.prepare('UPDATE bdl_item SET updated_at = ? WHERE id = ?').run(now, row.id);
          audit(row.id, 'gewijzigd', Object.fromEntries(changed.map((k) => [k, { van: before[k], naar: after[k] }])), now);
          return one(row.id);
        })
        .immediate();
    },

    /** Only an item nobody voted on or discussed: otherwise the record would lose it (set it to 'vervallen'). */
    delete(args: { itemId: number }): { deleted: number } {
      return db
        .transaction(() => {
          const row = requireItem(db, args.itemId);
          const votes = (db.prepare('SELECT count(*) AS n FROM vote WHERE item_id = ?').get(row.id) as { n: number }).n;
          const notes = (db.prepare('SELECT count(*) AS n FROM dialogue_note WHERE item_id = ?').get(row.id) as { n: number }).n;
          if (votes + notes > 0) {
            throw new ApiError('CONFLICT', `Over dit item is gestemd of gesproken (${votes} stemmen, ${notes} notities); het blijft bewaard. Zet de status op "vervallen" in plaats van het te verwijderen.`);
          }
          const before = one(row.id);
          db.prepare('UPDATE bdl_item SET ordinal = ordinal - 1 WHERE list_id = ? AND category = ? AND ordinal > ?').run(row.list_id, row.category, row.ordinal);
          db.prepare('DELETE FROM bdl_item WHERE id = ?').run(row.id);
          audit(row.id, 'verwijderd', { item: before }, new Date().toISOString());
          return { deleted: row.id };
        })
        .immediate();
    },

    /** To another group and/or position; a position past the end means "last". */
    move(args: z.output<typeof itemSchemas.move>): BdlItem {
      return db
        .transaction(() => {
          const row = requireItem(db, args.itemId);
          const category = args.category ?? row.category;
          const now = new Date().toISOString();
          const at = place(db, row, category, args.ordinal ?? null);
          if (category === row.category && at === row.ordinal) return one(row.id);
          db.prepare('UPDATE bdl_item SET updated_at = ? WHERE id = ?').run(now, row.id);
          audit(row.id, 'verplaatst', { van: { categorie: row.category, positie: row.ordinal }, naar: { categorie: category, positie: at } }, now);
          return one(row.id);
        })
        .immediate();
    },

    addLink(args: z.output<typeof itemSchemas.addLink>): BdlItem {
      return db
        .transaction(() => {
          const item = requireItem(db, args.itemId);
          const now = new Date().toISOString();
          const linkId =
            args.annotationId !== undefined
              ? linkAnnotation(item, args.annotationId, now)
              : linkSpan(item, { sectionId: args.sectionId as number, start: args.start as number, end: args.end as number, quote: args.quote as string }, now);
          audit(item.id, 'link toegevoegd', { link: linkId, annotatie: args.annotationId ?? null, sectie: args.sectionId ?? null }, now);
          return one(item.id);
        })
        .immediate();
    },

    removeLink(args: { linkId: number }): BdlItem {
      return db
        .transaction(() => {
          const link = db.prepare('SELECT * FROM bdl_item_link WHERE id = ?').get(args.linkId) as { item_id: number; quote: string; annotation_id: string | null; standard_id: string } | undefined;
          if (!link) throw new ApiError('NIET_GEVONDEN', `Er is geen link met nummer ${args.linkId}.`);
          db.prepare('DELETE FROM bdl_item_link WHERE id = ?').run(args.linkId);
          audit(link.item_id, 'link verwijderd', { link: args.linkId, standaard: link.standard_id, annotatie: link.annotation_id, citaat: link.quote.slice(0, 200) }, new Date().toISOString());
          return one(link.item_id);
        })
        .immediate();
    },

    /** "Maak een item van deze passage": the statement is the quote (to rewrite), and the item links the annotation. */
    createFromAnnotation(args: z.output<typeof itemSchemas.createFromAnnotation>): BdlItem {
      return db
        .transaction(() => {
          requireList(db, args.listId);
          const a = getAnnotationRow(db, args.annotationId);
          if (!a) throw new ApiError('NIET_GEVONDEN', 'Deze annotatie bestaat niet (meer).');
          const now = new Date().toISOString();
          const id = insertItem(args.listId, { category: args.category, statement: statementFromQuote(a.quote) }, now);
          linkAnnotation(requireItem(db, id), a.id, now);
          audit(id, 'aangemaakt', { lijst: args.listId, categorie: args.category, uitAnnotatie: a.id }, now);
          return one(id);
        })
        .immediate();
    },
  };
}
