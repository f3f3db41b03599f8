/**
 * Annotations: one author's tags on a span of section text. Offsets are UTF-16 code units into
 * section.text and are checked against the text on every write (the quote must be exactly what
 * is there), so what the reading view highlights is what was tagged. An annotation belongs to its
 * author: only they change, place or delete it — other people tag independently (agreement).
 * This module also keeps annotations right when the text under them changes: structure edits
 * (merge, split) and a new version that replaces the old one (re-anchoring).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TAG_PATH_SEPARATOR, type AnchoringCounts, type Annotation, type UnplacedAnnotation } from '../../common/tags.js';
import { ApiError } from '../../common/errors.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { getVersion, listSections } from '../../db/queries/documents.js';
import { standardIdExists } from '../../db/queries/standards.js';
import {
  annotationRowsForSection,
  annotationRowsForVersion,
  getAnnotationRow,
  insertAnnotation,
  loadTagTree,
  loosenAnnotation,
  placeAnnotation,
  setAnnotationTags,
  withTags,
  type AnnotationRow,
} from '../../db/queries/tags.js';
import { anchor, contextOf, createAnchorer, placeAfterSplit, trimSpan, type AnchorSection, type AnchorTarget } from './anchoring.js';
import { ensureTagPath, MAX_TAG_NAME, tagIdSchema } from './tags.js';
import { optionalText } from './validation.js';

const MAX_QUOTE = 50_000;
const MAX_NOTE = 5000;

const rowId = (what: string) =>
  z.number({ error: `Geef het nummer van een ${what}.` }).int(`Geef het nummer van een ${what}.`).positive(`Geef het nummer van een ${what}.`).max(Number.MAX_SAFE_INTEGER);
const annotationId = z.string({ error: 'Geef het id van een annotatie.' }).regex(/^[0-9a-fA-F-]{36}$/, 'Geef het id van een annotatie.');
const offset = (label: string) => z.number({ error: `Geef ${label} als getal.` }).int(`Geef ${label} als heel getal.`).min(0, `${label[0]?.toUpperCase()}${label.slice(1)} is 0 of meer.`).max(10_000_000);
const quote = z.string({ error: 'Geef de geselecteerde tekst mee.' }).min(1, 'Selecteer eerst tekst.').max(MAX_QUOTE, `Een citaat heeft hoogstens ${MAX_QUOTE.toLocaleString('nl-NL')} tekens.`);
const tagIds = z.array(tagIdSchema(), { error: 'Geef een lijst van tags.' }).max(50, 'Hoogstens 50 tags per annotatie.');
/** A name, or a path "Groep/Naam" whose missing levels are made too; checked here so a bad one writes nothing. */
const newTagNames = z
  .array(
    z
      .string({ error: 'Een nieuwe tag is tekst.' })
      .trim()
      .min(1, 'Geef de nieuwe tag een naam.')
      .max(400, 'Een nieuwe tag heeft hoogstens 400 tekens.')
      .refine((path) => path.split(TAG_PATH_SEPARATOR).every((n) => n.trim().length > 0 && n.trim().length <= MAX_TAG_NAME), {
        message: `Geef een naam, of een pad van namen (1 tot ${MAX_TAG_NAME} tekens) gescheiden door "/".`,
      }),
    { error: 'Geef een lijst van nieuwe tags.' },
  )
  .max(20, 'Hoogstens 20 nieuwe tags tegelijk.');
const author = z.string({ error: 'Geef de naam van een auteur.' }).trim().min(1, 'Geef de naam van een auteur.').max(100, 'Een naam heeft hoogstens 100 tekens.');
/** In an update: undefined leaves the note alone, "" or null clears it. */
const noteUpdate = z
  .string({ error: 'Een notitie is tekst.' })
  .max(MAX_NOTE, `Maximaal ${MAX_NOTE} tekens.`)
  .transform((v) => v.trim() || null)
  .nullable()
  .optional();

const span = { sectionId: rowId('sectie'), start: offset('het begin'), end: offset('het einde'), quote };
const endAfterStart = { message: 'Het einde van de selectie ligt na het begin.', path: ['end'] };

