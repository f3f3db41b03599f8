/**
 * Lists (Lijsten): versions of a beter doen/laten/onderzoeken list, a new version copied from the
 * previous one, and the differences between them. Every write is one IMMEDIATE transaction that
 * re-reads what it checks and writes an audit entry. Items and links: list-items.ts.
 */
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import { LIST_STATUSES, type BdlItem, type BdlList, type ListDiff } from '../../common/lists.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { getListRow, readItems, readLists, type ListRow } from '../../db/queries/lists.js';
import { clearableText, MAX_LONG_TEXT, requiredText, rowId } from './list-schemas.js';

const listId = rowId('lijst');
const versionLabel = requiredText('een versienaam (bijvoorbeeld "Conceptlijst Q1 2026")', 100);

export const listSchemas = {
  create: z.object({ title: requiredText('een titel', 300), versionLabel, description: clearableText(MAX_LONG_TEXT) }).strict(),
  get: z.object({ listId }).strict(),
  update: z
    .object({
      listId,
      title: requiredText('een titel', 300).optional(),
      versionLabel: versionLabel.optional(),
      status: z.enum(LIST_STATUSES, { error: 'Kies concept, in consultatie, vastgesteld of gearchiveerd.' }).optional(),
      description: clearableText(MAX_LONG_TEXT),
    })
    .strict()
    .refine((a) => a.title !== undefined || a.versionLabel !== undefined || a.status !== undefined || a.description !== undefined, {
      message: 'Geef een nieuwe titel, versienaam, status of beschrijving.',
      path: ['title'],
    }),
  newVersion: z.object({ listId, versionLabel }).strict(),
};

