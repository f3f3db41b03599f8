/**
 * The codebook: hierarchical tags shared by everyone in the workspace. Every write is one
 * IMMEDIATE transaction that re-reads what it checks and writes an audit entry. What happens to
 * annotations is always explicit: merge moves them, delete asks (see TagDeleteChoice).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import { TAG_DELETE_CHOICES, TAG_PALETTE, TAG_PATH_SEPARATOR, type Tag, type TagDeleteResult, type TagMergeResult } from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { getTag, insertTag, listTags, loadTagTree, nextTagOrdinal, setTagPlace, siblingNamed, tagCount, updateTagFields, type TagTree } from '../../db/queries/tags.js';

export const MAX_TAG_NAME = 100;
export const MAX_TAG_DESCRIPTION = 2000;

export const tagIdSchema = (what = 'tag') =>
  z.number({ error: `Geef het nummer van een ${what}.` }).int(`Geef het nummer van een ${what}.`).positive(`Geef het nummer van een ${what}.`).max(Number.MAX_SAFE_INTEGER);

export const tagNameSchema = z
  .string({ error: 'Geef de tag een naam.' })
  .trim()
  .min(1, 'Geef de tag een naam.')
  .max(MAX_TAG_NAME, `Een tagnaam heeft hoogstens ${MAX_TAG_NAME} tekens.`)
  .refine((v) => !v.includes(TAG_PATH_SEPARATOR), 'Een tagnaam mag geen "/" bevatten: die scheidt de niveaus in het codeboek.')
  // One spelling of "ö" (as section text is stored), so the same name is found as the same tag.
  .transform((v) => v.normalize('NFC'));

export const tagColorSchema = z
  .string({ error: 'Kies een kleur als #rrggbb, bijvoorbeeld #4e79a7.' })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Kies een kleur als #rrggbb, bijvoorbeeld #4e79a7.')
  .transform((v) => v.toLowerCase());

/** Description where "" or blank clears it; undefined leaves it alone. */
const descriptionSchema = z
  .string({ error: 'Een beschrijving is tekst.' })
  .max(MAX_TAG_DESCRIPTION, `Een beschrijving heeft hoogstens ${MAX_TAG_DESCRIPTION} tekens.`)
  .transform((v) => v.trim() || null)
  .nullable();

const choice = (message: string) => z.enum(TAG_DELETE_CHOICES, { error: message });

export const tagSchemas = {
  create: z
    .object({ name: tagNameSchema, parentId: tagIdSchema('bovenliggende tag').nullable().optional(), color: tagColorSchema.optional(), description: descriptionSchema.optional() })
    .strict(),
  update: z
    .object({ id: tagIdSchema(), name: tagNameSchema.optional(), color: tagColorSchema.optional(), description: descriptionSchema.optional() })
    .strict()
    .refine((a) => a.name !== undefined || a.color !== undefined || a.description !== undefined, { message: 'Geef een nieuwe naam, kleur of beschrijving.', path: ['name'] }),
  move: z
    .object({
      id: tagIdSchema(),
      parentId: tagIdSchema('bovenliggende tag (of null voor het hoogste niveau)').nullable(),
      position: z.number({ error: 'Een positie is een getal.' }).int('Een positie is een heel getal.').min(0, 'Een positie is 0 of meer.').optional(),
    })
    .strict(),
  merge: z
    .object({ sourceId: tagIdSchema(), targetId: tagIdSchema('doeltag') })
    .strict()
    .refine((a) => a.sourceId !== a.targetId, { message: 'Kies twee verschillende tags om samen te voegen.', path: ['targetId'] }),
  delete: z
    .object({
      id: tagIdSchema(),
      annotations: choice('Kies "verwijderen" of "naar-bovenliggende" voor de annotaties.').optional(),
      children: choice('Kies "verwijderen" of "naar-bovenliggende" voor de onderliggende tags.').optional(),
    })
    .strict(),
};

const quoteName = (name: string) => `"${name}"`;

/** Dutch "where": under which tag, or at the top level. */
function placeName(tree: TagTree, parentId: number | null): string {
  return parentId === null ? 'op het hoogste niveau' : `onder ${quoteName(tree.path(parentId))}`;
}