export const annotationSchemas = {
  create: z
    .object({ ...span, tagIds: tagIds.optional(), newTagNames: newTagNames.optional(), note: optionalText(MAX_NOTE) })
    .strict()
    .refine((a) => a.end > a.start, endAfterStart)
    .refine((a) => (a.tagIds?.length ?? 0) + (a.newTagNames?.length ?? 0) > 0, { message: 'Kies minstens één tag, of maak er een.', path: ['tagIds'] }),
  update: z
    .object({ id: annotationId, note: noteUpdate, tagIds: tagIds.optional(), newTagNames: newTagNames.optional() })
    .strict()
    .refine((a) => a.note !== undefined || a.tagIds !== undefined || a.newTagNames !== undefined, { message: 'Geef een nieuwe notitie of nieuwe tags.', path: ['note'] }),
  id: z.object({ id: annotationId }).strict(),
  listForVersion: z.object({ versionId: rowId('versie'), author: author.optional() }).strict(),
  unplaced: z.object({ standardId: z.string({ error: 'Geef het id van een standaard.' }).min(1, 'Geef het id van een standaard.').max(120).optional() }).strict().default({}),
  place: z.object({ id: annotationId, ...span }).strict().refine((a) => a.end > a.start, endAfterStart),
};

interface SectionForSpan {
  id: number;
  version_id: number;
  number: string | null;
  heading: string;
  text: string;
  standard_id: string;
}

const sectionForSpan = (db: Db, id: number): SectionForSpan | null =>
  (db.prepare('SELECT s.id, s.version_id, s.number, s.heading, s.text, v.standard_id FROM section s JOIN document_version v ON v.id = s.version_id WHERE s.id = ?').get(id) as
    | SectionForSpan
    | undefined) ?? null;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Checks a selection against the section's text as stored now, and trims white space off its
 * ends. Throws the Dutch error the user sees when the text moved under the selection.
 */
