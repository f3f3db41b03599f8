/**
 * The texts of standards: stored versions, structure corrections on their sections, import jobs
 * and full-text search. Every write is one IMMEDIATE transaction that re-reads the state it
 * checks (another process may share the workspace) and writes an audit entry with the change.
 */
import { z } from 'zod';
import { blocksToText } from '../../common/blocks.js';
import { SECTION_KINDS, VERSION_STATUSES, type Block, type DocumentVersion, type Section, type SearchResult } from '../../common/document.js';
import { ApiError } from '../../common/errors.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import {
  appendSection,
  deleteSectionRow,
  deleteVersionRow,
  getStoredSection,
  getVersion,
  listSections,
  listVersions,
  rewriteOutline,
  updateSectionContent,
  updateSectionLabels,
  updateVersionRow,
  versionOutline,
  type StoredSection,
} from '../../db/queries/documents.js';
import { standardIdExists } from '../../db/queries/standards.js';
import { moveAnnotationsOnMerge, moveAnnotationsOnSplit, relabelAnnotations } from './annotations.js';
import { followMerge, followSplit } from './section-followers.js';
import { createImportJobs, type ImportJobsOptions } from './import-jobs.js';
import { MAX_HEADING_CHARS, MAX_NUMBER_CHARS } from './parsed-document.js';
import { searchSections, type FulltextSearch } from './search.js';
import { canDemote, MAX_LEVEL, shiftSubtree, splitAtBlock, splitAtOffset, widenPages, type OutlineEntry } from './section-tree.js';

export interface VersionWithSections {
  version: DocumentVersion;
  sections: Section[];
  /**
   * Only after a split through an annotation: how many annotations covered the split point and
   * are now 'los', to be placed again by their authors (annotations.unplaced lists them).
   */
  unplacedAnnotations?: number;
}

const rowId = (what: string) =>
  z.number({ error: `Geef het nummer van een ${what}.` }).int(`Geef het nummer van een ${what}.`).positive(`Geef het nummer van een ${what}.`).max(Number.MAX_SAFE_INTEGER);
const versionId = rowId('versie');
const sectionId = rowId('sectie');
const standardId = z.string({ error: 'Geef het id van een standaard.' }).min(1, 'Geef het id van een standaard.').max(120);
const label = z.string({ error: 'Geef de versie een naam.' }).trim().min(1, 'Geef de versie een naam (bijvoorbeeld "2017" of "Concept maart 2026").').max(200, 'Een versienaam heeft hoogstens 200 tekens.');
const status = z.enum(VERSION_STATUSES, { error: 'Kies gepubliceerd of concept.' });
const heading = z.string({ error: 'Geef een kop.' }).trim().min(1, 'Geef een kop.').max(MAX_HEADING_CHARS, `Een kop heeft hoogstens ${MAX_HEADING_CHARS} tekens.`);
const kind = z.enum(SECTION_KINDS, { error: 'Kies een geldige soort sectie.' });
const number = z
  .string({ error: 'Een nummer is tekst, bijvoorbeeld "4.2".' })
  .max(MAX_NUMBER_CHARS, `Een nummer heeft hoogstens ${MAX_NUMBER_CHARS} tekens.`)
  .transform((v) => v.trim() || null)
  .nullable();
const idList = (what: string) => z.array(z.string().min(1).max(120), { error: `Geef een lijst van ${what}.` }).max(200).optional();

// Files cross the JSON transports as base64. Buffer.from would silently skip invalid characters,
// so the alphabet and padding are checked first, with a linear regex: the string may be 130 MB.
const base64File = z
  .string({ error: 'Kies een bestand.' })
  .min(1, 'Het bestand is leeg.')
  .refine((v) => v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v), 'Het bestand is niet goed doorgegeven (geen geldige base64).');