export function requireList(db: Db, id: number): ListRow {
  const row = getListRow(db, id);
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen lijst met nummer ${id}.`);
  return row;
}

/** Versions of one list need different labels, or exports and the diff could not tell them apart. */
function refuseTakenLabel(db: Db, seriesId: number, label: string, exceptId: number | null): void {
  const taken = db.prepare('SELECT id FROM bdl_list WHERE series_id = ? AND version_label = ? COLLATE NOCASE AND id IS NOT ?').get(seriesId, label, exceptId);
  if (taken) throw new ApiError('CONFLICT', `Deze lijst heeft al een versie "${label}". Kies een andere versienaam.`);
}

/** The fields the diff compares; ordinal is left out (reordering is not a change of content). */
const DIFF_FIELDS = ['category', 'statement', 'rationale', 'evidenceTypes', 'targetGroup', 'setting', 'useContexts', 'status', 'knowledgeQuestion', 'clientWording', 'leerlijnen', 'links'] as const;

const comparable = (item: BdlItem, field: (typeof DIFF_FIELDS)[number]): string =>
  field === 'links' ? JSON.stringify(item.links.map((l) => [l.kind, l.annotationId, l.kind === 'passage' ? l.sectionId : null, l.quote]).sort()) : JSON.stringify(item[field]);

export function diffItems(before: readonly BdlItem[], after: readonly BdlItem[]): ListDiff {
  const old = new Map(before.map((i) => [i.itemKey, i]));
  const current = new Set(after.map((i) => i.itemKey));
  const diff: ListDiff = { added: [], removed: before.filter((i) => !current.has(i.itemKey)), changed: [], unchanged: 0 };
  for (const item of after) {
    const was = old.get(item.itemKey);
    if (!was) {
      diff.added.push(item);
      continue;
    }
    const fields = DIFF_FIELDS.filter((f) => comparable(was, f) !== comparable(item, f));
    if (fields.length) diff.changed.push({ before: was, after: item, fields: [...fields] });
    else diff.unchanged++;
  }
  return diff;
}

export function createListsService(db: Db, actor: () => string) {
  const audit = (id: number, action: string, details: Record<string, unknown>, now: string) => writeAudit(db, { actor: actor(), action, entity: 'bdl_list', entityId: String(id), details }, now);
  const one = (id: number): BdlList => readLists(db, id)[0] as BdlList;

  return {
    list: (): BdlList[] => readLists(db),

    get(args: { listId: number }): { list: BdlList; items: BdlItem[] } {
      requireList(db, args.listId);
      return { list: one(args.listId), items: readItems(db, { listId: args.listId }) };
    },

    create(args: z.output<typeof listSchemas.create>): BdlList {
      return db
        .transaction(() => {
          const now = new Date().toISOString();
          // The first version is its own series; its id is chosen here so one insert can say so.
          // After the highest id ever given (sqlite_sequence, migration 008), so no id comes back.
          const id = (
            db
              .prepare("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'bdl_list'), 0), coalesce((SELECT max(id) FROM bdl_list), 0)) + 1 AS id")
              .get() as { id: number }
          ).id;
          db.prepare(
            `INSERT INTO bdl_list (id, series_id, title, version_label, status, previous_list_id, description, created_at, created_by, updated_at)
             VALUES (?, ?, ?, ?, 'concept', NULL, ?, ?, ?, ?)`,
          ).run(id, id, args.title, args.versionLabel, args.description ?? null, now, actor(), now);
          audit(id, 'aangemaakt', { titel: args.title, versie: args.versionLabel }, now);
          return one(id);
        })
        .immediate();
    },

    update(args: z.output<typeof listSchemas.update>): BdlList {
      return db
        .transaction(() => {
          const row = requireList(db, args.listId);
          const next = {
            title: args.title ?? row.title,
            version_label: args.versionLabel ?? row.version_label,
            status: args.status ?? row.status,
            description: args.description === undefined ? row.description : args.description,
          };
          const diff = Object.fromEntries(
            (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== row[k]).map((k) => [k, { van: row[k], naar: next[k] }]),
          );
          if (Object.keys(diff).length === 0) return one(row.id);
          if (next.version_label !== row.version_label) refuseTakenLabel(db, row.series_id, next.version_label, row.id);
          const now = new Date().toISOString();
          db.prepare('UPDATE bdl_list SET title = ?, version_label = ?, status = ?, description = ?, updated_at = ? WHERE id = ?').run(
            next.title,
            next.version_label,
            next.status,
            next.description,
            now,
            row.id,
          );
          audit(row.id, 'gewijzigd', diff, now);
          return one(row.id);
        })
        .immediate();
    },

    /**
     * A new version: every item copied with the same itemKey, with its links, leerlijnen and
     * recorded dissent. Votes and dialogue sessions stay with the version they were about.
     */
    newVersion(args: z.output<typeof listSchemas.newVersion>): BdlList {
      return db
        .transaction(() => {
          const from = requireList(db, args.listId);
          refuseTakenLabel(db, from.series_id, args.versionLabel, null);
          const now = new Date().toISOString();
          const id = Number(
            db
              .prepare(
                `INSERT INTO bdl_list (series_id, title, version_label, status, previous_list_id, description, created_at, created_by, updated_at)
                 VALUES (?, ?, ?, 'concept', ?, ?, ?, ?, ?)`,
              )
              .run(from.series_id, from.title, args.versionLabel, from.id, from.description, now, actor(), now).lastInsertRowid,
          );
          const items = db
            .prepare(
              `INSERT INTO bdl_item (list_id, item_key, category, ordinal, statement, rationale, evidence_types, target_group, setting, use_contexts,
                                     status, knowledge_question, client_wording, pilot_id, dissent, created_at, updated_at)
               SELECT ?, item_key, category, ordinal, statement, rationale, evidence_types, target_group, setting, use_contexts,
                      status, knowledge_question, client_wording, pilot_id, dissent, ?, ? FROM bdl_item WHERE list_id = ? ORDER BY id`,
            )
            .run(id, now, now, from.id).changes;
          // Old item → new item by their shared key.
          const pairs = `SELECT o.id AS old_id, n.id AS new_id FROM bdl_item o JOIN bdl_item n ON n.list_id = @to AND n.item_key = o.item_key WHERE o.list_id = @from`;
          const links = db
            .prepare(
              `INSERT INTO bdl_item_link (item_id, kind, annotation_id, standard_id, version_id, section_id, start_offset, end_offset, quote,
                                          version_label, section_number, section_heading, created_at, created_by)
               SELECT p.new_id, l.kind, l.annotation_id, l.standard_id, l.version_id, l.section_id, l.start_offset, l.end_offset, l.quote,
                      l.version_label, l.section_number, l.section_heading, l.created_at, l.created_by
               FROM bdl_item_link l JOIN (${pairs}) p ON p.old_id = l.item_id ORDER BY l.id`,
            )
            .run({ from: from.id, to: id }).changes;
          db.prepare(`INSERT INTO bdl_item_leerlijn (item_id, leerlijn) SELECT p.new_id, il.leerlijn FROM bdl_item_leerlijn il JOIN (${pairs}) p ON p.old_id = il.item_id`).run({
            from: from.id,
            to: id,
          });
          audit(id, 'nieuwe versie', { van: from.id, versie: args.versionLabel, items, links }, now);
          return one(id);
        })
        .immediate();
    },

    /** Differences from the previous version, matched by itemKey; a first version shows all its items as added. */
    diff(args: { listId: number }): ListDiff {
      const row = requireList(db, args.listId);
      const before = row.previous_list_id === null ? [] : readItems(db, { listId: row.previous_list_id });
      return diffItems(before, readItems(db, { listId: row.id }));
    },
  };
}