export function verifySpan(text: string, start: number, end: number, quoteText: string): { start: number; end: number; quote: string } {
  if (end > text.length) {
    const message = `Het einde ligt voorbij de tekst van de sectie (${text.length} tekens).`;
    throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Einde: ${message}`, { end: message });
  }
  // Half an emoji is not text: a selection edge between the two halves of a surrogate pair is refused.
  if (isLowSurrogate(text.charCodeAt(start)) || (end < text.length && isLowSurrogate(text.charCodeAt(end)))) {
    const message = 'De selectie begint of eindigt midden in een teken.';
    throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Begin: ${message}`, { start: message });
  }
  if (text.slice(start, end) !== quoteText) {
    throw new ApiError('CONFLICT', 'De geselecteerde tekst komt niet overeen met de tekst van de sectie; die is misschien intussen gewijzigd. Laad de sectie opnieuw en selecteer de tekst opnieuw.');
  }
  const trimmed = trimSpan(text, start, end);
  if (!trimmed) {
    const message = 'Selecteer tekst, niet alleen witruimte.';
    throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Citaat: ${message}`, { quote: message });
  }
  return { ...trimmed, quote: text.slice(trimmed.start, trimmed.end) };
}

/** Where an annotation is on a section: offsets, quote and the context as it is there now. */
function placementOn(section: { id: number; version_id: number; number: string | null; heading: string; text: string }, start: number, end: number, state: 'geplaatst' | 'verplaatst') {
  return {
    versionId: section.version_id,
    sectionId: section.id,
    start,
    end,
    quote: section.text.slice(start, end),
    ...contextOf(section.text, start, end),
    sectionNumber: section.number,
    sectionHeading: section.heading,
    state,
  };
}

// ---------------------------------------------------------------------------------------------
// Keeping annotations right when structure edits change a section's text (inside their transaction)

/** After a merge: the second section's annotations move into the first, `shift` code units on. */
export function moveAnnotationsOnMerge(db: Db, fromSectionId: number, intoSectionId: number, shift: number): number {
  const moved = db
    .prepare('UPDATE annotation SET section_id = ?, start_offset = start_offset + ?, end_offset = end_offset + ? WHERE section_id = ?')
    .run(intoSectionId, shift, shift, fromSectionId).changes;
  refreshAnnotationContext(db, intoSectionId);
  return moved;
}

/**
 * After a split of a section whose text was `before`: annotations in the head stay, those in the
 * tail move to the new section with shifted offsets, and one that covers the cut becomes 'los'
 * (its quote, context and tags kept) so its author places it again — clipping it would silently
 * change what was tagged. Returns how many became 'los'.
 */
export function moveAnnotationsOnSplit(db: Db, sectionId: number, before: string, newSectionId: number): number {
  const head = sectionForSpan(db, sectionId) as SectionForSpan;
  const tail = sectionForSpan(db, newSectionId) as SectionForSpan;
  let loose = 0;
  for (const row of annotationRowsForSection(db, sectionId)) {
    const where = placeAfterSplit(before, head.text, tail.text, { start: row.start_offset as number, end: row.end_offset as number });
    if (where === 'straddles') {
      loosenAnnotation(db, row.id, head.version_id);
      loose++;
    } else if (where?.part === 'tail') {
      placeAnnotation(db, row.id, placementOn(tail, where.start, where.end, row.anchor_state === 'verplaatst' ? 'verplaatst' : 'geplaatst'));
    } else if (where === null) {
      // Not expected (head and tail are always a prefix and a suffix); find the quote instead.
      const found = anchor(anchorTarget(row, head.number, head.heading), [head, tail].map(toAnchorSection));
      if (found && found.exact) placeAnnotation(db, row.id, placementOn(found.sectionId === head.id ? head : tail, found.start, found.end, 'geplaatst'));
      else {
        loosenAnnotation(db, row.id, head.version_id);
        loose++;
      }
    }
  }
  refreshAnnotationContext(db, sectionId);
  return loose;
}

/** A section got a new heading or number: its annotations' copy of where they are follows. */
export function relabelAnnotations(db: Db, sectionId: number, number: string | null, heading: string): void {
  db.prepare('UPDATE annotation SET section_number = ?, section_heading = ? WHERE section_id = ? AND (section_number IS NOT ? OR section_heading IS NOT ?)').run(number, heading, sectionId, number, heading);
}

/** Recomputes prefix/suffix and the section label of a section's annotations from its current text. */
export function refreshAnnotationContext(db: Db, sectionId: number): void {
  const section = sectionForSpan(db, sectionId);
  if (!section) return;
  const update = db.prepare('UPDATE annotation SET prefix = ?, suffix = ?, section_number = ?, section_heading = ? WHERE id = ?');
  for (const row of annotationRowsForSection(db, sectionId)) {
    const { prefix, suffix } = contextOf(section.text, row.start_offset as number, row.end_offset as number);
    update.run(prefix, suffix, section.number, section.heading, row.id);
  }
}

// ---------------------------------------------------------------------------------------------
// Re-anchoring onto a new version (inside the import's transaction)

const toAnchorSection = (s: { id: number; number: string | null; heading: string; text: string }): AnchorSection => ({ id: s.id, number: s.number, heading: s.heading, text: s.text });

function anchorTarget(row: AnnotationRow, number: string | null, heading: string | null, oldText: string | null = null): AnchorTarget {
  return {
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    sectionNumber: number ?? row.section_number,
    sectionHeading: heading ?? row.section_heading,
    start: row.start_offset,
    end: row.end_offset,
    oldText,
  };
}

/**
 * Carries every annotation of `fromVersionId` over to `toVersionId` (a new version of the same
 * standard that replaces it): found exactly → 'geplaatst', found on changed text → 'verplaatst'
 * (quote becomes the new text, the first quote is kept), not found → 'los' on the new version,
 * listed for placing by hand. Nothing is dropped. Returns the counts for the import job.
 */
export function reanchorVersion(db: Db, fromVersionId: number, toVersionId: number): AnchoringCounts & { unplacedIds: string[] } {
  const rows = db
    .prepare(
      `SELECT a.*, s.number AS live_number, s.heading AS live_heading, s.text AS live_text
       FROM annotation a LEFT JOIN section s ON s.id = a.section_id WHERE a.version_id = ? ORDER BY s.ordinal, a.start_offset, a.id`,
    )
    .all(fromVersionId) as Array<AnnotationRow & { live_number: string | null; live_heading: string | null; live_text: string | null }>;
  const counts = { placed: 0, moved: 0, unplaced: 0, unplacedIds: [] as string[] };
  if (rows.length === 0) return counts;
  const sections = db.prepare('SELECT id, version_id, number, heading, text FROM section WHERE version_id = ? ORDER BY ordinal').all(toVersionId) as Array<Omit<SectionForSpan, 'standard_id'>>;
  const byId = new Map(sections.map((s) => [s.id, s]));
  const anchorOne = createAnchorer(sections.map(toAnchorSection));
  for (const row of rows) {
    const live = row.live_heading !== null;
    const found = anchorOne(anchorTarget(row, live ? row.live_number : null, live ? row.live_heading : null, row.live_text));
    if (found) {
      placeAnnotation(db, row.id, placementOn(byId.get(found.sectionId) as SectionForSpan, found.start, found.end, found.exact ? 'geplaatst' : 'verplaatst'), fromVersionId);
      if (found.exact) counts.placed++;
      else counts.moved++;
    } else {
      loosenAnnotation(db, row.id, toVersionId, fromVersionId);
      counts.unplaced++;
      counts.unplacedIds.push(row.id);
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------

export function createAnnotationsService(db: Db, actor: () => string) {
  const audit = (id: string, action: string, details: Record<string, unknown>, now: string) => writeAudit(db, { actor: actor(), action, entity: 'annotation', entityId: id, details }, now);

  const one = (id: string): Annotation => withTags(db, [getAnnotationRow(db, id) as AnnotationRow])[0] as Annotation;

  function requireSection(id: number): SectionForSpan {
    const section = sectionForSpan(db, id);
    if (!section) throw new ApiError('NIET_GEVONDEN', `Er is geen sectie met nummer ${id}.`);
    return section;
  }

  /** The annotation, if the current user is its author. */
  function requireOwn(id: string): AnnotationRow {
    const row = getAnnotationRow(db, id);
    if (!row) throw new ApiError('NIET_GEVONDEN', 'Deze annotatie bestaat niet (meer).');
    if (row.author !== actor()) {
      throw new ApiError('CONFLICT', `Deze annotatie is van ${row.author}. Alleen de auteur kan haar wijzigen, plaatsen of verwijderen; maak zo nodig je eigen annotatie.`);
    }
    return row;
  }

  /** Existing tag ids plus tags made on the fly from names or paths ("Leerlijnen/Nieuw"). */
  function resolveTags(ids: readonly number[], names: readonly string[], now: string): { ids: number[]; created: string[] } {
    const tree = loadTagTree(db);
    for (const id of ids) if (!tree.byId.has(id)) throw new ApiError('NIET_GEVONDEN', `Er is geen tag met nummer ${id}.`);
    const created: string[] = [];
    const all = [...ids];
    for (const name of names) {
      const made = ensureTagPath(db, name, now, actor());
      created.push(...made.created);
      all.push(made.id);
    }
    return { ids: [...new Set(all)], created };
  }

  return {
    create(args: z.output<typeof annotationSchemas.create>): Annotation {
      return db
        .transaction(() => {
          const section = requireSection(args.sectionId);
          const at = verifySpan(section.text, args.start, args.end, args.quote);
          const now = new Date().toISOString();
          const tags = resolveTags(args.tagIds ?? [], args.newTagNames ?? [], now);
          const id = randomUUID();
          insertAnnotation(db, {
            id,
            standardId: section.standard_id,
            versionId: section.version_id,
            sectionId: section.id,
            start: at.start,
            end: at.end,
            quote: at.quote,
            ...contextOf(section.text, at.start, at.end),
            sectionNumber: section.number,
            sectionHeading: section.heading,
            note: args.note,
            author: actor(),
            now,
          });
          setAnnotationTags(db, id, tags.ids);
          audit(id, 'aangemaakt', { standardId: section.standard_id, versionId: section.version_id, sectionId: section.id, citaat: at.quote.slice(0, 200), tags: tags.ids, nieuweTags: tags.created }, now);
          return one(id);
        })
        .immediate();
    },

    /** New note and/or a new set of tags (tagIds replaces the set; newTagNames adds made-on-the-fly tags). */
    update(args: z.output<typeof annotationSchemas.update>): Annotation {
      return db
        .transaction(() => {
          const row = requireOwn(args.id);
          const now = new Date().toISOString();
          const diff: Record<string, unknown> = {};
          const note = args.note === undefined ? row.note : args.note;
          if (note !== row.note) diff.notitie = { van: row.note, naar: note };
          if (args.tagIds !== undefined || args.newTagNames !== undefined) {
            const current = (db.prepare('SELECT tag_id AS id FROM annotation_tag WHERE annotation_id = ? ORDER BY tag_id').all(row.id) as Array<{ id: number }>).map((r) => r.id);
            const tags = resolveTags(args.tagIds ?? current, args.newTagNames ?? [], now);
            if (tags.ids.length === 0) {
              const message = 'Een annotatie heeft minstens één tag; verwijder de annotatie als geen tag meer past.';
              throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Tags: ${message}`, { tagIds: message });
            }
            const sorted = [...tags.ids].sort((a, b) => a - b);
            if (sorted.join() !== current.join()) {
              setAnnotationTags(db, row.id, sorted);
              diff.tags = { van: current, naar: sorted };
              if (tags.created.length) diff.nieuweTags = tags.created;
            }
          }
          if (Object.keys(diff).length === 0) return one(row.id);
          db.prepare('UPDATE annotation SET note = ?, updated_at = ? WHERE id = ?').run(note, now, row.id);
          audit(row.id, 'gewijzigd', diff, now);
          return one(row.id);
        })
        .immediate();
    },

    delete(args: { id: string }): { deleted: string } {
      return db
        .transaction(() => {
          const row = requireOwn(args.id);
          const tags = (db.prepare('SELECT tag_id AS id FROM annotation_tag WHERE annotation_id = ?').all(row.id) as Array<{ id: number }>).map((r) => r.id);
          db.prepare('DELETE FROM annotation WHERE id = ?').run(row.id);
          // The audit keeps what was deleted, so a deleted annotation can still be accounted for.
          audit(row.id, 'verwijderd', { standardId: row.standard_id, versionId: row.version_id, sectionId: row.section_id, citaat: row.quote, notitie: row.note, tags }, new Date().toISOString());
          return { deleted: row.id };
        })
        .immediate();
    },

    listForVersion(args: { versionId: number; author?: string | undefined }): Annotation[] {
      if (!getVersion(db, args.versionId)) throw new ApiError('NIET_GEVONDEN', `Er is geen versie met nummer ${args.versionId}.`);
      return withTags(db, annotationRowsForVersion(db, args.versionId, args.author ?? null));
    },

    /** Annotations waiting to be placed by hand (all, or of one standard), oldest first. */
    unplaced(args: { standardId?: string | undefined }): UnplacedAnnotation[] {
      if (args.standardId !== undefined && !standardIdExists(db, args.standardId)) throw new ApiError('NIET_GEVONDEN', `Er is geen standaard met id "${args.standardId}".`);
      const rows = db
        .prepare(
          `SELECT a.*, st.title AS standard_title, v.label AS version_label, f.label AS from_label
           FROM annotation a JOIN standard st ON st.id = a.standard_id
           LEFT JOIN document_version v ON v.id = a.version_id LEFT JOIN document_version f ON f.id = a.anchored_from_version_id
           WHERE a.anchor_state = 'los' AND (@standardId IS NULL OR a.standard_id = @standardId)
           ORDER BY st.title COLLATE NOCASE, a.created_at, a.id`,
        )
        .all({ standardId: args.standardId ?? null }) as Array<AnnotationRow & { standard_title: string; version_label: string | null; from_label: string | null }>;
      const annotations = withTags(db, rows);
      return annotations.map((a, i) => {
        const r = rows[i] as (typeof rows)[number];
        return { ...a, standardTitle: r.standard_title, versionLabel: r.version_label, anchoredFromVersionLabel: r.from_label };
      });
    },

    /** Places an annotation by hand on a selection in any version of its own standard. */
    place(args: z.output<typeof annotationSchemas.place>): Annotation {
      return db
        .transaction(() => {
          const row = requireOwn(args.id);
          const section = requireSection(args.sectionId);
          if (section.standard_id !== row.standard_id) {
            throw new ApiError('CONFLICT', 'Een annotatie blijft bij haar eigen standaard; kies een plek in een versie van die standaard.');
          }
          const at = verifySpan(section.text, args.start, args.end, args.quote);
          const now = new Date().toISOString();
          placeAnnotation(db, row.id, placementOn(section, at.start, at.end, 'geplaatst'));
          db.prepare('UPDATE annotation SET updated_at = ? WHERE id = ?').run(now, row.id);
          audit(row.id, 'geplaatst', { van: { versionId: row.version_id, sectionId: row.section_id, citaat: row.quote.slice(0, 200) }, naar: { versionId: section.version_id, sectionId: section.id, citaat: at.quote.slice(0, 200) } }, now);
          return one(row.id);
        })
        .immediate();
    },
  };
}

export type AnnotationsService = ReturnType<typeof createAnnotationsService>;