function requireTag(tree: TagTree, id: number, what = 'tag') {
  const row = tree.byId.get(id);
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen ${what} met nummer ${id}.`);
  return row;
}

function refuseNameClash(db: Db, tree: TagTree, parentId: number | null, name: string, exceptId: number | null): void {
  const clash = siblingNamed(db, parentId, name, exceptId);
  if (clash) throw new ApiError('CONFLICT', `Er staat al een tag ${quoteName(clash.name)} ${placeName(tree, parentId)}.`);
}

/** The next palette colour, so consecutive new tags look different. */
const nextColour = (db: Db): string => TAG_PALETTE[tagCount(db) % TAG_PALETTE.length] as string;

/** Gives a tag a name no sibling can have, so its children can take over its name before it is deleted. */
function parkName(db: Db, id: number): void {
  db.prepare("UPDATE tag SET name = '~weg-' || id WHERE id = ?").run(id);
}

/**
 * Finds or creates every level of "A/B/C" (names matched ignoring case) inside the caller's
 * transaction; returns the last tag and the paths it created. For tags made on the fly and CSV import.
 */
export function ensureTagPath(db: Db, path: string, now: string, actor: string, colour?: string): { id: number; created: string[] } {
  const names = path.normalize('NFC').split(TAG_PATH_SEPARATOR).map((n) => n.trim());
  if (names.length === 0 || names.some((n) => n === '' || n.length > MAX_TAG_NAME)) {
    throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Tag: ${quoteName(path)} is geen geldig pad (namen van 1 tot ${MAX_TAG_NAME} tekens, gescheiden door "/").`);
  }
  const created: string[] = [];
  let parentId: number | null = null;
  let soFar = '';
  for (const [i, name] of names.entries()) {
    soFar = soFar ? `${soFar}${TAG_PATH_SEPARATOR}${name}` : name;
    const existing = siblingNamed(db, parentId, name);
    if (existing) {
      parentId = existing.id;
      continue;
    }
    const last = i === names.length - 1;
    const id = insertTag(db, { guid: randomUUID(), parentId, name, color: (last && colour) || nextColour(db), description: null, origin: 'eigen', ordinal: nextTagOrdinal(db, parentId), now });
    writeAudit(db, { actor, action: 'aangemaakt', entity: 'tag', entityId: String(id), details: { pad: soFar } }, now);
    created.push(soFar);
    parentId = id;
  }
  return { id: parentId as number, created };
}