export const documentSchemas = {
  importsStart: z
    .object({
      standardId,
      fileName: z.string({ error: 'Geef de bestandsnaam.' }).trim().min(1, 'Geef de bestandsnaam.').max(255, 'Een bestandsnaam heeft hoogstens 255 tekens.'),
      dataBase64: base64File,
      label,
      status,
      // The version this one replaces: its annotations are carried over (re-anchored) to the new text.
      replacesVersionId: versionId.optional(),
    })
    .strict(),
  job: z.object({ jobId: z.string({ error: 'Geef het nummer van een import.' }).min(1, 'Geef het nummer van een import.').max(100) }).strict(),
  versionsList: z.object({ standardId }).strict(),
  version: z.object({ versionId }).strict(),
  versionsUpdate: z
    .object({ versionId, label: label.optional(), status: status.optional() })
    .strict()
    .refine((a) => a.label !== undefined || a.status !== undefined, { message: 'Geef een nieuwe naam of status.', path: ['label'] }),
  section: z.object({ sectionId }).strict(),
  sectionsSplit: z
    .object({
      sectionId,
      atBlock: z.number({ error: 'Kies het blok waar de nieuwe sectie begint.' }).int('Kies het blok waar de nieuwe sectie begint.').min(1, 'De nieuwe sectie begint op zijn vroegst bij het tweede blok.').optional(),
      atOffset: z.number({ error: 'Kies de plek in de tekst waar de nieuwe sectie begint.' }).int('Kies de plek in de tekst waar de nieuwe sectie begint.').min(1, 'De nieuwe sectie kan niet aan het begin van de tekst beginnen.').optional(),
      heading,
    })
    .strict()
    .refine((a) => (a.atBlock === undefined) !== (a.atOffset === undefined), { message: 'Kies één splitspunt: een blok of een plek in de tekst.', path: ['atBlock'] }),
  sectionsUpdate: z
    .object({ sectionId, heading: heading.optional(), number: number.optional(), kind: kind.optional() })
    .strict()
    .refine((a) => a.heading !== undefined || a.number !== undefined || a.kind !== undefined, { message: 'Geef een nieuwe kop, een nummer of een soort.', path: ['heading'] }),
  search: z
    .object({
      query: z.string({ error: 'Geef een zoekterm.' }).max(10_000, 'Een zoekterm heeft hoogstens 10.000 tekens.'),
      types: idList('typen'),
      owners: idList('organisaties'),
      versionStatus: status.optional(),
      standardIds: idList('standaarden'),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
};

/** Dutch keys for the audit diff of a section edit, like the rest of the audit log. */
const AUDIT_FIELD = { heading: 'kop', number: 'nummer', kind: 'soort' } as const;

export function createDocumentsService(db: Db, actor: () => string, options: ImportJobsOptions = {}) {
  const imports = createImportJobs(db, actor, options);

  function requireVersion(id: number): DocumentVersion {
    const version = getVersion(db, id);
    if (!version) throw new ApiError('NIET_GEVONDEN', `Er is geen versie met nummer ${id}.`);
    return version;
  }

  function requireSection(id: number): StoredSection {
    const section = getStoredSection(db, id);
    if (!section) throw new ApiError('NIET_GEVONDEN', `Er is geen sectie met nummer ${id}.`);
    return section;
  }

  const withSections = (id: number): VersionWithSections => ({ version: requireVersion(id), sections: listSections(db, id) });

  const audit = (versionId: number, action: string, details: Record<string, unknown>) =>
    writeAudit(db, { actor: actor(), action, entity: 'document_version', entityId: String(versionId), details });

  /**
   * Runs a structure edit on one section: in one IMMEDIATE transaction it reads the section and
   * its version's outline, lets `edit` check and write, and returns the version as it now is.
   * An edit may return how many annotations it had to leave 'los'.
   */
  function editSection(id: number, edit: (section: StoredSection, outline: OutlineEntry[], index: number) => number | void): VersionWithSections {
    return db
      .transaction(() => {
        const section = requireSection(id);
        const outline = versionOutline(db, section.versionId).map(({ id: sid, level }) => ({ id: sid, level }));
        const index = outline.findIndex((e) => e.id === id);
        const unplaced = edit(section, outline, index);
        return unplaced ? { ...withSections(section.versionId), unplacedAnnotations: unplaced } : withSections(section.versionId);
      })
      .immediate();
  }

  return {
    imports,

    listVersions(args: { standardId: string }): DocumentVersion[] {
      if (!standardIdExists(db, args.standardId)) throw new ApiError('NIET_GEVONDEN', `Er is geen standaard met id "${args.standardId}".`);
      return listVersions(db, args.standardId);
    },

    getVersion(args: { versionId: number }): VersionWithSections {
      return withSections(args.versionId);
    },

    updateVersion(args: z.output<typeof documentSchemas.versionsUpdate>): DocumentVersion {
      return db
        .transaction(() => {
          const current = requireVersion(args.versionId);
          const next = { label: args.label ?? current.label, status: args.status ?? current.status };
          const diff: Record<string, { van: string; naar: string }> = {};
          if (next.label !== current.label) diff.label = { van: current.label, naar: next.label };
          if (next.status !== current.status) diff.status = { van: current.status, naar: next.status };
          if (Object.keys(diff).length === 0) return current;
          updateVersionRow(db, current.id, next);
          audit(current.id, 'gewijzigd', diff);
          return requireVersion(current.id);
        })
        .immediate();
    },

    /**
     * Deletes a version with its sections. Its annotations are not deleted: they become 'los' (a
     * trigger in migration 003 does it, whoever deletes) and wait in annotations.unplaced.
     */
    deleteVersion(args: { versionId: number }): { deleted: number; unplacedAnnotations: number } {
      return db
        .transaction(() => {
          const current = requireVersion(args.versionId);
          const pilots = db.prepare('SELECT p.title FROM pilot_version pv JOIN pilot p ON p.id = pv.pilot_id WHERE pv.version_id = ? ORDER BY p.title').all(current.id) as Array<{ title: string }>;
          if (pilots.length > 0) {
            throw new ApiError('CONFLICT', `Deze versie hoort bij de pilot ${pilots.map((p) => `"${p.title}"`).join(', ')}. Haal de versie eerst uit de pilot; dan blijft de uitlijning niet half achter.`);
          }
          const annotations = (db.prepare('SELECT count(*) AS n FROM annotation WHERE version_id = ?').get(current.id) as { n: number }).n;
          deleteVersionRow(db, current.id);
          audit(current.id, 'verwijderd', { standardId: current.standardId, label: current.label, fileName: current.fileName, sections: current.sectionCount, annotatiesLos: annotations });
          return { deleted: current.id, unplacedAnnotations: annotations };
        })
        .immediate();
    },

    /** One level up (2 → 1); the sections nested under it move up with it. */
    promote(args: { sectionId: number }): VersionWithSections {
      return editSection(args.sectionId, (section, outline, i) => {
        if (section.level <= 1) throw new ApiError('CONFLICT', `"${section.heading}" staat al op het hoogste niveau.`);
        rewriteOutline(db, section.versionId, shiftSubtree(outline, i, -1));
        audit(section.versionId, 'sectie-hoger', { sectionId: section.id, heading: section.heading, van: section.level, naar: section.level - 1 });
      });
    },

    /** One level down, under the sibling before it; the sections nested under it move down with it. */
    demote(args: { sectionId: number }): VersionWithSections {
      return editSection(args.sectionId, (section, outline, i) => {
        if (!canDemote(outline, i)) {
          throw new ApiError('CONFLICT', `"${section.heading}" kan niet lager: er staat geen sectie van hetzelfde niveau vóór, waar ze onder kan vallen.`);
        }
        const shifted = shiftSubtree(outline, i, 1);
        if (shifted.some((e) => e.level > MAX_LEVEL)) throw new ApiError('CONFLICT', `Dieper dan ${MAX_LEVEL} niveaus kan niet.`);
        rewriteOutline(db, section.versionId, shifted);
        audit(section.versionId, 'sectie-lager', { sectionId: section.id, heading: section.heading, van: section.level, naar: section.level + 1 });
      });
    },

    /**
     * Appends a section to the one before it, for a heading the importer saw where there was none.
     * Its heading is kept as the first paragraph of the appended text, so no words are lost.
     */
    mergeWithPrevious(args: { sectionId: number }): VersionWithSections {
      return editSection(args.sectionId, (section, outline, i) => {
        const previousEntry = outline[i - 1];
        if (!previousEntry) throw new ApiError('CONFLICT', `"${section.heading}" is de eerste sectie en kan niet met een vorige worden samengevoegd.`);
        const previous = requireSection(previousEntry.id);
        // Importers may repeat the number in the heading ("Aanbeveling 1" / "Aanbeveling 1").
        const headingLine = section.number && !section.heading.startsWith(section.number) ? `${section.number} ${section.heading}` : section.heading;
        const blocks: Block[] = [...previous.blocks, ...(headingLine ? [{ type: 'paragraph', text: headingLine } as const] : []), ...section.blocks];
        updateSectionContent(db, previous.id, { heading: previous.heading, number: previous.number, kind: previous.kind, blocks, ...widenPages(previous, section) });
        // The merged text ends with this section's text, so its annotations keep their quotes
        // at the same distance from the end. They move before the row goes (its delete trigger
        // would otherwise leave them 'los').
        const merged = blocksToText(blocks);
        moveAnnotationsOnMerge(db, section.id, previous.id, merged.length - section.text.length);
        followMerge(db, section.id, previous.id, merged.length - section.text.length, section.text.length);
        deleteSectionRow(db, section.id);
        rewriteOutline(db, section.versionId, outline.filter((e) => e.id !== section.id));
        audit(section.versionId, 'sectie-samengevoegd', { sectionId: section.id, heading: section.heading, in: { sectionId: previous.id, heading: previous.heading } });
      });
    },

    /** Cuts a section in two; the second part gets the given heading, the same level and kind. */
    split(args: z.output<typeof documentSchemas.sectionsSplit>): VersionWithSections {
      return editSection(args.sectionId, (section, outline, i) => {
        const parts = args.atBlock !== undefined ? splitAtBlock(section.blocks, args.atBlock) : splitAtOffset(section.blocks, args.atOffset ?? 0);
        if (!parts) {
          const [field, message] =
            args.atBlock !== undefined
              ? ['atBlock', section.blocks.length < 2 ? 'Deze sectie heeft maar één tekstblok; kies een plek in de tekst om te splitsen.' : `Kies een blok van 1 tot en met ${section.blocks.length - 1}.`]
              : ['atOffset', 'Kies een plek binnen de tekst, zodat beide delen tekst houden.'];
          throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Splitspunt: ${message}`, { [field]: message });
        }
        const [head, tail] = parts;
        updateSectionContent(db, section.id, { ...section, blocks: head });
        const newId = appendSection(db, section.versionId, section.level, { heading: args.heading, number: null, kind: section.kind, blocks: tail, pageStart: section.pageStart, pageEnd: section.pageEnd });
        const order = [...outline.slice(0, i + 1), { id: newId, level: section.level }, ...outline.slice(i + 1)];
        rewriteOutline(db, section.versionId, order);
        const unplaced = moveAnnotationsOnSplit(db, section.id, section.text, newId);
        followSplit(db, section.id, section.text, newId);
        audit(section.versionId, 'sectie-gesplitst', { sectionId: section.id, heading: section.heading, nieuw: { sectionId: newId, heading: args.heading }, ...(unplaced ? { annotatiesLos: unplaced } : {}) });
        return unplaced;
      });
    },

    /** Heading, number and kind (e.g. mark as recommendation); unchanged fields write nothing. */
    updateSection(args: z.output<typeof documentSchemas.sectionsUpdate>): VersionWithSections {
      return editSection(args.sectionId, (section) => {
        const next = { heading: args.heading ?? section.heading, number: args.number === undefined ? section.number : args.number, kind: args.kind ?? section.kind };
        const diff: Record<string, { van: unknown; naar: unknown }> = {};
        for (const key of ['heading', 'number', 'kind'] as const) if (next[key] !== section[key]) diff[AUDIT_FIELD[key]] = { van: section[key], naar: next[key] };
        if (Object.keys(diff).length === 0) return;
        updateSectionLabels(db, section.id, next);
        relabelAnnotations(db, section.id, next.number, next.heading);
        audit(section.versionId, 'sectie-gewijzigd', { sectionId: section.id, ...diff });
      });
    },

    search(args: FulltextSearch): SearchResult {
      return searchSections(db, args);
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