export function createTagsService(db: Db, actor: () => string) {
  const audit = (id: number, action: string, details: Record<string, unknown>, now: string) => writeAudit(db, { actor: actor(), action, entity: 'tag', entityId: String(id), details }, now);
  const fresh = (id: number): Tag => getTag(db, id) as Tag;

  /**
   * Moves everything of `sourceId` into `targetId`: children (a child whose name the target
   * already has is merged into that one, recursively), then annotations; deletes the source.
   */
  function mergeInto(sourceId: number, targetId: number, now: string, totals: { tagsMerged: number; annotationsMoved: number; duplicatesCollapsed: number }): void {
    parkName(db, sourceId);
    for (const child of db.prepare('SELECT id, name FROM tag WHERE parent_id = ? ORDER BY ordinal, id').all(sourceId) as Array<{ id: number; name: string }>) {
      const same = siblingNamed(db, targetId, child.name, child.id);
      if (same) mergeInto(child.id, same.id, now, totals);
      else setTagPlace(db, child.id, targetId, nextTagOrdinal(db, targetId), now);
    }
    const total = (db.prepare('SELECT count(*) AS n FROM annotation_tag WHERE tag_id = ?').get(sourceId) as { n: number }).n;
    const moved = db.prepare('INSERT OR IGNORE INTO annotation_tag (annotation_id, tag_id) SELECT annotation_id, ? FROM annotation_tag WHERE tag_id = ?').run(targetId, sourceId).changes;
    db.prepare('DELETE FROM annotation_tag WHERE tag_id = ?').run(sourceId);
    db.prepare('DELETE FROM tag WHERE id = ?').run(sourceId);
    totals.tagsMerged++;
    totals.annotationsMoved += moved;
    totals.duplicatesCollapsed += total - moved;
  }

  return {
    list(): Tag[] {
      return listTags(db);
    },

    create(args: z.output<typeof tagSchemas.create>): Tag {
      return db
        .transaction(() => {
          const tree = loadTagTree(db);
          const parentId = args.parentId ?? null;
          if (parentId !== null) requireTag(tree, parentId, 'bovenliggende tag');
          refuseNameClash(db, tree, parentId, args.name, null);
          const now = new Date().toISOString();
          const id = insertTag(db, {
            guid: randomUUID(),
            parentId,
            name: args.name,
            color: args.color ?? nextColour(db),
            description: args.description ?? null,
            origin: 'eigen',
            ordinal: nextTagOrdinal(db, parentId),
            now,
          });
          audit(id, 'aangemaakt', { pad: parentId === null ? args.name : `${tree.path(parentId)}${TAG_PATH_SEPARATOR}${args.name}` }, now);
          return fresh(id);
        })
        .immediate();
    },

    update(args: z.output<typeof tagSchemas.update>): Tag {
      return db
        .transaction(() => {
          const tree = loadTagTree(db);
          const row = requireTag(tree, args.id);
          const next = { name: args.name ?? row.name, color: args.color ?? row.color, description: args.description === undefined ? row.description : args.description };
          const diff: Record<string, { van: unknown; naar: unknown }> = {};
          if (next.name !== row.name) diff.naam = { van: row.name, naar: next.name };
          if (next.color !== row.color) diff.kleur = { van: row.color, naar: next.color };
          if (next.description !== row.description) diff.beschrijving = { van: row.description, naar: next.description };
          if (Object.keys(diff).length === 0) return fresh(row.id);
          if (diff.naam) refuseNameClash(db, tree, row.parent_id, next.name, row.id);
          const now = new Date().toISOString();
          updateTagFields(db, row.id, next, now);
          audit(row.id, 'gewijzigd', { pad: tree.path(row.id), ...diff }, now);
          return fresh(row.id);
        })
        .immediate();
    },

    /** Under another parent (or to the top level, parentId null), at `position` among its new siblings (default: last). */
    move(args: z.output<typeof tagSchemas.move>): Tag {
      return db
        .transaction(() => {
          const tree = loadTagTree(db);
          const row = requireTag(tree, args.id);
          const parentId = args.parentId;
          if (parentId !== null) {
            requireTag(tree, parentId, 'bovenliggende tag');
            if (tree.subtree(row.id).includes(parentId)) {
              throw new ApiError('CONFLICT', `${quoteName(row.name)} kan niet onder zichzelf of onder een van haar eigen subtags komen te staan.`);
            }
          }
          if (parentId !== row.parent_id) refuseNameClash(db, tree, parentId, row.name, row.id);
          const siblings = tree.children(parentId).map((r) => r.id).filter((id) => id !== row.id);
          const position = Math.min(args.position ?? siblings.length, siblings.length);
          const order = [...siblings.slice(0, position), row.id, ...siblings.slice(position)];
          const unchanged = parentId === row.parent_id && tree.children(parentId).map((r) => r.id).join() === order.join();
          if (unchanged) return fresh(row.id);
          const now = new Date().toISOString();
          const from = tree.path(row.id);
          setTagPlace(db, row.id, parentId, position, now);
          // The new siblings' ordinals become 0..n-1 around it; only rows that change are written.
          order.forEach((id, ordinal) => {
            if (id !== row.id && tree.byId.get(id)?.ordinal !== ordinal) db.prepare('UPDATE tag SET ordinal = ?, updated_at = ? WHERE id = ?').run(ordinal, now, id);
          });
          const after = loadTagTree(db);
          audit(row.id, 'verplaatst', { van: from, naar: after.path(row.id), positie: position }, now);
          return fresh(row.id);
        })
        .immediate();
    },

    /** The source's annotations get the target (one copy each), its children move to the target, the source goes. */
    merge(args: z.output<typeof tagSchemas.merge>): TagMergeResult {
      return db
        .transaction(() => {
          const tree = loadTagTree(db);
          const source = requireTag(tree, args.sourceId);
          const target = requireTag(tree, args.targetId, 'doeltag');
          if (tree.subtree(source.id).includes(target.id)) {
            throw new ApiError('CONFLICT', `${quoteName(source.name)} kan niet worden samengevoegd met ${quoteName(target.name)}, want die staat eronder. Verplaats ${quoteName(target.name)} eerst.`);
          }
          const now = new Date().toISOString();
          const totals = { tagsMerged: 0, annotationsMoved: 0, duplicatesCollapsed: 0 };
          const sourcePath = tree.path(source.id);
          mergeInto(source.id, target.id, now, totals);
          db.prepare('UPDATE tag SET updated_at = ? WHERE id = ?').run(now, target.id);
          audit(target.id, 'samengevoegd', { bron: sourcePath, doel: tree.path(target.id), tags: totals.tagsMerged, annotaties: totals.annotationsMoved, dubbel: totals.duplicatesCollapsed }, now);
          return { target: fresh(target.id), ...totals };
        })
        .immediate();
    },

    /**
     * Deletes a tag. Its children move up to its parent unless `children: 'verwijderen'` deletes
     * the whole subtree: the default loses nothing. Annotations with a tag that goes (if any) need
     * an explicit choice: they lose the tag — an annotation left without tags is deleted, as a
     * passage without tags has no meaning — or they get the deleted tag's parent. Without that
     * choice nothing happens and the error says how many annotations are concerned.
     */
    delete(args: z.output<typeof tagSchemas.delete>): TagDeleteResult {
      return db
        .transaction(() => {
          const tree = loadTagTree(db);
          const row = requireTag(tree, args.id);
          const children = tree.children(row.id);
          const removed = args.children === 'verwijderen' ? tree.subtree(row.id) : [row.id];
          const removedJson = JSON.stringify(removed);
          const affected = db
            .prepare('SELECT DISTINCT annotation_id AS id FROM annotation_tag WHERE tag_id IN (SELECT value FROM json_each(?))')
            .all(removedJson) as Array<{ id: string }>;
          if (affected.length > 0 && !args.annotations) {
            const message = `${removed.length > 1 ? 'Deze tags zijn' : `${quoteName(row.name)} is`} gebruikt in ${affected.length === 1 ? 'één annotatie' : `${affected.length} annotaties`}; kies of die de tag verliezen ("verwijderen") of de bovenliggende tag krijgen ("naar-bovenliggende").`;
            throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Annotaties: ${message}`, { annotations: message });
          }
          if (affected.length > 0 && args.annotations === 'naar-bovenliggende' && row.parent_id === null) {
            const message = `${quoteName(row.name)} staat op het hoogste niveau en heeft geen bovenliggende tag; kies "verwijderen" of verplaats de tag eerst.`;
            throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Annotaties: ${message}`, { annotations: message });
          }
          const now = new Date().toISOString();
          const result: TagDeleteResult = { deletedTags: removed.length, childrenMoved: 0, annotationsRetagged: 0, annotationsUntagged: 0, annotationsDeleted: 0 };
          const path = tree.path(row.id);
          const deletedAnnotations: Array<{ id: string; citaat: string; auteur: string }> = [];
          if (args.children !== 'verwijderen') {
            // Checked before anything is written; a child may take over the deleted tag's own name.
            for (const child of children) {
              const clash = siblingNamed(db, row.parent_id, child.name, child.id);
              if (clash && clash.id !== row.id) refuseNameClash(db, tree, row.parent_id, child.name, child.id);
            }
          }
          parkName(db, row.id);
          if (args.children !== 'verwijderen') {
            for (const child of children) {
              setTagPlace(db, child.id, row.parent_id, nextTagOrdinal(db, row.parent_id), now);
              result.childrenMoved++;
            }
          }
          if (affected.length > 0 && args.annotations === 'naar-bovenliggende') {
            db.prepare('INSERT OR IGNORE INTO annotation_tag (annotation_id, tag_id) SELECT DISTINCT annotation_id, ? FROM annotation_tag WHERE tag_id IN (SELECT value FROM json_each(?))').run(row.parent_id, removedJson);
            result.annotationsRetagged = affected.length;
          } else if (affected.length > 0) {
            // Annotations whose every tag is being removed go with them; the rest only lose these tags.
            const orphans = db
              .prepare(
                `SELECT a.id, a.quote, a.author FROM annotation a
                 WHERE a.id IN (SELECT annotation_id FROM annotation_tag WHERE tag_id IN (SELECT value FROM json_each(@removed)))
                   AND NOT EXISTS (SELECT 1 FROM annotation_tag t WHERE t.annotation_id = a.id AND t.tag_id NOT IN (SELECT value FROM json_each(@removed)))`,
              )
              .all({ removed: removedJson }) as Array<{ id: string; quote: string; author: string }>;
            for (const o of orphans) deletedAnnotations.push({ id: o.id, citaat: o.quote.slice(0, 200), auteur: o.author });
            db.prepare('DELETE FROM annotation WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(orphans.map((o) => o.id)));
            result.annotationsDeleted = orphans.length;
            result.annotationsUntagged = affected.length - orphans.length;
          }
          db.prepare('DELETE FROM annotation_tag WHERE tag_id IN (SELECT value FROM json_each(?))').run(removedJson);
          db.prepare('DELETE FROM tag WHERE id IN (SELECT value FROM json_each(?))').run(removedJson);
          audit(row.id, 'verwijderd', { pad: path, onderliggendeTags: args.children ?? 'naar-bovenliggende', annotaties: args.annotations ?? null, ...result, verwijderdeAnnotaties: deletedAnnotations }, now);
          return result;
        })
        .immediate();
    },
  };
}

export type TagsService = ReturnType<typeof createTagsService>;
